"""The login dialog: Enter signs in, a refusal says why and keeps the username, language buttons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from expatdesk import i18n
from expatdesk.accounts import sign_in as signing
from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import SYSTEM, Actor
from expatdesk.db.database import Database
from expatdesk.qt.accounts.login_dialog import LoginDialog
from expatdesk.qt.language import LanguageSwitcher

#: The one message of every refused sign-in.
REFUSED = "Wrong username or password, or too many failed attempts: wait a moment and try again."

PASSWORD = "correct horse battery"
T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def anna(sqlite_database: Database) -> Actor:
    made = accounts.create_staff(
        sqlite_database, SYSTEM, "anna", "Anna de Vries", "desk_officer", PASSWORD
    )
    return Actor(made.id, made.username, made.display_name, made.role)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def dialog(qtbot, sqlite_database: Database, switcher: LanguageSwitcher, clock: Clock):
    dialog = LoginDialog(
        lambda name, password: signing.sign_in(sqlite_database, name, password, now=clock()),
        sqlite_database.name,
        switcher,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def sign_in(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.ui.username.clear()
    qtbot.keyClicks(dialog.ui.username, username)
    qtbot.keyClicks(dialog.ui.password, password)
    qtbot.keyClick(dialog.ui.password, Qt.Key.Key_Return)


def test_enter_signs_in(qtbot, dialog: LoginDialog, anna: Actor) -> None:
    with qtbot.waitSignal(dialog.signedIn) as signal:
        sign_in(qtbot, dialog, "Anna", PASSWORD)
    assert signal.args[0].actor == anna
    assert dialog.signed_in is not None
    assert dialog.signed_in.actor == anna
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.ui.password.text() == ""  # not kept in memory longer than needed


def test_a_wrong_password_is_told_and_the_username_kept(
    qtbot, dialog: LoginDialog, anna: Actor, clock: Clock
) -> None:
    with qtbot.waitSignal(dialog.refused) as signal:
        sign_in(qtbot, dialog, "anna", "wrong password")
    assert signal.args == [REFUSED]
    assert dialog.message() == REFUSED
    assert dialog.isVisible()
    assert dialog.signed_in is None
    assert dialog.ui.username.text() == "anna"
    assert dialog.ui.password.text() == ""
    assert dialog.ui.password.hasFocus()
    # At once again: slowed down, with the time to wait.
    sign_in(qtbot, dialog, "anna", PASSWORD)
    assert dialog.message() == REFUSED
    assert dialog.signed_in is None
    clock.now += timedelta(seconds=1)
    sign_in(qtbot, dialog, "anna", PASSWORD)
    assert dialog.signed_in is not None


def test_an_unknown_user_gets_the_same_message(qtbot, dialog: LoginDialog) -> None:
    sign_in(qtbot, dialog, "nobody", PASSWORD)
    assert dialog.message() == REFUSED


def test_a_disabled_account_is_told(
    qtbot, dialog: LoginDialog, sqlite_database: Database, anna: Actor
) -> None:
    (account,) = [a for a in accounts.list_staff(sqlite_database, SYSTEM) if a.id == anna.user_id]
    accounts.set_active(sqlite_database, SYSTEM, account.id, False, account.version)
    sign_in(qtbot, dialog, "anna", PASSWORD)
    assert dialog.message() == "This account is disabled. Ask an administrator to enable it again."


def test_empty_fields_are_asked_for(qtbot, dialog: LoginDialog) -> None:
    qtbot.keyClick(dialog.ui.username, Qt.Key.Key_Return)
    assert dialog.message() == "Type your username and password."
    assert dialog.ui.username.hasFocus()


def test_the_form_is_keyboard_friendly(dialog: LoginDialog) -> None:
    assert dialog.windowTitle() == "Sign in to ExpatDesk"
    assert dialog.ui.username.hasFocus()
    assert dialog.ui.username.accessibleName() == "Username"
    assert dialog.ui.password.accessibleName() == "Password"
    assert dialog.ui.usernameLabel.buddy() is dialog.ui.username
    assert dialog.ui.passwordLabel.buddy() is dialog.ui.password
    assert dialog.nextInFocusChain() is not None
    assert dialog.ui.password.echoMode() == dialog.ui.password.EchoMode.Password
    assert dialog.ui.introLabel.text() == (
        f"Sign in to {dialog._database_name} with your ExpatDesk username and password."
    )


def test_a_given_username_moves_the_focus_to_the_password(qtbot, sqlite_database: Database) -> None:
    dialog = LoginDialog(
        lambda name, password: signing.sign_in(sqlite_database, name, password),
        sqlite_database.name,
        username="marieke",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.ui.password.hasFocus)
    assert not dialog.ui.englishButton.isVisible()  # no switcher, no language buttons


def test_the_language_buttons_switch_the_language(
    qtbot, dialog: LoginDialog, switcher: LanguageSwitcher
) -> None:
    qtbot.mouseClick(dialog.ui.dutchButton, Qt.MouseButton.LeftButton)
    assert i18n.language() == "nl"
    assert switcher.language == "nl"
    qtbot.mouseClick(dialog.ui.englishButton, Qt.MouseButton.LeftButton)
    assert i18n.language() == "en"
    assert dialog.ui.usernameLabel.text() == "&Username:"


def test_the_sign_in_button_keeps_its_name_in_both_languages(
    qtbot, sqlite_database: Database, switcher
) -> None:
    dialog = LoginDialog(
        lambda name, password: signing.sign_in(sqlite_database, name, password),
        sqlite_database.name,
        switcher,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.sign_in_button.text() == "&Sign in"
    qtbot.mouseClick(dialog.ui.dutchButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ui.introLabel.text().startswith("Log in"))
    assert dialog.sign_in_button.text() == "&Inloggen"
    assert dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Cancel).text() == (
        "Annuleren"
    )
    qtbot.mouseClick(dialog.ui.englishButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ui.introLabel.text().startswith("Sign in"))
    assert dialog.sign_in_button.text() == "&Sign in"
    assert dialog.sign_in_button.isDefault()
