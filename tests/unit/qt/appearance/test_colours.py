"""Colours with a meaning: WCAG contrast, and every role readable on the light, dark and
high-contrast palettes, following a palette change while the app runs."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from expatdesk.qt.appearance import colours
from tests.unit.qt.accessibility.measure import PALETTES


def test_contrast_is_the_wcag_ratio() -> None:
    assert colours.contrast(QColor("white"), QColor("black")) == pytest.approx(21.0)
    assert colours.contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    assert colours.contrast(QColor("#A33A00"), QColor("#353535")) < 2.0  # the 1.5:1


@pytest.mark.parametrize("background", ["#ffffff", "#efefef", "#353535", "#000000", "#777777"])
def test_readable_moves_a_colour_until_it_reads(background: str) -> None:
    ground = QColor(background)
    moved = colours.readable(QColor("#A33A00"), ground)
    assert colours.contrast(moved, ground) >= 4.5
    if colours.contrast(QColor("#A33A00"), ground) >= colours.MINIMUM:
        assert moved == QColor("#A33A00")  # a colour that reads already stays as it is


@pytest.mark.parametrize("palette_name", list(PALETTES))
@pytest.mark.parametrize("role", list(colours.Role))
def test_every_role_reads_on_window_and_rows(
    qapp: QApplication, palette_name: str, role: colours.Role
) -> None:
    palette = PALETTES[palette_name]()
    on_window = colours.colour(role, palette)
    assert colours.contrast(on_window, palette.color(QPalette.ColorRole.Window)) >= 4.5
    on_rows = colours.colour(
        role, palette, QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase
    )
    for ground in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase):
        assert colours.contrast(on_rows, palette.color(ground)) >= 4.5


def test_painted_label_and_item_follow_a_palette_change(qtbot, qapp: QApplication) -> None:
    before = QPalette(qapp.palette())
    label = QLabel("Wrong code.")
    colours.paint(label, colours.Role.ERROR)
    tree = QTreeWidget()
    item = QTreeWidgetItem(tree, ["overdue"])
    colours.colour_item(tree, item, colours.Role.ALERT)
    for widget in (label, tree):
        qtbot.addWidget(widget)
        widget.show()
    try:
        for name, make in PALETTES.items():
            qapp.setPalette(make())
            window = qapp.palette().color(QPalette.ColorRole.Window)
            base = qapp.palette().color(QPalette.ColorRole.Base)
            qtbot.waitUntil(
                lambda window=window: (
                    colours.contrast(label.palette().color(QPalette.ColorRole.WindowText), window)
                    >= 4.5
                )
            )
            assert colours.contrast(item.foreground(0).color(), base) >= 4.5, name
            assert item.foreground(0).color() == colours.item_colour(tree, colours.Role.ALERT)
    finally:
        qapp.setPalette(before)


def test_a_kept_style_sheet_follows_the_palette(qtbot, qapp: QApplication) -> None:
    """A widget with a style sheet hears of no palette change itself: its parent's is heard."""
    before = QPalette(qapp.palette())
    parent = QWidget()
    child = QListWidget(parent)
    child.setObjectName("navigation")
    colours.keep_style(child, colours.navigation_style)
    qtbot.addWidget(parent)
    parent.show()
    try:
        dark = PALETTES["dark"]()
        qapp.setPalette(dark)
        window = dark.color(QPalette.ColorRole.Window).name()
        qtbot.waitUntil(lambda: f"background: {window}" in child.styleSheet())
    finally:
        qapp.setPalette(before)


def _selection_contrast(palette: QPalette, group: QPalette.ColorGroup) -> float:
    return colours.contrast(
        palette.color(group, QPalette.ColorRole.Highlight),
        palette.color(group, QPalette.ColorRole.HighlightedText),
    )


@pytest.mark.parametrize("palette_name", list(PALETTES))
def test_the_style_gives_every_palette_a_highlight_its_text_reads_on(
    qapp: QApplication, palette_name: str
) -> None:
    palette = PALETTES[palette_name]()
    before = QPalette(palette)
    colours.ReadableSelection("fusion").polish(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        assert _selection_contrast(palette, group) >= 4.5
        if _selection_contrast(before, group) >= colours.MINIMUM:  # e.g. black on yellow
            assert palette.color(group, QPalette.ColorRole.Highlight) == before.color(
                group, QPalette.ColorRole.Highlight
            )
    assert palette.color(QPalette.ColorRole.Window) == before.color(QPalette.ColorRole.Window)
    if palette_name == "light":  # Fusion's own: white on #308CC6 is 3.6:1
        assert _selection_contrast(before, QPalette.ColorGroup.Active) < 4.5


def test_the_application_draws_a_selected_row_on_the_readable_highlight(
    qtbot, qapp: QApplication
) -> None:
    previous = qapp.style().name()
    colours.read_selections(qapp)
    try:
        style = qapp.style()
        assert isinstance(style, colours.ReadableSelection)
        assert style.baseStyle().name() == previous  # the platform's own, its highlight moved
        colours.read_selections(qapp)
        assert qapp.style() is style  # once per application
        palette = qapp.palette()
        assert _selection_contrast(palette, QPalette.ColorGroup.Active) >= 4.5
        assert palette.color(QPalette.ColorRole.Base) == style.standardPalette().color(
            QPalette.ColorRole.Base
        )
        rows = QListWidget()
        qtbot.addWidget(rows)
        rows.addItems(["Anna", "José"])
        rows.setCurrentRow(0)
        rows.show()
        qtbot.waitExposed(rows)
        corner = rows.visualItemRect(rows.item(0)).bottomRight()
        drawn = rows.viewport().grab().toImage().pixelColor(corner.x() - 2, corner.y() - 2)
        group = (
            QPalette.ColorGroup.Active if rows.isActiveWindow() else QPalette.ColorGroup.Inactive
        )
        assert drawn.name() == rows.palette().color(group, QPalette.ColorRole.Highlight).name()
        assert (
            colours.contrast(drawn, palette.color(group, QPalette.ColorRole.HighlightedText)) >= 4.5
        )
    finally:
        qapp.setStyle(previous)
