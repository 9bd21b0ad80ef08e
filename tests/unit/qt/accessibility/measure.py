"""Measuring what a person sees in a window: the contrast of every visible text against what it is
drawn on, and text cut off after the text size was raised.

Contrast is measured two ways. Labels and buttons are measured on the rendered pixels: the window
is grabbed once and each widget's rectangle cut out of it; its background is the most common
colour there, its text the colour (of at least a few pixels: anti-aliased edges are mixtures and
never go beyond the glyph's own colour) that stands out most from it. Lists, tables, trees, their
headers, text fields and rich text views are measured on their effective colours: each cell's
foreground (its own brush or the view's text colour) against its row's background, each fragment
of a document against the view's base colour.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QImage, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QWidget,
)

from expatdesk.qt.appearance.colours import contrast

#: WCAG 1.4.3 for normal text.
MINIMUM = 4.5
#: At least this many pixels of a widget must reach a contrast for it to count as its text's.
TEXT_PIXELS = 4
#: The screen a window must fit: 1280×800, less a panel and the window's frame.
SCREEN_WIDTH, SCREEN_HEIGHT = 1280, 800
#: The rows of a list that are measured (the first ones; the others are alike).
ROWS = 40


def standard_dark() -> QPalette:
    """A common dark palette (the one of many Qt applications' "dark mode")."""
    palette = QPalette()
    window, base, text = QColor(53, 53, 53), QColor(35, 35, 35), QColor(255, 255, 255)
    role = QPalette.ColorRole
    for which, colour in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, window),
        (role.ToolTipBase, QColor(25, 25, 25)),
        (role.ToolTipText, text),
        (role.PlaceholderText, QColor(160, 160, 160)),
        (role.Text, text),
        (role.Button, window),
        (role.ButtonText, text),
        (role.BrightText, QColor(255, 0, 0)),
        (role.Link, QColor(42, 130, 218)),
        (role.Highlight, QColor(42, 130, 218)),
        (role.HighlightedText, QColor(35, 35, 35)),
        (role.Light, QColor(80, 80, 80)),
        (role.Midlight, QColor(66, 66, 66)),
        (role.Mid, QColor(40, 40, 40)),
        (role.Dark, QColor(25, 25, 25)),
        (role.Shadow, QColor(20, 20, 20)),
    ):
        palette.setColor(which, colour)
    grey = QColor(127, 127, 127)
    for which in (role.WindowText, role.Text, role.ButtonText, role.HighlightedText):
        palette.setColor(QPalette.ColorGroup.Disabled, which, grey)
    return palette


def high_contrast() -> QPalette:
    """A high-contrast palette: white on black, yellow highlights and links."""
    palette = QPalette()
    black, white, yellow = QColor(0, 0, 0), QColor(255, 255, 255), QColor(255, 255, 0)
    role = QPalette.ColorRole
    for which, colour in (
        (role.Window, black),
        (role.WindowText, white),
        (role.Base, black),
        (role.AlternateBase, QColor(20, 20, 20)),
        (role.ToolTipBase, black),
        (role.ToolTipText, yellow),
        (role.PlaceholderText, QColor(200, 200, 200)),
        (role.Text, white),
        (role.Button, black),
        (role.ButtonText, white),
        (role.BrightText, yellow),
        (role.Link, yellow),
        (role.LinkVisited, QColor(255, 200, 0)),
        (role.Highlight, yellow),
        (role.HighlightedText, black),
        (role.Light, white),
        (role.Midlight, QColor(200, 200, 200)),
        (role.Mid, QColor(160, 160, 160)),
        (role.Dark, white),
        (role.Shadow, white),
    ):
        palette.setColor(which, colour)
    grey = QColor(170, 170, 170)
    for which in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, which, grey)
    return palette


def light() -> QPalette:
    """The Fusion style's own palette."""
    style = QApplication.style()
    return style.standardPalette()


PALETTES = {"light": light, "dark": standard_dark, "high-contrast": high_contrast}


# --- walking a window --------------------------------------------------------------------------


