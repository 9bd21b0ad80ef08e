"""The idle lock: after how many minutes without input a session locks.

The lock itself is the desktop app's (:mod:`expatdesk.qt.accounts.idle_lock`); unlocking checks
the password as a sign-in does (:func:`expatdesk.accounts.sign_in.unlock`).
"""

from __future__ import annotations

from expatdesk.accounts.actor import Actor, Permission
from expatdesk.common.centre_settings import read_setting, store_setting
from expatdesk.common.validation import FieldError, ValidationError
from expatdesk.db.database import Database
from expatdesk.i18n import _

IDLE_LOCK_RANGE = (1, 1440)


def read_idle_lock_minutes(database: Database) -> int:
    """Minutes without input after which a session locks."""
    return read_setting(database, "idle_lock_minutes")


def update_idle_lock_minutes(database: Database, actor: Actor, minutes: int) -> int:
    """Store the idle-lock minutes (administrators); returns what is now stored."""
    actor.require(Permission.STAFF)
    low, high = IDLE_LOCK_RANGE
    if not low <= minutes <= high:
        raise ValidationError(
            [
                FieldError(
                    "idle_lock_minutes",
                    _("Between {low} and {high} minutes.").format(low=low, high=high),
                )
            ]
        )
    return store_setting(database, actor, "idle_lock_minutes", minutes)
