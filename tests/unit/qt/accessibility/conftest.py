"""The scene every window of the catalogue is opened on."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from expatdesk.db.database import Database
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.settings import Settings
from tests.unit.qt.accessibility.catalogue import Scene


@pytest.fixture
def scene(
    qtbot,
    sqlite_database: Database,
    settings: Settings,
    switcher: LanguageSwitcher,
    dialogs: list[QDialog],
):
    scene = Scene.make(qtbot, sqlite_database, settings, switcher, dialogs)
    yield scene
    scene.close()
