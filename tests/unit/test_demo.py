"""The demo data generator: realistic, deterministic, complete, fast, and only for empty databases.

One small demo per backend is generated for the module and only read by most tests; the tests
that write get a database of their own.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from statistics import mean
from typing import Any

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session

from expatdesk import demo
from expatdesk.accounts import sign_in as signing
from expatdesk.accounts.actor import Actor
from expatdesk.db.audit import ENTITY_CLASSES, creation_changes
from expatdesk.db.database import Database, open_database
from expatdesk.db.models import (
    AuditEntry,
    Base,
    Case,
    Employer,
    Expat,
    HiringRecord,
    Permit,
    ServiceDelivery,
    StaffUser,
    SurveyFacility,
    SurveyResponse,
    Task,
)
from expatdesk.demo.base import TABLES
from expatdesk.demo.profiles import PROFILES
from expatdesk.errors import UserError
from expatdesk.home import dashboard, recent_changes
from expatdesk.text import case_search_key, employer_search_key, expat_search_key, full_name
from tests.helpers import databases

TODAY = date(2026, 11, 26)  # a Thursday
SEED = 2014
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
EU_CATEGORIES = ("eu_worker", "cross_border")


def eleven_test(bsn: str) -> bool:
    """The Dutch eleven-test, written out independently of the code under test."""
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    return sum(int(digit) * weight for digit, weight in zip(bsn, weights, strict=True)) % 11 == 0


def schema(database: Database) -> dict[str, Any]:
    """Indexes and constraints of every table, as the database reports them."""
    with database.engine.connect() as connection, warnings.catch_warnings():
        # SQLAlchemy does not reflect SQLite's indexes on expressions (the search key's tail,
        # migration 0009) and says so; their definitions are compared below instead.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        inspector = inspect(connection)
        found: dict[str, Any] = {
            table: (
                sorted(inspector.get_indexes(table), key=lambda index: str(index["name"])),
                sorted(inspector.get_unique_constraints(table), key=lambda uq: str(uq["name"])),
                sorted(inspector.get_foreign_keys(table), key=lambda fk: str(fk["name"])),
                inspector.get_pk_constraint(table),
            )
            for table in inspector.get_table_names()
        }
        if connection.dialect.name == "sqlite":
            rows = connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
            )
            found["sqlite_master indexes"] = [tuple(row) for row in rows]
        return found


def table_counts(database: Database) -> dict[str, int]:
    with database.engine.connect() as connection:
        return {
            table.name: connection.execute(
                text(f'SELECT COUNT(*) FROM "{table.name}"')
            ).scalar_one()
            for table in TABLES
        }


class Filled:
    """A database with the small demo, the summary fill returned and the schema before it."""

    def __init__(self, database: Database, summary: demo.DemoSummary, before: dict[str, Any]):
        self.database = database
        self.summary = summary
        self.before = before

    def session(self) -> Session:
        return self.database.sessions()


@pytest.fixture(scope="module", params=BACKENDS)
def filled(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Filled]:
    """The small demo of seed 2014 on each backend, shared by the read-only tests."""
    if request.param == "sqlite":
        template = request.getfixturevalue("_sqlite_template")
        database = databases.copy_sqlite(template, tmp_path_factory.mktemp("demo") / "demo.sqlite3")
        try:
            yield _fill(database)
        finally:
            database.dispose()
        return
    url = databases.postgres_url()
    if url is None:
        pytest.skip(f"{databases.POSTGRES_ENV} is not set")
    with databases.scratch_postgres_database(url) as scratch:
        database = open_database(scratch, create=True)
        try:
            yield _fill(database)
        finally:
            database.dispose()


def _fill(database: Database) -> Filled:
    before = schema(database)
    summary = demo.fill(database, size="small", seed=SEED, today=TODAY)
    return Filled(database, summary, before)


# --- what is in it -----------------------------------------------------------------------------


def test_counts_are_those_of_the_small_size(filled: Filled) -> None:
    summary = filled.summary
    assert summary.employers == 300
    assert summary.expats == 3000
    assert 7_000 <= summary.deliveries <= 9_000
    assert 2_400 <= summary.responses <= 2_600
    assert 1_000 <= summary.hiring_records <= 6_000
    assert summary.contact_persons >= summary.employers
    assert 300 <= summary.cases <= 500
    assert summary.family_members > 500
    assert summary.permits > 500
    assert 3 <= summary.staff_users <= 15
    assert summary.facilities_used > 500
    assert table_counts(filled.database) == {
        "employer": summary.employers,
        "contact_person": summary.contact_persons,
        "hiring_record": summary.hiring_records,
        "expat": summary.expats,
        "family_member": summary.family_members,
        "permit": summary.permits,
        "staff_user": summary.staff_users,
        "case_file": summary.cases,
        "case_note": summary.case_notes,
        "task": summary.tasks,
        "service_delivery": summary.deliveries,
        "survey_response": summary.responses,
        "survey_response_facility": summary.facilities_used,
        "audit_entry": summary.audit_entries,
    }


def test_the_desk_account_has_a_home_to_start_from(filled: Filled) -> None:
    # The demo's staff own its cases; the "desk" account takes over a colleague's open ones.
    with filled.session() as session:
        desk = session.execute(select(StaffUser).where(StaffUser.username == "desk")).scalar_one()
        actor = Actor(desk.id, desk.username, desk.display_name, desk.role)
        closed_of_desk = session.scalar(
            select(func.count(Case.id)).where(Case.owner_id == desk.id, Case.status == "closed")
        )
    home = dashboard.load_dashboard(filled.database, actor, TODAY)
    assert sum(count for _, count in home.case_counts) >= 5
    assert home.cases
    assert home.overdue_total + home.due_this_week_total > 0
    assert closed_of_desk == 0  # only open cases were handed over


def test_one_account_per_role_and_passwords_for_the_staff(filled: Filled) -> None:
    summary = filled.summary
    assert [(a.username, a.role, a.password) for a in summary.accounts] == [
        ("admin", "administrator", "admin-expatdesk"),
        ("manager", "manager", "manager-expatdesk"),
        ("desk", "desk_officer", "desk-expatdesk"),
    ]
    database = filled.database
    if not database.is_sqlite:  # the server keeps passwords: none stored, none printed
        assert summary.staff_password is None
        with filled.session() as session:
            assert session.scalar(select(func.count(StaffUser.password_hash))) == 0
        return
    assert summary.staff_password == "twente-demo"
    for account in summary.accounts:
        actor = signing.authenticate(database, account.username, account.password)
        assert actor.role == account.role
    assert signing.authenticate(database, "marieke.lansink", "twente-demo").role == (
        "administrator"
    )
    with filled.session() as session:
        assert session.scalar(select(func.count()).where(StaffUser.password_hash.is_(None))) == 0


def test_employers(filled: Filled) -> None:
    with filled.session() as session:
        employers = session.scalars(select(Employer)).all()
        hires = session.scalars(select(HiringRecord.international_hires)).all()
        municipalities = set(session.scalars(text("SELECT code FROM municipality")))
    assert sum(employer.high_tech for employer in employers) == 200  # two thirds
    numbers = [employer.kvk_number for employer in employers if employer.kvk_number]
    assert len(numbers) >= 290
    assert len(set(numbers)) == len(numbers)
    assert all(len(number) == 8 and number.isdigit() for number in numbers)
    assert {employer.municipality_code for employer in employers} <= municipalities
    assert len({employer.municipality_code for employer in employers}) >= 10
    assert 30 < sum(employer.recognised_sponsor for employer in employers) < 250
    assert len({employer.name for employer in employers}) == len(employers)
    assert all(employer.name == " ".join(employer.name.split()) for employer in employers)
    assert min(hires) == 0
    assert max(hires) > 5


def test_expats_are_of_many_nationalities_and_scripts(filled: Filled) -> None:
    with filled.session() as session:
        expats = session.execute(
            select(Expat.given_name, Expat.family_name, Expat.nationality)
        ).all()
    nationalities = Counter(nationality for _g, _f, nationality in expats)
    assert len(nationalities) >= 40
    assert all(code is not None and len(code) == 2 and code.isupper() for code in nationalities)
    letters = {ch for given, family, _n in expats for ch in given + family}
    scripts = {unicodedata.name(ch, "").split()[0] for ch in letters if not ch.isascii()}
    for script in ("CJK", "CYRILLIC", "GREEK", "ARABIC", "DEVANAGARI", "HANGUL"):
        assert script in scripts
    lower = {ch.lower() for ch in letters}
    assert {"é", "ü", "ø", "ł", "ç", "ễ", "ñ", "ș", "ğ"} <= lower
    names = {name for given, family, _n in expats for name in (given, family)}
    assert {"José", "Müller", "Łukasz", "Çelik", "Nguyễn"} <= names


def test_expat_details_are_plausible(filled: Filled) -> None:
    with filled.session() as session:
        expats = session.scalars(select(Expat)).all()
        codes = {
            name: set(session.scalars(text(f"SELECT code FROM {name}")))
            for name in ("expat_category", "education_level", "municipality")
        }
    assert {expat.category_code for expat in expats} == codes["expat_category"]
    assert {expat.education_level_code for expat in expats} - {None} == codes["education_level"]
    assert {expat.municipality_code for expat in expats} - {None} <= codes["municipality"]
    assert {expat.preferred_language for expat in expats} <= {"en", "nl", "de"}
    for expat in expats:
        assert expat.arrival_date is not None
        assert expat.date_of_birth is not None
        assert date(2012, 1, 1) <= expat.arrival_date <= TODAY
        assert 17 < (expat.arrival_date - expat.date_of_birth).days / 365.25 < 66
        if expat.departure_date:
            assert expat.arrival_date <= expat.departure_date < TODAY
        if expat.email:
            assert expat.email.rsplit("@", 1)[1].endswith(
                ("example", ".example.org", "example.org", "example.com", "example.net")
            )
    assert 500 < sum(expat.departure_date is not None for expat in expats) < 1500
    assert 1500 < sum(expat.employer_id is not None for expat in expats) < 2900
    emails = [expat.email for expat in expats if expat.email]
    assert len(set(emails)) == len(emails)


def test_every_bsn_passes_the_eleven_test(filled: Filled) -> None:
    with filled.session() as session:
        bsns = session.scalars(select(Expat.bsn).where(Expat.bsn.is_not(None))).all()
    assert len(bsns) > 1000
    assert all(eleven_test(bsn) for bsn in bsns if bsn)
    assert not eleven_test("123456780")  # the check itself can fail


def test_permits_only_for_non_eu_expats_and_some_expire_soon(filled: Filled) -> None:
    with filled.session() as session:
        rows = session.execute(
            select(Permit.valid_until, Permit.permit_type_code, Expat.category_code,
                   Expat.departure_date)
            .join(Expat, Expat.id == Permit.expat_id)
        ).all()  # fmt: skip
    assert all(category not in EU_CATEGORIES for _u, _t, category, _d in rows)
    current = [until for until, _t, _c, departure in rows if departure is None]
    within_30 = [until for until in current if TODAY <= until <= TODAY + timedelta(days=30)]
    within_90 = [until for until in current if TODAY <= until <= TODAY + timedelta(days=90)]
    assert len(within_30) >= 3
    assert len(within_90) >= len(within_30) + 10
    assert len({permit_type for _u, permit_type, _c, _d in rows}) >= 8


def test_family_members(filled: Filled) -> None:
    with filled.session() as session:
        rows = session.execute(text("SELECT relation, school FROM family_member")).all()
    relations = Counter(relation for relation, _school in rows)
    assert relations["partner"] > 300
    assert relations["child"] > 300
    schools = Counter(school for _relation, school in rows if school)
    assert any("International" in school for school in schools)


def test_cases_give_the_desk_a_worklist(filled: Filled) -> None:
    with filled.session() as session:
        statuses = Counter(session.scalars(select(Case.status)))
        open_tasks = session.scalars(select(Task.due_date).where(Task.done_at.is_(None))).all()
        notes = session.scalar(text("SELECT COUNT(*) FROM case_note"))
        owners = session.scalars(select(Case.owner_id).where(Case.status != "closed")).all()
        roles = Counter(session.scalars(select(StaffUser.role)))
    assert statuses["closed"] > 200
    assert all(statuses[status] > 0 for status in ("new", "in_progress", "waiting_client",
                                                   "waiting_authority"))  # fmt: skip
    sunday = TODAY + timedelta(days=6 - TODAY.weekday())
    assert sum(due is not None and due < TODAY for due in open_tasks) >= 5  # overdue
    assert sum(due is not None and TODAY <= due <= sunday for due in open_tasks) >= 5
    assert notes is not None
    assert notes > 100
    assert sum(owner is not None for owner in owners) > len(owners) / 2
    assert roles["desk_officer"] >= 3
    assert roles["manager"] >= 1
    assert roles["administrator"] == 2  # the centre's and the demo account "admin"


def test_a_recent_audit_trail_by_the_demo_staff(filled: Filled) -> None:
    """The desk's last days are in the trail, so the home screen shows recent changes."""
    since = datetime.combine(TODAY - timedelta(days=10), time(), tzinfo=UTC)
    today = datetime.combine(TODAY, time(), tzinfo=UTC)
    with filled.session() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        staff = {user.id: user.username for user in session.scalars(select(StaffUser))}
        demo_accounts = {"admin", "manager", "desk"}
        assert 30 <= len(entries) <= 300
        assert [entry.at for entry in entries] == sorted(entry.at for entry in entries)
        kinds = Counter((entry.action, entry.entity) for entry in entries)
        for kind in [("create", "case"), ("update", "case"), ("create", "case_note"),
                     ("update", "task"), ("create", "expat"), ("create", "permit")]:  # fmt: skip
            assert kinds[kind] > 0, kind
        for entry in entries:
            assert since <= entry.at < today
            assert 7 <= entry.at.hour < 17  # in office hours
            assert staff[entry.staff_user_id] == entry.username
            assert entry.username not in demo_accounts
            changes = json.loads(entry.changes)
            model = ENTITY_CLASSES[entry.entity]
            record = session.get(model, entry.entity_id)
            assert record is not None, (entry.entity, entry.entity_id)
            if entry.action == "create" and entry.entity in ("expat", "permit", "case_note"):
                # What the ORM's trail would have written for it.
                values = {key: getattr(record, key) for key in changes}
                assert changes == creation_changes(model, values)
        expats = [entry for entry in entries if entry.entity == "expat"]
        for entry in expats:
            stored = session.get_one(Expat, entry.entity_id).bsn
            written = json.loads(entry.changes).get("bsn")
            if stored:
                assert written == [None, "*****" + stored[-4:]]
            assert stored is None or stored not in entry.changes
        recent = recent_changes.recent_changes(session)
    assert len(recent) == recent_changes.RECENT_LIMIT
    assert {change.kind for change in recent} >= {"case", "expat"}
    assert all(change.exists for change in recent)


