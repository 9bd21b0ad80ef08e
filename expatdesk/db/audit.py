"""The audit trail: every create, update and delete of a record, written in the same transaction.

A listener on every ORM session (``after_flush``) looks at what the flush wrote and adds one
``audit_entry`` per record: who (the actor that :meth:`Database.transaction` put in
``session.info["actor"]``), when, which record, and which fields changed from what to what, as
JSON ``{"field": [old, new]}``. A BSN is never written in clear: only its masked form (the last four
digits); password hashes are written as ``"(changed)"``. Bookkeeping columns (``version``,
``search_key``, timestamps) are left out.

Writes that bypass the ORM (bulk demo data, bulk imports) are not in the trail record by record;
they write entries of their own, made with :func:`creation_changes` and :func:`trail_value` so
that they read like those of the ORM.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from expatdesk.db.models import (
    AuditEntry,
    Base,
    Case,
    CaseNote,
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
}
ENTITY_CLASSES: dict[str, type[Base]] = {name: cls for cls, name in AUDITED.items()}
_SKIPPED = frozenset({"version", "search_key", "created_at", "updated_at"})
_SECRET = frozenset({"password_hash"})
_MASKED = frozenset({"bsn"})


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
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


def _columns(obj: Base) -> list[str]:
    return _columns_of(type(obj))


def creation_changes(cls: type[Base], values: Mapping[str, Any]) -> dict[str, list[Any]]:
    """What the trail records for a new ``cls`` record with these column ``values``: every field
    that is set, as ``[None, value]`` (see :func:`trail_value`)."""
    changes: dict[str, list[Any]] = {}
    for key in _columns_of(cls):
        value = values.get(key)
        if value is not None and value is not False:
            changes[key] = [None, trail_value(key, value)]
    return changes


def _created(obj: Base) -> dict[str, list[Any]]:
    return creation_changes(type(obj), {key: getattr(obj, key, None) for key in _columns(obj)})


def _deleted(obj: Base) -> dict[str, list[Any]]:
    loaded = inspect(obj).dict
    changes: dict[str, list[Any]] = {}
    for key in _columns(obj):
        value = loaded.get(key)
        if value is not None and value is not False:
            changes[key] = [trail_value(key, value), None]
    return changes


def _updated(obj: Base) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for key in _columns(obj):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        if key in _SECRET:
            changes[key] = ["(changed)", "(changed)"]
        else:
            changes[key] = [trail_value(key, old), trail_value(key, new)]
    return changes


def _record_id(obj: Base) -> int:
    if isinstance(obj, SurveyFacility):  # pragma: no cover - not audited on its own
        return obj.response_id
    identity = inspect(obj).identity
    return int(identity[0]) if identity else int(getattr(obj, "id", 0) or 0)


def actor_of(session: Session) -> tuple[int | None, str]:
    """The staff user id and username the session acts for (``system`` when none was given)."""
    actor = session.info.get("actor")
    if actor is None:
        return None, "system"
    return actor.user_id, actor.username


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


@event.listens_for(Session, "after_flush")
def _audit_flush(session: Session, _context: UOWTransaction) -> None:
    rows: list[dict[str, Any]] = []
    for obj in session.new:
        name = AUDITED.get(type(obj))
        if name:
            rows.append(entry(session, "create", name, _record_id(obj), _created(obj)))
    for obj in session.dirty:
        name = AUDITED.get(type(obj))
        if name and session.is_modified(obj, include_collections=False):
            changes = _updated(obj)
            if changes:
                rows.append(entry(session, "update", name, _record_id(obj), changes))
    for obj in session.deleted:
        name = AUDITED.get(type(obj))
        if name:
            rows.append(entry(session, "delete", name, _record_id(obj), _deleted(obj)))
    write(session, rows)
