"""The desk's home screen: what needs attention today.

:func:`load_dashboard` reads, in one session and a handful of queries, four sections:

- **My open cases** by status: the number per open status and the cases themselves (the newest
  first per status). "My" are the cases the actor owns; an actor without a staff account
  (:data:`~expatdesk.accounts.actor.SYSTEM`, a single desk without sign-in) owns every case.
- **Tasks**: open tasks (not done, on a case that is not closed) that are *overdue* (due before
  today) or *due this week* (due today or in the six days after: a rolling week, so on a Friday
  next Thursday's task is in it). On the actor's own cases, or on the whole desk.
- **Permits** of all expats that end within :data:`PERMIT_DAYS_AHEAD` days, and those that
  ended in the last :data:`PERMIT_DAYS_BEHIND` days: a lapsed permit nobody renewed needs action
  as much as one that is about to lapse. Only an expat's latest permit counts (a renewed permit
  supersedes the old one), and not those of expats who have left (a departure date before today).
  Those ending within :data:`~expatdesk.timeline.URGENT_DAYS` days are *urgent*.
- **Recently changed records**, from the audit trail: the latest distinct expats, employers and
  cases that someone created, changed or deleted, with who did it, when and what changed. A change
  to a linked record (a permit, a task, a contact person…) counts as a change of the record it
  belongs to. A deleted record keeps its last known name but cannot be opened.

Every entry carries the record it opens as ``(kind, id)`` with kind ``"expat"``, ``"employer"``
or ``"case"``. Long sections hold their first entries and the total count.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from expatdesk import clock
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.cases.statuses import status_label
from expatdesk.common.labels import Label
from expatdesk.db.audit import ENTITY_CLASSES
from expatdesk.db.database import Database
from expatdesk.db.models import (
    AuditEntry,
    Case,
    Employer,
    Expat,
    Permit,
    PermitType,
    StaffUser,
    Task,
)
from expatdesk.i18n import N_, _
from expatdesk.text import full_name
from expatdesk.timeline import URGENT_DAYS

#: The open statuses, in the order the desk works through them.
OPEN_STATUSES = ("new", "in_progress", "waiting_client", "waiting_authority")
#: Permits ending up to this many days ahead are listed …
PERMIT_DAYS_AHEAD = 90
#: … and those that ended up to this many days ago, marked expired.
PERMIT_DAYS_BEHIND = 30
#: Tasks due from today up to this many days after today are "due this week".
WEEK_DAYS_AFTER_TODAY = 6

CASES_PER_STATUS = 100
TASK_LIMIT = 100
PERMIT_LIMIT = 200
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
}


# --- what the dashboard shows -----------------------------------------------------------------


@dataclass(frozen=True)
class CaseEntry:
    """An open case: the record it opens is the case."""

    id: int
    ref: str
    subject: str
    status: str
    opened_on: date
    client_kind: str  # "expat" or "employer"
    client_id: int
    client_name: str
    owner_name: str | None

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def link(self) -> tuple[str, int]:
        return "case", self.id


@dataclass(frozen=True)
class TaskEntry:
    """An open task with a due date; it opens its case."""

    id: int
    title: str
    due_date: date
    case_id: int
    case_ref: str
    client_name: str
    owner_name: str | None

    @property
    def link(self) -> tuple[str, int]:
        return "case", self.case_id


@dataclass(frozen=True)
class PermitEntry:
    """An expat's latest permit that ends soon or ended lately; it opens the expat."""

    id: int
    expat_id: int
    expat_ref: str
    expat_name: str
    permit_type: Label
    number: str | None
    valid_until: date
    days_left: int  # negative: expired that many days ago

    @property
    def expired(self) -> bool:
        return self.days_left < 0

    @property
    def urgent(self) -> bool:
        """Ends today or within :data:`URGENT_DAYS` days."""
        return 0 <= self.days_left <= URGENT_DAYS

    @property
    def link(self) -> tuple[str, int]:
        return "expat", self.expat_id


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
class Dashboard:
    """The four sections of the home screen on ``today``."""

    today: date
    whole_desk: bool  # the tasks are those of the whole desk, not only the actor's cases
    #: Open cases of the actor per open status, in :data:`OPEN_STATUSES` order (zeros too).
    case_counts: tuple[tuple[str, int], ...]
    cases: tuple[CaseEntry, ...]  # by status, then the newest first; CASES_PER_STATUS each
    overdue: tuple[TaskEntry, ...]  # the longest overdue first; at most TASK_LIMIT
    overdue_total: int
    due_this_week: tuple[TaskEntry, ...]  # the soonest first; at most TASK_LIMIT
    due_this_week_total: int
    permits: tuple[PermitEntry, ...]  # by end date; at most PERMIT_LIMIT
    permit_total: int
    permit_urgent: int  # of permit_total: ending within URGENT_DAYS days
    permit_expired: int  # of permit_total: ended in the last PERMIT_DAYS_BEHIND days
    recent: tuple[RecentChange, ...]

    @property
    def case_total(self) -> int:
        return sum(count for _status, count in self.case_counts)

    @property
    def week_end(self) -> date:
        """The last day of "due this week"."""
        return self.today + timedelta(days=WEEK_DAYS_AFTER_TODAY)


