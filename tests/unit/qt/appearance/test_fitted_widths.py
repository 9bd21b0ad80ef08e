"""A list fits its columns to its words again after a language switch, unless the user has
changed a column's width since."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget

from expatdesk.qt.appearance.scaling import FittedWidths


def table(qtbot) -> QTableWidget:
    widget = QTableWidget(1, 3)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_fitted_columns_are_fitted_again(qtbot) -> None:
    widget = table(qtbot)
    widths = FittedWidths(widget.horizontalHeader())
    calls: list[bool] = []
    widths.fitted()
    widths.refit_later(widget, lambda: calls.append(True))
    qtbot.waitUntil(lambda: calls == [True])


def test_a_column_the_user_moved_stays(qtbot) -> None:
    widget = table(qtbot)
    widths = FittedWidths(widget.horizontalHeader())
    calls: list[bool] = []
    widths.fitted()
    widget.horizontalHeader().resizeSection(1, widget.horizontalHeader().sectionSize(1) + 40)
    widths.refit_later(widget, lambda: calls.append(True))
    qtbot.wait(50)
    assert calls == []


def test_nothing_fitted_yet_is_left_alone(qtbot) -> None:
    widget = table(qtbot)
    calls: list[bool] = []
    FittedWidths(widget.horizontalHeader()).refit_later(widget, lambda: calls.append(True))
    qtbot.wait(50)
    assert calls == []
