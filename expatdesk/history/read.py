"""A record's history, read from the audit trail: who changed what, when, from what to what.

:func:`record_history` gives the entries of one expat or employer, newest first, together with
those of its parts: an expat's family members and permits, an employer's contact persons and
international hires. A part's entries carry the part's own entity and id, so the history finds
them through the record's current parts and, for parts that were removed since, through the
``expat_id`` / ``employer_id`` in the JSON of their create and delete entries. Reading every such
entry of the trail would grow with the centre's whole past, so only the entries written around
the record's own entries are read (a part only ever changes in a transaction that also writes an
entry on its record: :mod:`expatdesk.expats.write` and :mod:`expatdesk.employers.write` note the
change of a part on the record itself); the JSON then tells whose part it was.

Entries carry data, not sentences: :attr:`HistoryEntry.what` and the texts of
:class:`~expatdesk.history.values.FieldChange` are made in the active language each time they are
read, so a page drawn again after a language switch speaks the new language. Values are shown
readably (:mod:`expatdesk.history.values`): code values as their labels, dates formatted, an
employer by its name. A BSN stays masked, as the trail stores it; values erased when an expat was
anonymised (:mod:`expatdesk.privacy.erasure`) show as "(erased)".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from expatdesk.common.labels import Label
from expatdesk.db import audit
from expatdesk.db.audit import ERASED
from expatdesk.db.database import Database
from expatdesk.db.models import (
    AuditEntry,
    ContactPerson,
    Expat,
    FamilyMember,
    HiringRecord,
    Permit,
    StaffUser,
)
from expatdesk.history.values import (
    Coded,
    FieldChange,
    Lookups,
    in_form_order,
    pairs,
    value_text,
)
from expatdesk.i18n import N_, _
from expatdesk.text import full_name

#: How many entries a history reads at most (the newest).
ENTRY_LIMIT = 200
#: A part's entries are looked for this long before and after each entry of its record (they are
#: written in the same transaction, milliseconds apart).
WINDOW = timedelta(seconds=5)
#: At most this many windows are searched (the newest): older parts are found while they exist.
WINDOW_LIMIT = 400


@dataclass(frozen=True)
class PartSpec:
    """A kind of part of a record: its entity in the trail, its model and its link column."""

    entity: str
    model: type[FamilyMember] | type[Permit] | type[ContactPerson] | type[HiringRecord]
    key: str  # the column naming the record: "expat_id", "employer_id"


#: The parts of each kind of record whose entries its history shows.
PARTS: dict[str, tuple[PartSpec, ...]] = {
    "expat": (
        PartSpec("family_member", FamilyMember, "expat_id"),
        PartSpec("permit", Permit, "expat_id"),
    ),
    "employer": (
        PartSpec("contact_person", ContactPerson, "employer_id"),
        PartSpec("hiring_record", HiringRecord, "employer_id"),
    ),
}


@dataclass(frozen=True)
class PartName:
    """Which part an entry is about: a family member's name, a permit's type and number…"""

    entity: str
    name: str | None = None  # a person's name, a permit number, a year
    label: Label | Coded | None = None  # a permit's type, a family member's relation

    def __str__(self) -> str:
        label = value_text(self.label)
        if self.name and label:
            return _("{name} ({kind})").format(name=self.name, kind=label)
        return self.name or label


_PART_WHAT: dict[str, dict[str, str]] = {
    "family_member": {
        "create": N_("Added family member {part}"),
        "update": N_("Changed family member {part}"),
        "delete": N_("Removed family member {part}"),
    },
    "permit": {
        "create": N_("Added permit {part}"),
        "update": N_("Changed permit {part}"),
        "delete": N_("Removed permit {part}"),
    },
    "contact_person": {
        "create": N_("Added contact person {part}"),
        "update": N_("Changed contact person {part}"),
        "delete": N_("Removed contact person {part}"),
    },
    "hiring_record": {
        "create": N_("Added international hires {part}"),
        "update": N_("Changed international hires {part}"),
        "delete": N_("Removed international hires {part}"),
    },
}
_RECORD_WHAT = {
    "create": N_("Registered"),
    "update": N_("Changed"),
    "delete": N_("Deleted"),
}


@dataclass(frozen=True)
class HistoryEntry:
    """One entry of a record's history."""

    id: int
    at: datetime
    who: str  # the staff member's display name, or the username the trail kept
    action: str  # "create", "update", "delete", "view_bsn"
    entity: str  # the record's own entity, or one of its parts'
    entity_id: int
    changes: tuple[FieldChange, ...] = ()
    part: PartName | None = None  # set when the entry is about a part of the record

    def change(self, name: str) -> FieldChange | None:
        for change in self.changes:
            if change.field == name:
                return change
        return None

    @property
    def what(self) -> str:
        """What happened, in the active language: "Changed", "Showed the BSN"…"""
        if self.action == "view_bsn":
            if self.change("purpose") is not None:
                return _("Showed the BSN in a subject access export")
            return _("Showed the BSN")
        if self.part is not None and self.entity in _PART_WHAT:
            text = _(_PART_WHAT[self.entity][self.action]).format(part=str(self.part))
            return text.strip()
        if self.change("anonymised_at") is not None:
            return _("Erased the personal data")
        merged = self.change("merged_from")
        if merged is not None:
            return _("Merged {ref} into this record").format(ref=merged.new_text)
        return _(_RECORD_WHAT.get(self.action, self.action))

    @property
    def details(self) -> tuple[FieldChange, ...]:
        """The changes worth a line, in the order of the forms: not those :attr:`what` says
        already, nor the link of a part to its record, nor the values of a removed part."""
        if self.action == "delete" and self.part is not None:
            return ()
        hidden = {"purpose", "merged_from", "anonymised_at", "expat_id", "employer_id"}
        if self.part is None:
            hidden = {"purpose", "merged_from", "anonymised_at"}
        return in_form_order(change for change in self.changes if change.field not in hidden)