def load_dashboard(
    database: Database, actor: Actor, today: date | None = None, whole_desk: bool = False
) -> Dashboard:
    """Everything the home screen shows for ``actor`` on ``today``."""
    actor.require(Permission.CLIENTS)
    today = today or clock.today()
    with database.reading() as session:
        mine = _owned_by(actor)
        counts = dict(
            session.execute(
                select(Case.status, func.count(Case.id))
                .where(Case.status.in_(OPEN_STATUSES), mine)
                .group_by(Case.status)
            ).all()
        )
        tasks_of = mine if not whole_desk else None
        overdue, overdue_total = _tasks(session, Task.due_date < today, tasks_of)
        week, week_total = _tasks(
            session,
            Task.due_date.between(today, today + timedelta(days=WEEK_DAYS_AFTER_TODAY)),
            tasks_of,
        )
        permits, permit_totals = _permits(session, today)
        return Dashboard(
            today=today,
            whole_desk=whole_desk,
            case_counts=tuple((status, int(counts.get(status, 0))) for status in OPEN_STATUSES),
            cases=_open_cases(session, mine),
            overdue=overdue,
            overdue_total=overdue_total,
            due_this_week=week,
            due_this_week_total=week_total,
            permits=permits,
            permit_total=permit_totals[0],
            permit_urgent=permit_totals[1],
            permit_expired=permit_totals[2],
            recent=recent_changes(session),
        )


def _owned_by(actor: Actor) -> ColumnElement[bool]:
    if actor.user_id is None:  # a single desk: every case is its own
        return Case.id.is_not(None)
    return Case.owner_id == actor.user_id


def _client_name(given: str | None, family: str | None, employer: str | None) -> str:
    if given is not None or family is not None:
        return full_name(given, family)
    return employer or ""


# --- sections ---------------------------------------------------------------------------------


def _open_cases(session: Session, mine: ColumnElement[bool]) -> tuple[CaseEntry, ...]:
    """The newest :data:`CASES_PER_STATUS` open cases of each status, in the statuses' order."""
    newest = (
        func.row_number()
        .over(partition_by=Case.status, order_by=(Case.opened_on.desc(), Case.id.desc()))
        .label("number")
    )
    chosen = (
        select(Case.id, Case.status, Case.opened_on, newest)
        .where(Case.status.in_(OPEN_STATUSES), mine)
        .subquery()
    )
    status_order = case(
        {status: rank for rank, status in enumerate(OPEN_STATUSES)}, value=chosen.c.status
    )
    rows = session.execute(
        select(
            Case.id,
            Case.case_ref,
            Case.subject,
            Case.status,
            Case.opened_on,
            Case.expat_id,
            Case.employer_id,
            Expat.given_name,
            Expat.family_name,
            Employer.name.label("employer_name"),
            StaffUser.display_name,
        )
        .join(chosen, chosen.c.id == Case.id)
        .outerjoin(Expat, Expat.id == Case.expat_id)
        .outerjoin(Employer, Employer.id == Case.employer_id)
        .outerjoin(StaffUser, StaffUser.id == Case.owner_id)
        .where(chosen.c.number <= CASES_PER_STATUS)
        .order_by(status_order, chosen.c.opened_on.desc(), chosen.c.id.desc())
    )
    return tuple(
        CaseEntry(
            id=row.id,
            ref=row.case_ref,
            subject=row.subject,
            status=row.status,
            opened_on=row.opened_on,
            client_kind="expat" if row.expat_id is not None else "employer",
            client_id=row.expat_id if row.expat_id is not None else row.employer_id,
            client_name=_client_name(row.given_name, row.family_name, row.employer_name),
            owner_name=row.display_name,
        )
        for row in rows
    )


