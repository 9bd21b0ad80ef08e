"""The idle lock: covers the windows after the idle time, blocks input, keeps what was typed,
and opens again with the signed-in staff member's password only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import SYSTEM, Actor
from expatdesk.db.database import Database
from expatdesk.qt.accounts.idle_lock import IdleLock, LockOverlay

#: The one message of every refused unlock (the lock asks for a password only).
REFUSED = "Wrong password, or too many failed attempts: wait a moment and try again."

PASSWORD = "correct horse battery"


@pytest.fixture
def anna(sqlite_database: Database) -> Actor:
    made = accounts.create_staff(
        sqlite_database, SYSTEM, "anna", "Anna de Vries", "desk_officer", PASSWORD
    )
    return Actor(made.id, made.username, made.display_name, made.role)


class Window(QMainWindow):
    """A main window with a half-filled form and a shortcut."""

    def __init__(self) -> None:
        super().__init__()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.edit = QLineEdit("half typed", central)
        layout.addWidget(self.edit)
        self.setCentralWidget(central)
        self.saves = 0
        save = QAction("Save", self)
        save.setShortcut(QKeySequence("Ctrl+S"))
        save.triggered.connect(self._save)
        self.addAction(save)
        self.resize(640, 400)

    def _save(self) -> None:
        self.saves += 1


@pytest.fixture
def window(qtbot) -> Window:
    window = Window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.edit.setFocus()
    return window


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def lock(
    sqlite_database: Database, anna: Actor, window: Window, clock: Clock
) -> Iterator[IdleLock]:
    lock = IdleLock(sqlite_database, anna, 15, window, clock=clock)
    yield lock
    lock.uninstall()


def test_the_minutes_set_the_timer(lock: IdleLock) -> None:
    assert lock.interval_ms == 15 * 60_000
    lock.set_minutes(2)
    assert lock.interval_ms == 2 * 60_000
    assert 0 < lock.remaining_ms() <= 2 * 60_000
    assert not lock.is_locked()


def test_it_locks_after_the_idle_time(qtbot, lock: IdleLock, window: Window) -> None:
    lock.set_minutes(1, interval_ms=50)
    with qtbot.waitSignal(lock.locked, timeout=5000):
        pass
    overlay = lock.overlay()
    assert overlay is not None
    assert overlay.parentWidget() is window
    assert overlay.isVisible()
    assert overlay.geometry() == window.rect()
    assert overlay.title.text() == "ExpatDesk is locked"
    assert overlay.text.text().startswith("Anna de Vries (anna) is signed in.")
    assert window.edit.text() == "half typed"


def test_input_keeps_the_session_open(qtbot, lock: IdleLock, window: Window) -> None:
    lock.set_minutes(1)
    qtbot.wait_until(lambda: lock.remaining_ms() < 60_000 - 20, timeout=2000)
    before = lock.remaining_ms()
    qtbot.keyClick(window.edit, Qt.Key.Key_A)
    assert lock.remaining_ms() > before
    assert window.edit.text() == "half typeda"


def test_nothing_gets_through_while_locked(qtbot, lock: IdleLock, window: Window) -> None:
    lock.lock()
    qtbot.keyClicks(window.edit, "xyz")
    qtbot.mouseClick(window.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.edit.text() == "half typed"
    assert window.saves == 0
    window.resize(800, 500)
    qtbot.wait_until(lambda: lock.overlay().geometry() == window.rect())


def test_the_keyboard_alone_unlocks_and_tab_stays_on_the_cover(
    qtbot, lock: IdleLock, window: Window, clock: Clock
) -> None:
    lock.lock()
    overlay = lock.overlay()
    assert overlay is not None
    qtbot.wait_until(overlay.password.hasFocus)
    seen = []
    for key, modifier in [(Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)] * 5 + [
        (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    ] * 3:
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, key, modifier)
        seen.append(QApplication.focusWidget())
    # round and round the password and the button, never to the form under the cover
    assert seen == [overlay.button, overlay.password] * 2 + [overlay.button] + [
        overlay.password,
        overlay.button,
        overlay.password,
    ]
    assert window.edit.text() == "half typed"
    with qtbot.waitSignal(lock.unlocked):
        qtbot.keyClicks(overlay.password, PASSWORD)
        qtbot.keyClick(overlay.password, Qt.Key.Key_Return)
    assert window.edit.hasFocus()


def test_the_right_password_unlocks_and_everything_is_as_it_was(
    qtbot, lock: IdleLock, window: Window, clock: Clock
) -> None:
    lock.lock()
    overlay = lock.overlay()
    assert overlay is not None
    qtbot.wait_until(overlay.password.hasFocus)
    with qtbot.waitSignal(lock.refused) as refused:
        qtbot.keyClicks(overlay.password, "not my password")
        qtbot.keyClick(overlay.password, Qt.Key.Key_Return)
    assert refused.args == [REFUSED]
    assert overlay.message.text() == REFUSED
    assert overlay.password.text() == ""
    assert lock.is_locked()
    # At once again, even the right one: throttled like a sign-in.
    qtbot.keyClicks(overlay.password, PASSWORD)
    qtbot.keyClick(overlay.password, Qt.Key.Key_Return)
    assert overlay.message.text() == REFUSED
    assert lock.is_locked()
    clock.now += timedelta(seconds=1)
    with qtbot.waitSignal(lock.unlocked):
        qtbot.keyClicks(overlay.password, PASSWORD)
        qtbot.mouseClick(overlay.button, Qt.MouseButton.LeftButton)
    assert not lock.is_locked()
    assert lock.overlay() is None
    assert window.edit.text() == "half typed"
    qtbot.wait_until(window.edit.hasFocus)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.saves == 1
    assert lock.remaining_ms() > 0


def test_an_open_dialog_asks_for_the_password_and_keeps_its_form(
    qtbot, lock: IdleLock, window: Window
) -> None:
    dialog = QDialog(window)
    form = QLineEdit("a note being typed", dialog)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    lock.lock()
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    covers = window.findChildren(LockOverlay, options=direct) + dialog.findChildren(
        LockOverlay, options=direct
    )
    assert len(covers) == 2
    asking = lock.overlay()
    assert asking is not None
    assert asking.parentWidget() is dialog
    (other,) = [cover for cover in covers if cover is not asking]
    assert other.parentWidget() is window
    assert not other.password.isVisible()
    assert other.text.text() == "Unlock ExpatDesk in the window that asks for the password."
    qtbot.keyClicks(asking.password, PASSWORD)
    qtbot.keyClick(asking.password, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: not lock.is_locked())
    assert form.text() == "a note being typed"
    assert dialog.isVisible()


def test_no_lock_while_the_main_window_is_hidden_for_the_kiosk(
    qtbot, lock: IdleLock, window: Window
) -> None:
    window.hide()
    lock._idle()
    assert not lock.is_locked()
    assert lock.remaining_ms() > 0
