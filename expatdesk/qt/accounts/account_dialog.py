"""The form of a new staff account: username, name, role and the password typed twice.

:class:`AccountDialog` checks the two passwords against each other and calls ``create`` with what
was typed, off the GUI thread (:func:`expatdesk.qt.operations.run_write`: the form is busy
meanwhile); the service's refusals show beside their fields, and nothing typed is lost. The first
administrator (:mod:`.first_admin_dialog`) and the staff dialog's new accounts use it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from expatdesk.accounts.actor import role_label
from expatdesk.accounts.staff import MIN_PASSWORD_LENGTH
from expatdesk.common.changes import STAFF_CHANGED
from expatdesk.common.db_errors import Refusal
from expatdesk.common.validation import ValidationError
from expatdesk.db.models import ROLES
from expatdesk.i18n import _
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.forms.ui_account_dialog import Ui_AccountDialog
from expatdesk.qt.operations import is_writing, run_write

#: Creates the account from (username, display name, role, password); returns what it made. It
#: runs off the GUI thread, so it calls a service and touches no widget.
Create = Callable[[str, str, str, str], object]


class AccountDialog(QDialog):
    """Type a new account; OK creates it through ``create``.

    ``role=None`` offers the roles to choose from; a role given is fixed and its row hidden.

    Signals:
        created(object): what ``create`` returned.
    """

    created = Signal(object)

    def __init__(
        self, create: Create, parent: QWidget | None = None, *, role: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_AccountDialog()
        self.ui.setupUi(self)
        colours.follow(self)
        scaling.keep_room(self)
        self._create = create
        self._fixed_role = role
        self.result_value: object = None
        for code in ROLES:
            self.ui.role.addItem("", code)
        self.ui.role.setCurrentIndex(self.ui.role.findData(role or "desk_officer"))
        self.ui.roleLabel.setVisible(role is None)
        self.ui.role.setVisible(role is None)
        self._errors: dict[str, QLabel] = {
            "username": self.ui.usernameError,
            "display_name": self.ui.displayNameError,
            "role": self.ui.roleError,
            "password": self.ui.passwordError,
            "repeat": self.ui.repeatError,
        }
        self._inputs: dict[str, QWidget] = {
            "username": self.ui.username,
            "display_name": self.ui.displayName,
            "role": self.ui.role,
            "password": self.ui.password,
            "repeat": self.ui.repeat,
        }
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.clear_errors()
        self._retranslate()
        self.ui.username.setFocus()

    def intro(self) -> str:
        """The text above the fields; subclasses say what the account is for."""
        return _("A password needs at least {count} characters.").format(count=MIN_PASSWORD_LENGTH)

    def error_text(self, field: str) -> str:
        label = self._errors.get(field, self.ui.formError)
        return label.text() if label.isVisibleTo(self) else ""

    def clear_errors(self) -> None:
        for label in [*self._errors.values(), self.ui.formError]:
            label.clear()
            label.hide()

    def _show(self, field: str, message: str) -> None:
        label = self._errors.get(field, self.ui.formError)
        label.setText(message)
        label.show()

    def is_saving(self) -> bool:
        """Whether the account is being created (off the GUI thread)."""
        return is_writing(self)

    def accept(self) -> None:
        """Create the account off the GUI thread; stays open with the refusals beside their
        fields."""
        if self.is_saving():
            return
        self.clear_errors()
        if self.ui.password.text() != self.ui.repeat.text():
            self._show("repeat", _("The two passwords differ."))
            self.ui.repeat.clear()
            self.ui.repeat.setFocus()
            return
        role = self._fixed_role or str(self.ui.role.currentData())
        create = self._create
        username, display_name = self.ui.username.text(), self.ui.displayName.text()
        password = self.ui.password.text()
        run_write(
            self,
            lambda: create(username, display_name, role, password),
            STAFF_CHANGED,
            done=self._created,
            refused=self._refused,
        )

    def _refused(self, refusal: Refusal) -> None:
        error = refusal.error
        if isinstance(error, ValidationError):
            for problem in error.errors:
                self._show(problem.field, problem.message)
            first = self._inputs.get(error.errors[0].field)
            if first is not None:
                first.setFocus()
            return
        self._show("", refusal.message)

    def _created(self, made: object) -> None:
        self.result_value = made
        self.ui.password.clear()
        self.ui.repeat.clear()
        self.created.emit(made)
        super().accept()

    def reject(self) -> None:
        """Close, but not while the account is being created."""
        if not self.is_saving():
            super().reject()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        for index in range(self.ui.role.count()):
            self.ui.role.setItemText(index, role_label(str(self.ui.role.itemData(index))))
        self.ui.introLabel.setText(self.intro())
