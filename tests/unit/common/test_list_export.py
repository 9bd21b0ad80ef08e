"""Exporting a list as shown: search, filters, order and columns, to CSV and XLSX, read back."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from expatdesk import i18n
from expatdesk.common import list_export
from expatdesk.common.list_export import export_list
from expatdesk.common.listing import Order
from expatdesk.db.database import Database
from expatdesk.db.models import Expat
from expatdesk.employers import read as employers
from expatdesk.errors import UserError
from expatdesk.expats import read as expats
from tests.helpers.sample import Sample


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets need to read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_xlsx(path: Path) -> list[list[object]]:
    workbook = load_workbook(path, read_only=True)
    try:
        return [list(row) for row in workbook.active.iter_rows(values_only=True)]
    finally:
        workbook.close()


def test_csv_holds_the_list_as_shown(database: Database, sample: Sample, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    count = export_list(
        database,
        expats.LISTING,
        path,
        order=Order("arrival_date", descending=True),
        filters={"municipality": "hengelo"},
        columns=["given_name", "ref", "arrival_date", "category"],
    )
    assert count == 2
    assert read_csv(path) == [
        ["Given name", "Ref.", "Arrival", "Category"],
        ["José", "EXP-0001", "26 Nov 2026", "Highly skilled migrant"],
        ["Lars", "EXP-0004", "15 Jan 2023", "Knowledge worker from the EU/EEA"],
    ]


def test_xlsx_holds_real_dates_and_numbers(
    database: Database, sample: Sample, tmp_path: Path
) -> None:
    path = tmp_path / "list.xlsx"
    assert export_list(database, expats.LISTING, path, query="müller", title="Expats") == 1
    rows = read_xlsx(path)
    assert rows[0] == [
        "Ref.",
        "Family name",
        "Given name",
        "Nationality",
        "Employer",
        "Category",
        "Arrival",
        "Municipality",
    ]
    assert rows[1][:3] == ["EXP-0002", "Müller", "Anna"]
    assert rows[1][6].date() == date(2025, 3, 1)  # a date cell, not text
    workbook = load_workbook(path, read_only=True)
    assert workbook.sheetnames == ["Expats"]
    workbook.close()
    employer_path = tmp_path / "employers.xlsx"
    export_list(database, employers.LISTING, employer_path, order=Order("expat_count"))
    counts = [row[3] for row in read_xlsx(employer_path)[1:]]
    assert counts == [0, 2, 2]  # numbers


def test_headers_and_texts_in_the_active_language(
    database: Database, sample: Sample, tmp_path: Path
) -> None:
    i18n.set_language("nl")
    path = tmp_path / "lijst.csv"
    export_list(
        database, expats.LISTING, path, query="jose", columns=["ref", "nationality", "arrival_date"]
    )
    assert read_csv(path) == [
        ["Kenmerk", "Nationaliteit", "Aankomst"],
        ["EXP-0001", "Spanje", "26 nov 2026"],
    ]


def test_formulas_are_neutralised(database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        session.add(Expat(expat_ref="EXP-0666", given_name="=HYPERLINK(1)", family_name="+31"))
    csv_path = tmp_path / "list.csv"
    export_list(database, expats.LISTING, csv_path, columns=["given_name", "family_name"])
    assert read_csv(csv_path)[1] == ["'=HYPERLINK(1)", "'+31"]
    xlsx_path = tmp_path / "list.xlsx"
    export_list(database, expats.LISTING, xlsx_path, columns=["given_name", "family_name"])
    workbook = load_workbook(xlsx_path)
    (cells,) = workbook.active.iter_rows(min_row=2, values_only=False)
    assert [cell.value for cell in cells] == ["=HYPERLINK(1)", "+31"]
    assert [cell.data_type for cell in cells] == ["s", "s"]  # text, never a formula


def test_every_page_of_a_long_list(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_export, "EXPORT_PAGE", 7)
    with database.transaction() as session:
        session.add_all(
            Expat(expat_ref=f"EXP-{number:03d}", given_name="Test", family_name=f"P{number:03d}")
            for number in range(30)
        )
    progress: list[tuple[int, int]] = []
    path = tmp_path / "long.csv"
    count = export_list(
        database,
        expats.LISTING,
        path,
        order=Order("ref", descending=True),
        columns=["ref"],
        progress=lambda done, total: progress.append((done, total)),
    )
    assert count == 30
    assert [row[0] for row in read_csv(path)[1:]] == [f"EXP-{n:03d}" for n in reversed(range(30))]
    assert progress == [(7, 30), (14, 30), (21, 30), (28, 30), (30, 30)]


def test_a_failed_export_leaves_the_old_file(
    database: Database, sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "list.csv"
    path.write_text("the old file")
    monkeypatch.setattr(list_export, "EXPORT_PAGE", 2)
    pages: list[int] = []
    real = list_export.fetch_rows

    def fails_on_the_second_page(*args: object) -> object:
        pages.append(1)
        if len(pages) == 2:
            raise RuntimeError("disk on fire")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(list_export, "fetch_rows", fails_on_the_second_page)
    with pytest.raises(RuntimeError, match="disk on fire"):
        export_list(database, expats.LISTING, path, columns=["ref"])
    assert path.read_text() == "the old file"
    assert [p.name for p in folder.iterdir()] == ["list.csv"]  # no temporary file left


def test_unknown_formats_and_folders_are_refused(database: Database, tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"must end in \.csv or \.xlsx"):
        export_list(database, expats.LISTING, tmp_path / "list.pdf")
    with pytest.raises(UserError, match="Cannot write"):
        export_list(database, expats.LISTING, tmp_path / "missing" / "list.csv")
