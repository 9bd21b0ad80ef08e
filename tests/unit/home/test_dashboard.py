"""The home screen's sections: my open cases, tasks and permits, on a fixed day."""

from __future__ import annotations

from datetime import date

import pytest

from expatdesk import i18n
from expatdesk.accounts.actor import SYSTEM, Actor, PermissionDeniedError
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Permit,
)
from expatdesk.home import dashboard
from expatdesk.home.dashboard import load_dashboard
from tests.helpers.desk import TODAY, Desk, add_expat, day

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
