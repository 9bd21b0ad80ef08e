"""Starting, pausing and killing the child processes of :mod:`tests.reliability.children`."""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func
from sqlalchemy import select as sql_select

from expatdesk.db.database import Database
from expatdesk.db.models import Base

ROOT = Path(__file__).resolve().parents[2]
#: How long a child may take to reach its pause point or to finish: a guard, not a timing.
GUARD_S = 180


@dataclass
class Child:
    """A running child, its output files and the read end of its ready pipe."""

    process: subprocess.Popen[bytes]
    ready: int
    stdout: Path
    stderr: Path

    def output(self) -> str:
        return self.stdout.read_text(encoding="utf-8", errors="replace")

    def errors(self) -> str:
        return self.stderr.read_text(encoding="utf-8", errors="replace")

    def wait_until_ready(self) -> None:
        """Block until the child is ready (paused, or waiting for go); fail if it ended."""
        readable, _, _ = select.select([self.ready], [], [], GUARD_S)
        data = os.read(self.ready, 1) if readable else b""
        if data != b"!":
            self.process.kill()
            self.process.wait()
            raise AssertionError(
                f"the child never reached its pause point (exit {self.process.returncode}):\n"
                f"{self.output()}\n{self.errors()}"
            )

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        assert self.process.wait(GUARD_S) == -signal.SIGKILL
        os.close(self.ready)

    def finish(self, timeout: float = GUARD_S) -> int:
        """Wait (at most ``timeout`` seconds) for the child to end; its exit code."""
        code = self.process.wait(timeout)
        os.close(self.ready)
        return code


def database_url(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


def start_child(
    scenario: str,
    url: str,
    folder: Path,
    *arguments: str,
    pause_at: str = "",
    extra_fds: Sequence[int] = (),
    name: str = "child",
) -> Child:
    """Start ``python -m tests.reliability.children scenario url ...`` with a ready pipe."""
    ready, ready_write = os.pipe()
    command = [
        sys.executable,
        "-m",
        "tests.reliability.children",
        scenario,
        url,
        "--ready-fd",
        str(ready_write),
        *arguments,
    ]
    if pause_at:
        command += ["--pause-at", pause_at]
    stdout, stderr = folder / f"{name}.out", folder / f"{name}.err"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=out, stderr=err, pass_fds=(ready_write, *extra_fds)
        )
    os.close(ready_write)
    return Child(process, ready, stdout, stderr)


def start_together(
    scenario: str,
    url: str,
    folder: Path,
    count: int,
    arguments: Callable[[int], Sequence[str]],
    name: str,
) -> list[Child]:
    """Start ``count`` children, wait until each is ready, then let them all go at once.

    Child ``n`` gets ``arguments(n)`` and ``--go-fd``; it waits for one byte there before it
    starts working, so the work of all of them overlaps from the first moment.
    """
    go = [os.pipe() for _ in range(count)]
    children = [
        start_child(
            scenario,
            url,
            folder,
            "--go-fd",
            str(read),
            *arguments(number),
            extra_fds=(read,),
            name=f"{name}{number}",
        )
        for number, (read, _write) in enumerate(go)
    ]
    for child in children:
        child.wait_until_ready()
    for read, write in go:
        os.write(write, b"!")
        os.close(write)
        os.close(read)
    return children


def kill_at(scenario: str, url: str, folder: Path, pause_at: str, *arguments: str) -> None:
    """Run a child until it reaches ``pause_at``, then kill it with SIGKILL."""
    child = start_child(scenario, url, folder, *arguments, pause_at=pause_at)
    child.wait_until_ready()
    child.kill()


# --- what the database holds afterwards -------------------------------------------------------


def integrity(database: Database) -> None:
    """SQLite's own checks pass: ``PRAGMA integrity_check`` is "ok", no foreign key is dangling.

    A fresh connection (not the pool's) so it also replays what a killed writer left in the WAL.
    """
    if not database.is_sqlite:
        return
    connection = sqlite3.connect(database.url.database or "")
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def counts(database: Database, *tables: str) -> dict[str, int]:
    """How many rows each of ``tables`` holds."""
    with database.reading() as session:
        return {
            name: session.execute(
                sql_select(func.count()).select_from(Base.metadata.tables[name])
            ).scalar_one()
            for name in tables
        }
