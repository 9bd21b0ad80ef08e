"""The one place for colours with a meaning: an error, a warning, a good outcome, secondary text,
an overdue item, the status of a target.

No colour here is fixed. Each :class:`Role` has a hue, and :func:`colour` makes of it the colour
that reads on the background it is drawn on, in the palette in use: the hue's lightness is moved
(darker on a light background, lighter on a dark one) until the WCAG contrast ratio is at least
:data:`MINIMUM` (4.5:1, EN 301 549 / WCAG 1.4.3). The same error is a dark orange on the light
palette, a light orange on the dark one and a pale one on black.

The selection of every list, table and tree is drawn on a highlight its text reads on
(:class:`ReadableSelection`): the Fusion style's light one, white on #308CC6, reaches only 3.6:1.

A widget that shows a role says so with :func:`paint` (in code) or with the dynamic property
``colourRole`` (in a Designer form; :func:`follow` paints every such widget of a window). A
painted widget repaints itself when its palette changes while the app runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QProxyStyle,
    QTableWidgetItem,
    QTreeWidgetItem,
    QWidget,
)

from expatdesk.qt.bindings import event_filter

#: The contrast every text colour made here reaches against its background (a little above
#: 4.5:1, so that rounding to whole colour values never brings it under).
MINIMUM = 4.6
#: The dynamic property that names a widget's role (``"error"``, ``"muted"``, ...).
PROPERTY = "colourRole"
#: The dynamic property that makes a widget a banner of a role (a tinted background).
BANNER_PROPERTY = "colourBanner"


class Role(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    OK = "ok"
    MUTED = "muted"
    ALERT = "alert"
    LINK = "link"
    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "insufficient_data"
    BASELINE = "baseline"


#: The hue of each role (Okabe–Ito based, colour-blind safe); ``None``: the palette's own text.
_HUES: dict[Role, str | None] = {
    Role.ERROR: "#A33A00",
    Role.WARNING: "#8A4B00",
    Role.OK: "#1B6E3A",
    Role.MUTED: None,
    Role.ALERT: "#B00020",
    Role.LINK: None,
    Role.MET: "#005A8C",
    Role.NOT_MET: "#A33A00",
    Role.NO_DATA: "#5F6368",
    Role.BASELINE: "#5B2C83",
}


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """The WCAG relative luminance of ``colour`` (0 black … 1 white)."""
    return (
        0.2126 * _channel(colour.redF())
        + 0.7152 * _channel(colour.greenF())
        + 0.0722 * _channel(colour.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 … 21)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _worst(colour: QColor, backgrounds: Iterable[QColor]) -> float:
    return min(contrast(colour, background) for background in backgrounds)


def readable(
    colour: QColor, backgrounds: QColor | Iterable[QColor], minimum: float = MINIMUM
) -> QColor:
    """``colour`` with its lightness moved until it reaches ``minimum`` against every one of
    ``backgrounds`` (towards black on a light background, towards white on a dark one); black or
    white when even they do not."""
    grounds = [backgrounds] if isinstance(backgrounds, QColor) else list(backgrounds)
    if _worst(colour, grounds) >= minimum:
        return QColor(colour)
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    darker = _worst(black, grounds) >= _worst(white, grounds)
    hue, saturation, lightness = colour.hslHueF(), colour.hslSaturationF(), colour.lightnessF()
    step = -0.01 if darker else 0.01
    while 0.0 < lightness < 1.0:
        lightness = min(1.0, max(0.0, lightness + step))
        moved = QColor.fromHslF(max(hue, 0.0), saturation, lightness)
        if _worst(moved, grounds) >= minimum:
            return moved
    return black if darker else white


def mix(first: QColor, second: QColor, share: float) -> QColor:
    """``share`` of ``second`` mixed into ``first``."""
    keep = 1.0 - share
    return QColor.fromRgbF(
        first.redF() * keep + second.redF() * share,
        first.greenF() * keep + second.greenF() * share,
        first.blueF() * keep + second.blueF() * share,
    )


def colour(
    role: Role,
    palette: QPalette,
    background: QPalette.ColorRole = QPalette.ColorRole.Window,
    *extra: QPalette.ColorRole,
) -> QColor:
    """The colour of ``role`` for text on ``background`` (and each of ``extra``, e.g. a list's
    alternate rows) of ``palette``."""
    grounds = [palette.color(background), *(palette.color(more) for more in extra)]
    text_role = (
        QPalette.ColorRole.WindowText
        if background == QPalette.ColorRole.Window
        else QPalette.ColorRole.Text
    )
    hue = _HUES[role]
    if role is Role.MUTED:
        start = mix(palette.color(text_role), grounds[0], 0.4)
    elif role is Role.LINK:
        start = palette.color(QPalette.ColorRole.Link)
    else:
        start = QColor(hue)
    return readable(start, grounds)


def link_style(palette: QPalette | None = None) -> str:
    """A rich text style rule that shows links in the link colour readable on both the window
    and the base colour of ``palette`` (the application's by default): Qt's rich text takes the
    application palette's link colour as it is, which a dark palette does not make readable."""
    palette = palette if palette is not None else QApplication.palette()
    link = readable(
        palette.color(QPalette.ColorRole.Link),
        [palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)],
    )
    return f"a {{ color: {link.name()}; }}"


