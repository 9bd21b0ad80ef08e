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

The small dialogs of linked records and the tables that list them are in
:mod:`expatdesk.qt.widgets.item_dialogs`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from expatdesk import i18n
from expatdesk.accounts.actor import Actor
from expatdesk.common.changes import Changes
from expatdesk.common.concurrency import StaleRecordError
from expatdesk.common.db_errors import Problem, Refusal
from expatdesk.common.deletion import Deletion
from expatdesk.common.labels import Label
from expatdesk.common.validation import FieldError, ValidationError
from expatdesk.db.database import Database
from expatdesk.i18n import _
from expatdesk.qt import msgbox
from expatdesk.qt.operations import is_writing, run_write
from expatdesk.qt.widgets.field_messages import FieldMessages, Placed, hide_message
from expatdesk.qt.widgets.item_dialogs import ItemTable

log = logging.getLogger(__name__)

_NESTED = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")

T = TypeVar("T")


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
    checked in the GUI thread, or ``None`` when the user stopped the save), :meth:`create_record`
    and :meth:`update_record` (the core services, run off the GUI thread), :meth:`load_form` (the
    stored record's form, read again), :meth:`show_form` (fill the widgets), :meth:`texts` (the
    new record's title and the message when the record is gone), :attr:`changes` (what a save
    changes), ``_form`` (the form loaded: its ``id``, ``version``, ``name``, ``ref``), ``ui`` with
    its ``formError`` label, and the dictionaries
    ``error_labels`` and ``inputs`` (field key → message label / input widget). A nested key
    ``permits[2].valid_until`` is shown under the ``permits`` label, naming the row.

    Signals:
        saved(int): the id of the record that was saved.
    """

    saved = Signal(int)

    #: What saving this kind of record changes (announced to every area).
    changes: Changes = Changes()
    #: The subclass's Designer form (with a ``formError`` label).
    ui: Any

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.error_labels: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {}
        self.tables: dict[str, ItemTable[Any]] = {}
        self._baseline: object = None
        self._form: Any = None  # the subclass's form of the record
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
        form = self._form
        if form.id is None:
            return None
        assert form.version is not None
        return int(form.id), int(form.version)

    def create_record(self, form: Any) -> int:
        """Create the record (off the GUI thread: no widgets); its id."""
        raise NotImplementedError

    def update_record(self, record_id: int, version: int, form: Any) -> None:
        """Update the record (off the GUI thread: no widgets)."""
        raise NotImplementedError

    def load_form(self, record_id: int) -> Any:
        """The stored record's form, read again; ``None`` when it no longer exists."""
        raise NotImplementedError

    def show_form(self, form: Any) -> None:
        raise NotImplementedError

    def texts(self) -> tuple[str, str]:
        """What the new record is called ("the new expat"), and the message when the record
        edited no longer exists."""
        raise NotImplementedError

    def reload(self) -> bool:
        """Show the stored record again; ``False`` for a new one or one that is gone (said)."""
        if self._form.id is None:
            return False
        form = self.load_form(self._form.id)
        if form is None:
            msgbox.error(self, self.windowTitle(), self.texts()[1])
            return False
        self._form = form
        self.show_form(form)
        return True

    def record_title(self) -> str:
        if self._form.id is None:
            return self.texts()[0]
        return f"{self._form.name} ({self._form.ref})"

    def form_error_label(self) -> QLabel:
        label: QLabel = self.ui.formError  # the subclass's Designer form has one
        return label

    # --- state --------------------------------------------------------------------------------

    def is_modified(self) -> bool:
        """Whether anything was typed since the record was loaded or saved."""
        return bool(self.snapshot() != self._baseline)

    def mark_unmodified(self) -> None:
        self._baseline = self.snapshot()

    # --- messages -----------------------------------------------------------------------------

    @property
    def messages(self) -> FieldMessages:
        """The form's messages (the subclass fills ``error_labels`` and ``inputs``)."""
        return FieldMessages(self.error_labels, self.inputs, self.form_error_label())

    def clear_errors(self) -> None:
        self.messages.clear()

    def error_text(self, field: str) -> str:
        """The message shown for ``field`` ("" when none); the form's own message for ``""``."""
        if field and field not in self.error_labels:
            return ""
        return self.messages.text(field)

    def show_problems(self, errors: Sequence[FieldError]) -> None:
        """Show each message under its field and focus the first field, on its tab."""
        self.messages.show_placed([self._place(error) for error in errors])
        for field, widget in self.inputs.items():
            self._hide_when_changed(widget, self.error_labels.get(field))

    def _hide_when_changed(self, widget: QWidget, label: QLabel | None) -> None:
        """A message under a field goes as soon as the field is changed (once per field)."""
        if label is None or widget in self._watched:
            return
        self._watched.add(widget)
        signal = _changed_signal(widget)
        if signal is not None:
            signal.connect(lambda *_args: hide_message(label))

    def _place(self, error: FieldError) -> Placed:
        """Under its field; a nested key ``permits[2].valid_until`` under the table, naming the
        row (which is selected)."""
        if error.field in self.error_labels:
            return self.messages.place(error.field, error.message)
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


def confirm_and_delete(
    parent: QWidget,
    *,
    title: str,
    read: Callable[[], Deletion | None],
    gone: str,
    delete: Callable[[int], object],
    changes: Changes,
    done: Callable[[], None] | None,
) -> bool:
    """Ask, then run ``delete(version)`` off the GUI thread (``parent`` is busy meanwhile);
    ``True`` when the delete started, ``done`` runs once it is deleted.

    ``read`` reads the record as it is now (``None`` when gone: ``gone`` is said); its refusal
    (other records refer to it) is told before asking, and the question counts what goes with
    it. A refusal of the delete itself (someone changed the record meanwhile) is told."""
    if is_writing(parent):  # a write of this window is still running
        return False
    deletion = read()
    if deletion is None:
        msgbox.error(parent, title, gone)
        return False
    if deletion.refusal:
        msgbox.error(parent, title, deletion.refusal)
        return False
    question = (
        _("Delete {name} ({ref}) with {records}? This cannot be undone.")
        if deletion.going
        else _("Delete {name} ({ref})? This cannot be undone.")
    ).format(name=deletion.name, ref=deletion.ref, records=i18n.join(deletion.going))
    if not confirm(parent, title, question, _("&Delete")):
        return False
    version, ref = deletion.version, deletion.ref

    def deleted(_result: object) -> None:
        log.info("%s deleted", ref)
        if done is not None:
            done()

    def refused(refusal: Refusal) -> None:
        msgbox.error(parent, title, refusal.message)

    return run_write(parent, lambda: delete(version), changes, done=deleted, refused=refused)
