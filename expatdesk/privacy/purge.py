"""After an erasure: nothing of the erased persons left readable in the database's files.

SQLite overwrites what is deleted (``secure_delete``), but the search indexes, the write-ahead
log and the automatic copies ExpatDesk made next to the file may still hold it; PostgreSQL keeps
old row versions and index entries until a VACUUM and REINDEX. :func:`purge` deals with both.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from expatdesk.db import roles, search_index
from expatdesk.db.database import Database
from expatdesk.db.migrate import automatic_copies
from expatdesk.privacy.trail import chunks

log = logging.getLogger(__name__)

#: The tables an erasure changes; PostgreSQL's VACUUM removes their old row versions.
ERASED_TABLES = (
    "expat",
    "family_member",
    "permit",
    "case_file",
    "case_note",
    "task",
    "service_delivery",
    "survey_response",
    "audit_entry",
)


#: The tables whose indexes hold personal values (names, e-mail, search keys): PostgreSQL
#: rebuilds them after an erasure.
REINDEXED_TABLES = ("expat", "case_file")


@dataclass(frozen=True)
class Purge:
    """What was done after an erasure so that nothing of it can be read back."""

    copies_removed: tuple[Path, ...] = ()
    vacuumed: bool = False
    #: False when a step failed (the erasure itself was committed before); the log says which.
    complete: bool = True


def purge(database: Database, refs: Sequence[str], *, vacuum: bool = False) -> Purge:
    """After an erasure committed: leave nothing of the erased persons readable.

    SQLite (``secure_delete`` is on for every connection, so what the erasure removed was
    overwritten): the search indexes are merged into one segment (FTS5 keeps the trigrams of
    removed text in older segments until then), the write-ahead log is checkpointed and
    truncated (it held earlier versions of the pages), and the copies ExpatDesk made itself next
    to the file (before migrating, before restoring) that still hold one of the persons are
    removed. PostgreSQL: the changed tables are vacuumed, and the indexes that hold names and
    e-mail addresses rebuilt, when the connecting role owns them; otherwise the owner's nightly
    ``vacuumdb`` and ``reindexdb`` (README) do it.
    """
    try:
        return _purge(database, refs, vacuum)
    except (sqlite3.Error, DBAPIError, OSError) as error:
        log.warning("cleaning up after an erasure failed: %s", type(error).__name__)
        return Purge(complete=False)


def _purge(database: Database, refs: Sequence[str], vacuum: bool) -> Purge:
    if database.is_sqlite:
        with database.engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            for fts in search_index.FTS_TABLES.values():
                driver.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
            if vacuum:  # a restored file: its free pages are the backup's, not zeroed
                driver.execute("VACUUM")
            busy = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:  # a long read kept the log: it is truncated at a later checkpoint
            log.warning("the write-ahead log could not be truncated after an erasure")
        copies = tuple(_remove_copies_holding(database, refs))
        return Purge(copies_removed=copies, complete=not busy)
    with database.engine.connect() as connection:
        owned = roles.is_owner(connection)
        connection.rollback()
        if not owned:
            return Purge()
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        for table in ERASED_TABLES:
            connection.exec_driver_sql(f"VACUUM {table}")
        # VACUUM frees the index entries but leaves their bytes in the pages: rebuilt, the
        # indexes of names, e-mail addresses and search keys hold nothing of the person.
        for table in REINDEXED_TABLES:
            connection.exec_driver_sql(f"REINDEX TABLE CONCURRENTLY {table}")
    return Purge(vacuumed=True)


def _remove_copies_holding(database: Database, refs: Sequence[str]) -> list[Path]:
    removed = []
    for copy in automatic_copies(Path(database.url.database or "")):
        if _holds_any(copy, refs):
            copy.unlink(missing_ok=True)
            removed.append(copy)
    return removed


def _holds_any(copy: Path, refs: Sequence[str]) -> bool:
    """Whether the SQLite file ``copy`` holds one of ``refs`` not anonymised (or can't tell)."""
    try:
        connection = sqlite3.connect(f"file:{copy}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return True
    try:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(expat)")}
        condition = " AND anonymised_at IS NULL" if "anonymised_at" in columns else ""
        for chunk in chunks(sorted(set(refs)), 900):
            marks = ", ".join("?" * len(chunk))
            row = connection.execute(
                f"SELECT 1 FROM expat WHERE expat_ref IN ({marks}){condition} LIMIT 1", chunk
            ).fetchone()
            if row is not None:
                return True
        return False
    except sqlite3.Error:
        return True
    finally:
        connection.close()
