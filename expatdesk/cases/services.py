"""The services delivered on a case, and the document checklist of each, ticked off.

A delivery on a case names the case's clients, no more (see :mod:`expatdesk.cases.workflow` on
target N). Each write runs in one transaction on an open case.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from expatdesk import clock
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.cases import deliveries
from expatdesk.cases.deliveries import date_problem
from expatdesk.cases.workflow import case_for_change
from expatdesk.common.concurrency import StaleRecordError, check_version, stale_guard
from expatdesk.common.validation import Problems
from expatdesk.db.database import Database
from expatdesk.db.models import ChecklistItem, DeliveryDocument, ServiceDelivery
from expatdesk.errors import UserError
from expatdesk.i18n import _


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
        record = case_for_change(session, case_id)
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
    case_for_change(session, delivery.case_id)
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