@dataclass(frozen=True)
class History:
    """The newest entries of a record's history and how many there are in all."""

    entries: tuple[HistoryEntry, ...] = ()
    total: int = 0
    #: When the record's personal data was erased, if it was (expats).
    anonymised_at: datetime | None = None


# --- finding the entries ----------------------------------------------------------------------


def names_record(changes: Mapping[str, Any], key: str, record_ids: Iterable[int]) -> bool:
    """Whether an entry's changes name one of ``record_ids`` in ``key`` (before or after)."""
    value = changes.get(key)
    if not isinstance(value, list):
        return False
    wanted = set(record_ids)
    return any(isinstance(side, int) and side in wanted for side in value)


def _windows(moments: Sequence[datetime]) -> list[tuple[datetime, datetime]]:
    """The merged spans of :data:`WINDOW` around ``moments``, newest first."""
    spans: list[tuple[datetime, datetime]] = []
    for moment in sorted(moments, reverse=True):
        start, end = moment - WINDOW, moment + WINDOW
        if spans and end >= spans[-1][0]:
            spans[-1] = (start, spans[-1][1])
        else:
            spans.append((start, end))
    return spans[:WINDOW_LIMIT]


def part_ids(
    session: Session, entity: str, entity_id: int
) -> dict[str, tuple[set[int], dict[int, dict[str, Any]]]]:
    """Per part entity, the ids of the record's parts (current ones and removed ones found in
    the trail around the record's own entries), and the JSON of the part entries read there."""
    specs = PARTS.get(entity, ())
    found: dict[str, tuple[set[int], dict[int, dict[str, Any]]]] = {}
    for spec in specs:
        link = getattr(spec.model, spec.key)
        current = set(session.scalars(select(spec.model.id).where(link == entity_id)))
        found[spec.entity] = (current, {})
    if not specs:
        return found
    moments = list(
        session.scalars(
            select(AuditEntry.at).where(
                AuditEntry.entity == entity,
                AuditEntry.entity_id == entity_id,
                AuditEntry.action.in_(("create", "update")),
            )
        )
    )
    spans = _windows(moments)
    if not spans:
        return found
    by_entity = {spec.entity: spec for spec in specs}
    # Only the moments narrow the search down: the entries of a kind of part are as many as
    # the trail's years made, those of a few seconds are few. The kind is checked here.
    rows = session.execute(
        select(
            AuditEntry.entity, AuditEntry.entity_id, AuditEntry.action, AuditEntry.changes
        ).where(or_(*(AuditEntry.at.between(start, end) for start, end in spans)))
    )
    for part_entity, part_id, action, changes in rows:
        if part_entity not in by_entity or action == "view_bsn":
            continue
        data = audit.changes_of(changes)
        if names_record(data, by_entity[part_entity].key, (entity_id,)):
            ids, seen = found[part_entity]
            ids.add(part_id)
            seen[part_id] = data
    return found


def _condition(
    entity: str, entity_id: int, parts: Mapping[str, tuple[set[int], Any]]
) -> ColumnElement[bool]:
    conditions = [and_(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)]
    for part_entity, (ids, _seen) in parts.items():
        if ids:
            conditions.append(
                and_(AuditEntry.entity == part_entity, AuditEntry.entity_id.in_(sorted(ids)))
            )
    return or_(*conditions)


def load_history(
    database: Database, entity: str, entity_id: int, limit: int = ENTRY_LIMIT
) -> History:
    """The newest ``limit`` entries of the record ``entity`` ``entity_id`` (``"expat"``,
    ``"employer"``) and its parts, newest first, with how many entries there are in all."""
    with database.reading() as session:
        return history_in(session, entity, entity_id, limit)


def record_history(
    database: Database, entity: str, entity_id: int, limit: int = ENTRY_LIMIT
) -> list[HistoryEntry]:
    """The newest ``limit`` entries of a record and its parts, newest first."""
    return list(load_history(database, entity, entity_id, limit).entries)


