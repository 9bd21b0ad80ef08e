"""A form that adds something saves it once, however often it is sent (issue: no double entries).

Each adding form makes a request key when it opens. After an unclear failure (the connection
broke during COMMIT) the desk saves again with the same key: the service finds the row, adds
nothing and says it was already saved. Without a key (imports, scripts) every call adds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from expatdesk.accounts.actor import SYSTEM
from expatdesk.cases import deliveries
from expatdesk.cases import services as case_services
from expatdesk.cases import tasks as case_tasks
from expatdesk.cases import workflow as cases
from expatdesk.common.concurrency import new_request_key
from expatdesk.db.database import Database
from expatdesk.db.models import CaseNote, ServiceDelivery, SurveyResponse, Task
from expatdesk.errors import AlreadySavedError
from expatdesk.surveys import responses as surveys
from expatdesk.surveys.responses import Answers
from tests.helpers.sample import Sample

ON = date(2026, 11, 20)


def _answers() -> Answers:
    return Answers(
        respondent_type="expat",
        respondent_id=None,
        responded_on=ON,
        score_service=8,
        intends_to_leave="no",
        facilities=frozenset({"expat_centre"}),
    )


def _rows(database: Database, model: type) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _case(database: Database, sample: Sample) -> int:
    return cases.open_case(database, SYSTEM, subject="Permit", expat_id=sample.expats["jose"])


def _adders(database: Database, sample: Sample) -> dict[str, tuple[type, Callable[..., int]]]:
    case_id = _case(database, sample)
    jose = sample.expats["jose"]
    return {
        "survey response": (
            SurveyResponse,
            lambda key: surveys.record_response(database, SYSTEM, _answers(), request_key=key).id,
        ),
        "note": (
            CaseNote,
            lambda key: cases.add_note(database, SYSTEM, case_id, "Called", request_key=key),
        ),
        "task": (
            Task,
            lambda key: case_tasks.add_task(database, SYSTEM, case_id, "Call", ON, request_key=key),
        ),
        "service": (
            ServiceDelivery,
            lambda key: case_services.add_service(
                database, SYSTEM, case_id, "housing", ON, request_key=key
            ),
        ),
        "walk-in": (
            ServiceDelivery,
            lambda key: deliveries.record_walk_in(
                database, SYSTEM, "housing", ON, expat_id=jose, request_key=key
            ),
        ),
    }


KINDS = ["survey response", "note", "task", "service", "walk-in"]
SAID = {
    "survey response": "This survey response was already saved.",
    "note": "This note was already saved.",
    "task": "This task was already saved.",
    "service": "This service delivery was already saved.",
    "walk-in": "This service delivery was already saved.",
}


@pytest.mark.parametrize("kind", KINDS)
def test_a_second_save_with_the_same_key_adds_nothing(
    database: Database, sample: Sample, kind: str
) -> None:
    model, add = _adders(database, sample)[kind]
    before = _rows(database, model)
    key = new_request_key()
    first = add(key)
    with pytest.raises(AlreadySavedError) as repeated:
        add(key)
    assert str(repeated.value) == SAID[kind]
    assert repeated.value.record_id == first
    assert _rows(database, model) == before + 1
    add(new_request_key())  # another form: another row
    assert _rows(database, model) == before + 2


@pytest.mark.parametrize("kind", KINDS)
def test_without_a_key_every_call_adds(database: Database, sample: Sample, kind: str) -> None:
    model, add = _adders(database, sample)[kind]
    before = _rows(database, model)
    add(None)
    add(None)
    assert _rows(database, model) == before + 2


def test_a_key_is_unique_in_the_database_itself(database: Database, sample: Sample) -> None:
    """Two saves that race past the check are still one row: the unique index refuses."""
    key = new_request_key()
    surveys.record_response(database, SYSTEM, _answers(), request_key=key)
    twin = SurveyResponse(
        response_ref="RSP-RACE", respondent_type="expat", responded_on=ON, request_key=key
    )
    with pytest.raises(IntegrityError), database.transaction() as session:  # noqa: PT012
        session.add(twin)
        session.flush()
    assert _rows(database, SurveyResponse) == 1


def test_a_committed_response_is_not_read_back_after_the_commit(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever fails after the COMMIT (a re-read on a dropped connection) cannot turn a saved
    response into an error: the response is read before the COMMIT."""

    def broken(*_args: object) -> None:
        raise AssertionError("read after the commit")

    monkeypatch.setattr(surveys, "load_response", broken)
    stored = surveys.record_response(database, SYSTEM, _answers(), request_key=new_request_key())
    assert stored.ref.startswith("RSP-")
    assert _rows(database, SurveyResponse) == 1


def test_keys_are_new_for_every_form() -> None:
    keys = {new_request_key() for _ in range(100)}
    assert len(keys) == 100
    assert all(len(key) == 32 for key in keys)
