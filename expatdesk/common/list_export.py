"""Exporting a list as the user sees it: its search, filters and order, its visible columns.

:func:`export_list` writes the records of a :class:`~expatdesk.common.listing.Listing` that
match the search and filters, in the list's order, with the columns the user sees under their
headers, all in the active language: as CSV or as an XLSX workbook, by the file's extension.

Half a million rows never sit in memory at once: the ids are an array (4 MB), the rows are read a
page at a time, and both formats are written to the disk as they come (openpyxl's write-only
workbook keeps its rows in a temporary file). The file appears under its name only when it is
complete (a temporary file beside it, then a rename), so an interrupted export never leaves half
a file, nor replaces an older one with it.

CSV is UTF-8 with a byte order mark, so that spreadsheets read names like "Müller" right, and
``,``-separated as RFC 4180; a cell that a spreadsheet would run as a formula (it starts with
``=``, ``+``, ``-``, ``@``) gets a leading apostrophe
(:func:`expatdesk.exchange.values.neutralise`).
An XLSX cell holds text as text, never as a formula; dates and counts are real dates and numbers.
"""

from __future__ import annotations

import csv
import io
import os
import secrets
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any

from expatdesk.accounts.actor import Actor
from expatdesk.common.listing import Column, FilterValues, Listing, Order, fetch_rows, find_ids
from expatdesk.db.database import Database
from expatdesk.errors import UserError
from expatdesk.exchange.values import neutralise
from expatdesk.i18n import _
from expatdesk.privacy import access_log
from expatdesk.private_files import PRIVATE_FILE_MODE
from expatdesk.reports.output import check_writable

#: Rows read from the database at once.
EXPORT_PAGE = 1000
FORMATS = {".csv": "csv", ".xlsx": "xlsx"}
#: How a date shows in a workbook cell.
XLSX_DATE_FORMAT = "yyyy-mm-dd"

Progress = Callable[[int, int], None]


def export_format(path: Path) -> str:
    """``"csv"`` or ``"xlsx"`` by the file's extension; anything else is refused."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise UserError(
            _("Cannot tell the format of {path}: the name must end in .csv or .xlsx.").format(
                path=path
            )
        ) from None


def export_list(
    database: Database,
    listing: Listing,
    path: Path,
    *,
    query: str = "",
    order: Order | None = None,
    filters: FilterValues | None = None,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    progress: Progress | None = None,
    actor: Actor | None = None,
) -> int:
    """Write the matching records of ``listing`` to ``path``; returns how many.

    The export is written into the log of reads (:mod:`.access_log`) for ``actor``: which list,
    how many records.

    ``columns`` are the keys of the columns to write, in their order (all columns by default);
    ``title`` names the workbook's sheet (the list's name by default); ``progress`` is told
    ``(written, total)`` after each page.
    """
    path = Path(path)
    fmt = export_format(path)
    check_writable(path)
    chosen = [listing.column(key) for key in columns] if columns is not None else listing.columns
    ids = find_ids(database, listing, query, order, filters)
    access_log.log(database, actor, "export_list", listing.name, rows=len(ids))  # before: a
    # failed export may have written part of the file
    rows = _rows(database, listing, ids, progress)
    with _replacing(path) as file:
        if fmt == "xlsx":
            _write_xlsx(file, listing, chosen, rows, title or listing.name.capitalize())
        else:
            _write_csv(file, chosen, rows)
    return len(ids)


def _rows(
    database: Database, listing: Listing, ids: Sequence[int], progress: Progress | None
) -> Iterator[Any]:
    """The page-query rows of ``ids`` in their order, a page at a time."""
    for start in range(0, len(ids), EXPORT_PAGE):
        page = ids[start : start + EXPORT_PAGE]
        found = fetch_rows(database, listing, page)
        for record_id in page:
            row = found.get(record_id)
            if row is not None:  # deleted since the ids were read
                yield row
        if progress is not None:
            progress(min(start + EXPORT_PAGE, len(ids)), len(ids))


def _write_csv(file: IO[bytes], columns: Sequence[Column], rows: Iterator[Any]) -> None:
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=",", lineterminator="\r\n")
    writer.writerow([_(column.header) for column in columns])
    for row in rows:
        writer.writerow([neutralise(column.text(row)) for column in columns])
    text.flush()
    text.detach()  # the file stays open for the caller


def _write_xlsx(
    file: IO[bytes], listing: Listing, columns: Sequence[Column], rows: Iterator[Any], title: str
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils.exceptions import IllegalCharacterError

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(title))
    sheet.append([_(column.header) for column in columns])
    for row in rows:
        cells = []
        for column in columns:
            value = column.value(row) if column.value is not None else None
            if isinstance(value, (date, int, float)) and not isinstance(value, bool):
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, date):
                    cell.number_format = XLSX_DATE_FORMAT
                cells.append(cell)
                continue
            try:
                cell = WriteOnlyCell(sheet, value=column.text(row))
            except IllegalCharacterError:
                raise UserError(
                    _(
                        "Record {ref} holds control characters that an Excel workbook cannot "
                        "store; export it as CSV."
                    ).format(ref=listing.columns[0].text(row))
                ) from None
            cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        sheet.append(cells)
    workbook.save(file)


def _sheet_title(title: str) -> str:
    """``title`` as a sheet may be named: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()
    return cleaned[:31] or "Sheet"


@contextmanager
def _replacing(path: Path) -> Iterator[IO[bytes]]:
    """A file that replaces ``path`` when the block ends well, and vanishes when it fails."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _cannot_write(path, error) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _cannot_write(path: Path, error: OSError) -> UserError:
    reason = error.strerror or str(error)
    return UserError(_("Cannot write {path}: {reason}").format(path=path, reason=reason))
