"""The home screen's recently changed records, from the audit trail."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from expatdesk import clock, i18n
from expatdesk.accounts.actor import SYSTEM
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Employer,
    Expat,
    HiringRecord,
    Permit,
    ServiceDelivery,
    StaffUser,
    Task,
)
from expatdesk.db.types import utcnow
from expatdesk.home.dashboard import load_dashboard
from expatdesk.home.recent_changes import recent_changes
from tests.helpers.desk import TODAY, Desk, day


def test_recent_changes_from_the_audit_trail(database: Database, desk: Desk) -> None:
    sanne, koen = desk.sanne, desk.koen
    jose, anna = desk.expats["jose"], desk.expats["anna"]
    with database.reading() as session:
        # The fixture wrote as the system: every record it made is in the trail.
        before = recent_changes(session, limit=50)
    assert {(change.kind, change.who) for change in before} >= {("case", "system")}

    with database.transaction(sanne) as session:
        expat = session.get(Expat, jose)
        assert expat is not None
        expat.phone = "+31 6 0000 0000"
    with database.transaction(koen) as session:
        session.add(Permit(expat_id=anna, permit_type_code="hsm", valid_until=day(50)))
    with database.transaction(sanne) as session:
        task = session.scalars(select(Task).where(Task.title == "Due today")).one()
        task.done_at = utcnow()
    with database.transaction(koen) as session:
        gone = Employer(employer_ref="EMP-9", name="Gone BV")
        session.add(gone)
        session.flush()
        gone_id = gone.id
    with database.transaction(koen) as session:
        employer = session.get(Employer, gone_id)
        session.delete(employer)
    with database.transaction(sanne) as session:
        expat = session.get(Expat, jose)
        assert expat is not None
        expat.given_name = "Josep"

    with database.reading() as session:
        changes = recent_changes(session, limit=4)
    assert [(change.kind, change.id) for change in changes] == [
        ("expat", jose),
        ("employer", gone_id),
        ("case", desk.cases["progress_old"]),
        ("expat", anna),
    ]
    latest, deleted, task_change, permit_change = changes
    # One entry per record: its latest change, the record's current name.
    assert (latest.name, latest.ref, latest.who) == ("Josep García", "EXP-1", "Sanne Brinkhuis")
    assert (latest.action, latest.entity) == ("update", "expat")
    assert latest.description == "expat changed"
    assert latest.link == ("expat", jose)
    # A deleted record: its last known name, and nothing to open.
    assert (deleted.name, deleted.ref, deleted.exists) == ("Gone BV", "EMP-9", False)
    assert deleted.description == "employer deleted"
    assert deleted.link is None
    # Changes of linked records count for the record they belong to.
    assert (task_change.name, task_change.ref) == ("BSN", "C-2")
    assert task_change.description == "task changed"
    assert (permit_change.name, permit_change.who) == ("Anna Müller", "Koen Wessels")
    assert permit_change.description == "permit added"
    assert latest.at >= deleted.at >= task_change.at >= permit_change.at
    i18n.set_language("nl")
    assert permit_change.description == "vergunning toegevoegd"
    assert deleted.description == "werkgever verwijderd"
    assert latest.description == "expat gewijzigd"


def test_a_new_record_saved_with_linked_records_shows_as_added(
    database: Database, desk: Desk
) -> None:
    with database.transaction(desk.koen) as session:
        expat = Expat(expat_ref="EXP-77", given_name="Lena", family_name="Vogel")
        session.add(expat)
        session.flush()
        session.add(Permit(expat_id=expat.id, permit_type_code="hsm", valid_until=day(400)))
        new_id = expat.id
    with database.reading() as session:
        latest = recent_changes(session, limit=1)[0]
    assert (latest.kind, latest.id, latest.name) == ("expat", new_id, "Lena Vogel")
    assert (latest.action, latest.entity) == ("create", "expat")
    assert latest.description == "expat created"
    # A permit added a minute later, in a save of its own, still says so.
    with clock.moment(clock.now() + timedelta(minutes=1)), database.transaction(desk.koen) as s:
        s.add(Permit(expat_id=new_id, permit_type_code="hsm", valid_until=day(800)))
    with database.reading() as session:
        later = recent_changes(session, limit=1)[0]
    assert (later.id, later.description) == (new_id, "permit added")


def test_recent_changes_of_employers_and_deliveries(database: Database, desk: Desk) -> None:
    thales = desk.employers["thales"]
    with database.transaction(desk.koen) as session:
        session.add(HiringRecord(employer_id=thales, year=2025, international_hires=3))
    with database.transaction(desk.sanne) as session:
        delivery = ServiceDelivery(
            service_ref="SRV-1",
            service_code="digid",
            delivered_on=TODAY,
            expat_id=desk.expats["anna"],
        )
        session.add(delivery)
    with database.transaction(desk.sanne) as session:
        found = session.scalars(select(ServiceDelivery)).one()
        found.notes = "Walk-in"
    board = load_dashboard(database, desk.sanne, today=TODAY)
    first, second = board.recent[:2]
    assert (first.kind, first.id, first.description) == (
        "expat",
        desk.expats["anna"],
        "service delivery changed",
    )
    assert (second.kind, second.id, second.description) == (
        "employer",
        thales,
        "hiring figures added",
    )
    assert second.name == "Thales Nederland"
    assert len({(change.kind, change.id) for change in board.recent}) == len(board.recent)


def test_no_changes_yet(database: Database) -> None:
    board = load_dashboard(database, SYSTEM, today=TODAY)
    assert board.recent == ()
    assert board.cases == ()
    assert board.overdue == board.due_this_week == board.permits == ()
    assert (board.overdue_total, board.due_this_week_total, board.permit_total) == (0, 0, 0)


def test_recent_changes_skip_what_is_no_change_of_a_client_record(
    database: Database, desk: Desk
) -> None:
    from expatdesk.db.audit import entry, write

    with database.transaction(desk.koen) as session:
        expat = session.get(Expat, desk.expats["anna"])
        assert expat is not None
        expat.email = "anna@example.de"
    with database.transaction(desk.sanne) as session:
        # Newer than the change: a BSN looked at, a staff account changed.
        write(session, [entry(session, "view_bsn", "expat", desk.expats["jose"], None)])
        user = session.get(StaffUser, desk.koen.user_id)
        assert user is not None
        user.display_name = "Koen W."
    with database.reading() as session:
        (latest,) = recent_changes(session, limit=1)
    assert (latest.kind, latest.id, latest.who) == ("expat", desk.expats["anna"], "Koen W.")
    assert latest.description == "expat changed"
