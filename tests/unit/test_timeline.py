"""An expat's and an employer's linked records, and their timelines, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from expatdesk import clock, i18n, timeline
from expatdesk.cases import linked
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Case,
    Employer,
    Expat,
    FamilyMember,
    HiringRecord,
    Permit,
    ServiceDelivery,
    StaffUser,
    SurveyResponse,
)
from expatdesk.employers.read import load_employer
from expatdesk.expats.read import load_expat
from expatdesk.timeline import days_left_text, employer_events, expat_events

TODAY = date(2026, 3, 11)


def expat_timeline(database: Database, expat_id: int, today: date) -> list[timeline.TimelineEvent]:
    """The timeline as the expat's page makes it: of the record it loaded."""
    expat = load_expat(database, expat_id)
    assert expat is not None
    return expat_events(expat, today)


def employer_timeline(database: Database, employer_id: int) -> list[timeline.TimelineEvent]:
    employer = load_employer(database, employer_id)
    assert employer is not None
    return employer_events(employer)


@dataclass(frozen=True)
class Records:
    expat: int
    other_expat: int
    employer: int
    cases: dict[str, int]


@pytest.fixture
def records(database: Database) -> Records:
    with database.transaction() as session:
        owner = StaffUser(username="sanne", display_name="Sanne Brinkhuis", role="desk_officer")
        employer = Employer(employer_ref="EMP-1", name="Thales Nederland")
        session.add_all([owner, employer])
        session.flush()
        expat = Expat(
            expat_ref="EXP-1",
            given_name="José",
            family_name="García",
            employer_id=employer.id,
            arrival_date=date(2024, 9, 1),
            departure_date=date(2026, 8, 31),
        )
        expat.family = [
            FamilyMember(relation="partner", given_name="Lucía", family_name="Pérez"),
            FamilyMember(
                relation="child",
                given_name="Mateo",
                family_name="García",
                date_of_birth=date(2025, 2, 3),
                school="ISTwente",
            ),
        ]
        expat.permits = [
            Permit(
                permit_type_code="hsm",
                number="OLD",
                valid_from=date(2024, 8, 1),
                valid_until=date(2025, 7, 31),
            ),
            Permit(
                permit_type_code="hsm",
                number="NEW",
                valid_from=date(2025, 8, 1),
                valid_until=date(2026, 4, 30),
            ),
        ]
        other = Expat(expat_ref="EXP-2", given_name="Anna", family_name="Müller")
        session.add_all([expat, other])
        session.flush()
        cases = {
            "permit": Case(
                case_ref="C-1",
                subject="Permit application",
                status="closed",
                expat_id=expat.id,
                owner_id=owner.id,
                opened_on=date(2024, 7, 1),
                closed_at=datetime(2024, 8, 15, 12, 0, tzinfo=UTC),
            ),
            "housing": Case(
                case_ref="C-2",
                subject="Housing",
                status="waiting_client",
                expat_id=expat.id,
                opened_on=date(2025, 10, 1),
            ),
            "sponsor": Case(
                case_ref="C-3",
                subject="Recognised sponsor",
                status="in_progress",
                employer_id=employer.id,
                owner_id=owner.id,
                opened_on=date(2025, 5, 5),
            ),
            "other": Case(
                case_ref="C-4",
                subject="Not José's",
                status="new",
                expat_id=other.id,
                opened_on=date(2026, 1, 1),
            ),
        }
        session.add_all(cases.values())
        session.flush()
        session.add_all(
            [
                ServiceDelivery(
                    service_ref="S-1",
                    service_code="permit_hsm",
                    delivered_on=date(2024, 8, 10),
                    expat_id=expat.id,
                    employer_id=employer.id,
                    case_id=cases["permit"].id,
                ),
                ServiceDelivery(
                    service_ref="S-2",
                    service_code="digid",
                    delivered_on=date(2025, 11, 20),
                    expat_id=expat.id,
                    notes="Walk-in",
                ),
                ServiceDelivery(
                    service_ref="S-3",
                    service_code="employer_advice",
                    delivered_on=date(2025, 6, 1),
                    employer_id=employer.id,
                    case_id=cases["sponsor"].id,
                ),
                ServiceDelivery(
                    service_ref="S-4",
                    service_code="housing",
                    delivered_on=date(2025, 12, 1),
                    expat_id=other.id,
                    employer_id=employer.id,
                ),
                SurveyResponse(
                    response_ref="R-1",
                    respondent_type="expat",
                    expat_id=expat.id,
                    responded_on=date(2025, 9, 1),
                    score_service=8,
                    intends_to_leave="no",
                ),
                SurveyResponse(
                    response_ref="R-2",
                    respondent_type="employer",
                    employer_id=employer.id,
                    responded_on=date(2025, 12, 15),
                    score_service=7,
                    score_added_value=9,
                ),
                HiringRecord(employer_id=employer.id, year=2025, international_hires=12),
                HiringRecord(
                    employer_id=employer.id, year=2024, international_hires=1, source="survey"
                ),
            ]
        )
        return Records(
            expat=expat.id,
            other_expat=other.id,
            employer=employer.id,
            cases={key: case.id for key, case in cases.items()},
        )


