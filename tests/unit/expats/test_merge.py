"""Merging two records of one expat, on both engines: everything moves, nothing is lost."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import func, select, text, update

from expatdesk import i18n
from expatdesk.accounts.actor import Actor, PermissionDeniedError
from expatdesk.common.concurrency import StaleRecordError
from expatdesk.common.labels import Label
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.db.models import (
    AuditEntry,
    Base,
    Case,
    CaseNote,
    ChecklistItem,
    DeliveryDocument,
    Expat,
    FamilyMember,
    Permit,
    ServiceDelivery,
    StaffUser,
    SurveyFacility,
    SurveyResponse,
    Task,
)
from expatdesk.errors import UserError
from expatdesk.expats import merge
from expatdesk.expats.merge import (
    Consent,
    Country,
    FieldComparison,
    Language,
    LinkCounts,
    merge_expats,
    merge_preview,
    shown_text,
)
from expatdesk.reports.targets import compute_targets
from tests.helpers.sample import JOSE_BSN, Sample

#: A second BSN that passes the eleven-test.
OTHER_BSN = "111222333"


@dataclass(frozen=True)
class Duplicate:
    """The second record of José García, with things linked to it."""

    id: int
    case_ids: tuple[int, ...]


@dataclass(frozen=True)
class Entry:
    action: str
    entity: str
    entity_id: int
    staff_user_id: int | None
    changes: str | None


@pytest.fixture
def anna(database: Database) -> Actor:
    """A manager: a merge deletes a record, which only managers and administrators may."""
    with database.transaction() as session:
        user = StaffUser(username="anna", display_name="Anna de Vries", role="manager")
        session.add(user)
        session.flush()
        return Actor(user.id, "anna", "Anna de Vries", "manager")


@pytest.fixture
def duplicate(database: Database, sample: Sample) -> Duplicate:
    with database.transaction() as session:
        item = session.scalars(
            select(ChecklistItem).where(ChecklistItem.service_code == "permit_hsm")
        ).first()
        assert item is not None
        expat = Expat(
            expat_ref="EXP-0010",
            given_name="Jose",
            family_name="Garcia Lopez",
            date_of_birth=date(1990, 4, 12),
            nationality="ES",
            email="jose@thales.example",
            phone="+31 6 9999 0000",
            bsn=OTHER_BSN,
            employer_id=sample.employers["thales"],
            category_code="knowledge_migrant",
            arrival_date=date(2026, 10, 1),
            municipality_code="enschede",
            preferred_language="en",
            survey_consent=False,
            notes="Registered at the welcome event.",
        )
        expat.family = [FamilyMember(relation="child", given_name="Inés", family_name="García")]
        expat.permits = [Permit(permit_type_code="hsm", valid_until=date(2027, 1, 31))]
        session.add(expat)
        session.flush()
        permit_case = Case(
            case_ref="CASE-0100",
            subject="Highly skilled migrant permit",
            expat_id=expat.id,
            opened_on=date(2026, 10, 2),
            notes=[CaseNote(text="Passport copied.")],
            tasks=[Task(title="Send the application", due_date=date(2026, 10, 20))],
        )
        housing_case = Case(
            case_ref="CASE-0101",
            subject="Housing",
            expat_id=expat.id,
            employer_id=sample.employers["thales"],
            opened_on=date(2026, 10, 5),
        )
        session.add_all([permit_case, housing_case])
        session.flush()
        delivery = ServiceDelivery(
            service_ref="SRV-0100",
            service_code="permit_hsm",
            delivered_on=date(2026, 10, 15),
            expat_id=expat.id,
            case_id=permit_case.id,
        )
        delivery.documents = [DeliveryDocument(checklist_item_id=item.id)]
        session.add_all(
            [
                delivery,
                ServiceDelivery(
                    service_ref="SRV-0101",
                    service_code="housing",
                    delivered_on=date(2026, 10, 6),
                    expat_id=expat.id,
                ),
                ServiceDelivery(
                    service_ref="SRV-0102",
                    service_code="digid",
                    delivered_on=date(2025, 3, 6),
                    expat_id=expat.id,
                ),
            ]
        )
        for number, (on, grade, leaving) in enumerate(
            [(date(2026, 11, 1), 8, "no"), (date(2025, 5, 1), 6, "yes")]
        ):
            response = SurveyResponse(
                response_ref=f"RSP-010{number}",
                respondent_type="expat",
                expat_id=expat.id,
                responded_on=on,
                score_service=grade,
                intends_to_leave=leaving,
            )
            response.facilities = [SurveyFacility(facility_code="expat_centre")]
            session.add(response)
        session.flush()
        return Duplicate(expat.id, (permit_case.id, housing_case.id))


def table_counts(database: Database) -> dict[str, int]:
    """The number of rows in every table."""
    with database.reading() as session:
        return {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def linked_counts(database: Database, expat_id: int) -> dict[str, int]:
    """The rows of every table that refer to ``expat_id``, found in the schema."""
    expat_id_column = Expat.__table__.c.id
    counts: dict[str, int] = {}
    with database.reading() as session:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if any(key.column is expat_id_column for key in column.foreign_keys):
                    counts[f"{table.name}.{column.name}"] = session.execute(
                        select(func.count()).select_from(table).where(column == expat_id)
                    ).scalar_one()
    return counts


def versions(database: Database, *expat_ids: int) -> list[int]:
    with database.reading() as session:
        return [session.get_one(Expat, expat_id).version for expat_id in expat_ids]


def merge_all(
    database: Database, actor: Actor, keep: int, drop: int, take: frozenset[str] = frozenset()
) -> None:
    keep_version, drop_version = versions(database, keep, drop)
    merge_expats(database, actor, keep, keep_version, drop, drop_version, take)


# --- the preview ------------------------------------------------------------------------------


def test_preview_shows_both_records_what_differs_and_what_moves(
    database: Database, sample: Sample, duplicate: Duplicate
) -> None:
    jose = sample.expats["jose"]
    preview = merge_preview(database, jose, duplicate.id)
    assert (preview.keep.id, preview.keep.ref, preview.keep.name, preview.keep.version) == (
        jose,
        "EXP-0001",
        "José García",
        1,
    )
    assert (preview.drop.ref, preview.drop.name) == ("EXP-0010", "Jose Garcia Lopez")
    assert preview.keep.links == LinkCounts(family_members=2, permits=1)
    assert preview.drop.links == LinkCounts(
        cases=2, service_deliveries=3, survey_responses=2, family_members=1, permits=1
    )
    assert preview.moving.total == 9
    fields = {field.field: field for field in preview.fields}
    assert tuple(fields) == merge.MERGE_FIELDS
    assert fields["bsn"] == FieldComparison("bsn", "*****6782", "*****2333", True)
    assert fields["date_of_birth"] == FieldComparison(
        "date_of_birth", date(1990, 4, 12), date(1990, 4, 12), False
    )
    assert fields["nationality"] == FieldComparison(
        "nationality", Country("ES"), Country("ES"), False
    )
    assert fields["employer_id"] == FieldComparison(
        "employer_id", "Thales Nederland", "Thales Nederland", False
    )
    assert fields["municipality_code"].keep == Label("hengelo", "Hengelo", "Hengelo")
    assert fields["preferred_language"] == FieldComparison(
        "preferred_language", Language("es"), Language("en"), True
    )
    assert fields["survey_consent"] == FieldComparison(
        "survey_consent", Consent(True, date(2026, 11, 27)), Consent(False, None), True
    )
    assert preview.differing == (
        "given_name",
        "family_name",
        "email",
        "phone",
        "bsn",
        "education_level_code",
        "arrival_date",
        "municipality_code",
        "preferred_language",
        "survey_consent",
        "notes",
    )


def test_preview_texts_in_the_active_language(
    database: Database, sample: Sample, duplicate: Duplicate
) -> None:
    preview = merge_preview(database, sample.expats["jose"], duplicate.id)
    fields = {field.field: field for field in preview.fields}
    assert fields["arrival_date"].label == "Arrival"
    assert shown_text(fields["arrival_date"].drop) == "1 Oct 2026"
    assert shown_text(fields["nationality"].keep) == "Spain"
    assert shown_text(fields["preferred_language"].drop) == "English"
    assert shown_text(fields["survey_consent"].keep) == "Yes, since 27 Nov 2026"
    assert shown_text(fields["survey_consent"].drop) == "No"
    assert shown_text(fields["education_level_code"].drop) == ""
    with i18n.using("nl"):
        assert shown_text(fields["arrival_date"].drop) == "1 okt 2026"
        assert shown_text(fields["nationality"].keep) == "Spanje"
        assert shown_text(fields["preferred_language"].drop) == "Engels"


def test_preview_of_a_record_with_itself_or_a_deleted_one_is_refused(
    database: Database, sample: Sample
) -> None:
    jose = sample.expats["jose"]
    with pytest.raises(UserError, match="cannot be merged with itself"):
        merge_preview(database, jose, jose)
    with pytest.raises(UserError, match="no longer exists"):
        merge_preview(database, jose, 987654)


# --- merging ----------------------------------------------------------------------------------


def test_everything_linked_moves_and_nothing_is_lost(
    database: Database, sample: Sample, duplicate: Duplicate, anna: Actor
) -> None:
    jose = sample.expats["jose"]
    tables_before = table_counts(database)
    keep_before = linked_counts(database, jose)
    drop_before = linked_counts(database, duplicate.id)
    assert sum(drop_before.values()) == 9

    merge_all(database, anna, jose, duplicate.id)

    keep_after = linked_counts(database, jose)
    assert keep_after == {link: keep_before[link] + drop_before[link] for link in keep_before}
    assert sum(linked_counts(database, duplicate.id).values()) == 0
    tables_after = table_counts(database)
    assert tables_after.pop("expat") == tables_before.pop("expat") - 1
    assert tables_after.pop("audit_entry") > tables_before.pop("audit_entry")
    assert tables_after == tables_before  # notes, tasks, documents, facilities: all still there
    with database.reading() as session:
        assert session.get(Expat, duplicate.id) is None
        assert set(session.scalars(select(Case.id).where(Case.expat_id == jose))) == set(
            duplicate.case_ids
        )


def test_kept_fields_stay_unless_taken_from_the_dropped_record(
    database: Database, sample: Sample, duplicate: Duplicate, anna: Actor
) -> None:
    jose = sample.expats["jose"]
    merge_all(
        database,
        anna,
        jose,
        duplicate.id,
        frozenset({"email", "bsn", "phone", "municipality_code", "notes"}),
    )
    with database.reading() as session:
        kept = session.get_one(Expat, jose)
        assert (kept.given_name, kept.family_name) == ("José", "García")
        assert kept.email == "jose@thales.example"
        assert kept.bsn == OTHER_BSN  # unique: it could move only once the other record was gone
        assert kept.phone == "+31 6 9999 0000"
        assert kept.municipality_code == "enschede"
        assert kept.notes == "Registered at the welcome event."
        assert kept.preferred_language == "es"
        assert kept.arrival_date == date(2026, 11, 26)
        assert (kept.survey_consent, kept.survey_consent_date) == (True, date(2026, 11, 27))
        assert kept.version == 2
        assert "jose@thales.example" in kept.search_key
        assert session.scalars(select(Expat.id).where(Expat.bsn == JOSE_BSN)).all() == []


def test_taking_the_survey_consent_brings_its_date(
    database: Database, sample: Sample, duplicate: Duplicate, anna: Actor
) -> None:
    jose = sample.expats["jose"]
    merge_all(database, anna, duplicate.id, jose, frozenset({"survey_consent"}))
    with database.reading() as session:
        kept = session.get_one(Expat, duplicate.id)
        assert (kept.survey_consent, kept.survey_consent_date) == (True, date(2026, 11, 27))
        assert kept.email == "jose@thales.example"


def test_moved_cases_are_found_by_the_kept_name(
    database: Database, sample: Sample, duplicate: Duplicate, anna: Actor
) -> None:
    with database.transaction() as session:
        session.execute(
            update(Case)
            .where(Case.id.in_(duplicate.case_ids))
            .values(search_key="case-0100 jose garcia lopez")
        )
    merge_all(database, anna, sample.expats["jose"], duplicate.id)
    with database.reading() as session:
        keys = session.scalars(select(Case.search_key).where(Case.id.in_(duplicate.case_ids)))
        for key in keys:
            assert "jose garcia" in key
            assert "lopez" not in key


def test_the_trail_names_the_merge_and_every_moved_row(
    database: Database, sample: Sample, duplicate: Duplicate, anna: Actor
) -> None:
    jose = sample.expats["jose"]
    merge_all(database, anna, jose, duplicate.id, frozenset({"email"}))
    with database.reading() as session:
        entries = [
            Entry(row.action, row.entity, row.entity_id, row.staff_user_id, row.changes)
            for row in session.scalars(
                select(AuditEntry).where(AuditEntry.username == "anna").order_by(AuditEntry.id)
            )
        ]
    merged = [
        entry
        for entry in entries
        if entry.entity == "expat"
        and entry.entity_id == jose
        and "merged_from" in json.loads(entry.changes or "{}")
    ]
    assert len(merged) == 1
    assert merged[0].action == "update"
    assert merged[0].staff_user_id == anna.user_id
    assert json.loads(merged[0].changes or "") == {"merged_from": [None, "EXP-0010"]}
    deleted = [entry for entry in entries if entry.action == "delete"]
    assert [(entry.entity, entry.entity_id) for entry in deleted] == [("expat", duplicate.id)]
    assert json.loads(deleted[0].changes or "")["bsn"] == ["*****2333", None]
    moved = {
        (entry.entity, json.dumps(json.loads(entry.changes or "")["expat_id"]))
        for entry in entries
        if entry.action == "update" and "expat_id" in json.loads(entry.changes or "{}")
    }
    link = json.dumps([duplicate.id, jose])
    assert moved == {
        ("case", link),
        ("service_delivery", link),
        ("survey_response", link),
        ("family_member", link),
        ("permit", link),
    }
    assert sum(1 for entry in entries if "expat_id" in (entry.changes or "")) == 9
    email = [
        json.loads(entry.changes or "")["email"]
        for entry in entries
        if entry.action == "update" and "email" in json.loads(entry.changes or "{}")
    ]
    assert email == [["jose.garcia@example.es", "jose@thales.example"]]


def test_report_figures_are_unchanged_by_a_merge(
    database: Database, sample: Sample, duplicate: Duplicate, anna: Actor
) -> None:
    before = compute_targets(database, 2025, 2026).to_json()
    # Thales used the centre in 2026 through the duplicate's deliveries; its expats answered.
    assert (before["N"][1]["year"], before["N"][1]["numerator"]) == (2026, 1)
    assert [year["service"]["n"] for year in before["P"]] == [1, 1]
    merge_all(database, anna, sample.expats["jose"], duplicate.id, frozenset({"phone"}))
    assert compute_targets(database, 2025, 2026).to_json() == before


# --- refusals ---------------------------------------------------------------------------------


def test_a_desk_officer_may_not_merge(
    database: Database, sample: Sample, duplicate: Duplicate
) -> None:
    desk = Actor(None, "carla", "Carla Smit", "desk_officer")
    before = table_counts(database)
    with pytest.raises(
        PermissionDeniedError, match="Only managers and administrators may delete expats"
    ):
        merge_all(database, desk, sample.expats["jose"], duplicate.id)
    assert table_counts(database) == before


def test_a_record_is_not_merged_with_itself(
    database: Database, sample: Sample, anna: Actor
) -> None:
    jose = sample.expats["jose"]
    before = table_counts(database)
    with pytest.raises(
        UserError,
        match=re.escape("A record cannot be merged with itself; choose another expat."),
    ):
        merge_expats(database, anna, jose, 1, jose, 1, frozenset())
    assert table_counts(database) == before


@pytest.mark.parametrize("changed", ["keep", "drop"])
def test_a_stale_record_refuses_the_merge_and_nothing_changes(
    database: Database, sample: Sample, duplicate: Duplicate, anna: Actor, changed: str
) -> None:
    jose = sample.expats["jose"]
    preview = merge_preview(database, jose, duplicate.id)
    with database.transaction(anna) as session:
        record = session.get_one(Expat, jose if changed == "keep" else duplicate.id)
        record.phone = "+31 53 000 0000"
    before = table_counts(database)
    with pytest.raises(StaleRecordError, match=r"anna changed this record on .* \(Phone\)"):
        merge_expats(
            database,
            anna,
            jose,
            preview.keep.version,
            duplicate.id,
            preview.drop.version,
            frozenset({"email"}),
        )
    assert table_counts(database) == before
    assert sum(linked_counts(database, duplicate.id).values()) == 9


def test_a_deleted_record_refuses_the_merge(
    database: Database, sample: Sample, anna: Actor
) -> None:
    priya = sample.expats["priya"]
    preview = merge_preview(database, sample.expats["anna"], priya)
    with database.transaction() as session:
        session.delete(session.get_one(Expat, priya))
    with pytest.raises(
        StaleRecordError, match=re.escape("This record was deleted by someone else.")
    ):
        merge_expats(
            database,
            anna,
            sample.expats["anna"],
            preview.keep.version,
            priya,
            preview.drop.version,
            frozenset(),
        )


def test_choices_that_do_not_fit_together_are_refused(
    database: Database, sample: Sample, duplicate: Duplicate, anna: Actor
) -> None:
    with database.transaction() as session:
        record = session.get_one(Expat, duplicate.id)
        record.date_of_birth = None
        record.arrival_date = date(1989, 6, 1)
    before = table_counts(database)
    with pytest.raises(ValidationError) as raised:
        merge_all(database, anna, sample.expats["jose"], duplicate.id, frozenset({"arrival_date"}))
    assert raised.value.for_field("arrival_date") == (
        "With these choices the arrival would not lie after the date of birth."
    )
    assert table_counts(database) == before


def test_a_departure_before_the_arrival_is_refused(
    database: Database, sample: Sample, duplicate: Duplicate, anna: Actor
) -> None:
    with database.transaction() as session:
        session.get_one(Expat, duplicate.id).departure_date = date(2026, 11, 1)
    with pytest.raises(ValidationError) as raised:
        merge_all(
            database, anna, sample.expats["jose"], duplicate.id, frozenset({"departure_date"})
        )
    assert raised.value.for_field("departure_date") == (
        "With these choices the departure would lie before the arrival."
    )


def test_an_anonymised_record_is_not_merged(
    database: Database, sample: Sample, duplicate: Duplicate, anna: Actor
) -> None:
    with database.transaction() as session:
        session.execute(
            text("UPDATE expat SET anonymised_at = created_at WHERE id = :id"),
            {"id": duplicate.id},
        )
    with pytest.raises(UserError, match=re.escape("An anonymised record cannot be merged.")):
        merge_all(database, anna, sample.expats["jose"], duplicate.id)
    assert sum(linked_counts(database, duplicate.id).values()) == 9


def test_unknown_fields_are_a_programming_error(
    database: Database, sample: Sample, duplicate: Duplicate, anna: Actor
) -> None:
    with pytest.raises(ValueError, match="expat_ref"):
        merge_all(database, anna, sample.expats["jose"], duplicate.id, frozenset({"expat_ref"}))


def test_a_role_without_client_work_may_not_merge(
    database: Database, sample: Sample, duplicate: Duplicate
) -> None:
    stranger = Actor(None, "kiosk", "Kiosk", "kiosk")
    with pytest.raises(PermissionDeniedError, match="may not work with client records"):
        merge_all(database, stranger, sample.expats["jose"], duplicate.id)
    assert sum(linked_counts(database, duplicate.id).values()) == 9


def test_the_links_are_found_in_the_models() -> None:
    assert {(link.table, link.column.key) for link in merge.expat_links()} == {
        ("case_file", "expat_id"),
        ("service_delivery", "expat_id"),
        ("survey_response", "expat_id"),
        ("family_member", "expat_id"),
        ("permit", "expat_id"),
    }


# --- finding the other record -----------------------------------------------------------------


def test_find_expats_by_name_without_the_kept_record(
    database: Database, sample: Sample, duplicate: Duplicate
) -> None:
    jose = sample.expats["jose"]
    found = merge.find_expats(database, "garcia", exclude_id=jose)
    assert [(choice.id, choice.ref, choice.name) for choice in found] == [
        (duplicate.id, "EXP-0010", "Jose Garcia Lopez")
    ]
    assert found[0].date_of_birth == date(1990, 4, 12)
    assert found[0].email == "jose@thales.example"
    both = merge.find_expats(database, "jose", exclude_id=sample.expats["anna"])
    assert [choice.ref for choice in both] == ["EXP-0001", "EXP-0010"]  # García, Garcia Lopez
    assert merge.find_expats(database, "  ", exclude_id=jose) == []
    assert merge.find_expats(database, "garcia", exclude_id=jose, limit=0) == []


def test_find_expats_by_ref_finds_that_record_alone(
    database: Database, sample: Sample, duplicate: Duplicate
) -> None:
    found = merge.find_expats(database, " exp-0010 ", exclude_id=sample.expats["anna"])
    assert [choice.ref for choice in found] == ["EXP-0010"]
    assert merge.find_expats(database, "EXP-0010", exclude_id=duplicate.id) == []


def test_find_expats_leaves_out_anonymised_records(
    database: Database, sample: Sample, duplicate: Duplicate
) -> None:
    with database.transaction() as session:
        session.execute(
            text("UPDATE expat SET anonymised_at = created_at WHERE id = :id"),
            {"id": duplicate.id},
        )
    assert merge.find_expats(database, "garcia", exclude_id=sample.expats["jose"]) == []


def test_expat_choice(database: Database, sample: Sample) -> None:
    choice = merge.expat_choice(database, sample.expats["lars"])
    assert choice is not None
    assert (choice.ref, choice.name) == ("EXP-0004", "Lars Østergaard")
    assert merge.expat_choice(database, 987654) is None
