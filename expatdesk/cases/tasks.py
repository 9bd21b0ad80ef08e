"""The tasks of a case: added, changed, done, deleted; only while the case is open.

Each write runs in one transaction and refuses a change based on an old copy of the task
(:class:`~expatdesk.common.concurrency.StaleRecordError`); see :mod:`expatdesk.cases.workflow`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from expatdesk import clock
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.cases.deliveries import date_problem
from expatdesk.cases.workflow import case_for_change, check_case_open
from expatdesk.common.concurrency import add_once, check_version, stale_guard
from expatdesk.common.validation import Problems, clean, required, too_long
from expatdesk.db.database import Database
from expatdesk.db.models import Task
from expatdesk.db.types import utcnow
from expatdesk.i18n import _

TITLE_LIMIT = 300


def _check_task(problems: Problems, title: str | None, due_date: date | None, today: date) -> None:
    problems.add("title", required(title) or too_long(title, TITLE_LIMIT))
    if due_date is not None:
        problems.add("due_date", date_problem(due_date, today, future_allowed=True))


def add_task(
    database: Database,
    actor: Actor,
    case_id: int,
    title: str,
    due_date: date | None = None,
    *,
    today: date | None = None,
    request_key: str | None = None,
) -> int:
    """Add a task (fields ``title``, ``due_date``) to an open case; returns its id.

    ``request_key``: the form's key; a task saved with it already raises
    :class:`~expatdesk.errors.AlreadySavedError`.
    """
    actor.require(Permission.CLIENTS)
    today = today or clock.today()
    cleaned = clean(title)
    with database.transaction(actor) as session:
        check_case_open(session, case_id)
        problems = Problems()
        _check_task(problems, cleaned, due_date, today)
        problems.raise_if_any()
        assert cleaned is not None
        task = Task(case_id=case_id, title=cleaned, due_date=due_date)
        add_once(session, task, request_key, _("This task was already saved."))
        return task.id


def _task_for_edit(session: Session, task_id: int, expected_version: int) -> Task:
    task = session.get(Task, task_id)
    check_version(session, task, expected_version, "task")
    assert task is not None
    case_for_change(session, task.case_id)
    return task


def edit_task(
    database: Database,
    actor: Actor,
    task_id: int,
    title: str,
    due_date: date | None,
    *,
    expected_version: int,
    today: date | None = None,
) -> None:
    """Change a task's title and due date (fields ``title``, ``due_date``)."""
    actor.require(Permission.CLIENTS)
    today = today or clock.today()
    cleaned = clean(title)
    with database.transaction(actor) as session:
        task = _task_for_edit(session, task_id, expected_version)
        problems = Problems()
        _check_task(problems, cleaned, due_date, today)
        problems.raise_if_any()
        assert cleaned is not None
        task.title = cleaned
        task.due_date = due_date
        with stale_guard(session, "task", task_id):
            session.flush()


def set_task_done(
    database: Database, actor: Actor, task_id: int, done: bool, *, expected_version: int
) -> None:
    """Mark a task done (now) or not done."""
    actor.require(Permission.CLIENTS)
    with database.transaction(actor) as session:
        task = _task_for_edit(session, task_id, expected_version)
        if done and task.done_at is None:
            task.done_at = utcnow()
        elif not done:
            task.done_at = None
        with stale_guard(session, "task", task_id):
            session.flush()


def delete_task(database: Database, actor: Actor, task_id: int, *, expected_version: int) -> None:
    actor.require(Permission.CLIENTS)
    with database.transaction(actor) as session:
        task = _task_for_edit(session, task_id, expected_version)
        session.delete(task)
        with stale_guard(session, "task", task_id):
            session.flush()
