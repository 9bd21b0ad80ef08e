"""Reading the rows of a CSV or XLSX file, streaming, whatever the spreadsheet program wrote.

:func:`open_sheet` yields a :class:`Sheet`: the header's cells and an iterator over the rows below
it, each numbered as a spreadsheet numbers it (the header is row 1) and made of text cells.

A CSV may be UTF-8 with or without a byte order mark, or Windows-1252 (Dutch Excel); the whole
file is checked for UTF-8 first, in chunks. The delimiter is ``;`` when the header line holds more
semicolons than commas, else ``,``; quoting is RFC 4180. An XLSX is read from its first sheet with
openpyxl in read-only mode, so neither kind of file is ever held in memory whole. Anything
unreadable ends in a :class:`~expatdesk.errors.UserError` that says what is wrong, never a
traceback.

An XLSX is a ZIP archive of XML, so a small file can stand for an enormous one. Before openpyxl
reads it, the archive's directory is checked: at most :data:`XLSX_MAX_UNPACKED` bytes unpacked
in all, and at most :data:`XLSX_MAX_HELD` for each part that openpyxl holds in memory whole (the
shared strings, the styles; the sheets themselves are streamed). ``zipfile`` never unpacks more
than a part declares, so the declared sizes bound the work. The dimensions a sheet declares
must lie within :data:`XLSX_MAX_DECLARED_ROWS` × :data:`XLSX_MAX_COLUMNS`, and are then not used
to pad the rows (a row is as wide as its last cell; a cell beyond the last column is refused).
At most :data:`XLSX_MAX_ROWS` rows are read (an import holds its records until it writes them,
so this bounds its memory; larger files go as CSV), and reading stops after
:data:`XLSX_MAX_SECONDS`. Each refusal is one line.
"""

from __future__ import annotations

import codecs
import csv
import time as clock_time
import warnings
import zipfile
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

#: Bytes an XLSX may unpack to, in all (a million rows of a dozen columns is far less).
XLSX_MAX_UNPACKED = 512 * 1024 * 1024
#: Bytes each part may unpack to that openpyxl reads into memory whole (not the sheets).
XLSX_MAX_HELD = 32 * 1024 * 1024
#: Parts an XLSX may hold.
XLSX_MAX_PARTS = 10_000
#: The largest sheet an XLSX may declare: Excel's own rows, and far more columns than any
#: import needs (LibreOffice's old limit).
XLSX_MAX_DECLARED_ROWS = 1_048_576
XLSX_MAX_COLUMNS = 1024
#: Rows read from an XLSX at most: 250,000 rows of expats take some 150 MB to check.
XLSX_MAX_ROWS = 250_000
#: How long reading an XLSX may take, in seconds.
XLSX_MAX_SECONDS = 120.0


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


def _refuse_xlsx(path: Path, problem: str) -> ReadError:
    return ReadError(_("Cannot read {path}: {problem}").format(path=path, problem=problem))


def _mib(size: int) -> str:
    return i18n.format_number(size / (1024 * 1024), 0)


def check_xlsx_package(path: Path) -> None:
    """Refuse an XLSX whose parts unpack to more than the limits (see the module)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile as error:
        raise _not_xlsx(path, error) from None
    if len(parts) > XLSX_MAX_PARTS:
        raise _refuse_xlsx(
            path,
            _("it holds {count} parts; a workbook has far fewer").format(
                count=i18n.format_number(len(parts))
            ),
        )
    total = 0
    for part in parts:
        total += part.file_size
        streamed = part.filename.startswith("xl/worksheets/")
        if not streamed and part.file_size > XLSX_MAX_HELD:
            raise _refuse_xlsx(
                path,
                _("its part {part} unpacks to {size} MiB, more than {limit} MiB").format(
                    part=part.filename, size=_mib(part.file_size), limit=_mib(XLSX_MAX_HELD)
                ),
            )
    if total > XLSX_MAX_UNPACKED:
        raise _refuse_xlsx(
            path,
            _("it unpacks to {size} MiB, more than {limit} MiB").format(
                size=_mib(total), limit=_mib(XLSX_MAX_UNPACKED)
            ),
        )


def _check_dimensions(path: Path, rows: int | None, columns: int | None) -> None:
    if (rows or 0) > XLSX_MAX_DECLARED_ROWS or (columns or 0) > XLSX_MAX_COLUMNS:
        raise _refuse_xlsx(
            path,
            _(
                "its sheet declares {rows} rows and {columns} columns; at most {max_rows} rows "
                "and {max_columns} columns are read"
            ).format(
                rows=i18n.format_number(rows or 0),
                columns=i18n.format_number(columns or 0),
                max_rows=i18n.format_number(XLSX_MAX_DECLARED_ROWS),
                max_columns=i18n.format_number(XLSX_MAX_COLUMNS),
            ),
        )


@contextmanager
def _open_xlsx(path: Path) -> Iterator[Sheet]:
    check_xlsx_package(path)
    started = clock_time.monotonic()
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
            sheet = workbook.worksheets[0]
            try:
                _check_dimensions(path, sheet.max_row, sheet.max_column)
            except ReadError:
                raise
            except Exception as error:  # a damaged dimension element
                raise _not_xlsx(path, error) from None
            # The declared size pads no row: each is as wide as its last cell, and a missing
            # row is empty.
            sheet.reset_dimensions()
            rows = _xlsx_records(path, sheet.iter_rows(values_only=True), started)
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
    path: Path, rows: Iterator[tuple[object, ...]], started: float
) -> Iterator[tuple[int, list[str]]]:
    number = 0
    deadline = started + XLSX_MAX_SECONDS
    while True:
        number += 1
        if number > XLSX_MAX_ROWS:
            raise _refuse_xlsx(
                path,
                _("it has more than {limit} rows; import larger files as CSV").format(
                    limit=i18n.format_number(XLSX_MAX_ROWS)
                ),
            )
        if clock_time.monotonic() > deadline:
            raise _refuse_xlsx(
                path,
                _("reading it took more than {seconds} seconds, row {row}").format(
                    seconds=i18n.format_number(XLSX_MAX_SECONDS, 0),
                    row=i18n.format_number(number),
                ),
            )
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as error:  # damaged sheet XML
            raise _not_xlsx(path, error) from None
        if len(values) > XLSX_MAX_COLUMNS and any(
            value is not None for value in values[XLSX_MAX_COLUMNS:]
        ):
            raise _refuse_xlsx(
                path,
                _("row {row} has a cell beyond column {limit}").format(
                    row=i18n.format_number(number), limit=i18n.format_number(XLSX_MAX_COLUMNS)
                ),
            )
        cells = [_cell_text(value) for value in values[:XLSX_MAX_COLUMNS]]
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
