"""Cases: opening, the status workflow, owner, notes, search keys, a closed case, optimistic
locking and the audit trail, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import product

import pytest
from sqlalchemy import func, select

from expatdesk import clock
from expatdesk.accounts.actor import Actor, PermissionDeniedError
from expatdesk.cases import detail as case_detail
from expatdesk.cases import listing as case_listing
from expatdesk.cases import services as case_services
from expatdesk.cases import tasks as case_tasks
from expatdesk.cases import workflow as cases
from expatdesk.common.concurrency import StaleRecordError
from expatdesk.common.listing import find_ids
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.db.models import (
    AuditEntry,
    Case,
    CaseNote,
    Expat,
    ServiceDelivery,
)
from expatdesk.errors import UserError
from tests.helpers.cases import (
    CLOSED_MESSAGE,
    LABELS,
    TODAY,
    Staff,
    audit_rows,
    count_rows,
    force_status,
    messages,
    open_case,
)
from tests.helpers.sample import Sample

# --- opening ----------------------------------------------------------------------------------


def test_open_case_for_an_expat(database: Database, sample: Sample, staff: Staff) -> None:
    case_id = open_case(database, staff.anna, sample, subject="  Residence   permit application ")

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
    assert audit_rows(database, "case") == [("create", "anna", case_id)]


def test_open_case_for_an_employer_with_first_services(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = open_case(
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
    case_id = open_case(database, staff.anna, sample, services=["permit_hsm"])
    case_services.add_service(database, staff.anna, case_id, "tax_30_ruling", TODAY, today=TODAY)
    with database.reading() as session:
        rows = session.execute(select(ServiceDelivery.expat_id, ServiceDelivery.employer_id)).all()
    assert rows == [(sample.expats["jose"], None)] * 2


def test_open_case_refuses_bad_input_and_saves_nothing(
    database: Database, sample: Sample, staff: Staff
) -> None:
    with pytest.raises(ValidationError) as refused:
        open_case(
            database,
            staff.anna,
            sample,
            subject="  ",
            expat_id=None,
            owner_id=staff.former_id,
            opened_on=TODAY + timedelta(days=1),
            services=["no_such_service"],
        )
    assert messages(refused.value) == {
        "subject": "This field is required.",
        "client": "Choose an expat or an employer (or both).",
        "owner": "Choose an active staff member as the owner.",
        "opened_on": "This date lies in the future.",
        "service": "This service is not in the catalogue.",
    }

    with pytest.raises(ValidationError) as refused:
        open_case(
            database,
            staff.anna,
            sample,
            subject="x" * 301,
            expat_id=987654,
            employer_id=987654,
            owner_id=987654,
            opened_on=date(1999, 12, 31),
        )
    assert messages(refused.value) == {
        "subject": "At most 300 characters.",
        "expat": "This expat no longer exists.",
        "employer": "This employer no longer exists.",
        "owner": "Choose an active staff member as the owner.",
        "opened_on": "This date lies before 2000; check the year.",
    }
    assert count_rows(database, Case) == 0
    assert count_rows(database, ServiceDelivery) == 0
    assert audit_rows(database, "case") == []


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
    first = case_detail.load_case(database, open_case(database, staff.anna, sample))
    second = case_detail.load_case(database, open_case(database, staff.anna, sample))
    assert (first.ref, second.ref) == ("CAS-000003", "CAS-000004")


def test_refused_without_the_clients_permission(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = open_case(database, staff.anna, sample)
    stranger = Actor(None, "kiosk", "Kiosk", "kiosk")
    with pytest.raises(
        PermissionDeniedError, match=re.escape("Your role may not work with client records.")
    ):
        open_case(database, stranger, sample)
    with pytest.raises(PermissionDeniedError):
        cases.add_note(database, stranger, case_id, "Hello")
    with pytest.raises(PermissionDeniedError):
        cases.set_status(database, stranger, case_id, "in_progress", expected_version=1)


# --- status -----------------------------------------------------------------------------------

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
    case_id = open_case(database, staff.anna, sample)
    force_status(database, case_id, current)
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
    assert messages(refused.value) == {"status": expected}
    assert case_detail.load_case(database, case_id) == before


def test_close_and_reopen(database: Database, sample: Sample, staff: Staff) -> None:
    case_id = open_case(database, staff.anna, sample)
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
    case_id = open_case(database, staff.anna, sample)
    with pytest.raises(ValidationError, match=re.escape("Unknown status.")):
        cases.set_status(database, staff.anna, case_id, "lost", expected_version=1)


def test_status_change_on_an_old_copy_is_refused(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = open_case(database, staff.anna, sample)
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
    case_id = open_case(database, staff.anna, sample)
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
    case_id = open_case(database, staff.anna, sample)
    cases.change_owner(database, staff.anna, case_id, staff.bram.user_id, expected_version=1)
    assert case_detail.load_case(database, case_id).owner == case_detail.StaffChoice(
        staff.bram.user_id or 0, "Bram Jansen"
    )
    cases.change_owner(database, staff.anna, case_id, None, expected_version=2)
    assert case_detail.load_case(database, case_id).owner is None
    with pytest.raises(ValidationError) as refused:
        cases.change_owner(database, staff.anna, case_id, staff.former_id, expected_version=3)
    assert messages(refused.value) == {"owner": "Choose an active staff member as the owner."}
    assert case_detail.load_case(database, case_id).owner is None


# --- notes ------------------------------------------------------------------------------------


def test_notes_newest_first_with_author_and_time(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = open_case(database, staff.anna, sample)
    before = clock.now() - timedelta(seconds=5)
    cases.add_note(database, staff.anna, case_id, "  Passport copied.  ")
    cases.add_note(database, staff.bram, case_id, "Called the IND.\nDecision next week.")

    notes = case_detail.load_case(database, case_id).notes
    assert [(note.text, note.author) for note in notes] == [
        ("Called the IND.\nDecision next week.", "Bram Jansen"),
        ("Passport copied.", "Anna de Vries"),
    ]
    assert all(before <= note.written_at <= clock.now() for note in notes)
    assert [action for action, _user, _id in audit_rows(database, "case_note")] == ["create"] * 2


def test_blank_note_is_refused_but_a_closed_case_takes_notes(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = open_case(database, staff.anna, sample)
    with pytest.raises(ValidationError) as refused:
        cases.add_note(database, staff.anna, case_id, " \n ")
    assert messages(refused.value) == {"note": "This field is required."}
    force_status(database, case_id, "closed")
    cases.add_note(database, staff.anna, case_id, "Client called after closing.")
    assert [note.text for note in case_detail.load_case(database, case_id).notes] == [
        "Client called after closing."
    ]


def test_a_closed_case_refuses_everything_but_notes(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = open_case(database, staff.anna, sample, services=["permit_hsm"])
    task_id = case_tasks.add_task(database, staff.anna, case_id, "Call back", None)
    service = case_detail.load_case(database, case_id).services[0]
    force_status(database, case_id, "closed")
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
    case_id = open_case(database, staff.anna, sample, services=["digid"])
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
