"""Errors reaching the event loop: the user's problems shown, bugs passed on."""

from __future__ import annotations

import sqlite3
import sys

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy.exc import IntegrityError, OperationalError

from expatdesk.errors import DatabaseError
from expatdesk.qt.errors import ErrorHook, reporting_errors, user_message


def locked() -> OperationalError:
    return OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))


def test_database_problems_have_a_message() -> None:
    assert user_message(locked()) == "The database cannot be used right now: database is locked"
    assert user_message(DatabaseError("Cannot open it.")) == "Cannot open it."
    integrity = IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE failed"))
    assert user_message(integrity) is None  # a bug: the code should have prevented it
    assert user_message(ValueError("x")) is None


def test_the_hook_shows_the_problem(qapp, dialogs: list[QDialog]) -> None:
    passed_on: list[BaseException] = []
    hook = ErrorHook(lambda: None, lambda _kind, error, _tb: passed_on.append(error))
    hook(OperationalError, locked(), None)
    (box,) = dialogs
    assert isinstance(box, QMessageBox)
    assert "database is locked" in box.text()
    assert passed_on == []


def test_the_hook_passes_bugs_on(dialogs: list[QDialog]) -> None:
    passed_on: list[BaseException] = []
    hook = ErrorHook(lambda: None, lambda _kind, error, _tb: passed_on.append(error))
    bug = ZeroDivisionError("oops")
    hook(ZeroDivisionError, bug, None)
    assert passed_on == [bug]
    assert dialogs == []


def test_reporting_errors_installs_and_restores_the_hook() -> None:
    before = sys.excepthook
    with reporting_errors(lambda: None) as hook:
        assert sys.excepthook is hook
    assert sys.excepthook is before


@pytest.mark.parametrize("query", ["jose"])
def test_a_failing_search_is_reported(
    qtbot, window, dialogs: list[QDialog], monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    from expatdesk.qt.widgets import record_model

    def fail(*_args: object, **_kwargs: object) -> None:
        raise locked()

    area = window.expats_area  # built (it reads its first page) before the searches fail
    monkeypatch.setattr(record_model, "find_ids", fail)
    with reporting_errors(lambda: window):
        area.ui.searchEdit.setText(query)
        qtbot.wait_until(lambda: len(dialogs) == 1)
    assert "database is locked" in dialogs[0].text()
    assert area.model.rowCount() == 5  # the list stays as it was
