"""Whatever a file holds, an import ends in errors or success: never a crash, never half a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expatdesk.accounts.actor import SYSTEM
from expatdesk.db.database import Database
from expatdesk.errors import UserError
from expatdesk.exchange import KINDS, import_file
from tests.unit.exchange.util import EMPLOYERS, EXPATS, counts, load

PROPERTY = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SURVEYS = (
    "response_ref,respondent_type,respondent_ref,date,score_service,score_added_value,"
    "intends_to_leave,facilities_used\n"
    "R-1,expat,EX-1,2015-01-01,7,,unsure,expat_centre|housing_service\n"
    "R-2,employer,EMP-1,02-01-2015,8,9,,\n"
    "R-3,expat,,2015-01-03,,,nee,\n"
)


@pytest.fixture
def people(sqlite_database: Database, tmp_path: Path) -> Database:
    load(sqlite_database, tmp_path, "employers", EMPLOYERS)
    load(sqlite_database, tmp_path, "expats", EXPATS)
    return sqlite_database


def _import_is_all_or_nothing(database: Database, path: Path, kind: str) -> None:
    before = counts(database)
    try:
        plan = import_file(database, SYSTEM, kind, path)
    except UserError:
        assert counts(database) == before
        return
    if plan.errors:
        assert counts(database) == before
        assert all(error.row >= 1 and error.message for error in plan.errors)


@PROPERTY
@given(content=st.binary(max_size=2000), kind=st.sampled_from(list(KINDS)))
def test_random_bytes(people: Database, tmp_path: Path, content: bytes, kind: str) -> None:
    for suffix in (".csv", ".xlsx"):
        path = tmp_path / f"random{suffix}"
        path.write_bytes(content)
        _import_is_all_or_nothing(people, path, kind)


@st.composite
def _mangled(draw: st.DrawFn) -> bytes:
    text = SURVEYS
    for _ in range(draw(st.integers(0, 3))):
        position = draw(st.integers(0, len(text)))
        insert = draw(
            st.one_of(
                st.text(max_size=20),
                st.sampled_from([",", ";", '"', "\n", "\r", "|", "=", "'", "\x00", "\ufeff"]),
                st.just("x" * draw(st.integers(0, 1_100_000))),
            )
        )
        text = text[:position] + insert + text[position:]
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


@PROPERTY
@given(content=_mangled())
def test_mangled_survey_files(people: Database, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "mangled.csv"
    path.write_bytes(content)
    _import_is_all_or_nothing(people, path, "surveys")


@PROPERTY
@given(
    cells=st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=10), min_size=1, max_size=8),
    kind=st.sampled_from(list(KINDS)),
)
def test_random_cells_under_a_valid_header(
    people: Database, tmp_path: Path, cells: list[list[str]], kind: str
) -> None:
    import csv

    path = tmp_path / "cells.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(KINDS[kind].column_names)
        writer.writerows(cells)
    _import_is_all_or_nothing(people, path, kind)
