"""Every window and dialog, in Dutch and in English: each visible text reaches 4.5:1 against its
background under a light, a dark and a high-contrast palette (switched while the window is open,
as a person's desktop may), and nothing is cut off with the text at 150% and 200%."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from expatdesk.qt.appearance import colours
from expatdesk.qt.background import jobs_running
from expatdesk.qt.operations import writes_running
from expatdesk.qt.widgets.record_model import list_pool
from tests.unit.qt.accessibility.catalogue import NAMES, Scene, opened
from tests.unit.qt.accessibility.measure import (
    PALETTES,
    SCREEN_HEIGHT,
    SCREEN_WIDTH,
    clipping_problems,
    contrast_problems,
    light,
)

#: The offscreen platform cannot raise a popup or grab the keyboard for it (the date calendar).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

LANGUAGES = ("nl", "en")
SCALES = (1.5, 2.0)


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[QApplication]:
    """The application's palette and font as they were, whatever the test did to them."""
    palette, font = QPalette(qapp.palette()), QFont(qapp.font())
    yield qapp
    qapp.setPalette(palette)
    qapp.setFont(font)


def settle(qtbot) -> None:
    """Let what is read in the background arrive (Home's dashboard, the rest of a list: a label's
    text then changes), then layouts and style sheets follow a change of text, palette or font.
    Measured before, a label could be caught between its new text and its new size."""

    def quiet() -> bool:
        return not (jobs_running() or writes_running() or list_pool().activeThreadCount())

    qtbot.waitUntil(quiet, timeout=10_000)
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(1)


def fit_to_screen(window: QWidget, qtbot) -> None:
    """Give the window at most the screen (not less than it needs)."""
    top = window.window()
    if not top.isFullScreen():
        top.resize(min(top.width(), SCREEN_WIDTH), min(top.height(), SCREEN_HEIGHT))
    settle(qtbot)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
def test_every_text_reads_under_each_palette(
    scene: Scene, restored: QApplication, qtbot, name: str, language: str
) -> None:
    with opened(scene, name, language) as window:
        found = {}
        for palette_name, palette in PALETTES.items():
            restored.setPalette(palette())
            settle(qtbot)
            problems = contrast_problems(window)
            if problems:
                found[palette_name] = problems
        restored.setPalette(light())
    assert not found, found


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
def test_nothing_is_cut_off_at_150_and_200_percent_text(
    scene: Scene, restored: QApplication, qtbot, name: str, language: str, scale: float
) -> None:
    """The text size is the person's setting when the window opens (as when the app starts)."""
    normal = QFont(restored.font())
    larger = QFont(normal)
    larger.setPointSizeF(normal.pointSizeF() * scale)
    restored.setFont(larger)
    with opened(scene, name, language) as window:
        settle(qtbot)
        fit_to_screen(window, qtbot)
        problems = clipping_problems(window)
    restored.setFont(normal)
    assert not problems, problems


# --- the measures catch what they are for ------------------------------------------------------


def test_a_fixed_colour_is_caught_and_a_role_colour_follows_the_palette(
    qtbot, restored: QApplication
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    fixed = QLabel("Fixed: the form's old error colour", window)
    fixed.setStyleSheet("color: #A33A00; font-weight: bold;")
    role = QLabel("Role: the error colour of the palette", window)
    colours.paint(role, colours.Role.ERROR)
    layout.addWidget(fixed)
    layout.addWidget(role)
    window.show()
    qtbot.waitExposed(window)
    restored.setPalette(PALETTES["dark"]())
    settle(qtbot)
    problems = contrast_problems(window)
    assert len(problems) == 1, problems
    assert "Fixed" in problems[0]
    on_dark = role.palette().color(QPalette.ColorRole.WindowText)
    restored.setPalette(PALETTES["high-contrast"]())
    settle(qtbot)
    on_black = role.palette().color(QPalette.ColorRole.WindowText)
    assert on_black != on_dark
    assert colours.contrast(on_black, QColor("black")) >= 4.5
    restored.setPalette(light())
    settle(qtbot)
    on_light = role.palette().color(QPalette.ColorRole.WindowText)
    assert colours.contrast(on_light, light().color(QPalette.ColorRole.Window)) >= 4.5
    assert on_light.lightness() < on_dark.lightness()


def test_a_cut_label_is_caught(qtbot, restored: QApplication) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    label = QLabel("A text much longer than the room it was given", window)
    label.setFixedWidth(60)
    window.show()
    qtbot.waitExposed(window)
    problems = clipping_problems(window)
    assert len(problems) == 1, problems
    assert "60 wide" in problems[0]
