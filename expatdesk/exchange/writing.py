"""Writing a validated import (:mod:`expatdesk.exchange.importer`) inside its transaction.

Core ``executemany`` in batches of :data:`WRITE_BATCH`, never an ORM object per row. On PostgreSQL
the new records are instead copied (``COPY``) into a temporary staging table and added with one
``INSERT … SELECT``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnDefault,
    Connection,
    Table,
    bindparam,
    delete,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError

from expatdesk.db.models import Base
from expatdesk.errors import UserError
from expatdesk.exchange.kinds import Kind
from expatdesk.i18n import _

#: Refs per ``IN (…)`` query, below SQLite's old limit of 999 bound parameters.
IN_BATCH = 500
#: Records per ``executemany`` when writing.
WRITE_BATCH = 1000

T = TypeVar("T")
Record = dict[str, Any]


def insert_records(connection: Connection, kind: Kind, records: list[Record]) -> None:
    if connection.dialect.name == "postgresql":
        _copy_insert(connection, kind, records)
        return
    table = kind.table
    link = table_named("survey_response_facility")
    for batch in batched(records, WRITE_BATCH):
        rows = [{k: v for k, v in record.items() if k != "facilities"} for record in batch]
        _insert_rows(connection, table, rows)
        if kind.facilities and "facilities" in batch[0]:
            # The new ids by ref (one indexed query per batch: executemany with RETURNING in
            # parameter order would be one statement per row on SQLite).
            ref = table.c[kind.column(kind.key[0]).field]
            used = [record for record in batch if record["facilities"]]
            ids: dict[str, int] = {}
            for chunk in batched([record[ref.name] for record in used], IN_BATCH):
                query = select(ref, table.c.id).where(ref.in_(chunk))
                ids.update((value, id_) for value, id_ in connection.execute(query))
            links = [
                {"response_id": ids[record[ref.name]], "facility_code": code}
                for record in used
                for code in record["facilities"]
            ]
            if links:
                _insert_rows(connection, link, links)


def _insert_rows(connection: Connection, table: Table, rows: list[Record]) -> None:
    """Insert ``rows`` in one Core ``executemany``."""
    if rows:
        connection.execute(insert(table), rows)


def _copy_insert(connection: Connection, kind: Kind, records: list[Record]) -> None:
    """PostgreSQL: COPY the records into a staging table, then one ``INSERT … SELECT``.

    The staging tables are temporary and dropped at the end of the transaction. The rows go in
    in the file's order (``_seq``), so they get their ids in that order, as with
    ``executemany``; a record that appeared meanwhile fails the table's unique index as it would
    there. The facilities are staged beside them and joined to the new rows by their ref.
    """
    if not records:
        return
    table = kind.table
    fields = [name for name in records[0] if name != "facilities"]
    # What ``insert(table)`` would fill in for a column that no record names: its default.
    defaults: dict[str, object] = {}
    for column in table.columns:
        default = column.default
        if column.name in fields or not isinstance(default, ColumnDefault):
            continue
        if default.is_scalar:
            defaults[column.name] = default.arg
        elif default.is_callable:
            defaults[column.name] = default.arg(None)  # SQLAlchemy's wrapper takes a context
    columns = [*fields, *defaults]
    staging = f"import_{table.name}"
    listed = ", ".join(columns)
    connection.execute(
        text(
            f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "
            f"SELECT 0::bigint AS _seq, {listed} FROM {table.name} WITH NO DATA"
        )
    )
    constant = tuple(defaults.values())
    _copy(
        connection,
        f"COPY {staging} (_seq, {listed}) FROM STDIN",
        (
            (seq, *(record[name] for name in fields), *constant)
            for seq, record in enumerate(records)
        ),
    )
    connection.execute(
        text(f"INSERT INTO {table.name} ({listed}) SELECT {listed} FROM {staging} ORDER BY _seq")
    )
    if kind.facilities and "facilities" in records[0]:
        ref = kind.column(kind.key[0]).field
        link = table_named("survey_response_facility")
        links = f"import_{link.name}"
        connection.execute(
            text(
                f"CREATE TEMPORARY TABLE {links} (_seq bigint NOT NULL, facility_code text "
                "NOT NULL) ON COMMIT DROP"
            )
        )
        _copy(
            connection,
            f"COPY {links} (_seq, facility_code) FROM STDIN",
            (
                (seq, code)
                for seq, record in enumerate(records)
                for code in record["facilities"] or ()
            ),
        )
        connection.execute(
            text(
                f"INSERT INTO {link.name} (response_id, facility_code) "
                f"SELECT added.id, staged.facility_code FROM {links} AS staged "
                f"JOIN {staging} AS source ON source._seq = staged._seq "
                f"JOIN {table.name} AS added ON added.{ref} = source.{ref} "
                "ORDER BY staged._seq, staged.facility_code"
            )
        )


def _copy(connection: Connection, statement: str, rows: Iterable[Sequence[object]]) -> None:
    """Run the PostgreSQL ``COPY … FROM STDIN`` ``statement`` with ``rows``, in the transaction.

    An error of the driver is raised as SQLAlchemy's, like that of any other statement.
    """
    driver = connection.connection.driver_connection
    error_class = connection.dialect.loaded_dbapi.Error
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)
    except error_class as error:
        raise DBAPIError.instance(
            statement, None, error, error_class, dialect=connection.dialect
        ) from None


def update_records(connection: Connection, kind: Kind, records: list[Record]) -> None:
    table = kind.table
    link = table_named("survey_response_facility")
    statement = (
        update(table)
        .where(table.c.id == bindparam("_id"), table.c.version == bindparam("_version"))
        .values(version=table.c.version + 1)
    )
    for batch in batched(records, WRITE_BATCH):
        rows = [{k: v for k, v in record.items() if k != "facilities"} for record in batch]
        result = connection.execute(statement, rows)
        if connection.dialect.supports_sane_multi_rowcount and result.rowcount != len(rows):
            raise UserError(
                _(
                    "Someone changed records of this file since it was checked. Nothing was "
                    "imported; check the file again."
                )
            )
        if kind.facilities and "facilities" in batch[0]:
            ids = [record["_id"] for record in batch]
            connection.execute(delete(link).where(link.c.response_id.in_(ids)))
            links = [
                {"response_id": record["_id"], "facility_code": code}
                for record in batch
                for code in record["facilities"] or ()
            ]
            if links:
                _insert_rows(connection, link, links)


def table_named(name: str) -> Table:
    return Base.metadata.tables[name]


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
