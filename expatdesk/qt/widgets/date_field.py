"""A date that may be left empty, typed as the UI language writes it or picked on a calendar.

A :class:`QDateEdit` always holds a date; a date of birth or a departure is often unknown, so
:class:`DateField` is a line edit: ``26-11-2026`` in Dutch, ``26/11/2026`` in English, with any of
``-``, ``/``, ``.`` or a space between day, month and year, also ``2026-11-26`` and ``26112026``.
Alt+Down (or the calendar button at its end) opens a calendar.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeyEvent, QPainter, QPalette, QPixmap, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from expatdesk import clock, i18n
from expatdesk.i18n import _
from expatdesk.qt.appearance import colours

_DAY_FIRST = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PACKED = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
#: The example date the message about an unreadable date shows, written the language's way.
EXAMPLE = date(2026, 11, 26)


def parse(text: str) -> date | None:
    """The date ``text`` names, day first; ``None`` for empty text.

    Raises :class:`ValueError` for text that is no date.
    """
    text = text.strip()
    if not text:
        return None
    for pattern, order in ((_DAY_FIRST, (2, 1, 0)), (_PACKED, (2, 1, 0)), (_ISO, (0, 1, 2))):
        match = pattern.match(text)
        if match:
            parts = [int(part) for part in match.groups()]
            return date(parts[order[0]], parts[order[1]], parts[order[2]])
    raise ValueError(text)


def format_problem() -> str:
    """The message for a date that cannot be read."""
    return _("Type a date as {example}.").format(example=i18n.format_date(EXAMPLE, "short"))


def _calendar_icon(palette: QPalette) -> QIcon:
    """A small calendar drawn in the palette's text colour (it sits in the field): no icon theme
    is needed."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    colour = palette.color(QPalette.ColorRole.Text)
    painter.setPen(colour)
    painter.drawRect(QRect(1, 2, 13, 12))
    painter.fillRect(QRect(1, 2, 14, 3), colour)
    for row in range(2):
        for column in range(3):
            painter.fillRect(QRect(3 + 4 * column, 7 + 3 * row, 2, 2), colour)
    painter.end()
    return QIcon(pixmap)


class _CalendarPopup(QWidget):
    """The calendar of a :class:`DateField`, as a popup below it."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("calendar")
        self.calendar.setGridVisible(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.calendar)
        self._name_parts()
        self._colour_days()
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)

    def _colour_days(self) -> None:
        """Weekends in the text colour (Qt's red does not read on every background), the days
        of the months around in a grey that does, the month's title on a highlight it reads on."""
        palette = self.palette()
        text = QTextCharFormat()
        text.setForeground(palette.color(QPalette.ColorRole.Text))
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.calendar.setWeekdayTextFormat(day, text)
        days = self.calendar.findChild(QAbstractItemView)
        if days is not None:
            grey = QPalette(days.palette())
            muted = colours.colour(colours.Role.MUTED, palette, QPalette.ColorRole.Base)
            grey.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, muted)
            days.setPalette(grey)
        bar = self.calendar.findChild(QWidget, "qt_calendar_navigationbar")
        if bar is not None:  # the month and year on the highlight: darker where white is on it
            title = QPalette(bar.palette())
            on = palette.color(QPalette.ColorRole.HighlightedText)
            ground = colours.readable(palette.color(QPalette.ColorRole.Highlight), on)
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                title.setColor(group, QPalette.ColorRole.Highlight, ground)
            bar.setPalette(title)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_days()
        super().changeEvent(event)

    def _name_parts(self) -> None:
        """Name the popup, the days and the month buttons, which Qt leaves without a name, and
        let Tab reach the buttons (the days: arrow keys; Page Up and Down: another month)."""
        title = _("Choose a date")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.calendar.setAccessibleName(title)
        days = self.calendar.findChild(QAbstractItemView)
        if days is not None:
            days.setAccessibleName(title)
        for name, text in (
            ("qt_calendar_prevmonth", _("Previous month")),
            ("qt_calendar_nextmonth", _("Next month")),
        ):
            button = self.calendar.findChild(QToolButton, name)
            if button is not None:
                button.setAccessibleName(text)
                button.setToolTip(text)
        for name in (
            "qt_calendar_prevmonth",
            "qt_calendar_monthbutton",
            "qt_calendar_yearbutton",
            "qt_calendar_nextmonth",
        ):
            button = self.calendar.findChild(QToolButton, name)
            if button is not None:
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def _pick(self, day: QDate) -> None:
        self.picked.emit(day)
        self.close()


class DateField(QLineEdit):
    """An optional date. :meth:`value` reads it; :meth:`set_value` shows one.

    Signals:
        calendarShown(): the calendar popup opened (tests and screen readers follow it).
    """

    calendarShown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._calendar_action = QAction(_calendar_icon(self.palette()), "", self)
        self._calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self._calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.popup: _CalendarPopup | None = None
        self._retranslate()

    # --- value --------------------------------------------------------------------------------

    def value(self) -> date | None:
        """The date typed; ``None`` when empty. Raises :class:`ValueError` for a non-date."""
        return parse(self.text())

    def is_valid(self) -> bool:
        try:
            self.value()
        except ValueError:
            return False
        return True

    def problem(self, *, required: bool) -> str:
        """What is wrong with the date as typed, said before anything is asked of the database
        ("" when nothing): no date at all, or (``required``) none given."""
        if not self.is_valid():
            return format_problem()
        if required and self.value() is None:
            return _("This field is required.")
        return ""

    def set_value(self, value: date | None) -> None:
        self.setText("" if value is None else i18n.format_date(value, "short"))

    # --- the calendar -------------------------------------------------------------------------

    def show_calendar(self) -> None:
        """Open the calendar on the date typed (today when there is none)."""
        popup = _CalendarPopup(self)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.calendar.setLocale(_qlocale())
        try:
            current = self.value() or clock.today()
        except ValueError:
            current = clock.today()
        popup.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        popup.picked.connect(self._picked)
        popup.destroyed.connect(self._forget_popup)
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self.popup = popup
        popup.show()
        popup.calendar.setFocus()
        self.calendarShown.emit()

    def _picked(self, day: QDate) -> None:
        self.set_value(date(day.year(), day.month(), day.day()))
        self.setFocus()

    def _forget_popup(self) -> None:
        self.popup = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._calendar_action.setIcon(_calendar_icon(self.palette()))
        if event.type() == QEvent.Type.LanguageChange:
            # Keep the date, written the new language's way.
            try:
                value = self.value()
            except ValueError:
                value = None
            else:
                self.set_value(value)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        # How a date is written in this language, spelled out (translated: "dd-mm-jjjj").
        self.setPlaceholderText(_("dd/mm/yyyy"))
        self._calendar_action.setText(_("Choose a date"))
        self._calendar_action.setToolTip(_("Choose a date on the calendar (Alt+Down)"))


def _qlocale() -> QLocale:
    if i18n.language() == "nl":
        return QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
