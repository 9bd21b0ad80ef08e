"""The one sorting of errors: what the user can act on (and how), and what is a bug."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from expatdesk.common.concurrency import StaleRecordError
from expatdesk.common.db_errors import Problem, sort_error, user_message
from expatdesk.common.validation import FieldError, ValidationError
from expatdesk.errors import AlreadySavedError, DatabaseError


def test_refused_fields_are_invalid_and_keep_each_field() -> None:
    error = ValidationError([FieldError("name", "Name is required."), FieldError("kvk", "Bad.")])
    refusal = sort_error(error)
    assert refusal is not None
    assert refusal.problem is Problem.INVALID
    assert [problem.field for problem in refusal.field_errors] == ["name", "kvk"]
    assert refusal.message == "Name is required.\nBad."


def test_a_stale_copy_an_earlier_save_and_a_refusal_are_told_apart() -> None:
    stale = sort_error(StaleRecordError("Changed by Ans.", "expat", 4))
    saved = sort_error(AlreadySavedError("Saved before.", 12))
    refused = sort_error(DatabaseError("The disk is full."))
    assert stale is not None
    assert stale.problem is Problem.STALE
    assert saved is not None
    assert saved.problem is Problem.ALREADY_SAVED
    assert refused is not None
    assert refused.problem is Problem.REFUSED
    assert refused.message == "The disk is full."
    assert stale.field_errors == ()


def test_a_lost_connection_is_unavailable() -> None:
    locked = OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked\nmore"))
    refusal = sort_error(locked)
    assert refusal is not None
    assert refusal.problem is Problem.UNAVAILABLE
    assert refusal.message == "The database cannot be used right now: database is locked"
    invalidated = DBAPIError(
        "SELECT 1", {}, Exception("server closed"), connection_invalidated=True
    )
    assert user_message(invalidated) == "The database cannot be used right now: server closed"


def test_bugs_are_not_sorted_as_the_users_problem() -> None:
    integrity = IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE failed"))
    assert sort_error(integrity) is None
    assert sort_error(ValueError("x")) is None
    assert user_message(KeyError("id")) is None
