"""Every window and dialog, in both languages, walked as a keyboard and screen-reader user does
(issue 16, EN 301 549 / WCAG 2.1): every control named with its visible label in the name,
reached by Tab from the first focus without any control keeping Tab, and showing its focus."""

from __future__ import annotations

import pytest

from tests.unit.qt.accessibility import walk
from tests.unit.qt.accessibility.catalogue import NAMES, Scene, opened


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_window_walk(scene: Scene, name: str, language: str) -> None:
    with opened(scene, name, language) as window:
        found = walk.problems(window)
    assert not found, "\n".join(found)
