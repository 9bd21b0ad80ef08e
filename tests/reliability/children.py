"""The child processes of the reliability tests, run as ``python -m tests.reliability.children``.

A child does one thing the desk does (an import through the command line, a survey response, a
save) on the database at ``URL``. With ``--pause-at`` it stops at an exact point inside that
operation: an SQLAlchemy event hook, installed in the child only, writes one byte to the file
descriptor ``--ready-fd`` and waits there for the SIGKILL the parent then sends. The kill thus
lands inside the operation every time, never by timing.

Pause points:

``after:REGEX:N``
    after the N-th executed statement that matches ``REGEX`` (at its start, case-insensitive);
``commit``
    when the connection is about to send ``COMMIT`` for a transaction that wrote;
``committed``
    right after a session that wrote has committed.

The ``worker`` scenario is the concurrency test's writer: it reports ready, waits for the go
byte on ``--go-fd``, writes for ``--seconds`` and prints its counts as JSON. A handled outcome
(someone else changed the record meanwhile) is counted; a :class:`DatabaseError` (a locked,
full or lost database) is listed in ``database_errors``; anything else ends the child with a
traceback, which fails the test.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import re
import signal
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

WRITES = ("INSERT", "UPDATE", "DELETE")


class Pause:
    """Stops the process at one point of an operation and tells the parent so."""

    def __init__(self, spec: str, ready_fd: int) -> None:
        self.ready_fd = ready_fd
        self.kind, _, rest = spec.partition(":")
        if self.kind == "after":
            pattern, _, count = rest.rpartition(":")
            self.pattern: re.Pattern[str] | None = re.compile(pattern, re.IGNORECASE)
            self.nth = int(count)
        elif self.kind in ("commit", "committed"):
            self.pattern = None
            self.nth = 0
        else:
            raise SystemExit(f"unknown pause point {spec!r}")
        self.seen = 0
        self.wrote = False

    def install(self) -> None:
        event.listen(Engine, "after_cursor_execute", self._executed)
        event.listen(Engine, "commit", self._commit)
        event.listen(Session, "after_commit", self._committed)

    def _executed(
        self,
        _connection: Any,
        _cursor: Any,
        statement: str,
        _parameters: Any,
        _context: Any,
        _many: bool,
    ) -> None:
        if statement.lstrip().upper().startswith(WRITES):
            self.wrote = True
        if self.pattern is not None and self.pattern.match(statement.lstrip()):
            self.seen += 1
            if self.seen == self.nth:
                self.stop()

    def _commit(self, _connection: Any) -> None:
        if self.kind == "commit" and self.wrote:
            self.stop()

    def _committed(self, session: Session) -> None:
        # (a SAVEPOINT released inside the transaction fires after_commit too; it is no COMMIT)
        nested = session.get_nested_transaction() is not None
        if self.kind == "committed" and self.wrote and not nested:
            self.stop()

    def stop(self) -> None:
        os.write(self.ready_fd, b"!")
        while True:  # until the parent's SIGKILL
            signal.pause()


# --- scenarios --------------------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    from expatdesk.cli.main import main

    return main(["--database", args.url, "import", "surveys", args.file])


def run_response(args: argparse.Namespace) -> int:
    from expatdesk.accounts.actor import SYSTEM
    from expatdesk.db.database import open_database
    from expatdesk.surveys import responses as surveys

    database = open_database(args.url)
    response = surveys.record_response(database, SYSTEM, survey_answers())
    print(response.ref)
    return 0


def run_merge(args: argparse.Namespace) -> int:
    """Merge the expat ``ids[1]`` into ``ids[0]``, taking the dropped record's e-mail."""
    from expatdesk.accounts.actor import SYSTEM
    from expatdesk.db.database import open_database
    from expatdesk.expats.merge import merge_expats, merge_preview

    keep_id, drop_id = args.ids
    database = open_database(args.url)
    preview = merge_preview(database, keep_id, drop_id)
    merge_expats(
        database,
        SYSTEM,
        keep_id,
        preview.keep.version,
        drop_id,
        preview.drop.version,
        MERGE_TAKES,
    )
    return 0


#: What the merge takes from the dropped record.
MERGE_TAKES = frozenset({"email"})


def run_save_expat(args: argparse.Namespace) -> int:
    """Save the expat ``ids[0]`` with :func:`changed_expat`: fields, family and permits."""
    from expatdesk.accounts.actor import SYSTEM
    from expatdesk.db.database import open_database
    from expatdesk.expats import forms as expat_forms
    from expatdesk.expats import write as expat_records

    (expat_id,) = args.ids
    database = open_database(args.url)
    form = expat_forms.load_expat_form(database, expat_id)
    assert form is not None
    assert form.version is not None
    expat_records.update_expat(database, SYSTEM, expat_id, form.version, changed_expat(form))
    return 0


