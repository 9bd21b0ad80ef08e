"""CSV and XLSX rows: encodings, delimiters, quoting, and readable refusals of anything else."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from expatdesk.errors import UserError
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
