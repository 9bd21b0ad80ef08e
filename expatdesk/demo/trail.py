"""A recent audit trail for the demo: what the staff did at the desk in the last days.

The demo's rows are written in bulk, past the ORM, so the trail of :mod:`expatdesk.db.audit`
does not see them. This step, the last one, reads back the records the demo made in the last
:data:`DAYS` days (a few of each kind: expats, permits, cases, notes and tasks) and writes the
entries the desk would have left: each record created by a demo staff member at the moment the
record says, cases moved on to their status, cases closed and tasks done. The changes are JSON
like the ORM's (:func:`~expatdesk.db.audit.creation_changes`), a BSN only masked.

At most a few hundred rows, found by their creation moment: the home screen's "recently
changed" has something to show right after ``expatdesk demo``, and the large demo stays fast.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, select

from expatdesk.db.audit import AUDITED, creation_changes, trail_value
from expatdesk.db.models import AuditEntry, Base, Case, CaseNote, Expat, Permit, StaffUser, Task
from expatdesk.demo.base import AUDIT_ENTRY, Row
from expatdesk.demo.state import World

#: How far back the trail reaches, in days.
DAYS = 10
#: At most this many records of each kind get entries.
LIMITS = {"expat": 15, "permit": 10, "case": 30, "case_note": 40, "task": 30}
#: At most this many closed cases and done tasks get their update.
CLOSED_LIMIT = 10
DONE_LIMIT = 25


@dataclass(frozen=True)
class _Entry:
    at: datetime  # aware UTC
    staff_id: int
    action: str
    entity: str
    entity_id: int
    changes: dict[str, list[Any]]


def make_audit_trail(world: World, connection: Connection) -> None:
    """Entries for the records the demo created, closed or finished in the last days."""
    staff = _usernames(connection, [*world.desk_officers, *world.managers])
    if not staff:
        return
    trail = _Trail(world, connection, staff)
    trail.expats()
    trail.permits()
    trail.cases()
    trail.notes()
    trail.tasks()
    trail.emit()


def _usernames(connection: Connection, ids: Sequence[int]) -> dict[int, str]:
    table = _table(StaffUser)
    rows = connection.execute(select(table.c.id, table.c.username).where(table.c.id.in_(ids)))
    return {int(row.id): str(row.username) for row in rows}


def _moment(stamp: str) -> datetime:
    """A demo stamp (naive UTC text) as an aware moment."""
    return datetime.fromisoformat(stamp).replace(tzinfo=UTC)


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


class _Trail:
    def __init__(self, world: World, connection: Connection, staff: Mapping[int, str]) -> None:
        self.world = world
        self.connection = connection
        self.staff = staff
        self.officers = [id_ for id_ in world.desk_officers if id_ in staff] or sorted(staff)
        today = datetime.combine(date.fromordinal(world.calendar.today), time(), tzinfo=UTC)
        # The demo stamps what falls on today (or later) at today's midnight: the trail ends at
        # the close of yesterday's office hours, the day before the demo's "today" begins.
        self.until = today - timedelta(hours=7)
        self.since = today - timedelta(days=DAYS)
        self.entries: list[_Entry] = []

    # --- who and when -------------------------------------------------------------------------

    def _someone(self) -> int:
        return self.world.rng.choice(self.officers)

    def _actor(self, staff_id: object) -> int:
        return staff_id if isinstance(staff_id, int) and staff_id in self.staff else self._someone()

    def _later(self, moment: datetime) -> datetime:
        """A moment during the office hours of the same or the next day after ``moment``, or
        between ``moment`` and the end of the trail when that comes first."""
        rnd, calendar = self.world.rng.random, self.world.calendar
        day = moment.date().toordinal() + int(rnd() * 2)
        for _attempt in range(2):
            at = _moment(calendar.stamp(day, int(rnd() * calendar.OFFICE_MINUTES)))
            if at > moment:
                break
            day += 1
        if not moment < at <= self.until:
            at = moment + (max(self.until, moment) - moment) * rnd()
        return at

    def _recent(
        self, model: type[Base], moment: str, limit: int, *where: ColumnElement[bool]
    ) -> list[dict[str, Any]]:
        """The latest rows of ``model`` whose ``moment`` column lies in the last days."""
        table = _table(model)
        column = table.c[moment]
        statement = (
            select(table)
            .where(column >= self.since, column <= self.until, *where)
            .order_by(column.desc(), table.c.id.desc())
            .limit(limit)
        )
        return [
            {str(key): value for key, value in row._mapping.items()}
            for row in self.connection.execute(statement)
        ]

    def _add(
        self,
        at: datetime,
        staff_id: int,
        action: str,
        model: type[Base],
        record_id: int,
        changes: dict[str, list[Any]],
    ) -> None:
        self.entries.append(_Entry(at, staff_id, action, AUDITED[model], record_id, changes))

    def _created(self, model: type[Base], row: Mapping[str, Any], staff_id: int) -> None:
        at = row["created_at"]
        assert isinstance(at, datetime)
        self._add(at, staff_id, "create", model, int(row["id"]), creation_changes(model, row))

    # --- what happened ------------------------------------------------------------------------

    def expats(self) -> None:
        for row in self._recent(Expat, "created_at", LIMITS["expat"]):
            self._created(Expat, row, self._someone())

    def permits(self) -> None:
        for row in self._recent(Permit, "created_at", LIMITS["permit"]):
            self._created(Permit, row, self._someone())

    def cases(self) -> None:
        for row in self._recent(Case, "created_at", LIMITS["case"]):
            owner = self._actor(row["owner_id"])
            opened = dict(row, status="new", closed_at=None)
            self._created(Case, opened, owner)
            at = row["created_at"]
            steps = {
                "in_progress": ["new", "in_progress"],
                "waiting_client": ["new", "in_progress", "waiting_client"],
                "waiting_authority": ["new", "in_progress", "waiting_authority"],
                "closed": ["new", "in_progress"],
            }.get(str(row["status"]), [])
            for old, new in pairwise(steps):
                at = self._later(at)
                self._add(at, owner, "update", Case, int(row["id"]), {"status": [old, new]})
        table = _table(Case)
        for row in self._recent(Case, "closed_at", CLOSED_LIMIT, table.c.status == "closed"):
            changes = {
                "status": ["in_progress", "closed"],
                "closed_at": [None, trail_value("closed_at", row["closed_at"])],
            }  # (the status before is not kept; most cases close from "in progress")
            staff_id = self._actor(row["owner_id"])
            self._add(row["closed_at"], staff_id, "update", Case, int(row["id"]), changes)

    def notes(self) -> None:
        for row in self._recent(CaseNote, "created_at", LIMITS["case_note"]):
            self._created(CaseNote, row, self._actor(row["author_id"]))

    def tasks(self) -> None:
        owners = self._case_owners
        created = self._recent(Task, "created_at", LIMITS["task"])
        done = self._recent(Task, "done_at", DONE_LIMIT, _table(Task).c.done_at.is_not(None))
        owner_of = owners({int(row["case_id"]) for row in [*created, *done]})
        for row in created:
            # As it was made: not done yet.
            self._created(Task, dict(row, done_at=None), self._actor(owner_of.get(row["case_id"])))
        for row in done:
            changes = {"done_at": [None, trail_value("done_at", row["done_at"])]}
            staff_id = self._actor(owner_of.get(row["case_id"]))
            self._add(row["done_at"], staff_id, "update", Task, int(row["id"]), changes)

    def _case_owners(self, case_ids: set[int]) -> dict[int, int | None]:
        if not case_ids:
            return {}
        table = _table(Case)
        rows = self.connection.execute(
            select(table.c.id, table.c.owner_id).where(table.c.id.in_(sorted(case_ids)))
        )
        return {int(row.id): row.owner_id for row in rows}

    # --- writing ------------------------------------------------------------------------------

    def emit(self) -> None:
        """The entries in time order, numbered after those already in the trail."""
        table = _table(AuditEntry)
        last = self.connection.execute(select(table.c.id).order_by(table.c.id.desc())).first()
        next_id = (int(last[0]) if last else 0) + 1
        ordered = sorted(self.entries, key=lambda entry: (entry.at, entry.entity, entry.entity_id))
        rows: list[Row] = []
        for number, entry in enumerate(ordered, start=next_id):
            stamp = entry.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
            changes = json.dumps(entry.changes, ensure_ascii=False, sort_keys=True)
            rows.append(
                (number, stamp, entry.staff_id, self.staff[entry.staff_id], entry.action,
                 entry.entity, entry.entity_id, changes)
            )  # fmt: skip
        self.world.emit(AUDIT_ENTRY, rows)
