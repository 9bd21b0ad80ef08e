"""Cases: opening, the status workflow, owner, notes, tasks, services with their checklists, the
list, optimistic locking and the audit trail, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import product

import pytest
from sqlalchemy import func, select

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor, PermissionDeniedError
from expatdesk.cases import detail as case_detail
from expatdesk.cases import listing as case_listing
from expatdesk.cases import services as case_services
from expatdesk.cases import statuses as case_statuses
from expatdesk.cases import tasks as case_tasks
from expatdesk.cases import workflow as cases
from expatdesk.common.concurrency import StaleRecordError
from expatdesk.common.listing import Order, fetch_rows, find_ids
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.db.models import (
    AuditEntry,
    Case,
    CaseNote,
    ChecklistItem,
    DeliveryDocument,
    Expat,
    ServiceDelivery,
    StaffUser,
    Task,
)
from expatdesk.errors import UserError
from tests.helpers.sample import Sample

TODAY = date(2026, 11, 26)
CLOSED_MESSAGE = "This case is closed; reopen it to change it."


@dataclass(frozen=True)
class Staff:
    anna: Actor
    bram: Actor
    former_id: int


@pytest.fixture
def staff(database: Database) -> Staff:
    with database.transaction() as session:
        users = [
            StaffUser(username="anna", display_name="Anna de Vries", role="desk_officer"),
            StaffUser(username="bram", display_name="Bram Jansen", role="manager"),
            StaffUser(
                username="carla", display_name="Carla Smit", role="desk_officer", active=False
            ),
        ]
        session.add_all(users)
        session.flush()
        ids = [user.id for user in users]
    return Staff(
        anna=Actor(ids[0], "anna", "Anna de Vries", "desk_officer"),
        bram=Actor(ids[1], "bram", "Bram Jansen", "manager"),
        former_id=ids[2],
    )


def _open(database: Database, actor: Actor, sample: Sample, **kwargs: object) -> int:
    values: dict[str, object] = {
        "subject": "Residence permit application",
        "expat_id": sample.expats["jose"],
        "owner_id": actor.user_id,
        "today": TODAY,
    }
    values.update(kwargs)
    return cases.open_case(database, actor, **values)  # type: ignore[arg-type]


def _force_status(database: Database, case_id: int, status: str) -> None:
    """Put a case in ``status`` directly, as if it had got there step by step."""
    with database.transaction() as session:
        record = session.get(Case, case_id)
        assert record is not None
        record.status = status
        record.closed_at = datetime(2026, 11, 1, tzinfo=UTC) if status == "closed" else None


def _audit(database: Database, entity: str) -> list[tuple[str, str, int]]:
    with database.reading() as session:
        return [
            (row.action, row.username, row.entity_id)
            for row in session.scalars(
                select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
            )
        ]


def _count(database: Database, model: type) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _messages(error: ValidationError) -> dict[str, str]:
    return {problem.field: problem.message for problem in error.errors}


# --- opening ----------------------------------------------------------------------------------


def test_open_case_for_an_expat(database: Database, sample: Sample, staff: Staff) -> None:
    case_id = _open(database, staff.anna, sample, subject="  Residence   permit application ")

    detail = case_detail.load_case(database, case_id)
    assert re.fullmatch(r"CAS-\d{6}", detail.ref)
    assert detail.subject == "Residence permit application"
    assert detail.status == "new"
    assert detail.expat == case_detail.ClientInfo("expat", sample.expats["jose"], "José García")
    assert detail.employer is None
    assert detail.client_name == "José García"
    assert detail.owner == case_detail.StaffChoice(staff.anna.user_id or 0, "Anna de Vries")
    assert detail.opened_on == TODAY
    assert detail.closed_at is None
    assert (detail.notes, detail.tasks, detail.services) == ((), (), ())
    assert detail.transitions == ("in_progress",)
    with database.reading() as session:
        record = session.get(Case, case_id)
        assert record is not None
        assert record.search_key == f"{detail.ref.lower()} residence permit application jose garcia"
    assert _audit(database, "case") == [("create", "anna", case_id)]


def test_open_case_for_an_employer_with_first_services(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = _open(
        database,
        staff.bram,
        sample,
        subject="Application as recognised sponsor",
        expat_id=None,
        employer_id=sample.employers["bakery"],
        owner_id=None,
        opened_on=date(2026, 11, 20),
        services=["employer_advice", "permit_hsm", "employer_advice"],
    )

    detail = case_detail.load_case(database, case_id)
    assert detail.employer == case_detail.ClientInfo(
        "employer", sample.employers["bakery"], "Bakkerij Ölmez"
    )
    assert detail.owner is None
    assert [(s.service.code, s.delivered_on) for s in detail.services] == [
        ("employer_advice", date(2026, 11, 20)),
        ("permit_hsm", date(2026, 11, 20)),
    ]
    with database.reading() as session:
        rows = session.execute(
            select(ServiceDelivery.expat_id, ServiceDelivery.employer_id, ServiceDelivery.case_id)
        ).all()
    assert rows == [(None, sample.employers["bakery"], case_id)] * 2


def test_services_on_an_expats_case_name_only_the_expat(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = _open(database, staff.anna, sample, services=["permit_hsm"])
    case_services.add_service(database, staff.anna, case_id, "tax_30_ruling", TODAY, today=TODAY)
    with database.reading() as session:
        rows = session.execute(select(ServiceDelivery.expat_id, ServiceDelivery.employer_id)).all()
    assert rows == [(sample.expats["jose"], None)] * 2


def test_open_case_refuses_bad_input_and_saves_nothing(
    database: Database, sample: Sample, staff: Staff
) -> None:
    with pytest.raises(ValidationError) as refused:
        _open(
            database,
            staff.anna,
            sample,
            subject="  ",
            expat_id=None,
            owner_id=staff.former_id,
            opened_on=TODAY + timedelta(days=1),
            services=["no_such_service"],
        )
    assert _messages(refused.value) == {
        "subject": "This field is required.",
        "client": "Choose an expat or an employer (or both).",
        "owner": "Choose an active staff member as the owner.",
        "opened_on": "This date lies in the future.",
        "service": "This service is not in the catalogue.",
    }

    with pytest.raises(ValidationError) as refused:
        _open(
            database,
            staff.anna,
            sample,
            subject="x" * 301,
            expat_id=987654,
            employer_id=987654,
            owner_id=987654,
            opened_on=date(1999, 12, 31),
        )
    assert _messages(refused.value) == {
        "subject": "At most 300 characters.",
        "expat": "This expat no longer exists.",
        "employer": "This employer no longer exists.",
        "owner": "Choose an active staff member as the owner.",
        "opened_on": "This date lies before 2000; check the year.",
    }
    assert _count(database, Case) == 0
    assert _count(database, ServiceDelivery) == 0
    assert _audit(database, "case") == []


def test_case_refs_follow_the_highest_and_skip_taken_ones(
    database: Database, sample: Sample, staff: Staff
) -> None:
    with database.transaction() as session:
        session.add(
            Case(
                case_ref="CAS-000002",
                subject="Imported",
                expat_id=sample.expats["anna"],
                opened_on=TODAY,
            )
        )
    first = case_detail.load_case(database, _open(database, staff.anna, sample))
    second = case_detail.load_case(database, _open(database, staff.anna, sample))
    assert (first.ref, second.ref) == ("CAS-000003", "CAS-000004")


def test_refused_without_the_clients_permission(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = _open(database, staff.anna, sample)
    stranger = Actor(None, "kiosk", "Kiosk", "kiosk")
    with pytest.raises(
        PermissionDeniedError, match=re.escape("Your role may not work with client records.")
    ):
        _open(database, stranger, sample)
    with pytest.raises(PermissionDeniedError):
        cases.add_note(database, stranger, case_id, "Hello")
    with pytest.raises(PermissionDeniedError):
        cases.set_status(database, stranger, case_id, "in_progress", expected_version=1)


# --- status -----------------------------------------------------------------------------------

LABELS = {
    "new": "New",
    "in_progress": "In progress",
    "waiting_client": "Waiting for the client",
    "waiting_authority": "Waiting for an authority",
    "closed": "Closed",
}
ALLOWED = {
    ("new", "in_progress"),
    ("in_progress", "waiting_client"),
    ("in_progress", "waiting_authority"),
    ("in_progress", "closed"),
    ("waiting_client", "in_progress"),
    ("waiting_client", "waiting_authority"),
    ("waiting_client", "closed"),
    ("waiting_authority", "in_progress"),
    ("waiting_authority", "waiting_client"),
    ("waiting_authority", "closed"),
    ("closed", "in_progress"),
}


@pytest.mark.parametrize(("current", "wanted"), list(product(LABELS, LABELS)))
def test_every_status_transition(
    database: Database, sample: Sample, staff: Staff, current: str, wanted: str
) -> None:
    case_id = _open(database, staff.anna, sample)
    _force_status(database, case_id, current)
    before = case_detail.load_case(database, case_id)
    assert set(before.transitions) == {to for start, to in ALLOWED if start == current}

    if (current, wanted) in ALLOWED:
        cases.set_status(database, staff.anna, case_id, wanted, expected_version=before.version)
        after = case_detail.load_case(database, case_id)
        assert after.status == wanted
        assert after.version == before.version + 1
        if wanted == "closed":
            assert after.closed_at is not None
            assert after.closed_at >= clock.now() - timedelta(minutes=5)
        else:
            assert after.closed_at is None
        return

    with pytest.raises(ValidationError) as refused:
        cases.set_status(database, staff.anna, case_id, wanted, expected_version=before.version)
    if current == wanted:
        expected = f"The case is already “{LABELS[current]}”."
    else:
        expected = f"A case cannot go from “{LABELS[current]}” to “{LABELS[wanted]}”."
    assert _messages(refused.value) == {"status": expected}
    assert case_detail.load_case(database, case_id) == before


def test_close_and_reopen(database: Database, sample: Sample, staff: Staff) -> None:
    case_id = _open(database, staff.anna, sample)
    for status in ("in_progress", "waiting_authority", "closed", "in_progress"):
        version = case_detail.load_case(database, case_id).version
        cases.set_status(database, staff.anna, case_id, status, expected_version=version)
    detail = case_detail.load_case(database, case_id)
    assert (detail.status, detail.closed_at) == ("in_progress", None)
    with database.reading() as session:
        statuses = [
            row.changes
            for row in session.scalars(
                select(AuditEntry).where(AuditEntry.entity == "case", AuditEntry.action == "update")
            )
        ]
    assert len(statuses) == 4
    assert all('"status"' in (changes or "") for changes in statuses)


def test_unknown_status_is_refused(database: Database, sample: Sample, staff: Staff) -> None:
    case_id = _open(database, staff.anna, sample)
    with pytest.raises(ValidationError, match=re.escape("Unknown status.")):
        cases.set_status(database, staff.anna, case_id, "lost", expected_version=1)


def test_status_change_on_an_old_copy_is_refused(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = _open(database, staff.anna, sample)
    shown = case_detail.load_case(database, case_id)
    cases.set_status(database, staff.bram, case_id, "in_progress", expected_version=shown.version)

    with pytest.raises(StaleRecordError) as stale:
        cases.set_status(
            database, staff.anna, case_id, "in_progress", expected_version=shown.version
        )
    assert re.fullmatch(
        r"bram changed this record on .+ \(Status\)\. Reload it to see the current version; "
        r"what you typed is kept until you do\.",
        str(stale.value),
    )
    with pytest.raises(StaleRecordError, match="changed this record"):
        cases.change_owner(
            database, staff.anna, case_id, staff.bram.user_id, expected_version=shown.version
        )
    assert case_detail.load_case(database, case_id).owner == case_detail.StaffChoice(
        staff.anna.user_id or 0, "Anna de Vries"
    )


def test_a_deleted_case_is_reported(database: Database, sample: Sample, staff: Staff) -> None:
    case_id = _open(database, staff.anna, sample)
    with database.transaction() as session:
        record = session.get(Case, case_id)
        session.delete(record)
    with pytest.raises(
        case_detail.CaseNotFoundError, match=re.escape("This case no longer exists.")
    ):
        case_detail.load_case(database, case_id)
    with pytest.raises(
        StaleRecordError, match=re.escape("This record was deleted by someone else.")
    ):
        cases.set_status(database, staff.anna, case_id, "in_progress", expected_version=1)
    with pytest.raises(StaleRecordError, match=re.escape("This case was deleted by someone else.")):
        cases.add_note(database, staff.anna, case_id, "Anyone there?")


# --- owner ------------------------------------------------------------------------------------


def test_owners_are_the_active_staff_by_name(database: Database, staff: Staff) -> None:
    assert case_detail.owners(database) == [
        case_detail.StaffChoice(staff.anna.user_id or 0, "Anna de Vries"),
        case_detail.StaffChoice(staff.bram.user_id or 0, "Bram Jansen"),
    ]


def test_change_owner(database: Database, sample: Sample, staff: Staff) -> None:
    case_id = _open(database, staff.anna, sample)
    cases.change_owner(database, staff.anna, case_id, staff.bram.user_id, expected_version=1)
    assert case_detail.load_case(database, case_id).owner == case_detail.StaffChoice(
        staff.bram.user_id or 0, "Bram Jansen"
    )
    cases.change_owner(database, staff.anna, case_id, None, expected_version=2)
    assert case_detail.load_case(database, case_id).owner is None
    with pytest.raises(ValidationError) as refused:
        cases.change_owner(database, staff.anna, case_id, staff.former_id, expected_version=3)
    assert _messages(refused.value) == {"owner": "Choose an active staff member as the owner."}
    assert case_detail.load_case(database, case_id).owner is None


# --- notes ------------------------------------------------------------------------------------


def test_notes_newest_first_with_author_and_time(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = _open(database, staff.anna, sample)
    before = clock.now() - timedelta(seconds=5)
    cases.add_note(database, staff.anna, case_id, "  Passport copied.  ")
    cases.add_note(database, staff.bram, case_id, "Called the IND.\nDecision next week.")

    notes = case_detail.load_case(database, case_id).notes
    assert [(note.text, note.author) for note in notes] == [
        ("Called the IND.\nDecision next week.", "Bram Jansen"),
        ("Passport copied.", "Anna de Vries"),
    ]
    assert all(before <= note.written_at <= clock.now() for note in notes)
    assert [action for action, _user, _id in _audit(database, "case_note")] == ["create"] * 2


def test_blank_note_is_refused_but_a_closed_case_takes_notes(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = _open(database, staff.anna, sample)
    with pytest.raises(ValidationError) as refused:
        cases.add_note(database, staff.anna, case_id, " \n ")
    assert _messages(refused.value) == {"note": "This field is required."}
    _force_status(database, case_id, "closed")
    cases.add_note(database, staff.anna, case_id, "Client called after closing.")
    assert [note.text for note in case_detail.load_case(database, case_id).notes] == [
        "Client called after closing."
    ]


# --- tasks ------------------------------------------------------------------------------------


def test_tasks_add_edit_done_undone_delete(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = _open(database, staff.anna, sample)
    later = case_tasks.add_task(
        database, staff.anna, case_id, "Book the town hall", date(2026, 12, 3), today=TODAY
    )
    case_tasks.add_task(database, staff.anna, case_id, "Call back", None, today=TODAY)
    first = case_tasks.add_task(
        database, staff.anna, case_id, "Check documents", date(2026, 11, 20), today=TODAY
    )

    tasks = case_detail.load_case(database, case_id).tasks
    assert [(task.title, task.due_date) for task in tasks] == [
        ("Check documents", date(2026, 11, 20)),
        ("Book the town hall", date(2026, 12, 3)),
        ("Call back", None),
    ]
    assert [task.overdue(TODAY) for task in tasks] == [True, False, False]

    case_tasks.edit_task(
        database,
        staff.anna,
        later,
        "Book the town hall appointment",
        date(2026, 11, 27),
        expected_version=1,
        today=TODAY,
    )
    case_tasks.set_task_done(database, staff.anna, first, True, expected_version=1)
    tasks = case_detail.load_case(database, case_id).tasks
    assert [(task.title, task.done) for task in tasks] == [
        ("Check documents", True),
        ("Book the town hall appointment", False),
        ("Call back", False),
    ]
    assert tasks[0].done_at is not None
    assert not tasks[0].overdue(TODAY)

    case_tasks.set_task_done(database, staff.anna, first, False, expected_version=2)
    assert case_detail.load_case(database, case_id).tasks[0].done_at is None
    case_tasks.delete_task(database, staff.anna, later, expected_version=2)
    assert [task.title for task in case_detail.load_case(database, case_id).tasks] == [
        "Check documents",
        "Call back",
    ]
    assert [action for action, _user, _id in _audit(database, "task")] == [
        "create",
        "create",
        "create",
        "update",
        "update",
        "update",
        "delete",
    ]


def test_task_input_is_checked(database: Database, sample: Sample, staff: Staff) -> None:
    case_id = _open(database, staff.anna, sample)
    with pytest.raises(ValidationError) as refused:
        case_tasks.add_task(database, staff.anna, case_id, " ", date(1999, 1, 1), today=TODAY)
    assert _messages(refused.value) == {
        "title": "This field is required.",
        "due_date": "This date lies before 2000; check the year.",
    }
    task_id = case_tasks.add_task(database, staff.anna, case_id, "Far ahead", date(2030, 1, 1))
    with pytest.raises(ValidationError) as refused:
        case_tasks.edit_task(
            database, staff.anna, task_id, "t" * 301, None, expected_version=1, today=TODAY
        )
    assert _messages(refused.value) == {"title": "At most 300 characters."}
    assert _count(database, Task) == 1


def test_task_changes_on_an_old_copy_are_refused(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = _open(database, staff.anna, sample)
    task_id = case_tasks.add_task(database, staff.anna, case_id, "Call back", TODAY, today=TODAY)
    case_tasks.set_task_done(database, staff.bram, task_id, True, expected_version=1)
    for change in (
        lambda: case_tasks.set_task_done(database, staff.anna, task_id, True, expected_version=1),
        lambda: case_tasks.edit_task(database, staff.anna, task_id, "X", None, expected_version=1),
        lambda: case_tasks.delete_task(database, staff.anna, task_id, expected_version=1),
    ):
        with pytest.raises(StaleRecordError, match=r"^bram changed this record on .+ \(Done\)\."):
            change()
    assert _count(database, Task) == 1


def test_a_closed_case_refuses_everything_but_notes(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = _open(database, staff.anna, sample, services=["permit_hsm"])
    task_id = case_tasks.add_task(database, staff.anna, case_id, "Call back", None)
    service = case_detail.load_case(database, case_id).services[0]
    _force_status(database, case_id, "closed")
    version = case_detail.load_case(database, case_id).version
    for change in (
        lambda: case_tasks.add_task(database, staff.anna, case_id, "More", None),
        lambda: case_tasks.set_task_done(database, staff.anna, task_id, True, expected_version=1),
        lambda: case_tasks.edit_task(database, staff.anna, task_id, "X", None, expected_version=1),
        lambda: case_tasks.delete_task(database, staff.anna, task_id, expected_version=1),
        lambda: case_services.add_service(database, staff.anna, case_id, "digid", TODAY),
        lambda: case_services.remove_service(database, staff.anna, service.id, expected_version=1),
        lambda: case_services.set_document_checked(
            database, staff.anna, service.id, service.documents[0].document.id, True
        ),
        lambda: cases.change_owner(database, staff.anna, case_id, None, expected_version=version),
    ):
        with pytest.raises(UserError, match=f"^{re.escape(CLOSED_MESSAGE)}$"):
            change()
    detail = case_detail.load_case(database, case_id)
    assert len(detail.tasks) == 1
    assert len(detail.services) == 1
    assert detail.services[0].checked_count == 0


# --- services and checklists ------------------------------------------------------------------


def test_services_and_their_checklist_ticks(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = _open(database, staff.anna, sample)
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
    assert [action for action, _user, _id in _audit(database, "delivery_document")] == [
        "create",
        "create",
        "delete",
    ]


def test_a_document_of_another_service_cannot_be_ticked(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = _open(database, staff.anna, sample)
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
    assert _count(database, DeliveryDocument) == 0


def test_service_input_is_checked(database: Database, sample: Sample, staff: Staff) -> None:
    case_id = _open(database, staff.anna, sample)
    with pytest.raises(ValidationError) as refused:
        case_services.add_service(database, staff.anna, case_id, "", None, today=TODAY)
    assert _messages(refused.value) == {
        "service": "Choose a service.",
        "delivered_on": "This field is required.",
    }
    with pytest.raises(ValidationError) as refused:
        case_services.add_service(
            database, staff.anna, case_id, "digid", TODAY + timedelta(days=1), today=TODAY
        )
    assert _messages(refused.value) == {"delivered_on": "This date lies in the future."}
    assert _count(database, ServiceDelivery) == 0


def test_remove_service_with_its_ticks(database: Database, sample: Sample, staff: Staff) -> None:
    case_id = _open(database, staff.anna, sample, services=["permit_hsm", "digid"])
    permit = case_detail.load_case(database, case_id).services[0]
    case_services.set_document_checked(
        database, staff.anna, permit.id, permit.documents[0].document.id, True
    )
    case_services.remove_service(database, staff.anna, permit.id, expected_version=permit.version)
    assert [s.service.code for s in case_detail.load_case(database, case_id).services] == ["digid"]
    assert _count(database, DeliveryDocument) == 0
    assert ("delete", "anna", permit.id) in _audit(database, "service_delivery")
    with pytest.raises(
        StaleRecordError, match=re.escape("This service was removed by someone else.")
    ):
        case_services.remove_service(
            database, staff.anna, permit.id, expected_version=permit.version
        )


def test_remove_service_on_an_old_copy_is_refused(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = _open(database, staff.anna, sample, services=["digid"])
    service = case_detail.load_case(database, case_id).services[0]
    with database.transaction(staff.bram) as session:
        delivery = session.get(ServiceDelivery, service.id)
        assert delivery is not None
        delivery.delivered_on = date(2026, 11, 25)
    with pytest.raises(StaleRecordError, match=r"^bram changed this record"):
        case_services.remove_service(
            database, staff.anna, service.id, expected_version=service.version
        )
    assert _count(database, ServiceDelivery) == 1


# --- the list ---------------------------------------------------------------------------------


@pytest.fixture
def listed(database: Database, sample: Sample, staff: Staff) -> dict[str, int]:
    ids = {
        "jose": _open(database, staff.anna, sample, subject="Residence permit"),
        "anna": _open(
            database,
            staff.bram,
            sample,
            subject="Registration with the municipality",
            expat_id=sample.expats["anna"],
            owner_id=staff.bram.user_id,
            opened_on=date(2026, 11, 1),
        ),
        "bakery": _open(
            database,
            staff.anna,
            sample,
            subject="Sponsor application",
            expat_id=None,
            employer_id=sample.employers["bakery"],
            owner_id=None,
            opened_on=date(2026, 10, 1),
        ),
    }
    cases.set_status(database, staff.anna, ids["anna"], "in_progress", expected_version=1)
    cases.set_status(database, staff.anna, ids["anna"], "closed", expected_version=2)
    return ids


def test_list_columns_and_default_order(database: Database, listed: dict[str, int]) -> None:
    ids = list(find_ids(database, case_listing.LISTING))
    assert ids == [listed["jose"], listed["anna"], listed["bakery"]]  # newest opened first
    rows = fetch_rows(database, case_listing.LISTING, ids)
    texts = [
        [column.text(rows[case_id]) for column in case_listing.LISTING.columns] for case_id in ids
    ]
    assert [row[1:] for row in texts] == [
        ["Residence permit", "José García", "New", "Anna de Vries", "26 Nov 2026"],
        [
            "Registration with the municipality",
            "Anna Müller",
            "Closed",
            "Bram Jansen",
            "1 Nov 2026",
        ],
        ["Sponsor application", "Bakkerij Ölmez", "New", "", "1 Oct 2026"],
    ]
    with i18n.using("nl"):
        assert case_listing.LISTING.column("status").text(rows[listed["anna"]]) == "Gesloten"


def test_list_search_is_folded(database: Database, listed: dict[str, int]) -> None:
    assert list(find_ids(database, case_listing.LISTING, "muller")) == [listed["anna"]]
    assert list(find_ids(database, case_listing.LISTING, "OLMEZ sponsor")) == [listed["bakery"]]
    assert list(find_ids(database, case_listing.LISTING, "garcia permit")) == [listed["jose"]]
    ref = case_detail.load_case(database, listed["bakery"]).ref
    assert list(find_ids(database, case_listing.LISTING, ref.lower())) == [listed["bakery"]]


def test_list_filters(database: Database, listed: dict[str, int], staff: Staff) -> None:
    def found(**filters: str | int) -> set[int]:
        return set(find_ids(database, case_listing.LISTING, filters=filters))

    assert found(status=case_listing.OPEN) == {listed["jose"], listed["bakery"]}
    assert found(status="closed") == {listed["anna"]}
    assert found(status="in_progress") == set()
    assert found(owner=staff.anna.user_id or 0) == {listed["jose"]}
    assert found(owner=case_listing.UNASSIGNED) == {listed["bakery"]}
    assert found(status=case_listing.OPEN, owner=staff.bram.user_id or 0) == set()
    with database.reading() as session:
        status_choices = case_listing.LISTING.filter("status").choices(session)
        owner_choices = case_listing.LISTING.filter("owner").choices(session)
    assert status_choices[0] == ("open", "Open")
    assert [label for _value, label in status_choices[1:]] == list(LABELS.values())
    assert owner_choices == [
        (0, "Nobody"),
        (staff.anna.user_id, "Anna de Vries"),
        (staff.bram.user_id, "Bram Jansen"),
    ]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("client", ["bakery", "jose", "anna"]),  # Bakkerij, García, Müller
        ("status", ["jose", "bakery", "anna"]),  # the workflow's order
        ("owner", ["jose", "anna", "bakery"]),  # nobody last
        ("opened_on", ["bakery", "anna", "jose"]),
    ],
)
def test_list_sorts(
    database: Database, listed: dict[str, int], key: str, expected: list[str]
) -> None:
    ids = list(find_ids(database, case_listing.LISTING, order=Order(key)))
    assert ids == [listed[name] for name in expected]


def test_search_keys_follow_a_renamed_client(
    database: Database, sample: Sample, listed: dict[str, int]
) -> None:
    with database.transaction() as session:
        expat = session.get(Expat, sample.expats["jose"])
        assert expat is not None
        expat.family_name = "Fernández"
        assert cases.refresh_search_keys(session, expat_id=expat.id) == 1
    assert list(find_ids(database, case_listing.LISTING, "fernandez")) == [listed["jose"]]
    assert list(find_ids(database, case_listing.LISTING, "garcia")) == []


def test_audit_names_the_actor_for_each_kind_of_change(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = _open(database, staff.anna, sample, services=["digid"])
    cases.add_note(database, staff.bram, case_id, "Note")
    case_tasks.add_task(database, staff.bram, case_id, "Task", None)
    cases.set_status(database, staff.bram, case_id, "in_progress", expected_version=1)
    with database.reading() as session:
        entries = {
            (row.entity, row.action, row.username) for row in session.scalars(select(AuditEntry))
        }
        notes = session.scalar(select(func.count()).select_from(CaseNote))
    assert notes == 1
    assert entries >= {
        ("case", "create", "anna"),
        ("service_delivery", "create", "anna"),
        ("case_note", "create", "bram"),
        ("task", "create", "bram"),
        ("case", "update", "bram"),
    }


def test_status_labels_in_dutch() -> None:
    with i18n.using("nl"):
        labels = [case_statuses.status_label(status) for status in case_statuses.STATUSES]
    assert labels == [
        "Nieuw",
        "In behandeling",
        "Wacht op de klant",
        "Wacht op een instantie",
        "Gesloten",
    ]
