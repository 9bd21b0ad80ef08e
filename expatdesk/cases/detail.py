"""One case as its page shows it: clients, owner, notes, tasks, and services with checklists.

:func:`load_case` reads it in one session; :func:`owners` lists who can own a case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from expatdesk.cases.deliveries import ChecklistDocument
from expatdesk.cases.statuses import allowed_transitions
from expatdesk.common.labels import Label
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Case,
    CaseNote,
    ChecklistItem,
    DeliveryDocument,
    Employer,
    Expat,
    ServiceDelivery,
    ServiceType,
    StaffUser,
    Task,
)
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.text import full_name


class CaseNotFoundError(UserError):
    """The case (or its task or service) does not exist (any more)."""


# --- what a page shows ------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffChoice:
    """A staff user a case can be given to."""

    id: int
    name: str


@dataclass(frozen=True)
class ClientInfo:
    """A case's client: ``kind`` is ``expat`` or ``employer``."""

    kind: str
    id: int
    name: str


@dataclass(frozen=True)
class NoteInfo:
    id: int
    text: str
    author: str | None  # None: written by the system (demo data, a command)
    written_at: datetime


@dataclass(frozen=True)
class TaskInfo:
    id: int
    version: int
    title: str
    due_date: date | None
    done_at: datetime | None

    @property
    def done(self) -> bool:
        return self.done_at is not None

    def overdue(self, today: date) -> bool:
        """Not done, and its due date has passed."""
        return not self.done and self.due_date is not None and self.due_date < today


@dataclass(frozen=True)
class DocumentCheck:
    """A document of a service's checklist and whether (when, by whom) it was ticked off."""

    document: ChecklistDocument
    checked_at: datetime | None
    checked_by: str | None

    @property
    def checked(self) -> bool:
        return self.checked_at is not None


@dataclass(frozen=True)
class CaseService:
    """A service delivered on a case, with its checklist."""

    id: int
    version: int
    ref: str
    service: Label
    delivered_on: date
    documents: tuple[DocumentCheck, ...]

    @property
    def checked_count(self) -> int:
        return sum(document.checked for document in self.documents)


@dataclass(frozen=True)
class CaseDetail:
    """A case with everything its page shows."""

    id: int
    ref: str
    version: int
    subject: str
    status: str
    expat: ClientInfo | None
    employer: ClientInfo | None
    owner: StaffChoice | None
    opened_on: date
    closed_at: datetime | None
    notes: tuple[NoteInfo, ...]  # newest first
    tasks: tuple[TaskInfo, ...]  # by due date, undated last
    services: tuple[CaseService, ...]  # by date

    @property
    def closed(self) -> bool:
        return self.status == "closed"

    @property
    def clients(self) -> tuple[ClientInfo, ...]:
        return tuple(client for client in (self.expat, self.employer) if client is not None)

    @property
    def client_name(self) -> str:
        return " / ".join(client.name for client in self.clients)

    @property
    def transitions(self) -> tuple[str, ...]:
        return allowed_transitions(self.status)


# --- staff ------------------------------------------------------------------------------------


def owners(database: Database) -> list[StaffChoice]:
    """The active staff users, by name: who can own a case."""
    with database.reading() as session:
        return owners_in(session)


def owners_in(session: Session) -> list[StaffChoice]:
    rows = session.execute(
        select(StaffUser.id, StaffUser.display_name)
        .where(StaffUser.active.is_(True))
        .order_by(StaffUser.display_name, StaffUser.id)
    )
    return [StaffChoice(user_id, name) for user_id, name in rows]


# --- loading ----------------------------------------------------------------------------------


def load_case(database: Database, case_id: int) -> CaseDetail:
    """A case with its notes, tasks and services; :class:`CaseNotFoundError` when it is gone."""
    with database.reading() as session:
        return load_case_in(session, case_id)


def load_case_in(session: Session, case_id: int) -> CaseDetail:
    record = session.get(Case, case_id)
    if record is None:
        raise CaseNotFoundError(_("This case no longer exists."))
    expat = employer = None
    if record.expat_id is not None:
        row = session.get(Expat, record.expat_id)
        if row is not None:
            expat = ClientInfo("expat", row.id, full_name(row.given_name, row.family_name))
    if record.employer_id is not None:
        found = session.get(Employer, record.employer_id)
        if found is not None:
            employer = ClientInfo("employer", found.id, found.name)
    owner = None
    if record.owner_id is not None:
        staff = session.get(StaffUser, record.owner_id)
        if staff is not None:
            owner = StaffChoice(staff.id, staff.display_name)

    author = aliased(StaffUser)
    notes = tuple(
        NoteInfo(note.id, note.text, name, note.created_at)
        for note, name in session.execute(
            select(CaseNote, author.display_name)
            .outerjoin(author, author.id == CaseNote.author_id)
            .where(CaseNote.case_id == case_id)
            .order_by(CaseNote.created_at.desc(), CaseNote.id.desc())
        )
    )
    tasks = tuple(
        TaskInfo(task.id, task.version, task.title, task.due_date, task.done_at)
        for task in session.scalars(
            select(Task)
            .where(Task.case_id == case_id)
            .order_by(Task.due_date.is_(None), Task.due_date, Task.id)
        )
    )
    return CaseDetail(
        id=record.id,
        ref=record.case_ref,
        version=record.version,
        subject=record.subject,
        status=record.status,
        expat=expat,
        employer=employer,
        owner=owner,
        opened_on=record.opened_on,
        closed_at=record.closed_at,
        notes=notes,
        tasks=tasks,
        services=_services(session, case_id),
    )


def _services(session: Session, case_id: int) -> tuple[CaseService, ...]:
    rows = list(
        session.execute(
            select(ServiceDelivery, ServiceType)
            .join(
                ServiceType,
                ServiceType.code == ServiceDelivery.service_code,
            )
            .where(ServiceDelivery.case_id == case_id)
            .order_by(ServiceDelivery.delivered_on, ServiceDelivery.id)
        )
    )
    if not rows:
        return ()
    codes = {delivery.service_code for delivery, _service in rows}
    items: dict[str, list[ChecklistDocument]] = {}
    for item in session.scalars(
        select(ChecklistItem)
        .where(ChecklistItem.service_code.in_(codes))
        .order_by(ChecklistItem.service_code, ChecklistItem.position)
    ):
        items.setdefault(item.service_code, []).append(
            ChecklistDocument(item.id, item.label_en, item.label_nl)
        )
    checker = aliased(StaffUser)
    ticks: dict[tuple[int, int], tuple[datetime, str | None]] = {
        (tick.delivery_id, tick.checklist_item_id): (tick.checked_at, name)
        for tick, name in session.execute(
            select(DeliveryDocument, checker.display_name)
            .outerjoin(checker, checker.id == DeliveryDocument.checked_by_id)
            .where(DeliveryDocument.delivery_id.in_([delivery.id for delivery, _s in rows]))
        )
    }
    result = []
    for delivery, service in rows:
        documents = []
        for document in items.get(delivery.service_code, []):
            checked_at, checked_by = ticks.get((delivery.id, document.id), (None, None))
            documents.append(DocumentCheck(document, checked_at, checked_by))
        result.append(
            CaseService(
                id=delivery.id,
                version=delivery.version,
                ref=delivery.service_ref,
                service=Label.of(service),
                delivered_on=delivery.delivered_on,
                documents=tuple(documents),
            )
        )
    return tuple(result)
