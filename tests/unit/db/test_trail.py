"""The audit trail written by the database (expatdesk.db.trail): the same entries on SQLite and
PostgreSQL, for changes made by the app and past it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from expatdesk import clock
from expatdesk.accounts.actor import Actor
from expatdesk.db import audit, trail
from expatdesk.db.database import Database
from expatdesk.db.models import (
    AuditEntry,
    Case,
    CentreSettings,
    Employer,
    Expat,
    FamilyMember,
    StaffUser,
    SurveyFacility,
    SurveyResponse,
    TargetSettings,
    Task,
)
from tests.helpers import databases

NOTES = 'Zegt "hallo"\\ en\ttabt,\nregel twee; ĳ, ø, 日本, \x01 en \u2028'


def _make_changes(database: Database) -> None:
    """The same changes, by the app and past it, on either engine."""
    with database.engine.begin() as connection:  # a clean start, out of the trail
        trail.set_actor(connection, None, "system", clock.now(), trail=False)
        connection.execute(text("DELETE FROM target_settings"))
        connection.execute(text("DELETE FROM audit_entry"))
        trail.clear_actor(connection)
    with database.transaction() as session:
        user = StaffUser(
            username="anna", display_name="Anna", role="desk_officer", password_hash="scrypt$1"
        )
        session.add(user)
    anna = Actor(user.id, "anna", "Anna", "desk_officer")
    with database.transaction(anna) as session:
        employer = Employer(employer_ref="EMP-1", name="Bakkerij Ölmez", high_tech=True)
        expat = Expat(
            expat_ref="E-1",
            given_name="José",
            family_name="García",
            bsn="111222333",
            date_of_birth=date(1990, 1, 2),
            survey_consent=True,
            notes=NOTES,
            employer=employer,
        )
        session.add_all([employer, expat])
        session.flush()
        session.add(FamilyMember(expat_id=expat.id, relation="child", given_name="Lía"))
        session.add(
            TargetSettings(
                id=1,
                alpha=0.05,
                min_n=10,
                n_threshold=1.0,
                n_growth_from=2015,
                o_threshold=7.0,
                p_threshold=7.5,
                centre_name="Expat Center Twente",
            )
        )
        case = Case(case_ref="C-1", subject="Huisvesting", expat=expat, opened_on=date(2026, 11, 2))
        session.add(case)
        session.flush()
        session.add(Task(case_id=case.id, title="Bellen"))
        response = SurveyResponse(
            response_ref="S-1", respondent_type="expat", expat_id=expat.id,
            responded_on=date(2026, 11, 20), score_service=8,
        )  # fmt: skip
        session.add(response)
        session.flush()
        session.add(SurveyFacility(response_id=response.id, facility_code="expat_centre"))
    with database.transaction(anna) as session:
        stored = session.get_one(Expat, expat.id)
        stored.family_name = "García López"
        stored.bsn = "123456782"
        stored.survey_consent = False
        stored.notes = None
        session.get_one(TargetSettings, 1).alpha = 0.1
        session.get_one(TargetSettings, 1).n_threshold = 0.25
        session.get_one(TargetSettings, 1).p_threshold = 8.0
        session.get_one(CentreSettings, 1).idle_lock_minutes = 5
        session.get_one(StaffUser, user.id).password_hash = "scrypt$2"
        task = session.scalars(select(Task)).one()
        task.done_at = datetime(2026, 11, 26, 9, 30, 15, tzinfo=UTC)
    with database.engine.begin() as connection:  # past the app: no actor named
        connection.execute(
            text("UPDATE expat SET phone = '+31 6 1234 5678' WHERE expat_ref = 'E-1'")
        )
        connection.execute(text("DELETE FROM family_member"))
        connection.execute(text("UPDATE task SET version = version + 1"))  # bookkeeping only
    with database.transaction(anna) as session:
        session.delete(session.scalars(select(Task)).one())


def _trail(database: Database) -> list[tuple[Any, ...]]:
    with database.reading() as session:
        return [
            (row.username, row.staff_user_id, row.action, row.entity, row.entity_id, row.changes)
            for row in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()
        ]


@pytest.fixture
def both(
    request: pytest.FixtureRequest, _sqlite_template: Path, tmp_path: Path
) -> Iterator[tuple[Database, Database]]:
    sqlite_database = databases.copy_sqlite(_sqlite_template, tmp_path / "trail.sqlite3")
    postgres: Database = request.getfixturevalue("_postgres_session")
    databases.truncate_postgres(postgres)
    yield sqlite_database, postgres
    sqlite_database.dispose()
    databases.truncate_postgres(postgres)


@pytest.mark.postgres
def test_the_same_changes_leave_the_same_trail_on_both_engines(
    both: tuple[Database, Database],
) -> None:
    sqlite_database, postgres = both
    for database in both:
        _make_changes(database)
    on_sqlite, on_postgres = _trail(sqlite_database), _trail(postgres)
    assert len(on_sqlite) == len(on_postgres) == 17
    owner = str(postgres.url.username)
    for lite, pg in zip(on_sqlite, on_postgres, strict=True):
        if lite[0] == trail.SQLITE_USER:  # past the app: the file has no users; the server does
            assert pg[0] == owner
        else:
            assert lite[0] == pg[0]
        assert lite[1:] == pg[1:]  # the very same JSON text
    actions = [(action, entity) for _who, _id, action, entity, _rid, _changes in on_sqlite]
    assert sorted(actions) == sorted(
        [
            ("create", "staff_user"),
            ("create", "employer"),
            ("create", "expat"),
            ("create", "family_member"),
            ("create", "target_settings"),
            ("create", "case"),
            ("create", "task"),
            ("create", "survey_response"),
            ("create", "survey_response_facility"),
            ("update", "staff_user"),
            ("update", "expat"),
            ("update", "target_settings"),
            ("update", "centre_settings"),
            ("update", "task"),
            ("update", "expat"),
            ("delete", "family_member"),
            ("delete", "task"),
        ]
    )
    by_kind = {
        (action, entity): json.loads(changes or "null")
        for _w, _i, action, entity, _r, changes in on_sqlite
    }
    expat_updates = [
        (who, json.loads(changes or "null"))
        for who, _i, action, entity, _r, changes in on_sqlite
        if (action, entity) == ("update", "expat")
    ]
    assert expat_updates == [
        (
            "anna",
            {
                "bsn": ["*****2333", "*****6782"],
                "family_name": ["García", "García López"],
                "notes": [NOTES, None],
                "survey_consent": [True, False],
            },
        ),
        (trail.SQLITE_USER, {"phone": [None, "+31 6 1234 5678"]}),
    ]
    created = by_kind[("create", "expat")]
    assert created["bsn"] == [None, "*****2333"]
    assert created["notes"] == [None, NOTES]
    assert created["survey_consent"] == [None, True]
    assert "search_key" not in created
    assert "version" not in created
    # The database writes what the app's Python twin says a creation is.
    assert created == audit.creation_changes(
        Expat,
        {
            "expat_ref": "E-1",
            "given_name": "José",
            "family_name": "García",
            "bsn": "111222333",
            "date_of_birth": date(1990, 1, 2),
            "survey_consent": True,
            "notes": NOTES,
            "employer_id": 1,
        },
    )
    assert by_kind[("create", "staff_user")]["password_hash"] == [None, "(set)"]
    assert by_kind[("update", "staff_user")] == {"password_hash": ["(changed)", "(changed)"]}
    assert by_kind[("update", "target_settings")] == {
        "alpha": [0.05, 0.1],
        "n_threshold": [1.0, 0.25],
        "p_threshold": [7.5, 8.0],
    }
    assert by_kind[("update", "centre_settings")] == {"idle_lock_minutes": [15, 5]}
    assert by_kind[("update", "task")] == {"done_at": [None, "2026-11-26T09:30:15+00:00"]}
    assert by_kind[("delete", "family_member")]["given_name"] == ["Lía", None]
    everything = " ".join(str(row[5]) for row in on_sqlite + on_postgres)
    assert "111222333" not in everything
    assert "123456782" not in everything
    assert "scrypt" not in everything


def test_a_change_with_another_program_is_in_the_trail(database_file: Path) -> None:
    connection = sqlite3.connect(database_file)
    with connection:
        connection.execute(
            "INSERT INTO employer (employer_ref, name, search_key, high_tech, recognised_sponsor,"
            " version, created_at, updated_at)"
            " VALUES ('EMP-9', 'Buiten de app', '', 0, 0, 1, '2026-11-26', '2026-11-26')"
        )
    rows = connection.execute(
        "SELECT username, action, entity, changes FROM audit_entry"
    ).fetchall()
    connection.close()
    assert rows == [
        (
            trail.SQLITE_USER,
            "create",
            "employer",
            '{"employer_ref": [null, "EMP-9"], "name": [null, "Buiten de app"]}',
        )
    ]


@pytest.fixture
def database_file(_sqlite_template: Path, tmp_path: Path) -> Path:
    database = databases.copy_sqlite(_sqlite_template, tmp_path / "other.sqlite3")
    database.dispose()
    return tmp_path / "other.sqlite3"


def test_the_actor_is_never_stored(sqlite_database: Database) -> None:
    anna = Actor(None, "anna", "Anna", "desk_officer")
    with sqlite_database.transaction(anna) as session:
        session.add(Employer(employer_ref="EMP-1", name="Bakkerij"))
    with sqlite_database.reading() as session:
        assert session.scalar(text(f"SELECT count(*) FROM {trail.ACTOR_TABLE}")) == 0
        assert session.scalars(select(AuditEntry.username)).all() == ["anna"]


def test_a_rebuilt_table_gets_its_triggers_back_when_opened(
    sqlite_database: Database,
) -> None:
    with sqlite_database.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER expatdesk_trail_expat_update")
        assert trail.sqlite_needs_install(connection)
    url = sqlite_database.url
    sqlite_database.dispose()
    from expatdesk.db.database import open_database

    reopened = open_database(url)
    try:
        with reopened.engine.connect() as connection:
            assert not trail.sqlite_needs_install(connection)
    finally:
        reopened.dispose()


def test_an_import_is_in_the_trail_row_by_row(database: Database, tmp_path: Path) -> None:
    from expatdesk.exchange import import_file

    path = tmp_path / "employers.csv"
    path.write_text(
        "employer_ref,name,high_tech\r\nEMP-1,Bakkerij Ölmez,yes\r\nEMP-2,Smederij,no\r\n",
        encoding="utf-8",
    )
    manager = Actor(None, "erik", "Erik", "manager")
    plan = import_file(database, manager, "employers", path)
    assert plan.ok
    with database.reading() as session:
        rows = session.execute(
            select(AuditEntry.username, AuditEntry.action, AuditEntry.entity, AuditEntry.changes)
            .where(AuditEntry.entity == "employer")
            .order_by(AuditEntry.id)
        ).all()
    assert [(row.username, row.action) for row in rows] == [("erik", "create")] * 2
    assert json.loads(rows[0].changes) == {
        "employer_ref": [None, "EMP-1"],
        "high_tech": [None, True],
        "name": [None, "Bakkerij Ölmez"],
    }


def test_the_app_and_the_triggers_audit_the_same_tables_under_the_same_names() -> None:
    assert {cls.__tablename__: name for cls, name in audit.AUDITED.items()} == trail.TABLES
