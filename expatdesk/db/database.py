"""Opening a database: SQLite file or PostgreSQL server, migrated by Alembic.

:func:`open_database` is the one door to the data. It checks that the server answers or the file is
an SQLite database, refuses a database written by a newer ExpatDesk (leaving it untouched), copies
an SQLite file to a backup before migrating it, and runs the Alembic migrations up to the head.
Schema changes only ever go through migrations, never ``create_all``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from expatdesk import clock
from expatdesk.db import audit, roles, trail
from expatdesk.db.types import utcnow
from expatdesk.errors import (
    CommitUnknownError,
    DatabaseError,
    MissingDatabaseError,
    NewerDatabaseError,
    UserError,
)
from expatdesk.i18n import _
from expatdesk.private_files import PRIVATE_FILE_MODE

if TYPE_CHECKING:
    from alembic.config import Config

    from expatdesk.accounts.actor import Actor

#: The newest schema revision, the last migration in ``migrations/versions`` (a test checks).
#: Knowing it without Alembic lets a database that is up to date open without importing Alembic,
#: which would cost a quarter of a second on every start; Alembic loads only to migrate.
SCHEMA_HEAD = "0010"

SQLITE_BUSY_TIMEOUT_MS = 10_000
#: Permissions of the folder ExpatDesk creates for a database, and of every file it writes there.
PRIVATE_FOLDER_MODE = 0o700
#: The copies ExpatDesk makes of an SQLite file by itself (before migrating it, before restoring
#: a backup over it) are removed after this many days, and beyond this many (the newest stay).
AUTOMATIC_COPY_DAYS = 30
AUTOMATIC_COPY_COUNT = 3
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
            engine = create_engine(
                url,
                hide_parameters=True,
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            )
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
            return engine
        engine = create_engine(
            url,
            hide_parameters=True,
            pool_pre_ping=True,
            connect_args={
                "connect_timeout": POSTGRES_CONNECT_TIMEOUT_S,
                "application_name": "ExpatDesk",
            },
        )
        event.listen(engine, "handle_error", _without_values)
        return engine
    except NoSuchModuleError as error:  # pragma: no cover - drivers are dependencies
        raise UserError(str(error)) from None


def _without_values(context: ExceptionContext) -> None:
    """Keep values out of PostgreSQL's error messages, so that no BSN or name reaches stderr or
    a log: the server's DETAIL repeats them ("Key (bsn)=(...) already exists", "Failing row
    contains (...)"). Only the primary message stays; ``diag`` keeps everything for the code."""
    original = context.original_exception
    diag = getattr(original, "diag", None)
    primary = getattr(diag, "message_primary", None)
    if not primary or str(original) == primary:
        return
    original.args = (primary,)
    wrapped = context.sqlalchemy_exception
    if wrapped is not None:
        kind = type(original)
        wrapped.args = (f"({kind.__module__}.{kind.__name__}) {primary}",)


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event emit BEGIN
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        # What is deleted or changed is overwritten with zeros, not left in free space (the
        # system SQLite may default it off): an erased person cannot be read back from the file.
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()


#: Execution option of the connection of :meth:`Database.transaction`: a transaction that writes.
WRITING = "expatdesk_writing"


def _sqlite_on_begin(connection: Connection) -> None:
    # A transaction that writes takes the write lock when it begins (BEGIN IMMEDIATE), waiting
    # for it up to the busy timeout. With a plain BEGIN, a transaction that read first fails at
    # its first write with "database is locked", at once and whatever the busy timeout, when
    # another connection wrote in between (WAL mode cannot upgrade an old snapshot).
    if connection.get_execution_options().get(WRITING):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
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


def _driver_connection(engine: Engine) -> tuple[sqlite3.Connection, Any]:
    raw = engine.raw_connection()
    driver_connection = raw.driver_connection
    assert isinstance(driver_connection, sqlite3.Connection)
    return driver_connection, raw


def backup_sqlite(engine: Engine, revision: str | None) -> Path:
    """Copy an SQLite database file, consistently, next to itself; returns the copy's path."""
    source = Path(engine.url.database or "")
    stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(f"{source.name}.backup-{revision or 'empty'}-{stamp}")
    connection, raw = _driver_connection(engine)
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


