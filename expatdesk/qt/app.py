"""Starting the desktop app: the application object, the language, the database, the window."""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from expatdesk import __version__, i18n, started
from expatdesk.accounts import idle
from expatdesk.accounts import sign_in as signing
from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import SYSTEM
from expatdesk.accounts.sign_in import SignedIn
from expatdesk.config import config_dir
from expatdesk.db.database import Database, open_database
from expatdesk.db.engine import describe
from expatdesk.db.url import DatabaseUrl
from expatdesk.errors import MissingDatabaseError, UserError
from expatdesk.i18n import _
from expatdesk.qt import msgbox
from expatdesk.qt.appearance import accessible, colours
from expatdesk.qt.background import collect_garbage_in_gui_thread
from expatdesk.qt.errors import reporting_errors
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.main_window import APP_NAME, MainWindow
from expatdesk.qt.settings import Settings

log = logging.getLogger(__name__)

#: The app's icon (also the packages' icon: resources/packaging/expatdesk.spec).
ICON = Path(__file__).resolve().parents[2] / "resources" / "icons" / "expatdesk.png"


def coerce_c_locale(environ: MutableMapping[str, str] | None = None) -> None:
    """Use C.UTF-8 where the environment names no locale (``env -i``, a service), on Linux.

    Qt needs a UTF-8 locale and otherwise switches to C.UTF-8 itself, with four lines of warning
    on stderr. The ``python`` program does the same quietly (PEP 538), but the frozen build starts
    Python without it; this does it for both, before Qt starts.
    """
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return
    named = environ.get("LC_ALL") or environ.get("LC_CTYPE") or environ.get("LANG") or "C"
    if named in ("C", "POSIX"):
        environ["LC_CTYPE"] = "C.UTF-8"


def application() -> QApplication:
    """The process's QApplication, made on first use, with ExpatDesk's name, its selections
    drawn on a highlight their text reads on
    (:func:`~expatdesk.qt.appearance.colours.read_selections`).

    From now on only the GUI thread collects reference cycles: the lists, jobs and writes run
    Python in worker threads (:func:`~expatdesk.qt.background.collect_garbage_in_gui_thread`).
    """
    existing = QApplication.instance()
    if existing is None:
        coerce_c_locale()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(ICON)))
    colours.read_selections(app)
    collect_garbage_in_gui_thread(app)
    return app


def choose_language(given: str | None, settings: Settings) -> str:
    """The language asked for, else the one chosen last time, else the system's."""
    if given in i18n.LANGUAGES:
        assert given is not None
        return given
    return settings.language or i18n.default_language()


def open_or_offer_to_create(url: DatabaseUrl, *, create: bool) -> Database | None:
    """Open the SQLite database at ``url``; where there is none, offer to create it.

    ``create`` (the first start on the default data folder) creates it without asking. ``None``
    when the user declines; nothing is created then.
    """
    try:
        return open_database(url, create=create, check_beside=True)
    except MissingDatabaseError as missing:
        from expatdesk.qt.widgets.record_editor import confirm

        question = "\n\n".join(
            (
                _("There is no ExpatDesk database at {path}.").format(path=missing.place),
                _("Create a new, empty database there?"),
            )
        )
        if not confirm(None, APP_NAME, question, _("Create database")):
            return None
    return open_database(url, create=True, check_beside=True)