def shown(window: QWidget) -> Iterator[QWidget]:
    """``window`` and its descendants that are visible, in no particular order."""
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.isVisible() and widget.window() is window.window():
            yield widget


def describe(widget: QWidget) -> str:
    names = []
    current: QWidget | None = widget
    while current is not None and len(names) < 3:
        names.append(current.objectName() or type(current).__name__)
        current = current.parentWidget()
    return "/".join(reversed(names))


def each_tab(window: QWidget) -> Iterator[str]:
    """Bring each page of each tab widget of ``window`` to the front in turn (yields its name);
    the first page is current again afterwards."""
    yield ""
    for tabs in window.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            if index != current and tabs.isTabEnabled(index) and tabs.isTabVisible(index):
                tabs.setCurrentIndex(index)
                QApplication.processEvents()
                yield f"{tabs.objectName()}[{tabs.tabText(index)}]"
        tabs.setCurrentIndex(current)
        QApplication.processEvents()


# --- contrast ----------------------------------------------------------------------------------


def _pixels(image: QImage, rect: QRect) -> np.ndarray:
    part = image.copy(rect).convertToFormat(QImage.Format.Format_RGB32)
    if rect.isEmpty() or part.isNull():
        return np.zeros(0, dtype=np.uint32)
    width, height = part.width(), part.height()
    data = np.frombuffer(part.constBits(), dtype=np.uint32, count=part.bytesPerLine() // 4 * height)
    return data.reshape(height, part.bytesPerLine() // 4)[:, :width].ravel() & 0xFFFFFF


def _luminance(rgb: np.ndarray) -> np.ndarray:
    channels = np.stack([(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255]).astype(float) / 255
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def rendered_contrast(image: QImage, rect: QRect) -> tuple[float, str, str] | None:
    """The contrast of the text in ``rect`` of ``image``: (ratio, text, background); ``None``
    when nothing but the background is there."""
    pixels = _pixels(image, rect)
    if pixels.size == 0:
        return None
    values, counts = np.unique(pixels, return_counts=True)
    # The background: the most common colour of the most common coarse shade (a button's
    # gradient is many colours of one shade; its thin border is fewer pixels than its face).
    shades = (values >> 4) & 0x0F0F0F
    _shades, shade_index = np.unique(shades, return_inverse=True)
    shade_counts = np.bincount(shade_index, weights=counts)
    in_shade = shade_index == int(np.argmax(shade_counts))
    background = values[in_shade][np.argmax(counts[in_shade])]
    others = values != background
    candidates, numbers = values[others], counts[others]
    if candidates.size == 0:
        return None
    lum = _luminance(candidates)
    ground = float(_luminance(np.array([background]))[0])
    ratios = (np.maximum(lum, ground) + 0.05) / (np.minimum(lum, ground) + 0.05)
    # The text's colour: the contrast that at least a few pixels reach (a glyph's stems; its
    # anti-aliased edges, mixtures with the background, reach less).
    order = np.argsort(-ratios)
    reached = np.cumsum(numbers[order])
    best = int(order[min(int(np.searchsorted(reached, TEXT_PIXELS)), order.size - 1)])
    return float(ratios[best]), f"#{int(candidates[best]):06x}", f"#{int(background):06x}"


def _text_rect(widget: QWidget, window: QWidget) -> QRect:
    """Where ``widget`` is drawn in the grab of ``window``, cut to what is not scrolled away."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if parent.parentWidget() is not None and isinstance(
            parent.parentWidget(), QAbstractScrollArea
        ):
            rect = rect.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect.intersected(window.rect())


def _has_text(widget: QWidget) -> bool:
    if not widget.isEnabled():  # an inactive control's text needs no contrast (WCAG 1.4.3)
        return False
    if isinstance(widget, QLabel):
        return bool(widget.text().strip()) and widget.pixmap().isNull()
    if isinstance(widget, QAbstractButton):
        return bool(widget.text().strip()) and widget.isEnabled()
    return False


def _brush_colour(value: object, fallback: QColor) -> QColor:
    if isinstance(value, QBrush) and value.style() != Qt.BrushStyle.NoBrush:
        return value.color()
    if isinstance(value, QColor) and value.isValid():
        return value
    return fallback


def _count(model: QAbstractItemModel, parent: QModelIndex, columns: bool) -> int:
    """Rows or columns under ``parent`` (list models hide ``columnCount``, table models
    ``rowCount`` of a child: one column, no children)."""
    try:
        return model.columnCount(parent) if columns else model.rowCount(parent)
    except TypeError:
        return 1 if columns else 0


def _view_problems(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    palette = view.palette()
    problems = []
    alternate = view.alternatingRowColors()

    def walk(parent: QModelIndex, depth: int) -> None:
        for row in range(min(_count(model, parent, False), ROWS)):
            for column in range(_count(model, parent, True)):
                index = model.index(row, column, parent)
                text = index.data(Qt.ItemDataRole.DisplayRole)
                if text in (None, ""):
                    continue
                ground_role = (
                    QPalette.ColorRole.AlternateBase
                    if alternate and row % 2
                    else QPalette.ColorRole.Base
                )
                ground = _brush_colour(
                    index.data(Qt.ItemDataRole.BackgroundRole), palette.color(ground_role)
                )
                text_colour = _brush_colour(
                    index.data(Qt.ItemDataRole.ForegroundRole),
                    palette.color(QPalette.ColorRole.Text),
                )
                ratio = contrast(text_colour, ground)
                if ratio < MINIMUM:
                    problems.append(
                        f"{describe(view)} cell {row},{column} {str(text)[:30]!r}: "
                        f"{ratio:.2f}:1 ({text_colour.name()} on {ground.name()})"
                    )
            first = model.index(row, 0, parent)
            if depth < 3 and _count(model, first, False):
                walk(first, depth + 1)

    walk(QModelIndex(), 0)
    return problems


def _pair(widget: QWidget, text: QPalette.ColorRole, ground: QPalette.ColorRole) -> list[str]:
    if not widget.isEnabled():  # an inactive control's text needs no contrast (WCAG 1.4.3)
        return []
    palette = widget.palette()
    ratio = contrast(palette.color(text), palette.color(ground))
    if ratio >= MINIMUM:
        return []
    return [
        f"{describe(widget)}: {ratio:.2f}:1 ({palette.color(text).name()} on "
        f"{palette.color(ground).name()})"
    ]


def _document_problems(view: QTextEdit) -> list[str]:
    document: QTextDocument = view.document()
    palette = view.viewport().palette()
    base = palette.color(QPalette.ColorRole.Base)
    fallback = palette.color(QPalette.ColorRole.Text)
    link = palette.color(QPalette.ColorRole.Link)
    problems = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            text = fragment.text().strip()
            if text:
                form = fragment.charFormat()
                colour = (
                    form.foreground().color()
                    if form.foreground().style() != Qt.BrushStyle.NoBrush
                    else (link if form.isAnchor() else fallback)
                )
                ground = _brush_colour(form.background(), base)
                ratio = contrast(colour, ground)
                if ratio < MINIMUM:
                    problems.append(
                        f"{describe(view)} text {text[:30]!r}: {ratio:.2f}:1 "
                        f"({colour.name()} on {ground.name()})"
                    )
            iterator += 1
        block = block.next()
    return problems


def contrast_problems(window: QWidget) -> list[str]:
    """Every visible text of ``window`` (on each page of its tab widgets) under 4.5:1."""
    problems: list[str] = []
    for page in each_tab(window):
        image = window.grab().toImage()
        for widget in shown(window):
            found: list[str] = []
            if _has_text(widget):
                measured = rendered_contrast(image, _text_rect(widget, window))
                if measured is not None and measured[0] < MINIMUM:
                    text = widget.text()  # type: ignore[attr-defined]
                    found.append(
                        f"{describe(widget)} {text[:30]!r}: {measured[0]:.2f}:1 "
                        f"({measured[1]} on {measured[2]})"
                    )
            elif isinstance(widget, QHeaderView):
                found += _pair(widget, QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button)
            elif isinstance(widget, QAbstractItemView):
                found += _view_problems(widget)
            elif isinstance(widget, QTextEdit | QTextBrowser):
                found += _document_problems(widget)
            elif isinstance(widget, QLineEdit | QComboBox):
                found += _pair(widget, QPalette.ColorRole.Text, QPalette.ColorRole.Base)
            elif isinstance(widget, QGroupBox) and widget.title():
                found += _pair(widget, QPalette.ColorRole.WindowText, QPalette.ColorRole.Window)
            problems += [f"{page} {problem}".strip() for problem in found]
    return sorted(set(problems))


# --- clipping ----------------------------------------------------------------------------------


def _elided_with_tooltip(widget: QWidget, text: str) -> bool:
    tip = widget.toolTip()
    return bool(tip) and (text.rstrip("…") in tip or text in tip)


def _label_problem(label: QLabel) -> str | None:
    if not label.text().strip() or not label.pixmap().isNull():
        return None
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            return f"{describe(label)} {label.text()[:30]!r}: {label.height()} high, needs {needed}"
        return None
    hint = label.minimumSizeHint()
    if label.width() + 1 < hint.width() and not _elided_with_tooltip(label, label.text()):
        return (
            f"{describe(label)} {label.text()[:30]!r}: {label.width()} wide, needs {hint.width()}"
        )
    if label.height() + 1 < hint.height():
        return (
            f"{describe(label)} {label.text()[:30]!r}: {label.height()} high, needs {hint.height()}"
        )
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    if not button.text().strip():
        return None
    if (
        isinstance(button, QToolButton)
        and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    ):
        return None  # its text is only its tooltip
    hint = button.minimumSizeHint()
    if button.width() + 1 < hint.width() or button.height() + 1 < hint.height():
        return (
            f"{describe(button)} {button.text()[:30]!r}: {button.width()}×{button.height()}, "
            f"needs {hint.width()}×{hint.height()}"
        )
    return None


def _header_problems(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None:
        return []
    metrics = QFontMetrics(header.font())
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    problems = []
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole)
        if not text:
            continue
        tip = model.headerData(section, header.orientation(), Qt.ItemDataRole.ToolTipRole)
        if header.orientation() == Qt.Orientation.Horizontal:
            needed = metrics.horizontalAdvance(str(text)) + 2 * margin
        else:
            needed = metrics.height()
        if header.sectionSize(section) < needed and not tip:
            problems.append(
                f"{describe(header)} section {str(text)!r}: {header.sectionSize(section)}, "
                f"needs {needed}"
            )
    return problems


def _field_problem(widget: QWidget) -> str | None:
    hint = widget.minimumSizeHint()
    if widget.height() + 1 < hint.height():
        return f"{describe(widget)}: {widget.height()} high, needs {hint.height()}"
    return None


def clipping_problems(window: QWidget) -> list[str]:
    """Every visible label, button, header section and field of ``window`` (on each page of its
    tab widgets) smaller than its text needs, and the window itself beyond the screen."""
    problems: list[str] = []
    top = window.window()
    if top.width() > SCREEN_WIDTH or top.height() > SCREEN_HEIGHT:
        problems.append(
            f"{describe(top)} is {top.width()}×{top.height()}: beyond a "
            f"{SCREEN_WIDTH}×{SCREEN_HEIGHT} screen"
        )
    for page in each_tab(window):
        for widget in shown(window):
            found: str | None = None
            if isinstance(widget, QLabel):
                found = _label_problem(widget)
            elif isinstance(widget, QAbstractButton):
                found = _button_problem(widget)
            elif isinstance(widget, QHeaderView):
                problems += [f"{page} {p}".strip() for p in _header_problems(widget)]
            elif isinstance(widget, QLineEdit | QComboBox) and not isinstance(
                widget.parentWidget(), QAbstractSpinBox | QComboBox
            ):  # a spin box's or combo box's own line edit is sized by it
                found = _field_problem(widget)
            if found:
                problems.append(f"{page} {found}".strip())
    return sorted(set(problems))
