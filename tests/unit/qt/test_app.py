"""Starting the app: the database, the language, errors shown, nothing blocking."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy.engine import URL

from expatdesk import i18n
from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import SYSTEM
from expatdesk.config import config_dir
from expatdesk.db.database import Database
from expatdesk.db.engine import parse_url
from expatdesk.qt import app as app_module
from expatdesk.qt import msgbox
from expatdesk.qt.accounts.first_admin_dialog import FirstAdminDialog
from expatdesk.qt.accounts.idle_lock import IdleLock
from expatdesk.qt.accounts.login_dialog import LoginDialog
from expatdesk.qt.appearance.accessible import FocusRing
from expatdesk.qt.main_window import MainWindow
from expatdesk.qt.settings import Settings


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[MainWindow]:
    """Runs the app without an event loop; the windows shown while it would have run."""
    windows: list[MainWindow] = []

    def no_loop(app: QApplication) -> int:
        windows.extend(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        windows[:] = [w for w in windows if w.isVisible()]
        return 0

    monkeypatch.setattr(app_module, "exec_application", no_loop)
    return windows


def test_a_bad_database_is_reported_and_exits_with_1(
    qapp, tmp_path: Path, dialogs: list[QDialog], seen: list[MainWindow]
) -> None:
    bad = tmp_path / "not-a-database.sqlite3"
    bad.write_text("this is no SQLite file\n" * 100)
    assert app_module.run(parse_url(str(bad)), language="en") == 1
    (box,) = dialogs
    assert isinstance(box, QMessageBox)
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.windowTitle() == "ExpatDesk"
    assert str(bad) in box.text()
    assert seen == []


def test_a_named_database_that_does_not_exist_is_offered_and_not_created_on_no(
    qapp, tmp_path: Path, dialogs: list[QDialog], seen: list[MainWindow]
) -> None:
    typo = tmp_path / "centre" / "expatdsk.sqlite3"
    assert app_module.run(parse_url(str(typo)), language="en") == 0
    (question,) = dialogs
    assert isinstance(question, QMessageBox)
    assert question.text().startswith(f"There is no ExpatDesk database at {typo}.")
    assert question.text().endswith("Create a new, empty database there?")
    assert question.escapeButton() is question.defaultButton()  # Esc and Enter: don't create
    assert not typo.parent.exists()
    assert seen == []


def test_the_offer_to_create_a_database_makes_it_when_accepted(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seen: list[MainWindow]
) -> None:
    shown: list[QDialog] = []

    def create_then_cancel(dialog: QDialog) -> int:
        shown.append(dialog)
        if isinstance(dialog, QMessageBox):
            (create,) = [b for b in dialog.buttons() if b.text() == "Create database"]
            create.click()
            return 0
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(msgbox, "exec_dialog", create_then_cancel)
    new = tmp_path / "centre" / "desk.sqlite3"
    assert app_module.run(parse_url(str(new)), language="en") == 0
    assert [type(dialog) for dialog in shown] == [QMessageBox, FirstAdminDialog]
    assert new.exists()


def test_the_default_database_is_created_without_asking(
    qapp, tmp_path: Path, dialogs: list[QDialog], seen: list[MainWindow]
) -> None:
    first_start = tmp_path / "data" / "expatdesk.sqlite3"
    assert app_module.run(parse_url(str(first_start)), language="en", create=True) == 0
    assert [type(dialog) for dialog in dialogs] == [FirstAdminDialog]
    assert first_start.exists()


ADMIN_PASSWORD = "a long password"


@pytest.fixture
def signing_in(qtbot, monkeypatch: pytest.MonkeyPatch, dialogs: list[QDialog]) -> list[QDialog]:
    """The first administrator and login dialogs are filled in and accepted (and recorded)."""

    def run(dialog: QDialog) -> int:
        dialogs.append(dialog)
        if isinstance(dialog, FirstAdminDialog):
            dialog.ui.username.setText("marieke")
            dialog.ui.displayName.setText("Marieke Lansink")
            dialog.ui.password.setText(ADMIN_PASSWORD)
            dialog.ui.repeat.setText(ADMIN_PASSWORD)
        elif isinstance(dialog, LoginDialog):
            if not dialog.ui.username.text():
                dialog.ui.username.setText("marieke")
            dialog.ui.password.setText(ADMIN_PASSWORD)
        else:
            return int(QDialog.DialogCode.Rejected)
        dialog.accept()
        if isinstance(dialog, FirstAdminDialog):  # created off the GUI thread
            qtbot.waitUntil(lambda: not dialog.is_saving())
        return int(dialog.result())

    monkeypatch.setattr(msgbox, "exec_dialog", run)
    return dialogs


def test_run_asks_for_the_first_administrator_signs_in_and_shows_the_window(
    qapp,
    sqlite_database: Database,
    seen: list[MainWindow],
    signing_in: list[QDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url: URL = sqlite_database.url
    rings: list[bool] = []
    no_loop = app_module.exec_application

    def loop(app: QApplication) -> int:
        rings.append(app.findChild(FocusRing) is not None)
        return no_loop(app)

    monkeypatch.setattr(app_module, "exec_application", loop)
    assert app_module.run(url, language=None) == 0
    first, login = signing_in
    assert isinstance(first, FirstAdminDialog)
    assert isinstance(login, LoginDialog)
    assert login.ui.username.text() == "marieke"  # the administrator just made
    (window,) = seen
    assert window.actor.username == "marieke"
    assert window.actor.role == "administrator"
    lock = window.findChild(IdleLock)
    assert lock is not None
    assert lock.interval_ms == 15 * 60_000
    assert window.windowTitle() == f"ExpatDesk — {sqlite_database.name}"
    assert not window.isVisible()  # closed when the loop ended
    assert qapp.applicationName() == "ExpatDesk"
    assert qapp.organizationName() == "ExpatDesk"
    assert (config_dir() / "settings.ini").exists()
    assert rings == [True]  # the focus ring was on while the app ran …
    assert qapp.findChild(FocusRing) is None  # … and went with it


def test_an_existing_database_only_asks_to_sign_in(
    qapp, sqlite_database: Database, seen: list[MainWindow], signing_in: list[QDialog]
) -> None:
    accounts.create_staff(
        sqlite_database, SYSTEM, "marieke", "Marieke", "desk_officer", ADMIN_PASSWORD
    )
    assert app_module.run(sqlite_database.url, language="en") == 0
    (login,) = signing_in
    assert isinstance(login, LoginDialog)
    (window,) = seen
    assert (window.actor.username, window.actor.role) == ("marieke", "desk_officer")


def test_cancelling_the_sign_in_ends_without_a_window(
    qapp, sqlite_database: Database, seen: list[MainWindow], dialogs: list[QDialog]
) -> None:
    accounts.create_staff(sqlite_database, SYSTEM, "anna", "Anna", "desk_officer", ADMIN_PASSWORD)
    assert app_module.run(sqlite_database.url, language="en") == 0
    (login,) = dialogs
    assert isinstance(login, LoginDialog)
    assert seen == []


def test_run_uses_the_remembered_language(
    qapp, sqlite_database: Database, monkeypatch: pytest.MonkeyPatch, signing_in
) -> None:
    Settings.open(config_dir()).language = "nl"
    languages: list[str] = []
    monkeypatch.setattr(
        app_module, "exec_application", lambda app: languages.append(i18n.language()) or 0
    )
    assert app_module.run(sqlite_database.url) == 0
    assert app_module.run(sqlite_database.url, language="en") == 0
    assert languages == ["nl", "en"]
    assert Settings.open(config_dir()).language == "nl"  # --lang is not a choice to remember


def test_ctrl_c_closes_the_windows(qtbot, qapp) -> None:
    import os
    import signal

    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    before = signal.getsignal(signal.SIGINT)
    with app_module.closing_on_interrupt(qapp):
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.wait_until(lambda: not widget.isVisible())
    assert signal.getsignal(signal.SIGINT) is before


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "C.UTF-8"),  # env -i
        ({"LANG": "C"}, "C.UTF-8"),
        ({"LC_ALL": "POSIX"}, "C.UTF-8"),
        ({"LANG": "nl_NL.UTF-8"}, None),  # a named locale is left alone
        ({"LC_CTYPE": "en_GB.UTF-8"}, "en_GB.UTF-8"),
    ],
)
def test_an_unnamed_locale_becomes_utf8_before_qt_starts(
    environment: dict[str, str], expected: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    app_module.coerce_c_locale(environment)
    assert environment.get("LC_CTYPE") == expected


def test_the_locale_is_left_to_the_system_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    environment: dict[str, str] = {}
    app_module.coerce_c_locale(environment)
    assert environment == {}


def test_sign_out_shows_the_sign_in_again_and_another_staff_member_works_on(
    qapp, sqlite_database: Database, monkeypatch: pytest.MonkeyPatch, dialogs: list[QDialog]
) -> None:
    accounts.create_staff(sqlite_database, SYSTEM, "anna", "Anna", "desk_officer", ADMIN_PASSWORD)
    accounts.create_staff(sqlite_database, SYSTEM, "bram", "Bram", "manager", ADMIN_PASSWORD)
    names = iter(["anna", "bram"])

    def log_in(dialog: QDialog) -> int:
        dialogs.append(dialog)
        if not isinstance(dialog, LoginDialog):
            return int(QDialog.DialogCode.Rejected)
        dialog.ui.username.setText(next(names))
        dialog.ui.password.setText(ADMIN_PASSWORD)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(msgbox, "exec_dialog", log_in)
    sessions: list[tuple[str, bool]] = []

    def work(app: QApplication) -> int:
        (window,) = [
            w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        sessions.append((window.actor.username, window.isVisible()))
        if len(sessions) == 1:
            window.ui.actionSignOut.trigger()  # Anna leaves the desk to Bram
            assert not window.isVisible()
        return 0

    monkeypatch.setattr(app_module, "exec_application", work)
    assert app_module.run(sqlite_database.url, language="en") == 0
    assert sessions == [("anna", True), ("bram", True)]
    assert [type(dialog) for dialog in dialogs] == [LoginDialog, LoginDialog]
    assert not [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
