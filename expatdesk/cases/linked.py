"""The cases and service deliveries linked to an expat or an employer, as their page lists them.

The record loaders (:func:`expatdesk.expats.read.load_expat`,
:func:`expatdesk.employers.read.load_employer`) read them with one query per linked table; the
timeline (:mod:`expatdesk.timeline`) and the record pages show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from expatdesk.cases.statuses import status_label
from expatdesk.common.labels import Label
from expatdesk.db.models import Case, Employer, Expat, ServiceDelivery, ServiceType, StaffUser
from expatdesk.text import full_name

#: A record page reads at most this many service deliveries (the newest); an employer that hires
#: hundreds of expats has thousands, and no page can show them all usefully.
DELIVERY_LIMIT = 200


@dataclass(frozen=True)
class CaseInfo:
    """A case as a client's page lists it."""

    id: int
    ref: str
    subject: str
    status: str  # one of CASE_STATUSES; see status_label
    opened_on: date
    closed_on: date | None  # the local date of closed_at
    owner_name: str | None

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def is_open(self) -> bool:
        return self.status != "closed"


@dataclass(frozen=True)
class DeliveryInfo:
    """A service delivered, with the case it belongs to (if any) and to whom."""

    id: int
    ref: str
    service: Label
    delivered_on: date
    case_id: int | None
    case_ref: str | None
    expat_id: int | None
    expat_name: str | None
    employer_id: int | None
    employer_name: str | None
    notes: str | None


def linked_cases(session: Session, condition: ColumnElement[bool]) -> tuple[CaseInfo, ...]:
    """The cases that meet ``condition``, the newest first, in one query."""
    rows = session.execute(
        select(
            Case.id,
            Case.case_ref,
            Case.subject,
            Case.status,
            Case.opened_on,
            Case.closed_at,
            StaffUser.display_name,
        )
        .outerjoin(StaffUser, StaffUser.id == Case.owner_id)
        .where(condition)
        .order_by(Case.opened_on.desc(), Case.id.desc())
    )
    return tuple(
        CaseInfo(
            id=row.id,
            ref=row.case_ref,
            subject=row.subject,
            status=row.status,
            opened_on=row.opened_on,
            closed_on=None if row.closed_at is None else row.closed_at.astimezone().date(),
            owner_name=row.display_name,
        )
        for row in rows
    )


def linked_deliveries(
    session: Session, condition: ColumnElement[bool], limit: int | None = None
) -> tuple[tuple[DeliveryInfo, ...], int]:
    """The newest ``limit`` deliveries that meet ``condition``, and how many there are in all.

    One query; a second one counts only when the limit (:data:`DELIVERY_LIMIT`) was reached.
    """
    limit = DELIVERY_LIMIT if limit is None else limit
    newest = ServiceDelivery.delivered_on.desc(), ServiceDelivery.id.desc()
    # The newest ids first, then their details: joining only those rows, not all of a big
    # employer's thousands.
    chosen = select(ServiceDelivery.id).where(condition).order_by(*newest).limit(limit).subquery()
    rows = session.execute(
        select(
            ServiceDelivery.id,
            ServiceDelivery.service_ref,
            ServiceDelivery.delivered_on,
            ServiceDelivery.case_id,
            ServiceDelivery.expat_id,
            ServiceDelivery.employer_id,
            ServiceDelivery.notes,
            ServiceType.code,
            ServiceType.label_en,
            ServiceType.label_nl,
            Case.case_ref,
            Expat.given_name,
            Expat.family_name,
            Employer.name.label("employer_name"),
        )
        .join(ServiceType, ServiceType.code == ServiceDelivery.service_code)
        .outerjoin(Case, Case.id == ServiceDelivery.case_id)
        .outerjoin(Expat, Expat.id == ServiceDelivery.expat_id)
        .outerjoin(Employer, Employer.id == ServiceDelivery.employer_id)
        .where(ServiceDelivery.id.in_(select(chosen.c.id)))
        .order_by(*newest)
    ).all()
    deliveries = tuple(
        DeliveryInfo(
            id=row.id,
            ref=row.service_ref,
            service=Label(row.code, row.label_en, row.label_nl),
            delivered_on=row.delivered_on,
            case_id=row.case_id,
            case_ref=row.case_ref,
            expat_id=row.expat_id,
            expat_name=(
                None if row.expat_id is None else full_name(row.given_name, row.family_name)
            ),
            employer_id=row.employer_id,
            employer_name=row.employer_name,
            notes=row.notes,
        )
        for row in rows
    )
    total = len(deliveries)
    if total >= limit:
        total = session.scalar(select(func.count(ServiceDelivery.id)).where(condition)) or 0
    return deliveries, total
