"""The staff dialog: the list, new accounts, roles, disabling, passwords, the idle lock."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QWidget
from sqlalchemy import select

from expatdesk.accounts import idle
from expatdesk.accounts import sign_in as signing
from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import SYSTEM, Actor
from expatdesk.common.changes import STAFF_CHANGED
from expatdesk.common.validation import FieldError, ValidationError
from expatdesk.db.database import Database
from expatdesk.db.models import StaffUser
from expatdesk.qt import msgbox
from expatdesk.qt.accounts.account_dialog import AccountDialog
from expatdesk.qt.accounts.idle_lock import IdleLock
from expatdesk.qt.accounts.password_dialog import PasswordDialog, change_own_password
from expatdesk.qt.accounts.staff_dialog import StaffDialog, open_staff_accounts
from expatdesk.qt.operations import change_bus, is_writing
from tests.unit.qt.desk_helpers import held

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
def answering(qtbot, monkeypatch: pytest.MonkeyPatch, dialogs: list[QDialog]):
    """``answering(fill)``: modal dialogs are filled by ``fill`` and accepted (boxes recorded)."""

    def install(fill: Callable[[QDialog], None]) -> None:
        def run(dialog: QDialog) -> int:
            dialogs.append(dialog)
            if isinstance(dialog, QMessageBox):
                return int(QMessageBox.StandardButton.Ok)
            fill(dialog)
            dialog.accept()
            qtbot.waitUntil(lambda: not is_writing(dialog))  # as the modal loop would
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
        qtbot.waitUntil(lambda: not form.is_saving())
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
    qtbot.waitUntil(lambda: not dialog.is_saving())
    assert dialog.selected().username == "erik"
    assert not dialog.selected().active
    assert dialog.ui.activeButton.text() == "&Enable"
    assert usernames(dialog)[-1] == "erik"  # disabled accounts last
    assert dialog.message() == "The account erik is disabled: it can no longer sign in."
    with pytest.raises(signing.AccountDisabledError):
        signing.authenticate(sqlite_database, "erik", PASSWORD)
    qtbot.mouseClick(dialog.ui.activeButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_saving())
    assert dialog.selected().active
    assert signing.authenticate(sqlite_database, "erik", PASSWORD).username == "erik"


def test_a_change_someone_made_meanwhile_is_refused_and_shown(
    qtbot, dialog: StaffDialog, sqlite_database: Database, admin: Actor, dialogs: list[QDialog]
) -> None:
    dialog.select_username("erik")
    shown = dialog.selected()
    accounts.change_role(sqlite_database, admin, shown.id, "desk_officer", shown.version)
    qtbot.mouseClick(dialog.ui.activeButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_saving())
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
        assert form.save_idle_lock()
        qtbot.waitUntil(lambda: not form.is_saving())

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


# --- off the GUI thread -----------------------------------------------------------------------


def assert_busy(form: QWidget, threads: list[int]) -> None:
    """The write runs in another thread; the form shows it is busy and takes no second one."""
    assert threads != [threading.get_ident()]
    assert is_writing(form)
    assert form.cursor().shape() == Qt.CursorShape.BusyCursor
    saving = form.findChild(QLabel, "savingLabel")
    assert saving is not None
    assert saving.isVisible()
    close = form.findChild(QDialogButtonBox).buttons()
    assert close != []
    assert not any(button.isEnabled() for button in close)


def test_a_new_account_is_created_off_the_gui_thread_while_its_form_is_busy(
    qtbot, dialog: StaffDialog, monkeypatch: pytest.MonkeyPatch, sqlite_database: Database
) -> None:
    release, threads = held(monkeypatch, accounts, "create_staff")
    forms: list[AccountDialog] = []

    def run(form: QDialog) -> int:
        assert isinstance(form, AccountDialog)
        forms.append(form)
        qtbot.addWidget(form)
        form.show()  # as the modal loop would
        qtbot.keyClicks(form.ui.username, "koen")
        qtbot.keyClicks(form.ui.displayName, "Koen Wessels")
        form.ui.password.setText("koen's password")
        form.ui.repeat.setText("koen's password")
        form.accept()
        qtbot.waitUntil(lambda: threads != [])
        assert_busy(form, threads)
        form.accept()  # not twice
        form.reject()  # nor closed meanwhile
        qtbot.keyClicks(form.ui.username, "x")
        assert form.ui.username.text() == "koen"
        assert form.isVisible()
        with qtbot.waitSignal(change_bus().changed) as announced:
            release.set()
        assert announced.args == [STAFF_CHANGED, form]
        qtbot.waitUntil(lambda: not form.is_saving())
        return int(form.result())

    monkeypatch.setattr(msgbox, "exec_dialog", run)
    with qtbot.waitSignal(dialog.changed):
        dialog.new_account()
    assert len(forms) == 1
    assert usernames(dialog) == ["erik", "koen", "marieke", "sanne"]
    assert signing.authenticate(sqlite_database, "koen", "koen's password").username == "koen"


def test_a_role_is_changed_off_the_gui_thread_while_the_dialog_is_busy(
    qtbot, dialog: StaffDialog, monkeypatch: pytest.MonkeyPatch, sqlite_database: Database
) -> None:
    release, threads = held(monkeypatch, accounts, "change_role")
    dialog.select_username("sanne")
    combo = dialog.ui.role
    combo.activated.emit(combo.findData("manager"))
    qtbot.waitUntil(lambda: threads != [])
    assert_busy(dialog, threads)
    dialog.reject()
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.changed), qtbot.waitSignal(change_bus().changed) as announced:
        release.set()
    assert announced.args == [STAFF_CHANGED, dialog]
    assert dialog.message() == "sanne is now: Manager."
    assert signing.authenticate(sqlite_database, "sanne", PASSWORD).role == "manager"


def test_disabling_runs_off_the_gui_thread(
    qtbot, dialog: StaffDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    release, threads = held(monkeypatch, accounts, "set_active")
    dialog.select_username("erik")
    qtbot.mouseClick(dialog.ui.activeButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: threads != [])
    assert_busy(dialog, threads)
    assert dialog.selected().active  # not yet
    with qtbot.waitSignal(dialog.changed):
        release.set()
    assert not dialog.selected().active


def test_the_idle_minutes_are_saved_off_the_gui_thread(
    qtbot, dialog: StaffDialog, monkeypatch: pytest.MonkeyPatch, sqlite_database: Database
) -> None:
    release, threads = held(monkeypatch, idle, "update_idle_lock_minutes")
    dialog.ui.idleMinutes.setValue(5)
    assert dialog.save_idle_lock()
    qtbot.waitUntil(lambda: threads != [])
    assert_busy(dialog, threads)
    assert not dialog.save_idle_lock()  # not twice
    bus = change_bus().changed
    with qtbot.assertNotEmitted(bus), qtbot.waitSignal(dialog.idleLockChanged) as signal:
        release.set()  # no view shows them: nothing announced
    assert signal.args == [5]
    assert idle.read_idle_lock_minutes(sqlite_database) == 5


def test_refused_idle_minutes_are_told(
    qtbot, dialog: StaffDialog, dialogs: list[QDialog], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> int:
        raise ValidationError([FieldError("idle_lock_minutes", "Between 1 and 240 minutes.")])

    monkeypatch.setattr(idle, "update_idle_lock_minutes", refuse)
    dialog.ui.idleMinutes.setValue(5)
    assert dialog.save_idle_lock()
    qtbot.waitUntil(lambda: not dialog.is_saving())
    (box,) = dialogs
    assert isinstance(box, QMessageBox)
    assert (box.windowTitle(), box.text()) == ("Staff accounts", "Between 1 and 240 minutes.")
    assert dialog.ui.idleMinutes.value() == 5
    assert dialog.message() == ""


def test_a_password_is_reset_off_the_gui_thread_while_its_form_is_busy(
    qtbot, dialog: StaffDialog, monkeypatch: pytest.MonkeyPatch, sqlite_database: Database
) -> None:
    release, threads = held(monkeypatch, accounts, "reset_password")

    def run(form: QDialog) -> int:
        assert isinstance(form, PasswordDialog)
        qtbot.addWidget(form)
        form.show()
        form.ui.newPassword.setText("a fresh password")
        form.ui.repeat.setText("a fresh password")
        form.accept()
        qtbot.waitUntil(lambda: threads != [])
        assert_busy(form, threads)
        form.reject()
        assert form.isVisible()
        with qtbot.assertNotEmitted(change_bus().changed):  # no view shows a password
            release.set()
            qtbot.waitUntil(lambda: not form.is_saving())
        return int(form.result())

    monkeypatch.setattr(msgbox, "exec_dialog", run)
    dialog.select_username("sanne")
    qtbot.mouseClick(dialog.ui.passwordButton, Qt.MouseButton.LeftButton)
    assert dialog.message() == "sanne has a new password."
    assert signing.authenticate(sqlite_database, "sanne", "a fresh password").username == "sanne"


# --- one's own password -----------------------------------------------------------------------


def test_ones_own_password_is_changed_off_the_gui_thread(
    qtbot, sqlite_database: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    release, threads = held(monkeypatch, accounts, "change_own_password")
    shown: list[QDialog] = []

    def run(form: QDialog) -> int:
        shown.append(form)
        if isinstance(form, QMessageBox):
            return int(QMessageBox.StandardButton.Ok)
        assert isinstance(form, PasswordDialog)
        qtbot.addWidget(form)
        form.show()
        assert form.ui.current.isVisibleTo(form)
        form.ui.current.setText(PASSWORD)
        form.ui.newPassword.setText("my new long password")
        form.ui.repeat.setText("my new long password")
        form.accept()
        qtbot.waitUntil(lambda: threads != [])
        assert_busy(form, threads)
        release.set()
        qtbot.waitUntil(lambda: not form.is_saving())
        return int(form.result())

    monkeypatch.setattr(msgbox, "exec_dialog", run)
    assert change_own_password(sqlite_database, admin, None)
    form, told = shown
    assert isinstance(told, QMessageBox)
    assert told.text() == "Your password was changed."
    assert form.ui.newPassword.text() == ""
    assert signing.authenticate(sqlite_database, "marieke", "my new long password").user_id == (
        admin.user_id
    )


def password_hash(database: Database, username: str) -> str:
    with database.reading() as session:
        return session.scalars(
            select(StaffUser.password_hash).where(StaffUser.username == username)
        ).one()


def test_a_wrong_current_password_is_shown_beside_it_and_the_rest_stays(
    qtbot, sqlite_database: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = password_hash(sqlite_database, "marieke")
    forms: list[PasswordDialog] = []

    def run(form: QDialog) -> int:
        assert isinstance(form, PasswordDialog)
        qtbot.addWidget(form)
        forms.append(form)
        form.ui.current.setText("not my password")
        form.ui.newPassword.setText("my new long password")
        form.ui.repeat.setText("my new long password")
        form.accept()
        qtbot.waitUntil(lambda: not form.is_saving())
        return int(form.result())

    monkeypatch.setattr(msgbox, "exec_dialog", run)
    assert not change_own_password(sqlite_database, admin, None)
    (form,) = forms
    assert form.error_text("current") == "This is not your current password."
    assert form.ui.current.text() == ""
    assert form.ui.newPassword.text() == "my new long password"
    assert password_hash(sqlite_database, "marieke") == before  # unchanged
