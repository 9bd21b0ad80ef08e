"""Subject access on both engines: everything held about one expat, the BSN in full and its
viewing in the trail, and the JSON and PDF written side by side."""

from __future__ import annotations

import io
import json
import os
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from expatdesk.accounts.actor import SYSTEM, Actor, PermissionDeniedError
from expatdesk.cases import deliveries
from expatdesk.cases import tasks as case_tasks
from expatdesk.cases import workflow as cases
from expatdesk.db.database import Database
from expatdesk.db.models import AuditEntry, SurveyFacility, SurveyResponse
from expatdesk.errors import UserError
from expatdesk.expats import forms as expat_forms
from expatdesk.expats import write as expat_records
from expatdesk.privacy import subject_access
from expatdesk.privacy.subject_access import export_subject_access, suggested_file_name
from tests.helpers.sample import JOSE_BSN, Sample
from tests.unit.privacy.test_privacy import staff_actor


@pytest.fixture
def jose(database: Database, sample: Sample) -> int:
    """José with a case (a note, a task, a service), a walk-in and a survey response."""
    jose = sample.expats["jose"]
    desk = staff_actor(database, "anna", "desk_officer", "Anna de Vries")
    case_id = cases.open_case(
        database,
        desk,
        subject="Residence permit",
        expat_id=jose,
        owner_id=desk.user_id,
        services=["permit_hsm"],
        opened_on=date(2026, 11, 20),
        today=date(2026, 11, 26),
    )
    cases.add_note(database, desk, case_id, "Passport expires in March.")
    case_tasks.add_task(
        database, desk, case_id, "Copy of the passport", date(2026, 12, 1), today=date(2026, 11, 26)
    )
    deliveries.record_walk_in(
        database,
        desk,
        "housing",
        date(2026, 11, 25),
        expat_id=jose,
        notes="Flat in Hengelo",
        today=date(2026, 11, 26),
    )
    with database.transaction() as session:
        response = SurveyResponse(
            response_ref="RSP-1",
            respondent_type="expat",
            expat_id=jose,
            responded_on=date(2026, 11, 25),
            score_service=9,
            intends_to_leave="unsure",
        )
        response.facilities = [SurveyFacility(facility_code="language_course")]
        session.add(response)
    return jose


def test_everything_held_about_one_expat(database: Database, sample: Sample, jose: int) -> None:
    desk = staff_actor(database, "bram", "desk_officer", "Bram Kok")

    data = subject_access.subject_access(database, desk, jose)

    assert (data["format"], data["format_version"], data["language"]) == (
        "expatdesk-subject-access",
        1,
        "en",  # José prefers Spanish: the PDF is in English
    )
    assert data["centre"] == "Expat Center Twente"
    assert data["generated_by"] == "Bram Kok"
    person = data["person"]
    assert person["given_name"] == "José"
    assert person["bsn"] == JOSE_BSN  # in full: it is his own data
    assert person["date_of_birth"] == "1990-04-12"
    assert person["employer"] == {"ref": "EMP-0001", "name": "Thales Nederland"}
    assert person["category"] == {
        "code": "knowledge_migrant",
        "en": "Highly skilled migrant",
        "nl": "Kennismigrant",
    }
    assert data["consent"] == {"survey_contact": True, "since": "2026-11-27"}
    assert [member["given_name"] for member in data["family_members"]] == ["Lucía", "Mateo"]
    assert data["family_members"][1]["school"] == "International School Twente"
    assert [permit["number"] for permit in data["permits"]] == ["NL-2026-0001"]
    (case,) = data["cases"]
    assert (case["subject"], case["status"], case["owner"]) == (
        "Residence permit",
        "new",
        "Anna de Vries",
    )
    assert [(note["author"], note["text"]) for note in case["notes"]] == [
        ("Anna de Vries", "Passport expires in March.")
    ]
    assert [(task["title"], task["due_date"]) for task in case["tasks"]] == [
        ("Copy of the passport", "2026-12-01")
    ]
    assert [
        (delivery["service"]["code"], delivery["delivered_on"], delivery["case"], delivery["notes"])
        for delivery in data["service_deliveries"]
    ] == [
        ("permit_hsm", "2026-11-20", case["ref"], None),
        ("housing", "2026-11-25", None, "Flat in Hengelo"),
    ]
    (response,) = data["survey_responses"]
    assert (response["score_service"], response["intends_to_leave"]) == (9, "unsure")
    assert [used["code"] for used in response["facilities_used"]] == ["language_course"]
    json.dumps(data)  # all of it is JSON

    trail = data["audit_trail"]
    records = {(entry["record"], entry["action"]) for entry in trail}
    assert {
        ("expat", "create"),
        ("family_member", "create"),
        ("permit", "create"),
        ("case", "create"),
        ("case_note", "create"),
        ("task", "create"),
        ("service_delivery", "create"),
        ("survey_response", "create"),
        ("expat", "view_bsn"),
    } <= records
    assert all(JOSE_BSN not in json.dumps(entry) for entry in trail)  # the trail keeps it masked
    last = trail[-1]
    assert (last["action"], last["by"], last["changes"]) == (
        "view_bsn",
        "Bram Kok",
        {"purpose": [None, "subject_access"]},
    )
    created = next(entry for entry in trail if entry["action"] == "create")
    assert "BSN: *****6782" in created["details"]
    assert "Employer: Thales Nederland" in created["details"]
    others = json.dumps(trail, ensure_ascii=False)
    assert "Müller" not in others  # nobody else's records


