"""Fixtures for the GUI tests: settings in a temporary folder, translators that are removed
again, modal dialogs that never block, and a main window on the sample records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
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


@pytest.fixture(autouse=True)
def gui_thread_garbage(qapp: QApplication) -> Iterator[None]:
    """As in the app, only the GUI thread collects reference cycles (expatdesk.qt.background);
    the tests outside the GUI's run with Python's own collector again, once no worker runs.

    A worker still running 30 s after its test fails that test; the later ones do not wait for
    it again (the GUI thread's collector stays on, which is safe)."""
    collect_garbage_in_gui_thread(qapp)
    yield
    if _stuck:
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
