"""Go to (Ctrl+K, or Ctrl+F outside a list): type, Down, Enter — the record is open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog

from expatdesk.qt import msgbox
from expatdesk.qt.home.quick_open import QuickOpenDialog, recent_of
from expatdesk.qt.main_window import MainWindow
from tests.helpers.sample import Sample


def _typing(qtbot, monkeypatch, keys: list[tuple[str, object]]) -> list[QuickOpenDialog]:
    """The Go to dialog runs without a loop: the keys are typed, then it is left as it is."""
    shown: list[QuickOpenDialog] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, QuickOpenDialog)
        shown.append(dialog)
        qtbot.addWidget(dialog)
        dialog.show()
        for kind, value in keys:
            widget = dialog.focusWidget() or dialog.search
            if kind == "text":
                qtbot.keyClicks(widget, value)
                dialog.refresh()
            else:
                qtbot.keyClick(widget, value)
        return dialog.result()

    monkeypatch.setattr(msgbox, "exec_dialog", run)
    return shown


def test_ctrl_k_type_enter_opens_the_expat_and_remembers_it(
    qtbot, window: MainWindow, sample: Sample, monkeypatch
) -> None:
    shown = _typing(qtbot, monkeypatch, [("text", "garcia"), ("key", Qt.Key.Key_Return)])
    window.ui.actionQuickOpen.trigger()
    (dialog,) = shown
    assert window.ui.actionQuickOpen.shortcut() == QKeySequence("Ctrl+K")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert window.current_area() is window.expats_area
    assert window.expats_area.current_id() == sample.expats["jose"]
    assert recent_of(window._settings, window.actor.username) == [f"expat:{sample.expats['jose']}"]


def test_down_moves_into_the_matches_and_the_recent_ones_come_first(
    qtbot, window: MainWindow, sample: Sample, monkeypatch
) -> None:
    _typing(qtbot, monkeypatch, [("text", "thales"), ("key", Qt.Key.Key_Return)])
    window.quick_open()
    assert window.current_area() is window.employers_area
    shown = _typing(qtbot, monkeypatch, [])
    window.show_area(0)  # Home: Ctrl+F has no list to search, so it is Go to
    window.ui.actionSearch.trigger()
    (dialog,) = shown
    assert dialog.status.text() == "Recently opened"
    assert [m.key for m in dialog.matches()] == [f"employer:{sample.employers['thales']}"]
    qtbot.keyClicks(dialog.search, "EXP-0001")
    dialog.refresh()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.focusWidget() is dialog.results
    assert dialog.results.currentRow() == 0
    qtbot.keyClick(dialog.results, Qt.Key.Key_Up)
    assert dialog.focusWidget() is dialog.search


def test_nothing_found_says_so(qtbot, window: MainWindow, monkeypatch) -> None:
    shown = _typing(qtbot, monkeypatch, [("text", "zzzzqqq"), ("key", Qt.Key.Key_Return)])
    window.quick_open()
    (dialog,) = shown
    assert dialog.status.text() == "Nothing found."
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.search.accessibleName() == "Name or reference of an expat, employer or case"