def make_private(database_path: Path) -> None:
    """Create the SQLite file ``database_path`` readable by its owner only (0600), or make an
    existing one (and its write-ahead log) so; SQLite gives the log the file's permissions."""
    try:
        os.close(os.open(database_path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE))
        for suffix in ("", "-wal", "-shm"):
            path = database_path.with_name(database_path.name + suffix)
            if path.exists() and path.stat().st_mode & 0o077:
                os.chmod(path, PRIVATE_FILE_MODE)
    except OSError:
        pass  # a file of someone else, or a read-only folder: SQLite says what is wrong


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
    def transaction(self, actor: Actor | None = None) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises.

        ``actor`` is who acts; the audit trail (:mod:`expatdesk.db.audit`) writes it down with
        every record the transaction creates, changes or deletes.

        A database that cannot be written (read-only, disk full, locked, server gone) raises
        :class:`DatabaseError` with a message for the user; nothing of the block is then saved.
        """
        committing = False
        try:
            with self.sessions() as session, session.begin():
                session.info["actor"] = actor
                if self.is_sqlite:
                    connection = session.connection(execution_options={WRITING: True})
                else:
                    connection = session.connection()
                user_id, username = audit.who(actor)
                trail.set_actor(connection, user_id, username, utcnow())
                yield session
                if session.in_transaction():  # not rolled back by the block
                    session.flush()
                    trail.clear_actor(session.connection())
                committing = True
        except DBAPIError as error:
            message = problem_message(self.url, error)
            if message is None:
                raise
            if committing and not self.is_sqlite:
                # The connection broke during COMMIT: the server may or may not have committed.
                message += " " + _("Check whether the change was saved.")
                raise CommitUnknownError(message) from None
            message += " " + _("Nothing was saved.")
            raise DatabaseError(message) from None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only; nothing it does is committed.

        A database that cannot be read (server gone, file unreadable) raises
        :class:`DatabaseError` with a message for the user.
        """
        try:
            with self.sessions() as session:
                try:
                    yield session
                finally:
                    session.rollback()
        except DBAPIError as error:
            message = problem_message(self.url, error)
            if message is None:
                raise
            raise DatabaseError(message) from None

    def dispose(self) -> None:
        self.engine.dispose()

    def backup_to(self, target: Path) -> None:
        """Copy this SQLite database to ``target``, consistently, also while others write.

        PostgreSQL databases are backed up with the server's own ``pg_dump`` (see the README).
        """
        if not self.is_sqlite:
            raise UserError(
                _(
                    "The backup command copies SQLite files; back up the PostgreSQL database "
                    "{name} with pg_dump."
                ).format(name=self.name)
            )
        if target.exists():
            raise UserError(
                _("{path} exists already; choose a new file for the backup.").format(path=target)
            )
        connection, raw = _driver_connection(self.engine)
        try:
            copy_sqlite(connection, target)
        finally:
            raw.close()

    def restore_from(self, source: Path) -> Path:
        """Replace this SQLite database's contents with the backup ``source``.

        The backup must be an ExpatDesk database no newer than this version; the current
        contents are first copied next to the file (the path is returned), and the restored
        database is migrated when it is older.
        """
        if not self.is_sqlite:
            raise UserError(
                _(
                    "The restore command works on SQLite files; restore the PostgreSQL "
                    "database {name} with pg_restore."
                ).format(name=self.name)
            )
        if not source.is_file():
            raise UserError(_("No backup file {path}.").format(path=source))
        _check_backup(source)
        safety = backup_sqlite(self.engine, SCHEMA_HEAD)
        self.engine.dispose()
        try:
            backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            try:
                target, raw = _driver_connection(self.engine)
                try:
                    backup.backup(target)
                finally:
                    raw.close()
            finally:
                backup.close()
        except sqlite3.Error as error:
            raise DatabaseError(
                _("Cannot restore {path}: {reason}").format(path=source, reason=error)
            ) from None
        self.engine.dispose()
        with self.engine.connect() as connection:
            current = schema_state(connection).current
            connection.rollback()
        if not current:
            migrate_engine(self.engine)
        return safety


def open_database(url: URL | str, *, migrate: bool = True, create: bool = False) -> Database:
    """Open (and by default migrate) the database at ``url``.

    Only ``create=True`` (``init``, ``demo``, the app's first start on the default data folder)
    makes a new database: a missing SQLite file, or a database without ExpatDesk's tables. Without
    it such a place is refused with :class:`MissingDatabaseError` and nothing is created, so a
    mistyped path never yields an empty database and a report of "insufficient data".

    Raises :class:`DatabaseError` with a message for the user when the server cannot be reached,
    the file is no database, the database belongs to another program, or to a newer ExpatDesk.
    """
    if isinstance(url, str):
        url = parse_url(url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database)
        if not create and (not path.exists() or (path.is_file() and path.stat().st_size == 0)):
            raise _missing(url)  # before connecting: SQLite would make the file, or write to it
        folder = Path(url.database).parent
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
        except OSError as error:
            raise DatabaseError(
                _("Cannot create the folder {folder}: {reason}").format(
                    folder=folder, reason=error.strerror
                )
            ) from None
        make_private(Path(url.database))
    engine = make_engine(url)
    database = Database(url, engine, sessionmaker(engine, expire_on_commit=False))
    try:
        with engine.connect() as connection:
            state = schema_state(connection)
            connection.rollback()
        _refuse_foreign(url, state)
        in_memory = database.is_sqlite and url.database in (None, "", ":memory:")
        if state.revision is None and not create and not in_memory:  # a new memory one is no typo
            raise _missing(url)
        if migrate and not state.current:
            if database.is_sqlite and state.has_tables and url.database != ":memory:":
                database.backup_path = backup_sqlite(engine, state.revision)
            migrate_engine(engine, partial(_refuse_migration_by_staff, database))
        if migrate and database.is_sqlite:
            with engine.connect() as connection:
                outdated = trail.sqlite_needs_install(connection)
                connection.rollback()
            if outdated:  # a new database, or a migration rebuilt a table
                with engine.begin() as connection:
                    trail.install(connection)
        if migrate and not database.is_sqlite:
            with engine.begin() as connection:
                if roles.is_owner(connection):
                    roles.lock(connection)  # one owner at a time replaces functions
                    trail.install(connection)
                    roles.secure(connection)  # staff roles and grants, after every migration
    except DBAPIError as error:
        engine.dispose()
        problem = problem_message(url, error) if database.is_sqlite else None
        raise DatabaseError(problem or _connection_message(url, error)) from None
    except UserError:
        engine.dispose()
        raise
    return database


