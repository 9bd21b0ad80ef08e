"""What the open-case and walk-in forms share: the client picked by typing, the messages beside
the fields, and saving off the GUI thread.

A :class:`ClientDialog` finds its expat with an
:class:`~expatdesk.qt.cases.desk_widgets.ExpatSearch` and its employer with the one employer
picker, :class:`~expatdesk.qt.employers.chooser.EmployerChooser` (both preset from the record the
desk has open; typed employer text that is no choice is refused beside the field), saves with
the Save button, Enter on the default button or Ctrl+S through
:func:`expatdesk.qt.operations.run_write`, and shows a refused save beside its fields
(:class:`~expatdesk.qt.widgets.field_messages.FieldMessages`), keeping everything typed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget

from expatdesk.accounts.actor import Actor
from expatdesk.common.changes import Changes
from expatdesk.common.db_errors import Refusal
from expatdesk.db.database import Database
from expatdesk.errors import AlreadySavedError
from expatdesk.i18n import _
from expatdesk.qt import msgbox
from expatdesk.qt.cases.desk_widgets import ExpatSearch
from expatdesk.qt.employers.chooser import EmployerChooser
from expatdesk.qt.operations import is_writing, run_write
from expatdesk.qt.widgets.date_field import DateField
from expatdesk.qt.widgets.field_messages import FieldMessages

log = logging.getLogger(__name__)


class ClientDialog(QDialog):
    """The base of a desk form for an expat and/or an employer.

    A subclass sets up its form, then calls :meth:`set_up_client` with its pickers,
    its button box, the message labels and inputs of its other fields, and its form message.

    Signals:
        saved(int): the id of what was stored.
    """

    saved = Signal(int)

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self._errors: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}
        self._form_error = QLabel(self)

    def set_up_client(
        self,
        expat: tuple[QLineEdit, QComboBox],
        employer: EmployerChooser,
        chosen: tuple[int | None, int | None],
        client_error: QLabel,
        button_box: QDialogButtonBox,
        form_error: QLabel,
    ) -> None:
        """The pickers (expat search and combo, the employer chooser) preset to ``chosen``
        (expat id, employer id), their message label, and the form's buttons."""
        expat_search, expat_combo = expat
        self.expat = ExpatSearch(self._database, expat_search, expat_combo, self)
        self.expat.choose(chosen[0])
        self.employer = employer
        employer.set_database(self._database)
        employer.choose(chosen[1])
        self._form_error.deleteLater()
        self._form_error = form_error
        self._errors.update(client=client_error, expat=client_error, employer=client_error)
        self._inputs.update(client=expat_search, expat=expat_combo, employer=employer)
        button_box.accepted.connect(self.accept)
        button_box.rejected.connect(self.reject)
        self._save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self._save_shortcut.activated.connect(self.accept)

    # --- messages -----------------------------------------------------------------------------

    @property
    def messages(self) -> FieldMessages:
        return FieldMessages(self._errors, self._inputs, self._form_error)

    def error_text(self, field: str) -> str:
        return self.messages.text(field)

    def clear_errors(self) -> None:
        self.messages.clear()

    # --- saving -------------------------------------------------------------------------------

    def is_saving(self) -> bool:
        return is_writing(self)

    def typed_date(self, field: str, edit: DateField) -> bool:
        """Whether ``edit`` holds a date as typed; otherwise say what is wrong beside it (the
        service's ``field``) before anything is asked of the database."""
        if self.is_saving():
            return False
        problem = edit.problem(required=True)
        if problem:
            self.clear_errors()
            self.messages.show([(field, problem)])
        return not problem

    def write(self, store: Callable[[], int], changes: Changes, what: str) -> None:
        """Run ``store`` (which must not touch widgets: read the form before) off the GUI
        thread; when done, log ``what`` (a format with the id's ``%d``), say :attr:`saved` and
        close. Typed employer text that is no choice is refused beside the field: the form
        never saves without the employer the user meant."""
        if self.is_saving():
            return
        self.clear_errors()
        if not self.employer.is_resolved():
            self.messages.show([("employer", _("Choose an employer from the suggestions."))])
            return

        def done(record_id: int) -> None:
            log.info(what, record_id)
            self.saved.emit(record_id)
            super(ClientDialog, self).accept()

        def refused(refusal: Refusal) -> None:
            if isinstance(refusal.error, AlreadySavedError):  # an earlier try was saved after all
                msgbox.information(self, self.windowTitle(), refusal.message)
                done(refusal.error.record_id)
                return
            self.messages.show_refusal(refusal)

        run_write(self, store, changes, done=done, refused=refused)
