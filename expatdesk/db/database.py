"""Opening a database: SQLite file or PostgreSQL server, migrated by Alembic.

:func:`open_database` is the one door to the data. It checks that the server answers or the file is
an SQLite database, refuses a database written by a newer ExpatDesk (leaving it untouched), copies
an SQLite file to a backup before migrating it, and runs the Alembic migrations up to the head
(:mod:`expatdesk.db.migrate`). Schema changes only ever go through migrations, never
``create_all``. The engine's settings and what a database error means for the user are
:mod:`expatdesk.db.engine`.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from expatdesk.db import audit, installed, roles, trail
from expatdesk.db.audit import Acting
from expatdesk.db.engine import (
    WRITING,
    connection_message,
    describe,
    make_engine,
    parse_url,
    problem_message,
)
from expatdesk.db.migrate import (
    SCHEMA_HEAD,
    backup_sqlite,
    copy_sqlite,
    driver_connection,
    migrate_engine,
    refuse_foreign,
    schema_state,
)
from expatdesk.db.types import utcnow
from expatdesk.errors import (
    CommitUnknownError,
    DatabaseError,
    MissingDatabaseError,
    UserError,
)
from expatdesk.i18n import _
from expatdesk.private_files import PRIVATE_FILE_MODE

log = logging.getLogger(__name__)

#: Permissions of the folder ExpatDesk creates for a database, and of every file it writes there.
PRIVATE_FOLDER_MODE = 0o700


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


#: The execution option of the PostgreSQL connections of :meth:`Database.reading`.
READ_ONLY = "postgresql_readonly"


def _read_only(session: Session) -> bool:
    """Whether ``session`` is in a PostgreSQL ``READ ONLY`` transaction."""
    return session.in_transaction() and bool(
        session.connection().get_execution_options().get(READ_ONLY)
    )


# --- the database a program works with --------------------------------------------------------


@dataclass
class Database:
    """An open, migrated database: the engine and a factory for sessions."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    backup_path: Path | None = None
    #: The PostgreSQL owner's check of the trail and the roles, when the open left it to run
    #: beside the start (see :func:`open_database`); every write waits for it.
    owner_check: OwnerCheck | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return describe(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @contextmanager
    def transaction(self, actor: Acting | None = None) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises.

        ``actor`` is who acts; the audit trail (:mod:`expatdesk.db.audit`) writes it down with
        every record the transaction creates, changes or deletes.

        A database that cannot be written (read-only, disk full, locked, server gone) raises
        :class:`DatabaseError` with a message for the user; nothing of the block is then saved.
        """
        committing = False
        try:
            if self.owner_check is not None:
                self.owner_check.wait()
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

        On PostgreSQL the transaction is ``READ ONLY`` and ends with a ``COMMIT`` (which, in a
        transaction that cannot write, commits nothing): psycopg forgets its prepared
        statements at every ``ROLLBACK``, so ending each read with one would keep every
        statement of the app from ever being prepared.
        """
        try:
            with self.sessions(bind=self._reading_engine) as session:
                try:
                    yield session
                except BaseException:
                    session.rollback()
                    raise
                if _read_only(session):
                    session.commit()
                else:
                    session.rollback()
        except DBAPIError as error:
            message = problem_message(self.url, error)
            if message is None:
                raise
            raise DatabaseError(message) from None

    @cached_property
    def _reading_engine(self) -> Engine:
        """The engine of :meth:`reading`: on PostgreSQL its transactions are ``READ ONLY`` (the
        same pool; a block may still choose the isolation level before its first query)."""
        if self.is_sqlite:
            return self.engine
        return self.engine.execution_options(**{READ_ONLY: True})

    def dispose(self) -> None:
        if self.owner_check is not None:
            self.owner_check.join()
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
        connection, raw = driver_connection(self.engine)
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
                target, raw = driver_connection(self.engine)
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


class OwnerCheck:
    """The owner's check (and, where needed, repair) of the trail and the roles, in a thread of
    its own, so that the app's window does not wait for the catalogue (15 ms of every start as
    the owner, issue 18).

    A write waits for it: nothing is written before the trail is known to be whole. When the
    check failed (the server went away meanwhile), the next write runs it again and its error
    reaches the user with that write.
    """

    def __init__(self, run: Callable[[], None]) -> None:
        self._run = run
        self._lock = threading.Lock()
        self._failed: BaseException | None = None
        self._done = False
        self._thread = threading.Thread(target=self._check, name="owner-check", daemon=True)
        self._thread.start()

    def _check(self) -> None:
        try:
            self._run()
        except Exception as error:
            log.warning("the owner's check of the trail failed: %s", type(error).__name__)
            self._failed = error

    def join(self) -> None:
        """Wait for the thread (before the engine goes)."""
        self._thread.join()

    def wait(self) -> None:
        """Return once the trail and the roles are checked; check again after a failure."""
        if self._done:
            return
        with self._lock:
            self._thread.join()
            if self._failed is not None:
                self._failed = None
                try:
                    self._run()
                except BaseException as error:
                    self._failed = error
                    raise
            self._done = True


def open_database(
    url: URL | str, *, migrate: bool = True, create: bool = False, check_beside: bool = False
) -> Database:
    """Open (and by default migrate) the database at ``url``.

    Only ``create=True`` (``init``, ``demo``, the app's first start on the default data folder)
    makes a new database: a missing SQLite file, or a database without ExpatDesk's tables. Without
    it such a place is refused with :class:`MissingDatabaseError` and nothing is created, so a
    mistyped path never yields an empty database and a report of "insufficient data".

    On PostgreSQL the schema's owner checks that the trail and the roles are as this version
    installs them, and installs them again where not; with ``check_beside`` (the app's start)
    that check runs in a thread of its own while the caller goes on, and every write waits for
    it (:class:`OwnerCheck`). After a migration it always runs before the open returns.

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
        refuse_foreign(url, state)
        in_memory = database.is_sqlite and url.database in (None, "", ":memory:")
        if state.revision is None and not create and not in_memory:  # a new memory one is no typo
            raise _missing(url)
        migrated = migrate and not state.current
        if migrated:
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
            check = partial(_install_as_owner, engine, migrated=migrated)
            if check_beside and not migrated:
                database.owner_check = OwnerCheck(check)
            else:
                check()
    except DBAPIError as error:
        engine.dispose()
        problem = problem_message(url, error) if database.is_sqlite else None
        raise DatabaseError(problem or connection_message(url, error)) from None
    except UserError:
        engine.dispose()
        raise
    return database


def _install_as_owner(engine: Engine, *, migrated: bool) -> None:
    """As the schema's owner: install the trail and the roles after a migration, or where
    anything differs from what this version installs. Nothing for staff."""
    with engine.begin() as connection:
        if roles.is_owner(connection) and (migrated or _outdated(connection)):
            roles.lock(connection)  # one owner at a time replaces functions
            trail.install(connection)
            roles.secure(connection)  # staff roles and grants, after every migration


def _outdated(connection: Connection) -> bool:
    """Whether the owner's open must install the trail and the roles again: anything differs
    from what they would make (read from the catalogue, without DDL or locks)."""
    found = installed.differences(connection)
    if found:
        log.info("installing the trail and the roles again: %s", "; ".join(found[:5]))
    return bool(found)


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
        raise DatabaseError(connection_message(url, error)) from None
    finally:
        engine.dispose()
    refuse_foreign(url, state)
    if state.revision is None:
        raise DatabaseError(
            _("{path} is no ExpatDesk backup: it holds no ExpatDesk tables.").format(path=path)
        )
