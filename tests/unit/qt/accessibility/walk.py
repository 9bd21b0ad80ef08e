"""Walking one window as a keyboard and screen-reader user does: which controls it has, what
they are called, where Tab goes and whether the focus shows.

The checks are on real widgets through Qt's accessibility interface and real key events;
:func:`problems` gathers everything wrong with one window as readable lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

#: The kinds of widget a user acts on.
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTabBar,
    QAbstractSlider,
    QPlainTextEdit,
    QTextEdit,
)

#: Parts of a control that belong to it (its line edit, a table's corner button, a tab bar's
#: scroll arrows, a line edit's clear button, headers and scroll bars): named and reached with it.
PARTS_OF = (QComboBox, QAbstractSpinBox, QTabBar, QLineEdit, QAbstractScrollArea)


def _part_of_another(widget: QWidget) -> bool:
    if isinstance(widget, (QScrollBar, QHeaderView)):
        return True
    parent = None if widget.isWindow() else widget.parentWidget()
    while parent is not None:
        if isinstance(parent, PARTS_OF) and not _holds_controls(parent):
            return True
        parent = None if parent.isWindow() else parent.parentWidget()  # a popup's own parent
    return False


def _holds_controls(parent: QWidget) -> bool:
    """A scroll area that holds a form, or a text: its widgets are controls of their own."""
    if isinstance(parent, (QTextEdit, QPlainTextEdit)):
        return True
    return isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QAbstractItemView)


def controls(root: QWidget) -> list[QWidget]:
    """The interactive controls of ``root`` a user sees and may use, in the order of the tree."""
    found = [root] if isinstance(root, INTERACTIVE) else []
    found += [child for child in root.findChildren(QWidget) if isinstance(child, INTERACTIVE)]
    return [
        widget
        for widget in found
        if widget.isVisible()
        and widget.isEnabled()
        and not _part_of_another(widget)
        and (widget is root or root.isAncestorOf(widget))
    ]


def accessible_name(widget: QWidget) -> str:
    """What a screen reader announces as the control's name: its accessible name, and its label
    (Qt on Linux names a combo box by its value and gives its label as the "labelled by"
    relation, which AT-SPI screen readers read with it)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    name = interface.text(QAccessible.Text.Name)
    if isinstance(widget, QComboBox):
        labels = [
            other.text(QAccessible.Text.Name)
            for other, relation in interface.relations(QAccessible.RelationFlag.Label)
        ]
        own = [widget.accessibleName()] if widget.accessibleName() else []
        return " ".join([*labels, *own]) if labels or own else ""
    return name


def accessible_description(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Description) if interface is not None else ""


def plain(label: str) -> str:
    """A visible label as words: no mnemonic "&", no trailing colon, one space, case-folded."""
    text = re.sub(r"&(.)", r"\1", label)
    text = re.sub(r"<[^>]+>", "", text)  # rich text
    text = " ".join(text.split()).rstrip(":：").strip()
    text = text.removesuffix("…").removesuffix("...").strip()  # "opens a dialog" is no word
    return text.casefold()


def visible_label(widget: QWidget, labels: Iterable[QLabel]) -> str:
    """The label a sighted user reads for ``widget``: its own text, or its buddy label's."""
    if isinstance(widget, QAbstractButton) and widget.text():
        return plain(widget.text())
    for label in labels:
        if label.buddy() is widget and label.isVisible() and label.text():
            return plain(label.text())
    return ""


def describe(widget: QWidget) -> str:
    name = widget.objectName()
    if not name and isinstance(widget, QAbstractButton):
        name = repr(widget.text())
    return f"{type(widget).__name__}#{name or '-'}"


def name_problems(root: QWidget) -> list[str]:
    """Controls without an accessible name, or whose name lacks their visible label."""
    labels = root.window().findChildren(QLabel)
    found = []
    for widget in controls(root):
        name = accessible_name(widget)
        if not name.strip():
            found.append(f"{describe(widget)} has no accessible name")
            continue
        label = visible_label(widget, labels)
        if label and label not in plain(name):
            found.append(f"{describe(widget)}: name {name!r} lacks the visible label {label!r}")
    return found


def _owner(widget: QWidget | None, among: list[QWidget]) -> QWidget | None:
    """The control of ``among`` that ``widget`` is or is a part of."""
    while widget is not None:
        if widget in among:
            return widget
        widget = widget.parentWidget()
    return None


def _grab(widget: QWidget) -> QImage:
    """What the window shows of ``widget`` and a few pixels around it (a focus ring drawn
    around a widget is part of the window, not of the widget)."""
    window = widget.window()
    area = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()).adjusted(-3, -3, 3, 3)
    return window.grab(area).toImage()


