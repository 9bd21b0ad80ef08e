"""Optional dates typed the way the UI language writes them, or picked on a calendar."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from expatdesk import i18n
from expatdesk.qt.widgets import date_field
from expatdesk.qt.widgets.date_field import DateField


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("   ", None),
        ("26-11-2026", date(2026, 11, 26)),
        ("26/11/2026", date(2026, 11, 26)),
        ("6.3.1990", date(1990, 3, 6)),
        ("6 3 1990", date(1990, 3, 6)),
        ("06031990", date(1990, 3, 6)),
        ("1990-03-06", date(1990, 3, 6)),
    ],
)
def test_dates_are_read_day_first(text: str, expected: date | None) -> None:
    assert date_field.parse(text) == expected


@pytest.mark.parametrize("text", ["31-2-2020", "26-11-26", "yesterday", "2026/11/26", "1-13-2020"])
def test_what_is_no_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message is the text
        date_field.parse(text)


def test_shown_and_explained_in_the_ui_language(qtbot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.set_value(date(1990, 3, 6))
    assert field.text() == "06/03/1990"
    assert date_field.format_problem() == "Type a date as 26/11/2026."
    i18n.set_language("nl")
    field.set_value(date(1990, 3, 6))
    assert field.text() == "06-03-1990"
    assert date_field.format_problem().endswith(" 26-11-2026.")
    field.set_value(None)
    assert field.text() == ""
    assert field.value() is None
    field.setText("31-02-1990")
    assert not field.is_valid()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_alt_down_opens_a_calendar_that_picks_a_date(qtbot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    field.set_value(date(2026, 11, 26))
    with qtbot.waitSignal(field.calendarShown):
        qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field.popup
    assert popup is not None
    assert popup.calendar.selectedDate() == QDate(2026, 11, 26)
    popup.calendar.clicked.emit(QDate(2026, 12, 3))
    assert field.value() == date(2026, 12, 3)
    qtbot.waitUntil(lambda: field.popup is None)