def test_deliveries(filled: Filled) -> None:
    with filled.session() as session:
        rows = session.execute(
            select(ServiceDelivery.service_code, ServiceDelivery.delivered_on,
                   ServiceDelivery.expat_id, ServiceDelivery.employer_id, ServiceDelivery.case_id)
        ).all()  # fmt: skip
        catalogue = set(session.scalars(text("SELECT code FROM service_type")))
    assert {code for code, *_ in rows} == catalogue
    assert all(date(2011, 11, 1) < day <= TODAY for _c, day, *_ in rows)
    walk_ins = [row for row in rows if row.expat_id is None]
    assert len(walk_ins) > 300
    assert all(row.employer_id is not None for row in walk_ins)
    assert sum(row.expat_id is not None and row.employer_id is not None for row in rows) > 50
    assert sum(row.case_id is not None for row in rows) > 300


def test_every_year_has_survey_responses(filled: Filled) -> None:
    with filled.session() as session:
        responses = session.scalars(select(SurveyResponse)).all()
        used = set(session.scalars(select(SurveyFacility.response_id)))
    per_year: dict[tuple[int, str], int] = Counter(
        (response.responded_on.year, response.respondent_type) for response in responses
    )
    for year in range(2012, TODAY.year + 1):
        assert per_year[year, "expat"] >= 10
        assert per_year[year, "employer"] >= (1 if year == 2012 else 10)
    assert per_year[2012, "employer"] < 10  # one year the report cannot judge
    assert max(response.responded_on for response in responses) <= TODAY
    grades = Counter(response.score_service for response in responses)
    assert set(grades) == {None, *range(1, 11)}
    expats = [response for response in responses if response.respondent_type == "expat"]
    employers = [response for response in responses if response.respondent_type == "employer"]
    assert Counter(response.intends_to_leave for response in expats).keys() == {
        None,
        "yes",
        "no",
        "unsure",
    }
    assert 0.05 < sum(response.expat_id is None for response in expats) / len(expats) < 0.5
    assert 0.05 < sum(response.employer_id is None for response in employers) / len(employers) < 0.5
    assert all(response.score_added_value is None for response in expats)
    assert any(response.score_added_value is None for response in employers)
    assert used <= {response.id for response in expats}
    assert 0.3 < len(used) / len(expats) < 0.8


