"""Exporting a kind of record in the layout its import reads, as CSV or XLSX.

The file's extension chooses the format: ``.csv`` is UTF-8 without BOM, ``,``-separated, quoted
as RFC 4180; ``.xlsx`` is a workbook with one sheet. Columns come in the order of
``data-exchange.md``, records in the order they were created. The file is replaced only when
complete, readable by its owner only (:func:`expatdesk.private_files.write_private`).

Formulas are neutralised: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return as a formula ("CSV injection"). In a CSV such a text gets a leading
apostrophe, which the importer removes again, so a round trip is exact; in an XLSX it is written
as a string cell, which no spreadsheet evaluates.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Select, func, select
from sqlalchemy.exc import DBAPIError

from expatdesk.db.database import Database
from expatdesk.db.models import Base
from expatdesk.errors import DatabaseError, UserError
from expatdesk.exchange.kinds import REF_COLUMNS, Kind, kind_named
from expatdesk.exchange.reading import file_format
from expatdesk.exchange.values import format_value, neutralise
from expatdesk.i18n import _
from expatdesk.private_files import write_private
from expatdesk.reports.output import check_writable

#: The table each id field of a reference points at.
_ID_TARGETS = {"employer_id": "employer", "expat_id": "expat", "case_id": "case_file"}
_BATCH = 1000


def export(database: Database, kind: Kind | str, path: Path) -> int:
    """Write every record of ``kind`` to ``path``; returns how many."""
    if isinstance(kind, str):
        kind = kind_named(kind)
    path = Path(path)
    fmt = file_format(path)
    check_writable(path)
    try:
        with database.reading() as session:
            rows = _rows(session.connection(), kind)
            data, count = _xlsx(kind, rows) if fmt == "xlsx" else _csv(kind, rows)
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise DatabaseError(
            _("Cannot read the database {name}: {reason}").format(name=database.name, reason=reason)
        ) from None
    write_private(path, data)
    return count


def _query(kind: Kind) -> Select[Any]:
    table = kind.table
    columns: list[Any] = []
    joined: Any = table
    for column in kind.columns:
        if column.refers_to is None:
            if column.field != "facilities":
                columns.append(table.c[column.field].label(column.name))
            continue
        refs = []
        for id_field in column.clears or (column.field,):
            target = Base.metadata.tables[_ID_TARGETS[id_field]].alias(f"{column.name}_{id_field}")
            joined = joined.outerjoin(target, target.c.id == table.c[id_field])
            refs.append(target.c[REF_COLUMNS[target.original.name]])  # type: ignore[attr-defined]
        ref = func.coalesce(*refs) if len(refs) > 1 else refs[0]
        columns.append(ref.label(column.name))
    return select(table.c.id, *columns).select_from(joined).order_by(table.c.id)


def _rows(connection: Connection, kind: Kind) -> Iterator[list[object]]:
    """Each record's values in the kind's column order."""
    link = Base.metadata.tables["survey_response_facility"]
    result = connection.execute(_query(kind))
    for partition in result.partitions(_BATCH):
        facilities: dict[int, list[str]] = {}
        if kind.facilities:
            ids = [row.id for row in partition]
            query = (
                select(link.c.response_id, link.c.facility_code)
                .where(link.c.response_id.in_(ids))
                .order_by(link.c.response_id, link.c.facility_code)
            )
            for response_id, code in connection.execute(query):
                facilities.setdefault(response_id, []).append(code)
        for row in partition:
            mapping = row._mapping
            values: list[object] = []
            for column in kind.columns:
                if column.field == "facilities":
                    values.append(tuple(facilities.get(row.id, ())) or None)
                else:
                    values.append(mapping[column.name])
            yield values


def _csv(kind: Kind, rows: Iterator[list[object]]) -> tuple[bytes, int]:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=",", lineterminator="\r\n")
    writer.writerow(kind.column_names)
    count = 0
    for values in rows:
        writer.writerow([neutralise(format_value(value)) for value in values])
        count += 1
    return buffer.getvalue().encode("utf-8"), count


def _xlsx(kind: Kind, rows: Iterator[list[object]]) -> tuple[bytes, int]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils.exceptions import IllegalCharacterError

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(kind.name)
    sheet.append(list(kind.column_names))
    count = 0
    for values in rows:
        cells = []
        for value in values:
            if isinstance(value, int) and not isinstance(value, bool):
                cells.append(WriteOnlyCell(sheet, value=value))
                continue
            text = format_value(value)
            try:
                cell = WriteOnlyCell(sheet, value=text)
            except IllegalCharacterError:
                raise UserError(
                    _(
                        "Record {ref} holds control characters that an Excel workbook cannot "
                        "store; export it as CSV."
                    ).format(ref=values[0])
                ) from None
            cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        sheet.append(cells)
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count
