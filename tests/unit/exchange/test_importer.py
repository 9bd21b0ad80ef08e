"""Importing: every rule of data-exchange.md, all or nothing, idempotent, honest counts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from expatdesk.accounts.actor import SYSTEM, Actor, PermissionDeniedError
from expatdesk.db.database import Database
from expatdesk.db.models import Employer, Expat, SurveyFacility, SurveyResponse
from expatdesk.errors import UserError
from expatdesk.exchange import Counts, apply_import, import_file, importer, prepare_import
from tests.unit.exchange.util import EMPLOYERS, EXPATS, counts, load, messages, write


@pytest.fixture
def people(database: Database, tmp_path: Path) -> Database:
    """Two employers and two expats, imported."""
    load(database, tmp_path, "employers", EMPLOYERS)
    load(database, tmp_path, "expats", EXPATS)
    return database


SURVEY_HEAD = "response_ref,respondent_type,respondent_ref,date,score_service,score_added_value,intends_to_leave,facilities_used\n"  # noqa: E501
SERVICE_HEAD = "service_ref,expat_ref,employer_ref,service_code,date,case_ref,notes\n"

BROKEN = [
    # (kind, file, the one error expected)
    ("employers", "employer_ref,name,high_tech,colour\nE,N,yes,red\n",
     "row 1, column colour: unknown column"),
    ("employers", "employer_ref,high_tech\nE,yes\n",
     "row 1, column name: this required column is missing"),
    ("employers", "employer_ref,name,high_tech,name\nE,N,yes,M\n",
     "row 1, column name: the column appears more than once"),
    ("employers", "employer_ref,name,high_tech\nE,,yes\n",
     "row 2, column name: a value is required"),
    ("employers", "employer_ref,name,high_tech\nE,N,maybe\n",
     "row 2, column high_tech: 'maybe' is not yes or no"),
    ("employers", "employer_ref,name,high_tech,kvk_number\nE,N,yes,1234567\n",
     "row 2, column kvk_number: '1234567' is not a KvK number of 8 digits"),
    ("employers", "employer_ref,name,high_tech,kvk_number\nE,N,yes,06035234\n",
     "row 2, column kvk_number: 06035234 belongs to EMP-1 in the database already"),
    ("employers", "employer_ref,name,high_tech,municipality\nE,N,yes,Amsterdam\n",
     "row 2, column municipality: 'Amsterdam' is no municipality of Twente"),
    ("employers", "employer_ref,name,high_tech\nE,N,yes\nF,N,no\nE,M,no\n",
     "row 4, column employer_ref: E appears already in row 2"),
    ("employers", "employer_ref,name,high_tech\nE,N,yes,extra\n",
     "row 2: 4 cells, but the header has 3 columns"),
    ("employers", "employer_ref,name,high_tech\nE,N\n",
     "row 2: 2 cells, but the header has 3 columns"),
    ("hiring", "employer_ref,year,international_hires\nEMP-9,2015,3\n",
     "row 2, column employer_ref: 'EMP-9' names no record in the database"),
    ("hiring", "employer_ref,year,international_hires\nEMP-1,2015,-3\n",
     "row 2, column international_hires: -3 is not between 0 and 1000000000"),
    ("hiring", "employer_ref,year,international_hires\nEMP-1,2015,3\nEMP-1,2015,4\n",
     "row 3, column employer_ref: EMP-1 / 2015 appears already in row 2"),
    ("expats", "expat_ref,given_name,family_name,nationality\nX,A,B,XX\n",
     "row 2, column nationality: 'XX' is not an ISO 3166-1 alpha-2 country code"),
    ("expats", "expat_ref,given_name,family_name,preferred_language\nX,A,B,dutch\n",
     "row 2, column preferred_language: 'dutch' is not an ISO 639-1 language code"),
    ("expats", "expat_ref,given_name,family_name,category\nX,A,B,tourist\n",
     "row 2, column category: 'tourist' is not a known code"),
    ("expats", "expat_ref,given_name,family_name,education_level\nX,A,B,mba\n",
     "row 2, column education_level: 'mba' is not a known code"),
    ("expats", "expat_ref,given_name,family_name,date_of_birth\nX,A,B,1990-02-30\n",
     "row 2, column date_of_birth: '1990-02-30' is not a date that exists"),
    ("expats", "expat_ref,given_name,family_name,arrival_date,departure_date\nX,A,B,2015-01-02,01-01-2015\n",  # noqa: E501
     "row 2, column departure_date: the departure date is before the arrival date"),
    ("expats", "expat_ref,given_name,family_name\nX,A\u0007nna,B\n",
     "row 2, column given_name: holds the invisible or control character U+0007 (character 2)"),
    ("expats", "expat_ref,given_name,family_name\nX,Anna,\u202eB\n",
     "row 2, column family_name: holds the invisible or control character U+202E (character 1)"),
    ("employers", "employer_ref,name,high_tech\nE,Tha\u200bles,yes\n",
     "row 2, column name: holds the invisible or control character U+200B (character 4)"),
    ("expats", "expat_ref,given_name,family_name,employer_ref\nX,A,B,EMP-404\n",
     "row 2, column employer_ref: 'EMP-404' names no record in the database"),
    ("services", SERVICE_HEAD + "S1,,,housing,2015-01-01,,\n",
     "row 2, column expat_ref: give an expat_ref, an employer_ref or both"),
    ("services", SERVICE_HEAD + "S1,EX-1,,teleport,2015-01-01,,\n",
     "row 2, column service_code: 'teleport' is not a known code"),
    ("services", SERVICE_HEAD + "S1,EX-1,,housing,2015-01-01,CAS-1,\n",
     "row 2, column case_ref: 'CAS-1' names no record in the database"),
    ("surveys", SURVEY_HEAD + "R1,visitor,,2015-01-01,7,,,\n",
     "row 2, column respondent_type: 'visitor' is neither expat nor employer"),
    ("surveys", SURVEY_HEAD + "R1,expat,EX-404,2015-01-01,7,,,\n",
     "row 2, column respondent_ref: 'EX-404' names no record in the database"),
    ("surveys", SURVEY_HEAD + "R1,expat,EMP-1,2015-01-01,7,,,\n",
     "row 2, column respondent_ref: 'EMP-1' names no record in the database"),
    ("surveys", SURVEY_HEAD + "R1,expat,,2015-01-01,11,,,\n",
     "row 2, column score_service: 11 is not between 1 and 10"),
    ("surveys", SURVEY_HEAD + "R1,expat,,2015-01-01,7,8,,\n",
     "row 2, column score_added_value: only employers grade the added value"),
    ("surveys", SURVEY_HEAD + "R1,employer,EMP-1,2015-01-01,7,8,no,\n",
     "row 2, column intends_to_leave: only expats answer whether they intend to leave"),
    ("surveys", SURVEY_HEAD + "R1,expat,,2015-01-01,7,,perhaps,\n",
     "row 2, column intends_to_leave: 'perhaps' is not yes, no or unsure"),
    ("surveys", SURVEY_HEAD + "R1,expat,,2015-01-01,7,,,expat_centre|spa\n",
     "row 2, column facilities_used: 'spa' is not a known code"),
    ("surveys", SURVEY_HEAD + "R1,expat,,2015/01/01,7,,,\n",
     "row 2, column date: '2015/01/01' is not a date"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "text", "expected"), BROKEN)
def test_a_broken_rule_names_row_column_and_problem_and_writes_nothing(
    people: Database, tmp_path: Path, kind: str, text: str, expected: str
) -> None:
    # A valid row before the broken one must not be written either.
    before = counts(people)
    plan = import_file(people, SYSTEM, kind, write(tmp_path, text, "broken.csv"))
    assert len(plan.errors) == 1, messages(plan)
    assert messages(plan)[0].startswith(expected)
    assert counts(people) == before
    with pytest.raises(UserError, match="nothing was imported"):
        apply_import(people, SYSTEM, plan)


def test_every_error_is_reported_and_valid_rows_are_not_written(
    people: Database, tmp_path: Path
) -> None:
    text = SURVEY_HEAD + (
        "R1,expat,EX-1,2015-01-01,7,,no,\n"
        "R2,expat,,2015-01-01,0,,,\n"
        "R3,employer,EMP-1,2015-01-01,7,12,,\n"
        "R4,expat,EX-2,2015-01-01,7,,ja,\n"
    )
    before = counts(people)
    plan = import_file(people, SYSTEM, "surveys", write(tmp_path, text))
    assert messages(plan) == [
        "row 3, column score_service: 0 is not between 1 and 10",
        "row 4, column score_added_value: 12 is not between 1 and 10",
    ]
    assert counts(people) == before
    assert plan.inserts == []


def test_the_check_stops_after_a_thousand_errors(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "MAX_ERRORS", 5)
    monkeypatch.setattr(importer, "ROW_BATCH", 4)
    text = "expat_ref,given_name,family_name\n" + "X,,B\n" * 50
    plan = prepare_import(database, "expats", write(tmp_path, text))
    assert len(plan.errors) == 6
    assert messages(plan)[-1] == "row 5: the check stopped here after 5 errors; correct these first"


def test_headers_in_any_order_case_and_spacing(people: Database, tmp_path: Path) -> None:
    text = " Name ;HIGH_TECH; employer_REF \nNieuw B.V.;ja;EMP-3\n"
    plan = load(people, tmp_path, "employers", text)
    assert plan.counts == Counts(added=1)
    assert plan.columns == ("name", "high_tech", "employer_ref")


def test_a_file_with_only_its_header_imports_nothing(database: Database, tmp_path: Path) -> None:
    """The export of an empty table re-imports: no records, no error."""
    plan = load(database, tmp_path, "employers", "employer_ref,name,high_tech\n")
    assert plan.errors == []
    assert plan.counts == Counts()


def test_added_updated_unchanged_and_idempotent(people: Database, tmp_path: Path) -> None:
    changed = EMPLOYERS.replace("Thales Nederland", "Thales NL") + "EMP-3,New,,no,,,,\n"
    plan = load(people, tmp_path, "employers", changed)
    assert plan.counts == Counts(added=1, updated=1, unchanged=1)
    again = load(people, tmp_path, "employers", changed)
    assert again.counts == Counts(unchanged=3)
    with people.reading() as session:
        thales = session.scalars(select(Employer).where(Employer.employer_ref == "EMP-1")).one()
        assert thales.name == "Thales NL"
        assert thales.search_key == "thales nl 06035234 emp-1"
        assert thales.version == 2


def test_values_are_stored_and_blank_means_unknown(people: Database) -> None:
    with people.reading() as session:
        muller = session.scalars(select(Employer).where(Employer.employer_ref == "EMP-2")).one()
        assert muller.municipality_code == "outside_twente"
        assert muller.website is None
        assert muller.notes == "notes, with a comma"
        assert muller.search_key == "muller techniek 12345678 emp-2 mueller"  # both spellings
        anna = session.scalars(select(Expat).where(Expat.expat_ref == "EX-2")).one()
        assert anna.date_of_birth is None
        assert anna.employer_id is None
        assert anna.category_code is None
        jose = session.scalars(select(Expat).where(Expat.expat_ref == "EX-1")).one()
        assert jose.date_of_birth == date(1990, 5, 1)
        assert jose.employer_id is not None
        assert jose.search_key == "jose garcia ex-1"


def test_columns_left_out_of_the_file_are_left_alone(people: Database, tmp_path: Path) -> None:
    plan = load(people, tmp_path, "expats", "expat_ref,given_name,family_name\nEX-1,José,Garcia\n")
    assert plan.counts == Counts(updated=1)
    with people.reading() as session:
        jose = session.scalars(select(Expat).where(Expat.expat_ref == "EX-1")).one()
        assert jose.family_name == "Garcia"
        assert jose.nationality == "ES"


def test_windows_1252_semicolons_and_dutch_dates(database: Database, tmp_path: Path) -> None:
    load(database, tmp_path, "employers", EMPLOYERS)
    text = (
        "expat_ref;given_name;family_name;date_of_birth;municipality\r\n"
        "EX-9;Jürgen;Müller;07-03-1985;Buiten Twente\r\n"
    )
    path = write(tmp_path, text, "dutch.csv", encoding="cp1252")
    plan = import_file(database, SYSTEM, "expats", path)
    assert plan.errors == []
    with database.reading() as session:
        muller = session.scalars(select(Expat).where(Expat.expat_ref == "EX-9")).one()
        assert (muller.given_name, muller.family_name) == ("Jürgen", "Müller")
        assert muller.date_of_birth == date(1985, 3, 7)
        assert muller.municipality_code == "outside_twente"


def test_utf8_with_bom(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeff" + EMPLOYERS, "bom.csv")
    plan = import_file(database, SYSTEM, "employers", path)
    assert plan.errors == []
    assert plan.counts == Counts(added=2)


def test_surveys_resolve_respondents_and_facilities(people: Database, tmp_path: Path) -> None:
    text = SURVEY_HEAD + (
        "R1,expat,EX-1,2015-01-01,7,,weet niet,expat_centre|housing_service\n"
        "R2,employer,EMP-1,02-01-2015,8,9,,\n"
        "R3,expat,,2015-01-03,,,nee,\n"
    )
    plan = load(people, tmp_path, "surveys", text)
    assert plan.counts == Counts(added=3)
    assert load(people, tmp_path, "surveys", text).counts == Counts(unchanged=3)
    with people.reading() as session:
        rows = session.execute(
            select(
                SurveyResponse.response_ref,
                SurveyResponse.expat_id.is_not(None),
                SurveyResponse.employer_id.is_not(None),
                SurveyResponse.intends_to_leave,
                SurveyResponse.score_service,
            ).order_by(SurveyResponse.response_ref)
        ).all()
        assert [tuple(row) for row in rows] == [
            ("R1", True, False, "unsure", 7),
            ("R2", False, True, None, 8),
            ("R3", False, False, "no", None),
        ]
        codes = session.scalars(select(SurveyFacility.facility_code).order_by("facility_code"))
        assert list(codes) == ["expat_centre", "housing_service"]
    changed = text.replace("expat_centre|housing_service", "social_events")
    assert load(people, tmp_path, "surveys", changed).counts == Counts(updated=1, unchanged=2)
    with people.reading() as session:
        assert list(session.scalars(select(SurveyFacility.facility_code))) == ["social_events"]


def test_dry_run_plan_writes_nothing_and_apply_writes_it(people: Database, tmp_path: Path) -> None:
    path = write(tmp_path, EMPLOYERS.replace("Thales Nederland", "Thales") + "EMP-3,New,,no,,,,\n")
    before = counts(people)
    plan = import_file(people, SYSTEM, "employers", path, dry_run=True)
    assert plan.counts == Counts(added=1, updated=1, unchanged=1)
    assert plan.preview[0]["name"] == "Thales"
    assert counts(people) == before
    assert apply_import(people, SYSTEM, plan) == plan.counts
    assert counts(people)["employer"] == before["employer"] + 1
    with pytest.raises(UserError, match="imported already"):
        apply_import(people, SYSTEM, plan)


def test_apply_refuses_when_the_database_changed_meanwhile(
    people: Database, tmp_path: Path
) -> None:
    path = write(tmp_path, EMPLOYERS.replace("Thales Nederland", "Thales") + "EMP-3,New,,no,,,,\n")
    plan = prepare_import(people, "employers", path)
    with people.transaction() as session:  # someone edits Thales in the meantime
        thales = session.scalars(select(Employer).where(Employer.employer_ref == "EMP-1")).one()
        thales.notes = "edited"
    before = counts(people)
    with pytest.raises(UserError, match="changed"):
        apply_import(people, SYSTEM, plan)
    assert counts(people) == before


def test_a_ref_added_meanwhile_is_refused(people: Database, tmp_path: Path) -> None:
    text = "employer_ref,name,high_tech\nEMP-3,New,no\n"
    plan = prepare_import(people, "employers", write(tmp_path, text))
    load(people, tmp_path, "employers", text, "other.csv")
    with pytest.raises(UserError, match="changed since the file was checked"):
        apply_import(people, SYSTEM, plan)


def test_unknown_kind(database: Database, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Unknown kind of file 'cases'"):
        prepare_import(database, "cases", write(tmp_path, "a\n1\n"))


def test_the_same_kvk_twice_in_a_file(database: Database, tmp_path: Path) -> None:
    text = "employer_ref,name,high_tech,kvk_number\nA,A,no,12345678\nB,B,no,12345678\n"
    plan = import_file(database, SYSTEM, "employers", write(tmp_path, text))
    assert messages(plan) == ["row 3, column kvk_number: 12345678 appears already in row 2"]
    assert counts(database)["employer"] == 0


def test_xlsx_with_real_dates_and_numbers(people: Database, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Response_Ref", "respondent_type", "date", "score_service", "respondent_ref"])
    sheet.append(["R-1", "expat", date(2015, 3, 7), 8, "EX-1"])
    sheet.append(["R-2", "employer", "07-03-2015", 8.0, "EMP-1"])
    sheet.append(["R-3", "expat", date(2015, 3, 7), 8.5, None])
    path = tmp_path / "surveys.xlsx"
    workbook.save(path)
    plan = import_file(people, SYSTEM, "surveys", path)
    assert messages(plan) == ["row 4, column score_service: '8.5' is not a whole number"]
    sheet.delete_rows(4)
    workbook.save(path)
    plan = import_file(people, SYSTEM, "surveys", path)
    assert plan.errors == []
    assert plan.counts == Counts(added=2)
    with people.reading() as session:
        dates = set(session.scalars(select(SurveyResponse.responded_on)))
        assert dates == {date(2015, 3, 7)}


def test_only_managers_and_administrators_import(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, EMPLOYERS)
    plan = prepare_import(database, "employers", path)
    desk = Actor(None, "sanne", "Sanne", "desk_officer")
    message = "Only managers and administrators may import data."
    with pytest.raises(PermissionDeniedError, match=message):
        apply_import(database, desk, plan)
    with pytest.raises(PermissionDeniedError, match=message):
        import_file(database, desk, "employers", path)
    assert counts(database)["employer"] == 0
    for role in ("manager", "administrator"):
        plan = prepare_import(database, "employers", path)
        assert apply_import(database, Actor(None, "erik", "Erik", role), plan).added in (0, 2)
    assert counts(database)["employer"] == 2
