"""The small dialogs of linked records and the tables that list them, in the record editors.

:class:`ItemDialog` is the small form of one family member, permit, contact person or hiring
record, checked when OK is pressed; :class:`ItemTable` lists such records with Add, Edit and
Remove (also Insert, Enter or double-click, and Delete), kept in the editor until it saves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from expatdesk.common.validation import Problems
from expatdesk.i18n import _
from expatdesk.qt import msgbox
from expatdesk.qt.bindings import event_filter
from expatdesk.qt.widgets.field_messages import FieldMessages, error_label

T = TypeVar("T")


#: The room between a small form's last field and its OK/Cancel buttons, in pixels.
BUTTONS_GAP = 16


class ItemDialog(QDialog):
    """A small form of one linked record: labelled fields with a message under each, OK/Cancel.

    A subclass adds its fields with :meth:`add_field` and implements :meth:`problems` (checked
    on OK; nothing is taken while one is left) and :meth:`value`.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(1, 1)
        self.error_labels: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {}
        self._labels: list[tuple[QLabel | QAbstractButton, str, QWidget, str]] = []
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("buttons")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._rows = 0
        #: Where a problem of no field shown here goes (hidden until then).
        self.form_error = QLabel(self)
        self.form_error.setObjectName("formError")
        error_label(self.form_error)
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        self.messages = FieldMessages(self.error_labels, self.inputs, self.form_error)

    def add_field(self, key: str, text: str, widget: QWidget, accessible: str) -> None:
        """Add ``widget`` for the field ``key``; ``text`` and ``accessible`` are N_() msgids."""
        widget.setObjectName(_object_name(key))
        if isinstance(widget, QAbstractButton):
            self.grid.addWidget(widget, self._rows, 1)
            self._labels.append((widget, text, widget, accessible))
        else:
            label = QLabel(self)
            label.setObjectName(_object_name(key) + "Label")
            label.setBuddy(widget)
            self.grid.addWidget(label, self._rows, 0)
            self.grid.addWidget(widget, self._rows, 1)
            self._labels.append((label, text, widget, accessible))
        error = QLabel(self)
        error.setObjectName(_object_name(key) + "Error")
        error_label(error)
        error.setWordWrap(True)
        error.hide()
        self.grid.addWidget(error, self._rows + 1, 1)
        self.error_labels[key] = error
        self.inputs[key] = widget
        self._rows += 2

    def finish_layout(self) -> None:
        """Put the buttons below the fields, a little apart (and at the bottom of a taller
        dialog), and apply the texts; call after the last field."""
        self.grid.setRowMinimumHeight(self._rows, BUTTONS_GAP)
        self.grid.setRowStretch(self._rows, 1)
        self.grid.addWidget(self.form_error, self._rows + 1, 0, 1, 2)
        self.grid.addWidget(self.buttons, self._rows + 2, 0, 1, 2)
        self.retranslate()

    def problems(self) -> Problems:
        raise NotImplementedError

    def error_text(self, key: str) -> str:
        return self.messages.text(key)

    def accept(self) -> None:
        self.messages.clear()
        problems = self.problems()
        if problems:
            self.messages.show([(error.field, error.message) for error in problems])
            return
        super().accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for label, text, widget, accessible in self._labels:
            label.setText(_(text))
            widget.setAccessibleName(_(accessible))


def _object_name(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(part.capitalize() for part in rest)


class ItemTable(Generic[T]):
    """The linked records of one kind in a table, with Add, Edit and Remove.

    ``headers`` gives the column titles and ``cells`` the texts of one record, both in the active
    language (call :meth:`retranslate` after a switch); ``numeric`` columns are right-aligned.
    The ``stretched`` column takes the width the others (fitted to their contents) leave, so no
    column is pushed out of view: its long texts are cut short and shown whole in their tooltip;
    without one, the last column takes what is left. ``dialog`` makes the form for a new
    record (``None``) or an existing one, given the others, so it can check against them.
    """

    def __init__(
        self,
        table: QTableWidget,
        buttons: tuple[QPushButton, QPushButton, QPushButton],
        headers: Callable[[], list[str]],
        cells: Callable[[T], list[str]],
        dialog: Callable[[T | None, list[T]], ItemDialog],
        value: Callable[[ItemDialog, T | None], T],
        numeric: frozenset[int] = frozenset(),
        stretched: int | None = None,
    ) -> None:
        self.table = table
        self._numeric = numeric
        self._stretched = stretched
        self.add_button, self.edit_button, self.remove_button = buttons
        self._headers = headers
        self._cells = cells
        self._dialog = dialog
        self._value = value
        self._items: list[T] = []
        table.setColumnCount(len(headers()))
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        # Headers over their column's text, as in the lists: on the left (numbers: right).
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if stretched is None:
            header.setStretchLastSection(True)
        else:
            header.setStretchLastSection(False)
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(stretched, QHeaderView.ResizeMode.Stretch)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        table.itemSelectionChanged.connect(self._update_buttons)
        table.cellDoubleClicked.connect(lambda _row, _column: self.edit())
        self._keys = _TableKeys(self)
        table.installEventFilter(self._keys)
        self.retranslate()

    def items(self) -> tuple[T, ...]:
        return tuple(self._items)

    def set_items(self, items: Iterable[T]) -> None:
        self._items = list(items)
        self._refill()
        self._update_buttons()

    def current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select(self, row: int) -> None:
        if 0 <= row < len(self._items):
            self.table.selectRow(row)

    # --- actions ------------------------------------------------------------------------------

    def add(self) -> None:
        dialog = self._dialog(None, list(self._items))
        if msgbox.exec_dialog(dialog) == QDialog.DialogCode.Accepted:
            self._items.append(self._value(dialog, None))
            self._refill()
            self.select(len(self._items) - 1)
        self.table.setFocus()

    def edit(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        original = self._items[row]
        others = [item for index, item in enumerate(self._items) if index != row]
        dialog = self._dialog(original, others)
        if msgbox.exec_dialog(dialog) == QDialog.DialogCode.Accepted:
            self._items[row] = self._value(dialog, original)
            self._refill()
            self.select(row)
        self.table.setFocus()

    def remove(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        del self._items[row]
        self._refill()
        self.select(min(row, len(self._items) - 1))
        self._update_buttons()
        self.table.setFocus()

    # --- showing ------------------------------------------------------------------------------

    def _refill(self) -> None:
        self.table.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            for column, text in enumerate(self._cells(item)):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
                if column in self._numeric:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == self._stretched:
                    cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        if self._stretched is None:
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setStretchLastSection(True)

    def _update_buttons(self) -> None:
        selected = self.current_row() >= 0
        self.edit_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(self._headers())
        for column in self._numeric:
            item = self.table.horizontalHeaderItem(column)
            if item is not None:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._refill()


class _TableKeys(QObject):
    """Insert adds, Enter edits and Delete removes in an :class:`ItemTable`."""

    def __init__(self, owner: ItemTable[Any]) -> None:
        super().__init__(owner.table)
        self._owner = owner

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Insert:
                self._owner.add()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._owner.current_row() >= 0:
                self._owner.edit()
                return True
            if key == Qt.Key.Key_Delete and self._owner.current_row() >= 0:
                self._owner.remove()
                return True
        return super().eventFilter(watched, event)
