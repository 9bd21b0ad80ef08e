"""Service deliveries: the catalogue and its checklists, walk-ins (and target N counting them),
a client's services, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from expatdesk import i18n
from expatdesk.accounts.actor import Actor, PermissionDeniedError
from expatdesk.cases import deliveries
from expatdesk.cases import detail as case_detail
from expatdesk.cases import services as case_services
from expatdesk.cases import workflow as cases
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.db.models import AuditEntry, Expat, ServiceDelivery, StaffUser
from expatdesk.reports.targets import compute_targets
from tests.helpers.sample import Sample

TODAY = date(2026, 11, 26)


@pytest.fixture
def desk(database: Database) -> Actor:
    with database.transaction() as session:
        user = StaffUser(username="anna", display_name="Anna de Vries", role="desk_officer")
        session.add(user)
        session.flush()
        return Actor(user.id, "anna", "Anna de Vries", "desk_officer")


def _stored(database: Database) -> list[tuple[object, ...]]:
    with database.reading() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(
                    ServiceDelivery.service_code,
                    ServiceDelivery.delivered_on,
                    ServiceDelivery.expat_id,
                    ServiceDelivery.employer_id,
                    ServiceDelivery.case_id,
                    ServiceDelivery.notes,
                ).order_by(ServiceDelivery.id)
            )
        ]


def _messages(error: ValidationError) -> dict[str, str]:
    return {problem.field: problem.message for problem in error.errors}


# --- the catalogue ----------------------------------------------------------------------------


def test_catalogue_in_display_order_in_both_languages(database: Database) -> None:
    catalogue = deliveries.service_catalogue(database)
    assert len(catalogue) == 17
    assert catalogue[0].code == "permit_hsm"
    assert str(catalogue[0]) == "Residence permit, highly skilled migrant"
    with i18n.using("nl"):
        assert str(catalogue[0]) == "Verblijfsvergunning kennismigrant"
    assert {label.code for label in catalogue} >= {"employer_advice", "welcome_event", "digid"}


def test_checklists_are_data_in_both_languages(database: Database) -> None:
    documents = deliveries.checklist(database, "permit_hsm")
    assert [str(document) for document in documents] == [
        "Valid passport",
        "Signed employment contract",
        "Salary statement",
        "Antecedents certificate",
        "Passport photo",
    ]
    with i18n.using("nl"):
        assert [str(document) for document in documents] == [
            "Geldig paspoort",
            "Ondertekende arbeidsovereenkomst",
            "Salarisverklaring",
            "Antecedentenverklaring",
            "Pasfoto",
        ]
    assert deliveries.checklist(database, "employer_advice") == []
    assert deliveries.checklist(database, "no_such_service") == []


# --- walk-ins ---------------------------------------------------------------------------------


def test_walk_in_for_an_expat(database: Database, sample: Sample, desk: Actor) -> None:
    delivery_id = deliveries.record_walk_in(
        database,
        desk,
        "housing",
        date(2026, 11, 20),
        expat_id=sample.expats["anna"],
        notes="  Asked about rooms near the campus. ",
        today=TODAY,
    )
    assert _stored(database) == [
        (
            "housing",
            date(2026, 11, 20),
            sample.expats["anna"],
            None,  # N finds her employer itself
            None,
            "Asked about rooms near the campus.",
        )
    ]
    with database.reading() as session:
        delivery = session.get(ServiceDelivery, delivery_id)
        assert delivery is not None
        assert delivery.service_ref == "SRV-0000001"
        audit = session.execute(
            select(AuditEntry.action, AuditEntry.username, AuditEntry.entity_id).where(
                AuditEntry.entity == "service_delivery"
            )
        ).all()
    assert audit == [("create", "anna", delivery_id)]


def test_walk_in_for_an_employer_and_its_expat(
    database: Database, sample: Sample, desk: Actor
) -> None:
    deliveries.record_walk_in(
        database,
        desk,
        "tax_30_ruling",
        TODAY,
        expat_id=sample.expats["lars"],
        employer_id=sample.employers["thales"],
        today=TODAY,
    )
    assert _stored(database) == [
        ("tax_30_ruling", TODAY, sample.expats["lars"], sample.employers["thales"], None, None)
    ]


def test_walk_in_refuses_bad_input_and_saves_nothing(
    database: Database, sample: Sample, desk: Actor
) -> None:
    with pytest.raises(ValidationError) as refused:
        deliveries.record_walk_in(database, desk, "", None, today=TODAY)
    assert _messages(refused.value) == {
        "service": "Choose a service.",
        "delivered_on": "This field is required.",
        "client": "Choose an expat or an employer (or both).",
    }
    with pytest.raises(ValidationError) as refused:
        deliveries.record_walk_in(
            database,
            desk,
            "teleportation",
            TODAY + timedelta(days=1),
            expat_id=10_000,
            employer_id=10_000,
            notes="x" * 2001,
            today=TODAY,
        )
    assert _messages(refused.value) == {
        "service": "This service is not in the catalogue.",
        "delivered_on": "This date lies in the future.",
        "expat": "This expat no longer exists.",
        "employer": "This employer no longer exists.",
        "notes": "At most 2000 characters.",
    }
    with pytest.raises(ValidationError) as refused:
        deliveries.record_walk_in(
            database, desk, "digid", date(1999, 12, 31), expat_id=sample.expats["wei"]
        )
    assert _messages(refused.value) == {
        "delivered_on": "This date lies before 2000; check the year."
    }
    # The first and last day allowed.
    deliveries.record_walk_in(
        database, desk, "digid", date(2000, 1, 1), expat_id=sample.expats["wei"], today=TODAY
    )
    deliveries.record_walk_in(
        database, desk, "digid", TODAY, expat_id=sample.expats["wei"], today=TODAY
    )
    assert len(_stored(database)) == 2


def test_walk_in_needs_the_clients_permission(database: Database, sample: Sample) -> None:
    kiosk = Actor(None, "kiosk", "Kiosk", "kiosk")
    with pytest.raises(PermissionDeniedError):
        deliveries.record_walk_in(database, kiosk, "digid", TODAY, expat_id=sample.expats["wei"])
    assert _stored(database) == []


def _n(database: Database, year: int) -> tuple[int, int]:
    figure = compute_targets(database, year, year).target_n[0]
    return figure.denominator, figure.numerator


def test_walk_ins_count_in_target_n(database: Database, sample: Sample, desk: Actor) -> None:
    # 2025: Thales hired internationals, Anna arrived at the university: both attracted.
    assert _n(database, 2025) == (2, 0)
    deliveries.record_walk_in(
        database, desk, "housing", date(2025, 6, 2), expat_id=sample.expats["anna"], today=TODAY
    )
    assert _n(database, 2025) == (2, 1)  # the university, through its expat
    deliveries.record_walk_in(
        database,
        desk,
        "employer_advice",
        date(2025, 9, 1),
        employer_id=sample.employers["thales"],
        today=TODAY,
    )
    assert _n(database, 2025) == (2, 2)
    assert _n(database, 2024) == (2, 0)  # another year is not touched


def test_services_on_a_case_count_in_target_n(
    database: Database, sample: Sample, desk: Actor
) -> None:
    case_id = cases.open_case(
        database,
        desk,
        subject="Permit",
        expat_id=sample.expats["lars"],
        opened_on=date(2025, 3, 3),
        today=TODAY,
    )
    assert _n(database, 2025) == (2, 0)
    case_services.add_service(database, desk, case_id, "permit_hsm", date(2025, 3, 4), today=TODAY)
    assert _n(database, 2025) == (2, 1)  # Thales, the employer of Lars


def test_an_expats_later_employer_gets_the_credit_of_unnamed_deliveries(
    database: Database, sample: Sample, desk: Actor
) -> None:
    """targets.md attributes a delivery naming no employer to the expat's employer: the walk-in
    stores none, so the report follows the expat's record."""
    deliveries.record_walk_in(
        database, desk, "digid", date(2025, 5, 5), expat_id=sample.expats["wei"], today=TODAY
    )
    assert _n(database, 2025) == (2, 1)  # Wei works at the university
    with database.transaction() as session:
        wei = session.get(Expat, sample.expats["wei"])
        assert wei is not None
        wei.employer_id = None
    assert _n(database, 2025) == (2, 0)


