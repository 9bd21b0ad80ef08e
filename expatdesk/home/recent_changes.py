"""The home screen's recently changed records, from the audit trail.

The latest distinct expats, employers and cases that someone created, changed or deleted, with
who did it, when and what changed. A change to a linked record (a permit, a task, a contact
person…) counts as a change of the record it belongs to. A deleted record keeps its last known
name but cannot be opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from expatdesk.db import audit
from expatdesk.db.audit import ENTITY_CLASSES
from expatdesk.db.models import AuditEntry, Case, Employer, Expat, StaffUser
from expatdesk.i18n import N_, _
from expatdesk.text import full_name

RECENT_LIMIT = 15
#: The audit trail is read newest first in batches, at most this deep, for the recent records.
AUDIT_BATCH = 250
AUDIT_DEPTH = 5_000

RECORD_KINDS = ("expat", "employer", "case")
_CHANGES = frozenset({"create", "update", "delete"})  # not "view_bsn"

#: Audited tables and the record a change of theirs belongs to: (kind, column of its id), the
#: first that is set. ``()``: the record itself. A ``delivery_document`` row is identified by its
#: delivery.
_PARENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "expat": (),
    "employer": (),
    "case": (),
    "family_member": (("expat", "expat_id"),),
    "permit": (("expat", "expat_id"),),
    "contact_person": (("employer", "employer_id"),),
    "hiring_record": (("employer", "employer_id"),),
    "task": (("case", "case_id"),),
    "case_note": (("case", "case_id"),),
    "service_delivery": (
        ("case", "case_id"),
        ("expat", "expat_id"),
        ("employer", "employer_id"),
    ),
    "survey_response": (("expat", "expat_id"), ("employer", "employer_id")),
    "case_document": (("case", "case_id"),),
}

#: What changed, as the recent changes name it (lower case: it starts no sentence).
THINGS: dict[str, str] = {
    "expat": N_("expat"),
    "employer": N_("employer"),
    "case": N_("case"),
    "family_member": N_("family member"),
    "permit": N_("permit"),
    "contact_person": N_("contact person"),
    "hiring_record": N_("hiring figures"),
    "task": N_("task"),
    "case_note": N_("note"),
    "service_delivery": N_("service delivery"),
    "delivery_document": N_("checklist"),
    "survey_response": N_("survey response"),
    "case_document": N_("document"),
}


@dataclass(frozen=True)
class RecentChange:
    """The latest change of one expat, employer or case (or of a record linked to it)."""

    kind: str  # "expat", "employer" or "case"
    id: int
    name: str  # the current name; the last known one when the record was deleted
    ref: str | None
    exists: bool  # False: the record was deleted and cannot be opened
    action: str  # "create", "update" or "delete" of ``entity``
    entity: str  # the audited table: the record itself ("expat") or linked ("permit")
    at: datetime
    who: str

    @property
    def link(self) -> tuple[str, int] | None:
        return (self.kind, self.id) if self.exists else None

    @property
    def description(self) -> str:
        """What happened, in the active language: "expat created", "permit added"…"""
        thing = _(THINGS.get(self.entity, self.entity))
        itself = self.entity == self.kind
        if self.action == "create":
            return (_("{thing} created") if itself else _("{thing} added")).format(thing=thing)
        if self.action == "delete":
            return (_("{thing} deleted") if itself else _("{thing} removed")).format(thing=thing)
        return _("{thing} changed").format(thing=thing)


@dataclass(frozen=True)
class _Seen:
    kind: str
    id: int
    entry: Any  # the audit row
    changes: dict[str, Any]


#: Entries this close together, by one person, of a record and its linked records, are one save.
SAME_SAVE = timedelta(seconds=5)


def _same_save(newer: Any, row: Any, kind: str) -> bool:
    """Whether ``row`` is the record's own entry of the save that wrote ``newer``, a linked
    record's entry: a new expat saved with a permit is "expat created", not "permit added".

    (On PostgreSQL a staff login's entries carry the server's clock per row, so one save's
    entries differ by moments; the trail has no transaction id to tell them apart otherwise.)
    """
    return bool(
        row.entity == kind
        and newer.entity != kind
        and row.username == newer.username
        and newer.at - row.at <= SAME_SAVE
    )


def recent_changes(session: Session, limit: int = RECENT_LIMIT) -> tuple[RecentChange, ...]:
    """The latest ``limit`` distinct expats, employers and cases changed, from the audit trail."""
    # Newest first along the index on ``at``; the rows that are no change of a client record
    # (a BSN viewed, a staff account, the settings) are skipped here, not by the query, which
    # would then walk the (entity, entity_id) index and sort the whole trail.
    statement = (
        select(
            AuditEntry.id,
            AuditEntry.at,
            AuditEntry.username,
            AuditEntry.action,
            AuditEntry.entity,
            AuditEntry.entity_id,
            AuditEntry.changes,
            StaffUser.display_name,
        )
        .outerjoin(StaffUser, StaffUser.id == AuditEntry.staff_user_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    seen: dict[tuple[str, int], _Seen] = {}
    for offset in range(0, AUDIT_DEPTH, AUDIT_BATCH):
        rows = session.execute(statement.offset(offset).limit(AUDIT_BATCH)).all()
        for row, (kind, record_id, changes) in zip(rows, _owners(session, rows), strict=True):
            if kind is None or record_id is None:
                continue
            found = seen.get((kind, record_id))
            if found is None or _same_save(found.entry, row, kind):
                seen[kind, record_id] = _Seen(kind, record_id, row, changes)
        if len(seen) >= limit or len(rows) < AUDIT_BATCH:
            break
    chosen = sorted(seen.values(), key=lambda item: (item.entry.at, item.entry.id), reverse=True)
    chosen = chosen[:limit]
    names = _current_names(session, chosen)
    result = []
    for item in chosen:
        row = item.entry
        current = names.get((item.kind, item.id))
        name, ref = current if current else _last_known_name(item)
        result.append(
            RecentChange(
                kind=item.kind,
                id=item.id,
                name=name,
                ref=ref,
                exists=current is not None,
                action=row.action,
                entity=row.entity,
                at=row.at,
                who=row.display_name or row.username,
            )
        )
    return tuple(result)


def _value(changes: dict[str, Any], column: str) -> Any:
    """A column's value from an audit entry's changes: the new one, or the old one (a delete)."""
    pair = changes.get(column)
    if not isinstance(pair, list) or len(pair) != 2:
        return None
    return pair[1] if pair[1] is not None else pair[0]


def _owners(
    session: Session, rows: Sequence[Any]
) -> list[tuple[str | None, int | None, dict[str, Any]]]:
    """The (kind, id) each audit row belongs to (``None`` when unknown), and its changes.

    The changes of a created or deleted linked record name its parent; an update's may not, so
    those parents are looked up in the linked table (one query per table).
    """
    owners: list[tuple[str, int] | None] = []
    all_changes: list[dict[str, Any]] = []
    missing: dict[str, set[int]] = {}
    for row in rows:
        if row.action not in _CHANGES:
            owners.append(None)
            all_changes.append({})
            continue
        changes = audit.changes_of(row.changes)
        all_changes.append(changes)
        # A ticked checklist document is identified by its delivery.
        entity = "service_delivery" if row.entity == "delivery_document" else row.entity
        parents = _PARENTS.get(entity)
        owner: tuple[str, int] | None = None
        if parents == ():
            owner = (entity, row.entity_id)
        elif parents and row.entity != "delivery_document":
            owner = _owner_from(parents, changes)
        if owner is None and parents:
            missing.setdefault(entity, set()).add(row.entity_id)
        owners.append(owner)
    found = _look_up_owners(session, missing)
    result: list[tuple[str | None, int | None, dict[str, Any]]] = []
    for row, owner, changes in zip(rows, owners, all_changes, strict=True):
        if owner is None and row.action in _CHANGES:
            entity = "service_delivery" if row.entity == "delivery_document" else row.entity
            owner = found.get((entity, row.entity_id))
        result.append((owner[0], owner[1], changes) if owner else (None, None, changes))
    return result


def _owner_from(
    parents: Iterable[tuple[str, str]], values: dict[str, Any] | Any
) -> tuple[str, int] | None:
    for kind, column in parents:
        value = _value(values, column) if isinstance(values, dict) else getattr(values, column)
        if isinstance(value, int):
            return kind, value
    return None


def _look_up_owners(
    session: Session, missing: dict[str, set[int]]
) -> dict[tuple[str, int], tuple[str, int]]:
    found: dict[tuple[str, int], tuple[str, int]] = {}
    for entity, ids in missing.items():
        table = ENTITY_CLASSES[entity]
        parents = _PARENTS[entity]
        columns = [getattr(table, column) for _kind, column in parents]
        for row in session.execute(select(table.id, *columns).where(table.id.in_(ids))):  # type: ignore[attr-defined]
            owner = _owner_from(parents, row)
            if owner is not None:
                found[entity, row.id] = owner
    return found


def _current_names(
    session: Session, chosen: Sequence[_Seen]
) -> dict[tuple[str, int], tuple[str, str | None]]:
    ids: dict[str, set[int]] = {kind: set() for kind in RECORD_KINDS}
    for item in chosen:
        ids[item.kind].add(item.id)
    names: dict[tuple[str, int], tuple[str, str | None]] = {}
    if ids["expat"]:
        expats = select(Expat.id, Expat.given_name, Expat.family_name, Expat.expat_ref)
        for expat in session.execute(expats.where(Expat.id.in_(ids["expat"]))):
            names["expat", expat.id] = (
                full_name(expat.given_name, expat.family_name),
                expat.expat_ref,
            )
    if ids["employer"]:
        employers = select(Employer.id, Employer.name, Employer.employer_ref)
        for employer in session.execute(employers.where(Employer.id.in_(ids["employer"]))):
            names["employer", employer.id] = (employer.name, employer.employer_ref)
    if ids["case"]:
        cases = select(Case.id, Case.subject, Case.case_ref)
        for row in session.execute(cases.where(Case.id.in_(ids["case"]))):
            names["case", row.id] = (row.subject, row.case_ref)
    return names


def _last_known_name(item: _Seen) -> tuple[str, str | None]:
    """A deleted record's name from its audit entry, when the entry is about the record."""
    changes = item.changes if item.entry.entity == item.kind else {}
    if item.kind == "expat":
        given, family = _value(changes, "given_name"), _value(changes, "family_name")
        name = full_name(given, family) if given or family else ""
        ref = _value(changes, "expat_ref")
    elif item.kind == "employer":
        name, ref = _value(changes, "name") or "", _value(changes, "employer_ref")
    else:
        name, ref = _value(changes, "subject") or "", _value(changes, "case_ref")
    return name or f"#{item.id}", ref if isinstance(ref, str) else None
