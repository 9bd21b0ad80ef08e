"""Long work off the GUI thread: a function runs in the global thread pool, its result comes back
as a signal in the GUI thread.

The core functions (``compute_targets``, the PDF renderer) open their own sessions, so they are
safe to run in a worker thread; they never touch Qt widgets.

Python code runs in worker threads here and in :mod:`expatdesk.qt.operations`, and Qt forbids
destroying a QObject of the GUI thread from another thread: a widget deleted in a worker leaves its
timers and animations registered with the GUI thread, which later calls into freed memory. Two
things can make a worker delete one: dropping the last reference to a Python object that keeps a
widget alive, and Python's cyclic garbage collector, which runs in whatever thread happens to
allocate when a threshold is crossed. So a job's QObject belongs to the application and is deleted
by the GUI thread, the job drops its function there, and :func:`collect_garbage_in_gui_thread`
makes the GUI thread the only one to collect cycles.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal

from expatdesk.common.db_errors import user_message

log = logging.getLogger(__name__)

#: How often the GUI thread looks whether the garbage collector's thresholds were crossed.
COLLECT_INTERVAL_MS = 200
_COLLECTOR_NAME = "expatdesk-gui-thread-collector"


class _Collector(QObject):
    """Runs Python's garbage collector in the GUI thread, as the automatic one would have."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName(_COLLECTOR_NAME)
        self._timer = QTimer(self)
        self._timer.setInterval(COLLECT_INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    @staticmethod
    def collect() -> int:
        """Collect the oldest generation whose threshold was crossed; the objects found."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                return gc.collect(generation)
        return 0


def collect_garbage_in_gui_thread(app: QCoreApplication) -> None:
    """From now on only the GUI thread collects reference cycles (see the module).

    The automatic collector is switched off; a timer of the GUI thread collects as it would
    have, by the same thresholds. Calling it again keeps the one timer.
    """
    gc.disable()
    if app.findChild(_Collector, _COLLECTOR_NAME) is None:
        _Collector(app)


def collect_garbage_anywhere(*pools: QThreadPool, timeout_ms: int = 30_000) -> bool:
    """Give the collection of cycles back to Python's automatic collector, for code without Qt.

    Only once no worker of ``pools`` (and of the global pool) runs Python any more: switched on
    while one still did, the collector could run in that worker and destroy there what the GUI
    thread had just closed, while the GUI thread creates its next widgets (a crash in the GUI
    thread, e.g. in a ``QDialog``'s constructor). The GUI thread collects first, itself.

    ``False`` when a worker still runs after ``timeout_ms``: the collector then stays off.
    """
    for pool in (QThreadPool.globalInstance(), *pools):
        if not pool.waitForDone(timeout_ms):
            return False
    gc.collect()
    gc.enable()
    return True


#: The jobs started and not yet back in the GUI thread.
_running: set[Job] = set()


def jobs_running() -> bool:
    """Whether a job has not yet delivered its outcome in the GUI thread."""
    return bool(_running)


class Job(QObject):
    """One function run in the thread pool.

    The job belongs to the application, not to whoever started it (which may close while the
    function runs); it deletes itself in the GUI thread once its outcome is delivered.

    Signals:
        finished(object): the function's result, delivered in the GUI thread.
        failed(str): what the user can act on (:func:`expatdesk.common.db_errors.user_message`:
            a refusal, a database that cannot be used), or a short note about a bug (logged).
    """

    finished = Signal(object)
    failed = Signal(str)
    _ended = Signal()  # from the worker thread, queued to the GUI thread: see _outcome

    def __init__(self, function: Callable[[], Any]) -> None:
        super().__init__(QCoreApplication.instance())
        self._function: Callable[[], Any] | None = function
        #: What the worker hands over: (True, the result) or (False, the message).
        self._outcome: tuple[bool, Any] | None = None
        self._ended.connect(self._end, Qt.ConnectionType.QueuedConnection)

    def start(self, pool: QThreadPool | None = None) -> None:
        _running.add(self)
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))

    def _run(self) -> None:  # in the worker thread
        function = self._function
        assert function is not None
        try:
            outcome: tuple[bool, Any] = (True, function())
        except Exception as error:
            message = user_message(error)  # sorted in one place of the core
            if message is None:  # a bug: log it with its traceback, tell the user briefly
                log.exception("background job failed")
                message = f"{type(error).__name__}: {error}"
            outcome = (False, message)
        # Let go of the function (and the error's frames) before the GUI thread may let go of
        # its own references: else this thread could free what the function keeps alive.
        del function
        self._outcome = outcome
        del outcome
        self._ended.emit()

    def _end(self) -> None:
        outcome, self._outcome = self._outcome, None
        self._let_go()
        assert outcome is not None
        succeeded, value = outcome
        self._deliver(self.finished if succeeded else self.failed, value)

    def _let_go(self) -> None:
        """In the GUI thread: drop the function (and what it keeps alive) and go when done."""
        self._function = None
        _running.discard(self)
        self.deleteLater()

    @staticmethod
    def _deliver(signal: Any, value: object) -> None:
        """Emit ``value``; a receiver closed meanwhile says so with a ``RuntimeError``."""
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