# --- a client's services ----------------------------------------------------------------------


def test_deliveries_of_a_client_newest_first(
    database: Database, sample: Sample, desk: Actor
) -> None:
    jose, thales = sample.expats["jose"], sample.employers["thales"]
    case_id = cases.open_case(
        database, desk, subject="Permit", expat_id=jose, services=["permit_hsm"], today=TODAY
    )
    deliveries.record_walk_in(
        database, desk, "digid", date(2026, 11, 10), expat_id=jose, today=TODAY
    )
    deliveries.record_walk_in(
        database, desk, "employer_advice", date(2026, 11, 1), employer_id=thales, today=TODAY
    )

    of_jose = deliveries.deliveries_of(database, expat_id=jose)
    assert [(d.service.code, d.delivered_on, d.walk_in) for d in of_jose] == [
        ("permit_hsm", TODAY, False),
        ("digid", date(2026, 11, 10), True),
    ]
    assert of_jose[0].case_id == case_id
    assert of_jose[0].case_ref == case_detail.load_case(database, case_id).ref
    assert of_jose[0].expat_name == "José García"
    assert re.fullmatch(r"SRV-\d{7}", of_jose[0].ref)

    of_thales = deliveries.deliveries_of(database, employer_id=thales)
    assert [(d.service.code, d.employer_name, d.expat_name) for d in of_thales] == [
        ("employer_advice", "Thales Nederland", None)
    ]
    both = deliveries.deliveries_of(database, expat_id=jose, employer_id=thales)
    assert len(both) == 3
    assert deliveries.deliveries_of(database) == []
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(ServiceDelivery)) == 3
