"""Errors that escape into Qt's event loop: database problems told to the user, bugs logged.

A query runs in a slot (a search, a click on a header, a selected row). If the server went away,
the file is locked or the disk is full, the user gets a message they can act on instead of a
list that silently stops changing; anything else is a bug and goes to the log with its traceback.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from PySide6.QtWidgets import QWidget
from sqlalchemy.exc import DBAPIError, OperationalError

from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.qt import msgbox

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def user_message(error: BaseException) -> str | None:
    """What to tell the user about ``error``, or ``None`` when it is a bug."""
    if isinstance(error, UserError):
        return str(error)
    if isinstance(error, OperationalError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    ):
        original = error.orig if error.orig is not None else error
        reason = str(original).strip().splitlines()[0] if str(original).strip() else ""
        return _("The database cannot be used right now: {reason}").format(reason=reason)
    return None


class ErrorHook:
    """Shows database problems and other user errors; passes bugs on to the previous hook."""

    def __init__(self, parent: Callable[[], QWidget | None], previous: ExceptHook) -> None:
        self._parent = parent
        self._previous = previous

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        traceback: TracebackType | None,
    ) -> None:
        message = user_message(error)
        if message is None:
            log.error("unexpected error", exc_info=(kind, error, traceback))
            self._previous(kind, error, traceback)
            return
        log.warning("%s", message)
        msgbox.error(self._parent(), "ExpatDesk", message)


@contextmanager
def reporting_errors(parent: Callable[[], QWidget | None]) -> Iterator[ErrorHook]:
    """Route exceptions that reach the event loop through an :class:`ErrorHook`."""
    previous = sys.excepthook
    hook = ErrorHook(parent, previous)
    sys.excepthook = hook
    try:
        yield hook
    finally:
        sys.excepthook = previous
