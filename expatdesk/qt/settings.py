"""The user's settings: typed options in ``settings.ini`` in the config folder.

Each setting is an :class:`Option` on :class:`Settings`, with its key, type and default; a value
of the wrong type or out of range reads as the default. The file carries a layout version, and
:data:`UPGRADES` turns an older layout into the current one when it is opened. A ``Settings`` is
made once at start-up and passed to whoever needs it: there is no global instance.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

from expatdesk.i18n import LANGUAGES

log = logging.getLogger(__name__)

FILE_NAME = "settings.ini"
#: The layout of the file this version writes.
VERSION = 2
VERSION_KEY = "meta/version"


def _language_out_of_general(store: QSettings) -> None:
    """Layout 2: the language moves from ``general/language`` to ``interface/language``.

    An INI file's ``[General]`` group is Qt's top level: written under ``general/language`` the
    language landed in ``[%General]`` and came back as ``General/language`` in the next process,
    so the choice was forgotten on every restart.
    """
    for old in ("General/language", "general/language", "language"):
        if store.contains(old):
            if not store.contains("interface/language"):
                store.setValue("interface/language", store.value(old))
            store.remove(old)


#: ``UPGRADES[n]`` turns a layout of version ``n - 1`` into version ``n``.
UPGRADES: dict[int, Callable[[QSettings], None]] = {2: _language_out_of_general}

T = TypeVar("T")


class Option(Generic[T]):
    """A typed setting, read and written as an attribute of :class:`Settings`."""

    def __init__(
        self, key: str, kind: type, default: T, valid: Callable[[Any], bool] | None = None
    ) -> None:
        self.key = key
        self.kind = kind
        self.default = default
        self.valid = valid

    @overload
    def __get__(self, settings: None, owner: type) -> Option[T]: ...
    @overload
    def __get__(self, settings: Settings, owner: type) -> T: ...
    def __get__(self, settings: Settings | None, owner: type) -> Option[T] | T:
        if settings is None:
            return self
        store = settings.store
        if not store.contains(self.key):
            return self.default
        value = store.value(self.key, self.default, type=self.kind)
        if not isinstance(value, self.kind) or (self.valid and not self.valid(value)):
            log.info("ignoring the setting %s=%r", self.key, value)
            return self.default
        return value  # type: ignore[return-value]

    def __set__(self, settings: Settings, value: T) -> None:
        if value is None:
            settings.store.remove(self.key)
        else:
            settings.store.setValue(self.key, value)


class Settings:
    """The options ExpatDesk remembers between runs."""

    #: The language chosen in the Language menu; ``None`` until the user chooses.
    language: Option[str | None] = Option("interface/language", str, None, LANGUAGES.__contains__)
    main_window_geometry = Option("main_window/geometry", QByteArray, QByteArray())
    main_window_state = Option("main_window/state", QByteArray, QByteArray())
    expats_columns = Option("expats/columns", QByteArray, QByteArray())
    expats_splitter = Option("expats/splitter", QByteArray, QByteArray())
    #: The filters of a list as JSON (``{"category": "researcher"}``) and its order: a column's
    #: key, with ``-`` before it for descending (``-arrival_date``).
    expats_filters = Option("expats/filters", str, "")
    expats_order = Option("expats/order", str, "")
    employers_columns = Option("employers/columns", QByteArray, QByteArray())
    employers_splitter = Option("employers/splitter", QByteArray, QByteArray())
    employers_filters = Option("employers/filters", str, "")
    employers_order = Option("employers/order", str, "")
    cases_columns = Option("cases/columns", QByteArray, QByteArray())
    cases_splitter = Option("cases/splitter", QByteArray, QByteArray())
    cases_filters = Option("cases/filters", str, "")
    cases_order = Option("cases/order", str, "")
    #: The records each staff member opened last, as JSON: {username: ["expat:12", …]}.
    recently_opened = Option("quick_open/recent", str, "")

    def __init__(self, store: QSettings) -> None:
        self.store = store
        upgrade(store)

    @classmethod
    def open(cls, folder: Path) -> Settings:
        """The settings in ``folder/settings.ini`` (created when first written)."""
        return cls(QSettings(str(folder / FILE_NAME), QSettings.Format.IniFormat))

    @property
    def path(self) -> Path:
        return Path(self.store.fileName())

    def sync(self) -> None:
        """Write pending changes to the file."""
        self.store.sync()


def upgrade(store: QSettings) -> None:
    """Bring the layout of ``store`` up to :data:`VERSION`."""
    found = store.value(VERSION_KEY, 0, type=int)
    version = found if isinstance(found, int) else 0
    if version > VERSION:
        log.warning("settings written by a newer ExpatDesk (layout %d); reading what fits", version)
        return
    for step in range(version + 1, VERSION + 1):
        if step in UPGRADES:
            log.info("upgrading the settings to layout %d", step)
            UPGRADES[step](store)
    if version != VERSION:
        store.setValue(VERSION_KEY, VERSION)
