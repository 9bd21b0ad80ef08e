"""Message boxes go through the one replaceable modal call."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox

from expatdesk.qt import msgbox


def test_error_runs_through_exec_dialog(qtbot, dialogs: list[QDialog]) -> None:
    box = msgbox.error(None, "ExpatDesk", "The disk is full <b>now</b>.")
    qtbot.addWidget(box)
    assert dialogs == [box]
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.text() == "The disk is full <b>now</b>."
    assert box.textFormat().name == "PlainText"
    assert box.standardButtons() == QMessageBox.StandardButton.Ok


def test_information_with_details(qtbot, dialogs: list[QDialog]) -> None:
    box = msgbox.information(None, "Title", "Text", informative="More")
    qtbot.addWidget(box)
    assert box.informativeText() == "More"
    assert box.icon() == QMessageBox.Icon.Information
