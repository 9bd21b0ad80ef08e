"""The self-test's window check: the main window opens offscreen, in Dutch and in English.

Run by ``expatdesk selftest`` after the core's checks (:mod:`expatdesk.selftest`). It uses the
offscreen platform unless a platform was chosen, and settings in the self-test's own folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)

from expatdesk import i18n
from expatdesk.db.database import Database
from expatdesk.i18n import N_, _
from expatdesk.selftest import Check, SelfTestFailure

#: The File menu's title in each language: from our catalog; Cancel: from Qt's own translations.
EXPECTED = {
    "nl": {"menu": "&Bestand", "qt": "Annuleren"},
    "en": {"menu": "&File", "qt": "Cancel"},
}


def window_check(folder: Path) -> Check:
    """A check that opens the main window on the self-test database in both languages."""

    def check_window(database: Database) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from expatdesk.accounts.actor import SYSTEM
        from expatdesk.qt.app import application
        from expatdesk.qt.background import collect_garbage_anywhere
        from expatdesk.qt.language import LanguageSwitcher
        from expatdesk.qt.main_window import MainWindow
        from expatdesk.qt.settings import Settings
        from expatdesk.qt.widgets.record_model import list_pool

        app = application()
        settings = Settings.open(folder / "settings")
        switcher = LanguageSwitcher(app, settings)
        window = None
        language_before = i18n.language()
        warnings: list[str] = []
        # found in either language, told afterwards in the user's: (message, its values)
        problems: list[tuple[str, dict[str, str]]] = []
        previous = qInstallMessageHandler(_collecting(warnings))
        try:
            for language, expected in EXPECTED.items():
                switcher.apply(language)
                if window is None:
                    window = MainWindow(database, settings, switcher, SYSTEM)
                    window.show()
                app.processEvents()
                menu = window.ui.menuFile.title()
                if menu != expected["menu"]:
                    problems.append(
                        (
                            N_("in {language} the File menu reads {menu!r}"),
                            {"language": language, "menu": menu},
                        )
                    )
                cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
                if cancel != expected["qt"]:
                    problems.append(
                        (
                            N_("Qt's own {language} translation gives {cancel!r}"),
                            {"language": language, "cancel": cancel},
                        )
                    )
                if window.grab().isNull():
                    problems.append(
                        (N_("the main window did not paint in {language}"), {"language": language})
                    )
            if warnings:
                problems.append((N_("Qt warned: {warnings}"), {"warnings": " | ".join(warnings)}))
        finally:
            if window is not None:
                window.close()
                window.deleteLater()
            switcher.uninstall()
            i18n.set_language(language_before)
            # gone before the database is: a window left over would still answer a language change
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            qInstallMessageHandler(previous)
            collect_garbage_anywhere(list_pool())  # the other checks have no Qt
        if problems:
            raise SelfTestFailure("; ".join(_(text).format(**values) for text, values in problems))

    return check_window


#: What the offscreen platform says about itself, not about ExpatDesk (no window manager).
HARMLESS = ("This plugin does not support propagateSizeHints",)


def _collecting(warnings: list[str]) -> Callable[[QtMsgType, QMessageLogContext, str], None]:
    """A Qt message handler that keeps warnings (a self-test fails on them) and drops the rest."""

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        del context
        quiet = kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg)
        if not quiet and not message.startswith(HARMLESS):
            warnings.append(message)

    return handle