def sign_in(
    url: DatabaseUrl, switcher: LanguageSwitcher, *, create: bool = False
) -> SignedIn | None:
    """Open the database and sign in; ``None`` when the user gave up (cancelled a dialog).

    Raises :class:`UserError` when the database cannot be opened.

    SQLite: open (and migrate) the file; a new database first asks for its first administrator;
    then the login dialog checks the username and password. PostgreSQL: the login dialog
    connects as the staff member's own database role; the owner of a database without staff
    signs in once to create the first administrator, who then signs in.
    """
    username = ""
    if url.get_backend_name() == "sqlite":
        opened = open_or_offer_to_create(url, create=create)
        if opened is None:
            return None
        database = opened
        if database.backup_path:
            log.info("backup before migrating: %s", database.backup_path)
        if accounts.needs_first_administrator(database):
            from expatdesk.qt.accounts.first_admin_dialog import FirstAdminDialog

            first = FirstAdminDialog(database)
            if msgbox.exec_dialog(first) != QDialog.DialogCode.Accepted:
                database.dispose()
                return None
            assert first.administrator is not None
            username = first.administrator.username
        target: Database | DatabaseUrl = database
    else:
        database = None
        target = url
        username = url.username or ""
    from expatdesk.qt.accounts.login_dialog import LoginDialog  # as every dialog, when shown

    while True:
        login = LoginDialog(
            lambda name, password: signing.sign_in(target, name, password),
            describe(url.set(username=None, password=None)) if database is None else database.name,
            switcher,
            username=username,
            postgres=database is None,
        )
        if msgbox.exec_dialog(login) != QDialog.DialogCode.Accepted or login.signed_in is None:
            if database is not None:
                database.dispose()
            return None
        signed_in = login.signed_in
        if not signed_in.first_administrator_needed:
            return signed_in
        from expatdesk.qt.accounts.first_admin_dialog import FirstAdminDialog

        first = FirstAdminDialog(signed_in.database)
        accepted = msgbox.exec_dialog(first) == QDialog.DialogCode.Accepted
        signed_in.database.dispose()
        if not accepted or first.administrator is None:
            return None
        username = first.administrator.username  # now the administrator signs in


def open_main_window(
    url: DatabaseUrl,
    settings: Settings,
    switcher: LanguageSwitcher,
    signed_in: SignedIn | None = None,
) -> MainWindow | None:
    """Show the main window for the signed-in staff member; ``None`` after showing why not.

    Without ``signed_in`` (benchmarks) the database at ``url`` is opened and the window acts as
    the system, without the idle lock.
    """
    if signed_in is None:
        try:
            database = open_database(url, check_beside=True)
        except UserError as error:
            msgbox.error(None, APP_NAME, str(error))
            return None
        window = MainWindow(database, settings, switcher, SYSTEM)
    else:
        from expatdesk.qt.accounts.idle_lock import IdleLock

        database, actor = signed_in.database, signed_in.actor
        window = MainWindow(database, settings, switcher, actor)
        IdleLock(database, actor, idle.read_idle_lock_minutes(database), window)
    window.show()
    QTimer.singleShot(0, started)  # once the event loop runs
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


def run(url: DatabaseUrl, language: str | None = None, *, create: bool = False) -> int:
    """Run the desktop app on the database at ``url``; returns the exit status.

    ``create``: a missing database is created (the default data folder); otherwise the app
    offers to create it and quits when the user declines.
    """
    app = application()
    ring = accessible.install(app)
    settings = Settings.open(config_dir())
    switcher = LanguageSwitcher(app, settings)
    switcher.apply(choose_language(language, settings))
    try:
        while True:  # until the staff member quits rather than signs out
            try:
                signed_in = sign_in(url, switcher, create=create)
            except UserError as error:
                msgbox.error(None, APP_NAME, str(error))
                return error.exit_code
            if signed_in is None:
                return 0  # the user cancelled
            create = False  # the database is there now
            window = open_main_window(url, settings, switcher, signed_in)
            if window is None:  # pragma: no cover - a signed-in database is open
                return UserError.exit_code
            try:
                with closing_on_interrupt(app), reporting_errors(window.window):
                    code = exec_application(app)
                signed_out = window.signed_out
            finally:
                from expatdesk.qt.accounts.idle_lock import IdleLock  # made on signing in

                lock = window.findChild(IdleLock)
                if lock is not None:
                    lock.uninstall()
                if window.isVisible():
                    window.close()
                window.database.dispose()
                window.deleteLater()
            if not signed_out:
                return code
            log.info("signed out; asking who signs in")
    finally:
        switcher.uninstall()
        ring.uninstall()
        settings.sync()
