"""The staff dialog: the list, new accounts, roles, disabling, passwords, the idle lock."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from expatdesk.accounts import idle
from expatdesk.accounts import sign_in as signing
from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import SYSTEM, Actor
from expatdesk.db.database import Database
from expatdesk.qt import msgbox
from expatdesk.qt.accounts.account_dialog import AccountDialog
from expatdesk.qt.accounts.idle_lock import IdleLock
from expatdesk.qt.accounts.password_dialog import PasswordDialog
from expatdesk.qt.accounts.staff_dialog import StaffDialog, open_staff_accounts

PASSWORD = "correct horse battery"


def add(database: Database, username: str, role: str) -> Actor:
    made = accounts.create_staff(database, SYSTEM, username, username.title(), role, PASSWORD)
    return Actor(made.id, made.username, made.display_name, made.role)


@pytest.fixture
def admin(sqlite_database: Database) -> Actor:
    return add(sqlite_database, "marieke", "administrator")


@pytest.fixture
def dialog(qtbot, sqlite_database: Database, admin: Actor) -> StaffDialog:
    add(sqlite_database, "sanne", "desk_officer")
    add(sqlite_database, "erik", "manager")
    dialog = StaffDialog(sqlite_database, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def answering(monkeypatch: pytest.MonkeyPatch, dialogs: list[QDialog]):
    """``answering(fill)``: modal dialogs are filled by ``fill`` and accepted (boxes recorded)."""

    def install(fill: Callable[[QDialog], None]) -> None:
        def run(dialog: QDialog) -> int:
            dialogs.append(dialog)
            if isinstance(dialog, QMessageBox):
                return int(QMessageBox.StandardButton.Ok)
            fill(dialog)
            dialog.accept()
            return int(dialog.result())

        monkeypatch.setattr(msgbox, "exec_dialog", run)

    return install


def usernames(dialog: StaffDialog) -> list[str]:
    model = dialog.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_model_is_a_proper_qt_model(qtmodeltester, dialog: StaffDialog) -> None:
    qtmodeltester.check(dialog.model)


def test_the_accounts_are_listed(dialog: StaffDialog) -> None:
    assert usernames(dialog) == ["erik", "marieke", "sanne"]
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Username", "Name", "Role", "Status"]
    assert [model.index(0, c).data() for c in range(4)] == ["erik", "Erik", "Manager", "Active"]
    assert dialog.ui.idleMinutes.value() == 15


def test_one_cannot_change_or_disable_ones_own_account(dialog: StaffDialog) -> None:
    dialog.select_username("marieke")
    assert not dialog.ui.role.isEnabled()
    assert not dialog.ui.activeButton.isEnabled()
    assert dialog.ui.passwordButton.isEnabled()
    dialog.select_username("sanne")
    assert dialog.ui.role.isEnabled()
    assert dialog.ui.role.currentText() == "Desk officer"


def test_a_new_account(qtbot, dialog: StaffDialog, answering, sqlite_database: Database) -> None:
    def fill(form: QDialog) -> None:
        assert isinstance(form, AccountDialog)
        qtbot.keyClicks(form.ui.username, "koen")
        qtbot.keyClicks(form.ui.displayName, "Koen Wessels")
        form.ui.role.setCurrentIndex(form.ui.role.findData("manager"))
        qtbot.keyClicks(form.ui.password, "koen's password")
        qtbot.keyClicks(form.ui.repeat, "koen's password")

    answering(fill)
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.ui.newButton, Qt.MouseButton.LeftButton)
    assert usernames(dialog) == ["erik", "koen", "marieke", "sanne"]
    assert dialog.selected() is not None
    assert dialog.selected().username == "koen"
    assert dialog.message() == "The account koen was created."
    assert signing.authenticate(sqlite_database, "koen", "koen's password").role == "manager"


def test_a_refused_new_account_keeps_the_form_open(
    qtbot, dialog: StaffDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[AccountDialog] = []

    def run(form: QDialog) -> int:
        assert isinstance(form, AccountDialog)
        seen.append(form)
        form.ui.username.setText("sanne")
        form.ui.displayName.setText("Another Sanne")
        form.ui.password.setText(PASSWORD)
        form.ui.repeat.setText(PASSWORD)
        form.accept()
        return int(form.result())

    monkeypatch.setattr(msgbox, "exec_dialog", run)
    dialog.new_account()
    (form,) = seen
    assert form.error_text("username") == "There is an account with this username already."
    assert form.result() != QDialog.DialogCode.Accepted
    assert usernames(dialog) == ["erik", "marieke", "sanne"]


def test_changing_a_role(qtbot, dialog: StaffDialog, sqlite_database: Database) -> None:
    dialog.select_username("sanne")
    combo = dialog.ui.role
    with qtbot.waitSignal(dialog.changed):
        combo.activated.emit(combo.findData("manager"))
    assert dialog.selected().role == "manager"
    assert dialog.model.index(dialog.model.row_of(dialog.selected().id), 2).data() == "Manager"
    assert dialog.message() == "sanne is now: Manager."
    assert signing.authenticate(sqlite_database, "sanne", PASSWORD).role == "manager"


def test_disabling_and_enabling(qtbot, dialog: StaffDialog, sqlite_database: Database) -> None:
    dialog.select_username("erik")
    assert dialog.ui.activeButton.text() == "&Disable"
    qtbot.mouseClick(dialog.ui.activeButton, Qt.MouseButton.LeftButton)
    assert dialog.selected().username == "erik"
    assert not dialog.selected().active
    assert dialog.ui.activeButton.text() == "&Enable"
    assert usernames(dialog)[-1] == "erik"  # disabled accounts last
    assert dialog.message() == "The account erik is disabled: it can no longer sign in."
    with pytest.raises(signing.AccountDisabledError):
        signing.authenticate(sqlite_database, "erik", PASSWORD)
    qtbot.mouseClick(dialog.ui.activeButton, Qt.MouseButton.LeftButton)
    assert dialog.selected().active
    assert signing.authenticate(sqlite_database, "erik", PASSWORD).username == "erik"


def test_a_change_someone_made_meanwhile_is_refused_and_shown(
    qtbot, dialog: StaffDialog, sqlite_database: Database, admin: Actor, dialogs: list[QDialog]
) -> None:
    dialog.select_username("erik")
    shown = dialog.selected()
    accounts.change_role(sqlite_database, admin, shown.id, "desk_officer", shown.version)
    qtbot.mouseClick(dialog.ui.activeButton, Qt.MouseButton.LeftButton)
    (box,) = dialogs
    assert isinstance(box, QMessageBox)
    assert box.text().startswith("marieke changed this record on")
    assert dialog.selected().role == "desk_officer"  # read again
    assert dialog.selected().active


def test_resetting_a_password(
    qtbot, dialog: StaffDialog, answering, sqlite_database: Database
) -> None:
    def fill(form: QDialog) -> None:
        assert isinstance(form, PasswordDialog)
        assert form.ui.current.isHidden()
        assert form.windowTitle() == "Reset password"
        qtbot.keyClicks(form.ui.newPassword, "a fresh password")
        qtbot.keyClicks(form.ui.repeat, "a fresh password")

    answering(fill)
    dialog.select_username("sanne")
    qtbot.mouseClick(dialog.ui.passwordButton, Qt.MouseButton.LeftButton)
    assert dialog.message() == "sanne has a new password."
    assert signing.authenticate(sqlite_database, "sanne", "a fresh password").username == "sanne"


def test_the_idle_lock_minutes(qtbot, dialog: StaffDialog, sqlite_database: Database) -> None:
    dialog.ui.idleMinutes.setValue(5)
    with qtbot.waitSignal(dialog.idleLockChanged) as signal:
        qtbot.mouseClick(dialog.ui.idleSaveButton, Qt.MouseButton.LeftButton)
    assert signal.args == [5]
    assert idle.read_idle_lock_minutes(sqlite_database) == 5
    assert dialog.message() == "Sessions now lock after 5 idle minutes."


def test_opening_it_connects_the_idle_lock(
    qtbot, sqlite_database: Database, admin: Actor, answering
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    lock = IdleLock(sqlite_database, admin, 15, window)
    opened: list[StaffDialog] = []

    def fill(form: QDialog) -> None:
        assert isinstance(form, StaffDialog)
        opened.append(form)
        form.ui.idleMinutes.setValue(3)
        form.save_idle_lock()

    answering(fill)
    try:
        assert open_staff_accounts(sqlite_database, admin, window) is opened[0]
        assert lock.interval_ms == 3 * 60_000
    finally:
        lock.uninstall()


def test_others_are_told_they_may_not(
    sqlite_database: Database, admin: Actor, dialogs: list[QDialog]
) -> None:
    erik = add(sqlite_database, "erik", "manager")
    assert open_staff_accounts(sqlite_database, erik) is None
    (box,) = dialogs
    assert isinstance(box, QMessageBox)
    assert box.text() == "Only administrators may manage staff accounts."
