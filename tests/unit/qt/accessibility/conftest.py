"""The scene every window of the catalogue is opened on."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from expatdesk.db.database import Database
from expatdesk.qt.appearance import accessible
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.settings import Settings
from tests.unit.qt.accessibility.catalogue import Scene


@pytest.fixture
def scene(
    qapp: QApplication,
    qtbot,
    sqlite_database: Database,
    settings: Settings,
    switcher: LanguageSwitcher,
    dialogs: list[QDialog],
):
    ring = accessible.install(qapp)  # as expatdesk.qt.app.run() does
    scene = Scene.make(qtbot, sqlite_database, settings, switcher, dialogs)
    yield scene
    scene.close()
    ring.uninstall()