def test_refs_are_unique_and_follow_the_id(filled: Filled) -> None:
    with filled.session() as session:
        for model, column, prefix in [
            (Employer, Employer.employer_ref, "EMP-"),
            (Expat, Expat.expat_ref, "EXP-"),
            (ServiceDelivery, ServiceDelivery.service_ref, "SRV-"),
            (SurveyResponse, SurveyResponse.response_ref, "RSP-"),
            (Case, Case.case_ref, "CAS-"),
        ]:
            rows = session.execute(select(model.id, column)).all()  # type: ignore[attr-defined]
            refs = [ref for _id, ref in rows]
            assert len(set(refs)) == len(refs)
            assert all(ref.startswith(prefix) and int(ref[4:]) == id_ for id_, ref in rows)


def test_search_keys_are_those_the_orm_computes(filled: Filled) -> None:
    with filled.session() as session:
        expats = session.scalars(select(Expat)).all()
        employers = session.scalars(select(Employer)).all()
    for expat in expats:
        assert expat.search_key == expat_search_key(
            expat.given_name, expat.family_name, expat.email, expat.expat_ref
        )
    for employer in employers:
        assert employer.search_key == employer_search_key(
            employer.name, employer.kvk_number, employer.employer_ref
        )


def test_case_search_keys_are_those_the_service_computes(filled: Filled) -> None:
    with filled.session() as session:
        rows = session.execute(
            select(Case.case_ref, Case.subject, Case.search_key, Expat.given_name,
                   Expat.family_name, Employer.name)
            .outerjoin(Expat, Expat.id == Case.expat_id)
            .outerjoin(Employer, Employer.id == Case.employer_id)
        ).all()  # fmt: skip
    assert len(rows) > 300
    for ref, subject, key, given, family, employer in rows:
        client = employer if given is None else full_name(given, family)
        assert key == case_search_key(ref, subject, client)


