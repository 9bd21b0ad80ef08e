"""Something to do once a widget has first been painted: a list shows its rows before the page
of the first record is read (issue 18, start-up)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from expatdesk.qt.bindings import event_filter


class FirstPaint(QObject):
    """Calls ``done`` once ``widget`` (its parent, whose events it alone sees) has painted."""

    def __init__(self, widget: QWidget, done: Callable[[], None]) -> None:
        super().__init__(widget)
        self._done = done
        widget.installEventFilter(self)

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched, self._done)  # once this paint is done
        return False
