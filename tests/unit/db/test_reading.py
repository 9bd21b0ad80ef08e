"""A read (:meth:`Database.reading`) saves nothing, and on PostgreSQL keeps the statements prepared.

On PostgreSQL a read is a ``READ ONLY`` transaction that ends with ``COMMIT``: psycopg forgets its
prepared statements at every ``ROLLBACK``, and reads ending with one kept every statement of the
app from being prepared (issue 20, the save path's cost).
"""

from __future__ import annotations

import warnings

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

from expatdesk.db.database import Database
from expatdesk.db.models import Expat


def _expat(database: Database) -> int:
    with database.transaction() as session:
        expat = Expat(expat_ref="EXP-READ", given_name="Anna", family_name="Read", notes="kept")
        session.add(expat)
        session.flush()
        return expat.id


def _notes(database: Database, expat_id: int) -> str | None:
    with database.reading() as session:
        return session.scalar(select(Expat.notes).where(Expat.id == expat_id))


def test_a_read_saves_nothing(database: Database) -> None:
    expat_id = _expat(database)
    change = update(Expat).where(Expat.id == expat_id).values(notes="changed")
    if database.is_sqlite:  # rolled back
        with database.reading() as session:
            session.execute(change)
    else:  # refused by the server
        with (
            pytest.raises(DBAPIError, match="read-only transaction"),
            database.reading() as session,
        ):
            session.execute(change)
    assert _notes(database, expat_id) == "kept"
    with database.transaction() as session:  # a write after a read may write
        session.execute(change)
    assert _notes(database, expat_id) == "changed"


@pytest.mark.postgres
def test_reads_keep_the_statements_prepared(database: Database) -> None:
    if database.is_sqlite:
        pytest.skip("psycopg's prepared statements are PostgreSQL's")
    expat_id = _expat(database)
    # psycopg prepares a statement at its sixth run on a connection, and the reads go round the
    # connections the pool holds (the suite's database has served earlier tests): enough reads
    # for every one of them, so that the one the check gets has run it six times too.
    pool = database.engine.pool
    assert isinstance(pool, QueuePool)
    pooled = pool.checkedin() + 1
    for _read in range(6 * pooled + 2):
        assert _notes(database, expat_id) == "kept"
    with database.reading() as session:
        prepared = list(session.scalars(text("SELECT statement FROM pg_prepared_statements")))
    assert any(statement.startswith("SELECT expat.notes") for statement in prepared), prepared


@pytest.mark.postgres
def test_a_read_may_choose_its_isolation_level_first(database: Database) -> None:
    if database.is_sqlite:
        pytest.skip("PostgreSQL's isolation levels")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "execution_options ignored" would be a warning
        with database.reading() as session:
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            assert session.scalar(text("SHOW transaction_isolation")) == "repeatable read"
            assert session.scalar(text("SHOW transaction_read_only")) == "on"
    with database.transaction() as session:  # the connection went back to the pool as it was
        assert session.scalar(text("SHOW transaction_isolation")) == "read committed"
        assert session.scalar(text("SHOW transaction_read_only")) == "off"
