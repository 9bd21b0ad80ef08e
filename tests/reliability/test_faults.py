"""Faults the desk cannot prevent give a clear message, and what was saved before stays intact.

A read-only SQLite file or folder, a full disk (a 2 MB file system mounted for the test), and a
PostgreSQL server stopped while the desk works (a private server started for the test). Each
reaches the user as one line from the command line or a :class:`DatabaseError` from the services,
never as a traceback; SQLite's integrity check passes and the rows saved before are all there.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from expatdesk.accounts.actor import SYSTEM
from expatdesk.db import engine as engine_module
from expatdesk.db.database import Database, open_database
from expatdesk.db.models import SurveyResponse
from expatdesk.errors import CommitUnknownError, DatabaseError
from expatdesk.surveys import responses as surveys
from tests.reliability.children import survey_answers
from tests.reliability.processes import counts, integrity
from tests.reliability.servers import PrivateServer, run

pytestmark = pytest.mark.reliability

SURVEYS_CSV = (
    "response_ref,respondent_type,respondent_ref,date,score_service,score_added_value,"
    "intends_to_leave,facilities_used\n"
    "FAULT-1,expat,,2025-03-01,8,,no,expat_centre\n"
    "FAULT-2,expat,,2025-03-02,6,,unsure,\n"
)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line a failed command printed on standard error."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def saved_responses(database: Database) -> int:
    return counts(database, "survey_response")["survey_response"]


# --- a read-only file or folder ---------------------------------------------------------------


def restricted() -> list[str]:
    """A command prefix under which file permissions hold, for root too."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root ignores file permissions, and setpriv (util-linux) is missing")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def desk_commands(path: Path, csv_file: Path) -> tuple[str, str]:
    """A survey response saved through the services, and an import through the command line,
    both as another user of the file would run them; their one-line messages."""
    prefix = restricted()
    service = run(
        [*prefix, sys.executable, "-m", "tests.reliability.children", "try-response", str(path)]
    )
    command = run(
        [
            *prefix,
            sys.executable,
            "-m",
            "expatdesk",
            "--database",
            str(path),
            "import",
            "surveys",
            str(csv_file),
        ]
    )
    return one_line(service), one_line(command)


def read_only_message(path: Path) -> str:
    return (
        f"The database {path} is read-only: ExpatDesk may not write to the file or to its "
        "folder. Ask for write access, or work on a copy."
    )


def test_a_read_only_database_file_refuses_saves_with_a_message(
    sqlite_database: Database, tmp_path: Path
) -> None:
    database = sqlite_database
    surveys.record_response(database, SYSTEM, survey_answers())
    database.dispose()
    path = Path(database.url.database or "")
    csv_file = tmp_path / "surveys.csv"
    csv_file.write_text(SURVEYS_CSV, encoding="utf-8")
    path.chmod(0o444)
    try:
        service, command = desk_commands(path, csv_file)
    finally:
        path.chmod(0o644)
    # The file opens (the desk can read it); the first save says why it cannot be saved.
    assert service == f"DatabaseError: {read_only_message(path)} Nothing was saved."
    assert command == f"expatdesk: {read_only_message(path)} Nothing was saved."
    integrity(database)
    assert saved_responses(database) == 1


def test_a_read_only_folder_is_refused_when_the_database_opens(
    sqlite_database: Database, tmp_path: Path
) -> None:
    database = sqlite_database
    surveys.record_response(database, SYSTEM, survey_answers())
    database.dispose()
    folder = tmp_path / "read-only"
    folder.mkdir()
    path = folder / "desk.sqlite3"
    shutil.copy(database.url.database or "", path)
    csv_file = tmp_path / "surveys.csv"
    csv_file.write_text(SURVEYS_CSV, encoding="utf-8")
    folder.chmod(0o555)  # the file may be written, but SQLite cannot add its -wal file
    try:
        service, command = desk_commands(path, csv_file)
    finally:
        folder.chmod(0o755)
    assert service == f"DatabaseError: {read_only_message(path)}"
    assert command == f"expatdesk: {read_only_message(path)}"
    copy = open_database(str(path))
    try:
        integrity(copy)
        assert saved_responses(copy) == 1
    finally:
        copy.dispose()


# --- a database locked by another program ----------------------------------------------------


def test_a_database_locked_for_too_long_gives_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 2000)
    path = tmp_path / "desk.sqlite3"
    database = open_database(str(path), create=True)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        with pytest.raises(DatabaseError) as raised:
            surveys.record_response(database, SYSTEM, survey_answers())
        assert str(raised.value) == (
            f"The database {path} is busy: another program kept it locked for more than 2 "
            "seconds. Try again in a moment. Nothing was saved."
        )
        other.execute("ROLLBACK")
        surveys.record_response(database, SYSTEM, survey_answers())
        assert saved_responses(database) == 1
    finally:
        other.close()
        database.dispose()


# --- a full disk ------------------------------------------------------------------------------

