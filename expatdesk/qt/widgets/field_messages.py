"""The one way a form shows why a save was refused: each message in red under its field, the
first refused field focused (on its tab), anything else in the form's own message.

While a message shows, it is its field's accessible description, so that a screen reader says
why the field was refused when the focus goes there; the field's own description comes back
when the message goes (:class:`_Describes`).

A tab that holds a message is marked (a warning icon, and a tooltip that says so), so that a
message on a tab out of sight is not missed; the mark goes when the tab's last message goes
(:func:`hide_message`, or the next :meth:`FieldMessages.clear`).

A form makes one :class:`FieldMessages` from its message labels and inputs (field key → widget)
and its general label, and hands it the :class:`~expatdesk.common.db_errors.Refusal` that came
back from :func:`expatdesk.qt.operations.run_write`. Nothing typed is touched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QStyle, QTabWidget, QWidget

from expatdesk.common.db_errors import Problem, Refusal
from expatdesk.i18n import _
from expatdesk.qt.appearance import colours
from expatdesk.qt.bindings import event_filter

#: Where one message goes: the label, its text, and the input to focus (``None``: none).
Placed = tuple[QLabel, str, QWidget | None]


def error_label(label: QLabel) -> QLabel:
    """Make ``label`` a message label: bold, in the error colour of the palette in use."""
    bold = label.font()
    bold.setBold(True)
    label.setFont(bold)
    colours.paint(label, colours.Role.ERROR)
    return label


def show_on_its_tab(widget: QWidget) -> None:
    """Bring the tab page that holds ``widget`` to the front, then focus ``widget``."""
    child: QWidget | None = widget
    while child is not None:
        parent = child.parentWidget()
        stack = parent.parentWidget() if parent is not None else None
        if isinstance(stack, QTabWidget) and stack.indexOf(child) >= 0:
            stack.setCurrentWidget(child)
        child = parent
    widget.setFocus(Qt.FocusReason.OtherFocusReason)


class _TabMarks(QObject):
    """Marks the tabs of one tab widget that hold a shown message (a child of the tab widget)."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self.setObjectName("errorTabMarks")
        self._tabs = tabs
        self._labels: list[QLabel] = []

    @staticmethod
    def of(tabs: QTabWidget) -> _TabMarks:
        found = tabs.findChild(
            _TabMarks, "errorTabMarks", Qt.FindChildOption.FindDirectChildrenOnly
        )
        return found if found is not None else _TabMarks(tabs)

    def watch(self, label: QLabel) -> None:
        if label not in self._labels:
            self._labels.append(label)

    def update(self) -> None:
        tabs = self._tabs
        icon = tabs.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for index in range(tabs.count()):
            page = tabs.widget(index)
            marked = page is not None and any(
                not label.isHidden() and label.text() and page.isAncestorOf(label)
                for label in self._labels
            )
            tabs.setTabIcon(index, icon if marked else QIcon())
            tabs.setTabToolTip(
                index, _("This tab holds a message about what was typed.") if marked else ""
            )


class _Describes(QObject):
    """Makes a message label's text its field's accessible description while it shows (a child
    of the label, watching it show and hide)."""

    def __init__(self, label: QLabel, field: QWidget) -> None:
        super().__init__(label)
        self.setObjectName("describesField")
        self._label = label
        self._field = field
        self._own: str | None = None  # the field's description before the message showed
        label.installEventFilter(self)

    @staticmethod
    def of(label: QLabel, field: QWidget) -> _Describes:
        """The label's one watcher (a form may make its :class:`FieldMessages` more than once)."""
        found = label.findChild(
            _Describes, "describesField", Qt.FindChildOption.FindDirectChildrenOnly
        )
        if found is not None and found._field is field:
            return found
        if found is not None:
            label.removeEventFilter(found)
            found.setParent(None)
            found.deleteLater()
        return _Describes(label, field)

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._label and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.update()
        return False

    def update(self) -> None:
        label, field = self._label, self._field
        if not (shiboken6.isValid(label) and shiboken6.isValid(field)):
            return  # the form is being taken down
        shown = not label.isHidden() and bool(label.text())
        if shown:
            if self._own is None:
                self._own = field.accessibleDescription()
            field.setAccessibleDescription(label.text())
        elif self._own is not None:
            field.setAccessibleDescription(self._own)
            self._own = None


def _tab_widgets(widget: QWidget) -> list[QTabWidget]:
    """The tab widgets ``widget`` lies in, innermost first."""
    found = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QTabWidget):
            found.append(parent)
        parent = parent.parentWidget()
    return found


def mark_tabs(labels: Sequence[QLabel]) -> None:
    """Mark the tabs that hold one of ``labels`` shown (and unmark the others)."""
    marks: dict[int, _TabMarks] = {}
    for label in labels:
        for tabs in _tab_widgets(label):
            mark = marks.setdefault(id(tabs), _TabMarks.of(tabs))
            mark.watch(label)
    for mark in marks.values():
        mark.update()


def hide_message(label: QLabel) -> None:
    """Hide one field's message (the field was changed) and unmark its tab if it was the last."""
    label.hide()
    mark_tabs([label])


class FieldMessages:
    """The message labels of one form."""

    def __init__(
        self, labels: Mapping[str, QLabel], inputs: Mapping[str, QWidget], general: QLabel
    ) -> None:
        self.labels = labels
        self.inputs = inputs
        self.general = general

    def text(self, field: str) -> str:
        """The message shown for ``field`` ("" when none); the general message for an unknown
        field or ``""``."""
        label = self.labels.get(field, self.general) if field else self.general
        return "" if label.isHidden() else label.text()

    def clear(self) -> None:
        for label in {*self.labels.values(), self.general}:
            label.clear()
            label.hide()
        mark_tabs([*self.labels.values(), self.general])

    def place(self, field: str, message: str) -> Placed:
        """The label and input of ``field`` (the general label for one the form has not)."""
        if field in self.labels:
            return self.labels[field], message, self.inputs.get(field)
        return self.general, message, None

    def show_placed(self, placed: Sequence[Placed]) -> None:
        """Show the messages (several for one label one under the other), focus the first
        input given."""
        shown: dict[QLabel, list[str]] = {}
        first: QWidget | None = None
        for label, text, widget in placed:
            shown.setdefault(label, []).append(text)
            if first is None:
                first = widget
        for label, texts in shown.items():
            label.setText("\n".join(texts))
            label.show()
        for name, label in self.labels.items():  # also a message shown before, now changed
            if name in self.inputs:  # (the fields of some forms are added after this is made)
                _Describes.of(label, self.inputs[name]).update()
        mark_tabs([*self.labels.values(), self.general])
        if first is not None:
            show_on_its_tab(first)

    def show(self, problems: Sequence[tuple[str, str]]) -> None:
        """Show each ``(field, message)`` beside its field."""
        self.show_placed([self.place(field, message) for field, message in problems])

    def show_refusal(self, refusal: Refusal) -> None:
        """Refused fields beside their fields; a refusal that names one field (``field``)
        beside it; anything else in the general message."""
        if refusal.problem is Problem.INVALID:
            self.show([(error.field, error.message) for error in refusal.field_errors])
            return
        field = getattr(refusal.error, "field", None)
        if isinstance(field, str):
            self.show([(field, refusal.message)])
            return
        self.show([("", refusal.message)])
