"""Opening databases: URLs, pragmas, migration on open, refusing what is not ours."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from expatdesk import clock
from expatdesk.db import database as database_module
from expatdesk.db.database import Database, open_database
from expatdesk.db.engine import describe, parse_url
from expatdesk.db.migrate import (
    SchemaState,
    automatic_copies,
    backup_sqlite,
    head_revision,
    prune_copies,
)
from expatdesk.errors import DatabaseError, NewerDatabaseError, UserError


def test_plain_path_is_an_sqlite_file(tmp_path: Path) -> None:
    url = parse_url(str(tmp_path / "desk.db"))
    assert url.drivername == "sqlite"
    assert url.database == str(tmp_path / "desk.db")


def test_postgresql_url_uses_psycopg() -> None:
    url = parse_url("postgresql://anna:secret@db.example:5433/centre")
    assert url.drivername == "postgresql+psycopg"
    assert describe(url) == "PostgreSQL anna@db.example:5433/centre"
    assert "secret" not in describe(url)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("mysql://x@y/z", "Unsupported database"),
        ("postgresql+psycopg2://x@y/z", "Unsupported PostgreSQL driver"),
        ("not a url://", "Not a database URL"),
        ("   ", "No database given"),
    ],
)
def test_bad_urls_are_refused_with_a_message(given: str, expected: str) -> None:
    with pytest.raises(UserError, match=expected):
        parse_url(given)


def test_sqlite_pragmas(sqlite_database: Database) -> None:
    with sqlite_database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
        assert connection.execute(text("PRAGMA secure_delete")).scalar() == 1


def test_the_folder_and_the_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "desk.sqlite3"
    database = open_database(str(path), create=True)
    try:
        with database.transaction() as session:
            session.execute(text("UPDATE centre_settings SET idle_lock_minutes = 20"))
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        for suffix in ("", "-wal", "-shm"):
            assert stat.S_IMODE(path.with_name(path.name + suffix).stat().st_mode) == 0o600
        database.backup_to(tmp_path / "copy.sqlite3")
        assert stat.S_IMODE((tmp_path / "copy.sqlite3").stat().st_mode) == 0o600
    finally:
        database.dispose()
    # A file that an older version left readable by everyone is made private when opened.
    path.chmod(0o644)
    open_database(str(path)).dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_automatic_copies_are_removed_after_a_time_or_beyond_a_count(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    open_database(str(path), create=True).dispose()
    now = clock.now().timestamp()
    ages = {"old": 40, "a": 5, "b": 4, "c": 3, "d": 2}
    for name, days in ages.items():
        copy = tmp_path / f"desk.sqlite3.backup-0005-{name}"
        copy.write_bytes(b"copy")
        os.utime(copy, (now - days * 86400, now - days * 86400))
    (tmp_path / "other.sqlite3.backup-0005-x").write_bytes(b"not ours")
    removed = prune_copies(path)
    assert sorted(copy.name for copy in removed) == [
        "desk.sqlite3.backup-0005-a",
        "desk.sqlite3.backup-0005-old",
    ]
    assert [copy.name for copy in automatic_copies(path)] == [
        "desk.sqlite3.backup-0005-b",
        "desk.sqlite3.backup-0005-c",
        "desk.sqlite3.backup-0005-d",
    ]
    assert (tmp_path / "other.sqlite3.backup-0005-x").exists()
    # The copy just made stays, whatever its age.
    database = open_database(str(path))
    try:
        made = backup_sqlite(database.engine, "0006")
    finally:
        database.dispose()
    assert made in automatic_copies(path)
    assert len(automatic_copies(path)) == 3


def test_opening_an_empty_database_migrates_it(empty_url: URL) -> None:
    database = open_database(empty_url, create=True)
    try:
        with database.engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            services = connection.execute(text("SELECT count(*) FROM service_type")).scalar()
        assert revision == head_revision()
        assert services == 17
        assert database.backup_path is None  # nothing to back up yet
    finally:
        database.dispose()


def test_an_outdated_sqlite_file_is_backed_up_before_migrating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "desk.sqlite3"
    open_database(str(path), create=True).dispose()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO employer (employer_ref, name, search_key, high_tech, recognised_sponsor,"
            " version, created_at, updated_at) VALUES ('E1', 'Thales', 'thales', 1, 1, 1,"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    connection.close()
    # Until a second migration exists, "outdated" is simulated: the schema reports one step behind.
    real_state = database_module.schema_state

    def one_step_behind(connection: object) -> SchemaState:
        state = real_state(connection)  # type: ignore[arg-type]
        return SchemaState(state.revision, state.has_tables, known=True, current=False)

    monkeypatch.setattr(database_module, "schema_state", one_step_behind)
    database = open_database(str(path))
    database.dispose()
    assert database.backup_path is not None
    assert database.backup_path.name.startswith(f"desk.sqlite3.backup-{head_revision()}-")
    with sqlite3.connect(database.backup_path) as backup:
        assert backup.execute("SELECT name FROM employer").fetchall() == [("Thales",)]
    backup.close()


def test_tables_of_another_program_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.close()
    with pytest.raises(DatabaseError, match="another program"):
        open_database(str(path))
    with sqlite3.connect(path) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master").fetchall()
    connection.close()
    assert tables == [("recipes",)]


def test_a_newer_database_is_refused_and_left_untouched(empty_url: URL) -> None:
    open_database(empty_url, create=True).dispose()
    engine = create_engine(empty_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    with pytest.raises(NewerDatabaseError, match="newer version of ExpatDesk"):
        open_database(empty_url, create=True)
    with engine.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == "ffff_from_the_future"
        )
    engine.dispose()


def test_a_file_that_is_no_database_gives_a_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n" * 200)
    with pytest.raises(DatabaseError, match="Cannot open the SQLite database"):
        open_database(str(path))
    assert path.read_text().startswith("shopping list")


def test_an_unreachable_server_gives_a_message() -> None:
    url = parse_url("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseError, match="Cannot use the PostgreSQL database"):
        open_database(url)
