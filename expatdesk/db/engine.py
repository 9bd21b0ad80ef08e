"""Connecting to a database: the URL the user gave, the engine's settings, and the errors.

:func:`parse_url` accepts an SQLite file path or a ``postgresql+psycopg://`` URL;
:func:`make_engine` gives the engine the settings ExpatDesk relies on; :func:`problem_message`
tells what a database error means for the user (one they can act on) or ``None`` (a bug).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from expatdesk.errors import UserError
from expatdesk.i18n import _

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


def with_credentials(url: URL, username: str, password: str) -> URL:
    """``url`` with the database user and password a staff member signs in with."""
    return url.set(username=username, password=password)


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


# --- what a database error means for the user -------------------------------------------------


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


def connection_message(url: URL, error: DBAPIError) -> str:
    reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    if url.get_backend_name() == "sqlite":
        return _("Cannot open the SQLite database {name}: {reason}").format(
            name=describe(url), reason=reason
        )
    return _("Cannot use the PostgreSQL database {name}: {reason}").format(
        name=describe(url), reason=reason
    )
