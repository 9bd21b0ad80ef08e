"""The screens of the kiosk, built from large, touch-friendly parts.

Each page only lays out its widgets and keeps their texts current (:meth:`retranslate`); the flow
between them and the answers live in :mod:`expatdesk.qt.kiosk.window`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from expatdesk import i18n
from expatdesk.i18n import LANGUAGE_NAMES, _
from expatdesk.qt.appearance import colours
from expatdesk.qt.bindings import event_filter

#: The kiosk's type sizes, as multiples of the application's font size (which follows the
#: user's text size setting).
SCALE = {"title": 2.6, "question": 2.2, "text": 1.5, "progress": 1.2, "button": 1.7, "quiet": 1.1}


def style(palette: QPalette, font: QFont) -> str:
    """The kiosk's look: large type, big rounded targets, in the colours of ``palette`` (every
    text readable on what it is drawn on) and sizes relative to ``font``."""
    points = font.pointSizeF() if font.pointSizeF() > 0 else 10.0

    def size(role: str) -> str:
        return f"{points * SCALE[role]:.1f}pt"

    role = QPalette.ColorRole
    window = palette.color(role.Window)
    base = palette.color(role.Base)
    primary_text = palette.color(role.HighlightedText)
    primary = colours.readable(palette.color(role.Highlight), [primary_text, base])
    primary_text = colours.readable(primary_text, primary)
    idle = colours.mix(primary, window, 0.55)
    idle_text = colours.readable(primary_text, idle)
    border = colours.readable(palette.color(role.Mid), [window, base], 3.0)
    return f"""
#kiosk {{ background: {window.name()}; }}
#kiosk QLabel[role="title"] {{ font-size: {size("title")}; font-weight: 600; }}
#kiosk QLabel[role="question"] {{ font-size: {size("question")}; font-weight: 600; }}
#kiosk QLabel[role="text"] {{ font-size: {size("text")}; }}
#kiosk QLabel[role="progress"] {{ font-size: {size("progress")};
    color: {colours.css(colours.Role.MUTED, palette)}; }}
#kiosk QLabel[role="error"] {{ font-size: {size("text")};
    color: {colours.css(colours.Role.ERROR, palette)}; }}
#kiosk QPushButton[kiosk="true"] {{
    font-size: {size("button")}; min-height: 2.6em; padding: 0.3em 1em;
    border: 2px solid {border.name()}; border-radius: 0.5em; background: {base.name()};
    color: {palette.color(role.Text).name()};
}}
#kiosk QPushButton[kiosk="true"]:focus {{ border: 3px solid {primary.name()}; }}
#kiosk QPushButton[kiosk="true"]:checked, #kiosk QPushButton[role="primary"] {{
    background: {primary.name()}; border-color: {primary.name()}; color: {primary_text.name()};
}}
#kiosk QPushButton[role="primary"]:disabled {{
    background: {idle.name()}; border-color: {idle.name()}; color: {idle_text.name()};
}}
#kiosk QPushButton[role="quiet"] {{
    font-size: {size("quiet")}; min-height: 1.8em; padding: 0.2em 0.6em; border: none;
    background: transparent; color: {colours.css(colours.Role.MUTED, palette)};
}}
"""


def label(role: str, parent: QWidget) -> QLabel:
    widget = QLabel(parent)
    widget.setProperty("role", role)
    widget.setWordWrap(True)
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    # Take the column's whole width, so that short texts do not wrap into a narrow block.
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return widget


def button(name: str, parent: QWidget, *, role: str = "", checkable: bool = False) -> QPushButton:
    widget = QPushButton(parent)
    widget.setObjectName(name)
    widget.setProperty("kiosk", "true")
    if role:
        widget.setProperty("role", role)
    widget.setCheckable(checkable)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return widget


class Page(QWidget):
    """A centred column: a title or question, a text below it, the page's own content."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(28)
        outer.addLayout(column, 6)
        outer.addStretch(1)
        self.progress = label("progress", self)
        self.title = label("question", self)
        self.text = label("text", self)
        column.addStretch(1)
        column.addWidget(self.progress)
        column.addWidget(self.title)
        column.addWidget(self.text)
        self.body = QVBoxLayout()
        self.body.setSpacing(20)
        column.addLayout(self.body)
        column.addStretch(1)
        self.navigation = QHBoxLayout()
        self.navigation.setSpacing(20)
        column.addLayout(self.navigation)

    def retranslate(self) -> None:
        """Set the texts in the active language (pages override)."""


