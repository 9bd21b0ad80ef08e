"""The settings of the targets report: read them, and change them in one validated transaction.

The six settings of ``shared/spec/targets.md`` ("Settings") live in the single row of
:class:`~expatdesk.db.models.TargetSettings`, which migration 0002 creates with the defaults. They
travel as a frozen :class:`Settings`, which the report prints (:meth:`Settings.to_json`).
The same row holds the centre's name that printed reports show (migration 0003); it is no
statistical setting and has its own :func:`read_centre_name` and :func:`update_centre_name`.

A missing row (deleted by hand, or emptied by a test helper) reads as :data:`DEFAULTS`, the values
targets.md prescribes, and :func:`update_settings` creates it again.

Validation repeats the CHECK constraints of the table with a message for the user that names the
field (:class:`InvalidSettingError`), so a settings dialog can point at the box to correct.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from expatdesk.accounts.actor import Actor, Permission
from expatdesk.db.database import Database
from expatdesk.db.models import TargetSettings
from expatdesk.errors import UserError
from expatdesk.i18n import _

SETTINGS_ID = 1
#: The range of years the database accepts for ``n_growth_from`` (as for hiring records).
FIRST_YEAR, LAST_YEAR = 1900, 2200


@dataclass(frozen=True)
class Settings:
    """The targets report's settings, in the order targets.md lists them."""

    alpha: float
    min_n: int
    n_threshold: float
    n_growth_from: int
    o_threshold: float
    p_threshold: float

    def to_json(self) -> dict[str, float | int]:
        """The ``"settings"`` object of the report's JSON, keys in the order of targets.md."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


#: The defaults of targets.md.
DEFAULTS = Settings(
    alpha=0.05, min_n=10, n_threshold=0.5, n_growth_from=2015, o_threshold=7.0, p_threshold=7.0
)


@dataclass(frozen=True)
class SavedSettings:
    """Settings as stored, with the row's version for optimistic locking (0: no row yet)."""

    settings: Settings
    version: int


class InvalidSettingError(UserError):
    """A setting outside its range; ``field`` names it (``"alpha"``, ``"min_n"``, ...)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def validate(settings: Settings) -> None:
    """Raise :class:`InvalidSettingError` for the first setting that is out of range."""
    if not _is_number(settings.alpha) or not 0 < settings.alpha < 1:
        raise InvalidSettingError(
            "alpha",
            _("The significance level (alpha) must be greater than 0 and less than 1."),
        )
    if not _is_whole(settings.min_n) or settings.min_n < 2:
        raise InvalidSettingError(
            "min_n", _("The minimum count (min_n) must be a whole number of at least 2.")
        )
    if not _is_number(settings.n_threshold) or not 0 <= settings.n_threshold <= 1:
        raise InvalidSettingError(
            "n_threshold", _("The share N must reach (n_threshold) must lie between 0 and 1.")
        )
    if not _is_whole(settings.n_growth_from) or not (
        FIRST_YEAR <= settings.n_growth_from <= LAST_YEAR
    ):
        raise InvalidSettingError(
            "n_growth_from",
            _(
                "The year from which N must rise (n_growth_from) must be a year from {first} "
                "to {last}."
            ).format(first=FIRST_YEAR, last=LAST_YEAR),
        )
    if not _is_number(settings.o_threshold) or not 1 <= settings.o_threshold <= 10:
        raise InvalidSettingError(
            "o_threshold", _("The grade O must reach (o_threshold) must lie between 1 and 10.")
        )
    if not _is_number(settings.p_threshold) or not 1 <= settings.p_threshold <= 10:
        raise InvalidSettingError(
            "p_threshold", _("The grade P must reach (p_threshold) must lie between 1 and 10.")
        )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def load_settings(session: Session) -> Settings:
    """The stored settings, read in the caller's session (the report reads them with its data)."""
    row = session.get(TargetSettings, SETTINGS_ID)
    return DEFAULTS if row is None else _from_row(row)


def read_settings(database: Database) -> SavedSettings:
    """The stored settings and their version, for a settings dialog."""
    with database.reading() as session:
        row = session.get(TargetSettings, SETTINGS_ID)
        if row is None:
            return SavedSettings(DEFAULTS, 0)
        return SavedSettings(_from_row(row), row.version)


def update_settings(
    database: Database,
    actor: Actor,
    settings: Settings,
    *,
    expected_version: int | None = None,
) -> SavedSettings:
    """Validate and store ``settings`` in one transaction; returns what is now stored.

    Only managers and administrators may (:data:`Permission.TARGET_SETTINGS`). With
    ``expected_version`` (from :func:`read_settings`), refuses to overwrite a change someone
    else saved in the meantime.
    """
    actor.require(Permission.TARGET_SETTINGS)
    validate(settings)
    try:
        with database.transaction(actor) as session:
            row = session.get(TargetSettings, SETTINGS_ID, with_for_update=True)
            current = 0 if row is None else row.version
            if expected_version is not None and expected_version != current:
                raise UserError(_changed_meanwhile())
            if row is None:
                row = TargetSettings(id=SETTINGS_ID)
                session.add(row)
            for field in fields(settings):
                setattr(row, field.name, getattr(settings, field.name))
            session.flush()
            return SavedSettings(_from_row(row), row.version)
    except (StaleDataError, IntegrityError):  # a concurrent update, or a concurrent first row
        raise UserError(_changed_meanwhile()) from None


#: The centre's name as migration 0003 stores it; also the name when the settings row is missing.
DEFAULT_CENTRE_NAME = "Expat Center Twente"
#: The longest name the column holds.
CENTRE_NAME_MAX = 200


def read_centre_name(database: Database) -> str:
    """The centre's name that the printed reports show."""
    with database.reading() as session:
        row = session.get(TargetSettings, SETTINGS_ID)
        return DEFAULT_CENTRE_NAME if row is None else row.centre_name


def update_centre_name(database: Database, actor: Actor, name: str) -> str:
    """Store the centre's name (trimmed) in one transaction; returns what is now stored.

    Only managers and administrators may (:data:`Permission.TARGET_SETTINGS`). Raises
    :class:`InvalidSettingError` with field ``"centre_name"`` when the name is empty or longer
    than :data:`CENTRE_NAME_MAX` characters.
    """
    actor.require(Permission.TARGET_SETTINGS)
    name = " ".join(name.split())
    if not name:
        raise InvalidSettingError("centre_name", _("The centre's name must not be empty."))
    if len(name) > CENTRE_NAME_MAX:
        raise InvalidSettingError(
            "centre_name",
            _("The centre's name must not be longer than {count} characters.").format(
                count=CENTRE_NAME_MAX
            ),
        )
    try:
        with database.transaction(actor) as session:
            row = session.get(TargetSettings, SETTINGS_ID, with_for_update=True)
            if row is None:
                row = TargetSettings(id=SETTINGS_ID, **DEFAULTS.to_json())
                session.add(row)
            row.centre_name = name
            session.flush()
            return row.centre_name
    except (StaleDataError, IntegrityError):  # a concurrent update, or a concurrent first row
        raise UserError(_changed_meanwhile()) from None


def _changed_meanwhile() -> str:
    return _("Someone else changed the target settings in the meantime; open them again.")


def _from_row(row: TargetSettings) -> Settings:
    return Settings(
        alpha=float(row.alpha),
        min_n=int(row.min_n),
        n_threshold=float(row.n_threshold),
        n_growth_from=int(row.n_growth_from),
        o_threshold=float(row.o_threshold),
        p_threshold=float(row.p_threshold),
    )
