"""expatdesk backup / restore: consistent SQLite copies, refusals with one line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import URL

from expatdesk.cli.main import main
from expatdesk.db.database import open_database
from expatdesk.db.models import Employer


def _employers(path: Path) -> list[str]:
    database = open_database(str(path))
    try:
        with database.reading() as session:
            return list(session.scalars(select(Employer.name).order_by(Employer.name)))
    finally:
        database.dispose()


def _add_employer(path: Path, ref: str, name: str) -> None:
    database = open_database(str(path), create=True)
    try:
        with database.transaction() as session:
            session.add(Employer(employer_ref=ref, name=name, high_tech=True))
    finally:
        database.dispose()


def test_backup_and_restore_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    desk, copy = tmp_path / "desk.sqlite3", tmp_path / "copy.sqlite3"
    _add_employer(desk, "E1", "Demcon")
    # A second connection holds an open read transaction: the online backup still works.
    reader = sqlite3.connect(desk)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM employer").fetchone()
    try:
        assert main(["backup", str(copy), "--database", str(desk)]) == 0
    finally:
        reader.close()
    assert "Backup of" in capsys.readouterr().out
    assert _employers(copy) == ["Demcon"]

    _add_employer(desk, "E2", "Thales")
    assert main(["restore", str(copy), "--database", str(desk)]) == 0
    out = capsys.readouterr().out
    assert "restored from" in out
    assert _employers(desk) == ["Demcon"]
    kept = Path(out.rsplit(" ", 1)[1].strip())
    assert _employers(kept) == ["Demcon", "Thales"]


def test_backup_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    desk, copy = tmp_path / "desk.sqlite3", tmp_path / "copy.sqlite3"
    copy.write_text("keep me")
    assert main(["init", "--database", str(desk)]) == 0
    capsys.readouterr()
    assert main(["backup", str(copy), "--database", str(desk)]) == 1
    err = capsys.readouterr().err
    assert "exists already" in err
    assert len(err.strip().splitlines()) == 1
    assert copy.read_text() == "keep me"


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"not a database at all" * 50, "Cannot open the SQLite database"), (None, "No backup file")],
)
def test_restore_refuses_what_is_no_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, expected: str
) -> None:
    desk, bad = tmp_path / "desk.sqlite3", tmp_path / "bad.sqlite3"
    _add_employer(desk, "E1", "Demcon")
    if content is not None:
        bad.write_bytes(content)
    assert main(["restore", str(bad), "--database", str(desk)]) == 1
    err = capsys.readouterr().err
    assert expected in err
    assert len(err.strip().splitlines()) == 1
    assert _employers(desk) == ["Demcon"]


def test_restore_refuses_an_empty_sqlite_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk, other = tmp_path / "desk.sqlite3", tmp_path / "other.sqlite3"
    _add_employer(desk, "E1", "Demcon")
    sqlite3.connect(other).close()
    assert main(["restore", str(other), "--database", str(desk)]) == 1
    assert "no ExpatDesk backup" in capsys.readouterr().err
    assert _employers(desk) == ["Demcon"]


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)])
def test_postgres_is_backed_up_with_pg_dump(
    empty_url: URL, backend: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = empty_url.render_as_string(hide_password=False)
    assert main(["init", "--database", url]) == 0
    assert main(["backup", str(tmp_path / "x"), "--database", url]) == 1
    assert "pg_dump" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
    database = open_database(empty_url, create=True)
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(Employer)) == 0
    database.dispose()
