"""Passwords: a staff member changes their own (File → Change password), an administrator sets a
new one for someone who forgot theirs (the staff dialog).

Changing one's own password asks for the current one first; both dialogs ask for the new one
twice. The password is stored off the GUI thread (:func:`expatdesk.qt.operations.run_write`: the
form is busy meanwhile); the service's refusals show beside their fields.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import Actor
from expatdesk.accounts.staff import MIN_PASSWORD_LENGTH
from expatdesk.common.changes import Changes
from expatdesk.common.db_errors import Refusal
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.i18n import _
from expatdesk.qt import msgbox
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.forms.ui_password_dialog import Ui_PasswordDialog
from expatdesk.qt.operations import is_writing, run_write

#: Stores the password: (current password or "", new password). It runs off the GUI thread, so
#: it calls a service and touches no widget.
Store = Callable[[str, str], object]

#: No view shows a password: storing one is announced to none (as before the writes moved off
#: the GUI thread).
PASSWORD_STORED = Changes()


class PasswordDialog(QDialog):
    """Type a new password twice (and, with ``ask_current``, the current one); OK stores it.

    Signals:
        changed(): the password was stored.
    """

    changed = Signal()

    def __init__(
        self,
        store: Store,
        intro: Callable[[], str],
        parent: QWidget | None = None,
        *,
        ask_current: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_PasswordDialog()
        self.ui.setupUi(self)
        colours.follow(self)
        scaling.keep_room(self)
        self._store = store
        self._intro = intro
        self._ask_current = ask_current
        for widget in (self.ui.currentLabel, self.ui.current, self.ui.currentError):
            widget.setVisible(ask_current)
        self._errors: dict[str, QLabel] = {
            "current": self.ui.currentError,
            "new": self.ui.newError,
            "password": self.ui.newError,
            "repeat": self.ui.repeatError,
        }
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.clear_errors()
        self._retranslate()
        (self.ui.current if ask_current else self.ui.newPassword).setFocus()

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
        """Whether the password is being stored (off the GUI thread)."""
        return is_writing(self)

    def accept(self) -> None:
        """Store the password off the GUI thread; stays open with the refusals beside their
        fields."""
        if self.is_saving():
            return
        self.clear_errors()
        new = self.ui.newPassword.text()
        if new != self.ui.repeat.text():
            self._show("repeat", _("The two passwords differ."))
            self.ui.repeat.clear()
            self.ui.repeat.setFocus()
            return
        store, current = self._store, self.ui.current.text()
        run_write(
            self,
            lambda: store(current, new),
            PASSWORD_STORED,
            done=self._stored,
            refused=self._refused,
        )

    def _refused(self, refusal: Refusal) -> None:
        error = refusal.error
        if isinstance(error, ValidationError):
            for problem in error.errors:
                self._show(problem.field, problem.message)
            if error.for_field("current"):
                self.ui.current.clear()
                self.ui.current.setFocus()
            else:
                self.ui.newPassword.setFocus()
            return
        self._show("", refusal.message)

    def _stored(self, _result: object) -> None:
        for edit in (self.ui.current, self.ui.newPassword, self.ui.repeat):
            edit.clear()
        self.changed.emit()
        super().accept()

    def reject(self) -> None:
        """Close, but not while the password is being stored."""
        if not self.is_saving():
            super().reject()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.ui.introLabel.setText(
            self._intro()
            + " "
            + _("A password needs at least {count} characters.").format(count=MIN_PASSWORD_LENGTH)
        )
        if not self._ask_current:
            self.setWindowTitle(_("Reset password"))


def own_password_dialog(database: Database, actor: Actor, parent: QWidget | None) -> PasswordDialog:
    """The dialog in which ``actor`` changes their own password."""

    def store(current: str, new: str) -> None:
        accounts.change_own_password(database, actor, current, new)

    return PasswordDialog(
        store,
        lambda: _("Change the password of {name} ({username}).").format(
            name=actor.display_name, username=actor.username
        ),
        parent,
    )


def change_own_password(database: Database, actor: Actor, parent: QWidget | None) -> bool:
    """File → Change password…: ask for the passwords and store the new one; ``True`` if done."""
    if actor.user_id is None:
        msgbox.information(
            parent, _("Change password"), _("This account has no password of its own to change.")
        )
        return False
    dialog = own_password_dialog(database, actor, parent)
    done = msgbox.exec_dialog(dialog) == QDialog.DialogCode.Accepted
    if done:
        msgbox.information(parent, _("Change password"), _("Your password was changed."))
    return done
