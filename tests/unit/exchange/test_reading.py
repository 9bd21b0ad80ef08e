"""CSV and XLSX rows: encodings, delimiters, quoting, and readable refusals of anything else."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from expatdesk.errors import UserError
from expatdesk.exchange import reading
from expatdesk.exchange.reading import MAX_FIELD, detect_encoding, open_sheet


def _rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    with open_sheet(path) as sheet:
        return sheet.header, list(sheet.rows)


def test_utf8_with_bom_and_comma(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("\ufeffname,city\nMüller,Enschede\n".encode())
    assert detect_encoding(path) == "utf-8-sig"
    assert _rows(path) == (["name", "city"], [(2, ["Müller", "Enschede"])])


def test_windows_1252_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("name;date\r\nMüller;07-03-2015\r\n".encode("cp1252"))
    assert detect_encoding(path) == "cp1252"
    assert _rows(path) == (["name", "date"], [(2, ["Müller", "07-03-2015"])])


def test_rfc4180_quoting_and_blank_rows(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('a,b\n"x, ""y""","two\nlines"\n,\nlast,row\n', encoding="utf-8")
    _header, rows = _rows(path)
    assert rows == [(2, ['x, "y"', "two\nlines"]), (4, ["last", "row"])]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\n\n", "is empty"),
        (b"a,b\nx\x00y,z\n", "NUL bytes"),
        (b"\xff\xfea\x00,\x00b\x00", "UTF-16"),
        (b"a,b\n\x81\x8d\x8f,1\n", "no text file"),
    ],
)
def test_unreadable_csv(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        _rows(path)


def test_huge_field_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("a,b\n" + "x" * (MAX_FIELD + 1) + ",1\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"row 2: a cell is longer than 1,000,000 characters"):
        _rows(path)


def test_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"must end in \.csv or \.xlsx"):
        _rows(tmp_path / "a.ods")


def test_xlsx_first_sheet(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["name", "year", "score"])
    sheet.append(["Müller", 2015, 7.0])
    sheet.append([None, None, None])
    sheet.append(["short"])
    workbook.create_sheet("second").append(["ignored"])
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    assert _rows(path) == (
        ["name", "year", "score"],
        [(2, ["Müller", "2015", "7"]), (4, ["short"])],
    )


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_xlsx_that_is_no_workbook(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(content)
    with pytest.raises(UserError, match="no Excel workbook"):
        _rows(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Cannot read"):
        _rows(tmp_path / "gone.csv")


# --- hostile workbooks ------------------------------------------------------------------------


def _workbook_with(tmp_path: Path, replace: dict[str, tuple[str, ...]]) -> Path:
    """A small valid workbook whose parts have ``old`` replaced by ``new`` (pairs per part)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["name", "year"])
    sheet.append(["Müller", 2015])
    plain = tmp_path / "plain.xlsx"
    workbook.save(plain)
    path = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            pairs = replace.get(item.filename, ())
            for old, new in zip(pairs[::2], pairs[1::2], strict=True):
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            out.writestr(item.filename, data)
    return path


SHEET = "xl/worksheets/sheet1.xml"


def test_a_workbook_that_declares_a_huge_sheet_is_refused_at_once(tmp_path: Path) -> None:
    path = _workbook_with(
        tmp_path, {SHEET: ('<dimension ref="A1:B2" />', '<dimension ref="A1:XFD1048576" />')}
    )
    assert path.stat().st_size < 10_000
    started = time.monotonic()
    with pytest.raises(
        UserError,
        match=r"hostile\.xlsx: its sheet declares 1,048,576 rows and 16,384 columns; at most "
        r"1,048,576 rows and 1,024 columns are read$",
    ):
        _rows(path)
    assert time.monotonic() - started < 2


def test_the_declared_size_pads_no_row(tmp_path: Path) -> None:
    # Within the limits, but 200,000 rows of a thousand columns if taken at its word.
    path = _workbook_with(
        tmp_path,
        {
            SHEET: (
                '<dimension ref="A1:B2" />',
                '<dimension ref="A1:AMJ200000" />',
                "</row></sheetData>",
                '</row><row r="200000"><c r="A200000"><v>1</v></c></row></sheetData>',
            )
        },
    )
    started = time.monotonic()
    assert _rows(path) == (["name", "year"], [(2, ["Müller", "2015"]), (200000, ["1"])])
    assert time.monotonic() - started < 5


def test_a_cell_beyond_the_last_column_is_refused(tmp_path: Path) -> None:
    path = _workbook_with(
        tmp_path, {SHEET: ("</row></sheetData>", '<c r="XFD2"><v>1</v></c></row></sheetData>')}
    )
    with pytest.raises(UserError, match=r"row 2 has a cell beyond column 1,024$"):
        _rows(path)


def test_a_part_that_unpacks_to_too_much_is_refused_before_reading(tmp_path: Path) -> None:
    # 40 MiB of shared strings that openpyxl would hold in memory, packed into a few KiB.
    strings = "<si><t>x</t></si>" * (40 * 1024 * 1024 // 17)
    path = _workbook_with(
        tmp_path, {"xl/workbook.xml": ("</workbook>", f"<!--{strings}--></workbook>")}
    )
    assert path.stat().st_size < 1_000_000
    with pytest.raises(
        UserError, match=r"its part xl/workbook\.xml unpacks to 40 MiB, more than 32 MiB$"
    ):
        _rows(path)


def test_a_workbook_that_unpacks_to_too_much_in_all_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "XLSX_MAX_UNPACKED", 4096)
    path = _workbook_with(tmp_path, {})
    with pytest.raises(UserError, match=r"it unpacks to 0 MiB, more than 0 MiB$"):
        _rows(path)


def test_reading_stops_after_the_row_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "XLSX_MAX_ROWS", 1)
    path = _workbook_with(tmp_path, {})
    with pytest.raises(UserError, match=r"it has more than 1 rows; import larger files as CSV$"):
        _rows(path)


def test_reading_stops_after_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "XLSX_MAX_SECONDS", -1.0)
    path = _workbook_with(tmp_path, {})
    with pytest.raises(UserError, match=r"reading it took more than -1 seconds, row 1$"):
        _rows(path)
