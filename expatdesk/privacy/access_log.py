"""The log of reads of personal data (BIO 8.15, the "logboek dataverwerkingen" practice).

Changes are in the audit trail; this log says who *looked*: an expat's record opened, a list
with personal data exported, a subject-access export, and every lookup by BSN (the duplicate
check of a new or changed BSN). An entry names the staff member, the moment, the kind of record
and which one (or how many rows), never the data itself. On PostgreSQL the trigger of the trail
writes the real login's name into each entry (:mod:`expatdesk.db.roles`), and staff may add
entries but never change or delete them.

A lookup by BSN answers "is this BSN known?" — tried often enough with candidates it would give
back the digits a masked BSN hides. So lookups are logged *and* limited: at most
:data:`BSN_LOOKUPS_PER_HOUR` per staff member in any hour; past that, a lookup is refused with a
message (and the refusal is not counted as a lookup).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from expatdesk.accounts.actor import Actor
from expatdesk.db.audit import who
from expatdesk.db.database import Database
from expatdesk.db.models import AccessLog
from expatdesk.db.types import utcnow
from expatdesk.errors import UserError
from expatdesk.i18n import _

#: Lookups by BSN a staff member may make in any hour.
BSN_LOOKUPS_PER_HOUR = 60
_HOUR = timedelta(hours=1)


class TooManyBsnLookupsError(UserError):
    """A staff member looked up more BSNs in the last hour than :data:`BSN_LOOKUPS_PER_HOUR`."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "You looked up {count} BSNs in the last hour, the most allowed: a BSN cannot be "
                "checked for duplicates now. Try again later, or ask a colleague to check it."
            ).format(count=BSN_LOOKUPS_PER_HOUR)
        )


def log_in(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: int | None = None,
    rows: int | None = None,
) -> None:
    """Add an entry in the session's transaction."""
    user_id, username = who(actor)
    session.execute(
        insert(AccessLog).values(
            at=utcnow(),
            staff_user_id=user_id,
            username=username,
            action=action,
            entity=entity,
            entity_id=entity_id,
            rows=rows,
        )
    )


def log(
    database: Database,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: int | None = None,
    rows: int | None = None,
) -> None:
    """Add an entry in a transaction of its own."""
    with database.transaction(actor) as session:
        log_in(session, actor, action, entity, entity_id, rows)


def record_opened(database: Database, actor: Actor | None, entity: str, record_id: int) -> None:
    """Someone opened the record ``record_id`` of ``entity`` (an expat's page)."""
    log(database, actor, "view_record", entity, record_id)


def bsn_lookup_in(session: Session, actor: Actor | None) -> None:
    """Log a lookup by BSN in the session's transaction, or raise
    :class:`TooManyBsnLookupsError` when the actor made too many in the last hour."""
    _user_id, username = who(actor)
    since = utcnow() - _HOUR
    made = session.scalar(
        select(func.count())
        .select_from(AccessLog)
        .where(
            AccessLog.username == username,
            AccessLog.action == "lookup_bsn",
            AccessLog.at >= since,
        )
    )
    if (made or 0) >= BSN_LOOKUPS_PER_HOUR:
        raise TooManyBsnLookupsError()
    log_in(session, actor, "lookup_bsn", "expat")


def bsn_lookup(database: Database, actor: Actor | None) -> None:
    """:func:`bsn_lookup_in` in a transaction of its own (before a read that looks a BSN up)."""
    with database.transaction(actor) as session:
        bsn_lookup_in(session, actor)
