"""Bulk writing into SQLite and PostgreSQL, inside the caller's transaction.

Rows go straight to the driver: ``executemany`` on SQLite, ``COPY … FROM STDIN`` on PostgreSQL
(``FREEZE`` where the table is empty, see :meth:`PostgresWriter._truncate_empty`).
Maintaining a dozen indexes row by row costs more than building them once, so for the duration
of the load the writer drops the secondary indexes of the tables it fills (and on PostgreSQL also
their unique and foreign-key constraints) and then recreates them from the definitions the
database itself reported, under the same names. On SQLite it also drops the triggers of those
tables, which keep the search indexes (:mod:`expatdesk.db.search_index`) in step row by row, and
builds the search indexes once after the load. Everything happens in the one transaction: if the
load fails, the rollback brings the schema back as it was. Afterwards PostgreSQL's sequences are
moved past the ids written, and both databases gather the statistics their planners use.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection

from expatdesk.db import search_index
from expatdesk.demo.base import Row, TableSpec

#: Page cache for the SQLite connection while loading, in KiB (the default is 2 MiB).
SQLITE_CACHE_KIB = 512 * 1024
#: Rows SQLite's ANALYZE samples per index; enough for the planner and quick on large tables.
SQLITE_ANALYSIS_LIMIT = 2000


class BulkWriter:
    """Writes rows of the demo tables; counts what it wrote per table."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def prepare(self, tables: Sequence[TableSpec]) -> None:
        """Get the tables ready for a fast load."""

    def write(self, table: TableSpec, rows: list[Row]) -> None:
        raise NotImplementedError

    def complete(self) -> None:
        """Restore what :meth:`prepare` took away; update the planner's statistics."""

    def close(self) -> None:
        """Undo connection settings, whether the load succeeded or not."""


class SQLiteWriter(BulkWriter):
    def __init__(self, connection: Connection) -> None:
        super().__init__()
        driver = connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        self.cursor = driver.cursor()
        self.statements: dict[str, str] = {}
        self.indexes: list[tuple[str, str]] = []
        self.triggers: list[tuple[str, str]] = []
        self.tables: list[str] = []
        self.cache_size: int | None = None

    def prepare(self, tables: Sequence[TableSpec]) -> None:
        cursor = self.cursor
        self.cache_size = int(cursor.execute("PRAGMA cache_size").fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KIB}")
        names = [table.name for table in tables]
        self.tables = names
        marks = ", ".join("?" * len(names))
        self.indexes = cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY name",
            names,
        ).fetchall()
        for name, _sql in self.indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        self.triggers = cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            f"AND tbl_name IN ({marks}) ORDER BY name",
            names,
        ).fetchall()
        for name, _sql in self.triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')

    def write(self, table: TableSpec, rows: list[Row]) -> None:
        if not rows:
            return
        statement = self.statements.get(table.name)
        if statement is None:
            columns = ", ".join(f'"{column}"' for column in table.columns)
            marks = ", ".join("?" * len(table.columns))
            statement = f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})'
            self.statements[table.name] = statement
        self.cursor.executemany(statement, rows)
        self.counts[table.name] += len(rows)

    def complete(self) -> None:
        cursor = self.cursor
        for _name, sql in self.indexes:
            cursor.execute(sql)
        self.indexes = []
        for statement in search_index.rebuild_statements(self.tables):
            cursor.execute(statement)
        for _name, sql in self.triggers:
            cursor.execute(sql)
        self.triggers = []
        limit = cursor.execute("PRAGMA analysis_limit").fetchone()[0]
        cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
        cursor.execute(f"PRAGMA analysis_limit = {int(limit)}")

    def close(self) -> None:
        if self.cache_size is not None:
            self.cursor.execute(f"PRAGMA cache_size = {self.cache_size}")
        self.cursor.close()