def _tasks(
    session: Session, due: ColumnElement[bool], mine: ColumnElement[bool] | None
) -> tuple[tuple[TaskEntry, ...], int]:
    """The first open tasks due as ``due`` says (the earliest first), and how many there are."""
    conditions = [due, Task.done_at.is_(None), Case.status != "closed"]
    if mine is not None:
        conditions.append(mine)
    rows = session.execute(
        select(
            Task.id,
            Task.title,
            Task.due_date,
            Case.id.label("case_id"),
            Case.case_ref,
            Expat.given_name,
            Expat.family_name,
            Employer.name.label("employer_name"),
            StaffUser.display_name,
        )
        .join(Case, Case.id == Task.case_id)
        .outerjoin(Expat, Expat.id == Case.expat_id)
        .outerjoin(Employer, Employer.id == Case.employer_id)
        .outerjoin(StaffUser, StaffUser.id == Case.owner_id)
        .where(*conditions)
        .order_by(Task.due_date, Task.id)
        .limit(TASK_LIMIT)
    ).all()
    total = len(rows)
    if total >= TASK_LIMIT:
        count = select(func.count(Task.id)).join(Case, Case.id == Task.case_id)
        total = session.scalar(count.where(*conditions)) or 0
    entries = tuple(
        TaskEntry(
            id=row.id,
            title=row.title,
            due_date=row.due_date,
            case_id=row.case_id,
            case_ref=row.case_ref,
            client_name=_client_name(row.given_name, row.family_name, row.employer_name),
            owner_name=row.display_name,
        )
        for row in rows
    )
    return entries, total


def _permits(session: Session, today: date) -> tuple[tuple[PermitEntry, ...], tuple[int, int, int]]:
    """The first permits by end date, and how many there are: all, urgent, expired."""
    # The expat's latest permit: a correlated maximum, which both engines look up per
    # candidate in the expat_id index (PostgreSQL would hash every permit for NOT EXISTS).
    other = aliased(Permit)
    latest = (
        select(func.max(other.valid_until))
        .where(other.expat_id == Permit.expat_id)
        .correlate(Permit)
        .scalar_subquery()
    )
    conditions = (
        Permit.valid_until.between(
            today - timedelta(days=PERMIT_DAYS_BEHIND), today + timedelta(days=PERMIT_DAYS_AHEAD)
        ),
        or_(Expat.departure_date.is_(None), Expat.departure_date >= today),
        Permit.valid_until >= latest,
    )
    # In the order of the valid_until index, so the first rows come without sorting them all.
    rows = session.execute(
        select(
            Permit.id,
            Permit.expat_id,
            Permit.number,
            Permit.valid_until,
            PermitType.code,
            PermitType.label_en,
            PermitType.label_nl,
            Expat.expat_ref,
            Expat.given_name,
            Expat.family_name,
        )
        .join(Expat, Expat.id == Permit.expat_id)
        .join(PermitType, PermitType.code == Permit.permit_type_code)
        .where(*conditions)
        .order_by(Permit.valid_until, Permit.id)
        .limit(PERMIT_LIMIT)
    ).all()
    entries = tuple(
        PermitEntry(
            id=row.id,
            expat_id=row.expat_id,
            expat_ref=row.expat_ref,
            expat_name=full_name(row.given_name, row.family_name),
            permit_type=Label(row.code, row.label_en, row.label_nl),
            number=row.number,
            valid_until=row.valid_until,
            days_left=(row.valid_until - today).days,
        )
        for row in rows
    )
    if len(rows) < PERMIT_LIMIT:
        urgent = sum(1 for entry in entries if entry.urgent)
        expired = sum(1 for entry in entries if entry.expired)
        return entries, (len(entries), urgent, expired)
    urgent_until = today + timedelta(days=URGENT_DAYS)
    counts = session.execute(
        select(
            func.count(Permit.id),
            func.count(case((Permit.valid_until.between(today, urgent_until), 1))),
            func.count(case((Permit.valid_until < today, 1))),
        )
        .join(Expat, Expat.id == Permit.expat_id)
        .where(*conditions)
    ).one()
    return entries, (int(counts[0]), int(counts[1]), int(counts[2]))


# --- recent changes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Seen:
    kind: str
    id: int
    entry: Any  # the audit row
    changes: dict[str, Any]


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
            if kind is not None and record_id is not None and (kind, record_id) not in seen:
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


def _changes(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        loaded = json.loads(text)
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


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
        changes = _changes(row.changes)
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