def test_trends_make_the_targets_interesting(filled: Filled) -> None:
    """Targets N–Q computed plainly (targets.md): N reaches 50 % in 2014, the grades and the
    intention to leave improve, facility users intend to leave less often."""
    with filled.session() as session:
        high_tech = set(session.scalars(select(Employer.id).where(Employer.high_tech)))
        hired = session.execute(
            select(HiringRecord.employer_id, HiringRecord.year)
            .where(HiringRecord.international_hires > 0)
        ).all()  # fmt: skip
        expat_employer = dict(session.execute(select(Expat.id, Expat.employer_id)).all())
        arrived = session.execute(select(Expat.employer_id, Expat.arrival_date)).all()
        delivered = session.execute(
            select(ServiceDelivery.employer_id, ServiceDelivery.expat_id,
                   ServiceDelivery.delivered_on)
        ).all()  # fmt: skip
        responses = session.scalars(select(SurveyResponse)).all()
        used = set(session.scalars(select(SurveyFacility.response_id)))
    attracted: dict[int, set[int | None]] = defaultdict(set)
    for hiring_employer, year in hired:
        attracted[year].add(hiring_employer)
    for expat_employer_id, arrival in arrived:
        assert arrival is not None
        attracted[arrival.year].add(expat_employer_id)
    served: dict[int, set[int | None]] = defaultdict(set)
    for employer, expat, day in delivered:
        if employer is None and expat is not None:
            employer = expat_employer[expat]  # attributed to the expat's employer
        served[day.year].add(employer)

    def n_share(year: int) -> float:
        denominator = attracted[year] & high_tech
        return len(denominator & served[year]) / len(denominator)

    assert n_share(2012) < 0.5 <= n_share(2014) < n_share(TODAY.year)

    def grades(kind: str, *years: int) -> float:
        return mean(
            r.score_service for r in responses
            if r.respondent_type == kind and r.responded_on.year in years and r.score_service
        )  # fmt: skip

    for kind in ("expat", "employer"):
        assert grades(kind, 2012, 2013, 2014) < 7 < grades(kind, 2024, 2025, 2026)
        assert grades(kind, 2012, 2013, 2014) < grades(kind, 2024, 2025, 2026) - 0.5
        assert any(grades(kind, year) < grades(kind, year - 1) for year in range(2013, 2027))

    def leaving(years: range, facilities: bool | None = None) -> float:
        answers = [
            r.intends_to_leave == "yes" for r in responses
            if r.respondent_type == "expat" and r.intends_to_leave
            and r.responded_on.year in years
            and (facilities is None or (r.id in used) == facilities)
        ]  # fmt: skip
        return sum(answers) / len(answers)

    assert leaving(range(2024, 2027)) < leaving(range(2012, 2015)) - 0.08
    everything = range(2012, 2027)
    assert leaving(everything, facilities=True) < leaving(everything, facilities=False) - 0.05