# --- the linked records on the record ---------------------------------------------------------


def test_an_expat_record_holds_its_cases_and_services(database: Database, records: Records) -> None:
    expat = load_expat(database, records.expat)
    assert expat is not None
    assert [case.ref for case in expat.cases] == ["C-2", "C-1"]
    housing, permit = expat.cases
    assert (housing.status, housing.is_open, housing.owner_name) == ("waiting_client", True, None)
    assert housing.status_label == "Waiting for the client"
    assert (permit.closed_on, permit.owner_name, permit.is_open) == (
        date(2024, 8, 15),
        "Sanne Brinkhuis",
        False,
    )
    assert [delivery.ref for delivery in expat.deliveries] == ["S-2", "S-1"]
    assert expat.delivery_count == 2
    walk_in, on_case = expat.deliveries
    assert (walk_in.case_id, walk_in.case_ref, walk_in.notes) == (None, None, "Walk-in")
    assert str(walk_in.service) == "DigiD"
    assert (on_case.case_id, on_case.case_ref) == (records.cases["permit"], "C-1")
    assert (on_case.employer_name, on_case.expat_name) == ("Thales Nederland", "José García")
    assert expat.family[0].registered_on is not None


def test_an_employer_record_holds_its_cases_and_services(
    database: Database, records: Records
) -> None:
    employer = load_employer(database, records.employer)
    assert employer is not None
    assert [case.ref for case in employer.cases] == ["C-3"]
    assert [delivery.ref for delivery in employer.deliveries] == ["S-4", "S-3", "S-1"]
    assert employer.delivery_count == 3
    assert employer.deliveries[0].expat_name == "Anna Müller"


def test_a_page_reads_only_the_newest_deliveries(
    database: Database, records: Records, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linked, "DELIVERY_LIMIT", 2)
    employer = load_employer(database, records.employer)
    assert employer is not None
    assert [delivery.ref for delivery in employer.deliveries] == ["S-4", "S-3"]
    assert employer.delivery_count == 3
    expat = load_expat(database, records.expat)
    assert expat is not None
    assert expat.delivery_count == 2


def test_a_record_without_links(database: Database, records: Records) -> None:
    with database.transaction() as session:
        lonely = Expat(expat_ref="EXP-9", given_name="Lonely", family_name="Expat")
        session.add(lonely)
        session.flush()
        lonely_id = lonely.id
    expat = load_expat(database, lonely_id)
    assert expat is not None
    assert (expat.cases, expat.deliveries, expat.delivery_count) == ((), (), 0)
    assert expat_events(expat, TODAY) == []
    assert load_expat(database, 999_999) is None
    assert load_employer(database, 999_999) is None


# --- the expat's timeline ---------------------------------------------------------------------


def test_the_expat_timeline_newest_first(database: Database, records: Records) -> None:
    events = expat_timeline(database, records.expat, TODAY)
    registered = clock.today()  # the partner has no other date than their registration
    assert [(event.date, event.kind) for event in events] == [
        (registered, "family"),
        (date(2026, 8, 31), "departure"),
        (date(2026, 4, 30), "permit_until"),
        (date(2025, 11, 20), "service"),
        (date(2025, 10, 1), "case_opened"),
        (date(2025, 9, 1), "survey"),
        (date(2025, 8, 1), "permit_from"),
        (date(2025, 7, 31), "permit_until"),
        (date(2025, 2, 3), "birth"),
        (date(2024, 9, 1), "arrival"),
        (date(2024, 8, 15), "case_closed"),
        (date(2024, 8, 10), "service"),
        (date(2024, 8, 1), "permit_from"),
        (date(2024, 7, 1), "case_opened"),
    ]