def changed_expat(form: Any) -> Any:
    """The edit the save scenario makes: a new e-mail, the first family member replaced by a
    child, the first permit renumbered and a second permit added."""
    from expatdesk.expats.forms import FamilyMemberForm, PermitForm

    renumbered = dataclasses.replace(form.permits[0], number="NL-SAVED")
    return dataclasses.replace(
        form,
        email="saved@example.org",
        family=(*form.family[1:], FamilyMemberForm(relation="child", given_name="Nuevo")),
        permits=(
            renumbered,
            *form.permits[1:],
            PermitForm(permit_type_code="hsm", number="NL-NEW", valid_until=date(2029, 5, 31)),
        ),
    )


def run_try_response(args: argparse.Namespace) -> int:
    """Record a response; a :class:`UserError` is printed as the app would show it."""
    from expatdesk.errors import UserError

    try:
        return run_response(args)
    except UserError as error:
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1


def survey_answers() -> Any:
    from expatdesk.surveys import responses as surveys

    return surveys.Answers(
        respondent_type="expat",
        respondent_id=None,
        responded_on=date(2026, 11, 2),
        score_service=8,
        intends_to_leave="no",
        facilities=frozenset({"expat_centre", "social_events"}),
    )


def run_worker(args: argparse.Namespace) -> int:
    """For a while: record responses, raise the target settings' ``min_n`` by one, and count
    up in the notes of the expat ``ids[0]``; the last two with optimistic locking."""
    from expatdesk.accounts.actor import SYSTEM
    from expatdesk.db.database import open_database
    from expatdesk.errors import DatabaseError, UserError
    from expatdesk.expats import forms as expat_forms
    from expatdesk.expats import write as expat_records
    from expatdesk.reports import target_settings as settings_service
    from expatdesk.surveys import responses as surveys

    database = open_database(args.url)
    counts = {"responses": 0, "settings": 0, "expat": 0, "stale": 0}
    database_errors: list[str] = []

    def record() -> None:
        surveys.record_response(database, SYSTEM, survey_answers())
        counts["responses"] += 1

    def raise_min_n() -> None:
        saved = settings_service.read_settings(database)
        changed = dataclasses.replace(saved.settings, min_n=saved.settings.min_n + 1)
        settings_service.update_settings(database, SYSTEM, changed, expected_version=saved.version)
        counts["settings"] += 1

    def count_on_expat() -> None:
        (expat_id,) = args.ids
        form = expat_forms.load_expat_form(database, expat_id)
        assert form is not None
        assert form.version is not None
        changed = dataclasses.replace(form, notes=str(int(form.notes or "0") + 1))
        expat_records.update_expat(database, SYSTEM, expat_id, form.version, changed)
        counts["expat"] += 1

    actions: list[Callable[[], None]] = [record, raise_min_n, count_on_expat]
    rng = random.Random(args.seed)
    os.write(args.ready_fd, b"!")
    if os.read(args.go_fd, 1) != b"!":
        return 3  # the parent went away
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        try:
            rng.choice(actions)()
        except DatabaseError as error:
            database_errors.append(str(error))
        except UserError:
            counts["stale"] += 1
    database.dispose()
    print(json.dumps({**counts, "database_errors": database_errors}))
    return 0


def run_desk(args: argparse.Namespace) -> int:
    """The soak test's desk (:mod:`expatdesk.bench.soak`): reports ready, waits for the go byte,
    works for ``--seconds`` on the hot expats ``--ids`` and cases ``--cases`` (desk 0 also
    imports ``--file``) and prints what it saved as JSON."""
    from expatdesk.bench import soak
    from expatdesk.db.database import open_database

    database = open_database(args.url)
    os.write(args.ready_fd, b"!")
    if os.read(args.go_fd, 1) != b"!":
        return 3  # the parent went away
    report = soak.work(
        database,
        seconds=args.seconds,
        seed=args.seed,
        expat_ids=args.ids,
        case_ids=args.cases,
        import_path=Path(args.file) if args.file else None,
    )
    database.dispose()
    print(json.dumps(report))
    return 0


SCENARIOS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import": run_import,
    "merge": run_merge,
    "response": run_response,
    "save-expat": run_save_expat,
    "try-response": run_try_response,
    "worker": run_worker,
    "desk": run_desk,
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="children")
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("url")
    parser.add_argument("--file", default="")
    parser.add_argument("--pause-at", default="")
    parser.add_argument("--ready-fd", type=int, default=-1)
    parser.add_argument("--go-fd", type=int, default=-1)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ids", type=lambda text: [int(part) for part in text.split(",")])
    parser.add_argument("--cases", type=lambda text: [int(part) for part in text.split(",")])
    args = parser.parse_args(argv)
    if args.pause_at:
        Pause(args.pause_at, args.ready_fd).install()
    return SCENARIOS[args.scenario](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
