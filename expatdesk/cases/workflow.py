"""Cases: an expat's or an employer's request, from intake to closure.

A case (``shared/spec/domain.md``) has a client (an expat, an employer, or both), a subject, an
owner (an active staff user, or nobody yet), a status, timestamped notes, tasks with due dates,
and the services delivered on it, each with the document checklist of its service
(:mod:`expatdesk.cases.deliveries`) that the desk ticks off.

Status: ``new`` → ``in_progress`` → ``waiting_client`` / ``waiting_authority`` → ``closed``, and
a closed case can be reopened (back to ``in_progress``); :data:`TRANSITIONS` lists every allowed
step and :func:`set_status` refuses the others with a message that names both statuses. Closing
sets ``closed_at``, reopening clears it. A closed case keeps its notes open (the desk may still
write down a call) but refuses every other change until it is reopened.

Services on a case, and target N: a delivery on a case names the case's clients, no more. For an
expat's case that is the expat alone: targets.md attributes a delivery that names no employer to
the employer of its expat, which is exactly the employer that N should credit; copying the
employer into the delivery would freeze today's employer into it and claim the employer came to
the desk. An employer's case names the employer, so N counts it for that employer.

Every write takes the acting :class:`~expatdesk.accounts.actor.Actor`, needs
:attr:`~expatdesk.accounts.actor.Permission.CLIENTS`, runs in one transaction (the audit trail
records it), and refuses, with :class:`~expatdesk.common.concurrency.StaleRecordError`, a change
based on an old copy: a change of the case itself (status, owner) names the case version the page
showed, a change of a task the task's version, removing a service the delivery's version. Adding
a note, a task or a service and ticking a document only add to the case; they check the case's
current state (it exists and, except for notes, is not closed), not its version.

``Case.search_key`` holds the folded ref, subject and client names
(:func:`expatdesk.text.case_search_key`); :func:`refresh_search_keys` brings it up to date after a
client's name changed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.cases import deliveries
from expatdesk.cases.deliveries import ChecklistDocument, date_problem
from expatdesk.common import refs
from expatdesk.common.concurrency import (
    StaleRecordError,
    add_once,
    check_version,
    stale_guard,
)
from expatdesk.common.labels import Label
from expatdesk.common.listing import (
    AnySelect,
    Column,
    Filter,
    Join,
    Listing,
    Order,
    Row,
    field_text,
)
from expatdesk.common.validation import Problems, clean, required, too_long
from expatdesk.db.database import Database
from expatdesk.db.models import (
    CASE_STATUSES,
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
from expatdesk.db.types import utcnow
from expatdesk.errors import UserError
from expatdesk.i18n import N_, _
from expatdesk.text import case_search_key

log = logging.getLogger(__name__)

STATUSES: dict[str, str] = {
    "new": N_("New"),
    "in_progress": N_("In progress"),
    "waiting_client": N_("Waiting for the client"),
    "waiting_authority": N_("Waiting for an authority"),
    "closed": N_("Closed"),
}
assert tuple(STATUSES) == CASE_STATUSES

#: The statuses a case may go to from each status, in the order a page offers them.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("in_progress",),
    "in_progress": ("waiting_client", "waiting_authority", "closed"),
    "waiting_client": ("in_progress", "waiting_authority", "closed"),
    "waiting_authority": ("in_progress", "waiting_client", "closed"),
    "closed": ("in_progress",),
}
#: The status filter's value for every case that is not closed.
OPEN = "open"
#: The owner filter's value for cases that nobody owns.
UNASSIGNED = 0

SUBJECT_LIMIT = 300
TITLE_LIMIT = 300
NOTE_LIMIT = 10_000


def status_label(status: str) -> str:
    """A status in the active language."""
    return _(STATUSES[status]) if status in STATUSES else status


def allowed_transitions(status: str) -> tuple[str, ...]:
    """The statuses a case in ``status`` may be set to."""
    return TRANSITIONS.get(status, ())


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


# --- the search key ---------------------------------------------------------------------------


def _client_names(session: Session, expat_id: int | None, employer_id: int | None) -> list[str]:
    from expatdesk.expats.read import full_name

    names: list[str] = []
    if expat_id is not None:
        expat = session.get(Expat, expat_id)
        if expat is not None:
            names.append(full_name(expat.given_name, expat.family_name))
    if employer_id is not None:
        employer = session.get(Employer, employer_id)
        if employer is not None:
            names.append(employer.name)
    return names


def _update_search_key(session: Session, record: Case) -> None:
    record.search_key = case_search_key(
        record.case_ref,
        record.subject,
        *_client_names(session, record.expat_id, record.employer_id),
    )


def refresh_search_keys(
    session: Session, *, expat_id: int | None = None, employer_id: int | None = None
) -> int:
    """Recompute the search keys of the cases of an expat or employer whose name changed.

    For the expat and employer services, inside their transaction; returns how many cases.
    """
    conditions: list[ColumnElement[bool]] = []
    if expat_id is not None:
        conditions.append(Case.expat_id == expat_id)
    if employer_id is not None:
        conditions.append(Case.employer_id == employer_id)
    if not conditions:
        return 0
    records = list(session.scalars(select(Case).where(or_(*conditions))))
    for record in records:
        _update_search_key(session, record)
    return len(records)


# --- opening ----------------------------------------------------------------------------------


def _check_owner(problems: Problems, session: Session, owner_id: int | None) -> None:
    if owner_id is None:
        return
    owner = session.get(StaffUser, owner_id)
    if owner is None or not owner.active:
        problems.add("owner", _("Choose an active staff member as the owner."))


def open_case(
    database: Database,
    actor: Actor,
    *,
    subject: str,
    expat_id: int | None = None,
    employer_id: int | None = None,
    owner_id: int | None = None,
    opened_on: date | None = None,
    services: Sequence[str] = (),
    today: date | None = None,
) -> int:
    """Open a case for an expat and/or an employer; returns its id.

    ``owner_id`` is an active staff user or ``None`` (nobody yet); ``opened_on`` defaults to
    today; ``services`` are catalogue codes delivered on the case on ``opened_on``. Raises
    :class:`~expatdesk.common.validation.ValidationError` (fields ``subject``, ``client``,
    ``expat``, ``employer``, ``owner``, ``opened_on``, ``service``) and saves nothing.
    """
    actor.require(Permission.CLIENTS)
    today = today or clock.today()
    opened_on = opened_on or today
    cleaned = clean(subject)
    with database.transaction(actor) as session:
        problems = Problems()
        problems.add("subject", required(cleaned) or too_long(cleaned, SUBJECT_LIMIT))
        deliveries.check_clients(problems, session, expat_id, employer_id)
        _check_owner(problems, session, owner_id)
        problems.add("opened_on", date_problem(opened_on, today))
        for code in services:
            deliveries.check_service(problems, session, code)
        problems.raise_if_any()
        assert cleaned is not None
        record = Case(
            subject=cleaned,
            status="new",
            expat_id=expat_id,
            employer_id=employer_id,
            owner_id=owner_id,
            opened_on=opened_on,
        )
        names = _client_names(session, expat_id, employer_id)

        def prepare(ref: str) -> None:
            record.search_key = case_search_key(ref, cleaned, *names)

        ref = refs.insert_with_ref(session, record, Case.case_ref, "CAS-", 6, prepare=prepare)
        for code in dict.fromkeys(services):
            deliveries.add_delivery(
                session,
                service_code=code,
                delivered_on=opened_on,
                expat_id=expat_id,
                employer_id=employer_id,
                case_id=record.id,
            )
        session.flush()
        log.info("case %s opened", ref)
        return record.id


# --- loading ----------------------------------------------------------------------------------


def load_case(database: Database, case_id: int) -> CaseDetail:
    """A case with its notes, tasks and services; :class:`CaseNotFoundError` when it is gone."""
    with database.reading() as session:
        return load_case_in(session, case_id)


def load_case_in(session: Session, case_id: int) -> CaseDetail:
    from expatdesk.expats.read import full_name

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


# --- changing the case ------------------------------------------------------------------------


def _case_for_change(session: Session, case_id: int, *, closed_allowed: bool = False) -> Case:
    """The case to add to; refused when it is gone or (unless allowed) closed."""
    record = session.get(Case, case_id)
    if record is None:
        raise StaleRecordError(_("This case was deleted by someone else."), "case", case_id)
    if record.status == "closed" and not closed_allowed:
        raise UserError(_("This case is closed; reopen it to change it."))
    return record


def _case_for_edit(session: Session, case_id: int, expected_version: int) -> Case:
    record = session.get(Case, case_id)
    check_version(session, record, expected_version, "case")
    assert record is not None
    return record


def set_status(
    database: Database, actor: Actor, case_id: int, status: str, *, expected_version: int
) -> None:
    """Move the case to ``status`` if :data:`TRANSITIONS` allows it (field ``status``)."""
    actor.require(Permission.CLIENTS)
    with database.transaction(actor) as session:
        record = _case_for_edit(session, case_id, expected_version)
        problems = Problems()
        if status not in STATUSES:
            problems.add("status", _("Unknown status."))
        elif status == record.status:
            problems.add(
                "status",
                _("The case is already “{status}”.").format(status=status_label(status)),
            )
        elif status not in allowed_transitions(record.status):
            problems.add(
                "status",
                _("A case cannot go from “{current}” to “{wanted}”.").format(
                    current=status_label(record.status), wanted=status_label(status)
                ),
            )
        problems.raise_if_any()
        record.status = status
        record.closed_at = utcnow() if status == "closed" else None
        with stale_guard(session, "case", case_id):
            session.flush()
        log.info("case %s is now %s", record.case_ref, status)


def change_owner(
    database: Database,
    actor: Actor,
    case_id: int,
    owner_id: int | None,
    *,
    expected_version: int,
) -> None:
    """Give the case to another active staff user, or to nobody (field ``owner``)."""
    actor.require(Permission.CLIENTS)
    with database.transaction(actor) as session:
        record = _case_for_edit(session, case_id, expected_version)
        if record.status == "closed":
            raise UserError(_("This case is closed; reopen it to change it."))
        problems = Problems()
        _check_owner(problems, session, owner_id)
        problems.raise_if_any()
        record.owner_id = owner_id
        with stale_guard(session, "case", case_id):
            session.flush()


def add_note(
    database: Database, actor: Actor, case_id: int, text: str, *, request_key: str | None = None
) -> int:
    """Write a note on the case, signed by the actor and timestamped; returns its id.

    Notes can be added to a closed case too. Field ``note``. ``request_key``: the key the form
    made; a note saved with it already raises :class:`~expatdesk.errors.AlreadySavedError`.
    """
    actor.require(Permission.CLIENTS)
    cleaned = text.strip() if text else ""
    with database.transaction(actor) as session:
        _case_for_change(session, case_id, closed_allowed=True)
        problems = Problems()
        problems.add("note", required(cleaned) or too_long(cleaned, NOTE_LIMIT))
        problems.raise_if_any()
        note = CaseNote(case_id=case_id, author_id=actor.user_id, text=cleaned)
        add_once(session, note, request_key, _("This note was already saved."))
        return note.id


# --- tasks ------------------------------------------------------------------------------------


def _check_task(problems: Problems, title: str | None, due_date: date | None, today: date) -> None:
    problems.add("title", required(title) or too_long(title, TITLE_LIMIT))
    if due_date is not None:
        problems.add("due_date", date_problem(due_date, today, future_allowed=True))


def add_task(
    database: Database,
    actor: Actor,
    case_id: int,
    title: str,
    due_date: date | None = None,
    *,
    today: date | None = None,
    request_key: str | None = None,
) -> int:
    """Add a task (fields ``title``, ``due_date``) to an open case; returns its id.

    ``request_key``: the form's key; a task saved with it already raises
    :class:`~expatdesk.errors.AlreadySavedError`.
    """
    actor.require(Permission.CLIENTS)
    today = today or clock.today()
    cleaned = clean(title)
    with database.transaction(actor) as session:
        _case_for_change(session, case_id)
        problems = Problems()
        _check_task(problems, cleaned, due_date, today)
        problems.raise_if_any()
        assert cleaned is not None
        task = Task(case_id=case_id, title=cleaned, due_date=due_date)
        add_once(session, task, request_key, _("This task was already saved."))
        return task.id


def _task_for_edit(session: Session, task_id: int, expected_version: int) -> Task:
    task = session.get(Task, task_id)
    check_version(session, task, expected_version, "task")
    assert task is not None
    _case_for_change(session, task.case_id)
    return task


def edit_task(
    database: Database,
    actor: Actor,
    task_id: int,
    title: str,
    due_date: date | None,
    *,
    expected_version: int,
    today: date | None = None,
) -> None:
    """Change a task's title and due date (fields ``title``, ``due_date``)."""
    actor.require(Permission.CLIENTS)
    today = today or clock.today()
    cleaned = clean(title)
    with database.transaction(actor) as session:
        task = _task_for_edit(session, task_id, expected_version)
        problems = Problems()
        _check_task(problems, cleaned, due_date, today)
        problems.raise_if_any()
        assert cleaned is not None
        task.title = cleaned
        task.due_date = due_date
        with stale_guard(session, "task", task_id):
            session.flush()


