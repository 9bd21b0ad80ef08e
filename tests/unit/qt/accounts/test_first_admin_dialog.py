"""The first administrator of a new database: checked fields, nothing lost on a refusal."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from expatdesk.accounts import sign_in as signing
from expatdesk.accounts import staff as accounts
from expatdesk.db.database import Database
from expatdesk.qt.accounts.first_admin_dialog import FirstAdminDialog


@pytest.fixture
def dialog(qtbot, sqlite_database: Database) -> FirstAdminDialog:
    dialog = FirstAdminDialog(sqlite_database)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(qtbot, dialog: FirstAdminDialog, username: str, name: str, password: str, repeat: str):
    for edit, text in (
        (dialog.ui.username, username),
        (dialog.ui.displayName, name),
        (dialog.ui.password, password),
        (dialog.ui.repeat, repeat),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)


def test_it_explains_itself_and_asks_no_role(dialog: FirstAdminDialog, sqlite_database) -> None:
    assert dialog.windowTitle() == "First administrator"
    assert dialog.ui.introLabel.text() == (
        f"The database {sqlite_database.name} has no staff accounts yet. Create the first "
        "administrator: they create the accounts of the other staff. A password needs at least "
        "12 characters."
    )
    assert not dialog.ui.role.isVisible()
    assert dialog.ui.username.hasFocus()
    assert dialog.ui.usernameLabel.buddy() is dialog.ui.username
    assert dialog.ui.repeat.accessibleName() == "Repeat the password"


def test_the_administrator_is_created(
    qtbot, dialog: FirstAdminDialog, sqlite_database: Database
) -> None:
    fill(qtbot, dialog, "Marieke", "Marieke Lansink", "a long password", "a long password")
    with qtbot.waitSignal(dialog.created):
        qtbot.keyClick(dialog.ui.repeat, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.administrator is not None
    assert (dialog.administrator.username, dialog.administrator.role) == (
        "marieke",
        "administrator",
    )
    assert not accounts.needs_first_administrator(sqlite_database)
    assert signing.authenticate(sqlite_database, "marieke", "a long password").user_id == (
        dialog.administrator.user_id
    )


def test_different_passwords_are_refused(
    qtbot, dialog: FirstAdminDialog, sqlite_database: Database
) -> None:
    fill(qtbot, dialog, "marieke", "Marieke", "a long password", "a long passwort")
    dialog.ui.buttonBox.accepted.emit()
    assert dialog.error_text("repeat") == "The two passwords differ."
    assert dialog.ui.repeat.text() == ""
    assert dialog.ui.repeat.hasFocus()
    assert dialog.ui.displayName.text() == "Marieke"
    assert dialog.isVisible()
    assert accounts.needs_first_administrator(sqlite_database)


def test_the_services_refusals_show_beside_their_fields(
    qtbot, dialog: FirstAdminDialog, sqlite_database: Database
) -> None:
    fill(qtbot, dialog, "9 lives", "", "short", "short")
    dialog.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.is_saving())
    assert dialog.error_text("username").startswith("A username has 2 to 63 characters")
    assert dialog.error_text("display_name") == "This field is required."
    assert dialog.error_text("password") == "A password needs at least 12 characters."
    assert dialog.ui.username.hasFocus()
    assert dialog.ui.username.text() == "9 lives"  # kept, to correct
    assert dialog.administrator is None
    assert accounts.needs_first_administrator(sqlite_database)
    fill(qtbot, dialog, "marieke", "Marieke", "a long password", "a long password")
    dialog.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.is_saving())
    assert dialog.error_text("username") == ""
    assert dialog.administrator is not None
