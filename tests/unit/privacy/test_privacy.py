"""Erasing an expat's personal data and the retention period, on both engines: what goes, what
stays, the audit trail cleaned, the targets report unchanged, and who may."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

from expatdesk import clock, i18n
from expatdesk.accounts.actor import SYSTEM, Actor, PermissionDeniedError
from expatdesk.cases import deliveries
from expatdesk.cases import tasks as case_tasks
from expatdesk.cases import workflow as cases
from expatdesk.cli.main import main
from expatdesk.common.concurrency import StaleRecordError
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database, open_database
from expatdesk.db.models import (
    AuditEntry,
    Case,
    CaseNote,
    Employer,
    ErasedPerson,
    Expat,
    FamilyMember,
    HiringRecord,
    Permit,
    ServiceDelivery,
    StaffUser,
    SurveyFacility,
    SurveyResponse,
    Task,
)
from expatdesk.errors import UserError
from expatdesk.expats import forms as expat_forms
from expatdesk.expats import merge
from expatdesk.expats import write as expat_records
from expatdesk.privacy import erasure as privacy
from expatdesk.privacy import retention
from expatdesk.privacy.retention import RetentionCandidate, retention_cutoff
from expatdesk.privacy.trail import clean_deleted_trail
from expatdesk.reports.target_settings import DEFAULTS, update_settings
from expatdesk.reports.targets import compute_targets
from tests.conftest import TEST_NOW
from tests.helpers import databases, staff
from tests.helpers.sample import JOSE_BSN, Sample, add_sample

MOMENT = datetime(2026, 12, 3, 15, 30, tzinfo=UTC)


def staff_actor(database: Database, username: str, role: str, display_name: str) -> Actor:
    """A staff member (a row, no database login) acting through the services."""
    with database.transaction() as session:
        user = StaffUser(username=username, display_name=display_name, role=role, active=True)
        session.add(user)
        session.flush()
        return Actor(user.id, username, display_name, role)


@pytest.fixture
def admin(database: Database) -> Actor:
    return staff_actor(database, "marieke", "administrator", "Marieke Jansen")


def version_of(database: Database, expat_id: int) -> int:
    with database.reading() as session:
        return session.scalars(select(Expat.version).where(Expat.id == expat_id)).one()


def jose_with_everything(database: Database, sample: Sample) -> dict[str, int]:
    """José with a case (note, task, service), a walk-in with notes and a survey response; his
    e-mail changed and a family member removed through the editor, his BSN looked at."""
    jose = sample.expats["jose"]
    case_id = cases.open_case(
        database,
        SYSTEM,
        subject="Permit for José García",
        expat_id=jose,
        services=["permit_hsm"],
        opened_on=date(2026, 11, 20),
        today=date(2026, 11, 26),
    )
    cases.add_note(database, SYSTEM, case_id, "José called: Lucía expects a baby in May.")
    case_tasks.add_task(
        database, SYSTEM, case_id, "Ask José for his passport copy", today=date(2026, 11, 26)
    )
    walk_in = deliveries.record_walk_in(
        database,
        SYSTEM,
        "housing",
        date(2026, 11, 25),
        expat_id=jose,
        notes="Looking for a flat near the Oude Markt for José and Lucía",
        today=date(2026, 11, 26),
    )
    with database.transaction() as session:
        response = SurveyResponse(
            response_ref="RSP-1",
            respondent_type="expat",
            expat_id=jose,
            responded_on=date(2026, 11, 25),
            score_service=8,
            intends_to_leave="no",
        )
        response.facilities = [SurveyFacility(facility_code="language_course")]
        session.add(response)
        session.flush()
        response_id = response.id
    form = expat_forms.load_expat_form(database, jose)
    assert form is not None
    assert form.version is not None
    expat_records.update_expat(
        database,
        SYSTEM,
        jose,
        form.version,
        replace(form, email="jose@privé.example", family=form.family[:1]),
        today=date(2026, 11, 26),
    )
    assert expat_records.reveal_bsn(database, SYSTEM, jose) == JOSE_BSN
    return {"case": case_id, "walk_in": walk_in, "response": response_id}


#: What José's records held that must not survive the erasure anywhere (the trail included).
JOSE_PERSONAL = [
    "José",
    "García",
    "1990-04-12",
    "jose.garcia@example.es",
    "jose@privé.example",
    "+31 6 1234 5678",
    "6782",  # the masked BSN's digits
    "Lucía",
    "Pérez",
    "Mateo",
    "2019-02-03",
    "International School Twente",
    "NL-2026-0001",
    "2026-11-26",  # his exact arrival date
    "Lucía expects a baby",
    "passport copy",
    "Oude Markt",
    "Permit for",
]


def trail_text(database: Database) -> str:
    with database.reading() as session:
        return "\n".join(
            changes
            for changes in session.scalars(select(AuditEntry.changes).order_by(AuditEntry.id))
            if changes
        )


# --- anonymising one expat ------------------------------------------------------------------


def test_erasure_cleans_the_trail_of_the_records_merged_into_the_person(
    database: Database, sample: Sample, admin: Actor
) -> None:
    jose = sample.expats["jose"]
    duplicate = expat_records.create_expat(
        database,
        SYSTEM,
        expat_forms.ExpatForm(
            given_name="Josef",
            family_name="Garcia-Twice",
            date_of_birth=date(1988, 7, 9),
            email="josef.twice@example.es",
            phone="+34 600 111 222",
            notes="Walked in twice by mistake",
            arrival_date=date(2026, 1, 10),
        ),
    )
    with database.reading() as session:
        dropped_ref = session.scalars(select(Expat.expat_ref).where(Expat.id == duplicate)).one()
    merge.merge_expats(
        database,
        SYSTEM,
        jose,
        version_of(database, jose),
        duplicate,
        version_of(database, duplicate),
        frozenset({"phone"}),
    )
    assert "Garcia-Twice" in trail_text(database)

    privacy.anonymise_expat(database, admin, jose, version_of(database, jose), "Request")

    text_now = trail_text(database)
    for value in ("Josef", "Garcia-Twice", "1988-07-09", "josef.twice", "600 111 222", "twice by"):
        assert value not in text_now
    assert dropped_ref in text_now  # the trail still says which record was merged and deleted
    with database.reading() as session:
        registered = set(session.scalars(select(ErasedPerson.ref)))
    assert registered == {"EXP-0001", dropped_ref}


def test_an_erasure_leaves_nothing_in_the_files_while_the_app_keeps_them_open(
    sqlite_database: Database,
) -> None:
    database = sqlite_database
    admin = staff_actor(database, "marieke", "administrator", "Marieke Jansen")
    sample = add_sample(database)
    jose = sample.expats["jose"]
    path = Path(database.url.database or "")
    # A connection of the app stays open (the desk keeps the database open all day).
    with database.engine.connect() as reader:
        reader.execute(text("SELECT count(*) FROM expat")).scalar()
        reader.commit()
        privacy.anonymise_expat(database, admin, jose, version_of(database, jose), "Asked")
        wal = path.with_name(path.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and truncated
        for file in path.parent.iterdir():
            if file.is_file():
                content = file.read_bytes()
                for trace in ("García", "Lucía", "jose.garcia@"):
                    assert trace.encode() not in content, (file.name, trace)


def test_a_restored_backup_keeps_erased_persons_erased(
    sqlite_database: Database, tmp_path: Path
) -> None:
    database = sqlite_database
    admin = staff_actor(database, "marieke", "administrator", "Marieke Jansen")
    sample = add_sample(database)
    backup = tmp_path / "before.sqlite3"
    database.backup_to(backup)
    privacy.anonymise_expat(
        database, admin, sample.expats["jose"], version_of(database, sample.expats["jose"]), "Asked"
    )

    restored = privacy.restore_backup(database, backup)

    assert restored.erased_again == ("EXP-0001",)
    with database.reading() as session:
        jose = session.get(Expat, sample.expats["jose"])
        assert jose is not None
        assert (jose.family_name, jose.email, jose.bsn) == ("Anonymised", None, None)
        assert session.get(ErasedPerson, "EXP-0001") is not None
        assert (
            session.scalars(select(FamilyMember).where(FamilyMember.expat_id == jose.id)).all()
            == []
        )
    assert "García" not in trail_text(database)
    stored = Path(database.url.database or "").read_bytes()
    assert "García".encode() not in stored
    assert "Lucía".encode() not in stored


def test_the_personal_fields_go_and_what_the_reports_need_stays(
    database: Database, sample: Sample, admin: Actor
) -> None:
    jose = sample.expats["jose"]
    linked = jose_with_everything(database, sample)
    preview = privacy.erasure_preview(database, admin, jose)
    assert (preview.ref, preview.name, preview.anonymised_at) == ("EXP-0001", "José García", None)
    assert (preview.family_members, preview.permits, preview.cases) == (1, 1, 1)
    assert (preview.case_notes, preview.tasks, preview.deliveries) == (1, 1, 2)
    assert preview.survey_responses == 1

    erasure = privacy.anonymise_expat(
        database, admin, jose, preview.version, "  At his request  ", now=MOMENT
    )

    assert (erasure.ref, erasure.family_members, erasure.permits) == ("EXP-0001", 1, 1)
    assert (erasure.cases, erasure.case_notes, erasure.tasks) == (1, 1, 1)
    assert (erasure.deliveries_kept, erasure.survey_responses_kept) == (2, 1)
    assert erasure.trail_entries > 10
    with database.reading() as session:
        row = session.get(Expat, jose)
        assert row is not None
        assert (row.given_name, row.family_name, row.expat_ref) == ("", "Anonymised", "EXP-0001")
        personal = (
            row.date_of_birth,
            row.nationality,
            row.email,
            row.phone,
            row.bsn,
            row.notes,
            row.preferred_language,
            row.category_code,
            row.education_level_code,
            row.municipality_code,
            row.departure_date,
            row.survey_consent_date,
        )
        assert personal == (None,) * 12
        assert row.survey_consent is False
        assert row.employer_id == sample.employers["thales"]
        assert row.arrival_date == date(2026, 1, 1)  # the year only
        assert row.anonymised_at == MOMENT
        assert row.version == preview.version + 1
        assert "jose" not in row.search_key
        assert "garcia" not in row.search_key
        assert (
            session.scalars(select(FamilyMember).where(FamilyMember.expat_id == jose)).all() == []
        )
        assert session.scalars(select(Permit).where(Permit.expat_id == jose)).all() == []
        case = session.get(Case, linked["case"])
        assert case is not None
        assert (case.subject, case.expat_id, case.status) == ("Anonymised", jose, "new")
        assert "jose" not in case.search_key
        assert session.scalars(select(CaseNote)).all() == []
        assert session.scalars(select(Task)).all() == []
        kept = session.scalars(
            select(ServiceDelivery).where(ServiceDelivery.expat_id == jose)
        ).all()
        assert [delivery.notes for delivery in kept] == [None, None]
        response = session.get(SurveyResponse, linked["response"])
        assert response is not None
        assert (response.expat_id, response.score_service, response.intends_to_leave) == (
            jose,
            8,
            "no",
        )
        assert session.scalars(select(SurveyFacility.facility_code)).all() == ["language_course"]
        other = session.get(Expat, sample.expats["anna"])
        assert other is not None
        assert other.family_name == "Müller"


def test_the_trail_keeps_who_did_what_but_no_erased_value(
    database: Database, sample: Sample, admin: Actor
) -> None:
    jose = sample.expats["jose"]
    jose_with_everything(database, sample)
    before = trail_text(database)
    assert all(value in before for value in JOSE_PERSONAL)
    with database.reading() as session:
        entries_before = session.scalar(select(text("count(*)")).select_from(AuditEntry))

    privacy.anonymise_expat(
        database, admin, jose, version_of(database, jose), "At his request", now=MOMENT
    )

    after = trail_text(database)
    left = [value for value in JOSE_PERSONAL if value in after]
    assert left == []
    assert "Müller" in after  # others' entries are untouched
    assert "Thales Nederland" in after
    with database.reading() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert len(entries) > entries_before  # nothing removed, the deletions added
        last = entries[-1]
        assert (last.action, last.entity, last.entity_id, last.username) == (
            "update",
            "expat",
            jose,
            "marieke",
        )
        assert json.loads(last.changes or "") == {
            "anonymised_at": [None, "2026-12-03T15:30:00+00:00"],
            "erasure_reason": [None, "At his request"],
        }
        created = next(
            entry
            for entry in entries
            if entry.entity == "expat" and entry.action == "create" and entry.entity_id == jose
        )
        data = json.loads(created.changes or "")
        assert data["given_name"] == [None, "(erased)"]
        assert data["bsn"] == [None, "(erased)"]
        assert data["expat_ref"] == [None, "EXP-0001"]
        assert data["employer_id"] == [None, sample.employers["thales"]]
        removed = [
            json.loads(entry.changes or "")
            for entry in entries
            if entry.entity == "family_member" and entry.action == "delete"
        ]
        assert len(removed) == 2  # the editor's and the erasure's
        assert all(data["given_name"] == ["(erased)", None] for data in removed)
        assert all(data["expat_id"] == [jose, None] for data in removed)


def test_the_targets_report_is_identical_after_anonymising(
    database: Database, admin: Actor
) -> None:
    """Every figure of targets.md, for every year, before and after erasing several expats
    (those with deliveries that name no employer of their own among them)."""
    chooser = random.Random(6)
    with database.transaction() as session:
        employers = []
        for number in range(8):
            employer = Employer(
                employer_ref=f"EMP-{number:04d}", name=f"Firm {number}", high_tech=number < 6
            )
            session.add(employer)
            session.flush()
            employers.append(employer.id)
            for year in range(2021, 2026):
                if chooser.random() < 0.6:
                    session.add(
                        HiringRecord(
                            employer_id=employer.id,
                            year=year,
                            international_hires=chooser.randint(0, 4),
                        )
                    )
        expat_ids = []
        for number in range(60):
            expat = Expat(
                expat_ref=f"EXP-{number:06d}",
                given_name=f"Given{number}",
                family_name=f"Family{number}",
                email=f"person{number}@example.org",
                nationality="BR",
                category_code="researcher",
                employer_id=chooser.choice([*employers, None]),
                arrival_date=date(chooser.randint(2021, 2025), chooser.randint(1, 12), 15),
            )
            session.add(expat)
            session.flush()
            expat_ids.append(expat.id)
            for index in range(chooser.randint(0, 3)):
                session.add(
                    ServiceDelivery(
                        service_ref=f"SRV-{number}-{index}",
                        service_code="housing",
                        delivered_on=date(chooser.randint(2021, 2025), 6, 1 + index),
                        expat_id=expat.id,
                        employer_id=chooser.choice([None, None, *employers]),
                        notes=f"Notes about Given{number}",
                    )
                )
            for index in range(chooser.randint(0, 2)):
                response = SurveyResponse(
                    response_ref=f"RSP-{number}-{index}",
                    respondent_type="expat",
                    expat_id=expat.id,
                    responded_on=date(chooser.randint(2021, 2025), 3, 1 + index),
                    score_service=chooser.choice([None, *range(4, 11)]),
                    intends_to_leave=chooser.choice([None, "yes", "no", "unsure"]),
                )
                if chooser.random() < 0.5:
                    response.facilities = [SurveyFacility(facility_code="expat_centre")]
                session.add(response)
        for index in range(40):
            session.add(
                SurveyResponse(
                    response_ref=f"RSP-E{index}",
                    respondent_type="employer",
                    employer_id=chooser.choice(employers),
                    responded_on=date(chooser.randint(2021, 2025), 5, 1 + index % 28),
                    score_service=chooser.randint(3, 10),
                    score_added_value=chooser.randint(3, 10),
                )
            )
    update_settings(database, SYSTEM, replace(DEFAULTS, min_n=3))
    before = compute_targets(database, 2021, 2025).to_json()
    assert any(year["status"] != "insufficient_data" for year in before["N"])
    assert any(year["status"] != "insufficient_data" for year in before["Q"])

    for expat_id in chooser.sample(expat_ids, 20):
        privacy.anonymise_expat(
            database, admin, expat_id, version_of(database, expat_id), "Test", now=MOMENT
        )

    assert compute_targets(database, 2021, 2025).to_json() == before
    with database.reading() as session:
        assert (
            session.scalar(
                select(text("count(*)")).select_from(Expat).where(Expat.anonymised_at.is_not(None))
            )
            == 20
        )


def test_desk_officers_and_managers_may_not_erase(database: Database, sample: Sample) -> None:
    jose = sample.expats["jose"]
    for role in ("desk_officer", "manager"):
        actor = staff_actor(database, f"user_{role}", role, role)
        with pytest.raises(
            PermissionDeniedError, match=re.escape("Only administrators may erase personal data.")
        ):
            privacy.anonymise_expat(database, actor, jose, 1, "Request")
        with pytest.raises(PermissionDeniedError):
            privacy.erasure_preview(database, actor, jose)
        with pytest.raises(
            PermissionDeniedError,
            match=re.escape("Only administrators may apply the retention period."),
        ):
            retention.apply_retention(database, actor, [jose])
        with pytest.raises(PermissionDeniedError):
            retention.update_retention_years(database, actor, 3)
    with database.reading() as session:
        row = session.get(Expat, jose)
        assert row is not None
        assert (row.anonymised_at, row.given_name) == (None, "José")


def test_a_reason_is_required_and_nothing_is_erased_without_it(
    database: Database, sample: Sample, admin: Actor
) -> None:
    jose = sample.expats["jose"]
    with pytest.raises(ValidationError) as error:
        privacy.anonymise_expat(database, admin, jose, version_of(database, jose), "   ")
    assert error.value.for_field("reason") == (
        "Say why the personal data is erased (for instance: at the person's request)."
    )
    with pytest.raises(ValidationError) as error:
        privacy.anonymise_expat(database, admin, jose, version_of(database, jose), "x" * 501)
    assert error.value.for_field("reason") is not None
    with database.reading() as session:
        assert session.get(Expat, jose).given_name == "José"  # type: ignore[union-attr]


def test_an_old_version_is_refused_and_an_erased_expat_is_not_erased_again(
    database: Database, sample: Sample, admin: Actor
) -> None:
    jose = sample.expats["jose"]
    old = version_of(database, jose)
    form = expat_forms.load_expat_form(database, jose)
    assert form is not None
    expat_records.update_expat(database, SYSTEM, jose, old, replace(form, phone="+31 6 0000 0000"))
    with pytest.raises(StaleRecordError, match="system changed this record"):
        privacy.anonymise_expat(database, admin, jose, old, "Request")
    with database.reading() as session:
        assert session.scalar(select(Expat.family_name).where(Expat.id == jose)) == "García"
        assert session.scalar(select(text("count(*)")).select_from(FamilyMember)) == 2

    privacy.anonymise_expat(database, admin, jose, old + 1, "Request")
    with pytest.raises(UserError, match=re.escape("The personal data of EXP-0001 was erased")):
        privacy.anonymise_expat(database, admin, jose, old + 2, "Again")
    assert privacy.erasure_preview(database, admin, jose).anonymised_at is not None


def test_an_erased_expat_is_not_edited_again(
    database: Database, sample: Sample, admin: Actor
) -> None:
    jose = sample.expats["jose"]
    privacy.anonymise_expat(database, admin, jose, version_of(database, jose), "Request")
    form = expat_forms.load_expat_form(database, jose)
    assert form is not None
    assert expat_records.is_anonymised(database, jose)
    with pytest.raises(UserError, match="personal data was erased; the record can no longer"):
        expat_records.update_expat(
            database, SYSTEM, jose, version_of(database, jose), replace(form, phone="+31 6 1")
        )
    with database.reading() as session:
        assert session.scalar(select(Expat.phone).where(Expat.id == jose)) is None


# --- retention --------------------------------------------------------------------------------

#: Dates of this test, as years after the test's "now" (whatever the clock says, everything the
#: test makes now is older than seven years before TODAY).
YEAR = TEST_NOW.year
TODAY = date(YEAR + 14, 6, 1)  # seven years back is 1 June of YEAR + 7


def closed_case(database: Database, expat_id: int) -> int:
    case_id = cases.open_case(database, SYSTEM, subject="Intake", expat_id=expat_id)
    for status in ("in_progress", "closed"):
        with database.reading() as session:
            version = session.scalars(select(Case.version).where(Case.id == case_id)).one()
        cases.set_status(database, SYSTEM, case_id, status, expected_version=version)
    return case_id


def test_the_retention_period_is_a_setting_of_administrators(
    database: Database, admin: Actor
) -> None:
    assert retention.read_retention_years(database) == 7
    assert retention.update_retention_years(database, admin, 10) == 10
    assert retention.read_retention_years(database) == 10
    for wrong in (0, 101):
        with pytest.raises(ValidationError) as error:
            retention.update_retention_years(database, admin, wrong)
        assert error.value.for_field("retention_years") == "Between 1 and 100 years."
    assert retention.read_retention_years(database) == 10


def test_the_cutoff_is_the_same_day_years_back() -> None:
    assert retention_cutoff(date(2040, 6, 1), 7) == date(2033, 6, 1)
    assert retention_cutoff(date(2028, 2, 29), 1) == date(2027, 2, 28)


def test_retention_selects_expats_whose_last_contact_is_older_than_the_period(
    database: Database, sample: Sample, admin: Actor
) -> None:
    ids = sample.expats
    with database.transaction() as session:
        extra = [
            Expat(expat_ref=f"EXP-10{n}", given_name=f"G{n}", family_name=f"F{n}") for n in range(4)
        ]
        session.add_all(extra)
        session.flush()
        recent, surveyed, edited, erased = (expat.id for expat in extra)
    for expat_id in (ids["jose"], ids["anna"], ids["wei"], recent, surveyed, edited, erased):
        closed_case(database, expat_id)
    closed_case(database, ids["anna"])  # two closed cases
    cases.open_case(database, SYSTEM, subject="Still open", expat_id=ids["wei"])
    with database.transaction() as session:
        session.add_all(
            [
                ServiceDelivery(
                    service_ref="SRV-A", service_code="housing",
                    delivered_on=date(YEAR + 4, 5, 1), expat_id=ids["anna"],
                ),
                ServiceDelivery(
                    service_ref="SRV-R", service_code="housing",
                    delivered_on=date(YEAR + 8, 1, 1), expat_id=recent,
                ),
                SurveyResponse(
                    response_ref="RSP-S", respondent_type="expat", expat_id=surveyed,
                    responded_on=date(YEAR + 7, 6, 1), score_service=7,
                ),
            ]
        )  # fmt: skip
        session.execute(
            update(Expat)
            .where(Expat.id == edited)
            .values(updated_at=datetime(YEAR + 9, 1, 1, tzinfo=UTC))
            .execution_options(synchronize_session=False)
        )
    privacy.anonymise_expat(database, admin, erased, version_of(database, erased), "Request")

    found = retention.retention_candidates(database, today=TODAY)

    # Every expat counts, with a case or without (Lars and Priya never had one); Wei has a case
    # open.
    assert [candidate.ref for candidate in found] == [
        "EXP-0001",
        "EXP-0002",
        "EXP-0004",
        "EXP-0005",
    ]
    jose, anna, lars, _priya = found
    assert (lars.cases, lars.last_closed, lars.last_contact) == (0, None, clock.now().date())
    assert lars.why == f"No case; last contact on {i18n.format_date(lars.last_contact)}."
    assert isinstance(jose, RetentionCandidate)
    assert (jose.id, jose.name, jose.cases) == (ids["jose"], "José García", 1)
    assert jose.last_closed == jose.last_contact == clock.now().date()
    assert (
        jose.why == f"Last case closed on {i18n.format_date(jose.last_closed)}; no contact since."
    )
    assert (anna.cases, anna.last_contact) == (2, date(YEAR + 4, 5, 1))
    assert anna.why == (
        f"Last case closed on {i18n.format_date(anna.last_closed)}; "
        f"last contact on 1 May {YEAR + 4}."
    )
    # Nobody before the period is over, and a longer period takes them out again.
    assert retention.retention_candidates(database, today=date(YEAR + 1, 1, 1)) == []
    retention.update_retention_years(database, admin, 20)
    assert retention.retention_candidates(database, today=TODAY) == []


def test_applying_retention_anonymises_those_still_past_it(
    database: Database, sample: Sample, admin: Actor
) -> None:
    ids = sample.expats
    for expat_id in (ids["jose"], ids["anna"], ids["lars"]):
        closed_case(database, expat_id)
    assert [c.ref for c in retention.retention_candidates(database, today=TODAY)] == [
        "EXP-0001",
        "EXP-0002",
        "EXP-0003",
        "EXP-0004",
        "EXP-0005",
    ]
    # Meanwhile Lars comes back to the desk.
    cases.open_case(database, SYSTEM, subject="Back again", expat_id=ids["lars"])

    result = retention.apply_retention(
        database, admin, [ids["jose"], ids["anna"], ids["lars"], ids["priya"]], today=TODAY
    )

    assert result.anonymised == ("EXP-0001", "EXP-0002", "EXP-0005")
    assert result.skipped == (ids["lars"],)
    assert result.trail_entries > 0
    with database.reading() as session:
        rows = {row.id: row for row in session.scalars(select(Expat))}
        assert rows[ids["jose"]].anonymised_at is not None
        assert rows[ids["anna"]].family_name == "Anonymised"
        assert rows[ids["lars"]].family_name == "Østergaard"
        assert rows[ids["priya"]].anonymised_at is not None  # no case, no contact for years
        reasons = [
            json.loads(changes)["erasure_reason"][1]
            for changes in session.scalars(
                select(AuditEntry.changes).where(AuditEntry.changes.like("%erasure_reason%"))
            )
        ]
        assert reasons == ["Retention period of 7 years passed"] * 3
    assert "José" not in trail_text(database)
    assert [c.ref for c in retention.retention_candidates(database, today=TODAY)] == ["EXP-0003"]
    assert retention.apply_retention(database, admin, []).anonymised == ()


# --- PostgreSQL: administrators erase through the scrub function, nobody forges -------------


@pytest.fixture
def postgres(request: pytest.FixtureRequest) -> Iterator[Database]:
    """The PostgreSQL test database, emptied, as its owner; staff logins dropped afterwards."""
    shared: Database = request.getfixturevalue("_postgres_session")
    databases.truncate_postgres(shared)
    with staff.logins_dropped(shared):
        yield shared
    databases.truncate_postgres(shared)


@pytest.mark.postgres
def test_an_administrator_erases_from_their_own_login(postgres: Database) -> None:
    sample = add_sample(postgres)
    jose = sample.expats["jose"]
    marieke = staff.add(postgres, "marieke", "administrator")
    own = open_database(staff.url_of(postgres, marieke.username))
    try:
        privacy.anonymise_expat(own, marieke, jose, version_of(own, jose), "At his request")
    finally:
        own.dispose()
    assert "José" not in trail_text(postgres)
    with postgres.reading() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
        assert (last.username, last.staff_user_id) == (marieke.username, marieke.user_id)


@pytest.mark.postgres
def test_a_managers_delete_is_cleaned_from_the_trail_by_the_owners_init(
    postgres: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = add_sample(postgres)
    wei = sample.expats["wei"]
    desk = staff.add(postgres, "bram", "manager")
    own = open_database(staff.url_of(postgres, desk.username))
    try:
        expat_records.delete_expat(own, desk, wei, version_of(own, wei))
    finally:
        own.dispose()
    # A manager may not clean the trail: the values wait for the owner.
    assert "Chen" in trail_text(postgres)

    url = postgres.url.render_as_string(hide_password=False)
    assert main(["init", "--database", url]) == 0
    assert "trail entries of deleted expats cleaned of personal data." in capsys.readouterr().out
    assert "Chen" not in trail_text(postgres)
    assert clean_deleted_trail(postgres) == 0


@pytest.mark.postgres
def test_only_the_owner_changes_or_removes_entries_of_the_register(postgres: Database) -> None:
    sample = add_sample(postgres)
    jose = sample.expats["jose"]
    privacy.anonymise_expat(postgres, SYSTEM, jose, version_of(postgres, jose), "Asked")
    marieke = staff.add(postgres, "marieke", "administrator")
    own = open_database(staff.url_of(postgres, marieke.username))
    try:
        for statement in (
            "DELETE FROM erased_person",
            "UPDATE erased_person SET ref = 'EXP-9999'",
        ):
            with own.engine.connect() as connection, pytest.raises(DBAPIError) as refused:
                connection.execute(text(statement))
            assert "only the owner may change or remove entries of the erasure register" in str(
                refused.value
            )
    finally:
        own.dispose()
    with postgres.reading() as session:
        assert set(session.scalars(select(ErasedPerson.ref))) == {"EXP-0001"}


@pytest.mark.postgres
def test_the_scrub_function_only_erases_and_only_for_administrators(postgres: Database) -> None:
    sample = add_sample(postgres)
    with postgres.reading() as session:
        entry_id, changes = session.execute(
            select(AuditEntry.id, AuditEntry.changes).where(
                AuditEntry.entity == "expat", AuditEntry.entity_id == sample.expats["jose"]
            )
        ).one()
    original = json.loads(changes or "")
    call = text("SELECT expatdesk_scrub_audit(CAST(:ids AS integer[]), CAST(:changes AS text[]))")

    def attempt(database: Database, changes: dict[str, object]) -> str:
        with database.engine.connect() as connection:
            with pytest.raises(DBAPIError) as error:
                connection.execute(call, {"ids": [entry_id], "changes": [json.dumps(changes)]})
            connection.rollback()
        return str(error.value.orig).splitlines()[0]

    anna = staff.add(postgres, "anna", "desk_officer")
    marieke = staff.add(postgres, "marieke", "administrator")
    desk = open_database(staff.url_of(postgres, anna.username))
    admin = open_database(staff.url_of(postgres, marieke.username))
    try:
        erased = {**original, "email": [None, "(erased)"]}
        assert "permission denied for function" in attempt(desk, erased)
        refused = pytest.raises(DBAPIError, match="permission denied for table audit_entry")
        with desk.engine.connect() as connection, refused:
            connection.execute(text("UPDATE audit_entry SET changes = NULL"))
        forged = {**original, "email": [None, "someone.else@example.org"]}
        assert "may only lose values" in attempt(admin, forged)
        added = {**original, "notes": [None, "(erased)"]}
        assert "may only lose values" in attempt(admin, added)
        with admin.engine.begin() as connection:
            connection.execute(call, {"ids": [entry_id], "changes": [json.dumps(erased)]})
    finally:
        desk.dispose()
        admin.dispose()
    with postgres.reading() as session:
        stored = session.scalars(select(AuditEntry.changes).where(AuditEntry.id == entry_id)).one()
    assert json.loads(stored or "") == erased
