"""Service deliveries: the catalogue, its document checklists, walk-ins, and a client's services.

A service delivery is one service of the catalogue delivered on a date to an expat and/or an
employer (``shared/spec/domain.md``). Most come with a case (:mod:`expatdesk.cases.workflow`);
a quick question at the desk is recorded as a *walk-in* with :func:`record_walk_in`, outside any
case, so that it counts too.

Attribution for target N (``shared/spec/targets.md``): a delivery counts for the employer it
names, and otherwise for the employer of its expat. A delivery therefore names exactly the
clients the desk served: a walk-in names the expat and/or the employer chosen at the desk, and
the report finds an expat's employer itself. Copying the expat's employer into the delivery
would say the employer came to the desk when it did not.

The checklists (``checklist_item``) are data in English and Dutch: the documents the desk collects
for a service. Ticking them off is part of a case (:func:`expatdesk.cases.services.
set_document_checked`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from expatdesk import clock
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.common import refs
from expatdesk.common.concurrency import refuse_repeat
from expatdesk.common.labels import Label
from expatdesk.common.validation import Problems, clean, too_long
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Case,
    ChecklistItem,
    Employer,
    Expat,
    ServiceDelivery,
    ServiceType,
)
from expatdesk.i18n import _, pick
from expatdesk.text import full_name

log = logging.getLogger(__name__)

#: The earliest date a service can have been delivered on (or a case opened): older is a typo.
EARLIEST_DELIVERY = date(2000, 1, 1)
#: The longest note a delivery keeps.
NOTES_LIMIT = 2000


@dataclass(frozen=True)
class ChecklistDocument:
    """A document of a service's checklist; ``str()`` gives its name in the active language."""

    id: int
    en: str
    nl: str

    def __str__(self) -> str:
        return pick(self.en, self.nl)


@dataclass(frozen=True)
class Delivery:
    """A stored service delivery, as a client's page lists it."""

    id: int
    ref: str
    version: int
    service: Label
    delivered_on: date
    expat_id: int | None
    expat_name: str | None
    employer_id: int | None
    employer_name: str | None
    case_id: int | None
    case_ref: str | None
    notes: str | None

    @property
    def walk_in(self) -> bool:
        """Delivered outside a case."""
        return self.case_id is None


# --- the catalogue ----------------------------------------------------------------------------


def service_catalogue(database: Database) -> list[Label]:
    """The services of the catalogue, in their display order."""
    with database.reading() as session:
        rows = session.scalars(
            select(ServiceType).order_by(ServiceType.sort_order, ServiceType.code)
        )
        return [Label.of(row) for row in rows]


def checklist_in(session: Session, service_code: str) -> list[ChecklistDocument]:
    """The documents of a service's checklist, in the order the desk asks for them."""
    rows = session.scalars(
        select(ChecklistItem)
        .where(ChecklistItem.service_code == service_code)
        .order_by(ChecklistItem.position)
    )
    return [ChecklistDocument(row.id, row.label_en, row.label_nl) for row in rows]


def checklist(database: Database, service_code: str) -> list[ChecklistDocument]:
    """The documents the desk collects for ``service_code`` (empty when it needs none)."""
    with database.reading() as session:
        return checklist_in(session, service_code)


# --- checking ---------------------------------------------------------------------------------


def date_problem(value: date | None, today: date, *, future_allowed: bool = False) -> str | None:
    """A date of the desk's work: required, from 2000 on, and (unless allowed) not in the future."""
    if value is None:
        return _("This field is required.")
    if value < EARLIEST_DELIVERY:
        return _("This date lies before 2000; check the year.")
    if not future_allowed and value > today:
        return _("This date lies in the future.")
    return None


def check_service(problems: Problems, session: Session, service_code: str | None) -> None:
    """Note a missing or unknown service under the field ``service``."""
    if not service_code:
        problems.add("service", _("Choose a service."))
    elif session.get(ServiceType, service_code) is None:
        problems.add("service", _("This service is not in the catalogue."))


def check_clients(
    problems: Problems, session: Session, expat_id: int | None, employer_id: int | None
) -> None:
    """Note a missing client (``client``) or one that no longer exists (``expat``, ``employer``)."""
    if expat_id is None and employer_id is None:
        problems.add("client", _("Choose an expat or an employer (or both)."))
        return
    if expat_id is not None and session.get(Expat, expat_id) is None:
        problems.add("expat", _("This expat no longer exists."))
    if employer_id is not None and session.get(Employer, employer_id) is None:
        problems.add("employer", _("This employer no longer exists."))


# --- writing ----------------------------------------------------------------------------------


def already_saved_message() -> str:
    return _("This service delivery was already saved.")


