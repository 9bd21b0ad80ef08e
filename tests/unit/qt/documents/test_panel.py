"""The Documents tab of the case page: attach by dialog and by drop (ticking a checklist
document), refusals in one line, open from a private copy, print, remove, and the letter dialog."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select

from expatdesk.cases import detail as case_detail
from expatdesk.db.database import Database
from expatdesk.db.models import AccessLog
from expatdesk.documents import store
from expatdesk.qt import files, msgbox
from expatdesk.qt.cases.page import CasePage
from expatdesk.qt.documents import opener as opener_module
from expatdesk.qt.documents import panel as panel_module
from expatdesk.qt.documents.letter_dialog import LetterDialog
from expatdesk.qt.widgets import printing
from tests.unit.documents.conftest import Desk, add_desk
from tests.unit.documents.test_store import JPEG_BYTES, PDF_BYTES, big_pdf


@pytest.fixture
def desk(sqlite_database: Database) -> Desk:
    return add_desk(sqlite_database)


@pytest.fixture
def page(qtbot, sqlite_database: Database, desk: Desk) -> CasePage:
    page = CasePage(sqlite_database, desk.officer)
    qtbot.addWidget(page)
    page.resize(900, 640)
    page.show()
    assert page.show_case(desk.dutch_case)
    page.ui.tabs.setCurrentWidget(page.documents)
    return page


def _file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _titles(page: CasePage) -> list[str]:
    table = page.documents.table
    return [table.item(row, 0).text() for row in range(table.rowCount())]


def _tab_text(page: CasePage) -> str:
    return page.ui.tabs.tabText(page.ui.tabs.indexOf(page.documents))


def test_attaching_a_passport_scan_by_dialog_ticks_valid_passport(
    page: CasePage, sqlite_database: Database, desk: Desk, tmp_path: Path, monkeypatch
) -> None:
    scan = _file(tmp_path, "IMG_0042.jpg", JPEG_BYTES)
    asked: list[str] = []

    def choose(_parent, title, _folder, _filter):
        asked.append(title)
        return scan

    monkeypatch.setattr(files, "open_file_name", choose)
    panel = page.documents
    panel.titleEdit.setText("Passport")
    combo = panel.provesCombo
    combo.setCurrentIndex(combo.findText("Valid passport", Qt.MatchFlag.MatchEndsWith))
    assert combo.currentIndex() > 0

    panel.addButton.click()

    assert asked == ["Attach a file"]
    assert _titles(page) == ["Passport"]
    assert panel.table.item(0, 2).text().endswith(": Valid passport")
    assert panel.table.item(0, 5).text() == "1 KB"
    assert panel_module.size_text(20 * 1024 * 1024) == "20.0 MB"
    assert _tab_text(page) == "Documents (1)"
    service = case_detail.load_case(sqlite_database, desk.dutch_case).services[0]
    assert [d.document.en for d in service.documents if d.checked] == ["Valid passport"]
    checklist = page.ui.checklistList  # the case page read the case again
    page.ui.servicesTable.selectRow(0)
    ticked = [
        checklist.item(row).text()
        for row in range(checklist.count())
        if checklist.item(row).checkState() == Qt.CheckState.Checked
    ]
    assert len(ticked) == 1
    assert ticked[0].startswith("Valid passport")


def test_files_dropped_on_the_tab_are_attached(page: CasePage, tmp_path: Path, qtbot) -> None:
    paths = [
        _file(tmp_path, "contract.pdf", PDF_BYTES),
        _file(tmp_path, "photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    ]
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    panel = page.documents
    panel.provesCombo.setCurrentIndex(1)  # the service itself, no checklist document
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.event(enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.event(event)  # as the window delivers a drop (sendEvent wants a drag in progress)
    assert sorted(_titles(page)) == ["contract", "photo"]
    assert panel.message() == ""
    service = page.detail.services[0] if page.detail else None
    assert service is not None
    assert {panel.table.item(row, 2).text() for row in range(2)} == {str(service.service)}
    assert {document.delivery_id for document in panel.documents()} == {service.id}
    assert not any(check.checked for check in page.detail.services[0].documents)


def test_a_refused_file_is_said_in_one_line_and_nothing_is_kept(
    page: CasePage, tmp_path: Path, monkeypatch
) -> None:
    too_large = big_pdf(tmp_path / "scan.pdf", 21 * 1024 * 1024)
    monkeypatch.setattr(files, "open_file_name", lambda *_args: too_large)
    page.documents.addButton.click()
    assert page.documents.message() == "scan.pdf is 21.0 MB; a file may be at most 20 MB."
    assert _titles(page) == []
    monkeypatch.setattr(files, "open_file_name", lambda *_args: _file(tmp_path, "x.pdf", b"GIF89a"))
    page.documents.addButton.click()
    assert page.documents.message().startswith("x.pdf is not a PDF, JPEG, PNG or Word (DOCX) file")


def test_opening_writes_a_private_copy_that_is_removed_afterwards(
    qtbot, page: CasePage, sqlite_database: Database, desk: Desk, monkeypatch
) -> None:
    document_id = store.add_bytes(
        sqlite_database, desk.officer, desk.dutch_case, PDF_BYTES, file_name="letter.pdf"
    )
    page.documents.reload()
    shown: list[Path] = []

    def show(url: QUrl) -> bool:
        path = Path(url.toLocalFile())
        shown.append(path)
        assert path.read_bytes() == PDF_BYTES
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
        return True

    monkeypatch.setattr(opener_module.Opener, "show_url", staticmethod(show))
    monkeypatch.setattr(opener_module, "KEEP_SECONDS", 0.2)
    page.documents.table.selectRow(0)
    page.documents.openButton.click()
    assert len(shown) == 1
    assert shown[0].suffix == ".pdf"
    with sqlite_database.reading() as session:
        reads = list(session.execute(select(AccessLog.action, AccessLog.entity_id)))
    assert ("open_document", document_id) in reads
    assert shown[0].exists()  # the viewer has time to read it
    qtbot.waitUntil(lambda: not shown[0].exists(), timeout=5000)  # removed after a while
    page.documents.openButton.click()
    assert shown[1].exists()
    page.documents.opener.clean_up()  # and what is left when the app quits
    assert not shown[1].exists()
    assert not shown[0].parent.parent.exists()


def test_printing_and_removing(
    page: CasePage, sqlite_database: Database, desk: Desk, monkeypatch
) -> None:
    store.add_bytes(sqlite_database, desk.officer, desk.dutch_case, PDF_BYTES, file_name="a.pdf")
    page.documents.reload()
    printed: list[bytes] = []
    monkeypatch.setattr(
        printing, "print_pdf", lambda _parent, content: printed.append(content) or True
    )
    page.documents.table.selectRow(0)
    page.documents.printButton.click()
    assert printed == [PDF_BYTES]

    page.documents.removeButton.click()  # the question is answered No (the dialogs fixture)
    assert _titles(page) == ["a"]
    monkeypatch.setattr(msgbox, "exec_dialog", lambda _dialog: int(QMessageBox.StandardButton.Yes))
    page.documents.removeButton.click()
    assert _titles(page) == []
    assert _tab_text(page) == "Documents (0)"


def test_the_letter_dialog_saves_and_files_in_one_step(
    qtbot, sqlite_database: Database, desk: Desk, tmp_path: Path, monkeypatch
) -> None:
    detail = case_detail.load_case(sqlite_database, desk.japanese_case)
    dialog = LetterDialog(sqlite_database, desk.officer, detail)
    qtbot.addWidget(dialog)
    assert not dialog.dateEdit.isVisible()
    assert dialog.languageCombo.itemText(0) == "The client's preference (English)"
    target = tmp_path / "letter.pdf"
    monkeypatch.setattr(files, "save_file_name", lambda *_args: target)
    with qtbot.waitSignal(dialog.filed) as filed:
        dialog.saveButton.click()
    assert dialog.result() == int(QDialog.DialogCode.Accepted)
    assert target.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    [document] = store.case_documents(sqlite_database, desk.japanese_case)
    assert (document.id, document.kind) == (filed.args[0], "letter")
    assert document.title == "Documents still needed for your application"  # prefers Japanese


def test_the_appointment_letter_is_printed_in_the_chosen_language_and_filed(
    qtbot, sqlite_database: Database, desk: Desk, monkeypatch
) -> None:
    detail = case_detail.load_case(sqlite_database, desk.japanese_case)
    dialog = LetterDialog(sqlite_database, desk.officer, detail)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.letterCombo.setCurrentIndex(dialog.letterCombo.findData("appointment"))
    assert dialog.dateEdit.isVisible()
    dialog.languageCombo.setCurrentIndex(dialog.languageCombo.findData("nl"))
    dialog.bringEdit.setPlainText("Paspoort\n\nPasfoto")
    printed: list[bytes] = []
    dialog.dateEdit.setFocus()  # select all and type over today's date
    qtbot.keyClick(dialog.dateEdit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.dateEdit, "31/11/2026")
    dialog.printButton.click()
    assert dialog.message() == "Type a date as 26/11/2026."  # nothing printed or filed
    qtbot.keyClick(dialog.dateEdit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.dateEdit, "03/12/2026")
    assert dialog.dateEdit.value() == date(2026, 12, 3)
    monkeypatch.setattr(printing, "print_pdf", lambda _parent, pdf: printed.append(pdf) or False)
    dialog.printButton.click()  # the print dialog is cancelled: nothing filed
    assert len(printed) == 1
    assert store.case_documents(sqlite_database, desk.japanese_case) == []
    monkeypatch.setattr(printing, "print_pdf", lambda _parent, pdf: printed.append(pdf) or True)
    dialog.printButton.click()
    [document] = store.case_documents(sqlite_database, desk.japanese_case)
    assert document.title == "Bevestiging van uw afspraak"
    with sqlite_database.reading() as session:
        actions = list(session.scalars(select(AccessLog.action)))
    assert actions == ["print_document"]
