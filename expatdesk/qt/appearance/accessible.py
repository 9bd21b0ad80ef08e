"""Accessibility helpers: the words of a label as a control's name, and a focus ring.

:func:`label_words` and :func:`name_by_label` give a control the words of its visible label as
its accessible name, so that what a screen reader says contains what the user sees (WCAG 2.5.3,
"label in name"); a longer explanation goes to the description.

A ring around the control that has the keyboard focus, where the style shows none: the Fusion
style shows the focus of a list, table or tree only by a dotted frame around its current item,
and not at all when it is empty or styled without an outline (the navigation list); nor that
of a text to read (a record's details) or of a flat tool button; and a dialog's default button
looks the same with and without the focus. A keyboard user could not see where Tab went (WCAG
2.4.7). :class:`FocusRing` follows the application's focus and puts a :class:`QFocusFrame` (a
ring in the text colour, around the widget, drawn above its neighbours) around each of these
that gets it; other controls draw their focus themselves. :func:`install` sets it up once per
application.
"""

from __future__ import annotations

import re

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFocusFrame,
    QPushButton,
    QTextEdit,
    QToolButton,
    QWidget,
)


def label_words(text: str) -> str:
    """A label as it reads: without its mnemonic "&" (an "&&" is one "&") and final colon."""
    return re.sub(r"&(.)", r"\1", text).strip().removesuffix(":").strip()


def name_by_label(widget: QWidget, label: str, description: str | None = None) -> None:
    """Name ``widget`` with the words of its visible ``label``; ``description``, when given, is
    the longer explanation a screen reader gives after the name."""
    widget.setAccessibleName(label_words(label))
    if description is not None:
        widget.setAccessibleDescription(description)


def _ringed(widget: QWidget | None) -> bool:
    """Whether ``widget`` needs the ring to show its focus (see the module)."""
    if isinstance(widget, QToolButton):
        return widget.autoRaise()  # flat, as the calendar's month arrows: nothing shows
    if isinstance(widget, QTextEdit):
        return widget.isReadOnly()  # where one types, the text cursor shows
    if isinstance(widget, QPushButton):
        return widget.isDefault() or widget.autoDefault()  # a default one looks focused always
    if isinstance(widget, QAbstractItemView):  # not the list of an open combo box or calendar
        return widget.window().windowType() not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
    return False


class FocusRing(QObject):
    """Puts the ring around the focused item view (see the module)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("focusRing")
        self._app = app
        self.frame: QFocusFrame | None = None
        app.focusChanged.connect(self._moved)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.frame is not None and shiboken6.isValid(self.frame):
            self.frame.hide()
            self.frame.deleteLater()
        self.frame = None
        if new is not None and _ringed(new):
            self.frame = QFocusFrame(new)
            self.frame.setObjectName("focusFrame")
            self.frame.setWidget(new)

    def uninstall(self) -> None:
        self._app.focusChanged.disconnect(self._moved)
        self._moved(None, None)
        self.setParent(None)
        self.deleteLater()


def install(app: QApplication) -> FocusRing:
    """The application's focus ring, made on first use."""
    found = app.findChild(FocusRing, "focusRing", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else FocusRing(app)
