"""``expatdesk report targets``: JSON to standard output or a file, and one-line errors."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from expatdesk.cli.main import main
from expatdesk.db.database import Database, open_database
from expatdesk.errors import UserError
from expatdesk.reports import output
from tests.conftest import TEST_NOW
from tests.unit.reports.records import records

#: The suite's current year (its clock; ``EXPATDESK_TEST_NOW`` moves it).
YEAR = TEST_NOW.astimezone().year


def _url(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


def _fill(database: Database) -> None:
    with records(database) as add:
        add.attracting_employers(2015, total=12, served=7)
        add.employer_grades(2015, [8] * 10, [7, 9] * 5)
        add.expat_grades(2015, [7, 8, 9, 6, 8, 7, 9, 8, 7, 8])
        add.intentions(2015, yes=3, no=9, facility="expat_centre")


def test_help_lists_the_report_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "report" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["report", "targets", "--help"])
    out = capsys.readouterr().out
    for option in ("--from", "--to", "--format", "-o", "--database", "--lang"):
        assert option in out


def test_json_goes_to_standard_output(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(database)
    code = main(
        ["report", "targets", "--from", "2014", "--to", "2015", "--database", _url(database)]
    )
    assert code == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    document = json.loads(captured.out)
    assert document["report"] == "targets"
    assert [entry["year"] for entry in document["N"]] == [2014, 2015]
    assert document["N"][1]["denominator"] == 12
    assert document["N"][1]["numerator"] == 7
    assert document["Q"][1]["facilities"]["used"] == {"n": 12, "yes": 3, "value": 0.25}


def test_json_goes_to_a_file_and_replaces_it_whole(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(database)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "targets.json"
    target.write_text("old")
    arguments = ["--database", _url(database), "--lang", "nl", "report", "targets"]
    code = main(
        [*arguments, "--from", "2015", "--to", "2015", "--format", "json", "-o", str(target)]
    )
    assert code == 0
    assert capsys.readouterr().out == ""
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["year_from"] == 2015
    assert document["P"][0]["service"]["n"] == 10
    assert [path.name for path in folder.iterdir()] == ["targets.json"]  # no temporary left
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask

    main([*arguments, "--from", "2015", "--to", "2015"])
    assert json.loads(capsys.readouterr().out) == document  # the same as on standard output


@pytest.mark.parametrize(
    ("arguments", "code", "expected"),
    [
        (["--from", "2016", "--to", "2015"], 2, "comes after"),
        (["--from", "1066", "--to", "2015"], 2, "cannot be before 1900"),
        (["--from", "2015", "--to", str(YEAR + 1)], 2, f"no figures for {YEAR + 1} yet"),
        (["--from", "2012", "--to", "2200"], 2, f"cannot go beyond {YEAR}"),
        (["--from", "1900", "--to", str(YEAR)], 2, "at most 50 years"),
        (["--from", "twenty", "--to", "2015"], 2, "invalid int value"),
        (["--to", "2015"], 2, "required"),
        (["--from", "2015", "--to", "2015", "--format", "xlsx"], 2, "invalid choice"),
        (["--from", "2015", "--to", "2015", "--format", "pdf"], 1, "add -o FILE"),
        (["--from", "2015", "--to", "2015", "-o", "/nonexistent/folder/t.json"], 1, "Cannot write"),
    ],
)
def test_bad_arguments_end_with_one_line_and_touch_no_database(
    arguments: list[str],
    code: int,
    expected: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    database = tmp_path / "never.sqlite3"
    try:
        result = main(["report", "targets", "--database", str(database), *arguments])
    except SystemExit as exit_info:
        result = exit_info.code  # type: ignore[assignment]
    assert result == code
    err = capsys.readouterr().err
    assert expected in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert not database.exists()


def test_a_folder_as_output_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arguments = ["report", "targets", "--from", "2015", "--to", "2015", "-o", str(tmp_path)]
    assert main(["--database", str(tmp_path / "db.sqlite3"), *arguments]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"expatdesk: Cannot write {tmp_path}")
    assert len(err.strip().splitlines()) == 1


def test_report_needs_a_kind(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["report"])
    assert exit_info.value.code == 2
    assert "required" in capsys.readouterr().err


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "t.json"
    target.write_bytes(b"old")

    def disk_full(_source: object, _target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(UserError, match="No space left on device"):
        output.write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["t.json"]


def test_the_console_script_writes_json(tmp_path: Path) -> None:
    open_database(str(tmp_path / "db.sqlite3"), create=True).dispose()
    command = [
        str(Path(sys.executable).with_name("expatdesk")),
        "--database",
        str(tmp_path / "db.sqlite3"),
        "report",
        "targets",
        "--from",
        "2020",
        "--to",
        "2021",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    assert [entry["status"] for entry in json.loads(result.stdout)["Q"]] == [
        "insufficient_data",
        "insufficient_data",
    ]
