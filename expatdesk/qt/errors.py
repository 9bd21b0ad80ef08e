"""Errors that escape into Qt's event loop: database problems told to the user, bugs logged.

A query runs in a slot (a search, a click on a header, a selected row). If the server went away,
the file is locked or the disk is full, the user gets a message they can act on instead of a
list that silently stops changing; anything else is a bug and goes to the log with its traceback.
Which is which is decided in one place of the core, :mod:`expatdesk.common.db_errors`.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from PySide6.QtWidgets import QWidget

from expatdesk.common.db_errors import user_message
from expatdesk.qt import msgbox

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


__all__ = ["ErrorHook", "reporting_errors", "user_message"]


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