def add_delivery(
    session: Session,
    *,
    service_code: str,
    delivered_on: date,
    expat_id: int | None,
    employer_id: int | None,
    case_id: int | None = None,
    notes: str | None = None,
    request_key: str | None = None,
) -> ServiceDelivery:
    """Store a checked delivery with a new ``SRV-`` reference; returns it flushed.

    ``request_key``: the form's key; a delivery saved with it already raises
    :class:`~expatdesk.errors.AlreadySavedError` (see :func:`.concurrency.add_once`).
    """
    refuse_repeat(session, ServiceDelivery, request_key, already_saved_message())
    delivery = ServiceDelivery(
        service_code=service_code,
        delivered_on=delivered_on,
        expat_id=expat_id,
        employer_id=employer_id,
        case_id=case_id,
        notes=notes,
        request_key=request_key,
    )
    refs.insert_with_ref(
        session,
        delivery,
        ServiceDelivery.service_ref,
        "SRV-",
        7,
        # the same form saved twice at once: the unique request key refused the second
        refused=lambda: refuse_repeat(
            session, ServiceDelivery, delivery.request_key, already_saved_message()
        ),
    )
    return delivery


def record_walk_in(
    database: Database,
    actor: Actor,
    service_code: str,
    delivered_on: date | None,
    expat_id: int | None = None,
    employer_id: int | None = None,
    notes: str | None = None,
    *,
    today: date | None = None,
    request_key: str | None = None,
) -> int:
    """Record a service delivered at the desk outside a case; returns the delivery's id.

    ``request_key``: the key the form made when it opened; saving it again raises
    :class:`~expatdesk.errors.AlreadySavedError` instead of adding a second delivery.

    Raises :class:`~expatdesk.common.validation.ValidationError` (fields ``service``,
    ``delivered_on``, ``client``, ``expat``, ``employer``, ``notes``) and saves nothing when
    the input cannot be stored.
    """
    actor.require(Permission.CLIENTS)
    today = today or clock.today()
    notes = clean(notes)
    with database.transaction(actor) as session:
        problems = Problems()
        check_service(problems, session, service_code)
        problems.add("delivered_on", date_problem(delivered_on, today))
        check_clients(problems, session, expat_id, employer_id)
        problems.add("notes", too_long(notes, NOTES_LIMIT))
        problems.raise_if_any()
        assert delivered_on is not None
        delivery = add_delivery(
            session,
            service_code=service_code,
            delivered_on=delivered_on,
            expat_id=expat_id,
            employer_id=employer_id,
            notes=notes,
            request_key=request_key,
        )
        log.info("walk-in %s (%s) recorded", delivery.service_ref, service_code)
        return delivery.id


# --- reading ----------------------------------------------------------------------------------


def deliveries_in(session: Session, condition: ColumnElement[bool]) -> list[Delivery]:
    """The deliveries that meet ``condition``, newest first, inside an open session."""
    statement = (
        select(
            ServiceDelivery,
            ServiceType,
            Expat.given_name,
            Expat.family_name,
            Employer.name,
            Case.case_ref,
        )
        .join(ServiceType, ServiceType.code == ServiceDelivery.service_code)
        .outerjoin(Expat, Expat.id == ServiceDelivery.expat_id)
        .outerjoin(Employer, Employer.id == ServiceDelivery.employer_id)
        .outerjoin(Case, Case.id == ServiceDelivery.case_id)
        .where(condition)
        .order_by(ServiceDelivery.delivered_on.desc(), ServiceDelivery.id.desc())
    )
    return [
        Delivery(
            id=row.id,
            ref=row.service_ref,
            version=row.version,
            service=Label.of(service),
            delivered_on=row.delivered_on,
            expat_id=row.expat_id,
            expat_name=None if row.expat_id is None else full_name(given, family),
            employer_id=row.employer_id,
            employer_name=employer_name,
            case_id=row.case_id,
            case_ref=case_ref,
            notes=row.notes,
        )
        for row, service, given, family, employer_name, case_ref in session.execute(statement)
    ]


def deliveries_of(
    database: Database, expat_id: int | None = None, employer_id: int | None = None
) -> list[Delivery]:
    """The services delivered to an expat or an employer (or to either of both), newest first.

    Only deliveries that name the client count: an employer's list does not repeat the services
    of its expats.
    """
    conditions: list[ColumnElement[bool]] = []
    if expat_id is not None:
        conditions.append(ServiceDelivery.expat_id == expat_id)
    if employer_id is not None:
        conditions.append(ServiceDelivery.employer_id == employer_id)
    if not conditions:
        return []
    with database.reading() as session:
        return deliveries_in(session, or_(*conditions))
