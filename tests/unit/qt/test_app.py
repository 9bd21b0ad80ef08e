"""Starting the app: the database, the language, errors shown, nothing blocking."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy.engine import URL

from expatdesk import i18n
from expatdesk.config import config_dir
from expatdesk.db.database import Database, parse_url
from expatdesk.qt import app as app_module
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


def test_run_shows_the_main_window_and_names_the_app(
    qapp, sqlite_database: Database, seen: list[MainWindow], dialogs: list[QDialog]
) -> None:
    url: URL = sqlite_database.url
    assert app_module.run(url, language=None) == 0
    (window,) = seen
    assert window.windowTitle() == f"ExpatDesk — {sqlite_database.name}"
    assert not window.isVisible()  # closed when the loop ended
    assert dialogs == []
    assert qapp.applicationName() == "ExpatDesk"
    assert qapp.organizationName() == "ExpatDesk"
    assert (config_dir() / "settings.ini").exists()


def test_run_uses_the_remembered_language(
    qapp, sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
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
