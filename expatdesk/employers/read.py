"""Employers: the list of all employers and the record of one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ScalarSelect, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from expatdesk import i18n
from expatdesk.cases.linked import CaseInfo, DeliveryInfo, linked_cases, linked_deliveries
from expatdesk.common.labels import Label, label, label_column, picked, yes_no
from expatdesk.common.listing import (
    AnySelect,
    Column,
    Filter,
    Join,
    Listing,
    Order,
    field_text,
)
from expatdesk.db.database import Database
from expatdesk.db.models import Case, Employer, Expat, Municipality, ServiceDelivery
from expatdesk.i18n import N_
from expatdesk.surveys import responses as surveys


def _expat_count() -> ScalarSelect[int]:
    """The number of expats working for the employer of the outer query.

    ``count(*)``, not ``count(id)``: PostgreSQL counts the index entries without visiting rows.
    """
    return (
        select(func.count())
        .select_from(Expat)
        .where(Expat.employer_id == Employer.id)
        .correlate(Employer)
        .scalar_subquery()
    )


_MUNICIPALITY = Join(Municipality, Municipality.code == Employer.municipality_code)


def _municipalities(session: Session) -> list[tuple[str | int, str]]:
    """The municipalities with their labels in the active language, in the list's order."""
    rows = session.execute(
        select(Municipality.code, Municipality.label_en, Municipality.label_nl).order_by(
            Municipality.sort_order, Municipality.code
        )
    )
    return [(code, picked(en, nl)) for code, en, nl in rows]


def _page_query() -> AnySelect:
    return (
        select(
            Employer.id,
            Employer.employer_ref,
            Employer.name,
            Employer.kvk_number,
            Employer.high_tech,
            Municipality.label_en.label("municipality_en"),
            Municipality.label_nl.label("municipality_nl"),
            Employer.recognised_sponsor,
            _expat_count().label("expat_count"),
        )
        .select_from(Employer)
        .outerjoin(_MUNICIPALITY.target, _MUNICIPALITY.onclause)
    )


LISTING = Listing(
    name="employers",
    id_column=Employer.id,
    search_key=Employer.search_key,
    columns=(
        Column(
            "ref", N_("Ref."), lambda _session: [Employer.employer_ref], field_text("employer_ref")
        ),
        Column("name", N_("Name"), lambda _session: [Employer.name], field_text("name")),
        Column(
            "kvk_number",
            N_("KvK number"),
            lambda _session: [Employer.kvk_number],
            field_text("kvk_number"),
            nullable=True,
        ),
        Column(
            "expat_count",
            N_("Expats"),
            lambda _session: [_expat_count()],
            lambda row: i18n.format_number(row["expat_count"]),
            numeric=True,
            value=lambda row: row["expat_count"],
        ),
        Column(
            "high_tech",
            N_("High-tech"),
            lambda _session: [Employer.high_tech],
            lambda row: yes_no(row["high_tech"]),
        ),
        Column(
            "municipality",
            N_("Municipality"),
            lambda _session: [label_column(Municipality)],
            lambda row: picked(row["municipality_en"], row["municipality_nl"]),
            joins=(_MUNICIPALITY,),
            nullable=True,
            by_language=True,
        ),
        Column(
            "recognised_sponsor",
            N_("Recognised sponsor"),
            lambda _session: [Employer.recognised_sponsor],
            lambda row: yes_no(row["recognised_sponsor"]),
        ),
    ),
    page_query=_page_query,
    default_order=Order("name"),
    filters=(
        Filter(
            "municipality",
            N_("Municipality"),
            _municipalities,
            lambda code: Employer.municipality_code == str(code),
        ),
        Filter(
            "high_tech",
            N_("High-tech"),
            lambda _session: [(1, yes_no(True)), (0, yes_no(False))],
            lambda value: Employer.high_tech.is_(bool(int(value))),
        ),
    ),
)


# --- one employer -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactInfo:
    name: str
    job_title: str | None
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class HiringInfo:
    """How many international knowledge workers the employer hired in ``year``."""

    year: int
    international_hires: int
    source: str | None


@dataclass(frozen=True)
class EmployerDetail:
    id: int
    ref: str
    name: str
    kvk_number: str | None
    high_tech: bool
    municipality: Label | None
    recognised_sponsor: bool
    website: str | None
    notes: str | None
    contacts: tuple[ContactInfo, ...]
    hiring: tuple[HiringInfo, ...]
    expat_count: int
    #: Survey responses, newest first (:mod:`expatdesk.surveys.responses`).
    surveys: tuple[surveys.Response, ...] = ()
    #: The cases opened for the employer, the newest first.
    cases: tuple[CaseInfo, ...] = ()
    #: The newest services delivered to the employer (at most ``DELIVERY_LIMIT``) …
    deliveries: tuple[DeliveryInfo, ...] = ()
    #: … and how many there are in all.
    delivery_count: int = 0


def load_employer(database: Database, employer_id: int) -> EmployerDetail | None:
    """The record of one employer with everything linked to it; ``None`` if gone.

    One query per linked table: contacts, hiring, the expat count, cases, service deliveries
    (the newest) and survey responses.
    """
    with database.reading() as session:
        employer = session.get(
            Employer,
            employer_id,
            options=[
                joinedload(Employer.municipality),
                selectinload(Employer.contacts),
                selectinload(Employer.hiring),
            ],
        )
        if employer is None:
            return None
        count = session.scalar(select(func.count(Expat.id)).where(Expat.employer_id == employer_id))
        deliveries, delivery_count = linked_deliveries(
            session, ServiceDelivery.employer_id == employer_id
        )
        return EmployerDetail(
            id=employer.id,
            ref=employer.employer_ref,
            name=employer.name,
            kvk_number=employer.kvk_number,
            high_tech=employer.high_tech,
            municipality=label(employer.municipality),
            recognised_sponsor=employer.recognised_sponsor,
            website=employer.website,
            notes=employer.notes,
            contacts=tuple(
                ContactInfo(contact.name, contact.job_title, contact.email, contact.phone)
                for contact in employer.contacts
            ),
            hiring=tuple(
                HiringInfo(record.year, record.international_hires, record.source)
                for record in employer.hiring
            ),
            expat_count=count or 0,
            surveys=tuple(surveys.responses_in(session, "employer", employer.id)),
            cases=linked_cases(session, Case.employer_id == employer_id),
            deliveries=deliveries,
            delivery_count=delivery_count,
        )
