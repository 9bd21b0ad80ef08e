"""What the record editors share: saving with its errors, the guard against lost input, the
small dialogs of linked records and the tables that list them.

:class:`RecordEditor` is the base of the expat and employer editors, and their one save path.
Save (the button, Enter on the default button, or Ctrl+S) checks the form in the GUI thread
(:meth:`RecordEditor.checked_form`), then creates or updates the record off the GUI thread
(:func:`expatdesk.qt.operations.run_write`; the editor is disabled meanwhile and cannot save
twice). A refused field shows its message in red under the field, which gets the focus (on its
tab), and nothing is saved. A record someone else changed meanwhile offers to reload it, which is
the only way typed input is dropped; any other failure (a database that cannot be written) is
told and the input stays. Cancel, Esc or closing the window with changes asks whether to save
them, discard them, or go on editing.

:class:`ItemDialog` is the small form of one family member, permit, contact person or hiring
record, checked when OK is pressed; :class:`ItemTable` lists such records with Add, Edit and
Remove (also Insert, Enter or double-click, and Delete), kept in the editor until it saves.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from expatdesk.accounts.actor import Actor
from expatdesk.common.changes import Changes
from expatdesk.common.concurrency import StaleRecordError
from expatdesk.common.db_errors import Problem, Refusal
from expatdesk.common.labels import Label
from expatdesk.common.validation import FieldError, Problems, ValidationError
from expatdesk.db.database import Database
from expatdesk.i18n import _
from expatdesk.qt import msgbox
from expatdesk.qt.operations import is_writing, run_write

log = logging.getLogger(__name__)

#: The style of an inline message (that of the survey form).
ERROR_STYLE = "color: #A33A00; font-weight: bold;"
_NESTED = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")

T = TypeVar("T")


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


def ask_to_keep_changes(parent: QWidget, title: str, text: str) -> str:
    """Ask whether to save changes: ``"save"``, ``"discard"`` or ``"cancel"`` (also on Esc)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setParent(parent, box.windowFlags())
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    msgbox.exec_dialog(box)
    clicked = box.clickedButton()
    answer = box.standardButton(clicked) if clicked is not None else None
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def confirm(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    """Ask a yes/no question whose "yes" button says ``yes``; No is the default (Esc too)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if parent is not None:
        box.setParent(parent, box.windowFlags())
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    no_button = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    msgbox.exec_dialog(box)
    return box.clickedButton() is yes_button


def fill_labels(combo: QComboBox, labels: tuple[Label, ...]) -> None:
    """A blank item ("none") and the labels, with the codes as item data."""
    combo.clear()
    combo.addItem("", None)
    for label in labels:
        combo.addItem(str(label), label.code)


def retranslate_labels(combo: QComboBox, labels: tuple[Label, ...]) -> None:
    """Rename the items of :func:`fill_labels` in the active language."""
    for row, label in enumerate(labels, start=1):
        combo.setItemText(row, str(label))


def select_code(combo: QComboBox, code: str | None) -> None:
    """Choose the item of ``code``; the blank item for ``None`` or an unknown code."""
    row = combo.findData(code) if code is not None else 0
    combo.setCurrentIndex(max(row, 0))


def _changed_signal(widget: QWidget) -> SignalInstance | None:
    """The signal a field sends when the user changes it (``None``: a kind we do not know)."""
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTimeChanged
    if isinstance(widget, QAbstractSpinBox):
        return widget.editingFinished
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    return None


class RecordEditor(QDialog):
    """The base of a record editor; a subclass fills the form and implements the hooks.

    Hooks: :meth:`snapshot` (what is typed, comparable), :meth:`checked_form` (the form to save,
    checked in the GUI thread, or ``None`` when the user stopped the save), :meth:`stored` (the
    id and version of the record edited; ``None`` for a new one), :meth:`create_record` and
    :meth:`update_record` (the core services, run off the GUI thread), :meth:`reload` (show the
    stored record again), :meth:`record_title` (for the questions), :attr:`changes` (what a save
    changes), and the dictionaries
    ``error_labels`` and ``inputs`` (field key → message label / input widget). A nested key
    ``permits[2].valid_until`` is shown under the ``permits`` label, naming the row.

    Signals:
        saved(int): the id of the record that was saved.
    """

    saved = Signal(int)

    #: What saving this kind of record changes (announced to every area).
    changes: Changes = Changes()

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.error_labels: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {}
        self.tables: dict[str, ItemTable[Any]] = {}
        self._baseline: object = None
        self._watched: set[QWidget] = set()
        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.activated.connect(self.save)

    # --- hooks --------------------------------------------------------------------------------

    def snapshot(self) -> object:
        raise NotImplementedError

    def checked_form(self) -> object | None:
        """The form to save; raises :class:`ValidationError`, ``None`` when the user stopped."""
        raise NotImplementedError

    def stored(self) -> tuple[int, int] | None:
        """The id and version of the record as it was loaded; ``None`` for a new record."""
        raise NotImplementedError

    def create_record(self, form: Any) -> int:
        """Create the record (off the GUI thread: no widgets); its id."""
        raise NotImplementedError

    def update_record(self, record_id: int, version: int, form: Any) -> None:
        """Update the record (off the GUI thread: no widgets)."""
        raise NotImplementedError

    def reload(self) -> bool:
        raise NotImplementedError

    def record_title(self) -> str:
        raise NotImplementedError

    def form_error_label(self) -> QLabel:
        raise NotImplementedError

    # --- state --------------------------------------------------------------------------------

    def is_modified(self) -> bool:
        """Whether anything was typed since the record was loaded or saved."""
        return bool(self.snapshot() != self._baseline)

    def mark_unmodified(self) -> None:
        self._baseline = self.snapshot()

    # --- messages -----------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in [*self.error_labels.values(), self.form_error_label()]:
            label.clear()
            label.hide()

    def error_text(self, field: str) -> str:
        """The message shown for ``field`` ("" when none); the form's own message for ``""``."""
        label = self.error_labels.get(field) if field else self.form_error_label()
        return "" if label is None or label.isHidden() else label.text()

    def show_problems(self, errors: Sequence[FieldError]) -> None:
        """Show each message under its field and focus the first field, on its tab."""
        first: QWidget | None = None
        shown: dict[QLabel, list[str]] = {}
        for error in errors:
            label, text, widget = self._place(error)
            shown.setdefault(label, []).append(text)
            if first is None:
                first = widget
        for label, texts in shown.items():
            label.setText("\n".join(texts))
            label.show()
        for field, widget in self.inputs.items():
            self._hide_when_changed(widget, self.error_labels.get(field))
        if first is not None:
            show_on_its_tab(first)

    def _hide_when_changed(self, widget: QWidget, label: QLabel | None) -> None:
        """A message under a field goes as soon as the field is changed (once per field)."""
        if label is None or widget in self._watched:
            return
        self._watched.add(widget)
        signal = _changed_signal(widget)
        if signal is not None:
            signal.connect(label.hide)

    def _place(self, error: FieldError) -> tuple[QLabel, str, QWidget | None]:
        if error.field in self.error_labels:
            return self.error_labels[error.field], error.message, self.inputs.get(error.field)
        nested = _NESTED.match(error.field)
        if nested and nested.group(1) in self.error_labels:
            collection, row = nested.group(1), int(nested.group(2))
            table = self.tables.get(collection)
            if table is not None:
                table.select(row)
            text = _("Row {number}: {message}").format(number=row + 1, message=error.message)
            widget = table.table if table is not None else None
            return self.error_labels[collection], text, widget
        return self.form_error_label(), error.message, None

    def show_failure(self, message: str) -> None:
        label = self.form_error_label()
        label.setText(message)
        label.show()
        msgbox.error(self, self.windowTitle(), message)

    # --- saving -------------------------------------------------------------------------------

    def is_saving(self) -> bool:
        """Whether a save runs now (the editor is disabled until it is back)."""
        return is_writing(self)

    def save(self) -> bool:
        """Check what was typed and start saving it; ``True`` when the save started (the editor
        closes when it is done; :attr:`saved` says so)."""
        if self.is_saving():
            return False
        self.clear_errors()
        try:
            form = self.checked_form()
        except ValidationError as error:
            self.show_problems(error.errors)
            return False
        if form is None:
            return False
        stored = self.stored()

        def write() -> int:
            if stored is None:
                return self.create_record(form)
            self.update_record(*stored, form)
            return stored[0]

        return run_write(self, write, self.changes, done=self._saved, refused=self._refused)

    def _saved(self, record_id: int) -> None:
        self.mark_unmodified()
        log.info("%s saved", self.record_title())
        self.saved.emit(record_id)
        super().accept()

    def _refused(self, refusal: Refusal) -> None:
        if refusal.problem is Problem.INVALID:
            self.show_problems(refusal.field_errors)
        elif isinstance(refusal.error, StaleRecordError):
            self._stale(refusal.error)
        else:
            self.show_failure(refusal.message)

    def _stale(self, error: StaleRecordError) -> None:
        label = self.form_error_label()
        label.setText(str(error))
        label.show()
        if error.entity_id is None:  # deleted: nothing to reload
            msgbox.error(self, self.windowTitle(), str(error))
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.windowTitle(),
            str(error),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        reload_button = box.addButton(
            _("&Reload and discard my input"), QMessageBox.ButtonRole.AcceptRole
        )
        keep_button = box.addButton(_("&Keep my input"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep_button)
        box.setEscapeButton(keep_button)
        msgbox.exec_dialog(box)
        if box.clickedButton() is reload_button and self.reload():
            self.clear_errors()
            self.mark_unmodified()

    def accept(self) -> None:
        """The Save button: save, and close only when saved."""
        self.save()

    def reject(self) -> None:
        """Cancel, Esc or closing the window: ask first when something was typed (and wait
        for a save that runs)."""
        if self.is_saving():
            return
        if not self.is_modified():
            super().reject()
            return
        answer = ask_to_keep_changes(
            self,
            self.windowTitle(),
            _("Save the changes to {record}?").format(record=self.record_title()),
        )
        if answer == "save":
            self.save()
        elif answer == "discard":
            super().reject()

    def close_without_asking(self) -> None:
        """Close and drop what was typed (the user chose to open another record instead)."""
        self._baseline = self.snapshot()
        super().reject()


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
        error.setStyleSheet(ERROR_STYLE)
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
        self.grid.addWidget(self.buttons, self._rows + 1, 0, 1, 2)
        self.retranslate()

    def problems(self) -> Problems:
        raise NotImplementedError

    def error_text(self, key: str) -> str:
        label = self.error_labels[key]
        return "" if label.isHidden() else label.text()

    def accept(self) -> None:
        for label in self.error_labels.values():
            label.clear()
            label.hide()
        problems = self.problems()
        if problems:
            for error in problems:
                shown = self.error_labels.get(error.field)
                if shown is not None:
                    shown.setText(error.message)
                    shown.show()
            first = self.inputs.get(next(iter(problems)).field)
            if first is not None:
                first.setFocus()
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
