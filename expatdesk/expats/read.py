"""Expats: the list of all expats and the record of one.

The record (:class:`ExpatDetail`) never holds a BSN in clear: the service masks it before it
leaves the database session, so no view can show or leak it by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from expatdesk import i18n
from expatdesk.cases.linked import CaseInfo, DeliveryInfo, linked_cases, linked_deliveries
from expatdesk.common.labels import Label, label, label_column, picked
from expatdesk.common.listing import (
    AnySelect,
    Column,
    Expression,
    Filter,
    FilterChoices,
    Join,
    Listing,
    Order,
    distinct_values,
    field_text,
)
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Case,
    Employer,
    Expat,
    ExpatCategory,
    Municipality,
    Permit,
    ServiceDelivery,
)
from expatdesk.i18n import N_
from expatdesk.surveys import responses as surveys
from expatdesk.text import full_name, mask_bsn

# --- the list ---------------------------------------------------------------------------------


def _present_countries(session: Session) -> list[str]:
    """The nationalities of the expats, sorted by the country's name in the active language.

    An index lookup per nationality (:func:`~expatdesk.common.listing.distinct_values`), not a
    read of every expat.
    """
    present = set(distinct_values(session, Expat.nationality))
    return [code for code, _name in i18n.countries() if code in present]


def _nationality_order(session: Session) -> list[Expression]:
    """Sort on the country's name in the active language, not on its code.

    Only the countries that occur are ranked: each branch of the ``CASE`` costs time on every row.
    """
    codes = _present_countries(session)
    if not codes:
        return [Expat.nationality]
    ranks = {code: rank for rank, code in enumerate(codes)}
    return [case(ranks, value=Expat.nationality, else_=None), Expat.nationality]


def _nationality_choices(session: Session) -> list[tuple[str | int, str]]:
    return [(code, i18n.country_name(code)) for code in _present_countries(session)]


def _code_choices(table: type[ExpatCategory] | type[Municipality]) -> FilterChoices:
    """The codes of a code list with their labels in the active language, in the list's order."""

    def choices(session: Session) -> list[tuple[str | int, str]]:
        rows = session.execute(
            select(table.code, table.label_en, table.label_nl).order_by(
                table.sort_order, table.code
            )
        )
        return [(code, picked(en, nl)) for code, en, nl in rows]

    return choices


def _arrival_years(session: Session) -> list[tuple[str | int, str]]:
    """The years from the latest arrival back to the earliest (two index lookups)."""
    # Two statements: SQLite looks a lone min() or max() up in the index, both at once it scans.
    earliest = session.scalar(select(func.min(Expat.arrival_date)))
    latest = session.scalar(select(func.max(Expat.arrival_date)))
    if earliest is None or latest is None:
        return []
    return [(year, str(year)) for year in range(latest.year, earliest.year - 1, -1)]


def _arrived_in(year: str | int) -> ColumnElement[bool]:
    start = date(int(year), 1, 1)
    return (Expat.arrival_date >= start) & (Expat.arrival_date < start.replace(year=start.year + 1))


_EMPLOYER = Join(Employer, Employer.id == Expat.employer_id)
_CATEGORY = Join(ExpatCategory, ExpatCategory.code == Expat.category_code)
_MUNICIPALITY = Join(Municipality, Municipality.code == Expat.municipality_code)


def _page_query() -> AnySelect:
    return (
        select(
            Expat.id,
            Expat.expat_ref,
            Expat.family_name,
            Expat.given_name,
            Expat.nationality,
            Employer.name.label("employer_name"),
            ExpatCategory.label_en.label("category_en"),
            ExpatCategory.label_nl.label("category_nl"),
            Expat.arrival_date,
            Municipality.label_en.label("municipality_en"),
            Municipality.label_nl.label("municipality_nl"),
        )
        .select_from(Expat)
        .outerjoin(_EMPLOYER.target, _EMPLOYER.onclause)
        .outerjoin(_CATEGORY.target, _CATEGORY.onclause)
        .outerjoin(_MUNICIPALITY.target, _MUNICIPALITY.onclause)
    )


