"""Survey responses: recording, checking, correcting with a version, listing per respondent."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from expatdesk import clock
from expatdesk.accounts.actor import SYSTEM, Actor, PermissionDeniedError
from expatdesk.db.database import Database
from expatdesk.db.models import AuditEntry, SurveyFacility, SurveyResponse
from expatdesk.employers import read as employers
from expatdesk.errors import UserError
from expatdesk.expats import read as expats
from expatdesk.surveys import responses as surveys
from expatdesk.surveys.responses import CURRENT_QUESTIONNAIRE, Answers, InvalidAnswerError
from tests.helpers.sample import Sample

TODAY = date(2026, 11, 26)


def _expat_answers(sample: Sample, **changes: object) -> Answers:
    values: dict[str, object] = {
        "respondent_type": "expat",
        "respondent_id": sample.expats["jose"],
        "responded_on": date(2026, 11, 20),
        "score_service": 8,
        "intends_to_leave": "no",
        "facilities": frozenset({"language_course", "social_events"}),
    }
    values.update(changes)
    return Answers(**values)  # type: ignore[arg-type]


def test_record_stores_the_answers_in_one_row(database: Database, sample: Sample) -> None:
    response = surveys.record_response(database, SYSTEM, _expat_answers(sample), today=TODAY)
    with database.reading() as session:
        row = session.scalars(select(SurveyResponse)).one()
        stored = (
            row.response_ref,
            row.respondent_type,
            row.expat_id,
            row.employer_id,
            row.score_service,
            row.score_added_value,
            row.intends_to_leave,
            row.questionnaire_version,
        )
        codes = set(session.scalars(select(SurveyFacility.facility_code)))
    assert stored == (
        response.ref,
        "expat",
        sample.expats["jose"],
        None,
        8,
        None,
        "no",
        CURRENT_QUESTIONNAIRE,
    )
    assert response.ref.startswith("RSP-20261126-")  # dated by the today given, not the machine
    assert CURRENT_QUESTIONNAIRE == 2  # the revised questionnaire, as the demo has it
    assert codes == {"language_course", "social_events"}
    assert [str(label) for label in response.facility_labels] == [
        "Social events",
        "Language course",
    ]
    assert response.respondent_name == "José García"


def test_references_are_dated_by_the_apps_clock(database: Database, sample: Sample) -> None:
    with clock.moment(date(2031, 3, 4)):
        response = surveys.record_response(database, SYSTEM, _expat_answers(sample))
    assert response.ref.startswith("RSP-20310304-")


def test_references_are_unique(database: Database, sample: Sample) -> None:
    refs = {
        surveys.record_response(database, SYSTEM, _expat_answers(sample), today=TODAY).ref
        for _ in range(5)
    }
    assert len(refs) == 5


def test_anonymous_and_employer_responses(database: Database, sample: Sample) -> None:
    anonymous = surveys.record_response(
        database, SYSTEM, _expat_answers(sample, respondent_id=None), today=TODAY
    )
    employer = surveys.record_response(
        database,
        SYSTEM,
        Answers("employer", sample.employers["thales"], date(2026, 1, 5), 7, 9),
        today=TODAY,
    )
    assert anonymous.answers.respondent_id is None
    assert anonymous.respondent_name is None
    assert employer.answers.score_added_value == 9
    assert employer.respondent_name == "Thales Nederland"
    assert employer.answers.intends_to_leave is None


def test_blank_answers_are_allowed(database: Database, sample: Sample) -> None:
    response = surveys.record_response(
        database,
        SYSTEM,
        _expat_answers(sample, score_service=None, intends_to_leave=None, facilities=frozenset()),
        today=TODAY,
    )
    assert response.answers.score_service is None
    assert response.answers.facilities == frozenset()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"score_service": 11}, "score_service", "The grade for the service must be 1 to 10."),
        ({"score_service": 0}, "score_service", "The grade for the service must be 1 to 10."),
        (
            {"score_added_value": 8},
            "score_added_value",
            "Only employers grade the added value; leave it blank.",
        ),
        (
            {"responded_on": date(2026, 11, 27)},
            "responded_on",
            "The response date lies in the future.",
        ),
        (
            {"responded_on": date(1999, 12, 31)},
            "responded_on",
            "The response date lies before 2000; check the year.",
        ),
        (
            {"respondent_id": 999_999},
            "respondent",
            "This expat no longer exists; record the response anonymously.",
        ),
        ({"facilities": frozenset({"sauna"})}, "facilities", "Unknown facility."),
        (
            {"respondent_type": "visitor"},
            "respondent_type",
            "Choose whether an expat or an employer responded.",
        ),
    ],
)
def test_invalid_answers_are_refused_with_the_field_named(
    database: Database, sample: Sample, changes: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(InvalidAnswerError) as raised:
        surveys.record_response(database, SYSTEM, _expat_answers(sample, **changes), today=TODAY)
    assert (raised.value.field, str(raised.value)) == (field, message)
    with database.reading() as session:
        assert session.scalars(select(SurveyResponse)).all() == []


def test_employers_do_not_answer_the_question_about_leaving(
    database: Database, sample: Sample
) -> None:
    answers = Answers("employer", sample.employers["thales"], TODAY, 7, 8, intends_to_leave="yes")
    with pytest.raises(InvalidAnswerError, match="Only expats answer") as raised:
        surveys.record_response(database, SYSTEM, answers, today=TODAY)
    assert raised.value.field == "intends_to_leave"


def test_messages_are_translated(database: Database, sample: Sample) -> None:
    from expatdesk import i18n

    with i18n.using("nl"), pytest.raises(InvalidAnswerError) as raised:
        surveys.record_response(
            database, SYSTEM, _expat_answers(sample, score_service=12), today=TODAY
        )
    assert raised.value.field == "score_service"


def test_correction_changes_answers_and_facilities(database: Database, sample: Sample) -> None:
    first = surveys.record_response(database, SYSTEM, _expat_answers(sample), today=TODAY)
    corrected = surveys.correct_response(
        database,
        SYSTEM,
        first.id,
        _expat_answers(sample, score_service=6, facilities=frozenset({"housing_service"})),
        expected_version=first.version,
        today=TODAY,
    )
    assert corrected.ref == first.ref
    assert corrected.version == first.version + 1
    assert corrected.answers.score_service == 6
    assert corrected.answers.facilities == frozenset({"housing_service"})
    with database.reading() as session:
        assert set(session.scalars(select(SurveyFacility.facility_code))) == {"housing_service"}


def test_correction_of_a_stale_version_is_refused(database: Database, sample: Sample) -> None:
    first = surveys.record_response(database, SYSTEM, _expat_answers(sample), today=TODAY)
    surveys.correct_response(
        database,
        SYSTEM,
        first.id,
        _expat_answers(sample, score_service=9),
        expected_version=first.version,
        today=TODAY,
    )
    with pytest.raises(UserError, match="changed this survey response in the meantime"):
        surveys.correct_response(
            database,
            SYSTEM,
            first.id,
            _expat_answers(sample, score_service=2),
            expected_version=first.version,
            today=TODAY,
        )
    stored = surveys.load_response(database, first.id)
    assert stored is not None
    assert stored.answers.score_service == 9


def test_invalid_correction_changes_nothing(database: Database, sample: Sample) -> None:
    first = surveys.record_response(database, SYSTEM, _expat_answers(sample), today=TODAY)
    with pytest.raises(InvalidAnswerError):
        surveys.correct_response(
            database,
            SYSTEM,
            first.id,
            _expat_answers(sample, score_service=42),
            expected_version=first.version,
            today=TODAY,
        )
    assert surveys.load_response(database, first.id) == first


def test_responses_are_listed_per_respondent_newest_first(
    database: Database, sample: Sample
) -> None:
    older = surveys.record_response(
        database, SYSTEM, _expat_answers(sample, responded_on=date(2025, 5, 1)), today=TODAY
    )
    newer = surveys.record_response(database, SYSTEM, _expat_answers(sample), today=TODAY)
    surveys.record_response(
        database, SYSTEM, _expat_answers(sample, respondent_id=sample.expats["anna"]), today=TODAY
    )
    employer = surveys.record_response(
        database, SYSTEM, Answers("employer", sample.employers["thales"], TODAY, 8, 7), today=TODAY
    )
    jose = sample.expats["jose"]
    assert [r.id for r in surveys.responses_of_expat(database, jose)] == [newer.id, older.id]
    assert [r.id for r in surveys.responses_of_employer(database, sample.employers["thales"])] == [
        employer.id
    ]
    assert surveys.responses_of_employer(database, sample.employers["bakery"]) == []
    detail = expats.load_expat(database, jose)
    assert detail is not None
    assert [r.id for r in detail.surveys] == [newer.id, older.id]
    employer_detail = employers.load_employer(database, sample.employers["thales"])
    assert employer_detail is not None
    assert [r.id for r in employer_detail.surveys] == [employer.id]


def test_load_response_of_a_missing_id(database: Database, sample: Sample) -> None:
    assert surveys.load_response(database, 12345) is None


@pytest.mark.parametrize("role", ["desk_officer", "manager", "administrator"])
def test_every_role_records_and_corrects_responses(
    database: Database, sample: Sample, role: str
) -> None:
    actor = Actor(None, "sanne", "Sanne", role)
    first = surveys.record_response(database, actor, _expat_answers(sample), today=TODAY)
    surveys.correct_response(
        database,
        actor,
        first.id,
        _expat_answers(sample, score_service=6),
        expected_version=first.version,
        today=TODAY,
    )
    with database.reading() as session:
        who = session.scalars(
            select(AuditEntry.username).where(AuditEntry.entity == "survey_response")
        )
        assert list(who) == ["sanne", "sanne"]


def test_a_role_without_client_work_may_not(database: Database, sample: Sample) -> None:
    stranger = Actor(None, "guest", "Guest", "guest")
    with pytest.raises(PermissionDeniedError, match="may not work with client records"):
        surveys.record_response(database, stranger, _expat_answers(sample), today=TODAY)
    first = surveys.record_response(database, SYSTEM, _expat_answers(sample), today=TODAY)
    with pytest.raises(PermissionDeniedError):
        surveys.correct_response(
            database, stranger, first.id, _expat_answers(sample), expected_version=first.version
        )
