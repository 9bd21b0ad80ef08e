"""A PostgreSQL server of a test's own, on a free port, that the test may stop and start.

Used by the fault tests (a server stopped while the desk works) and the soak test (a server
restarted while twenty desks write).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from tests.reliability.processes import GUARD_S, ROOT


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=GUARD_S, check=False
    )


POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")


@dataclass
class PrivateServer:
    """A PostgreSQL server of the test's own, on a free port."""

    folder: Path
    port: int
    as_postgres: list[str]

    @property
    def url(self) -> URL:
        return URL.create(
            "postgresql+psycopg",
            username="postgres",
            host="127.0.0.1",
            port=self.port,
            database="postgres",
        )

    def pg_ctl(self, *arguments: str) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        result = run(
            [
                *self.as_postgres,
                str(POSTGRES_BIN / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-o",
                options,
                "-l",
                str(self.folder / "log"),
                "-w",
                *arguments,
            ]
        )
        assert result.returncode == 0, result.stdout + result.stderr

    def start(self) -> None:
        self.pg_ctl("start")

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "stop")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def private_postgres() -> Iterator[PrivateServer]:
    if not (POSTGRES_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL 15 is not installed ({POSTGRES_BIN})")
    as_postgres: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="expatdesk-pg-"))
    if os.geteuid() == 0:  # initdb refuses root
        as_postgres = ["runuser", "-u", "postgres", "--"]
        shutil.chown(folder, "postgres")
    try:
        made = run(
            [
                *as_postgres,
                str(POSTGRES_BIN / "initdb"),
                "-D",
                str(folder / "data"),
                "--auth=trust",
                "--username=postgres",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        )
        assert made.returncode == 0, made.stdout + made.stderr
        server = PrivateServer(folder, free_port(), as_postgres)
        server.start()
        yield server
        run(
            [
                *as_postgres,
                str(POSTGRES_BIN / "pg_ctl"),
                "-D",
                str(folder / "data"),
                "-m",
                "immediate",
                "stop",
            ]
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
