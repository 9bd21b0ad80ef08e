"""The administrator's staff accounts: list them, create one, change a role, disable or enable an
account, set a new password; and how many idle minutes lock a session.

Every change goes through :mod:`expatdesk.accounts.staff`, which checks the administrator's
permission (and, on PostgreSQL, the database its grants), so the dialog only presents. Each runs
off the GUI thread (:func:`expatdesk.qt.operations.run_write`; the dialog, or the form of a new
account or password, is busy meanwhile). A change refused (someone else changed the account
meanwhile, the last administrator) is told in a message and the list is read again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QDialog, QWidget

from expatdesk.accounts import idle
from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import Actor, role_label
from expatdesk.accounts.staff import StaffAccount
from expatdesk.common.changes import STAFF_CHANGED, Changes
from expatdesk.common.db_errors import Refusal
from expatdesk.db.database import Database
from expatdesk.db.models import ROLES
from expatdesk.errors import UserError
from expatdesk.i18n import _, ngettext
from expatdesk.qt import msgbox
from expatdesk.qt.accounts.account_dialog import AccountDialog
from expatdesk.qt.accounts.idle_lock import IdleLock
from expatdesk.qt.accounts.password_dialog import PasswordDialog
from expatdesk.qt.appearance import scaling
from expatdesk.qt.forms.ui_staff_dialog import Ui_StaffDialog
from expatdesk.qt.operations import is_writing, run_write

log = logging.getLogger(__name__)

#: The idle minutes show in this dialog only (the window's idle lock hears of them through
#: :attr:`StaffDialog.idleLockChanged`): their save is announced to no view, as before.
IDLE_LOCK_SAVED = Changes()

Index = QModelIndex | QPersistentModelIndex


class StaffModel(QAbstractTableModel):
    """The staff accounts: username, name, role, and whether they may sign in."""

    COLUMNS = ("username", "display_name", "role", "active")
    #: What a view still asking sees once Python's cycle collector has cleared a closed
    #: dialog's model (Qt's side goes after that): no accounts.
    _accounts: Sequence[StaffAccount] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._accounts = []

    def set_accounts(self, listed: list[StaffAccount]) -> None:
        self.beginResetModel()
        self._accounts = list(listed)
        self.endResetModel()

    def account(self, row: int) -> StaffAccount | None:
        return self._accounts[row] if 0 <= row < len(self._accounts) else None

    def row_of(self, account_id: int) -> int:
        for row, account in enumerate(self._accounts):
            if account.id == account_id:
                return row
        return -1

    def retranslate(self) -> None:
        if self._accounts:
            last = self.index(len(self._accounts) - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._accounts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        account = self.account(index.row()) if index.isValid() else None
        if account is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        column = self.COLUMNS[index.column()]
        if column == "role":
            return account.role_label
        if column == "active":
            return _("Active") if account.active else _("Disabled")
        return getattr(account, column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (_("Username"), _("Name"), _("Role"), _("Status"))[section]


class StaffDialog(QDialog):
    """Manage the staff accounts (administrators only: the services refuse anyone else).

    Signals:
        changed(): an account was created or changed.
        idleLockChanged(int): the idle-lock minutes were saved (the new value).
    """

    changed = Signal()
    idleLockChanged = Signal(int)

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_StaffDialog()
        self.ui.setupUi(self)
        self._database = database
        self._actor = actor
        self.model = StaffModel(self)
        self.ui.accounts.setModel(self.model)
        self.ui.accounts.verticalHeader().hide()
        self.ui.accounts.horizontalHeader().setStretchLastSection(True)
        scaling.keep_titles(self.ui.accounts.horizontalHeader())
        for code in ROLES:
            self.ui.role.addItem("", code)
        self.ui.accounts.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.ui.newButton.clicked.connect(self.new_account)
        self.ui.role.activated.connect(self._role_chosen)
        self.ui.activeButton.clicked.connect(self.toggle_active)
        self.ui.passwordButton.clicked.connect(self.reset_password)
        self.ui.idleSaveButton.clicked.connect(self.save_idle_lock)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.message.hide()
        self._retranslate()
        self.reload()
        self.ui.idleMinutes.setValue(idle.read_idle_lock_minutes(database))

    # --- the list ---------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Read the accounts again, keeping (or moving to) the selected one."""
        current = self.selected()
        keep = select if select is not None else (current.id if current else None)
        self.model.set_accounts(accounts.list_staff(self._database, self._actor))
        row = self.model.row_of(keep) if keep is not None else -1
        self.ui.accounts.selectRow(max(row, 0))
        self._selection_changed()

    def selected(self) -> StaffAccount | None:
        index = self.ui.accounts.currentIndex()
        return self.model.account(index.row()) if index.isValid() else None

    def select_username(self, username: str) -> None:
        for row in range(self.model.rowCount()):
            account = self.model.account(row)
            if account is not None and account.username == username:
                self.ui.accounts.selectRow(row)
                return
        raise LookupError(username)

    def _selection_changed(self, *_args: object) -> None:
        account = self.selected()
        mine = account is not None and account.id == self._actor.user_id
        self.ui.role.setEnabled(account is not None and not mine)
        self.ui.activeButton.setEnabled(account is not None and not mine)
        self.ui.passwordButton.setEnabled(account is not None)
        if account is not None:
            self.ui.role.setCurrentIndex(self.ui.role.findData(account.role))
        self._active_text()

    def _active_text(self) -> None:
        account = self.selected()
        if account is not None and not account.active:
            self.ui.activeButton.setText(_("&Enable"))
        else:
            self.ui.activeButton.setText(_("&Disable"))

    # --- changes ------------------------------------------------------------------------------

    def new_account(self) -> AccountDialog:
        """Create an account with an initial password."""

        database, actor = self._database, self._actor

        def create(username: str, display_name: str, role: str, password: str) -> StaffAccount:
            return accounts.create_staff(database, actor, username, display_name, role, password)

        dialog = AccountDialog(create, self)  # it announces the new account
        if msgbox.exec_dialog(dialog) == QDialog.DialogCode.Accepted:
            made = dialog.result_value
            assert isinstance(made, StaffAccount)
            log.info("staff account %s created", made.username)
            self.reload(select=made.id)
            self._say(_("The account {username} was created.").format(username=made.username))
            self.changed.emit()
        return dialog

    def _role_chosen(self, index: int) -> None:
        self.change_role(str(self.ui.role.itemData(index)))

    def change_role(self, role: str) -> None:
        account = self.selected()
        if account is None or role == account.role:
            return
        database, actor = self._database, self._actor
        self._apply(
            lambda: accounts.change_role(database, actor, account.id, role, account.version),
            _("{username} is now: {role}.").format(
                username=account.username, role=role_label(role)
            ),
        )

    def toggle_active(self) -> None:
        account = self.selected()
        if account is None:
            return
        if account.active:
            done = _("The account {username} is disabled: it can no longer sign in.")
        else:
            done = _("The account {username} is enabled again.")
        database, actor = self._database, self._actor
        self._apply(
            lambda: accounts.set_active(
                database, actor, account.id, not account.active, account.version
            ),
            done.format(username=account.username),
        )

    def is_saving(self) -> bool:
        """Whether a change made in this dialog is running (off the GUI thread)."""
        return is_writing(self)

    def _apply(self, change: Callable[[], object], done: str) -> None:
        """Run ``change`` off the GUI thread; then read the list again and say ``done``."""
        account = self.selected()
        if self.is_saving():  # a role chosen meanwhile is put back
            self._selection_changed()
            return
        selected = account.id if account else None

        def applied(_result: object) -> None:
            self.reload(select=selected)
            self._say(done)
            self.changed.emit()

        run_write(self, change, STAFF_CHANGED, done=applied, refused=self._change_refused)

    def _change_refused(self, refusal: Refusal) -> None:
        msgbox.error(self, _("Staff accounts"), refusal.message)
        self.reload()

    def reset_password(self) -> PasswordDialog | None:
        """Give the selected account a new password."""
        account = self.selected()
        if account is None:
            return None

        database, actor = self._database, self._actor

        def store(_current: str, new: str) -> StaffAccount:
            return accounts.reset_password(database, actor, account.id, new)

        dialog = PasswordDialog(
            store,
            lambda: _("A new password for {name} ({username}).").format(
                name=account.display_name, username=account.username
            ),
            self,
            ask_current=False,
        )
        if msgbox.exec_dialog(dialog) == QDialog.DialogCode.Accepted:
            self._say(_("{username} has a new password.").format(username=account.username))
        return dialog

    def save_idle_lock(self) -> bool:
        """Store the idle minutes off the GUI thread; ``True`` when the save started."""
        if self.is_saving():
            return False
        database, actor, minutes = self._database, self._actor, self.ui.idleMinutes.value()
        return run_write(
            self,
            lambda: idle.update_idle_lock_minutes(database, actor, minutes),
            IDLE_LOCK_SAVED,
            done=self._idle_lock_saved,
            refused=self._idle_lock_refused,
        )

    def _idle_lock_saved(self, stored: int) -> None:
        self._say(
            ngettext(
                "Sessions now lock after {minutes} idle minute.",
                "Sessions now lock after {minutes} idle minutes.",
                stored,
            ).format(minutes=stored)
        )
        self.idleLockChanged.emit(stored)

    def _idle_lock_refused(self, refusal: Refusal) -> None:
        msgbox.error(self, _("Staff accounts"), refusal.message)

    def reject(self) -> None:
        """Close, but not while a change runs."""
        if not self.is_saving():
            super().reject()

    def message(self) -> str:
        return self.ui.message.text() if self.ui.message.isVisibleTo(self) else ""

    def _say(self, text: str) -> None:
        self.ui.message.setText(text)
        self.ui.message.show()

    # --- language ----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        for index in range(self.ui.role.count()):
            self.ui.role.setItemText(index, role_label(str(self.ui.role.itemData(index))))
        self.model.retranslate()
        self._active_text()


def open_staff_accounts(
    database: Database, actor: Actor, parent: QWidget | None = None
) -> StaffDialog | None:
    """File → Staff accounts…: the staff dialog, connected to the window's idle lock.

    Someone who is no administrator gets the reason instead (``None``).
    """
    try:
        dialog = StaffDialog(database, actor, parent)
    except UserError as error:
        msgbox.error(parent, _("Staff accounts"), str(error))
        return None
    lock = parent.findChild(IdleLock) if parent is not None else None
    if lock is not None:
        dialog.idleLockChanged.connect(lock.set_minutes)
    msgbox.exec_dialog(dialog)
    return dialog
