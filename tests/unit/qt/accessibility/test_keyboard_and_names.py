"""Every window and dialog, in both languages, walked as a keyboard and screen-reader user does
(issue 16, EN 301 549 / WCAG 2.1): every control named with its visible label in the name,
reached by Tab from the first focus without any control keeping Tab, and showing its focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from expatdesk.qt.employers.editor import ContactDialog
from tests.unit.qt.accessibility import walk
from tests.unit.qt.accessibility.catalogue import NAMES, Scene, opened

#: The offscreen platform cannot raise a window or grab the keyboard for a popup (the calendar).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_window_walk(scene: Scene, name: str, language: str) -> None:
    with opened(scene, name, language) as window:
        found = walk.problems(window)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_message_under_a_field_is_its_description_while_it_shows(
    qtbot, scene: Scene, language: str
) -> None:
    with opened(scene, "contact", language) as dialog:
        assert isinstance(dialog, ContactDialog)
        assert dialog.name.hasFocus()
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # OK with no name
        error = dialog.error_labels["name"]
        assert error.isVisible()
        assert error.text()
        assert walk.accessible_description(dialog.name) == error.text()
        assert walk.accessible_description(dialog.email) == ""
        qtbot.keyClicks(dialog.name, "Ingrid Bakker")
        qtbot.keyClicks(dialog.email, "not an address")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not error.isVisible())
        assert walk.accessible_description(dialog.name) == ""  # gone with the message
        email_error = dialog.error_labels["email"]
        assert email_error.isVisible()
        assert walk.accessible_description(dialog.email) == email_error.text()
