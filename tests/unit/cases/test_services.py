"""Services on a case and their document checklists, ticked off and removed."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from expatdesk import i18n
from expatdesk.cases import detail as case_detail
from expatdesk.cases import services as case_services
from expatdesk.common.concurrency import StaleRecordError
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.db.models import (
    ChecklistItem,
    DeliveryDocument,
    ServiceDelivery,
)
from expatdesk.errors import UserError
from tests.helpers.cases import (
    TODAY,
    Staff,
    audit_rows,
    count_rows,
    messages,
    open_case,
)
from tests.helpers.sample import Sample

# --- services and checklists ------------------------------------------------------------------


def test_services_and_their_checklist_ticks(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = open_case(database, staff.anna, sample)
    permit = case_services.add_service(
        database, staff.anna, case_id, "permit_hsm", date(2026, 11, 24), today=TODAY
    )
    case_services.add_service(database, staff.anna, case_id, "welcome_event", TODAY, today=TODAY)

    services = case_detail.load_case(database, case_id).services
    assert [(s.service.code, str(s.service), s.delivered_on) for s in services] == [
        ("permit_hsm", "Residence permit, highly skilled migrant", date(2026, 11, 24)),
        ("welcome_event", "Welcome and orientation event", TODAY),
    ]
    assert re.fullmatch(r"SRV-\d{7}", services[0].ref)
    documents = services[0].documents
    assert [str(check.document) for check in documents] == [
        "Valid passport",
        "Signed employment contract",
        "Salary statement",
        "Antecedents certificate",
        "Passport photo",
    ]
    with i18n.using("nl"):
        assert str(documents[0].document) == "Geldig paspoort"
    assert services[1].documents == ()

    passport, contract = documents[0].document.id, documents[1].document.id
    case_services.set_document_checked(database, staff.anna, permit, passport, True)
    case_services.set_document_checked(database, staff.bram, permit, contract, True)
    case_services.set_document_checked(
        database, staff.bram, permit, passport, True
    )  # already ticked
    checks = case_detail.load_case(database, case_id).services[0].documents
    assert [(check.checked, check.checked_by) for check in checks] == [
        (True, "Anna de Vries"),
        (True, "Bram Jansen"),
        (False, None),
        (False, None),
        (False, None),
    ]
    assert checks[0].checked_at is not None
    assert case_detail.load_case(database, case_id).services[0].checked_count == 2

    case_services.set_document_checked(database, staff.anna, permit, contract, False)
    case_services.set_document_checked(database, staff.anna, permit, contract, False)  # already off
    checks = case_detail.load_case(database, case_id).services[0].documents
    assert [check.checked for check in checks] == [True, False, False, False, False]
    assert [action for action, _user, _id in audit_rows(database, "delivery_document")] == [
        "create",
        "create",
        "delete",
    ]


def test_a_document_of_another_service_cannot_be_ticked(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = open_case(database, staff.anna, sample)
    digid = case_services.add_service(database, staff.anna, case_id, "digid", TODAY, today=TODAY)
    with database.reading() as session:
        passport = session.scalar(
            select(ChecklistItem.id).where(
                ChecklistItem.service_code == "permit_hsm", ChecklistItem.position == 1
            )
        )
    assert passport is not None
    with pytest.raises(
        UserError, match=re.escape("This document is not on the checklist of this service.")
    ):
        case_services.set_document_checked(database, staff.anna, digid, passport, True)
    assert count_rows(database, DeliveryDocument) == 0


def test_service_input_is_checked(database: Database, sample: Sample, staff: Staff) -> None:
    case_id = open_case(database, staff.anna, sample)
    with pytest.raises(ValidationError) as refused:
        case_services.add_service(database, staff.anna, case_id, "", None, today=TODAY)
    assert messages(refused.value) == {
        "service": "Choose a service.",
        "delivered_on": "This field is required.",
    }
    with pytest.raises(ValidationError) as refused:
        case_services.add_service(
            database, staff.anna, case_id, "digid", TODAY + timedelta(days=1), today=TODAY
        )
    assert messages(refused.value) == {"delivered_on": "This date lies in the future."}
    assert count_rows(database, ServiceDelivery) == 0


def test_remove_service_with_its_ticks(database: Database, sample: Sample, staff: Staff) -> None:
    case_id = open_case(database, staff.anna, sample, services=["permit_hsm", "digid"])
    permit = case_detail.load_case(database, case_id).services[0]
    case_services.set_document_checked(
        database, staff.anna, permit.id, permit.documents[0].document.id, True
    )
    case_services.remove_service(database, staff.anna, permit.id, expected_version=permit.version)
    assert [s.service.code for s in case_detail.load_case(database, case_id).services] == ["digid"]
    assert count_rows(database, DeliveryDocument) == 0
    assert ("delete", "anna", permit.id) in audit_rows(database, "service_delivery")
    with pytest.raises(
        StaleRecordError, match=re.escape("This service was removed by someone else.")
    ):
        case_services.remove_service(
            database, staff.anna, permit.id, expected_version=permit.version
        )


def test_remove_service_on_an_old_copy_is_refused(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = open_case(database, staff.anna, sample, services=["digid"])
    service = case_detail.load_case(database, case_id).services[0]
    with database.transaction(staff.bram) as session:
        delivery = session.get(ServiceDelivery, service.id)
        assert delivery is not None
        delivery.delivered_on = date(2026, 11, 25)
    with pytest.raises(StaleRecordError, match=r"^bram changed this record"):
        case_services.remove_service(
            database, staff.anna, service.id, expected_version=service.version
        )
    assert count_rows(database, ServiceDelivery) == 1
