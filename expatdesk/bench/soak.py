"""Many desks at once: the soak figure of the bench, and the desk of the soak test.

A desk (:func:`work`) does for a while what a desk officer does most: edits of hot expats with
optimistic locking (retried when someone else was quicker), notes and tasks on hot cases, survey
responses, and optionally one import. Every add carries the request key its form made; after a
:class:`DatabaseError` (a server restarting) the same save is tried again with the same key until
it is saved or known to be saved, and an edit whose COMMIT had an unclear outcome is looked up in
the trail before it is repeated. The desk reports what it saved, under which keys, and how long
each save took.

Run as ``python -m expatdesk.bench.soak desk JSON`` by the bench's runner, with the database in
``$EXPATDESK_DATABASE_URL``; the tests' child (``tests/reliability/children.py``) calls
:func:`work` directly.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from expatdesk import clock
from expatdesk.accounts.actor import SYSTEM
from expatdesk.cases import tasks as case_tasks
from expatdesk.cases import workflow as cases
from expatdesk.common.concurrency import StaleRecordError, new_request_key
from expatdesk.config import DATABASE_ENV
from expatdesk.db.database import Database, open_database
from expatdesk.db.models import AuditEntry, Case, Expat
from expatdesk.errors import AlreadySavedError, CommitUnknownError, DatabaseError
from expatdesk.exchange.importer import import_file
from expatdesk.expats import forms as expat_forms
from expatdesk.expats import write as expat_records
from expatdesk.surveys import responses as surveys

#: How many hot records the desks share: enough to spread, few enough to collide.
HOT_EXPATS, HOT_CASES = 50, 10
#: How long a desk waits between tries while the database is away.
RETRY_S = 0.2
#: How long after its time a desk still waits for a database that is away, before giving up.
PATIENCE_S = 30.0


def survey_answers() -> surveys.Answers:
    return surveys.Answers(
        respondent_type="expat",
        respondent_id=None,
        responded_on=clock.today(),
        score_service=8,
        intends_to_leave="no",
        facilities=frozenset({"expat_centre", "social_events"}),
    )


class Desk:
    """One desk's work and what it saved (see the module's docstring)."""

    def __init__(self, database: Database, seconds: float, seed: int) -> None:
        self.database = database
        self.seconds = seconds
        self.seed = seed
        self.rng = random.Random(seed)
        self.marker = 0
        self.report: dict[str, Any] = {
            "increments": {},
            "note": [],
            "task": [],
            "response": [],
            "already_saved": 0,
            "stale": 0,
            "database_errors": 0,
            "unclear_commits": 0,
            "imported": 0,
            "latencies": [],
            "successes": [],  # monotonic moments of the saves
        }

    def _saved(self, started: float) -> None:
        now = time.monotonic()
        self.report["latencies"].append(now - started)
        self.report["successes"].append(now)

    def patiently(self, save: Callable[[], None]) -> None:
        """Run ``save`` until it went through, waiting out a database that is away."""
        deadline = time.monotonic() + self.seconds + PATIENCE_S
        while True:
            try:
                save()
                return
            except DatabaseError:
                self.report["database_errors"] += 1
                if time.monotonic() > deadline:
                    raise
                time.sleep(RETRY_S)

    def add(self, kind: str, call: Callable[[str], object]) -> None:
        key = new_request_key()  # the form opens

        def once() -> None:
            started = time.monotonic()
            try:
                call(key)
            except AlreadySavedError:
                self.report["already_saved"] += 1
            self.report[kind].append(key)
            self._saved(started)

        self.patiently(once)

    def _ours_in_trail(self, expat_id: int, text: str) -> bool:
        with self.database.reading() as session:
            found = session.scalar(
                select(AuditEntry.id).where(
                    AuditEntry.entity == "expat",
                    AuditEntry.entity_id == expat_id,
                    AuditEntry.changes.contains(json.dumps(text)),
                )
            )
        return found is not None

    def _edit_once(self, expat_id: int, text_of: Callable[[int], str]) -> bool:
        """One try at counting up on ``expat_id``; ``False`` when it must be tried again."""
        started = time.monotonic()
        form = expat_forms.load_expat_form(self.database, expat_id)
        assert form is not None
        assert form.version is not None
        counted = re.match(r"\d+", form.notes or "")  # the demo's notes are text: count from 0
        text = text_of((int(counted.group()) if counted else 0) + 1)
        try:
            expat_records.update_expat(
                self.database, SYSTEM, expat_id, form.version, dataclasses.replace(form, notes=text)
            )
        except StaleRecordError:
            self.report["stale"] += 1
            return False
        except CommitUnknownError:
            self.report["unclear_commits"] += 1
            found: list[bool] = []
            self.patiently(lambda: found.append(self._ours_in_trail(expat_id, text)))
            if not found[-1]:
                return False
        key = str(expat_id)
        self.report["increments"][key] = self.report["increments"].get(key, 0) + 1
        self._saved(started)
        return True

    def edit(self, expat_ids: list[int]) -> None:
        expat_id = self.rng.choice(expat_ids)
        self.marker += 1
        marker = f"desk{self.seed}:{self.marker}"
        done: list[bool] = [False]

        def attempt() -> None:
            done[0] = self._edit_once(expat_id, lambda count: f"{count} {marker}")

        while not done[0]:
            self.patiently(attempt)

    def run(
        self, expat_ids: list[int], case_ids: list[int], import_path: Path | None = None
    ) -> dict[str, Any]:
        database = self.database

        def note() -> None:
            case_id = self.rng.choice(case_ids)
            self.add(
                "note",
                lambda key: cases.add_note(database, SYSTEM, case_id, "Soak", request_key=key),
            )

        def task() -> None:
            case_id = self.rng.choice(case_ids)
            self.add(
                "task",
                lambda key: case_tasks.add_task(database, SYSTEM, case_id, "Soak", request_key=key),
            )

        def response() -> None:
            answers = survey_answers()
            self.add(
                "response",
                lambda key: surveys.record_response(database, SYSTEM, answers, request_key=key),
            )

        def edit() -> None:
            self.edit(expat_ids)

        actions: list[Callable[[], None]] = [edit, edit, note, task, response]
        end = time.monotonic() + self.seconds
        if import_path is not None:
            path = import_path

            def import_employers() -> None:
                import_file(database, SYSTEM, "employers", path)

            self.patiently(import_employers)
            self.report["imported"] = 1
        while time.monotonic() < end:
            self.rng.choice(actions)()
        return self.report


def work(
    database: Database,
    *,
    seconds: float,
    seed: int,
    expat_ids: list[int],
    case_ids: list[int],
    import_path: Path | None = None,
) -> dict[str, Any]:
    """One desk for ``seconds``; returns what it saved (see :class:`Desk`)."""
    return Desk(database, seconds, seed).run(expat_ids, case_ids, import_path)


def hot_records(database: Database) -> tuple[list[int], list[int]]:
    """The expats and open cases the bench's desks share (from the demo in the database)."""
    with database.reading() as session:
        expat_ids = list(
            session.scalars(
                select(Expat.id)
                .where(Expat.anonymised_at.is_(None))
                .order_by(Expat.id)
                .limit(HOT_EXPATS)
            )
        )
        case_ids = list(
            session.scalars(
                select(Case.id).where(Case.status != "closed").order_by(Case.id).limit(HOT_CASES)
            )
        )
    return expat_ids, case_ids


def measure_desk(arguments: dict[str, Any]) -> dict[str, Any]:
    """A desk of the bench: starts at ``start_at`` (the monotonic clock every process shares)."""
    database = open_database(os.environ[DATABASE_ENV], migrate=False)
    try:
        time.sleep(max(0.0, float(arguments["start_at"]) - time.monotonic()))
        return work(
            database,
            seconds=float(arguments["seconds"]),
            seed=int(arguments["seed"]),
            expat_ids=list(arguments["expat_ids"]),
            case_ids=list(arguments["case_ids"]),
        )
    finally:
        database.dispose()


def main(argv: list[str]) -> int:
    kind, arguments = argv
    if kind != "desk":
        raise SystemExit(f"unknown measurement {kind!r}")
    print(json.dumps(measure_desk(json.loads(arguments))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
