"""Migrating a database: where its schema stands, Alembic up to the head, and the copies of an
SQLite file made before (kept :data:`AUTOMATIC_COPY_DAYS` days, at most
:data:`AUTOMATIC_COPY_COUNT`).

Schema changes only ever go through migrations, never ``create_all``. Alembic is imported only
when a migration runs (or an unknown revision is looked up): an up-to-date database opens without
it (:data:`SCHEMA_HEAD`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import URL

from expatdesk import clock
from expatdesk.db.engine import describe
from expatdesk.errors import DatabaseError, NewerDatabaseError
from expatdesk.i18n import _
from expatdesk.private_files import PRIVATE_FILE_MODE

if TYPE_CHECKING:
    from alembic.config import Config

#: The newest schema revision, the last migration in ``migrations/versions`` (a test checks).
#: Knowing it without Alembic lets a database that is up to date open without importing Alembic,
#: which would cost a quarter of a second on every start; Alembic loads only to migrate.
SCHEMA_HEAD = "0012"
#: The copies ExpatDesk makes of an SQLite file by itself (before migrating it, before restoring
#: a backup over it) are removed after this many days, and beyond this many (the newest stay).
AUTOMATIC_COPY_DAYS = 30
AUTOMATIC_COPY_COUNT = 3


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, pointing at the migrations inside the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "expatdesk.db:migrations")
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The head revision as Alembic finds it in the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


@dataclass(frozen=True)
class SchemaState:
    """Where a database's schema stands relative to this version of ExpatDesk."""

    revision: str | None  # None: no ExpatDesk schema yet
    has_tables: bool
    known: bool  # the revision is one of ours
    current: bool  # the revision is the head


def schema_state(connection: Connection) -> SchemaState:
    tables = set(inspect(connection).get_table_names())
    has_tables = bool(tables - {"alembic_version"})
    revision = None
    if "alembic_version" in tables:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision is None:
        return SchemaState(None, has_tables, known=True, current=False)
    if revision == SCHEMA_HEAD:
        return SchemaState(revision, has_tables, known=True, current=True)
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    try:
        known = ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        known = False
    return SchemaState(revision, has_tables, known, current=False)


def upgrade(connection: Connection) -> None:
    """Migrate to the head inside the caller's transaction."""
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


def migrate_engine(engine: Engine, before: Callable[[Connection], None] | None = None) -> None:
    """Migrate the database of ``engine`` to the head in one transaction.

    On SQLite the foreign keys are off while the migrations run (a migration that rebuilds a
    table must drop it, which would otherwise delete the rows that refer to it) and checked
    before the transaction commits. ``before`` runs first in the same transaction.
    """
    with engine.connect() as connection:
        driver = (
            connection.connection.driver_connection if engine.dialect.name == "sqlite" else None
        )
        if driver is not None:
            driver.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                if before is not None:
                    before(connection)
                upgrade(connection)
                if driver is not None:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                    if broken is not None:
                        raise DatabaseError(
                            _(
                                "The migration left records that refer to missing ones ({table})."
                            ).format(table=broken[0])
                        )
        finally:
            if driver is not None:
                driver.execute("PRAGMA foreign_keys = ON")


def copy_sqlite(source: sqlite3.Connection, target: Path) -> None:
    """Copy an open SQLite database to the file ``target`` with SQLite's online backup API.

    The copy is consistent even while other connections write, and it appears under its name
    only when complete (written next to it under a temporary name, then renamed).
    """
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        # Private from the first byte: created 0600 before SQLite writes into it.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
        finally:
            copy.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        reason = error.strerror if isinstance(error, OSError) else str(error)
        raise DatabaseError(
            _("Cannot write the backup {path}: {reason}").format(path=target, reason=reason)
        ) from None


def driver_connection(engine: Engine) -> tuple[sqlite3.Connection, Any]:
    raw = engine.raw_connection()
    driver_connection = raw.driver_connection
    assert isinstance(driver_connection, sqlite3.Connection)
    return driver_connection, raw


def backup_sqlite(engine: Engine, revision: str | None) -> Path:
    """Copy an SQLite database file, consistently, next to itself; returns the copy's path."""
    source = Path(engine.url.database or "")
    stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(f"{source.name}.backup-{revision or 'empty'}-{stamp}")
    connection, raw = driver_connection(engine)
    try:
        copy_sqlite(connection, target)
    finally:
        raw.close()
    # Its age is counted on the app's clock, like everything else (prune_copies compares them).
    made = clock.now().timestamp()
    os.utime(target, (made, made))
    prune_copies(source, keep=target)
    return target


def automatic_copies(database_path: Path) -> list[Path]:
    """The copies ExpatDesk made of the SQLite file ``database_path`` by itself, oldest first."""
    if not database_path.name:
        return []
    found = [
        path
        for path in database_path.parent.glob(f"{database_path.name}.backup-*")
        if path.is_file() and not path.name.endswith(("-wal", "-shm", "-journal"))
    ]
    return sorted(found, key=lambda path: (path.stat().st_mtime, path.name))


def prune_copies(database_path: Path, keep: Path | None = None) -> list[Path]:
    """Remove the automatic copies older than :data:`AUTOMATIC_COPY_DAYS` days and all but the
    newest :data:`AUTOMATIC_COPY_COUNT`; ``keep`` (the one just made) always stays."""
    copies = automatic_copies(database_path)
    limit = clock.now().timestamp() - AUTOMATIC_COPY_DAYS * 86400
    surplus = set(copies[: max(len(copies) - AUTOMATIC_COPY_COUNT, 0)])
    removed = []
    for path in copies:
        if path != keep and (path in surplus or path.stat().st_mtime < limit):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def refuse_foreign(url: URL, state: SchemaState) -> None:
    if not state.known:
        raise NewerDatabaseError(
            _(
                "The database {name} was written by a newer version of ExpatDesk "
                "(schema {revision}). Install that version to open it; "
                "the database was left untouched."
            ).format(name=describe(url), revision=state.revision)
        )
    if state.revision is None and state.has_tables:
        raise DatabaseError(
            _(
                "The database {name} holds tables of another program; ExpatDesk does not touch it."
            ).format(name=describe(url))
        )