def navigation_style(palette: QPalette) -> str:
    """The main window's list of areas: flat on the window, the chosen one highlighted in a
    highlight its text reads on (Fusion's own light highlight does not reach 4.5:1 with white)."""
    role = QPalette.ColorRole
    chosen_text = palette.color(role.HighlightedText)
    chosen = readable(palette.color(role.Highlight), chosen_text)
    chosen_text = readable(chosen_text, chosen)
    return (
        "QListWidget#navigation { border: none; border-right: 1px solid "
        f"{palette.color(role.Midlight).name()}; background: {palette.color(role.Window).name()};"
        f" color: {palette.color(role.WindowText).name()}; padding-top: 10px; outline: 0; }}\n"
        "QListWidget#navigation::item { padding: 7px 12px; margin: 1px 8px; border-radius: 4px; }\n"
        f"QListWidget#navigation::item:selected {{ background: {chosen.name()};"
        f" color: {chosen_text.name()}; }}\n"
        # The list's own focus outline is off (it would frame the whole bar): the current area
        # shows the focus instead.
        "QListWidget#navigation::item:focus { border: 2px solid"
        f" {palette.color(role.WindowText).name()}; }}"
    )


def readable_highlight(palette: QPalette) -> None:
    """Move ``palette``'s highlight (active and inactive) until its highlighted text reads on
    it; a highlight that reads already is kept as it is."""
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        ground = palette.color(group, role.Highlight)
        better = readable(ground, palette.color(group, role.HighlightedText))
        if better != ground:
            palette.setColor(group, role.Highlight, better)


class ReadableSelection(QProxyStyle):
    """The platform's style, with a selection highlight its text reads on.

    Qt lets a style adjust the palette it is given (``QStyle.polish(QPalette)``), and asks again
    whenever the system's colours change (a switch to dark mode). Adjusting it here rather than
    setting the application's palette keeps every other colour the system's, and the highlight
    the system's own where it reads already.
    """

    def polish(self, target: object) -> object:  # type: ignore[override]
        if isinstance(target, QPalette):
            readable_highlight(target)
            return target
        return super().polish(target)  # type: ignore[call-overload]


def read_selections(app: QApplication) -> None:
    """Draw every selection of ``app`` on a readable highlight (see :class:`ReadableSelection`);
    once per application."""
    style = app.style()
    if not isinstance(style, ReadableSelection):
        app.setStyle(ReadableSelection(style.name()))


