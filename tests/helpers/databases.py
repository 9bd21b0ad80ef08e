"""Databases for tests: a fresh SQLite file per test, and PostgreSQL when it is configured.

``EXPATDESK_TEST_POSTGRES_URL`` names a PostgreSQL database the tests may wipe (its role needs
CREATEDB for the migration tests). Without it the PostgreSQL variants are skipped; CI sets it, so
there they run and fail rather than skip when the server is missing.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

from expatdesk.db.database import Database, open_database
from expatdesk.db.engine import parse_url
from expatdesk.db.models import Base, CodeMixin

POSTGRES_ENV = "EXPATDESK_TEST_POSTGRES_URL"

#: Tables the migrations fill with code lists; tests leave them alone.
CODE_TABLES = frozenset(
    mapper.local_table.name  # type: ignore[union-attr]
    for mapper in Base.registry.mappers
    if issubclass(mapper.class_, CodeMixin)
)


def postgres_url() -> URL | None:
    value = os.environ.get(POSTGRES_ENV)
    return parse_url(value) if value else None


def require_postgres_url() -> URL:
    """The test server's URL; skips the test without one, or fails it where CI demands one."""
    url = postgres_url()
    if url is None:
        if os.environ.get("EXPATDESK_REQUIRE_POSTGRES"):
            pytest.fail(f"{POSTGRES_ENV} is not set, but EXPATDESK_REQUIRE_POSTGRES is")
        pytest.skip(f"{POSTGRES_ENV} is not set")
    return url


def sqlite_template(folder: Path) -> Path:
    """A migrated, empty SQLite file that tests copy instead of migrating again."""
    path = folder / "template.sqlite3"
    database = open_database(str(path), create=True)
    database.dispose()
    return path


def copy_sqlite(template: Path, target: Path) -> Database:
    for suffix in ("", "-wal", "-shm"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copy(source, target.with_name(target.name + suffix))
    return open_database(str(target))


def reset_postgres(url: URL) -> None:
    """Drop everything in the test database, so migrations start from empty."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


#: Tables the migrations fill with data that tests keep (the settings row is reset instead).
MIGRATION_DATA_TABLES = CODE_TABLES | {"checklist_item", "centre_settings"}


def truncate_postgres(database: Database) -> None:
    """Empty every table but the migrations' data and Alembic's bookkeeping."""
    tables = [name for name in Base.metadata.tables if name not in MIGRATION_DATA_TABLES]
    quoted = ", ".join(f'"{name}"' for name in tables)
    with database.engine.begin() as connection:
        # First, so that the trail's entry of the reset goes too.
        connection.execute(
            text(
                "UPDATE centre_settings"
                " SET retention_years = 7, idle_lock_minutes = 15, version = 1"
            )
        )
        connection.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))


@contextmanager
def scratch_postgres_database(url: URL) -> Iterator[URL]:
    """A new, empty PostgreSQL database on the test server, dropped afterwards."""
    name = f"expatdesk_scratch_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name)
    finally:
        try:
            with admin.connect() as connection:
                _wait_for_other_roles_to_leave(connection, name)
                _drop_database(admin, connection, name)
                drop_roles_of(connection, name)
        finally:
            admin.dispose()


def _drop_database(admin: Engine, connection: Connection, name: str) -> None:
    """Drop ``name``, ending the processes still in it; at most 10 s of retries.

    ``WITH (FORCE)`` ends the dropping role's own processes, but fails for a non-superuser as
    long as an autovacuum worker (a process without a role) is in the database: "must be a member
    of the role whose process is being terminated" (seen under load). A plain ``DROP DATABASE``
    asks the autovacuum worker to stop and waits for it; it fails only while a client stays.
    """
    deadline = time.monotonic() + 10
    while True:
        try:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError as forced:
            try:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                return
            except DBAPIError:
                if time.monotonic() > deadline:  # say who stayed
                    raise AssertionError(
                        f"{name} could not be dropped ({forced.orig}); still connected: "
                        f"{_still_connected(admin, name)}"
                    ) from None
                time.sleep(0.1)


def _still_connected(admin: Engine, database: str) -> list[tuple[object, ...]]:
    """Who is in ``database`` now (role, program, kind of process, state): no statement text."""
    with admin.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                text(
                    "SELECT usename, application_name, backend_type, state, backend_start"
                    " FROM pg_stat_activity WHERE datname = :name"
                ),
                {"name": database},
            )
        ]


def _wait_for_other_roles_to_leave(connection: Connection, database: str) -> None:
    """The server ends a closed connection's process a moment later; FORCE may only end the
    processes of the dropping role, so wait (at most 10 s) for staff logins' to end."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        left = connection.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = :name AND usename IS DISTINCT FROM current_user"
                " AND backend_type = 'client backend'"
            ),
            {"name": database},
        ).scalar()
        if not left:
            return
        time.sleep(0.05)


def drop_roles_of(connection: Connection, database: str) -> None:
    """Drop the logins and then the group roles of ``database`` (made by ExpatDesk)."""
    for separator in ("/", ":"):
        names = connection.execute(
            text("SELECT rolname FROM pg_roles WHERE starts_with(rolname, :prefix)"),
            {"prefix": database + separator},
        ).scalars()
        for role in list(names):
            quoted = role.replace('"', '""')
            connection.execute(text(f'DROP ROLE IF EXISTS "{quoted}"'))
