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
- **Recently changed records**, from the audit trail (:mod:`expatdesk.home.recent_changes`).

Every entry carries the record it opens as ``(kind, id)`` with kind ``"expat"``, ``"employer"``
or ``"case"``. Long sections hold their first entries and the total count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from expatdesk import clock
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.cases.statuses import status_label
from expatdesk.common.labels import Label
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Case,
    Employer,
    Expat,
    Permit,
    PermitType,
    StaffUser,
    Task,
)
from expatdesk.home.recent_changes import RecentChange, recent_changes
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