class _SheetKeeper(QObject):
    """Remakes one widget's style sheet from its parent's palette when that changes (a style
    sheet's colours are fixed when it is set, and the widget itself hears of no change: the
    sheet set all its colours)."""

    def __init__(self, widget: QWidget, make: Callable[[QPalette], str]) -> None:
        super().__init__(widget)
        self.setObjectName("colourSheetKeeper")
        self.make = make
        self.widget = widget
        parent = widget.parentWidget()
        (parent if parent is not None else widget).installEventFilter(self)

    def apply(self) -> None:
        make, widget = getattr(self, "make", None), getattr(self, "widget", None)
        if make is None or widget is None:  # Qt asks while this is being torn down
            return
        sheet = make(_inherited(widget))
        if widget.styleSheet() != sheet:
            widget.setStyleSheet(sheet)

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            QTimer.singleShot(0, self, self.apply)
        return False


def keep_style(widget: QWidget, make: Callable[[QPalette], str]) -> None:
    """Give ``widget`` the style sheet ``make`` makes of the palette, now and after every
    palette change."""
    _SheetKeeper(widget, make).apply()


def css(
    role: Role,
    palette: QPalette,
    background: QPalette.ColorRole = QPalette.ColorRole.Window,
) -> str:
    """:func:`colour` as ``#rrggbb``, for a style sheet or HTML."""
    return colour(role, palette, background).name()


def _inherited(widget: QWidget) -> QPalette:
    """The palette ``widget`` would have had without its role's colour."""
    parent = widget.parentWidget()
    return parent.palette() if parent is not None else QApplication.palette(widget)


class _Painter(QObject):
    """Keeps one widget's text (and, for a banner, its background) in its role's colours when
    the palette changes."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.setObjectName("colourRolePainter")
        self.text: Role | None = None
        self.banner: Role | None = None
        self.badge: Role | None = None
        self.surface = False
        self._busy = False
        widget.installEventFilter(self)

    @staticmethod
    def of(widget: QWidget) -> _Painter:
        found = widget.findChild(
            _Painter, "colourRolePainter", Qt.FindChildOption.FindDirectChildrenOnly
        )
        return found if isinstance(found, _Painter) else _Painter(widget)

    def _ground(self, base: QPalette) -> QColor | None:
        """The background this widget fills itself with (``None``: its parent's)."""
        if self.badge is not None:
            return colour(self.badge, base)
        if self.banner is not None:
            return mix(base.color(QPalette.ColorRole.Window), colour(self.banner, base), 0.15)
        if self.surface:
            return base.color(QPalette.ColorRole.Base)
        return None

    def apply(self, widget: QWidget) -> None:
        if getattr(self, "_busy", True):  # busy, or Qt asks while this is being torn down
            return
        self._busy = True
        try:
            palette = QPalette(widget.palette())
            base = _inherited(widget)
            groups = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
            ground = self._ground(base)
            if ground is not None:
                for group in groups:
                    palette.setColor(group, QPalette.ColorRole.Window, ground)
                widget.setAutoFillBackground(True)
            if self.badge is not None:
                for group in groups:
                    palette.setColor(
                        group, QPalette.ColorRole.WindowText, base.color(QPalette.ColorRole.Window)
                    )
            under = QPalette(base)
            if ground is not None:
                under.setColor(QPalette.ColorRole.Window, ground)
            # A label over a list's viewport is drawn on the base colour, not the window's.
            drawn_on = (
                QPalette.ColorRole.Base
                if widget.backgroundRole() == QPalette.ColorRole.Base
                else QPalette.ColorRole.Window
            )
            if self.badge is None and self.text is not None:
                for group in groups:
                    for background, text in (
                        (drawn_on, QPalette.ColorRole.WindowText),
                        (QPalette.ColorRole.Button, QPalette.ColorRole.ButtonText),
                        (QPalette.ColorRole.Base, QPalette.ColorRole.Text),
                    ):
                        palette.setColor(group, text, colour(self.text, under, background))
            if palette != widget.palette():
                widget.setPalette(palette)
        finally:
            self._busy = False

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ParentChange) and isinstance(
            watched, QWidget
        ):
            self.apply(watched)
        return False


