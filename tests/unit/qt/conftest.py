"""Fixtures for the GUI tests: settings in a temporary folder, translators that are removed
again, modal dialogs that never block, and a main window on the sample records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QDialog

from expatdesk.accounts.actor import SYSTEM
from expatdesk.db.database import Database
from expatdesk.qt import msgbox
from expatdesk.qt.background import collect_garbage_anywhere, collect_garbage_in_gui_thread
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.main_window import MainWindow
from expatdesk.qt.settings import Settings
from expatdesk.qt.widgets.record_model import list_pool
from tests.helpers.sample import Sample, add_sample


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Remember the test after this one: ``gui_thread_garbage`` hands collection back to Python
    only where the GUI tests end."""
    _next_item[:] = [nextitem]
    return (yield)


_next_item: list[pytest.Item | None] = [None]


@pytest.fixture(autouse=True)
def gui_thread_garbage(qapp: QApplication) -> Iterator[None]:
    """As in the app, only the GUI thread collects reference cycles (expatdesk.qt.background);
    where the GUI tests end, Python's own collector takes over again, once no worker runs.

    Each GUI test's closed windows are deleted at its end. Handing collection back collects
    every generation: 0.2 s after each GUI test, 1-2 s after the rest of the suite (that was 25
    minutes of a CI run), so it is done only where a test outside the GUI's comes next.

    A worker still running 30 s after the GUI tests fails the last of them; the later ones do
    not wait for it again (the GUI thread's collector stays on, which is safe)."""
    collect_garbage_in_gui_thread(qapp)
    yield
    # pytest-qt closed the test's windows with deleteLater(), which no event loop has done yet:
    # the next test's first wait would delete them, in the middle of that test, and until then
    # they keep their databases and the engines' statement caches (2,000 objects a test).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    following = _next_item[0]
    if _stuck or (following is not None and "gui_thread_garbage" in following.fixturenames):
        return
    if not collect_garbage_anywhere(list_pool()):
        _stuck.append(True)
        pytest.fail("a worker thread still runs 30 s after the test")


_stuck: list[bool] = []


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    """The dialogs that would have run modally, in order; none of them blocks."""
    shown: list[QDialog] = []

    def record(dialog: QDialog) -> int:
        shown.append(dialog)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(msgbox, "exec_dialog", record)
    return shown


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.open(tmp_path / "settings")


@pytest.fixture
def switcher(qapp: QApplication, settings: Settings) -> Iterator[LanguageSwitcher]:
    switcher = LanguageSwitcher(qapp, settings)
    switcher.apply("en")
    yield switcher
    switcher.uninstall()


@pytest.fixture
def sample(sqlite_database: Database) -> Sample:
    return add_sample(sqlite_database)


@pytest.fixture
def window(
    qtbot, sqlite_database: Database, sample: Sample, settings: Settings, switcher
) -> MainWindow:
    window = MainWindow(sqlite_database, settings, switcher, SYSTEM)
    qtbot.addWidget(window)
    window.show()
    return window
