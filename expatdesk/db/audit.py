"""The audit trail: entries the app writes itself, and the Python twin of the database's triggers.

Every create, update and delete of a record is written by the database (:mod:`expatdesk.db.trail`),
whoever made it. The app adds entries for what no row change shows: a BSN shown in full
(``view_bsn``), linked records of an expat or employer changed, a merge, a password changed on
the PostgreSQL server. :func:`entry` and :func:`write` make them for the actor of the session
(``session.info["actor"]``, put there by :meth:`Database.transaction`).

:func:`creation_changes` and :func:`trail_value` give what the triggers write for a new record
(a BSN masked, a secret hidden, dates and moments as ISO text): the demo's trail uses them to
read like the real one, and the tests compare them with the triggers' entries.

:func:`changes_of` reads an entry's ``changes`` back: the one parser of the trail's JSON that the
history, the stale-record message, the dashboard, subject access and the erasure's scrubbing use.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, Protocol

from sqlalchemy import insert, inspect
from sqlalchemy.orm import Session

from expatdesk.db import trail
from expatdesk.db.models import (
    AuditEntry,
    Base,
    Case,
    CaseNote,
    CentreSettings,
    ContactPerson,
    DeliveryDocument,
    Employer,
    Expat,
    FamilyMember,
    HiringRecord,
    Permit,
    ServiceDelivery,
    StaffUser,
    SurveyFacility,
    SurveyResponse,
    TargetSettings,
    Task,
)
from expatdesk.db.models.documents import CaseDocument, LetterTemplate
from expatdesk.db.types import utcnow
from expatdesk.text import mask_bsn

#: The audited records and the name the trail gives them.
AUDITED: dict[type[Base], str] = {
    Employer: "employer",
    ContactPerson: "contact_person",
    HiringRecord: "hiring_record",
    Expat: "expat",
    FamilyMember: "family_member",
    Permit: "permit",
    Case: "case",
    CaseNote: "case_note",
    Task: "task",
    ServiceDelivery: "service_delivery",
    DeliveryDocument: "delivery_document",
    SurveyResponse: "survey_response",
    StaffUser: "staff_user",
    TargetSettings: "target_settings",
    CentreSettings: "centre_settings",
    SurveyFacility: "survey_response_facility",
    CaseDocument: "case_document",
    LetterTemplate: "letter_template",
}
ENTITY_CLASSES: dict[str, type[Base]] = {name: cls for cls, name in AUDITED.items()}
_SKIPPED = trail.SKIPPED
_SECRET = trail.SECRET
_MASKED = trail.MASKED
#: The marker that replaces an erased value in the trail (:mod:`expatdesk.privacy.trail`).
ERASED = "(erased)"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):  # in UTC, as the database stores it
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def trail_value(key: str, value: Any) -> Any:
    """A field's value as the trail writes it: a BSN masked, a secret hidden, dates as ISO text."""
    if key in _MASKED:
        return mask_bsn(value)
    if key in _SECRET:
        return None if value is None else "(set)"
    return _plain(value)


def _columns_of(cls: type[Base]) -> list[str]:
    return [
        attr.key
        for attr in inspect(cls).column_attrs
        if attr.key not in _SKIPPED and attr.key != "id"
    ]


def creation_changes(cls: type[Base], values: Mapping[str, Any]) -> dict[str, list[Any]]:
    """What the trail records for a new ``cls`` record with these column ``values``: every field
    that is set, as ``[None, value]`` (see :func:`trail_value`)."""
    changes: dict[str, list[Any]] = {}
    for key in _columns_of(cls):
        value = values.get(key)
        if value is not None and value is not False:
            changes[key] = [None, trail_value(key, value)]
    return changes


class Acting(Protocol):
    """Who acts, as far as the trail needs to know: an :class:`expatdesk.accounts.actor.Actor`
    (the database layer does not reach up into accounts for it)."""

    @property
    def user_id(self) -> int | None: ...

    @property
    def username(self) -> str: ...


def who(actor: Acting | None) -> tuple[int | None, str]:
    """The staff user id and username of ``actor`` (``None`` is the system)."""
    if actor is None:
        return None, "system"
    return actor.user_id, actor.username


def actor_of(session: Session) -> tuple[int | None, str]:
    """The staff user id and username the session acts for (``system`` when none was given)."""
    return who(session.info.get("actor"))


def entry(
    session: Session, action: str, entity: str, entity_id: int, changes: dict[str, Any] | None
) -> dict[str, Any]:
    """The values of one ``audit_entry`` row for the session's actor."""
    user_id, username = actor_of(session)
    return {
        "at": utcnow(),
        "staff_user_id": user_id,
        "username": username,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True) if changes else None,
    }


def write(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert audit rows on the session's connection (inside its transaction)."""
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def changes_of(changes: str | None) -> dict[str, Any]:
    """An entry's ``changes`` as written by :func:`entry` or the triggers: field name to
    ``[old, new]`` (or the marker of a link). Empty for no changes, and for text that is not a
    JSON object (the trail never holds such text; a reader shows nothing rather than fail)."""
    if not changes:
        return {}
    try:
        data = json.loads(changes)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