def paint(widget: QWidget, role: Role | str) -> None:
    """Show ``widget``'s text in ``role``'s colour, now and after every palette change."""
    painter = _Painter.of(widget)
    painter.text = Role(role)
    widget.setProperty(PROPERTY, painter.text.value)
    painter.apply(widget)


def banner(widget: QWidget, role: Role | str) -> None:
    """Give ``widget`` a background tinted with ``role``'s colour (a message bar); its text and
    its children's stay readable on it."""
    painter = _Painter.of(widget)
    painter.banner = Role(role)
    widget.setProperty(BANNER_PROPERTY, painter.banner.value)
    painter.apply(widget)


def badge(widget: QWidget, role: Role | str) -> None:
    """Make ``widget`` a badge: filled with ``role``'s colour, its text in the window's colour
    (so the text reads on the badge as well as the badge on the window)."""
    painter = _Painter.of(widget)
    painter.badge = Role(role)
    painter.apply(widget)


def surface(widget: QWidget) -> None:
    """Fill ``widget`` with the palette's base colour (a card on the window); its children
    measure their colours against it."""
    painter = _Painter.of(widget)
    painter.surface = True
    painter.apply(widget)


def follow(root: QWidget) -> None:
    """Paint every widget under ``root`` (and ``root``) whose ``colourRole`` or
    ``colourBanner`` property names a role, as a Designer form sets them."""
    for widget in [root, *root.findChildren(QWidget)]:
        name = widget.property(BANNER_PROPERTY)
        if isinstance(name, str) and name:
            banner(widget, name)
    for widget in [root, *root.findChildren(QWidget)]:
        name = widget.property(PROPERTY)
        if isinstance(name, str) and name:
            paint(widget, name)


#: Where a list's item keeps the role of its text colour (so a palette change recolours it).
ITEM_ROLE = Qt.ItemDataRole.UserRole + 64


def item_colour(view: QAbstractItemView, role: Role) -> QColor:
    """The colour of ``role`` for text in ``view``'s rows (plain and alternate)."""
    return colour(role, view.palette(), QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase)


class _ViewPainter(QObject):
    """Recolours the items of one view that have a role when the view's palette changes."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.setObjectName("colourRoleViewPainter")
        view.installEventFilter(self)

    @staticmethod
    def watch(view: QAbstractItemView) -> None:
        if (
            view.findChild(
                _ViewPainter, "colourRoleViewPainter", Qt.FindChildOption.FindDirectChildrenOnly
            )
            is None
        ):
            _ViewPainter(view)

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, QAbstractItemView):
            model = watched.model()
            if model is not None:
                self._recolour(watched, model, QModelIndex())
        return False

    def _recolour(
        self, view: QAbstractItemView, model: QAbstractItemModel, parent: QModelIndex
    ) -> None:
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                name = index.data(ITEM_ROLE)
                if isinstance(name, str) and name:
                    model.setData(
                        index, QBrush(item_colour(view, Role(name))), Qt.ItemDataRole.ForegroundRole
                    )
            first = model.index(row, 0, parent)
            if model.hasChildren(first):
                self._recolour(view, model, first)


def colour_item(
    view: QAbstractItemView,
    item: QTreeWidgetItem | QTableWidgetItem,
    role: Role,
    column: int = 0,
) -> None:
    """Show the text of ``item`` (of ``column`` for a tree item) of ``view`` in ``role``'s
    colour, readable on the view's rows, now and after a palette change."""
    _ViewPainter.watch(view)
    brush = QBrush(item_colour(view, role))
    if isinstance(item, QTreeWidgetItem):
        item.setData(column, ITEM_ROLE, role.value)
        item.setForeground(column, brush)
    else:
        item.setData(ITEM_ROLE, role.value)
        item.setForeground(brush)