class WelcomePage(Page):
    """Greeting, privacy notice, language buttons and "Start"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("welcomePage", parent)
        self.title.setProperty("role", "title")
        self.linked = False
        row = QHBoxLayout()
        self.language_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        for code in ("nl", "en"):
            widget = button(f"language_{code}", self, checkable=True)
            widget.setText(LANGUAGE_NAMES[code])
            widget.setAccessibleName(LANGUAGE_NAMES[code])
            group.addButton(widget)
            row.addWidget(widget)
            self.language_buttons[code] = widget
        self.body.addLayout(row)
        self.start = button("startButton", self, role="primary")
        self.navigation.addWidget(self.start)

    def retranslate(self) -> None:
        self.title.setText(_("Welcome! How was your experience with the expat centre?"))
        storage = (
            _("Your answers are stored together with your name in the expat centre's records.")
            if self.linked
            else _("Your answers are stored anonymously: without your name.")
        )
        self.text.setText(
            " ".join(
                [
                    _(
                        "This short questionnaire takes about a minute. Answering is "
                        "voluntary: you can skip any question."
                    ),
                    storage,
                    _("We use them only to improve our services and to report on them."),
                ]
            )
        )
        self.start.setText(_("Start"))
        self.language_buttons[i18n.language()].setChecked(True)


#: The arrow keys, and how far each moves in a grid of ``columns`` (``None``: one row down).
_ARROWS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: None, Qt.Key.Key_Down: None}


class ChoicePage(Page):
    """A question answered by tapping one (or, with ``multiple``, several) big buttons.

    By keyboard the answers are one Tab stop (the answer chosen, else the first), like a group
    of radio buttons: the arrow keys move through them in the grid's order, and on a question
    with one answer they choose it as they go (Space chooses too); on a question with several
    answers Space ticks or unticks the one with the focus.
    """

    def __init__(
        self,
        name: str,
        choices: Sequence[str],
        *,
        columns: int,
        multiple: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(name, parent)
        self.multiple = multiple
        grid = QGridLayout()
        grid.setSpacing(16)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        self.choices: dict[str, QPushButton] = {}
        self.columns = columns
        for number, choice in enumerate(choices):
            widget = button(f"{name}_{choice}", self, checkable=True)
            self.group.addButton(widget)
            grid.addWidget(widget, number // columns, number % columns)
            widget.installEventFilter(self)
            self.choices[choice] = widget
        self.group.buttonToggled.connect(self._toggled)
        self._tab_stop()
        self.body.addLayout(grid)
        self.back = button("backButton", self)
        self.skip = button("skipButton", self)
        self.next = button("nextButton", self, role="primary")
        for widget in (self.back, self.skip, self.next):
            self.navigation.addWidget(widget)
        self.texts: Callable[[], tuple[str, str]] = lambda: ("", "")
        self.choice_text: Callable[[str], str] = str

    def _toggled(self, toggled: QPushButton, checked: bool) -> None:
        if checked and not self.multiple:
            for widget in self.choices.values():
                if widget is not toggled:
                    widget.setChecked(False)
        self._tab_stop(toggled if checked else None)

    def _tab_stop(self, current: QPushButton | None = None) -> None:
        """Let Tab stop at one answer only: ``current``, else the one chosen, else the first."""
        buttons = list(self.choices.values())
        if current is None:
            current = next((widget for widget in buttons if widget.isChecked()), None)
        if current is None and buttons:
            current = buttons[0]
        for widget in buttons:
            strong = widget is current
            widget.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if strong else Qt.FocusPolicy.ClickFocus
            )

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ARROWS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and isinstance(watched, QPushButton)
            and watched in self.choices.values()
        ):
            self._arrow(watched, Qt.Key(event.key()))
            return True
        return super().eventFilter(watched, event)

    def _arrow(self, source: QPushButton, key: Qt.Key) -> None:
        """Move to the next answer in the arrow's direction (round from the last to the first
        with Left and Right); choose it on a question with one answer."""
        buttons = list(self.choices.values())
        index = buttons.index(source)
        step = _ARROWS[key]
        if step is not None:
            target = (index + step) % len(buttons)
        else:
            target = index + (self.columns if key == Qt.Key.Key_Down else -self.columns)
            if not 0 <= target < len(buttons):
                return
        chosen = buttons[target]
        self._tab_stop(chosen)
        forward = step == 1 or key == Qt.Key.Key_Down
        chosen.setFocus(
            Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        )
        if not self.multiple:
            chosen.setChecked(True)

    def selected(self) -> list[str]:
        return [choice for choice, widget in self.choices.items() if widget.isChecked()]

    def set_selected(self, chosen: Sequence[str]) -> None:
        for choice, widget in self.choices.items():
            widget.setChecked(choice in chosen)
        self._tab_stop()

    def retranslate(self) -> None:
        question, text = self.texts()
        self.title.setText(question)
        self.text.setText(text)
        self.text.setVisible(bool(text))
        for choice, widget in self.choices.items():
            widget.setText(self.choice_text(choice))
            widget.setAccessibleName(self.choice_text(choice))
        self.back.setText(_("Back"))
        self.skip.setText(_("Skip"))
        self.next.setText(_("Next"))


class ThanksPage(Page):
    """Thanks; the kiosk returns to the welcome page by itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("thanksPage", parent)
        self.title.setProperty("role", "title")

    def retranslate(self) -> None:
        self.title.setText(_("Thank you for your answers!"))
        self.text.setText(_("The next person can start in a moment."))