def set_task_done(
    database: Database, actor: Actor, task_id: int, done: bool, *, expected_version: int
) -> None:
    """Mark a task done (now) or not done."""
    actor.require(Permission.CLIENTS)
    with database.transaction(actor) as session:
        task = _task_for_edit(session, task_id, expected_version)
        if done and task.done_at is None:
            task.done_at = utcnow()
        elif not done:
            task.done_at = None
        with stale_guard(session, "task", task_id):
            session.flush()


def delete_task(database: Database, actor: Actor, task_id: int, *, expected_version: int) -> None:
    actor.require(Permission.CLIENTS)
    with database.transaction(actor) as session:
        task = _task_for_edit(session, task_id, expected_version)
        session.delete(task)
        with stale_guard(session, "task", task_id):
            session.flush()


# --- services and their checklists ------------------------------------------------------------


def add_service(
    database: Database,
    actor: Actor,
    case_id: int,
    service_code: str,
    delivered_on: date | None,
    *,
    today: date | None = None,
    request_key: str | None = None,
) -> int:
    """Deliver a catalogue service on the case (fields ``service``, ``delivered_on``).

    The delivery names the case's clients (see the module's note on target N); returns its id.
    ``request_key``: the form's key; saving it again raises
    :class:`~expatdesk.errors.AlreadySavedError`.
    """
    actor.require(Permission.CLIENTS)
    today = today or clock.today()
    with database.transaction(actor) as session:
        record = _case_for_change(session, case_id)
        problems = Problems()
        deliveries.check_service(problems, session, service_code)
        problems.add("delivered_on", date_problem(delivered_on, today))
        problems.raise_if_any()
        assert delivered_on is not None
        delivery = deliveries.add_delivery(
            session,
            service_code=service_code,
            delivered_on=delivered_on,
            expat_id=record.expat_id,
            employer_id=record.employer_id,
            case_id=case_id,
            request_key=request_key,
        )
        return delivery.id


