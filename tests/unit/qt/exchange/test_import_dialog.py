"""The import dialog and the export menu: a checked file, its errors, the import, the export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select

from expatdesk import clock
from expatdesk.accounts.actor import SYSTEM
from expatdesk.db.database import Database
from expatdesk.db.models import Employer
from expatdesk.exchange import prepare_import
from expatdesk.qt import files, msgbox
from expatdesk.qt.exchange import exporter
from expatdesk.qt.exchange.import_dialog import ImportDialog
from expatdesk.qt.main_window import MainWindow

VALID = (
    "employer_ref,name,kvk_number,high_tech,municipality\n"
    "IMP-1,Thales Hengelo,12345678,yes,\n"
    "IMP-2,Twente Photonics,,no,\n"
)
BAD = "employer_ref,name,high_tech\nIMP-1,Thales Hengelo,yes\nIMP-2,Twente Photonics,maybe\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def employer_refs(database: Database) -> set[str]:
    with database.reading() as session:
        return set(session.scalars(select(Employer.employer_ref)))


@pytest.fixture
def dialog(qtbot, sqlite_database: Database, switcher) -> ImportDialog:
    dialog = ImportDialog(sqlite_database, actor=SYSTEM)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def browse_to(qtbot, monkeypatch, dialog: ImportDialog, path: Path) -> object:
    """Click Browse…, 'choose' ``path`` in the replaced file dialog; returns the checked plan."""
    monkeypatch.setattr(files, "open_file_name", lambda *args: path)
    with qtbot.waitSignal(dialog.checked, timeout=10000) as checked:
        qtbot.mouseClick(dialog.ui.browseButton, Qt.MouseButton.LeftButton)
    return checked.args[0]


def test_valid_file_previews_counts_and_imports(
    qtbot, monkeypatch, tmp_path: Path, dialog: ImportDialog, sqlite_database: Database, dialogs
) -> None:
    assert not dialog.importButton.isEnabled()
    browse_to(qtbot, monkeypatch, dialog, write(tmp_path, "employers.csv", VALID))

    model = dialog.ui.previewView.model()
    assert model.rowCount() == 2
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:2] == ["employer_ref", "name"]
    assert model.index(1, 1).data() == "Twente Photonics"
    assert dialog.errors_model.rowCount() == 0
    assert dialog.ui.errorsView.isHidden()
    assert "2 added" in dialog.ui.countsLabel.text()
    assert "0 updated" in dialog.ui.countsLabel.text()
    assert dialog.importButton.isEnabled()
    assert employer_refs(sqlite_database) == set()  # checking writes nothing

    with qtbot.waitSignal(dialog.imported, timeout=10000):
        qtbot.mouseClick(dialog.importButton, Qt.MouseButton.LeftButton)
    assert employer_refs(sqlite_database) == {"IMP-1", "IMP-2"}
    report = dialogs[-1]
    assert isinstance(report, QMessageBox)
    assert report.text() == "2 records imported."
    assert "2 added" in report.informativeText()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_bad_row_is_listed_and_import_disabled(
    qtbot, monkeypatch, tmp_path: Path, dialog: ImportDialog, sqlite_database: Database
) -> None:
    plan = browse_to(qtbot, monkeypatch, dialog, write(tmp_path, "bad.csv", BAD))
    assert plan.errors
    assert dialog.ui.errorsView.isVisibleTo(dialog)
    errors = dialog.ui.errorsView.model()
    assert errors.rowCount() == 1
    assert [errors.index(0, c).data() for c in range(2)] == ["3", "high_tech"]
    assert "maybe" in errors.index(0, 2).data()
    assert str(plan.errors[0]).startswith("row 3, column high_tech: ")
    assert "1 error" in dialog.ui.statusLabel.text()
    assert dialog.ui.countsLabel.text() == "Nothing can be imported while the file has errors."
    assert not dialog.importButton.isEnabled()
    dialog.start_import()  # even called directly, nothing is written
    qtbot.wait(50)
    assert employer_refs(sqlite_database) == set()


def test_changing_the_kind_checks_again(
    qtbot, monkeypatch, tmp_path: Path, dialog: ImportDialog
) -> None:
    browse_to(qtbot, monkeypatch, dialog, write(tmp_path, "employers.csv", VALID))
    with qtbot.waitSignal(dialog.checked, timeout=10000) as checked:
        dialog.ui.kindCombo.setCurrentIndex(dialog.ui.kindCombo.findData("expats"))
    assert checked.args[0].errors  # employers' columns are unknown to expats
    assert not dialog.importButton.isEnabled()


def test_unreadable_file_is_reported(
    qtbot, monkeypatch, tmp_path: Path, dialog: ImportDialog, dialogs
) -> None:
    monkeypatch.setattr(files, "open_file_name", lambda *args: tmp_path / "missing.csv")
    with qtbot.waitSignal(dialog.checkFailed, timeout=10000):
        qtbot.mouseClick(dialog.ui.browseButton, Qt.MouseButton.LeftButton)
    assert isinstance(dialogs[-1], QMessageBox)
    assert not dialog.importButton.isEnabled()


def test_database_changed_meanwhile_is_shown_and_nothing_written(
    qtbot, monkeypatch, tmp_path: Path, dialog: ImportDialog, sqlite_database: Database, dialogs
) -> None:
    path = write(tmp_path, "employers.csv", VALID)
    browse_to(qtbot, monkeypatch, dialog, path)
    other = write(tmp_path, "other.csv", "employer_ref,name,high_tech\nIMP-2,Someone else,no\n")
    from expatdesk.exchange import import_file

    import_file(sqlite_database, SYSTEM, "employers", other)  # someone adds IMP-2 meanwhile
    with qtbot.waitSignal(dialog.importFailed, timeout=10000):
        qtbot.mouseClick(dialog.importButton, Qt.MouseButton.LeftButton)
    assert dialogs[-1].icon() == QMessageBox.Icon.Critical
    assert employer_refs(sqlite_database) == {"IMP-2"}
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10000)  # checked again
    assert "1 added, 1 updated" in dialog.ui.countsLabel.text()


def test_cancel_writes_nothing(
    qtbot, monkeypatch, tmp_path: Path, dialog: ImportDialog, sqlite_database: Database
) -> None:
    browse_to(qtbot, monkeypatch, dialog, write(tmp_path, "employers.csv", VALID))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert employer_refs(sqlite_database) == set()


def test_models_pass_the_model_tester(
    qtbot, qtmodeltester, monkeypatch, tmp_path: Path, dialog: ImportDialog
) -> None:
    browse_to(qtbot, monkeypatch, dialog, write(tmp_path, "employers.csv", VALID))
    qtmodeltester.check(dialog.preview_model)
    browse_to(qtbot, monkeypatch, dialog, write(tmp_path, "bad.csv", BAD))
    qtmodeltester.check(dialog.errors_model)
    qtmodeltester.check(dialog.preview_model)


def test_import_from_the_menu_refreshes_the_lists(
    qtbot, monkeypatch, tmp_path: Path, window: MainWindow, dialogs
) -> None:
    assert window.ui.actionImport.shortcut().toString() == "Ctrl+I"
    before = window.employers_area.model.rowCount()
    window.ui.actionImport.trigger()
    dialog = dialogs[-1]
    assert isinstance(dialog, ImportDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    browse_to(qtbot, monkeypatch, dialog, write(tmp_path, "employers.csv", VALID))
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        qtbot.mouseClick(dialog.importButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.employers_area.model.rowCount() == before + 2, timeout=5000)


def test_export_from_the_menu_reimports_unchanged(
    qtbot, monkeypatch, tmp_path: Path, window: MainWindow, sqlite_database: Database, dialogs
) -> None:
    offered: list[Path] = []
    target = tmp_path / "out" / "employers.csv"
    target.parent.mkdir()

    def choose(parent, title, suggested: Path, filter: str) -> Path:
        offered.append(suggested)
        return target

    monkeypatch.setattr(files, "save_file_name", choose)
    action = window.findChild(type(window.ui.actionImport), "actionExport_employers")
    assert action is not None
    with qtbot.waitSignal(window.exporter.exported, timeout=10000) as done:
        action.trigger()
    count = done.args[0]
    assert count > 0
    assert offered[0].name == f"employers-{clock.today().isoformat()}.csv"
    assert target.exists()
    assert dialogs[-1].text() == f"{count} records exported to employers.csv."
    plan = prepare_import(sqlite_database, "employers", target)
    assert plan.ok
    assert (plan.counts.added, plan.counts.updated, plan.counts.unchanged) == (0, 0, count)


def test_export_error_is_shown(
    qtbot, monkeypatch, tmp_path: Path, window: MainWindow, dialogs
) -> None:
    monkeypatch.setattr(files, "save_file_name", lambda *a: tmp_path / "missing" / "x.csv")
    with qtbot.waitSignal(window.exporter.exportFailed, timeout=10000):
        window.exporter.export("expats")
    assert dialogs[-1].icon() == QMessageBox.Icon.Critical
    assert not (tmp_path / "missing").exists()


def test_cancelled_export_writes_nothing(monkeypatch, window: MainWindow) -> None:
    monkeypatch.setattr(files, "save_file_name", lambda *a: None)
    assert window.exporter.export("expats") is False
    assert not window.exporter.is_busy()


def test_dutch_after_switching_language(
    qtbot, monkeypatch, tmp_path: Path, dialog: ImportDialog, switcher
) -> None:
    browse_to(qtbot, monkeypatch, dialog, write(tmp_path, "employers.csv", VALID))
    switcher.switch("nl")
    qtbot.waitUntil(lambda: dialog.ui.kindLabel.text() == "&Soort records")
    assert dialog.ui.kindCombo.itemText(0) == "Werkgevers"
    assert dialog.importButton.text() == "&Importeren"
    assert dialog.ui.countsLabel.text() == (
        "Bij importeren: 2 toegevoegd, 0 bijgewerkt, 0 ongewijzigd"
    )
    assert dialog.windowTitle() == "Een bestand importeren"
    assert dialog.errors_model.headerData(0, Qt.Orientation.Horizontal) == "Rij"
    switcher.switch("en")
    qtbot.waitUntil(lambda: dialog.ui.kindLabel.text() == "&Kind of records")
    assert "2 added" in dialog.ui.countsLabel.text()


def test_kind_labels_cover_every_kind() -> None:
    from expatdesk.exchange import KINDS

    assert list(exporter.KIND_LABELS) == list(KINDS)
    assert msgbox  # the dialogs fixture replaces msgbox.exec_dialog
