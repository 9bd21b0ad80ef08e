"""Long work off the GUI thread: results and failures come back as signals, sorted as the core
sorts errors."""

from __future__ import annotations

import gc
import logging
import sqlite3
import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThreadPool
from PySide6.QtWidgets import QWidget
from sqlalchemy.exc import OperationalError

from expatdesk.errors import DatabaseError
from expatdesk.qt.background import Job, collect_garbage_anywhere


def run(qtbot, function) -> tuple[list[object], list[str]]:
    job = Job(function)
    finished: list[object] = []
    failed: list[str] = []
    job.finished.connect(finished.append)
    job.failed.connect(failed.append)
    job.start()
    qtbot.waitUntil(lambda: bool(finished or failed))
    return finished, failed


def test_the_result_comes_back(qtbot) -> None:
    assert run(qtbot, lambda: 42) == ([42], [])


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (DatabaseError("The disk is full."), "The disk is full."),
        (
            OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked")),
            "The database cannot be used right now: database is locked",
        ),
    ],
)
def test_what_the_user_can_act_on_is_said_as_such(
    qtbot, caplog: pytest.LogCaptureFixture, error: Exception, message: str
) -> None:
    def fail() -> None:
        raise error

    assert run(qtbot, fail) == ([], [message])
    assert "background job failed" not in caplog.text


def test_a_bug_is_logged_and_told_briefly(qtbot, caplog: pytest.LogCaptureFixture) -> None:
    def bug() -> None:
        raise ZeroDivisionError("division by zero")

    with caplog.at_level(logging.ERROR):
        assert run(qtbot, bug) == ([], ["ZeroDivisionError: division by zero"])
    assert "background job failed" in caplog.text


def test_a_job_whose_receiver_was_closed_meanwhile_ends_quietly(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    escaped: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: escaped.append(args.exc_value))
    release = threading.Event()
    receiver = QWidget()
    job = Job(lambda: release.wait(5) and 42)
    job.finished.connect(receiver.setWindowTitle)
    job.start()
    receiver.deleteLater()  # the dialog that started it is closed before the result
    qtbot.waitUntil(lambda: not shiboken6.isValid(receiver))
    release.set()
    qtbot.waitUntil(lambda: not shiboken6.isValid(job))  # delivered, and deleted by the GUI thread
    assert QThreadPool.globalInstance().waitForDone(5000)
    assert escaped == []


class _Cycle:
    def __init__(self) -> None:
        self.me = self
        self.child = QObject()


def test_only_the_gui_thread_collects_reference_cycles(qtbot) -> None:
    """Python's collector would run in whichever thread crosses its threshold; a QObject in a
    cycle would then be deleted by a worker. The app's collector runs in the GUI thread only."""
    assert not gc.isenabled()
    freed_in: list[str] = []
    cycle = _Cycle()
    cycle.child.destroyed.connect(lambda: freed_in.append(threading.current_thread().name))
    del cycle

    def allocate() -> None:  # crosses the youngest generation's threshold many times
        for _ in range(50_000):
            garbage: list[object] = []
            garbage.append(garbage)

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    assert freed_in == []
    qtbot.waitUntil(lambda: bool(freed_in))
    assert freed_in == [threading.main_thread().name]


def test_python_collects_anywhere_again_only_once_no_worker_runs(qtbot) -> None:
    """The tests outside the GUI's get Python's automatic collector back, but not while a worker
    still runs Python: it could then collect, in that worker, widgets the GUI thread closed."""
    # (No timed waits of Python's: under libfaketime, as in `make test-moved-clock`, they never
    # time out. Qt's do.)
    release = threading.Event()
    ran_to_the_end = threading.Event()

    def work() -> None:
        release.wait()
        ran_to_the_end.set()

    def release_soon() -> None:
        time.sleep(0.2)
        release.set()

    Job(work).start()
    try:
        assert not collect_garbage_anywhere(timeout_ms=50)
        assert not gc.isenabled()
    finally:
        threading.Thread(target=release_soon).start()
    try:
        assert collect_garbage_anywhere()
        assert ran_to_the_end.is_set()
        assert gc.isenabled()
    finally:
        gc.disable()  # this test's own teardown hands it back