class PostgresWriter(BulkWriter):
    def __init__(self, connection: Connection) -> None:
        super().__init__()
        driver: Any = connection.connection.driver_connection  # a psycopg.Connection
        self.cursor: Any = driver.cursor()
        self.statements: dict[str, str] = {}
        self.tables: list[str] = []
        self.with_ids: list[str] = []
        self.foreign_keys: list[tuple[str, str, str]] = []
        self.uniques: list[tuple[str, str, str]] = []
        self.indexes: list[tuple[str, str]] = []
        self.frozen: set[str] = set()

    def prepare(self, tables: Sequence[TableSpec]) -> None:
        cursor = self.cursor
        self.tables = [table.name for table in tables]
        self.with_ids = [table.name for table in tables if "id" in table.columns]
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        constraints = cursor.execute(
            """
            SELECT c.contype, t.relname, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE c.contype IN ('f', 'u') AND t.relname = ANY(%s)
              AND t.relnamespace = current_schema()::regnamespace
            ORDER BY t.relname, c.conname
            """,
            (self.tables,),
        ).fetchall()
        self.foreign_keys = [(t, name, sql) for kind, t, name, sql in constraints if kind == "f"]
        self.uniques = [(t, name, sql) for kind, t, name, sql in constraints if kind == "u"]
        self.indexes = cursor.execute(
            """
            SELECT i.relname, pg_get_indexdef(i.oid)
            FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = ANY(%s) AND t.relnamespace = current_schema()::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid
                              AND c.conrelid = x.indrelid)
            ORDER BY i.relname
            """,
            (self.tables,),
        ).fetchall()
        for table, name, _sql in self.foreign_keys + self.uniques:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        for name, _sql in self.indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        self._truncate_empty()

    def _truncate_empty(self) -> None:
        """Truncate the empty tables that no remaining foreign key refers to.

        Rows copied into a table truncated in the same transaction can be written frozen: they
        are visible to all at once, so the first queries after the load do not have to rewrite
        every page to set hint bits, and index-only scans work without a VACUUM first.
        """
        cursor = self.cursor
        referenced = {
            name
            for (name,) in cursor.execute(
                """
                SELECT t.relname FROM pg_constraint c JOIN pg_class t ON t.oid = c.confrelid
                WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace
                """
            ).fetchall()
        }
        for table in self.tables:
            if table not in referenced:
                empty = cursor.execute(f'SELECT NOT EXISTS (SELECT 1 FROM "{table}")').fetchone()
                if empty[0]:
                    self.frozen.add(table)
        if self.frozen:
            cursor.execute("TRUNCATE " + ", ".join(f'"{table}"' for table in sorted(self.frozen)))

    def write(self, table: TableSpec, rows: list[Row]) -> None:
        if not rows:
            return
        statement = self.statements.get(table.name)
        if statement is None:
            columns = ", ".join(f'"{column}"' for column in table.columns)
            freeze = " WITH (FREEZE)" if table.name in self.frozen else ""
            statement = f'COPY "{table.name}" ({columns}) FROM STDIN{freeze}'
            self.statements[table.name] = statement
        with self.cursor.copy(statement) as copy:
            write_row = copy.write_row
            for row in rows:
                write_row(row)
        self.counts[table.name] += len(rows)

    def complete(self) -> None:
        cursor = self.cursor
        for _name, sql in self.indexes:
            cursor.execute(sql)
        for table, name, sql in self.uniques + self.foreign_keys:
            cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {sql}')
        self.indexes, self.uniques, self.foreign_keys = [], [], []
        for table in self.with_ids:
            sequence = cursor.execute(
                "SELECT pg_get_serial_sequence(%s, 'id')", (f'"{table}"',)
            ).fetchone()[0]
            if sequence:
                cursor.execute(
                    f'SELECT setval(%s, COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)',
                    (sequence,),
                )
        cursor.execute("ANALYZE " + ", ".join(f'"{table}"' for table in self.tables))

    def close(self) -> None:
        self.cursor.close()


@contextmanager
def bulk_writer(connection: Connection, tables: Sequence[TableSpec]) -> Iterator[BulkWriter]:
    """A writer for the connection's database, ready to load ``tables``; completes on success."""
    backend = connection.dialect.name
    writer: BulkWriter
    if backend == "sqlite":
        writer = SQLiteWriter(connection)
    elif backend == "postgresql":
        writer = PostgresWriter(connection)
    else:  # pragma: no cover - open_database accepts only these two
        raise ValueError(f"no bulk writer for {backend}")
    try:
        writer.prepare(tables)
        yield writer
        writer.complete()
    finally:
        writer.close()
