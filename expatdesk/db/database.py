"""Opening a database: SQLite file or PostgreSQL server, migrated by Alembic.

:func:`open_database` is the one door to the data. It checks that the server answers or the file is
an SQLite database, refuses a database written by a newer ExpatDesk (leaving it untouched), copies
an SQLite file to a backup before migrating it, and runs the Alembic migrations up to the head.
Schema changes only ever go through migrations, never ``create_all``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from expatdesk.errors import DatabaseError, NewerDatabaseError, UserError
from expatdesk.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

#: The newest schema revision, the last migration in ``migrations/versions`` (a test checks).
#: Knowing it without Alembic lets a database that is up to date open without importing Alembic,
#: which would cost a quarter of a second on every start; Alembic loads only to migrate.
SCHEMA_HEAD = "0003"

SQLITE_BUSY_TIMEOUT_MS = 10_000
POSTGRES_CONNECT_TIMEOUT_S = 5


def parse_url(text: str) -> URL:
    """Turn what the user gave (a URL or a plain file path) into a supported database URL.

    A path without ``://`` is an SQLite file; ``postgresql://`` means the psycopg 3 driver.
    """
    text = text.strip()
    if not text:
        raise UserError(_("No database given."))
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))
    try:
        url = make_url(text)
    except ArgumentError:
        raise UserError(_("Not a database URL: {url}").format(url=text)) from None
    if url.get_backend_name() == "sqlite":
        if url.drivername != "sqlite":
            raise UserError(_("Unsupported SQLite driver in {url}.").format(url=text))
        if url.database and url.database != ":memory:":
            url = url.set(database=str(Path(url.database).expanduser().resolve()))
        return url
    if url.get_backend_name() == "postgresql":
        if url.drivername in ("postgresql", "postgresql+psycopg"):
            return url.set(drivername="postgresql+psycopg")
        raise UserError(
            _("Unsupported PostgreSQL driver in {url}; use postgresql+psycopg://").format(
                url=url.render_as_string(hide_password=True)
            )
        )
    raise UserError(
        _("Unsupported database {url}: use an SQLite file or a postgresql+psycopg:// URL.").format(
            url=url.render_as_string(hide_password=True)
        )
    )


def describe(url: URL) -> str:
    """A short, password-free name of the database, for the status bar and messages."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    host = url.host or "localhost"
    port = f":{url.port}" if url.port else ""
    user = f"{url.username}@" if url.username else ""
    return f"PostgreSQL {user}{host}{port}/{url.database or ''}"


def make_engine(url: URL) -> Engine:
    """An engine with the settings ExpatDesk relies on.

    SQLite: foreign keys enforced, write-ahead log, a busy timeout, and real transactions
    (``BEGIN`` emitted by SQLAlchemy, so DDL and DML of one user action commit or roll back
    together). PostgreSQL: psycopg 3, a connect timeout and pre-ping so a restarted server is
    noticed.
    """
    try:
        if url.get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
            return engine
        return create_engine(
            url,
            pool_pre_ping=True,
            connect_args={
                "connect_timeout": POSTGRES_CONNECT_TIMEOUT_S,
                "application_name": "ExpatDesk",
            },
        )
    except NoSuchModuleError as error:  # pragma: no cover - drivers are dependencies
        raise UserError(str(error)) from None


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event emit BEGIN
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


# --- migrations -------------------------------------------------------------------------------


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


def backup_sqlite(engine: Engine, revision: str | None) -> Path:
    """Copy an SQLite database file, consistently, next to itself; returns the copy's path."""
    source = Path(engine.url.database or "")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(f"{source.name}.backup-{revision or 'empty'}-{stamp}")
    raw = engine.raw_connection()
    try:
        driver_connection = raw.driver_connection
        assert isinstance(driver_connection, sqlite3.Connection)
        with sqlite3.connect(target) as copy:
            driver_connection.backup(copy)
        copy.close()
    finally:
        raw.close()
    return target


# --- the database a program works with --------------------------------------------------------


@dataclass
class Database:
    """An open, migrated database: the engine and a factory for sessions."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    backup_path: Path | None = None

    @property
    def name(self) -> str:
        return describe(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only; nothing it does is committed."""
        with self.sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: URL | str, *, migrate: bool = True) -> Database:
    """Open (and by default migrate) the database at ``url``.

    Raises :class:`DatabaseError` with a message for the user when the server cannot be reached,
    the file is no database, the database belongs to another program, or to a newer ExpatDesk.
    """
    if isinstance(url, str):
        url = parse_url(url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        folder = Path(url.database).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(
                _("Cannot create the folder {folder}: {reason}").format(
                    folder=folder, reason=error.strerror
                )
            ) from None
    engine = make_engine(url)
    database = Database(url, engine, sessionmaker(engine, expire_on_commit=False))
    try:
        with engine.connect() as connection:
            state = schema_state(connection)
            connection.rollback()
        _refuse_foreign(url, state)
        if migrate and not state.current:
            if database.is_sqlite and state.has_tables and url.database != ":memory:":
                database.backup_path = backup_sqlite(engine, state.revision)
            with engine.begin() as connection:
                upgrade(connection)
    except DBAPIError as error:
        engine.dispose()
        raise DatabaseError(_connection_message(url, error)) from None
    except UserError:
        engine.dispose()
        raise
    return database


def _refuse_foreign(url: URL, state: SchemaState) -> None:
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


def _connection_message(url: URL, error: DBAPIError) -> str:
    reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    if url.get_backend_name() == "sqlite":
        return _("Cannot open the SQLite database {name}: {reason}").format(
            name=describe(url), reason=reason
        )
    return _("Cannot use the PostgreSQL database {name}: {reason}").format(
        name=describe(url), reason=reason
    )
