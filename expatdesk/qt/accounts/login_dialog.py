"""Signing in: username and password, in English or Dutch.

On SQLite the password is checked against the staff account; on PostgreSQL the dialog connects as
the staff member's own database role (:func:`expatdesk.accounts.sign_in.sign_in`). A refused
sign-in says why (wrong username or password, how long to wait after repeated failures, a
disabled account, the server's problem) and keeps the username; the password is cleared.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from expatdesk.accounts.sign_in import SignedIn
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.forms.ui_login_dialog import Ui_LoginDialog
from expatdesk.qt.language import LanguageSwitcher

log = logging.getLogger(__name__)

#: Signs in with a username and a password, or raises :class:`UserError` saying why not.
SignIn = Callable[[str, str], SignedIn]


class LoginDialog(QDialog):
    """Ask for a username and password; accepted once :attr:`signed_in` is set.

    Signals:
        signedIn(object): the :class:`~expatdesk.accounts.sign_in.SignedIn` of a good sign-in.
        refused(str): a sign-in was refused with this message (shown in the dialog).
    """

    signedIn = Signal(object)
    refused = Signal(str)

    def __init__(
        self,
        sign_in: SignIn,
        database_name: str,
        switcher: LanguageSwitcher | None = None,
        parent: QWidget | None = None,
        *,
        username: str = "",
        postgres: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        colours.follow(self)
        scaling.keep_room(self)
        self._sign_in = sign_in
        self._database_name = database_name
        self._switcher = switcher
        self._postgres = postgres
        self.signed_in: SignedIn | None = None
        self.ui.username.setText(username)
        self.ui.message.hide()
        self.ui.englishButton.clicked.connect(lambda: self._switch("en"))
        self.ui.dutchButton.clicked.connect(lambda: self._switch("nl"))
        self.ui.englishButton.setVisible(switcher is not None)
        self.ui.dutchButton.setVisible(switcher is not None)
        # A button of our own: a standard Ok button takes back Qt's "OK" on every language change,
        # after our text was set.
        box = self.ui.buttonBox
        box.removeButton(box.button(QDialogButtonBox.StandardButton.Ok))
        self.sign_in_button = box.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setDefault(True)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        self._retranslate()
        (self.ui.password if username else self.ui.username).setFocus()

    def message(self) -> str:
        return self.ui.message.text() if self.ui.message.isVisibleTo(self) else ""

    def accept(self) -> None:
        """Sign in; stays open with the reason when that is refused."""
        username = self.ui.username.text().strip()
        password = self.ui.password.text()
        if not username or not password:
            self._refuse(_("Type your username and password."))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            signed_in = self._sign_in(username, password)
        except UserError as error:
            self._refuse(str(error))
            return
        finally:
            QApplication.restoreOverrideCursor()
        log.info("signed in: %s (%s)", signed_in.actor.username, signed_in.actor.role)
        self.signed_in = signed_in
        self.ui.password.clear()
        self.signedIn.emit(signed_in)
        super().accept()

    def _refuse(self, message: str) -> None:
        log.warning("sign-in refused: %s", message)
        self.ui.message.setText(message)
        self.ui.message.show()
        self.ui.password.clear()
        (self.ui.password if self.ui.username.text().strip() else self.ui.username).setFocus()
        self.refused.emit(message)

    def _switch(self, language: str) -> None:
        if self._switcher is not None:
            self._switcher.switch(language)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        if self._postgres:
            intro = _("Sign in to {name} with your database username and password.")
        else:
            intro = _("Sign in to {name} with your ExpatDesk username and password.")
        self.ui.introLabel.setText(intro.format(name=self._database_name))
        self.sign_in_button.setText(_("&Sign in"))
        self.ui.englishButton.setAccessibleName("English")
        self.ui.dutchButton.setAccessibleName("Nederlands")