def test_viewing_the_bsn_is_written_into_the_trail(
    database: Database, sample: Sample, jose: int
) -> None:
    def views() -> list[tuple[str, int, str | None]]:
        with database.reading() as session:
            return [
                (row.username, row.entity_id, row.changes)
                for row in session.scalars(
                    select(AuditEntry).where(AuditEntry.action == "view_bsn")
                )
            ]

    subject_access.subject_access(database, SYSTEM, jose)
    assert views() == [("system", jose, '{"purpose": [null, "subject_access"]}')]
    subject_access.subject_access(database, SYSTEM, sample.expats["anna"])  # she has no BSN
    assert len(views()) == 1


def test_only_staff_with_a_role_export_and_a_missing_expat_is_told(
    database: Database, jose: int
) -> None:
    nobody = Actor(None, "guest", "Guest", "visitor")
    with pytest.raises(PermissionDeniedError):
        subject_access.subject_access(database, nobody, jose)
    with pytest.raises(UserError, match=re.escape("This expat no longer exists.")):
        subject_access.subject_access(database, SYSTEM, 999_999)
    assert suggested_file_name(database, jose) == "EXP-0001-personal-data.pdf"


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_export_writes_the_pdf_and_the_json_beside_it(
    database: Database, sample: Sample, jose: int, tmp_path: Path
) -> None:
    form = expat_forms.load_expat_form(database, jose)
    assert form is not None
    assert form.version is not None
    expat_records.update_expat(
        database, SYSTEM, jose, form.version, replace(form, preferred_language="nl")
    )

    folder = tmp_path / "out"
    folder.mkdir()
    written = export_subject_access(database, SYSTEM, jose, folder / "José export")

    assert written.pdf == folder / "José export.pdf"
    assert written.json == folder / "José export.json"
    assert written.language == "nl"
    assert sorted(os.listdir(folder)) == ["José export.json", "José export.pdf"]
    data = json.loads(written.json.read_text(encoding="utf-8"))
    assert data["person"]["bsn"] == JOSE_BSN
    assert data["language"] == "nl"
    text = pdf_text(written.pdf)
    for expected in (
        "José García",
        JOSE_BSN,
        "jose.garcia@example.es",
        "Lucía Pérez",
        "NL-2026-0001",
        "Passport expires in March.",
        "Copy of the passport",
        "Flat in Hengelo",
        "Taalcursus",  # the facility in Dutch
        "Gezinsleden",  # the person's language: Dutch headings
    ):
        assert expected in text, expected
    reader = PdfReader(io.BytesIO(written.pdf.read_bytes()))
    assert reader.metadata is not None
    assert "José García" in str(reader.metadata.title)
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert all("DejaVu" in font for font in fonts), fonts


def test_nothing_is_left_behind_when_the_folder_cannot_be_written(
    database: Database, jose: int, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "out.json").mkdir()  # the JSON cannot take its name: neither file appears
    with pytest.raises(UserError, match="Cannot write"):
        export_subject_access(database, SYSTEM, jose, folder / "out.pdf")
    assert os.listdir(folder) == ["out.json"]
    with pytest.raises(UserError, match="Cannot write"):
        export_subject_access(database, SYSTEM, jose, tmp_path / "missing" / "out.pdf")
    assert not (tmp_path / "missing").exists()
