"""The audit trail of an erased person: finding every entry about them, and erasing the values.

Its entries stay (who did what when is the centre's accountability), but the values they kept of
the erased data do not: in every entry about the expat, its family members, permits, cases, case
notes, tasks and service deliveries, each value of a field that is not kept (:data:`KEPT`)
becomes ``"(erased)"``; the entries still say which fields changed. Staff cannot change the
trail; on SQLite the service rewrites the entries in the same transaction, on PostgreSQL it calls
``expatdesk_scrub_audit`` (:mod:`expatdesk.db.roles`), a ``SECURITY DEFINER`` function of the
schema's owner that only the administrators' group may execute and that refuses anything but
erasing values.

The records of a person are found by :func:`trail_records` (subject access uses it too), and the
records merged into theirs by :func:`merged_away`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, or_, select, text, update
from sqlalchemy.orm import Session

from expatdesk.db import audit, role_sql, roles
from expatdesk.db.audit import ERASED
from expatdesk.db.database import Database
from expatdesk.db.models import (
    AuditEntry,
    Case,
    CaseDocument,
    CaseNote,
    FamilyMember,
    Permit,
    ServiceDelivery,
    SurveyResponse,
    Task,
)
from expatdesk.documents import privacy as document_privacy

#: How many audit entries are rewritten per statement.
_SCRUB_BATCH = 500

#: Per entity of the trail, the fields whose values survive an erasure; all others are erased.
KEPT: dict[str, frozenset[str]] = {
    "expat": frozenset(
        {"expat_ref", "employer_id", "anonymised_at", "erasure_reason", "merged_from", "purpose"}
        | {"family", "permits"}  # "(changed)" markers of update_expat
    ),
    "family_member": frozenset({"expat_id"}),
    "permit": frozenset({"expat_id"}),
    "case": frozenset(
        {"case_ref", "status", "expat_id", "employer_id", "owner_id", "opened_on", "closed_at"}
    ),
    "case_note": frozenset({"case_id", "author_id"}),
    "task": frozenset({"case_id", "due_date", "done_at"}),
    "service_delivery": frozenset(
        {"service_ref", "service_code", "delivered_on", "expat_id", "employer_id", "case_id"}
    ),
    "case_document": document_privacy.KEPT_FIELDS,
}


_T = TypeVar("_T")


def chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _trail_rows(
    session: Session, entity: str, condition: ColumnElement[bool] | None = None
) -> Iterator[tuple[int, int, str, str | None]]:
    """``(id, entity_id, action, changes)`` of the entries of ``entity``, streamed."""
    statement = select(
        AuditEntry.id, AuditEntry.entity_id, AuditEntry.action, AuditEntry.changes
    ).where(AuditEntry.entity == entity)
    if condition is not None:
        statement = statement.where(condition)
    for row in session.execute(statement.execution_options(yield_per=2000)):
        yield row.id, row.entity_id, row.action, row.changes


#: the database); for more, every entry of the kind is read and its JSON checked here.
_LIKE_LIMIT = 100


def _naming(key: str, parents: set[int]) -> ColumnElement[bool] | None:
    """A condition that holds for every entry whose JSON names one of ``parents`` in ``key``
    (as :func:`audit.entry` writes it: ``"key": [old, new]``), and for few others."""
    if len(parents) > _LIKE_LIMIT:
        return None
    return or_(
        *(
            AuditEntry.changes.like(pattern)
            for parent in sorted(parents)
            for pattern in (f'%"{key}": [{parent}, %', f'%"{key}": [%, {parent}]%')
        )
    )


def _linked(
    session: Session, entity: str, key: str, parents: set[int], known: set[int]
) -> set[int]:
    """``known`` (the records of ``parents`` that exist) and the ``entity`` records the trail
    says were deleted while they belonged to one of ``parents`` through ``key``.

    A deleted record's entry holds all its values, the link to its parent included; records
    that still exist are found in their tables, so only the (few) delete entries are read.
    """
    found = set(known)
    if not parents:
        return found
    # The trail's JSON is written by audit.entry alone (json.dumps), so the pair of a key is
    # found in the text without parsing every entry.
    pair = re.compile(rf'"{re.escape(key)}"\s*:\s*\[\s*(null|-?\d+)\s*,\s*(null|-?\d+)\s*\]')
    wanted = {str(parent) for parent in parents}
    deleted = AuditEntry.action == "delete"
    naming = _naming(key, parents)
    condition = deleted if naming is None else and_(deleted, naming)
    for _id, entity_id, _action, changes in _trail_rows(session, entity, condition):
        if entity_id in found or not changes:
            continue
        match = pair.search(changes)
        if match is not None and (match.group(1) in wanted or match.group(2) in wanted):
            found.add(entity_id)
    return found


def trail_records(
    session: Session, expat_ids: set[int], known: Mapping[str, set[int]] | None = None
) -> dict[str, set[int]]:
    """Every record of the trail that belongs to the expats ``expat_ids``: per entity, the ids
    of the expats themselves, their family members, permits, cases, the cases' notes and tasks,
    service deliveries and survey responses, also those removed since (found through the
    ``expat_id`` / ``case_id`` their entries name). ``known`` adds ids read before rows went."""
    known = known or {}
    current: dict[str, set[int]] = {
        "family_member": set(
            session.scalars(select(FamilyMember.id).where(FamilyMember.expat_id.in_(expat_ids)))
        ),
        "permit": set(session.scalars(select(Permit.id).where(Permit.expat_id.in_(expat_ids)))),
        "case": set(session.scalars(select(Case.id).where(Case.expat_id.in_(expat_ids)))),
        "service_delivery": set(
            session.scalars(
                select(ServiceDelivery.id).where(ServiceDelivery.expat_id.in_(expat_ids))
            )
        ),
        "survey_response": set(
            session.scalars(select(SurveyResponse.id).where(SurveyResponse.expat_id.in_(expat_ids)))
        ),
    }
    records: dict[str, set[int]] = {"expat": set(expat_ids)}
    for entity, ids in current.items():
        records[entity] = _linked(
            session, entity, "expat_id", expat_ids, ids | known.get(entity, set())
        )
    cases = records["case"]
    for entity, model in (("case_note", CaseNote), ("task", Task), ("case_document", CaseDocument)):
        ids = (
            set(session.scalars(select(model.id).where(model.case_id.in_(cases))))
            if cases
            else set()
        )
        records[entity] = _linked(session, entity, "case_id", cases, ids | known.get(entity, set()))
    return records


def scrubbed(entity: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """An entry's changes with the values of every field not :data:`KEPT` erased."""
    kept = KEPT.get(entity)
    if kept is None:
        return dict(data)
    result: dict[str, Any] = {}
    for name, value in data.items():
        if name in kept:
            result[name] = value
        elif isinstance(value, list):
            result[name] = [None if side is None else ERASED for side in value]
        else:
            result[name] = None if value is None else ERASED
    return result