def _case_delivery(session: Session, delivery_id: int) -> ServiceDelivery:
    delivery = session.get(ServiceDelivery, delivery_id)
    if delivery is None or delivery.case_id is None:
        raise StaleRecordError(
            _("This service was removed by someone else."), "service_delivery", delivery_id
        )
    _case_for_change(session, delivery.case_id)
    return delivery


def remove_service(
    database: Database, actor: Actor, delivery_id: int, *, expected_version: int
) -> None:
    """Remove a service (and its ticked documents) from its case."""
    actor.require(Permission.CLIENTS)
    with database.transaction(actor) as session:
        delivery = _case_delivery(session, delivery_id)
        check_version(session, delivery, expected_version, "service_delivery")
        for tick in session.scalars(
            select(DeliveryDocument).where(DeliveryDocument.delivery_id == delivery_id)
        ):
            session.delete(tick)
        session.delete(delivery)
        with stale_guard(session, "service_delivery", delivery_id):
            session.flush()


def set_document_checked(
    database: Database, actor: Actor, delivery_id: int, item_id: int, checked: bool
) -> None:
    """Tick a checklist document off for a service on a case (by the actor, now), or untick it.

    Ticking a ticked document (or unticking an unticked one) keeps it as it is: two desks that
    tick the same passport agree.
    """
    actor.require(Permission.CLIENTS)
    with database.transaction(actor) as session:
        delivery = _case_delivery(session, delivery_id)
        item = session.get(ChecklistItem, item_id)
        if item is None or item.service_code != delivery.service_code:
            raise UserError(_("This document is not on the checklist of this service."))
        tick = session.get(DeliveryDocument, (delivery_id, item_id))
        if checked and tick is None:
            session.add(
                DeliveryDocument(
                    delivery_id=delivery_id,
                    checklist_item_id=item_id,
                    checked_by_id=actor.user_id,
                )
            )
        elif not checked and tick is not None:
            session.delete(tick)
        session.flush()


