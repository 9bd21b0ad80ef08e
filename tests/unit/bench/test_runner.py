"""``expatdesk bench`` runs every measurement in child processes and writes the figures as JSON.

The figures themselves depend on the machine; these tests check that the machinery runs end to end
on the small demo and that what it writes has the right shape: a number for every figure, floor and
ratio, a budget and a verdict where the issues set one.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from datetime import date
from pathlib import Path

import pytest

from expatdesk import demo
from expatdesk.bench.results import BUDGETS, KEYS
from expatdesk.bench.runner import compile_modules
from expatdesk.cli.main import main
from expatdesk.db.database import Database


@pytest.mark.slow
def test_the_bench_measures_everything_on_the_small_demo(
    sqlite_database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo.fill(sqlite_database, size="small", seed=2014, today=date(2026, 11, 26))
    sqlite_database.dispose()
    output = tmp_path / "bench.json"
    path = sqlite_database.url.database or ""

    code = main(
        [
            "--database", path, "bench", "--allow-small", "--repeat", "1",
            "--import-rows", "300", "--scroll-steps", "5", "--json", str(output),
            "--soak-desks", "3", "--soak-seconds", "3",
        ]
    )  # fmt: skip

    captured = capsys.readouterr()
    table = captured.out
    assert code == 0, captured.err
    assert table.startswith(f"ExpatDesk bench on {path} (3,000 expats), ")
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["expats"] == 3000
    assert data["backend"] == "sqlite"
    assert [result["key"] for result in data["results"]] == list(KEYS)
    for result in data["results"]:
        assert result["skipped"] is None
        for name in ("figure_s", "floor_s", "ratio", "peak_rss_mb"):
            value = result[name]
            assert isinstance(value, float | int), (result["key"], name, value)
            assert math.isfinite(value)
            assert value > 0, (result["key"], name)
        assert result["ratio"] == pytest.approx(result["figure_s"] / result["floor_s"], rel=0.01)
        budget = BUDGETS.get(result["key"])
        assert (result["budget"] is None) == (budget is None)
        assert result["met"] in ((None,) if budget is None else (True, False))
        assert result["what"] in table
    details = {result["key"]: result["details"] for result in data["results"]}
    assert details["import"]["rows"] == 300
    assert details["scroll"]["rows"] == 3000
    assert details["search"]["keys"] > 10
    assert details["open_expat"]["expats"] > 0
    soak = details["soak"]
    assert (soak["desks"], soak["seconds"]) == (3, 3)
    assert soak["saves"] > 3
    assert soak["saves_per_s"] == pytest.approx(soak["saves"] / 3, abs=0.1)
    assert soak["cores"] >= 1
    assert "3 desks saving at once for 3 s, p95 per save" in table
    assert " saves per second, p50 " in table


def test_a_database_that_is_not_the_large_demo_is_refused(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sqlite_database.url.database or ""
    assert main(["--database", path, "bench"]) == 1
    assert capsys.readouterr().err == (
        f"expatdesk: {path} holds 0 expats: the bench is meant for the large demo database "
        "(expatdesk demo --size large, 500,000 expats). Add --allow-small to measure it anyway.\n"
    )


def test_unknown_figures_are_refused(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sqlite_database.url.database or ""
    assert main(["--database", path, "bench", "--allow-small", "--only", "search,speed"]) == 1
    assert capsys.readouterr().err.startswith("expatdesk: Unknown figure speed; choose from ")


def test_the_modules_are_compiled_first_even_where_python_writes_no_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Otherwise every child of the bench compiles the start path anew (as installed, it is not)."""
    package = tmp_path / "package"
    (package / "inner").mkdir(parents=True)
    for module in (package / "__init__.py", package / "inner" / "module.py"):
        module.write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    compile_modules(package)
    for module in (package / "__init__.py", package / "inner" / "module.py"):
        assert Path(importlib.util.cache_from_source(str(module))).is_file()
