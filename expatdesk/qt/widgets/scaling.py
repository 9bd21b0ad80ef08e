"""Windows that keep room for their text when it grows: a larger text size, a longer language, a
message that appears.

Qt gives a window the minimum size of its layout, but that minimum does not count the lines a
word-wrapped label needs at the window's width: a dialog opened at 200% text, or one that shows a
two-line message after a wrong entry, cuts the text (or the buttons under it) off. A window that
calls :func:`keep_room` grows (to at most its screen) to the height its layout needs at its width
whenever its layout, font or size changes; what does not fit the screen belongs in a scroll area.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: The events after which a window checks its height.
_EVENTS = frozenset(
    {
        QEvent.Type.LayoutRequest,
        QEvent.Type.FontChange,
        QEvent.Type.Show,
        QEvent.Type.Resize,
        QEvent.Type.LanguageChange,
    }
)


def needed_height(window: QWidget) -> int:
    """The height ``window``'s layout needs at the window's width (0 without a layout)."""
    layout = window.layout()
    if layout is None:
        return 0
    layout.activate()
    if layout.hasHeightForWidth():
        return layout.totalHeightForWidth(window.width())
    return layout.totalMinimumSize().height()


def fit(window: QWidget) -> None:
    """Make ``window`` as high as its layout needs at its width, at most its screen's height."""
    if window.isFullScreen() or window.isMaximized() or not window.isVisible():
        return
    needed = needed_height(window)
    screen = window.screen()
    if screen is not None:
        needed = min(needed, screen.availableGeometry().height())
    if needed > window.height():
        window.resize(window.width(), needed)


class _Room(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("scalingRoom")
        self._window = window
        self._pending = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in _EVENTS and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._fit)
        return False

    def _fit(self) -> None:
        self._pending = False
        fit(self._window)


def keep_room(window: QWidget) -> None:
    """Keep ``window`` (a top-level window) as high as its text needs from now on."""
    if window.findChild(_Room, "scalingRoom") is None:
        _Room(window)