# --- the database around it -------------------------------------------------------------------


def test_indexes_and_constraints_are_as_before(filled: Filled) -> None:
    assert schema(filled.database) == filled.before


def test_new_records_get_the_next_ids(filled: Filled) -> None:
    with filled.database.transaction() as session:
        employer = Employer(employer_ref="NEW-1", name="Nieuwe Werkgever B.V.")
        session.add(employer)
        session.flush()
        assert employer.id == filled.summary.employers + 1
        assert employer.search_key == "nieuwe werkgever b.v. new-1"
        session.rollback()


def test_the_demo_tables_are_all_the_data_tables() -> None:
    """Every column the demo writes exists, and every required column is written."""
    written = {table.name: table for table in TABLES}
    for table in Base.metadata.sorted_tables:
        if table.name in ("audit_entry", "target_settings") or table.name not in written:
            assert table.name in (
                "audit_entry", "target_settings", "service_type", "expat_category",
                "education_level", "facility", "municipality", "permit_type",
                "checklist_item", "delivery_document", "centre_settings", "audit_actor",
                "access_log", "erased_person",
                "case_document", "case_document_chunk", "letter_template",  # no demo documents
            )  # fmt: skip
            continue
        columns = written[table.name].columns
        assert set(columns) <= set(table.columns.keys())
        required = {c.name for c in table.columns if not c.nullable and c.server_default is None}
        assert required <= set(columns), table.name


