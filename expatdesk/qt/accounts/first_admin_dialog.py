"""A new database asks for its first administrator before anyone signs in.

The administrator then creates the other staff accounts (File → Staff accounts). On PostgreSQL the
owner of the database does this once; the administrator gets a database login of their own.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import Actor
from expatdesk.db.database import Database
from expatdesk.i18n import _
from expatdesk.qt.accounts.account_dialog import AccountDialog


class FirstAdminDialog(AccountDialog):
    """Create the first administrator of ``database``; :attr:`administrator` is then set."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        self._database = database
        self.administrator: Actor | None = None
        super().__init__(self._create_administrator, parent, role="administrator")

    def _create_administrator(
        self, username: str, display_name: str, _role: str, password: str
    ) -> Actor:
        self.administrator = accounts.create_first_administrator(
            self._database, username, display_name, password
        )
        return self.administrator

    def intro(self) -> str:
        return (
            _(
                "The database {name} has no staff accounts yet. Create the first administrator: "
                "they create the accounts of the other staff."
            ).format(name=self._database.name)
            + " "
            + super().intro()
        )

    def _retranslate(self) -> None:
        super()._retranslate()
        self.setWindowTitle(_("First administrator"))
