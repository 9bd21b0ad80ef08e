"""Timing how long opening a record takes: the ids it opens and the figures it gives."""

from __future__ import annotations

from datetime import date

import pytest

from expatdesk.bench.open_record import (
    busiest_expats,
    open_employers,
    open_expats,
    random_ids,
    summarise,
)
from expatdesk.db.database import Database
from expatdesk.db.models import Case, ServiceDelivery
from expatdesk.expats.read import ExpatDetail
from tests.helpers.sample import Sample, add_sample


@pytest.fixture
def sample(sqlite_database: Database) -> Sample:
    return add_sample(sqlite_database)


def test_every_record_opened_is_timed_and_rendered(
    sqlite_database: Database, sample: Sample
) -> None:
    pages: list[str] = []
    shown: list[str] = []

    def render(record: ExpatDetail) -> str:
        pages.append(record.name)
        return "<html></html>"

    ids = [sample.expats["jose"], sample.expats["anna"], 999_999]
    latencies = open_expats(sqlite_database, ids, render=render, show=shown.append)
    assert len(latencies) == 3
    assert all(latency > 0 for latency in latencies)
    assert pages == ["José García", "Anna Müller"]  # a missing record is timed, not rendered
    assert shown == ["<html></html>"] * 2
    assert len(open_employers(sqlite_database, sample.employers.values())) == 3


def test_random_and_busiest_records(sqlite_database: Database, sample: Sample) -> None:
    anna, lars = sample.expats["anna"], sample.expats["lars"]
    with sqlite_database.transaction() as session:
        session.add_all(
            [
                Case(case_ref="C-1", subject="a", expat_id=anna, opened_on=date(2025, 1, 1)),
                Case(case_ref="C-2", subject="b", expat_id=anna, opened_on=date(2025, 1, 1)),
                Case(case_ref="C-3", subject="c", expat_id=anna, opened_on=date(2025, 1, 1)),
                ServiceDelivery(
                    service_ref="S-1",
                    service_code="digid",
                    delivered_on=date(2025, 1, 1),
                    expat_id=lars,
                ),
            ]
        )
    # José has two family members and a permit: three rows, as many as Anna's cases.
    jose = sample.expats["jose"]
    assert busiest_expats(sqlite_database, 3) == [min(anna, jose), max(anna, jose), lars]
    chosen = random_ids(sqlite_database, "expat", 3, seed=7)
    assert len(chosen) == 3
    assert set(chosen) <= set(sample.expats.values())
    assert chosen == random_ids(sqlite_database, "expat", 3, seed=7)  # repeatable
    assert sorted(random_ids(sqlite_database, "employer", 10)) == sorted(sample.employers.values())


def test_summary() -> None:
    figures = summarise([float(n) for n in range(1, 101)])
    assert (figures.count, figures.p50, figures.worst) == (100, 50.5, 100.0)
    assert figures.p95 == pytest.approx(95.05)
    assert "p95 95.0 ms" in figures.line("random expats")
    assert "within the 100 ms budget" in figures.line("x")
    assert "OVER" in summarise([150.0, 160.0]).line("x")
    assert summarise([]).count == 0
