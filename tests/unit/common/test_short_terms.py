"""Terms of one or two letters: looked up in the indexes of short terms (migration 0009) where the
walk of the list finds too few, with exactly the records that hold them, in list order."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from expatdesk.common.listing import Order, find_ids, id_query
from expatdesk.db import search_index
from expatdesk.db.database import Database
from expatdesk.db.models import Employer, Expat
from expatdesk.employers import read as employers
from expatdesk.expats import read as expats
from expatdesk.text import search_terms

FAMILY_NAMES = ("Abbas", "de Vries", "Kuipers", "Bakku", "Müller", "Smit", "Wang", "O'Brien")
GIVEN_NAMES = ("Ana", "Kuno", "José", "Priya", "Wei", "Ömer", "50%_off", "王伟明")
#: Two-letter terms at the start, inside and at the very end of search keys (the refs end in
#: "ku" or "zq"), quotes and LIKE wildcards, two short terms together, a single letter, letters
#: beyond ASCII.
SHORT_QUERIES = [
    "ku",
    "KU",
    "zq",
    "qz",
    "de vr",
    "vr de",
    "o'",
    "'b",
    "0%",
    "%_",
    "_o",
    "ü",
    "mu",
    "k",
    "ku wa",
    "ku ana",
    "xx",
    "ku zz",
    "王伟",
    "伟明",
]


@pytest.fixture
def people(database: Database) -> list[int]:
    with database.transaction() as session:
        rows = [
            Expat(
                expat_ref=f"R{number:03d}" + ("ku" if number % 5 == 0 else "zq"),
                given_name=GIVEN_NAMES[number % len(GIVEN_NAMES)],
                family_name=FAMILY_NAMES[number * 3 % len(FAMILY_NAMES)],
            )
            for number in range(120)
        ]
        session.add_all(rows)
        session.add(Employer(employer_ref="EMP-9ku", name="Twickel", high_tech=False))
        session.flush()
        return [row.id for row in rows]


def _expected(database: Database, model: type[Expat] | type[Employer], query: str) -> set[int]:
    with database.reading() as session:
        keys = dict(session.execute(select(model.id, model.search_key)).all())
    terms = search_terms(query)
    return {id_ for id_, key in keys.items() if all(term in key for term in terms)}


def test_the_migration_made_the_indexes_of_short_terms(database: Database) -> None:
    with database.reading() as session:
        connection = session.connection()
        assert search_index.has_short_index(connection, "expat")
        assert search_index.has_short_index(connection, "employer")


def test_short_terms_find_exactly_the_records_that_hold_them(
    database: Database, people: list[int]
) -> None:
    for query in SHORT_QUERIES:
        expected = _expected(database, Expat, query)
        assert set(find_ids(database, expats.LISTING, query)) == expected, query
    assert set(find_ids(database, employers.LISTING, "ku")) == _expected(database, Employer, "ku")
    assert _expected(database, Expat, "ku")
    assert _expected(database, Expat, "zq")


def test_the_index_of_short_terms_answers_two_letter_terms(
    database: Database, people: list[int]
) -> None:
    with database.reading() as session:
        connection = session.connection()
        sql = str(id_query(session, expats.LISTING, "ku").compile(connection))
        lone = str(id_query(session, expats.LISTING, "k").compile(connection))
        filtered = id_query(session, expats.LISTING, "ku", filters={"nationality": "NL"})
        filtered_sql = str(filtered.compile(connection))
    if database.is_sqlite:
        assert "MATCH" in sql
        assert "substr(expat.search_key, -2)" in sql
        assert "MATCH" not in lone
    else:
        assert "regexp_replace(expat.search_key, '(.)', '\\1\\1\\1', 'g') LIKE" in sql
        assert "regexp_replace" not in lone
    assert "substr" not in filtered_sql
    assert "regexp_replace" not in filtered_sql


@pytest.mark.parametrize("walk", [60_000, 40, 3])
def test_the_first_ids_of_short_terms_are_the_start_of_the_whole_list(
    database: Database, people: list[int], monkeypatch: pytest.MonkeyPatch, walk: int
) -> None:
    from expatdesk.common import listing

    monkeypatch.setattr(listing, "WALK_LIMIT", walk)
    monkeypatch.setattr(listing, "WALK_LIMIT_ROWS", walk)
    for query in SHORT_QUERIES:
        for order in (Order("family_name"), Order("family_name", True), Order("ref")):
            whole = list(find_ids(database, expats.LISTING, query, order))
            assert set(whole) == _expected(database, Expat, query), query
            for first in (1, 7, 60):
                found = list(find_ids(database, expats.LISTING, query, order, first=first))
                context = (query, order, first)
                assert found == whole[: len(found)], context
                assert len(found) >= min(first, len(whole)), context
                if len(found) != first:
                    assert found == whole, context
