"""Search boxes and the keyboard.

:class:`PausedSearch` searches as one types in a picker's box (the desk's expat picker, the
survey form's respondent): once typing pauses, or at once on Enter, which the box keeps to itself.
A line edit passes Enter on, and a dialog presses its default button with it: the form would be
saved for whoever happened to match first.

A list's search box (issue 16):

A line edit claims Ctrl+E (end of line) and Ctrl+Del (delete a word) for itself, so the window's
Edit and Delete did nothing while the focus was in the search box, where it is after a search.
Here the window's own shortcuts win over the line edit's, except the editing keys everyone
expects in a text field (copy, paste, cut, undo, redo, select all); and Down goes from the box
into the results, as in a browser's address bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

from expatdesk.qt.bindings import event_filter

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
#: What Enter may come with and still be Enter (the keypad's, or with Shift held).
_ENTER_MODIFIERS = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier


def enter_pressed(event: QEvent) -> bool:
    """Whether ``event`` is Enter or Return pressed: alone, on the keypad or with Shift."""
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        and not event.modifiers() & ~_ENTER_MODIFIERS
    )


class PausedSearch(QObject):
    """Calls ``search`` once typing in ``edit`` (its parent) pauses for :data:`DELAY_MS`, or at
    once on Enter, which ``edit`` keeps (see the module). ``search`` asks :meth:`take` for the
    text. Enter on a text searched already searches no more: the user's choice among its
    matches stays."""

    DELAY_MS = 150

    def __init__(self, edit: QLineEdit, search: Callable[[], None]) -> None:
        super().__init__(edit)
        self._edit = edit
        self._search = search
        self._searched: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(search)
        edit.textChanged.connect(self._timer.start)
        edit.installEventFilter(self)

    def take(self) -> str:
        """What to search for now (stripped); the pause's own search is off."""
        self._timer.stop()
        self._searched = self._edit.text().strip()
        return self._searched

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if enter_pressed(event):
            if self._timer.isActive() or self._edit.text().strip() != self._searched:
                self._search()
            return True
        return False


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
