"""Starting the desktop app: the application object, the language, the database, the window."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy.engine import URL

from expatdesk import __version__, i18n
from expatdesk.config import config_dir
from expatdesk.db.database import open_database
from expatdesk.errors import UserError
from expatdesk.qt import msgbox
from expatdesk.qt.errors import reporting_errors
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.main_window import APP_NAME, MainWindow
from expatdesk.qt.settings import Settings
from expatdesk.services.actor import SYSTEM

log = logging.getLogger(__name__)


def application() -> QApplication:
    """The process's QApplication, made on first use, with ExpatDesk's name."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def choose_language(given: str | None, settings: Settings) -> str:
    """The language asked for, else the one chosen last time, else the system's."""
    if given in i18n.LANGUAGES:
        assert given is not None
        return given
    return settings.language or i18n.default_language()


def open_main_window(url: URL, settings: Settings, switcher: LanguageSwitcher) -> MainWindow | None:
    """Open the database and show the main window on it; ``None`` after showing why not."""
    try:
        database = open_database(url)
    except UserError as error:
        msgbox.error(None, APP_NAME, str(error))
        return None
    if database.backup_path:
        log.info("backup before migrating: %s", database.backup_path)
    window = MainWindow(database, settings, switcher, SYSTEM)
    window.show()
    return window


@contextmanager
def closing_on_interrupt(app: QApplication) -> Iterator[None]:
    """Ctrl+C in the terminal closes the windows, as the window's Quit does.

    Python runs signal handlers only between its own instructions; a timer lets it look in
    while Qt's event loop runs.
    """
    if not hasattr(signal, "SIGINT"):  # pragma: no cover
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda _signal, _frame: app.closeAllWindows())
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)
    try:
        yield
    finally:
        timer.stop()
        timer.deleteLater()
        signal.signal(signal.SIGINT, previous)


def exec_application(app: QApplication) -> int:
    """Run the event loop until the last window closes. Tests replace it."""
    return app.exec()


def run(url: URL, language: str | None = None) -> int:
    """Run the desktop app on the database at ``url``; returns the exit status."""
    app = application()
    settings = Settings.open(config_dir())
    switcher = LanguageSwitcher(app, settings)
    switcher.apply(choose_language(language, settings))
    try:
        window = open_main_window(url, settings, switcher)
        if window is None:
            return UserError.exit_code
        try:
            with closing_on_interrupt(app), reporting_errors(lambda: window):
                return exec_application(app)
        finally:
            if window.isVisible():
                window.close()
            window.database.dispose()
            window.deleteLater()
    finally:
        switcher.uninstall()
        settings.sync()