def _missing(url: URL) -> MissingDatabaseError:
    """No ExpatDesk database at ``url``: the one line that says so and how to make one."""
    if url.get_backend_name() == "sqlite":
        return MissingDatabaseError(
            _(
                "There is no ExpatDesk database at {path}. Check the path, or create one with: "
                "expatdesk --database {path} init"
            ).format(path=url.database),
            str(url.database),
        )
    return MissingDatabaseError(
        _(
            "The database {name} holds no ExpatDesk data yet. Its owner creates the tables with: "
            "expatdesk --database {url} init"
        ).format(name=describe(url), url=url.render_as_string(hide_password=True)),
        describe(url),
    )


def with_credentials(url: URL, username: str, password: str) -> URL:
    """``url`` with the database user and password a staff member signs in with."""
    return url.set(username=username, password=password)


def _refuse_migration_by_staff(database: Database, connection: Connection) -> None:
    """On PostgreSQL only the owner of the schema migrates it; staff get a message saying so."""
    if not database.is_sqlite and not roles.is_owner(connection):
        raise DatabaseError(
            _(
                "The database {name} must first be updated to this version of ExpatDesk by its "
                "owner (expatdesk init)."
            ).format(name=database.name)
        )


def _check_backup(path: Path) -> None:
    """Refuse a file that is no ExpatDesk SQLite database, or one of a newer ExpatDesk."""
    url = URL.create("sqlite", database=str(path))
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with engine.connect() as connection:
            state = schema_state(connection)
    except DBAPIError as error:
        raise DatabaseError(_connection_message(url, error)) from None
    finally:
        engine.dispose()
    _refuse_foreign(url, state)
    if state.revision is None:
        raise DatabaseError(
            _("{path} is no ExpatDesk backup: it holds no ExpatDesk tables.").format(path=path)
        )


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


# SQLite's primary result codes for a database that cannot be used as it is.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = (
    5,
    6,
    8,
    10,
    13,
    14,
)
#: PostgreSQL's SQLSTATEs of a lost connection: class 08, and the server shutting down or crashing.
_POSTGRES_GONE = ("08", "57P01", "57P02", "57P03")


def problem_message(url: URL, error: DBAPIError) -> str | None:
    """What to tell the user when ``error`` says the database cannot be used as it is.

    A read-only, full, locked or unopenable SQLite file, or a PostgreSQL server that went away,
    is something the user can act on; ``None`` means anything else (a bug, a broken constraint).
    """
    original = error.orig
    reason = (
        str(original).strip().splitlines()[0] if str(original).strip() else type(error).__name__
    )
    name = describe(url)
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary == _SQLITE_READONLY:
            return _(
                "The database {name} is read-only: ExpatDesk may not write to the file or to "
                "its folder. Ask for write access, or work on a copy."
            ).format(name=name)
        if primary == _SQLITE_FULL:
            return _(
                "The disk is full: the database {name} cannot grow. Free some space on the "
                "disk, then try again."
            ).format(name=name)
        if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return _(
                "The database {name} is busy: another program kept it locked for more than "
                "{seconds} seconds. Try again in a moment."
            ).format(name=name, seconds=SQLITE_BUSY_TIMEOUT_MS // 1000)
        if primary == _SQLITE_CANTOPEN:
            return _(
                "Cannot open the files of the database {name} ({reason}): ExpatDesk needs to "
                "write to the file and to its folder."
            ).format(name=name, reason=reason)
        if primary == _SQLITE_IOERR:
            return _(
                "The database {name} cannot be read or written ({reason}). Check the disk."
            ).format(name=name, reason=reason)
        return None
    if url.get_backend_name() == "postgresql":
        sqlstate = getattr(original, "sqlstate", None)
        gone = (
            error.connection_invalidated
            or (sqlstate is None and isinstance(error, OperationalError))
            or (isinstance(sqlstate, str) and sqlstate.startswith(_POSTGRES_GONE))
        )
        if gone:
            return _(
                "No connection to the database server {name}: {reason}. Try again when the "
                "server runs again."
            ).format(name=name, reason=reason)
    return None


def _connection_message(url: URL, error: DBAPIError) -> str:
    reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    if url.get_backend_name() == "sqlite":
        return _("Cannot open the SQLite database {name}: {reason}").format(
            name=describe(url), reason=reason
        )
    return _("Cannot use the PostgreSQL database {name}: {reason}").format(
        name=describe(url), reason=reason
    )