def test_expat_events(database: Database, records: Records) -> None:
    events = expat_timeline(database, records.expat, TODAY)
    by_kind: dict[str, list[timeline.TimelineEvent]] = {}
    for event in events:
        by_kind.setdefault(event.kind, []).append(event)
    (partner,) = by_kind["family"]
    assert partner.title == "Family member registered: Lucía Pérez (Partner)"
    (birth,) = by_kind["birth"]
    assert (birth.title, birth.detail) == ("Child born: Mateo García", "ISTwente")

    closed, opened_old = by_kind["case_closed"][0], by_kind["case_opened"][1]
    assert (closed.title, closed.detail) == ("Case C-1 closed", "Permit application")
    assert closed.link == ("case", records.cases["permit"])
    assert opened_old.link == ("case", records.cases["permit"])

    walk_in, on_case = by_kind["service"]
    assert walk_in.title == "Service delivered: DigiD"
    assert (walk_in.detail, walk_in.link) == ("Walk-in", None)
    assert on_case.detail == "case C-1"
    assert on_case.link == ("case", records.cases["permit"])

    current_end, old_end = by_kind["permit_until"]
    assert current_end.mark == "expiring"  # the latest permit ends within 90 days
    assert current_end.title == "Permit valid until: Highly skilled migrant"
    assert current_end.detail == "NEW · expires in 50 days"
    assert old_end.mark is None  # superseded by the new one: history
    assert old_end.title == "Permit ended: Highly skilled migrant"
    assert old_end.detail == "OLD"
    assert by_kind["permit_from"][0].title == "Permit valid from: Highly skilled migrant"

    (survey,) = by_kind["survey"]
    assert (survey.title, survey.detail, survey.link) == (
        "Survey response",
        "service 8 · leaving Twente: No",
        None,
    )
    assert by_kind["arrival"][0].title == "Arrived"
    assert by_kind["departure"][0].title == "Departed"

    i18n.set_language("nl")
    assert current_end.title == "Vergunning geldig tot: Kennismigrant"
    assert current_end.detail == "NEW · verloopt over 50 dagen"
    assert closed.title == "Zaak C-1 gesloten"
    assert partner.title == "Gezinslid geregistreerd: Lucía Pérez (Partner)"
    assert survey.detail == "dienstverlening 8 · vertrek uit Twente: Nee"


def test_a_lapsed_current_permit_is_marked_expired(database: Database, records: Records) -> None:
    later = date(2026, 5, 2)
    events = expat_timeline(database, records.expat, later)
    (current_end,) = [e for e in events if e.kind == "permit_until" and e.mark]
    assert current_end.mark == "expired"
    assert current_end.title == "Permit expired: Highly skilled migrant"
    assert current_end.detail == "NEW · expired 2 days ago"
    earlier = date(2025, 12, 1)
    events = expat_timeline(database, records.expat, earlier)
    assert [e.mark for e in events if e.kind == "permit_until"] == [None, None]


@pytest.mark.parametrize(
    ("valid_until", "text"),
    [
        (TODAY, "expires today"),
        (TODAY + timedelta(days=1), "expires in 1 day"),
        (TODAY + timedelta(days=1234), "expires in 1,234 days"),
        (TODAY - timedelta(days=1), "expired 1 day ago"),
        (TODAY - timedelta(days=3), "expired 3 days ago"),
    ],
)
def test_days_left_text(valid_until: date, text: str) -> None:
    assert days_left_text(valid_until, TODAY) == text


# --- the employer's timeline ------------------------------------------------------------------


def test_the_employer_timeline(database: Database, records: Records) -> None:
    events = employer_timeline(database, records.employer)
    assert [(event.date, event.kind) for event in events] == [
        (date(2025, 12, 31), "hiring"),
        (date(2025, 12, 15), "survey"),
        (date(2025, 12, 1), "service"),
        (date(2025, 6, 1), "service"),
        (date(2025, 5, 5), "case_opened"),
        (date(2024, 12, 31), "hiring"),
        (date(2024, 8, 10), "service"),
    ]
    hires, survey, walk_in, on_case, opened, few_hires, for_expat = events
    assert (hires.title, hires.year_only, hires.detail) == ("12 international hires", True, "")
    assert (few_hires.title, few_hires.detail) == ("1 international hire", "survey")
    assert survey.detail == "service 7 · added value 9"
    # A service for one of its expats, outside a case, opens the expat …
    assert walk_in.title == "Service delivered: Housing support"
    assert walk_in.detail == "Anna Müller"
    assert walk_in.link == ("expat", records.other_expat)
    # … and one on a case opens the case.
    assert on_case.link == ("case", records.cases["sponsor"])
    assert for_expat.detail == "case C-1 · José García"
    assert opened.title == "Case C-3 opened"
    i18n.set_language("nl")
    assert hires.title == "12 internationale aanwervingen"
