"""The home screen's sections: my open cases, tasks, permits and recent changes, on a fixed day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from expatdesk import i18n
from expatdesk.accounts.actor import SYSTEM, Actor, PermissionDeniedError
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Case,
    Employer,
    Expat,
    HiringRecord,
    Permit,
    ServiceDelivery,
    StaffUser,
    Task,
)
from expatdesk.db.types import utcnow
from expatdesk.home import dashboard
from expatdesk.home.dashboard import load_dashboard
from expatdesk.home.recent_changes import recent_changes

TODAY = date(2026, 3, 11)  # a Wednesday


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


@dataclass(frozen=True)
class Desk:
    sanne: Actor
    koen: Actor
    expats: dict[str, int]
    employers: dict[str, int]
    cases: dict[str, int]


def add_staff(database: Database, username: str, display_name: str) -> Actor:
    with database.transaction() as session:
        user = StaffUser(username=username, display_name=display_name, role="desk_officer")
        session.add(user)
        session.flush()
        return Actor(user.id, username, display_name, "desk_officer")


def add_expat(database: Database, ref: str, given: str, family: str, **values: object) -> int:
    with database.transaction() as session:
        expat = Expat(expat_ref=ref, given_name=given, family_name=family, **values)
        session.add(expat)
        session.flush()
        return expat.id


@pytest.fixture
def desk(database: Database) -> Desk:
    """Two desk officers, their cases in every status and the tasks on them."""
    sanne = add_staff(database, "sanne", "Sanne Brinkhuis")
    koen = add_staff(database, "koen", "Koen Wessels")
    jose = add_expat(database, "EXP-1", "José", "García")
    anna = add_expat(database, "EXP-2", "Anna", "Müller")
    with database.transaction() as session:
        thales = Employer(employer_ref="EMP-1", name="Thales Nederland")
        session.add(thales)
        session.flush()
        cases = {
            "new": Case(case_ref="C-1", subject="Permit", status="new", expat_id=jose),
            "progress_old": Case(
                case_ref="C-2", subject="BSN", status="in_progress", expat_id=anna
            ),
            "progress_new": Case(
                case_ref="C-3", subject="Sponsor", status="in_progress", employer_id=thales.id
            ),
            "waiting": Case(
                case_ref="C-4", subject="Housing", status="waiting_authority", expat_id=jose
            ),
            "closed": Case(
                case_ref="C-5",
                subject="Done",
                status="closed",
                expat_id=jose,
                closed_at=utcnow(),
            ),
            "koens": Case(case_ref="C-6", subject="School", status="new", expat_id=anna),
        }
        opened = {"progress_old": day(-40), "progress_new": day(-3)}
        for key, case in cases.items():
            case.owner_id = koen.user_id if key == "koens" else sanne.user_id
            case.opened_on = opened.get(key, day(-10))
        session.add_all(cases.values())
        session.flush()
        tasks = [
            ("Overdue long", day(-20), "new", False),
            ("Overdue yesterday", day(-1), "waiting", False),
            ("Overdue but done", day(-2), "new", True),
            ("Overdue on a closed case", day(-2), "closed", False),
            ("Overdue on Koen's case", day(-5), "koens", False),
            ("Due today", day(0), "progress_old", False),
            ("Due in six days", day(6), "progress_new", False),
            ("Due in seven days", day(7), "progress_new", False),
            ("Due this week, Koen", day(2), "koens", False),
            ("No due date", None, "new", False),
        ]
        session.add_all(
            Task(
                title=title,
                due_date=due,
                case_id=cases[key].id,
                done_at=utcnow() if done else None,
            )
            for title, due, key, done in tasks
        )
        return Desk(
            sanne=sanne,
            koen=koen,
            expats={"jose": jose, "anna": anna},
            employers={"thales": thales.id},
            cases={key: case.id for key, case in cases.items()},
        )


# --- my open cases ----------------------------------------------------------------------------


def test_my_open_cases_by_status(database: Database, desk: Desk) -> None:
    board = load_dashboard(database, desk.sanne, today=TODAY)
    assert board.case_counts == (
        ("new", 1),
        ("in_progress", 2),
        ("waiting_client", 0),
        ("waiting_authority", 1),
    )
    assert board.case_total == 4
    # By status in the desk's order, the newest first within one.
    assert [entry.ref for entry in board.cases] == ["C-1", "C-3", "C-2", "C-4"]
    first = board.cases[0]
    assert first.subject == "Permit"
    assert first.client_name == "José García"
    assert (first.client_kind, first.client_id) == ("expat", desk.expats["jose"])
    assert first.opened_on == day(-10)
    assert first.owner_name == "Sanne Brinkhuis"
    assert first.link == ("case", desk.cases["new"])
    employer_case = board.cases[1]
    assert employer_case.client_name == "Thales Nederland"
    assert (employer_case.client_kind, employer_case.client_id) == (
        "employer",
        desk.employers["thales"],
    )
    assert employer_case.status_label == "In progress"
    i18n.set_language("nl")
    assert employer_case.status_label == "In behandeling"


def test_long_case_lists_hold_the_newest_of_each_status(
    database: Database, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dashboard, "CASES_PER_STATUS", 1)
    board = load_dashboard(database, desk.sanne, today=TODAY)
    assert [entry.ref for entry in board.cases] == ["C-1", "C-3", "C-4"]
    assert dict(board.case_counts)["in_progress"] == 2


def test_another_officer_sees_only_their_cases(database: Database, desk: Desk) -> None:
    board = load_dashboard(database, desk.koen, today=TODAY)
    assert [entry.ref for entry in board.cases] == ["C-6"]
    assert dict(board.case_counts)["new"] == 1
    assert board.case_total == 1


def test_without_a_staff_account_every_case_is_mine(database: Database, desk: Desk) -> None:
    board = load_dashboard(database, SYSTEM, today=TODAY)
    assert [entry.ref for entry in board.cases] == ["C-6", "C-1", "C-3", "C-2", "C-4"]
    assert board.case_total == 5


def test_the_dashboard_needs_a_role_that_works_with_clients(database: Database, desk: Desk) -> None:
    visitor = Actor(desk.sanne.user_id, "sanne", "Sanne", "visitor")
    with pytest.raises(PermissionDeniedError):
        load_dashboard(database, visitor, today=TODAY)


# --- tasks ------------------------------------------------------------------------------------


def test_overdue_and_due_this_week_on_my_cases(database: Database, desk: Desk) -> None:
    board = load_dashboard(database, desk.sanne, today=TODAY)
    assert [task.title for task in board.overdue] == ["Overdue long", "Overdue yesterday"]
    assert board.overdue_total == 2
    assert [task.title for task in board.due_this_week] == ["Due today", "Due in six days"]
    assert board.due_this_week_total == 2
    assert board.week_end == day(6)
    task = board.overdue[0]
    assert task.due_date == day(-20)
    assert task.case_ref == "C-1"
    assert task.client_name == "José García"
    assert task.owner_name == "Sanne Brinkhuis"
    assert task.link == ("case", desk.cases["new"])
    assert board.due_this_week[1].client_name == "Thales Nederland"


def test_tasks_of_the_whole_desk(database: Database, desk: Desk) -> None:
    board = load_dashboard(database, desk.sanne, today=TODAY, whole_desk=True)
    assert board.whole_desk
    assert [task.title for task in board.overdue] == [
        "Overdue long",
        "Overdue on Koen's case",
        "Overdue yesterday",
    ]
    assert [task.title for task in board.due_this_week] == [
        "Due today",
        "Due this week, Koen",
        "Due in six days",
    ]
    assert board.due_this_week[1].owner_name == "Koen Wessels"
    # The cases stay the actor's own.
    assert board.case_total == 4


def test_long_task_lists_hold_the_first_and_count_all(
    database: Database, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dashboard, "TASK_LIMIT", 2)
    board = load_dashboard(database, desk.sanne, today=TODAY, whole_desk=True)
    assert [task.title for task in board.overdue] == ["Overdue long", "Overdue on Koen's case"]
    assert board.overdue_total == 3
    assert board.due_this_week_total == 3


# --- permits ----------------------------------------------------------------------------------


def add_permit(database: Database, expat_id: int, valid_until: date, number: str) -> None:
    with database.transaction() as session:
        session.add(
            Permit(
                expat_id=expat_id,
                permit_type_code="hsm",
                number=number,
                valid_until=valid_until,
            )
        )


def test_permits_within_90_days_and_the_last_30(database: Database) -> None:
    offsets = {
        "ended 31 days ago": -31,
        "ended 30 days ago": -30,
        "ended yesterday": -1,
        "ends today": 0,
        "ends in 30 days": 30,
        "ends in 31 days": 31,
        "ends in 90 days": 90,
        "ends in 91 days": 91,
    }
    for number, (key, offset) in enumerate(offsets.items()):
        expat_id = add_expat(database, f"EXP-{number}", key, "Expat")
        add_permit(database, expat_id, day(offset), f"P-{number}")
    board = load_dashboard(database, SYSTEM, today=TODAY)
    assert [entry.expat_name for entry in board.permits] == [
        "ended 30 days ago Expat",
        "ended yesterday Expat",
        "ends today Expat",
        "ends in 30 days Expat",
        "ends in 31 days Expat",
        "ends in 90 days Expat",
    ]
    assert [entry.days_left for entry in board.permits] == [-30, -1, 0, 30, 31, 90]
    assert [entry.expired for entry in board.permits] == [True, True] + [False] * 4
    assert [entry.urgent for entry in board.permits] == [False, False, True, True, False, False]
    assert (board.permit_total, board.permit_urgent, board.permit_expired) == (6, 2, 2)
    entry = board.permits[2]
    assert entry.permit_type.code == "hsm"
    assert entry.number == "P-3"
    assert entry.expat_ref == "EXP-3"
    assert entry.link == ("expat", entry.expat_id)


def test_renewed_permits_and_departed_expats_are_left_out(database: Database) -> None:
    renewed = add_expat(database, "EXP-1", "Renewed", "Expat")
    add_permit(database, renewed, day(10), "OLD")
    add_permit(database, renewed, day(10 + 5 * 365), "NEW")
    gone = add_expat(
        database, "EXP-2", "Departed", "Expat", arrival_date=day(-400), departure_date=day(-1)
    )
    add_permit(database, gone, day(10), "GONE")
    leaving = add_expat(
        database, "EXP-3", "Leaving", "Expat", arrival_date=day(-400), departure_date=day(20)
    )
    add_permit(database, leaving, day(15), "LEAVING")
    board = load_dashboard(database, SYSTEM, today=TODAY)
    assert [entry.number for entry in board.permits] == ["LEAVING"]
    assert board.permit_total == 1


def test_long_permit_lists_count_all(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dashboard, "PERMIT_LIMIT", 2)
    for number, offset in enumerate([-3, 5, 40, 60]):
        expat_id = add_expat(database, f"EXP-{number}", f"E{number}", "Expat")
        add_permit(database, expat_id, day(offset), f"P-{number}")
    board = load_dashboard(database, SYSTEM, today=TODAY)
    assert [entry.number for entry in board.permits] == ["P-0", "P-1"]
    assert (board.permit_total, board.permit_urgent, board.permit_expired) == (4, 1, 1)


# --- recent changes ---------------------------------------------------------------------------


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