def _group_of(widget: QWidget) -> list[QWidget]:
    """The buttons that share one Tab stop with ``widget`` (arrow keys move among them)."""
    if isinstance(widget, QAbstractButton):
        group = widget.group()
        if group is not None:
            return list(group.buttons())
        parent = widget.parentWidget()
        if widget.autoExclusive() and parent is not None:
            return [
                sibling
                for sibling in parent.findChildren(
                    QAbstractButton, options=Qt.FindChildOption.FindDirectChildrenOnly
                )
                if sibling.autoExclusive()
            ]
    return [widget]


#: How many presses of Tab a control may keep (the sections of a date field) before it lets go.
HELD_TABS = 4


@dataclass
class TabWalk:
    """Where Tab went from the first focus: the controls in the order reached, those that kept
    the focus on Tab, whether the focus left the window, and those whose focus did not show."""

    reached: list[QWidget] = field(default_factory=list)
    swallowed: list[QWidget] = field(default_factory=list)
    escaped: list[str] = field(default_factory=list)
    unseen: list[QWidget] = field(default_factory=list)


def walk_tab(root: QWidget, *, check_focus: bool = True) -> TabWalk:
    """Press Tab from the first focus until every control was reached or the presses ran out."""
    among = controls(root)
    walk = TabWalk()
    focus = QApplication.focusWidget()
    if focus is None or not (focus is root or root.isAncestorOf(focus)):
        where = "nowhere" if focus is None else describe(focus)
        walk.escaped.append(f"the first focus is {where}, not in the window")
        return walk
    # What the first key press of Tab sets: from now on the styles draw the focus.
    root.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
    images: dict[int, QImage] = {}  # each control as it looked when Tab brought the focus
    kept = 0
    for press in range(2 * len(among) + 2 * HELD_TABS + 4):
        if focus is None or not (focus is root or root.isAncestorOf(focus)):
            where = "no widget" if focus is None else describe(focus)
            walk.escaped.append(f"Tab went to {where}, outside the window")
            break
        owner = _owner(focus, among)
        if owner is not None and owner not in walk.reached:
            walk.reached.append(owner)
            if check_focus:
                images[id(owner)] = _grab(owner)
        back = bool(walk.reached) and owner is walk.reached[0]
        if press and back and _all_reached(among, walk.reached):
            break  # round and back at the first control
        QTest.keyClick(focus, Qt.Key.Key_Tab)
        after = QApplication.focusWidget()
        if after is focus and len(among) > 1 and owner is not None:
            kept += 1  # a date field's Tab goes from day to month to year first
            if kept > HELD_TABS:
                walk.swallowed.append(owner)
                break
            continue
        kept = 0
        if owner is not None and _owner(after, among) is not owner:
            focused = images.pop(id(owner), None)
            if focused is not None and _grab(owner) == focused:  # the same without the focus
                walk.unseen.append(owner)
        focus = after
    return walk


def _all_reached(among: list[QWidget], reached: list[QWidget]) -> bool:
    return all(any(member in reached for member in _group_of(widget)) for widget in among)


def tab_problems(root: QWidget, *, check_focus: bool = True) -> list[str]:
    among = controls(root)
    walk = walk_tab(root, check_focus=check_focus)
    found = [f"{describe(w)} keeps the focus on Tab" for w in walk.swallowed]
    found += walk.escaped
    if not walk.swallowed and not walk.escaped:
        found += [
            f"{describe(w)} is not reached by Tab"
            for w in among
            if not any(member in walk.reached for member in _group_of(w))
        ]
    found += [f"{describe(w)} does not show that it has the focus" for w in walk.unseen]
    return found


def problems(root: QWidget) -> list[str]:
    return name_problems(root) + tab_problems(root) + arrow_problems(root)


def arrow_problems(root: QWidget) -> list[str]:
    """Buttons that share one Tab stop (a group) must each be reached with the arrow keys."""
    found = []
    seen: list[QWidget] = []
    for widget in controls(root):
        members = [m for m in _group_of(widget) if m.isVisible() and m.isEnabled()]
        if len(members) < 2 or widget in seen:
            continue
        seen += members
        start = next((m for m in members if m.hasFocus()), None) or members[0]
        start.setFocus(Qt.FocusReason.TabFocusReason)
        reached = {id(start)}
        for key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up):
            for _press in range(len(members)):
                focus = QApplication.focusWidget()
                if focus is None:
                    break
                QTest.keyClick(focus, key)
                after = QApplication.focusWidget()
                if after in members:
                    reached.add(id(after))
        missing = [describe(m) for m in members if id(m) not in reached]
        if missing:
            found.append(f"the arrow keys do not reach {', '.join(missing)} from {describe(start)}")
    return found
