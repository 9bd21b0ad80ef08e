"""The one place that sorts an error into "the user can act on it" and "a bug".

The user can act on: a form that breaks a rule (:class:`ValidationError`), a copy someone else
changed meanwhile (:class:`StaleRecordError`), a save the database already has
(:class:`AlreadySavedError`), anything else the services refuse with a message
(:class:`UserError`, including a database that cannot be used: ``Database.writing`` and
``Database.reading`` turn those into :class:`DatabaseError`), and a connection that broke outside
those blocks (an ``OperationalError`` or an invalidated connection). Everything else is a bug: it
keeps its traceback. The GUI and the command line show the first kinds, never decide it themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from sqlalchemy.exc import DBAPIError, OperationalError

from expatdesk.common.concurrency import StaleRecordError
from expatdesk.common.validation import FieldError, ValidationError
from expatdesk.errors import AlreadySavedError, UserError
from expatdesk.i18n import _


class Problem(Enum):
    """Why a write was not done, as far as the user can act on it."""

    INVALID = "invalid"  # fields break rules: show each beside its field
    STALE = "stale"  # someone else changed or deleted the record: offer to reload
    ALREADY_SAVED = "already_saved"  # an earlier, unclear try was saved after all
    REFUSED = "refused"  # a service or the database refused, with a message
    UNAVAILABLE = "unavailable"  # the database cannot be reached or used right now


@dataclass(frozen=True)
class Refusal:
    """An error the user can act on: its kind, its message and the error itself."""

    problem: Problem
    message: str
    error: BaseException

    @property
    def field_errors(self) -> tuple[FieldError, ...]:
        """The refused fields of an :attr:`Problem.INVALID` refusal (else none)."""
        if isinstance(self.error, ValidationError):
            return tuple(self.error.errors)
        return ()


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def sort_error(error: BaseException) -> Refusal | None:
    """The :class:`Refusal` ``error`` is for the user, or ``None`` when it is a bug."""
    if isinstance(error, ValidationError):
        message = "\n".join(problem.message for problem in error.errors)
        return Refusal(Problem.INVALID, message, error)
    if isinstance(error, StaleRecordError):
        return Refusal(Problem.STALE, str(error), error)
    if isinstance(error, AlreadySavedError):
        return Refusal(Problem.ALREADY_SAVED, str(error), error)
    if isinstance(error, UserError):
        return Refusal(Problem.REFUSED, str(error), error)
    if isinstance(error, OperationalError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    ):
        original = error.orig if error.orig is not None else error
        message = _("The database cannot be used right now: {reason}").format(
            reason=_first_line(original)
        )
        return Refusal(Problem.UNAVAILABLE, message, error)
    return None


def user_message(error: BaseException) -> str | None:
    """What to tell the user about ``error``, or ``None`` when it is a bug."""
    refusal = sort_error(error)
    return None if refusal is None else refusal.message