def _dumps(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def scrub_trail(
    session: Session,
    database: Database,
    expat_ids: set[int],
    known: Mapping[str, set[int]] | None = None,
) -> int:
    """Erase the values of personal fields from every entry about the expats; returns how many
    entries changed."""
    records = trail_records(session, expat_ids, known)
    updates: list[tuple[int, str]] = []
    for entity, ids in records.items():
        if entity not in KEPT or not ids:
            continue
        for chunk in chunks(sorted(ids), 900):
            rows = _trail_rows(session, entity, AuditEntry.entity_id.in_(chunk))
            for entry_id, _entity_id, _action, changes in rows:
                data = audit.changes_of(changes)
                if not data:
                    continue
                clean_data = scrubbed(entity, data)
                if clean_data != data:
                    updates.append((entry_id, _dumps(clean_data)))
    for batch in chunks(updates, _SCRUB_BATCH):
        if database.is_sqlite:
            session.execute(
                update(AuditEntry).execution_options(synchronize_session=False),
                [{"id": entry_id, "changes": changes} for entry_id, changes in batch],
            )
        else:
            session.execute(
                text(
                    f"SELECT {role_sql.SCRUB_FUNCTION}"
                    "(CAST(:ids AS integer[]), CAST(:changes AS text[]))"
                ),
                {
                    "ids": [entry_id for entry_id, _changes in batch],
                    "changes": [changes for _entry_id, changes in batch],
                },
            )
    return len(updates)


def scrub_deleted(
    session: Session,
    database: Database,
    expat_ids: set[int],
    known: Mapping[str, set[int]] | None = None,
) -> int:
    """Erase the personal values from the trail of expats just deleted (or merged away), in the
    caller's transaction; returns how many entries changed.

    On PostgreSQL only roles that may execute :data:`role_sql.SCRUB_FUNCTION` can (the owner and
    the administrators); for others the entries wait for the erasure of the person or for the
    owner (:func:`clean_deleted_trail`), and ``0`` is returned.
    """
    if not _may_scrub(session, database):
        return 0
    return scrub_trail(session, database, expat_ids, known)


def _may_scrub(session: Session, database: Database) -> bool:
    if database.is_sqlite:
        return True
    connection = session.connection()
    return roles.has_scrub_function(connection) and bool(
        connection.execute(
            text("SELECT has_function_privilege(:function, 'EXECUTE')"),
            {"function": f"{role_sql.SCRUB_FUNCTION}(integer[], text[])"},
        ).scalar()
    )


def clean_deleted_trail(database: Database) -> int:
    """Erase the personal values the trail still keeps of expats that were deleted by a login
    that could not clean it (a manager's, on PostgreSQL); returns how many entries changed.

    For the owner and administrators (``expatdesk init`` runs it on PostgreSQL). Records merged
    away are left alone: their person lives on in the record kept, and an erasure of that
    person cleans them (:func:`merged_away`).
    """
    with database.transaction() as session:
        if not _may_scrub(session, database):
            return 0
        rows = _trail_rows(
            session,
            "expat",
            and_(
                AuditEntry.action == "delete",
                AuditEntry.changes.like('%"family_name": [%'),
                AuditEntry.changes.not_like('%"family_name": ["(erased)", null]%'),
            ),
        )
        deleted = {
            entity_id: audit.changes_of(changes).get("expat_ref")
            for _id, entity_id, _a, changes in rows
        }
        if not deleted:
            return 0
        merged: set[str] = set()
        merges = _trail_rows(session, "expat", AuditEntry.changes.like('%"merged_from"%'))
        for _id, _entity_id, _action, changes in merges:
            value = audit.changes_of(changes).get("merged_from")
            if isinstance(value, list) and len(value) == 2 and isinstance(value[1], str):
                merged.add(value[1])
        ids = {
            expat_id
            for expat_id, ref in deleted.items()
            if not (isinstance(ref, list) and ref and ref[0] in merged)
        }
        return scrub_trail(session, database, ids) if ids else 0


def merged_away(session: Session, expat_ids: set[int]) -> dict[int, str]:
    """The ids and refs of the records that were merged into the expats ``expat_ids`` (and into
    those, and so on): the same person, whose trail an erasure cleans too.

    A merge writes ``merged_from`` on the kept record and a ``delete`` entry, with the ref, for
    the dropped one; that is all that is left of it.
    """
    found: dict[int, str] = {}
    todo = set(expat_ids)
    seen: set[int] = set()
    while todo:
        seen |= todo
        refs: set[str] = set()
        for chunk in chunks(sorted(todo), 900):
            rows = _trail_rows(
                session,
                "expat",
                and_(AuditEntry.entity_id.in_(chunk), AuditEntry.changes.like('%"merged_from"%')),
            )
            for _id, _entity_id, _action, changes in rows:
                value = audit.changes_of(changes).get("merged_from")
                if isinstance(value, list) and len(value) == 2 and isinstance(value[1], str):
                    refs.add(value[1])
        todo = set()
        for ref in sorted(refs):
            pattern = f'%"expat_ref": [{json.dumps(ref, ensure_ascii=False)}, null]%'
            condition = and_(AuditEntry.action == "delete", AuditEntry.changes.like(pattern))
            for _id, entity_id, _action, _changes in _trail_rows(session, "expat", condition):
                if entity_id not in seen:
                    found[entity_id] = ref
                    todo.add(entity_id)
    return found
