"""The search indexes of migrations 0005 and 0009: created and dropped, in step with every write,
also after a bulk load, and invisible to the comparison of models and schema."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import Connection, delete, insert, inspect, select, text, update
from sqlalchemy.engine import URL

from expatdesk import demo
from expatdesk.common.listing import Listing, find_ids, matching
from expatdesk.db import search_index
from expatdesk.db.database import Database, open_database
from expatdesk.db.engine import make_engine
from expatdesk.db.migrate import alembic_config
from expatdesk.db.models import Employer, Expat
from expatdesk.employers import read as employers
from expatdesk.expats import read as expats
from expatdesk.text import expat_search_key
from tests.helpers.sample import add_sample

SQLITE_TRIGGERS = {
    f"{fts}_{event}"
    for fts in search_index.FTS_TABLES.values()
    for event in ("insert", "delete", "update")
}


def search_objects(connection: Connection) -> set[str]:
    """The names of the search indexes' tables, triggers and indexes in the database."""
    if connection.dialect.name == "sqlite":
        rows = connection.execute(text("SELECT name FROM sqlite_master"))
        return {name for (name,) in rows} & (search_index.index_objects() | SQLITE_TRIGGERS)
    rows = connection.execute(text("SELECT indexname FROM pg_indexes"))
    return {name for (name,) in rows} & search_index.index_objects()


def expected_objects(backend: str) -> set[str]:
    in_order = {name for name, _columns in search_index.IN_ORDER_INDEXES.values()}
    if backend == "sqlite":
        shadows = {
            f"{fts}_{suffix}"
            for fts in search_index.FTS_TABLES.values()
            for suffix in ("data", "idx", "docsize", "config")
        }
        short = {*search_index.FTS_VOCABULARIES.values(), *search_index.TAIL_INDEXES.values()}
        return set(search_index.FTS_TABLES.values()) | shadows | SQLITE_TRIGGERS | in_order | short
    return (
        set(search_index.TRIGRAM_INDEXES.values())
        | in_order
        | set(search_index.SHORT_INDEXES.values())
    )


def test_the_migration_creates_the_indexes_and_drops_them_again(
    empty_url: URL, backend: str
) -> None:
    open_database(empty_url, create=True).dispose()
    engine = make_engine(empty_url)
    try:
        with engine.connect() as connection:
            assert search_objects(connection) == expected_objects(backend)
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0004")
        with engine.connect() as connection:
            assert search_objects(connection) == set()
            tables = set(inspect(connection).get_table_names())
            assert "expat" in tables
            assert not tables & search_index.index_objects()
    finally:
        engine.dispose()


def test_alembic_leaves_the_search_indexes_alone() -> None:
    assert not search_index.include_name("expat_search", "table", {})
    assert not search_index.include_name("expat_search_data", "table", {})
    assert not search_index.include_name("ix_expat_search_key_trgm", "index", {})
    assert not search_index.include_name("ix_expat_name_search", "index", {})
    assert search_index.include_name("expat", "table", {})
    assert search_index.include_name("ix_expat_search_key", "index", {})


def test_trigrams_and_the_fts_query() -> None:
    assert search_index.trigrams("anna") == ["ann", "nna"]
    assert search_index.trigrams("aaaa") == ["aaa"]
    assert search_index.trigrams("ab") == []
    assert search_index.fts_query(["jose", "ab", "osé"]) == '"jos" "ose" "osé"'
    assert search_index.fts_query(["ab"]) is None


def integrity_check(database: Database) -> None:
    """SQLite compares each FTS index with the rows it indexes (raises when they differ)."""
    if not database.is_sqlite:
        return
    with database.engine.connect() as connection:
        for fts in search_index.FTS_TABLES.values():
            connection.execute(
                text(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
            )


def like_only(database: Database, listing: Listing, query: str) -> set[int]:
    """The ids ``query`` finds without any index: LIKE on every row."""
    statement = select(listing.id_column).where(*matching(listing.search_key, query, indexed=False))
    with database.reading() as session:
        return set(session.scalars(statement))


def assert_searches_agree(database: Database, queries: list[str]) -> None:
    for listing in (expats.LISTING, employers.LISTING):
        for query in queries:
            found = find_ids(database, listing, query)
            assert set(found) == like_only(database, listing, query), (listing.name, query)


def test_the_index_follows_every_write(database: Database) -> None:
    sample = add_sample(database)
    jose = sample.expats["jose"]
    with database.transaction() as session:
        expat = session.get(Expat, jose)
        assert expat is not None
        expat.family_name = "Fernández"  # through the ORM
        expat.email = None
        session.add(Expat(expat_ref="EXP-0100", given_name="Zoë", family_name="Quist"))
    assert list(find_ids(database, expats.LISTING, "fernandez")) == [jose]
    assert list(find_ids(database, expats.LISTING, "garcia")) == []
    assert len(find_ids(database, expats.LISTING, "quist")) == 1

    with database.transaction() as session:  # through Core, as the importer writes
        connection = session.connection()
        connection.execute(
            insert(Expat.__table__),
            [
                {
                    "expat_ref": f"EXP-02{number}",
                    "given_name": "Björk",
                    "family_name": f"Ólafsdóttir {number}",
                    "search_key": expat_search_key("Björk", f"Ólafsdóttir {number}", None, "x"),
                    "survey_consent": False,
                    "version": 1,
                    "created_at": datetime(2026, 1, 1, tzinfo=UTC),
                    "updated_at": datetime(2026, 1, 1, tzinfo=UTC),
                }
                for number in range(3)
            ],
        )
        connection.execute(
            update(Expat.__table__)
            .where(Expat.__table__.c.expat_ref == "EXP-020")
            .values(search_key=expat_search_key("Björk", "Gudmundsdottir", None, "EXP-020"))
        )
        connection.execute(delete(Expat.__table__).where(Expat.__table__.c.expat_ref == "EXP-021"))
        employer = session.get(Employer, sample.employers["bakery"])
        assert employer is not None
        employer.name = "Bakkerij Yılmaz"
    assert len(find_ids(database, expats.LISTING, "olafsdottir")) == 1  # 022 only
    assert len(find_ids(database, expats.LISTING, "gudmundsdottir")) == 1
    assert list(find_ids(database, employers.LISTING, "yilmaz")) == [sample.employers["bakery"]]
    assert list(find_ids(database, employers.LISTING, "olmez")) == []

    with database.transaction() as session:
        session.delete(session.get(Expat, sample.expats["priya"]))
    assert list(find_ids(database, expats.LISTING, "sharma")) == []
    integrity_check(database)
    assert_searches_agree(database, ["jose", "björk", "exp-0", "bak", "a", "ost", "zz"])


@pytest.mark.slow
def test_the_index_is_whole_after_the_demo_bulk_load(database: Database) -> None:
    demo.fill(database, size="small", seed=7, today=date(2026, 11, 26))
    integrity_check(database)
    assert_searches_agree(database, ["jan", "de vries", "garcía", "müller", "wang", "ana", "emp-0"])
    with database.engine.connect() as connection:  # the triggers are back after the load
        assert search_objects(connection) == expected_objects(
            "sqlite" if database.is_sqlite else "postgres"
        )
    add_sample(database)
    assert len(find_ids(database, expats.LISTING, "ostergaard")) == 1
    integrity_check(database)
