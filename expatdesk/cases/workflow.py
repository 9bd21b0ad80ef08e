"""Cases: an expat's or an employer's request, from intake to closure.

A case (``shared/spec/domain.md``) has a client (an expat, an employer, or both), a subject, an
owner (an active staff user, or nobody yet), a status, timestamped notes, tasks with due dates,
and the services delivered on it, each with the document checklist of its service
(:mod:`expatdesk.cases.deliveries`) that the desk ticks off.

Status: ``new`` → ``in_progress`` → ``waiting_client`` / ``waiting_authority`` → ``closed``, and
a closed case can be reopened (back to ``in_progress``);
:data:`~expatdesk.cases.statuses.TRANSITIONS` lists every allowed step and :func:`set_status`
refuses the others with a message that names both statuses. Closing sets ``closed_at``, reopening
clears it. A closed case keeps its notes open (the desk may still
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

The case's page reads it with :mod:`expatdesk.cases.detail`; its tasks change through
:mod:`expatdesk.cases.tasks`, its services and their checklists through
:mod:`expatdesk.cases.services`; the list of cases is :mod:`expatdesk.cases.listing` and the
statuses are named in :mod:`expatdesk.cases.statuses`.

``Case.search_key`` holds the folded ref, subject and client names
(:func:`expatdesk.text.case_search_key`); :func:`refresh_search_keys` brings it up to date after a
client's name changed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from expatdesk import clock
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.cases import deliveries
from expatdesk.cases.deliveries import date_problem
from expatdesk.cases.statuses import STATUSES, allowed_transitions, status_label
from expatdesk.common import refs
from expatdesk.common.concurrency import (
    StaleRecordError,
    add_once,
    check_version,
    stale_guard,
)
from expatdesk.common.validation import Problems, clean, required, too_long
from expatdesk.db.database import Database
from expatdesk.db.models import Case, CaseNote, Employer, Expat, StaffUser
from expatdesk.db.types import utcnow
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.text import case_search_key, full_name

log = logging.getLogger(__name__)

SUBJECT_LIMIT = 300
NOTE_LIMIT = 10_000


# --- the search key ---------------------------------------------------------------------------


def _client_names(session: Session, expat_id: int | None, employer_id: int | None) -> list[str]:
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


# --- changing the case ------------------------------------------------------------------------


def case_for_change(session: Session, case_id: int, *, closed_allowed: bool = False) -> Case:
    """The case to add to; refused when it is gone or (unless allowed) closed."""
    record = session.get(Case, case_id)
    _refuse_change(case_id, None if record is None else record.status, closed_allowed)
    assert record is not None
    return record


def check_case_open(session: Session, case_id: int, *, closed_allowed: bool = False) -> None:
    """Refuse adding to a case that is gone or (unless allowed) closed, like
    :func:`case_for_change`, reading its status only (a note or task needs no more)."""
    status = session.scalar(select(Case.status).where(Case.id == case_id))
    _refuse_change(case_id, status, closed_allowed)


def _refuse_change(case_id: int, status: str | None, closed_allowed: bool) -> None:
    if status is None:
        raise StaleRecordError(_("This case was deleted by someone else."), "case", case_id)
    if status == "closed" and not closed_allowed:
        raise UserError(_("This case is closed; reopen it to change it."))


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
        check_case_open(session, case_id, closed_allowed=True)
        problems = Problems()
        problems.add("note", required(cleaned) or too_long(cleaned, NOTE_LIMIT))
        problems.raise_if_any()
        note = CaseNote(case_id=case_id, author_id=actor.user_id, text=cleaned)
        add_once(session, note, request_key, _("This note was already saved."))
        return note.id