# --- the list ---------------------------------------------------------------------------------

_EXPAT = Join(Expat, Expat.id == Case.expat_id)
_EMPLOYER = Join(Employer, Employer.id == Case.employer_id)
_OWNER = Join(StaffUser, StaffUser.id == Case.owner_id)
_STATUS_RANK = case({status: rank for rank, status in enumerate(STATUSES)}, value=Case.status)


def _page_query() -> AnySelect:
    return (
        select(
            Case.id,
            Case.case_ref,
            Case.subject,
            Case.status,
            Case.opened_on,
            Expat.given_name,
            Expat.family_name,
            Employer.name.label("employer_name"),
            StaffUser.display_name.label("owner_name"),
        )
        .select_from(Case)
        .outerjoin(_EXPAT.target, _EXPAT.onclause)
        .outerjoin(_EMPLOYER.target, _EMPLOYER.onclause)
        .outerjoin(_OWNER.target, _OWNER.onclause)
    )


def _client_text(row: Row) -> str:
    from expatdesk.expats.read import full_name

    names = []
    if row["given_name"] is not None or row["family_name"] is not None:
        names.append(full_name(row["given_name"], row["family_name"]))
    if row["employer_name"] is not None:
        names.append(row["employer_name"])
    return " / ".join(names)


def _status_choices(_session: Session) -> list[tuple[str | int, str]]:
    return [(OPEN, _("Open")), *((status, status_label(status)) for status in STATUSES)]


