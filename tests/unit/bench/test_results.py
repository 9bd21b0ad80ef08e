"""The bench's figures: percentiles, budgets, ratios, the table and the JSON."""

from __future__ import annotations

import json

import pytest

from expatdesk.bench.results import BUDGETS, KEYS, BenchReport, Budget, Result, duration, percentile


def test_percentile_is_the_nearest_rank() -> None:
    values = [0.5, 0.1, 0.4, 0.2, 0.3]
    assert percentile(values, 0.5) == 0.3
    assert percentile(values, 0.95) == 0.5
    assert percentile(values, 0.2) == 0.1
    assert percentile([7.0], 0.95) == 7.0
    with pytest.raises(ValueError, match="no values"):
        percentile([], 0.5)


def test_budgets_of_time_and_of_memory() -> None:
    search = Result("search", figure_s=0.049, floor_s=0.001, peak_rss_mb=80)
    slow = Result("search", figure_s=0.051, floor_s=0.001)
    assert search.met is True
    assert slow.met is False
    assert BUDGETS["search"].text() == "≤ 50 ms"
    assert BUDGETS["report_pdf"].text() == "≤ 6 s"
    assert BUDGETS["scroll"].text() == "< 300 MB"
    scroll = Budget(300, "MB", strict=True)
    assert scroll.met(Result("scroll", 1.0, 0.5, peak_rss_mb=299.9)) is True
    assert scroll.met(Result("scroll", 1.0, 0.5, peak_rss_mb=300.0)) is False
    assert Result("startup", 1.0, 0.5).met is None  # start-up has no budget


def test_ratio_of_figure_to_floor() -> None:
    assert Result("import", 6.0, 1.5).ratio == 4.0
    assert Result("import", 6.0, 0.0).ratio is None
    assert Result("import", None, None, skipped="no scratch database").ratio is None


def report() -> BenchReport:
    return BenchReport(
        database="/tmp/large.sqlite3",
        backend="sqlite",
        expats=500_000,
        started="2026-11-26T20:00:00",
        machine={"cpus": 2},
        results=[
            Result("search", 0.0412, 0.0003, 95.4, None, {"p50_s": 0.01}),
            Result("import", 16.5, 2.2, 130.0, 60.0, {"rows": 100_000}),
            Result("report_json", None, None, skipped="Not measured."),
        ],
    )


def test_the_table_has_each_figure_beside_its_floor_and_budget() -> None:
    table = report().table()
    lines = table.splitlines()
    assert lines[0] == "ExpatDesk bench on /tmp/large.sqlite3 (500,000 expats), 2026-11-26T20:00:00"
    search = next(line for line in lines if line.startswith("search as you type"))
    assert "41.2 ms" in search
    assert "0.3 ms" in search
    assert "137.3×" in search
    assert search.endswith("≤ 50 ms  yes")
    imported = next(line for line in lines if line.startswith("importing 100,000 survey rows"))
    assert "16.50 s" in imported
    assert "7.5×" in imported
    assert "130 / 60" in imported
    assert imported.endswith("≤ 15 s   NO")
    assert "  targets report as JSON (whole command): floor = the raw SQL aggregates" in lines
    assert "    Not measured." in lines


def test_the_json_holds_numbers_and_verdicts() -> None:
    data = json.loads(json.dumps(report().to_json()))
    assert data["expats"] == 500_000
    search, imported, skipped = data["results"]
    assert search["key"] == "search"
    assert search["ratio"] == 137.0
    assert search["budget"] == {"limit": 0.05, "unit": "s", "strict": False}
    assert search["met"] is True
    assert imported["what"] == "importing 100,000 survey rows (whole command)"
    assert imported["met"] is False
    assert skipped["ratio"] is None
    assert skipped["skipped"] == "Not measured."


def test_durations_read_naturally() -> None:
    assert duration(0.0412) == "41.2 ms"
    assert duration(2.3456) == "2.35 s"
    assert set(KEYS) == set(BUDGETS) | {"startup"}
