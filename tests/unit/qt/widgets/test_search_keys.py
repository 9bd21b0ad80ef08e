"""A list's search box and the keyboard: the window's record shortcuts work while the focus is in
the box, the box keeps its editing keys, and Down goes into the results."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from expatdesk.qt.expats.editor import ExpatEditor
from expatdesk.qt.main_window import MainWindow
from tests.helpers.sample import Sample


def in_search_box(qtbot, window: MainWindow):
    window.show_area(1)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    box = window.expats_area.ui.searchEdit
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    return box


def jose_selected_and_typed(qtbot, window: MainWindow, sample: Sample) -> QLineEdit:
    """José selected in the list, and his name in the search box with the cursor at its start."""
    assert window.expats_area.select_id(sample.expats["jose"])
    box = in_search_box(qtbot, window)
    box.setText("jose garcia")
    box.setCursorPosition(0)
    return box


def test_ctrl_e_in_the_search_box_edits_the_selected_expat(
    qtbot, window: MainWindow, sample: Sample, dialogs: list[QDialog]
) -> None:
    box = jose_selected_and_typed(qtbot, window, sample)
    qtbot.keyClick(box, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert [type(dialog) for dialog in dialogs] == [ExpatEditor]
    assert box.cursorPosition() == 0  # the box did not take the key (end of line)
    assert box.text() == "jose garcia"


def test_the_box_keeps_its_editing_keys_and_typing(
    qtbot, window: MainWindow, dialogs: list[QDialog]
) -> None:
    box = in_search_box(qtbot, window)
    qtbot.keyClicks(box, "jose")
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert box.selectedText() == "jose"
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    assert box.text() == ""
    assert dialogs == []


def test_down_goes_from_the_box_into_the_results(qtbot, window: MainWindow, sample: Sample) -> None:
    area = window.expats_area
    box = in_search_box(qtbot, window)
    qtbot.keyClicks(box, "garcia")
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.waitUntil(area.ui.table.hasFocus)
    qtbot.waitUntil(lambda: area.current_id() == sample.expats["jose"])


def test_ctrl_del_in_the_search_box_asks_to_delete_the_selected_expat(
    qtbot, window: MainWindow, sample: Sample, dialogs: list[QDialog]
) -> None:
    box = jose_selected_and_typed(qtbot, window, sample)
    qtbot.keyClick(box, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert box.text() == "jose garcia"  # no word deleted: the key was the window's
    assert len(dialogs) == 1
    assert "José García" in dialogs[0].text()


def test_any_shortcut_of_the_window_wins_over_the_box(qtbot, window: MainWindow) -> None:
    """On X11 the box claims Ctrl+E (end of line); Ctrl+Left (a word back) it claims on every
    platform, so a window action on it tells whether the window's shortcuts win."""
    triggered: list[bool] = []
    action = QAction("Back a record", window)
    action.setShortcut(QKeySequence("Ctrl+Left"))
    action.triggered.connect(lambda: triggered.append(True))
    window.addAction(action)
    box = in_search_box(qtbot, window)
    box.setText("jose garcia")
    box.setCursorPosition(len("jose garcia"))
    qtbot.keyClick(box, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert triggered == [True]
    assert box.cursorPosition() == len("jose garcia")