def test_summary_fields_are_counts() -> None:
    assert {"employers", "expats", "deliveries", "responses"} <= {
        field.name for field in fields(demo.DemoSummary)
    }
    large = PROFILES["large"]
    assert (large.employers, large.expats, large.responses) == (20_000, 500_000, 2_000_000)


# --- writing ----------------------------------------------------------------------------------


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as connection:
        return {
            table.name: connection.execute(f'SELECT * FROM "{table.name}" ORDER BY 1, 2').fetchall()
            for table in TABLES
        }


def test_same_seed_gives_the_same_data(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    template = request.getfixturevalue("_sqlite_template")
    dumps = []
    for name, seed in [("a", 7), ("b", 7), ("c", 8)]:
        database = databases.copy_sqlite(template, tmp_path / f"{name}.sqlite3")
        demo.fill(database, size="small", seed=seed, today=TODAY)
        database.dispose()
        dumps.append(_dump(tmp_path / f"{name}.sqlite3"))
    assert dumps[0] == dumps[1]
    assert dumps[0]["expat"] != dumps[2]["expat"]
    assert dumps[0]["survey_response"] != dumps[2]["survey_response"]


def test_a_database_with_data_is_refused_and_left_alone(database: Database) -> None:
    with database.transaction() as session:
        session.add(Employer(employer_ref="EMP-X", name="Bestaande Klant B.V."))
    before = table_counts(database)
    with pytest.raises(UserError, match="already holds data") as refused:
        demo.fill(database, size="small", seed=SEED, today=TODAY)
    assert database.name in str(refused.value)
    assert table_counts(database) == before


def test_a_failed_fill_leaves_nothing_behind(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = schema(database)

    def broken(world: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo, "make_responses", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        demo.fill(database, size="small", seed=SEED, today=TODAY)
    assert set(table_counts(database).values()) == {0}
    assert schema(database) == before


def test_existing_staff_are_kept(database: Database) -> None:
    with database.transaction() as session:
        session.add(StaffUser(username="marieke.lansink", display_name="Marieke", role="manager"))
        session.add(StaffUser(username="admin", display_name="Admin", role="administrator"))
    summary = demo.fill(database, size="small", seed=SEED, today=TODAY)
    with database.reading() as session:
        users = session.execute(select(StaffUser.id, StaffUser.username)).all()
        assert session.scalar(select(func.count()).select_from(Expat)) == 3000
    assert len(users) == summary.staff_users + 2
    assert len({username for _id, username in users}) == len(users)
    assert sorted(id_ for id_, _u in users) == list(range(1, len(users) + 1))


def test_early_in_a_year_that_year_has_responses_too(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    template = request.getfixturevalue("_sqlite_template")
    database = databases.copy_sqlite(template, tmp_path / "january.sqlite3")
    today = date(2027, 1, 4)
    demo.fill(database, size="small", seed=3, today=today)
    with database.reading() as session:
        kinds = Counter(
            session.scalars(
                select(SurveyResponse.respondent_type).where(
                    SurveyResponse.responded_on >= date(2027, 1, 1)
                )
            )
        )
        latest = [
            session.scalar(select(func.max(column)))
            for column in (SurveyResponse.responded_on, ServiceDelivery.delivered_on,
                           Expat.arrival_date, Case.opened_on)
        ]  # fmt: skip
    database.dispose()
    assert kinds["expat"] >= 10
    assert kinds["employer"] >= 10
    assert all(day is not None and day <= today for day in latest)


def test_unknown_size_is_a_programming_error(sqlite_database: Database) -> None:
    with pytest.raises(ValueError, match="unknown demo size"):
        demo.fill(sqlite_database, size="huge", seed=1, today=TODAY)  # type: ignore[arg-type]
