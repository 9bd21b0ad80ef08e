"""The centre's own settings (``centre_settings``, one row): read and stored one field at a time.

The callers own their field: :mod:`expatdesk.accounts.idle` the idle-lock minutes,
:mod:`expatdesk.privacy.retention` the retention years; they check the permission and the range,
this module reads and writes the row (creating it when a database lacks it).
"""

from __future__ import annotations

from expatdesk.accounts.actor import Actor, database_refusals
from expatdesk.db.database import Database
from expatdesk.db.models import CentreSettings

#: The values migration 0004 gives a new row.
DEFAULTS: dict[str, int] = {"retention_years": 7, "idle_lock_minutes": 15}


def read_setting(database: Database, name: str) -> int:
    """The stored value of the setting ``name`` (its default when there is no row)."""
    with database.reading() as session:
        row = session.get(CentreSettings, 1)
        return DEFAULTS[name] if row is None else int(getattr(row, name))


def store_setting(database: Database, actor: Actor, name: str, value: int) -> int:
    """Store ``value`` for ``name`` in one transaction; returns what is now stored.

    The caller has checked the actor's permission and the value's range.
    """
    with database_refusals(), database.transaction(actor) as session:
        row = session.get(CentreSettings, 1, with_for_update=True)
        if row is None:
            row = CentreSettings(id=1, **DEFAULTS)
            session.add(row)
        setattr(row, name, value)
        session.flush()
        return int(getattr(row, name))
