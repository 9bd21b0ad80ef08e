"""One timeline of everything linked to an expat or an employer, newest first.

An expat's page shows their arrival and departure, their cases (opened, closed), the services
delivered to them, their permits (from, until), their family and their survey responses on one
timeline; an employer's page its cases, the services delivered to it, its survey responses and its
international hires per year.

The record loaders (:func:`expatdesk.expats.read.load_expat`,
:func:`expatdesk.employers.read.load_employer`) read the linked records with one query per
linked table (:mod:`expatdesk.cases.linked`); :func:`expat_events` and :func:`employer_events`
are given the loaded record and turn it into events without touching the database. A
:class:`TimelineEvent` carries data, not sentences: its :attr:`~TimelineEvent.title` and
:attr:`~TimelineEvent.detail` are made in the active language each time they are read, so a page
drawn again after a language switch speaks the new language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from expatdesk import clock, i18n
from expatdesk.cases.linked import CaseInfo, DeliveryInfo
from expatdesk.common.labels import Label, relation_label
from expatdesk.employers.read import EmployerDetail
from expatdesk.expats.read import ExpatDetail
from expatdesk.i18n import _, ngettext
from expatdesk.surveys.responses import Response, intention_label

#: A permit whose last day is at most this many days ahead is "expiring".
EXPIRING_DAYS = 90
#: ... and at most this many days ahead it is urgent.
URGENT_DAYS = 30

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
