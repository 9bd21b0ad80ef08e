"""The tasks of a case: added, changed, done, deleted, on an open case and a current copy."""

from __future__ import annotations

from datetime import date

import pytest

from expatdesk.cases import detail as case_detail
from expatdesk.cases import tasks as case_tasks
from expatdesk.common.concurrency import StaleRecordError
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Task,
)
from tests.helpers.cases import (
    TODAY,
    Staff,
    audit_rows,
    count_rows,
    messages,
    open_case,
)
from tests.helpers.sample import Sample

# --- tasks ------------------------------------------------------------------------------------


def test_tasks_add_edit_done_undone_delete(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = open_case(database, staff.anna, sample)
    later = case_tasks.add_task(
        database, staff.anna, case_id, "Book the town hall", date(2026, 12, 3), today=TODAY
    )
    case_tasks.add_task(database, staff.anna, case_id, "Call back", None, today=TODAY)
    first = case_tasks.add_task(
        database, staff.anna, case_id, "Check documents", date(2026, 11, 20), today=TODAY
    )

    tasks = case_detail.load_case(database, case_id).tasks
    assert [(task.title, task.due_date) for task in tasks] == [
        ("Check documents", date(2026, 11, 20)),
        ("Book the town hall", date(2026, 12, 3)),
        ("Call back", None),
    ]
    assert [task.overdue(TODAY) for task in tasks] == [True, False, False]

    case_tasks.edit_task(
        database,
        staff.anna,
        later,
        "Book the town hall appointment",
        date(2026, 11, 27),
        expected_version=1,
        today=TODAY,
    )
    case_tasks.set_task_done(database, staff.anna, first, True, expected_version=1)
    tasks = case_detail.load_case(database, case_id).tasks
    assert [(task.title, task.done) for task in tasks] == [
        ("Check documents", True),
        ("Book the town hall appointment", False),
        ("Call back", False),
    ]
    assert tasks[0].done_at is not None
    assert not tasks[0].overdue(TODAY)

    case_tasks.set_task_done(database, staff.anna, first, False, expected_version=2)
    assert case_detail.load_case(database, case_id).tasks[0].done_at is None
    case_tasks.delete_task(database, staff.anna, later, expected_version=2)
    assert [task.title for task in case_detail.load_case(database, case_id).tasks] == [
        "Check documents",
        "Call back",
    ]
    assert [action for action, _user, _id in audit_rows(database, "task")] == [
        "create",
        "create",
        "create",
        "update",
        "update",
        "update",
        "delete",
    ]


def test_task_input_is_checked(database: Database, sample: Sample, staff: Staff) -> None:
    case_id = open_case(database, staff.anna, sample)
    with pytest.raises(ValidationError) as refused:
        case_tasks.add_task(database, staff.anna, case_id, " ", date(1999, 1, 1), today=TODAY)
    assert messages(refused.value) == {
        "title": "This field is required.",
        "due_date": "This date lies before 2000; check the year.",
    }
    task_id = case_tasks.add_task(database, staff.anna, case_id, "Far ahead", date(2030, 1, 1))
    with pytest.raises(ValidationError) as refused:
        case_tasks.edit_task(
            database, staff.anna, task_id, "t" * 301, None, expected_version=1, today=TODAY
        )
    assert messages(refused.value) == {"title": "At most 300 characters."}
    assert count_rows(database, Task) == 1


def test_task_changes_on_an_old_copy_are_refused(
    database: Database, sample: Sample, staff: Staff
) -> None:
    case_id = open_case(database, staff.anna, sample)
    task_id = case_tasks.add_task(database, staff.anna, case_id, "Call back", TODAY, today=TODAY)
    case_tasks.set_task_done(database, staff.bram, task_id, True, expected_version=1)
    for change in (
        lambda: case_tasks.set_task_done(database, staff.anna, task_id, True, expected_version=1),
        lambda: case_tasks.edit_task(database, staff.anna, task_id, "X", None, expected_version=1),
        lambda: case_tasks.delete_task(database, staff.anna, task_id, expected_version=1),
    ):
        with pytest.raises(StaleRecordError, match=r"^bram changed this record on .+ \(Done\)\."):
            change()
    assert count_rows(database, Task) == 1