DISK_KB = 2048
#: What the filler file leaves free on the small disk.
FREE_KB = 192


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB file system: a size-limited tmpfs, or else an ext2 image on a loop device."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    tmpfs = run(["mount", "-t", "tmpfs", "-o", f"size={DISK_KB}k", "tmpfs", str(mount_point)])
    if tmpfs.returncode != 0:
        image = tmp_path / "disk.img"
        with image.open("wb") as file:
            file.truncate(DISK_KB * 1024)
        made = run(["mkfs.ext2", "-q", "-F", str(image)])
        loop = run(["mount", "-o", "loop", str(image), str(mount_point)])
        if made.returncode != 0 or loop.returncode != 0:
            pytest.skip(
                "cannot mount a small file system: tmpfs: "
                f"{tmpfs.stderr.strip()}; loop device: {(made.stderr + loop.stderr).strip()}"
            )
    try:
        yield mount_point
    finally:
        if run(["umount", str(mount_point)]).returncode != 0:
            run(["umount", "--lazy", str(mount_point)])


def fill(folder: Path, leave_kb: int) -> Path:
    """A file that takes all the space of ``folder``'s file system but ``leave_kb``."""
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize
    filler = folder / "filler"
    with filler.open("wb") as file:
        file.write(b"\0" * max(free - leave_kb * 1024, 0))
    return filler


def test_a_full_disk_gives_a_message_and_keeps_what_was_saved(
    sqlite_database: Database, small_disk: Path, tmp_path: Path
) -> None:
    sqlite_database.dispose()
    path = small_disk / "desk.sqlite3"
    shutil.copy(sqlite_database.url.database or "", path)
    filler = fill(small_disk, FREE_KB)
    full = (
        f"The disk is full: the database {path} cannot grow. "
        "Free some space on the disk, then try again."
    )
    database = open_database(str(path))
    try:
        saved = 0
        with pytest.raises(DatabaseError) as raised:  # noqa: PT012 - saves until the disk is full
            for _attempt in range(FREE_KB * 10):
                surveys.record_response(database, SYSTEM, survey_answers())
                saved += 1
        assert str(raised.value) == f"{full} Nothing was saved."
        assert saved > 0
        assert saved_responses(database) == saved

        csv_file = tmp_path / "surveys.csv"
        csv_file.write_text(SURVEYS_CSV, encoding="utf-8")
        command = run(
            [
                sys.executable,
                "-m",
                "expatdesk",
                "--database",
                str(path),
                "import",
                "surveys",
                str(csv_file),
            ]
        )
        assert one_line(command) == f"expatdesk: {full} Nothing was saved."
        integrity(database)
        assert saved_responses(database) == saved

        filler.unlink()  # space again: the desk carries on
        surveys.record_response(database, SYSTEM, survey_answers())
        assert saved_responses(database) == saved + 1
        integrity(database)
    finally:
        database.dispose()


# --- PostgreSQL stopped -----------------------------------------------------------------------


@pytest.fixture
def server_database(private_postgres: PrivateServer) -> Iterator[Database]:
    database = open_database(private_postgres.url, create=True)
    with database.transaction() as session:
        session.query(SurveyResponse).delete()
    yield database
    database.dispose()


def test_a_stopped_server_gives_a_message_and_the_desk_carries_on(
    private_postgres: PrivateServer, server_database: Database
) -> None:
    database = server_database
    surveys.record_response(database, SYSTEM, survey_answers())
    gone = f"No connection to the database server {database.name}: "

    private_postgres.stop()
    try:
        with pytest.raises(DatabaseError) as raised:
            surveys.record_response(database, SYSTEM, survey_answers())
        message = str(raised.value)
        assert message.startswith(gone)
        assert message.endswith(" Try again when the server runs again. Nothing was saved.")
        assert "\n" not in message
        with pytest.raises(DatabaseError, match=f"^{gone}"):
            surveys.responses_of_expat(database, 1)
        url = database.url.render_as_string(hide_password=False)
        command = run(
            [
                sys.executable,
                "-m",
                "expatdesk",
                "--database",
                url,
                "report",
                "targets",
                "--from",
                "2025",
                "--to",
                "2026",
            ]
        )
        assert one_line(command).startswith(
            f"expatdesk: Cannot use the PostgreSQL database {database.name}: "
        )
    finally:
        private_postgres.start()

    # The same open database works again, with what was saved before.
    surveys.record_response(database, SYSTEM, survey_answers())
    assert saved_responses(database) == 2


def test_a_server_stopped_during_a_save_loses_the_save_only(
    private_postgres: PrivateServer, server_database: Database
) -> None:
    database = server_database
    surveys.record_response(database, SYSTEM, survey_answers())
    try:
        with pytest.raises(DatabaseError) as raised, database.transaction() as session:  # noqa: PT012
            session.add(
                SurveyResponse(
                    response_ref="RSP-STOPPED",
                    respondent_type="expat",
                    responded_on=survey_answers().responded_on,
                )
            )
            session.flush()
            private_postgres.stop()
        # The connection broke at COMMIT: the desk cannot know what the server did.
        assert str(raised.value).startswith(
            f"No connection to the database server {database.name}: "
        )
        assert str(raised.value).endswith("Check whether the change was saved.")
        assert isinstance(raised.value, CommitUnknownError)  # the forms keep their request key
    finally:
        private_postgres.start()
    assert saved_responses(database) == 1  # a server stopped in order rolls the save back
    surveys.record_response(database, SYSTEM, survey_answers())
    assert saved_responses(database) == 2
