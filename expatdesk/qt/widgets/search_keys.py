"""A list's search box and the keyboard (issue 16).

A line edit claims Ctrl+E (end of line) and Ctrl+Del (delete a word) for itself, so the window's
Edit and Delete did nothing while the focus was in the search box, where it is after a search.
Here the window's own shortcuts win over the line edit's, except the editing keys everyone
expects in a text field (copy, paste, cut, undo, redo, select all); and Down goes from the box
into the results, as in a browser's address bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

from expatdesk.qt.background import event_filter

#: What a text field keeps even when the window has an action on the same keys (their key
#: sequences are the platform's, known only once the application runs).
_EDITING = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.SelectAll,
)
_COMMAND_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class SearchBoxKeys(QObject):
    """Watches ``edit`` (its parent, whose events it alone sees): the window's shortcuts take
    their keys, and Down calls ``down``."""

    def __init__(self, edit: QLineEdit, down: Callable[[], None]) -> None:
        super().__init__(edit)
        self._edit = edit
        self._down = down
        edit.installEventFilter(self)

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride:
            # Not accepted: the shortcut goes to the window's action instead of the box.
            return self._window_action_for(cast(QKeyEvent, event)) is not None
        if kind == QEvent.Type.KeyPress:
            key = cast(QKeyEvent, event)
            if key.key() == Qt.Key.Key_Down and key.modifiers() == Qt.KeyboardModifier.NoModifier:
                self._down()
                return True
        return False

    def _window_action_for(self, event: QKeyEvent) -> QAction | None:
        if not event.modifiers() & _COMMAND_KEYS:
            return None  # typing: the box's
        pressed = QKeySequence(event.keyCombination())
        if any(event.matches(key) for key in _EDITING):
            return None
        for action in self._edit.window().findChildren(QAction):
            if action.isEnabled() and any(
                pressed.matches(shortcut) == QKeySequence.SequenceMatch.ExactMatch
                for shortcut in action.shortcuts()
            ):
                return action
        return None