def _status_condition(value: str | int) -> ColumnElement[bool]:
    if value == OPEN:
        return Case.status != "closed"
    return Case.status == str(value)


def _owner_choices(session: Session) -> list[tuple[str | int, str]]:
    return [
        (UNASSIGNED, _("Nobody")),
        *((owner.id, owner.name) for owner in owners_in(session)),
    ]


def _owner_condition(value: str | int) -> ColumnElement[bool]:
    if int(value) == UNASSIGNED:
        return Case.owner_id.is_(None)
    return Case.owner_id == int(value)


LISTING = Listing(
    name="cases",
    id_column=Case.id,
    search_key=Case.search_key,
    columns=(
        Column("ref", N_("Ref."), lambda _session: [Case.case_ref], field_text("case_ref")),
        Column("subject", N_("Subject"), lambda _session: [Case.subject], field_text("subject")),
        Column(
            "client",
            N_("Client"),
            lambda _session: [func.coalesce(Expat.family_name, Employer.name), Expat.given_name],
            _client_text,
            joins=(_EXPAT, _EMPLOYER),
        ),
        Column(
            "status",
            N_("Status"),
            lambda _session: [_STATUS_RANK],
            lambda row: status_label(row["status"]),
        ),
        Column(
            "owner",
            N_("Owner"),
            lambda _session: [StaffUser.display_name],
            field_text("owner_name"),
            joins=(_OWNER,),
            nullable=True,
        ),
        Column(
            "opened_on",
            N_("Opened on"),
            lambda _session: [Case.opened_on],
            lambda row: i18n.format_date(row["opened_on"]),
        ),
    ),
    page_query=_page_query,
    default_order=Order("opened_on", descending=True),
    filters=(
        Filter("status", N_("Status"), _status_choices, _status_condition),
        Filter("owner", N_("Owner"), _owner_choices, _owner_condition),
    ),
)
