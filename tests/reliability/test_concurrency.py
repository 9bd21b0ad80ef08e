"""Several desks writing at once lose no update, and none of them sees a traceback.

Each child (:func:`tests.reliability.children.run_worker`) records survey responses, raises the
target settings' ``min_n`` by one and counts up in the notes of the same expat, the last two with
optimistic locking, for a few seconds, on one SQLite file or one PostgreSQL database. Afterwards
the rows and the counters add up to what the children say they saved, a save refused because
someone else was quicker is the only failure they saw, and SQLite's "database is locked" never
reached them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from expatdesk.db.database import Database
from expatdesk.db.models import Expat
from expatdesk.expats import forms as expat_forms
from expatdesk.reports import target_settings
from tests.reliability.processes import counts, database_url, integrity, start_together

pytestmark = pytest.mark.reliability

WORKERS = 3
SECONDS = 3.0


def test_concurrent_writers_lose_no_update(database: Database, tmp_path: Path) -> None:
    url = database_url(database)
    with database.transaction() as session:
        expat = Expat(expat_ref="EXP-COUNT", given_name="Ana", family_name="Counter", notes="0")
        session.add(expat)
        session.flush()
        expat_id = expat.id
    start = target_settings.read_settings(database)
    expat_start = expat_forms.load_expat_form(database, expat_id)
    assert expat_start is not None
    assert expat_start.version is not None
    responses_before = counts(database, "survey_response")["survey_response"]

    workers = start_together(
        "worker",
        url,
        tmp_path,
        WORKERS,
        lambda number: ["--seconds", str(SECONDS), "--seed", str(number), "--ids", str(expat_id)],
        "worker",
    )
    for worker in workers:
        assert worker.finish() == 0, worker.errors()
        assert "Traceback" not in worker.errors()

    reports = [json.loads(worker.output()) for worker in workers]
    assert [report["database_errors"] for report in reports] == [[]] * WORKERS
    saved_responses = sum(report["responses"] for report in reports)
    saved_settings = sum(report["settings"] for report in reports)
    assert saved_responses > 0
    saved_expat = sum(report["expat"] for report in reports)
    assert saved_settings > 0
    assert saved_expat > 0
    now = target_settings.read_settings(database)
    assert now.settings.min_n == start.settings.min_n + saved_settings
    assert now.version == start.version + saved_settings
    expat_now = expat_forms.load_expat_form(database, expat_id)
    assert expat_now is not None
    assert expat_now.notes == str(saved_expat)
    assert expat_now.version == expat_start.version + saved_expat
    assert counts(database, "survey_response")["survey_response"] == (
        responses_before + saved_responses
    )
    integrity(database)
