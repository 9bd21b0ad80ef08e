"""The main window's areas in a stack, each imported and built when it is first wanted.

Starting the app builds only the area it shows first. Until an area is shown, or something
reaches into it (Go to, a menu, the surveys' selected record), a plain placeholder holds its
place in the stack; then the area is imported, built and takes the placeholder's place, once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

from PySide6.QtWidgets import QStackedWidget, QWidget

from expatdesk.accounts.actor import Actor
from expatdesk.db.database import Database
from expatdesk.qt.settings import Settings

#: The areas in the order of the stack, the navigation list, the View menu and Ctrl+1 ….
AREAS = ("home", "expats", "employers", "cases", "targets", "reports")

Area = TypeVar("Area", bound=QWidget)


def build_area(
    name: str, database: Database, actor: Actor, settings: Settings, parent: QWidget
) -> QWidget:
    """Import and make the area ``name`` of the main window ``parent``."""
    if name == "home":
        from expatdesk.qt.home.page import HomeArea

        return HomeArea(database, actor, parent)
    if name == "cases":
        from expatdesk.qt.cases.area import CasesArea
        from expatdesk.qt.widgets.record_area import area_state

        return CasesArea(database, actor, parent, state=area_state(settings, "cases"))
    if name == "targets":
        from expatdesk.qt.targets.dashboard import TargetsDashboard

        return TargetsDashboard(database, parent)
    if name == "reports":
        from expatdesk.qt.reports.area import ReportsArea

        return ReportsArea(database, parent)
    from expatdesk.qt.widgets.record_area import RecordArea, area_state

    if name == "employers":
        from expatdesk.qt.employers.area import spec as employers_spec

        spec = employers_spec()
    else:
        from expatdesk.qt.expats.area import spec as expats_spec

        spec = expats_spec()
    assert spec.name == name, f"no area {name!r}"
    state = area_state(settings, name)
    return RecordArea(database, spec, parent, state=state, actor=actor, page_after_paint=True)


class AreaStack:
    """The areas :data:`AREAS` of ``stack``, in order; ``build(name)`` makes one.

    ``built(name, area)`` is called once an area is made and in the stack, to connect it. Reads
    like the list of the areas: ``len()``, ``[number]`` (builds that area) and ``index(area)``.
    """

    def __init__(
        self,
        stack: QStackedWidget,
        build: Callable[[str], QWidget],
        built: Callable[[str, QWidget], None],
    ) -> None:
        self._stack = stack
        self._build = build
        self._built_callback = built
        self._areas: dict[str, QWidget] = {}
        self._placeholders: dict[str, QWidget] = {}
        for name in AREAS:
            placeholder = QWidget(stack)
            placeholder.setObjectName(f"{name}Placeholder")
            stack.addWidget(placeholder)
            self._placeholders[name] = placeholder

    def __len__(self) -> int:
        return len(AREAS)

    def __getitem__(self, number: int) -> QWidget:
        return self.area(AREAS[number])

    def index(self, area: QWidget) -> int:
        """The number of ``area`` (one that is built) in the stack and the navigation."""
        for name, built in self._areas.items():
            if built is area:
                return AREAS.index(name)
        raise ValueError(f"{area!r} is not an area of this stack")

    def built(self, name: str) -> QWidget | None:
        """The area ``name`` when it is built, else ``None`` (without building it)."""
        return self._areas.get(name)

    def current_name(self) -> str:
        return AREAS[self._stack.currentIndex()]

    def area(self, name: str) -> QWidget:
        """The area ``name``, built (and put in its placeholder's place) when it is not yet."""
        area = self._areas.get(name)
        if area is not None:
            return area
        area = self._build(name)
        self._areas[name] = area
        number = AREAS.index(name)
        placeholder = self._placeholders.pop(name)
        shown = self._stack.currentIndex() == number
        self._stack.insertWidget(number, area)
        if shown:
            self._stack.setCurrentIndex(number)
        self._stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self._built_callback(name, area)
        return area


class LazyArea(Generic[Area]):
    """A window's attribute that is its area ``name``, built on first use."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, window: Any, owner: type | None = None) -> Area:
        stack: AreaStack = window.areas
        return cast(Area, stack.area(self.name))
