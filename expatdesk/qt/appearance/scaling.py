"""Windows that keep room for their text when it grows: a larger text size, a longer language, a
message that appears.

Qt gives a window the minimum size of its layout, but that minimum does not count the lines a
word-wrapped label needs at the window's width: a dialog opened at 200% text, or one that shows a
two-line message after a wrong entry, cuts the text (or the buttons under it) off. A window that
calls :func:`keep_room` grows (to at most its screen) to the height its layout needs at its width
whenever its layout, font or size changes; what does not fit the screen belongs in a scroll area.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QHeaderView, QWidget

from expatdesk.qt.bindings import event_filter

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

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # getattr: Qt may still ask while the window is being torn down.
        window = getattr(self, "_window", None)
        if watched is window and event.type() in _EVENTS and not getattr(self, "_pending", True):
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


#: The dynamic property of a Designer form that makes a widget's text larger than the
#: application's (a heading): the factor.
FONT_SCALE = "fontScale"


class _Scaled(QObject):
    """Keeps one widget's text ``factor`` times the application's size when that changes."""

    def __init__(self, widget: QWidget, factor: float) -> None:
        super().__init__(widget)
        self.setObjectName("scalingFont")
        self.factor = factor
        widget.installEventFilter(self)

    def apply(self, widget: QWidget) -> None:
        font = QFont(widget.font())
        base = QApplication.font(widget).pointSizeF()
        if base > 0 and abs(font.pointSizeF() - base * self.factor) > 0.01:
            font.setPointSizeF(base * self.factor)
            widget.setFont(font)

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ApplicationFontChange
            and isinstance(watched, QWidget)
            and hasattr(self, "factor")
        ):
            self.apply(watched)
        return False


def scale_font(widget: QWidget, factor: float) -> None:
    """Show ``widget``'s text ``factor`` times the application's text size, now and after the
    user changes it."""
    found = widget.findChild(_Scaled, "scalingFont", Qt.FindChildOption.FindDirectChildrenOnly)
    scaled = found if isinstance(found, _Scaled) else _Scaled(widget, factor)
    scaled.factor = factor
    scaled.apply(widget)


def follow(root: QWidget) -> None:
    """Scale the text of every widget under ``root`` whose ``fontScale`` property is set, as a
    Designer form sets it."""
    for widget in [root, *root.findChildren(QWidget)]:
        factor = widget.property(FONT_SCALE)
        if isinstance(factor, float | int) and factor > 0:
            scale_font(widget, float(factor))


def _widen_titles(header: QHeaderView) -> None:
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionResizeMode(section) in (
            QHeaderView.ResizeMode.Stretch,
            QHeaderView.ResizeMode.ResizeToContents,
        ):
            continue
        needed = header.sectionSizeHint(section)
        if header.sectionSize(section) < needed:
            header.resizeSection(section, needed)


class _Titles(QObject):
    def __init__(self, header: QHeaderView) -> None:
        super().__init__(header)
        self.setObjectName("scalingTitles")
        header.sectionCountChanged.connect(lambda _old, _new: _widen_titles(header))
        header.sectionResized.connect(lambda _section, _old, _new: _widen_titles(header))
        header.installEventFilter(self)

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.Resize) and isinstance(
            watched, QHeaderView
        ):
            # After the header has laid out its sections (a stretched last one shrinks with
            # the view).
            QTimer.singleShot(0, watched, lambda: _widen_titles(watched))
        return False


def keep_titles(header: QHeaderView) -> None:
    """Keep each section of ``header`` at least as wide as its title, now and whenever its
    sections change: width limits are in pixels, and a larger text needs more; a title is never
    cut. Stretched sections take what is left and are not touched."""
    if header.findChild(_Titles, "scalingTitles") is None:
        _Titles(header)
    _widen_titles(header)


class FittedWidths:
    """The column widths a list fitted to its words, so that it fits them again after a switch
    of language (Dutch words are often longer: "Wacht op een instantie" was cut in a column
    fitted to "Waiting for an authority") — unless the user has changed them since."""

    def __init__(self, header: QHeaderView) -> None:
        self._header = header
        self._widths: list[int] = []

    def fitted(self) -> None:
        """The list has just fitted its columns."""
        self._widths = self._current()

    def refit_later(self, owner: QObject, fit: Callable[[], None]) -> None:
        """The words changed: ``fit`` again once the list shows them, if nobody moved a column."""
        if self._widths and self._widths == self._current():
            QTimer.singleShot(0, owner, fit)

    def _current(self) -> list[int]:
        return [self._header.sectionSize(section) for section in range(self._header.count())]
