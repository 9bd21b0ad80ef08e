"""The Reports area: make the report in a worker, show its pages, print, preview, save."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox

from expatdesk.accounts.actor import SYSTEM
from expatdesk.db.database import Database
from expatdesk.qt import files, msgbox
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.reports.area import ReportsArea
from expatdesk.qt.widgets import printing
from tests.unit.qt.targets_data import TODAY, add_targets_data


@pytest.fixture
def area(qtbot, sqlite_database: Database, switcher: LanguageSwitcher) -> ReportsArea:
    add_targets_data(sqlite_database)
    area = ReportsArea(sqlite_database, today=lambda: TODAY, actor=SYSTEM)
    qtbot.addWidget(area)
    area.resize(900, 700)
    area.show()
    return area


@pytest.fixture
def made(qtbot, area: ReportsArea) -> ReportsArea:
    area.set_years(2024, 2025)
    with qtbot.waitSignal(area.reportShown, timeout=30000) as shown:
        area.makeButton.click()
        assert not area.makeButton.isEnabled()
        assert not area.actionMake.isEnabled()
    assert shown.args[0] > 1
    return area


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_defaults_and_year_order(area: ReportsArea) -> None:
    assert (area.yearFrom.value(), area.yearTo.value()) == (2012, 2025)
    assert area.report_language() == "en"
    area.yearFrom.setValue(2030)  # no later than this year: there are no figures yet
    assert (area.yearFrom.value(), area.yearTo.value()) == (2025, 2025)
    area.yearTo.setValue(2020)
    assert area.yearFrom.value() == 2020
    assert not area.actionPrint.isEnabled()
    assert not area.actionSavePdf.isEnabled()


def test_make_report_shows_the_pages(made: ReportsArea) -> None:
    document = made.document
    assert document.status() == QPdfDocument.Status.Ready
    assert document.pageCount() > 1
    assert made.view.isVisible()
    assert made.view.pageMode() == QPdfView.PageMode.MultiPage
    assert made.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert made.makeButton.isEnabled()
    assert made.actionPrint.isEnabled()
    assert made.actionExportJson.isEnabled()
    result = made.made()
    assert result is not None
    assert (result.report.year_from, result.report.year_to) == (2024, 2025)
    assert made.statusLabel.text() == f"Report 2024–2025: {document.pageCount()} pages"


def test_report_in_dutch(qtbot, area: ReportsArea) -> None:
    area.set_years(2025, 2025)
    area.set_report_language("nl")
    with qtbot.waitSignal(area.reportShown, timeout=30000):
        area.make()
    result = area.made()
    assert result is not None
    assert result.language == "nl"
    reader = pypdf.PdfReader(io.BytesIO(result.pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "basisjaar" in text


def test_save_as_pdf(monkeypatch, tmp_path: Path, made: ReportsArea) -> None:
    asked = []

    def choose(parent, title, suggested, filter):
        asked.append((title, suggested.name, filter))
        return tmp_path / "targets"

    monkeypatch.setattr(files, "save_file_name", choose)
    path = made.save_pdf()
    assert path == tmp_path / "targets.pdf"
    assert asked == [("Save report as PDF", "targets-2024-2025.pdf", "PDF files (*.pdf)")]
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == made.document.pageCount()


def test_changed_fields_make_the_report_out_of_date(
    qtbot, monkeypatch, tmp_path: Path, made: ReportsArea
) -> None:
    """English 2024–2025 is shown; the fields now say 2025 in Dutch: nothing may save or print
    the English report as if it were the Dutch one, until the report is made again."""
    asked: list[Path] = []

    def choose(parent, title, suggested, filter):
        asked.append(suggested)
        return tmp_path / suggested.name

    monkeypatch.setattr(files, "save_file_name", choose)
    made.set_years(2025, 2025)
    made.set_report_language("nl")
    assert made.is_stale()
    assert made.staleLabel.isVisible()
    assert made.staleLabel.text() == (
        "Out of date: the report shown is for 2024–2025 in English. "
        "Press “Make report” for the years and language chosen."
    )
    for action in (made.actionSavePdf, made.actionExportJson, made.actionPrint):
        assert not action.isEnabled()
    assert made.save_pdf() is None
    assert made.export_json() is None
    assert not made.print()
    assert asked == []

    made.set_report_language("en")  # back to what is shown: 2024–2025 would be current again
    made.set_years(2024, 2025)
    assert not made.is_stale()
    assert not made.staleLabel.isVisible()
    assert made.actionSavePdf.isEnabled()

    made.set_years(2025, 2025)
    made.set_report_language("nl")
    with qtbot.waitSignal(made.reportShown, timeout=30000):
        made.makeButton.click()
    assert not made.is_stale()
    path = made.save_pdf()
    assert path is not None
    assert asked[-1].name == "doelstellingen-2025-2025.pdf"  # in the report's language
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    assert "Doelstellingen N–Q" in text
    assert "Targets N–Q" not in text


def test_export_json(monkeypatch, tmp_path: Path, made: ReportsArea) -> None:
    monkeypatch.setattr(files, "save_file_name", lambda *args: tmp_path / "report.json")
    made.actionExportJson.trigger()
    data = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert data["report"] == "targets"
    assert (data["year_from"], data["year_to"]) == (2024, 2025)
    assert [entry["status"] for entry in data["N"]] == ["met", "not_met"]


def test_save_error_is_shown(monkeypatch, tmp_path: Path, made: ReportsArea, dialogs) -> None:
    monkeypatch.setattr(files, "save_file_name", lambda *args: tmp_path / "missing" / "r.pdf")
    assert made.save_pdf() is None
    assert len(dialogs) == 1
    box = dialogs[0]
    assert isinstance(box, QMessageBox)
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.text().startswith("Cannot write")


def test_cancelled_save_writes_nothing(monkeypatch, tmp_path: Path, made: ReportsArea) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(files, "save_file_name", lambda *args: None)
    assert made.export_json() is None
    assert made.save_pdf() is None
    assert list(folder.iterdir()) == []


def test_print_paints_every_page(monkeypatch, tmp_path: Path, made: ReportsArea, dialogs) -> None:
    monkeypatch.setattr(
        msgbox,
        "exec_dialog",
        lambda dialog: (dialogs.append(dialog), int(QDialog.DialogCode.Accepted))[1],
    )
    made.printer = pdf_printer(tmp_path / "printed.pdf")
    assert made.print()
    assert isinstance(dialogs[0], QPrintDialog)
    assert len(pypdf.PdfReader(tmp_path / "printed.pdf").pages) == made.document.pageCount()


def test_print_respects_the_page_range(tmp_path: Path, made: ReportsArea) -> None:
    printer = pdf_printer(tmp_path / "range.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    assert printing.paint_document(made.document, printer) == 1
    assert len(pypdf.PdfReader(tmp_path / "range.pdf").pages) == 1


def test_cancelled_print_prints_nothing(tmp_path: Path, made: ReportsArea, dialogs) -> None:
    made.printer = pdf_printer(tmp_path / "never.pdf")
    assert not made.print()
    assert not (tmp_path / "never.pdf").exists()


def test_print_preview_paints(tmp_path: Path, made: ReportsArea, dialogs) -> None:
    made.printer = pdf_printer(tmp_path / "preview.pdf")
    assert made.preview()
    dialog = dialogs[0]
    assert isinstance(dialog, QPrintPreviewDialog)
    painted: list[int] = []
    dialog.paintRequested.connect(lambda printer: painted.append(1))
    target = pdf_printer(tmp_path / "preview.pdf")
    dialog.paintRequested.emit(target)
    assert painted == [1]
    assert len(pypdf.PdfReader(tmp_path / "preview.pdf").pages) == made.document.pageCount()


def test_shortcut_makes_the_report(qtbot, area: ReportsArea) -> None:
    assert area.actionMake.shortcut() == QKeySequence("Ctrl+R")
    area.set_years(2025, 2025)
    with qtbot.waitActive(area):
        area.activateWindow()
    area.yearFrom.setFocus()
    with qtbot.waitSignal(area.reportShown, timeout=30000):
        qtbot.keyClick(area.yearFrom, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert area.yearFrom.accessibleName() == "From"
    assert area.yearFrom.accessibleDescription() == "First year"
    assert area.view.accessibleName() == "Report pages"


def test_failure_is_shown(qtbot, monkeypatch, area: ReportsArea, dialogs) -> None:
    from expatdesk.errors import UserError
    from expatdesk.qt.reports import area as reports_area

    def fail(*args):
        raise UserError("The database is locked.")

    monkeypatch.setattr(reports_area, "make_report", fail)
    with qtbot.waitSignal(area.reportFailed, timeout=10000):
        area.make()
    assert area.makeButton.isEnabled()
    assert dialogs[0].text() == "The database is locked."
    assert area.made() is None


def test_the_report_is_dated_by_the_areas_clock(made: ReportsArea) -> None:
    """The area prints the date it was given (the app's clock), not the machine's."""
    result = made.made()
    assert result is not None
    text = pypdf.PdfReader(io.BytesIO(result.pdf)).pages[0].extract_text()
    assert "Report date 1 June 2025" in " ".join(text.split())
