"""Many new records at once: on PostgreSQL they are copied into a staging table and added with one
INSERT … SELECT; on both engines the result is the same as one executemany would give."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from expatdesk.accounts.actor import SYSTEM
from expatdesk.db.database import Database
from expatdesk.db.models import CURRENT_QUESTIONNAIRE, SurveyFacility, SurveyResponse
from expatdesk.db.types import utcnow
from expatdesk.errors import UserError
from expatdesk.exchange import Counts, apply_import, prepare_import
from tests.unit.exchange.test_importer import SURVEY_HEAD
from tests.unit.exchange.util import EMPLOYERS, EXPATS, counts, load, write


@pytest.fixture
def people(database: Database, tmp_path: Path) -> Database:
    """Two employers and two expats (EX-1 answers the surveys), imported."""
    load(database, tmp_path, "employers", EMPLOYERS)
    load(database, tmp_path, "expats", EXPATS)
    return database


FACILITIES = ("", "expat_centre", "housing_service|social_events", "international_school")


def _surveys(count: int, prefix: str = "R") -> str:
    lines = [
        f"{prefix}{number:05d},expat,{'EX-1' if number % 2 else ''},2015-01-{1 + number % 28:02d},"
        f"{1 + number % 10},,{('ja', 'nee', '')[number % 3]},{FACILITIES[number % 4]}\n"
        for number in range(count)
    ]
    return SURVEY_HEAD + "".join(lines)


def test_new_rows_keep_the_file_order_defaults_and_their_facilities(
    people: Database, tmp_path: Path
) -> None:
    started = utcnow()
    plan = load(people, tmp_path, "surveys", _surveys(2500))
    assert plan.counts == Counts(added=2500)
    ended = utcnow()
    with people.reading() as session:
        rows = session.execute(
            select(
                SurveyResponse.id,
                SurveyResponse.response_ref,
                SurveyResponse.score_service,
                SurveyResponse.intends_to_leave,
                SurveyResponse.expat_id.is_not(None),
                SurveyResponse.version,
                SurveyResponse.questionnaire_version,
                SurveyResponse.created_at,
            ).order_by(SurveyResponse.id)
        ).all()
        links = session.execute(
            select(SurveyResponse.response_ref, SurveyFacility.facility_code)
            .join(SurveyFacility, SurveyFacility.response_id == SurveyResponse.id)
            .order_by(SurveyResponse.response_ref, SurveyFacility.facility_code)
        ).all()
    assert [row.response_ref for row in rows] == [f"R{number:05d}" for number in range(2500)]
    assert [row.score_service for row in rows] == [1 + number % 10 for number in range(2500)]
    assert [row.intends_to_leave for row in rows[:3]] == ["yes", "no", None]
    assert [row[4] for row in rows[:2]] == [False, True]
    assert {(row.version, row.questionnaire_version) for row in rows} == {
        (1, CURRENT_QUESTIONNAIRE)
    }
    assert all(started <= row.created_at <= ended for row in rows)
    expected = [
        (f"R{number:05d}", code)
        for number in range(2500)
        for code in sorted(filter(None, FACILITIES[number % 4].split("|")))
    ]
    assert [tuple(link) for link in links] == expected


def test_a_survey_added_meanwhile_leaves_nothing_of_the_file(
    people: Database, tmp_path: Path
) -> None:
    plan = prepare_import(people, "surveys", write(tmp_path, _surveys(1500)))
    assert plan.counts == Counts(added=1500)
    load(people, tmp_path, "surveys", SURVEY_HEAD + "R01234,expat,,2015-01-01,5,,,\n", "one.csv")
    before = counts(people)
    with pytest.raises(UserError, match="changed since the file was checked"):
        apply_import(people, SYSTEM, plan)
    assert counts(people) == before
