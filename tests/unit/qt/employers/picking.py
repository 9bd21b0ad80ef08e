"""Picking an employer with the keyboard, the way the desk does, in any form's chooser."""

from __future__ import annotations

from PySide6.QtCore import Qt

from expatdesk.qt.employers.chooser import EmployerChooser


def pick_employer(qtbot, chooser: EmployerChooser, text: str) -> None:
    """Focus ``chooser``, type ``text`` over what it holds, wait for the suggestions and take the
    first with Enter."""
    chooser.setFocus()
    chooser.selectAll()
    with qtbot.waitSignal(chooser.suggestionsShown):
        qtbot.keyClicks(chooser, text)
    qtbot.waitUntil(chooser.popup.isVisible)
    qtbot.keyClick(chooser.popup, Qt.Key.Key_Return)
    assert not chooser.popup.isVisible()