LISTING = Listing(
    name="expats",
    id_column=Expat.id,
    search_key=Expat.search_key,
    columns=(
        Column("ref", N_("Ref."), lambda _session: [Expat.expat_ref], field_text("expat_ref")),
        Column(
            "family_name",
            N_("Family name"),
            lambda _session: [Expat.family_name, Expat.given_name],
            field_text("family_name"),
        ),
        Column(
            "given_name",
            N_("Given name"),
            lambda _session: [Expat.given_name],  # (given_name, id) is an index
            field_text("given_name"),
        ),
        Column(
            "nationality",
            N_("Nationality"),
            _nationality_order,
            lambda row: i18n.country_name(row["nationality"]),
            nullable=True,
            by_language=True,
        ),
        Column(
            "employer",
            N_("Employer"),
            lambda _session: [Employer.name],
            field_text("employer_name"),
            joins=(_EMPLOYER,),
            nullable=True,
        ),
        Column(
            "category",
            N_("Category"),
            lambda _session: [label_column(ExpatCategory)],
            lambda row: picked(row["category_en"], row["category_nl"]),
            joins=(_CATEGORY,),
            nullable=True,
            by_language=True,
        ),
        Column(
            "arrival_date",
            N_("Arrival"),
            lambda _session: [Expat.arrival_date],
            lambda row: i18n.format_date(row["arrival_date"]),
            nullable=True,
            value=lambda row: row["arrival_date"],
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
    ),
    page_query=_page_query,
    default_order=Order("family_name"),
    filters=(
        Filter(
            "category",
            N_("Category"),
            _code_choices(ExpatCategory),
            lambda code: Expat.category_code == str(code),
        ),
        Filter(
            "municipality",
            N_("Municipality"),
            _code_choices(Municipality),
            lambda code: Expat.municipality_code == str(code),
        ),
        Filter(
            "employer",
            N_("Employer"),
            None,
            lambda employer_id: Expat.employer_id == int(employer_id),
            chooser="employer",
        ),
        Filter("arrival_year", N_("Arrival year"), _arrival_years, _arrived_in),
        Filter(
            "nationality",
            N_("Nationality"),
            _nationality_choices,
            lambda code: Expat.nationality == str(code),
        ),
    ),
)


# --- one expat --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FamilyMemberInfo:
    relation: str  # "partner" or "child"; see relation_label()
    given_name: str
    family_name: str | None
    date_of_birth: date | None
    school: str | None
    #: The (local) date the desk registered the family member.
    registered_on: date | None = None

    @property
    def name(self) -> str:
        return full_name(self.given_name, self.family_name)


@dataclass(frozen=True)
class PermitInfo:
    permit_type: Label
    number: str | None
    valid_from: date | None
    valid_until: date

    def expired(self, today: date) -> bool:
        return self.valid_until < today


@dataclass(frozen=True)
class ExpatDetail:
    """Everything the desk sees of one expat. ``bsn_masked`` is all there is of the BSN."""

    id: int
    ref: str
    given_name: str
    family_name: str
    date_of_birth: date | None
    nationality: str | None
    email: str | None
    phone: str | None
    bsn_masked: str | None
    employer_id: int | None
    employer_name: str | None
    category: Label | None
    education_level: Label | None
    arrival_date: date | None
    departure_date: date | None
    municipality: Label | None
    preferred_language: str | None
    survey_consent: bool
    survey_consent_date: date | None
    notes: str | None
    family: tuple[FamilyMemberInfo, ...]
    permits: tuple[PermitInfo, ...]
    #: Survey responses, newest first (:mod:`expatdesk.surveys.responses`).
    surveys: tuple[surveys.Response, ...] = ()
    #: The expat's cases, the newest first.
    cases: tuple[CaseInfo, ...] = ()
    #: The newest services delivered to the expat (at most ``DELIVERY_LIMIT``) …
    deliveries: tuple[DeliveryInfo, ...] = ()
    #: … and how many there are in all.
    delivery_count: int = 0

    @property
    def name(self) -> str:
        return full_name(self.given_name, self.family_name)


def employer_of(database: Database, expat_id: int) -> int | None:
    """The expat's current employer (``None``: none, or no such expat)."""
    with database.reading() as session:
        return session.scalar(select(Expat.employer_id).where(Expat.id == expat_id))


def load_expat(database: Database, expat_id: int) -> ExpatDetail | None:
    """The record of one expat with everything linked to it; ``None`` if it no longer exists.

    One query per linked table: the expat with its code lists and employer, family, permits,
    cases, service deliveries and survey responses.
    """
    with database.reading() as session:
        expat = session.get(
            Expat,
            expat_id,
            options=[
                joinedload(Expat.employer),
                joinedload(Expat.category),
                joinedload(Expat.education_level),
                joinedload(Expat.municipality),
                selectinload(Expat.family),
                selectinload(Expat.permits).joinedload(Permit.permit_type),
            ],
        )
        if expat is None:
            return None
        deliveries, delivery_count = linked_deliveries(
            session, ServiceDelivery.expat_id == expat_id
        )
        return ExpatDetail(
            id=expat.id,
            ref=expat.expat_ref,
            given_name=expat.given_name,
            family_name=expat.family_name,
            date_of_birth=expat.date_of_birth,
            nationality=expat.nationality,
            email=expat.email,
            phone=expat.phone,
            bsn_masked=mask_bsn(expat.bsn),
            employer_id=expat.employer_id,
            employer_name=expat.employer.name if expat.employer else None,
            category=label(expat.category),
            education_level=label(expat.education_level),
            arrival_date=expat.arrival_date,
            departure_date=expat.departure_date,
            municipality=label(expat.municipality),
            preferred_language=expat.preferred_language,
            survey_consent=expat.survey_consent,
            survey_consent_date=expat.survey_consent_date,
            notes=expat.notes,
            family=tuple(
                FamilyMemberInfo(
                    member.relation,
                    member.given_name,
                    member.family_name,
                    member.date_of_birth,
                    member.school,
                    member.created_at.astimezone().date() if member.created_at else None,
                )
                for member in expat.family
            ),
            permits=tuple(
                PermitInfo(
                    Label.of(permit.permit_type),
                    permit.number,
                    permit.valid_from,
                    permit.valid_until,
                )
                for permit in expat.permits
            ),
            surveys=tuple(surveys.responses_in(session, "expat", expat.id)),
            cases=linked_cases(session, Case.expat_id == expat_id),
            deliveries=deliveries,
            delivery_count=delivery_count,
        )