def history_in(session: Session, entity: str, entity_id: int, limit: int = ENTRY_LIMIT) -> History:
    """:func:`load_history` inside an open session."""
    parts = part_ids(session, entity, entity_id)
    condition = _condition(entity, entity_id, parts)
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(condition)) or 0
    rows = list(
        session.scalars(
            select(AuditEntry)
            .where(condition)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(limit)
        )
    )
    anonymised_at = None
    if entity == "expat":
        anonymised_at = session.scalar(select(Expat.anonymised_at).where(Expat.id == entity_id))
    raw = [(row, audit.changes_of(row.changes)) for row in rows]
    values = Lookups.read(session, [data for _row, data in raw])
    names = _staff_names(session, {row.staff_user_id for row in rows})
    seen: dict[tuple[str, int], dict[str, Any]] = {}
    for part_entity, (ids, window_rows) in parts.items():
        for part_id, data in window_rows.items():
            seen[(part_entity, part_id)] = data
        _current_parts(session, part_entity, ids, seen)
    for row, data in raw:
        if row.entity != entity and row.action in ("create", "delete"):
            seen.setdefault((row.entity, row.entity_id), data)
    entries = tuple(
        HistoryEntry(
            id=row.id,
            at=row.at,
            who=names.get(row.staff_user_id, row.username)
            if row.staff_user_id is not None
            else row.username,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            changes=tuple(
                FieldChange(name, values.shown(name, old), values.shown(name, new))
                for name, (old, new) in pairs(data)
            ),
            part=None
            if row.entity == entity
            else _part_name(row.entity, seen.get((row.entity, row.entity_id), {}), values),
        )
        for row, data in raw
    )
    return History(entries, int(total), anonymised_at)


def _staff_names(session: Session, ids: set[int | None]) -> dict[int | None, str]:
    wanted = sorted(user_id for user_id in ids if user_id is not None)
    if not wanted:
        return {}
    rows = session.execute(
        select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(wanted))
    )
    return {row.id: row.display_name for row in rows}


def _current_parts(
    session: Session, entity: str, ids: set[int], seen: dict[tuple[str, int], dict[str, Any]]
) -> None:
    """The names of the parts that still exist, in the JSON form of the trail."""
    wanted = sorted(ids)
    if not wanted:
        return
    columns: dict[str, Any]
    if entity == "family_member":
        for member in session.execute(
            select(
                FamilyMember.id,
                FamilyMember.relation,
                FamilyMember.given_name,
                FamilyMember.family_name,
            ).where(FamilyMember.id.in_(wanted))
        ):
            columns = {
                "relation": member.relation,
                "given_name": member.given_name,
                "family_name": member.family_name,
            }
            seen[(entity, member.id)] = _as_created(columns)
    elif entity == "permit":
        for permit in session.execute(
            select(Permit.id, Permit.permit_type_code, Permit.number).where(Permit.id.in_(wanted))
        ):
            columns = {"permit_type_code": permit.permit_type_code, "number": permit.number}
            seen[(entity, permit.id)] = _as_created(columns)
    elif entity == "contact_person":
        for contact in session.execute(
            select(ContactPerson.id, ContactPerson.name).where(ContactPerson.id.in_(wanted))
        ):
            seen[(entity, contact.id)] = _as_created({"name": contact.name})
    elif entity == "hiring_record":
        for record in session.execute(
            select(HiringRecord.id, HiringRecord.year).where(HiringRecord.id.in_(wanted))
        ):
            seen[(entity, record.id)] = _as_created({"year": record.year})


def _as_created(columns: Mapping[str, Any]) -> dict[str, Any]:
    return {name: [None, value] for name, value in columns.items()}


def _side(data: Mapping[str, Any], name: str) -> Any:
    """The value an entry knows of a field: the new one, else the old one; erased is none."""
    value = data.get(name)
    if not isinstance(value, list) or len(value) != 2:
        return None
    known = value[1] if value[1] is not None else value[0]
    return None if known == ERASED else known


def _part_name(entity: str, data: Mapping[str, Any], values: Lookups) -> PartName:
    if entity == "family_member":
        given, family = _side(data, "given_name"), _side(data, "family_name")
        relation = _side(data, "relation")
        name = full_name(given, family) if given or family else None
        return PartName(entity, name, Coded("relation", relation) if relation else None)
    if entity == "permit":
        code = _side(data, "permit_type_code")
        label = values.shown("permit_type_code", code) if code else None
        return PartName(
            entity,
            _side(data, "number"),
            label if isinstance(label, (Label, Coded)) else None,
        )
    if entity == "contact_person":
        return PartName(entity, _side(data, "name"))
    if entity == "hiring_record":
        year = _side(data, "year")
        return PartName(entity, None if year is None else str(year))
    return PartName(entity)
