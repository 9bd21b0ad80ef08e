"""The catalogue of windows opens every one of them, and misses no dialog of the app."""

from __future__ import annotations

import pytest

from tests.unit.qt.accessibility.catalogue import CATALOGUE, NAMES, Scene, opened, uncatalogued

#: The offscreen platform cannot raise a window or grab the keyboard for a popup (the calendar).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_every_dialog_class_of_the_app_is_in_the_catalogue() -> None:
    missing = sorted(f"{cls.__module__}.{cls.__name__}" for cls in uncatalogued())
    assert not missing, f"add these dialogs to tests/unit/qt/accessibility/catalogue.py: {missing}"


def test_the_names_are_unique() -> None:
    assert len(set(NAMES)) == len(CATALOGUE)


@pytest.mark.parametrize("name", NAMES)
def test_each_window_opens(scene: Scene, name: str) -> None:
    with opened(scene, name, "nl") as widget:
        assert widget.isVisible()
        assert widget.window().isActiveWindow()
