"""Reading the rows of a CSV or XLSX file, streaming, whatever the spreadsheet program wrote.

:func:`open_sheet` yields a :class:`Sheet`: the header's cells and an iterator over the rows below
it, each numbered as a spreadsheet numbers it (the header is row 1) and made of text cells.

A CSV may be UTF-8 with or without a byte order mark, or Windows-1252 (Dutch Excel); the whole
file is checked for UTF-8 first, in chunks. The delimiter is ``;`` when the header line holds more
semicolons than commas, else ``,``; quoting is RFC 4180. An XLSX is read from its first sheet with
openpyxl in read-only mode, so neither kind of file is ever held in memory whole. Anything
unreadable ends in a :class:`~expatdesk.errors.UserError` that says what is wrong, never a
traceback.
"""

from __future__ import annotations

import codecs
import csv
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import IO

from expatdesk import i18n
from expatdesk.errors import UserError
from expatdesk.i18n import _

#: The longest cell a file may hold, in characters: a sane limit, not csv's default 128 KiB.
MAX_FIELD = 1_000_000
_CHUNK = 1 << 20

csv.field_size_limit(MAX_FIELD)


class ReadError(UserError):
    """The file cannot be read as a table."""


@dataclass
class Sheet:
    """A file's header and its rows: ``(row number, cells)``, blank rows left out."""

    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    delimiter: str = ","
    encoding: str = ""
    #: Rows may be shorter than the header (a spreadsheet leaves out trailing empty cells).
    ragged: bool = False


def file_format(path: Path) -> str:
    """``"csv"`` or ``"xlsx"`` by the file's extension; anything else is refused."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    raise UserError(
        _("Cannot tell the format of {path}: the name must end in .csv or .xlsx.").format(path=path)
    )


@contextmanager
def open_sheet(path: Path) -> Iterator[Sheet]:
    """The header and rows of the CSV or XLSX file at ``path``."""
    kind = file_format(path)
    try:
        if kind == "csv":
            with _open_csv(path) as sheet:
                yield sheet
        else:
            with _open_xlsx(path) as sheet:
                yield sheet
    except OSError as error:
        raise ReadError(
            _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror or error)
        ) from None


# --- CSV --------------------------------------------------------------------------------------


def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` (with BOM), ``utf-8``, or ``cp1252`` when the bytes are no UTF-8."""
    with path.open("rb") as file:
        start = file.read(4)
        if start.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise ReadError(
                _(
                    "{path} is in UTF-16 ('Unicode text'); save it as CSV UTF-8 or as an "
                    "Excel workbook."
                ).format(path=path)
            )
        file.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        utf8 = True
        while chunk := file.read(_CHUNK):
            if b"\x00" in chunk:
                raise ReadError(
                    _("Cannot read {path}: {reason}").format(
                        path=path, reason=_("it holds NUL bytes, so it is no CSV text")
                    )
                )
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
    return "utf-8" if utf8 else "cp1252"


def sniff_delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


@contextmanager
def _open_csv(path: Path) -> Iterator[Sheet]:
    encoding = detect_encoding(path)
    with path.open(encoding=encoding, errors="strict", newline="") as file:
        try:
            first = file.readline(MAX_FIELD)
            file.seek(0)
        except UnicodeDecodeError:
            raise _not_text(path) from None
        delimiter = sniff_delimiter(first)
        records = _csv_records(path, file, delimiter)
        header = next(records, None)
        if header is None or not any(cell.strip() for cell in header[1]):
            raise ReadError(
                _("{path} is empty: its first row must name the columns.").format(path=path)
            )
        yield Sheet(header[1], _skip_blank(records), delimiter, encoding)


def _csv_records(path: Path, file: IO[str], delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(file, delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            raise _not_text(path) from None
        except csv.Error as error:
            raise ReadError(_csv_problem(path, number, str(error))) from None
        yield number, cells


def _csv_problem(path: Path, row: int, reason: str) -> str:
    if "field larger" in reason:
        problem = _("a cell is longer than {limit} characters").format(
            limit=i18n.format_number(MAX_FIELD)
        )
    else:
        problem = _("malformed CSV ({reason})").format(reason=reason)
    return _("Cannot read {path}, row {row}: {problem}").format(path=path, row=row, problem=problem)


def _not_text(path: Path) -> ReadError:
    return ReadError(
        _("{path} is no text file in UTF-8 or Windows-1252; is it really a CSV file?").format(
            path=path
        )
    )


def _skip_blank(rows: Iterable[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    for number, cells in rows:
        if any(cell.strip() for cell in cells):
            yield number, cells


# --- XLSX -------------------------------------------------------------------------------------


@contextmanager
def _open_xlsx(path: Path) -> Iterator[Sheet]:
    with warnings.catch_warnings():
        # openpyxl warns about workbook features it skips (styles, data validation); they do not
        # matter for the values read, and the user cannot act on them.
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except OSError:
            raise
        except Exception as error:  # a damaged or foreign file can fail anywhere inside
            raise _not_xlsx(path, error) from None
        try:
            if not workbook.worksheets:
                raise _not_xlsx(path, None)
            rows = _xlsx_records(path, workbook.worksheets[0].iter_rows(values_only=True))
            header = next(rows, None)
            if header is None or not any(cell.strip() for cell in header[1]):
                raise ReadError(
                    _("{path} is empty: its first row must name the columns.").format(path=path)
                )
            yield Sheet(header[1], _skip_blank(rows), ragged=True)
        finally:
            workbook.close()


def _not_xlsx(path: Path, error: Exception | None) -> ReadError:
    reason = f" ({type(error).__name__}: {error})" if error is not None else ""
    return ReadError(
        _("{path} is no Excel workbook that can be read{reason}.").format(path=path, reason=reason)
    )


def _xlsx_records(
    path: Path, rows: Iterator[tuple[object, ...]]
) -> Iterator[tuple[int, list[str]]]:
    number = 0
    while True:
        number += 1
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as error:  # damaged sheet XML
            raise _not_xlsx(path, error) from None
        cells = [_cell_text(value) for value in values]
        while cells and not cells[-1]:
            cells.pop()
        if any(len(cell) > MAX_FIELD for cell in cells):
            raise ReadError(
                _("Cannot read {path}, row {row}: {problem}").format(
                    path=path,
                    row=number,
                    problem=_("a cell is longer than {limit} characters").format(
                        limit=i18n.format_number(MAX_FIELD)
                    ),
                )
            )
        yield number, cells


def _cell_text(value: object) -> str:
    """A cell's value as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
