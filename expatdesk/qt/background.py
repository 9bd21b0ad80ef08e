"""Long work off the GUI thread: a function runs in the global thread pool, its result comes back
as a signal in the GUI thread.

The core functions (``compute_targets``, the PDF renderer) open their own sessions, so they are
safe to run in a worker thread; they never touch Qt widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from expatdesk.common.db_errors import user_message

log = logging.getLogger(__name__)


class Job(QObject):
    """One function run in the thread pool.

    Signals:
        finished(object): the function's result, delivered in the GUI thread.
        failed(str): what the user can act on (:func:`expatdesk.common.db_errors.user_message`:
            a refusal, a database that cannot be used), or a short note about a bug (logged).
    """

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, function: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._function = function

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))

    def _run(self) -> None:
        try:
            result = self._function()
        except Exception as error:
            message = user_message(error)  # sorted in one place of the core
            if message is None:  # a bug: log it with its traceback, tell the user briefly
                log.exception("background job failed")
                message = f"{type(error).__name__}: {error}"
            self._deliver(self.failed, message)
        else:
            self._deliver(self.finished, result)

    @staticmethod
    def _deliver(signal: Any, value: object) -> None:
        """Emit ``value``, unless the job's owner (a dialog, an area) was closed meanwhile: then
        nobody waits for it, and PySide says so with a ``RuntimeError``."""
        try:
            signal.emit(value)
        except RuntimeError:
            log.debug("a background job ended after its owner was closed")


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()
