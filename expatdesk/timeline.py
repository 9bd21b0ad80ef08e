"""One timeline of everything linked to an expat or an employer, newest first.

An expat's page shows their arrival and departure, their cases (opened, closed), the services
delivered to them, their permits (from, until), their family and their survey responses on one
timeline; an employer's page its cases, the services delivered to it, its survey responses and its
international hires per year.

The record loaders (:func:`expatdesk.expats.read.load_expat`,
:func:`expatdesk.employers.read.load_employer`) read the linked records with one query per
linked table (:func:`cases_in`, :func:`deliveries_in`); :func:`expat_events` and
:func:`employer_events` turn a loaded record into events without touching the database. A
:class:`TimelineEvent` carries data, not sentences: its :attr:`~TimelineEvent.title` and
:attr:`~TimelineEvent.detail` are made in the active language each time they are read, so a page
drawn again after a language switch speaks the new language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from expatdesk import clock, i18n
from expatdesk.cases.workflow import status_label
from expatdesk.common.labels import Label
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Case,
    Employer,
    Expat,
    ServiceDelivery,
    ServiceType,
    StaffUser,
)
from expatdesk.i18n import _, ngettext

if TYPE_CHECKING:
    from expatdesk.employers.read import EmployerDetail
    from expatdesk.expats.read import ExpatDetail
    from expatdesk.surveys.responses import Response

#: A permit whose last day is at most this many days ahead is "expiring".
EXPIRING_DAYS = 90
#: ... and at most this many days ahead it is urgent.
URGENT_DAYS = 30
#: A record page reads at most this many service deliveries (the newest); an employer that hires
#: hundreds of expats has thousands, and no page can show them all usefully.
DELIVERY_LIMIT = 200

#: Where an event links to: a record kind ("expat", "employer", "case") and its id.
LINK_KINDS = ("expat", "employer", "case")


def days_left_text(valid_until: date, today: date) -> str:
    """How long a permit still runs, or since when it has lapsed, in words."""
    days = (valid_until - today).days
    if days == 0:
        return _("expires today")
    if days > 0:
        return ngettext("expires in {count} day", "expires in {count} days", days).format(
            count=i18n.format_number(days)
        )
    return ngettext("expired {count} day ago", "expired {count} days ago", -days).format(
        count=i18n.format_number(-days)
    )


# --- the linked records -----------------------------------------------------------------------


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


def cases_in(session: Session, condition: ColumnElement[bool]) -> tuple[CaseInfo, ...]:
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


def deliveries_in(
    session: Session, condition: ColumnElement[bool], limit: int | None = None
) -> tuple[tuple[DeliveryInfo, ...], int]:
    """The newest ``limit`` deliveries that meet ``condition``, and how many there are in all.

    One query; a second one counts only when the limit (:data:`DELIVERY_LIMIT`) was reached.
    """
    from expatdesk.expats.read import full_name

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


# --- events -----------------------------------------------------------------------------------

EVENT_KINDS = (
    "arrival",
    "departure",
    "case_opened",
    "case_closed",
    "service",
    "permit_from",
    "permit_until",
    "family",
    "birth",
    "survey",
    "hiring",
)
Day = date  # the type, where a field named ``date`` hides it

#: A permit's mark on the timeline: it lapsed without a newer one, or it ends soon.
MARKS = ("expired", "expiring")


@dataclass(frozen=True)
class TimelineEvent:
    """Something that happened (or will: a permit's end) on a date.

    ``link_kind``/``link_id`` name the record the event opens (``("case", 12)``), or are
    ``None`` when the event belongs to the page it is on. ``mark`` is ``"expired"`` or
    ``"expiring"`` for the end of a current permit that lapsed or lapses within
    :data:`EXPIRING_DAYS`. ``year_only``: the date stands for its year (hires per year).
    """

    date: date
    kind: str  # one of EVENT_KINDS
    link_kind: str | None = None
    link_id: int | None = None
    #: Names, subjects, references: data shown as it is.
    text: str = ""
    note: str | None = None
    label: Label | None = None  # a service's or a permit's type
    ref: str | None = None
    count: int | None = None
    mark: str | None = None
    today: Day | None = None  # what "expires in 12 days" counts from
    year_only: bool = False
    relation: str | None = None  # a family member's: "partner", "child"
    #: A survey response's answers.
    score_service: int | None = None
    score_added_value: int | None = None
    intends_to_leave: str | None = None

    @property
    def title(self) -> str:
        """What happened, in the active language."""
        kind, text = self.kind, self.text
        if kind == "arrival":
            return _("Arrived")
        if kind == "departure":
            return _("Departed")
        if kind == "case_opened":
            return _("Case {ref} opened").format(ref=self.ref)
        if kind == "case_closed":
            return _("Case {ref} closed").format(ref=self.ref)
        if kind == "service":
            return _("Service delivered: {service}").format(service=self.label)
        if kind == "permit_from":
            return _("Permit valid from: {type}").format(type=self.label)
        if kind == "permit_until":
            if self.mark == "expired":  # the current permit lapsed: news
                return _("Permit expired: {type}").format(type=self.label)
            if self.today is not None and self.date < self.today:  # superseded: history
                return _("Permit ended: {type}").format(type=self.label)
            return _("Permit valid until: {type}").format(type=self.label)
        if kind == "birth":
            return _("Child born: {name}").format(name=text)
        if kind == "family":
            from expatdesk.expats.read import relation_label

            name = text
            if self.relation:
                name = f"{text} ({relation_label(self.relation)})"
            return _("Family member registered: {name}").format(name=name)
        if kind == "survey":
            return _("Survey response")
        if kind == "hiring":
            count = self.count or 0
            return ngettext(
                "{count} international hire", "{count} international hires", count
            ).format(count=i18n.format_number(count))
        return text

    @property
    def detail(self) -> str:
        """More about it, in the active language; ``""`` when there is nothing more."""
        parts: list[str | None] = []
        if self.kind == "service" and self.ref:
            parts.append(_("case {ref}").format(ref=self.ref))
        if self.kind not in ("birth", "family"):  # their title names them
            parts.append(self.text)
        parts.append(self.note)
        if self.kind == "permit_until" and self.mark and self.today is not None:
            parts.append(days_left_text(self.date, self.today))
        if self.kind == "survey":
            parts += self._answers()
        return " · ".join(part for part in parts if part)

    def _answers(self) -> list[str]:
        from expatdesk.surveys.responses import intention_label

        answers = []
        if self.score_service is not None:
            grade = i18n.format_number(self.score_service)
            answers.append(_("service {grade}").format(grade=grade))
        if self.score_added_value is not None:
            grade = i18n.format_number(self.score_added_value)
            answers.append(_("added value {grade}").format(grade=grade))
        if self.intends_to_leave is not None:
            answer = intention_label(self.intends_to_leave)
            answers.append(_("leaving Twente: {answer}").format(answer=answer))
        return answers

    @property
    def link(self) -> tuple[str, int] | None:
        if self.link_kind is None or self.link_id is None:
            return None
        return self.link_kind, self.link_id


def newest_first(events: Iterable[TimelineEvent]) -> list[TimelineEvent]:
    """Events by date, the newest (or furthest ahead) first; stable within a day."""
    return sorted(events, key=lambda event: event.date, reverse=True)


def _case_events(cases: Iterable[CaseInfo]) -> list[TimelineEvent]:
    events = []
    for case in cases:
        # Closing comes after opening on the same day: listed above it, newest first.
        if case.closed_on is not None:
            events.append(
                TimelineEvent(
                    case.closed_on, "case_closed", "case", case.id, case.subject, ref=case.ref
                )
            )
        events.append(
            TimelineEvent(
                case.opened_on, "case_opened", "case", case.id, case.subject, ref=case.ref
            )
        )
    return events


def _delivery_events(
    deliveries: Iterable[DeliveryInfo], *, for_employer: bool
) -> list[TimelineEvent]:
    events = []
    for delivery in deliveries:
        link_kind: str | None = None
        link_id: int | None = None
        if delivery.case_id is not None:
            link_kind, link_id = "case", delivery.case_id
        elif for_employer and delivery.expat_id is not None:
            link_kind, link_id = "expat", delivery.expat_id
        whom = delivery.expat_name if for_employer else None
        events.append(
            TimelineEvent(
                delivery.delivered_on,
                "service",
                link_kind,
                link_id,
                whom or "",
                note=delivery.notes,
                label=delivery.service,
                ref=delivery.case_ref,
            )
        )
    return events


def _survey_events(responses: Iterable[Response]) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            response.answers.responded_on,
            "survey",
            ref=response.ref,
            score_service=response.answers.score_service,
            score_added_value=response.answers.score_added_value,
            intends_to_leave=response.answers.intends_to_leave,
        )
        for response in responses
    ]


def expat_events(expat: ExpatDetail, today: date | None = None) -> list[TimelineEvent]:
    """The timeline of a loaded expat, newest first (a permit's future end at the top)."""
    today = today or clock.today()
    events: list[TimelineEvent] = []
    if expat.arrival_date is not None:
        events.append(TimelineEvent(expat.arrival_date, "arrival"))
    if expat.departure_date is not None:
        events.append(TimelineEvent(expat.departure_date, "departure"))
    events += _case_events(expat.cases)
    events += _delivery_events(expat.deliveries, for_employer=False)
    latest = max(expat.permits, key=lambda permit: permit.valid_until, default=None)
    for permit in expat.permits:
        if permit.valid_from is not None:
            events.append(
                TimelineEvent(
                    permit.valid_from,
                    "permit_from",
                    text=permit.number or "",
                    label=permit.permit_type,
                )
            )
        mark = None
        if permit is latest:  # an older permit's end was superseded: history, not news
            if permit.valid_until < today:
                mark = "expired"
            elif permit.valid_until <= today + timedelta(days=EXPIRING_DAYS):
                mark = "expiring"
        events.append(
            TimelineEvent(
                permit.valid_until,
                "permit_until",
                text=permit.number or "",
                label=permit.permit_type,
                mark=mark,
                today=today,
            )
        )
    for member in expat.family:
        if member.relation == "child" and member.date_of_birth is not None:
            events.append(
                TimelineEvent(member.date_of_birth, "birth", text=member.name, note=member.school)
            )
        elif member.registered_on is not None:
            events.append(
                TimelineEvent(
                    member.registered_on,
                    "family",
                    text=member.name,
                    relation=member.relation,
                    note=member.school,
                )
            )
    events += _survey_events(expat.surveys)
    return newest_first(events)


def employer_events(employer: EmployerDetail) -> list[TimelineEvent]:
    """The timeline of a loaded employer, newest first."""
    events: list[TimelineEvent] = _case_events(employer.cases)
    events += _delivery_events(employer.deliveries, for_employer=True)
    events += _survey_events(employer.surveys)
    for record in employer.hiring:
        events.append(
            TimelineEvent(
                date(record.year, 12, 31),
                "hiring",
                count=record.international_hires,
                note=record.source,
                year_only=True,
            )
        )
    return newest_first(events)


def expat_timeline(
    database: Database, expat_id: int, today: date | None = None
) -> list[TimelineEvent]:
    """An expat's timeline, newest first; empty when the expat no longer exists."""
    from expatdesk.expats.read import load_expat

    expat = load_expat(database, expat_id)
    return [] if expat is None else expat_events(expat, today)


def employer_timeline(database: Database, employer_id: int) -> list[TimelineEvent]:
    """An employer's timeline, newest first; empty when the employer no longer exists."""
    from expatdesk.employers.read import load_employer

    employer = load_employer(database, employer_id)
    return [] if employer is None else employer_events(employer)
