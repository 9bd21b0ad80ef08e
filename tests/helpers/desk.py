"""Shared by the home screen's tests: a desk of two officers, their cases and tasks, on a
fixed day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from expatdesk.accounts.actor import Actor
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Case,
    Employer,
    Expat,
    StaffUser,
    Task,
)
from expatdesk.db.types import utcnow

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


def make_desk(database: Database) -> Desk:
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
