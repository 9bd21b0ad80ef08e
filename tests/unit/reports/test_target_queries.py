"""The counts behind targets N–Q: the year of a date, and both ways of counting survey answers."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Date, event, func, literal, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from expatdesk.db.database import Database
from expatdesk.db.models import SurveyResponse
from expatdesk.reports import target_queries as queries
from tests.unit.reports.records import records


def test_year_of_speaks_each_engines_sql() -> None:
    expression = queries.year_of(SurveyResponse.responded_on)
    assert str(expression.compile(dialect=sqlite.dialect())) == (
        "CAST(substr(survey_response.responded_on, 1, 4) AS INTEGER)"
    )
    assert str(expression.compile(dialect=postgresql.dialect())) == (
        "CAST(EXTRACT(YEAR FROM survey_response.responded_on) AS INTEGER)"
    )


@pytest.mark.parametrize("day", [date(1899, 12, 31), date(2015, 1, 1), date(2200, 12, 31)])
def test_year_of_gives_the_calendar_year(database: Database, day: date) -> None:
    with database.reading() as session:
        year = session.execute(select(queries.year_of(literal(day, Date)))).scalar_one()
    assert year == day.year
    assert isinstance(year, int)


def test_year_range_is_half_open() -> None:
    assert queries.year_range(2014, 2016) == (date(2014, 1, 1), date(2017, 1, 1))


def _every_kind_of_answer(database: Database) -> None:
    """Every value the CHECK constraints allow, blanks included, over two years and a boundary."""
    grades: list[int | None] = [None, *range(1, 11)]
    with records(database) as add:
        for index, grade in enumerate(grades):
            for other in grades[index % 3 :: 3]:
                add.employer_response(date(2019, 12, 31), grade, other)
                add.employer_response(date(2020, 1, 1), other, grade)
            for leave in (None, "yes", "no", "unsure"):
                add.expat_response(date(2020, 6, 1), service=grade, leave=leave)
                add.expat_response(
                    date(2019, 6, 1),
                    service=grade,
                    leave=leave,
                    facilities=["expat_centre", "social_events"][: index % 3],
                )
        add.expat_response(date(2021, 1, 1), service=5, leave="yes")  # outside the years asked


def test_counting_by_seeks_equals_counting_by_grouping(database: Database) -> None:
    _every_kind_of_answer(database)
    with database.reading() as session:
        seek_rows, seek_users = queries._counted_by_seeks(session, 2019, 2020)
        group_rows, group_users = queries._counted_by_grouping(session, 2019, 2020)
        total = session.execute(
            select(func.count()).where(SurveyResponse.responded_on < date(2021, 1, 1))
        ).scalar_one()

    assert {row for row in seek_rows if row[5]} == set(group_rows)
    assert len(group_rows) == len(set(group_rows))
    assert seek_users == group_users
    assert sum(row[5] for row in seek_rows) == total == 170  # the grid misses no combination
    # 7 grades' responses name facilities, with each of 3 intentions; naming two is one user.
    assert seek_users == {(2019, "yes"): 7, (2019, "no"): 7, (2019, "unsure"): 7}


def test_survey_counts_are_the_margins_of_the_answers(database: Database) -> None:
    _every_kind_of_answer(database)
    with database.reading() as session:
        counts = queries.survey_counts(session, 2019, 2020)

    assert sum(counts.employers[2019].service.values()) == 41 - 4  # blank service left out
    assert sum(counts.employers[2019].added_value.values()) == 41 - 4  # blank added value
    expats_2020 = counts.expats[2020]
    assert sum(expats_2020.service.values()) == 10 * 4  # blank grades left out
    assert expats_2020.leaving == queries.Answers(11 * 3, 11)  # blank intentions left out
    assert expats_2020.used == queries.Answers(0, 0)
    assert counts.expats[2019].used == queries.Answers(21, 7)
    assert counts.expats[2019].not_used == queries.Answers(12, 4)
    assert 2021 not in counts.expats


def test_sqlite_counts_answers_in_the_answers_index(sqlite_database: Database) -> None:
    """Without ix_survey_response_answers every grid cell would scan a year of responses."""
    database = sqlite_database
    statements: list[tuple[str, object]] = []

    def remember(
        _conn: Connection, _cursor: object, statement: str, parameters: object, *_: object
    ) -> None:
        statements.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", remember)
    try:
        with database.reading() as session:
            queries.survey_counts(session, 2019, 2020)
            grid, parameters = next(item for item in statements if "grid" in item[0])
            plan = session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + grid, parameters)
            details = " | ".join(str(row[-1]) for row in plan)
    finally:
        event.remove(database.engine, "before_cursor_execute", remember)
    assert "COVERING INDEX ix_survey_response_answers" in details
    assert "SCAN survey_response " not in details + " "


def test_without_the_answers_index_sqlite_counts_by_grouping(sqlite_database: Database) -> None:
    database = sqlite_database
    _every_kind_of_answer(database)
    with database.reading() as session:
        with_index = queries.survey_counts(session, 2019, 2020)
    with database.transaction() as session:
        session.execute(text(f"DROP INDEX {queries.ANSWERS_INDEX}"))
    statements: list[str] = []

    def remember(_conn: Connection, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", remember)
    try:
        with database.reading() as session:
            without_index = queries.survey_counts(session, 2019, 2020)
    finally:
        event.remove(database.engine, "before_cursor_execute", remember)
    assert without_index == with_index
    assert not any("grid" in statement for statement in statements)
