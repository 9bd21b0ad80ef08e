"""``expatdesk import`` and ``expatdesk export``: counts, every error on stderr, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from expatdesk.cli.main import main
from expatdesk.db.database import Database
from tests.unit.exchange.util import EMPLOYERS, counts, write


def _url(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "import" in out
    assert "export" in out
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    assert "--dry-run" in capsys.readouterr().out


def test_import_prints_counts_and_is_idempotent(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, EMPLOYERS)
    assert main(["import", "employers", str(path), "--database", _url(database)]) == 0
    assert capsys.readouterr().out == "Imported: 2 added, 0 updated, 0 unchanged.\n"
    assert main(["import", "employers", str(path), "--database", _url(database)]) == 0
    assert capsys.readouterr().out == "Imported: 0 added, 0 updated, 2 unchanged.\n"


def test_dry_run_writes_nothing(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, EMPLOYERS)
    code = main(["import", "employers", str(path), "--dry-run", "--database", _url(database)])
    assert code == 0
    assert "2 would be added" in capsys.readouterr().out
    assert counts(database)["employer"] == 0


def test_errors_go_to_stderr_and_nothing_is_written(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, EMPLOYERS + "EMP-3,Bad,123,maybe,,,,\n")
    code = main(["import", "employers", str(path), "--database", _url(database)])
    assert code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "row 4, column kvk_number: '123' is not a KvK number of 8 digits",
        "row 4, column high_tech: 'maybe' is not yes or no (use yes/no, true/false, 1/0 or ja/nee)",
        f"2 errors in {path}; nothing was imported.",
    ]
    assert counts(database)["employer"] == 0


def test_unreadable_file_is_one_line(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"garbage")
    assert main(["import", "employers", str(path), "--database", _url(database)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("expatdesk: ")
    assert "no Excel workbook" in err
    assert len(err.splitlines()) == 1


def test_export_then_import_and_dutch_numbers(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, EMPLOYERS, "in.csv")
    assert (
        main(["import", "employers", str(tmp_path / "in.csv"), "--database", _url(database)]) == 0
    )
    capsys.readouterr()
    out = tmp_path / "out.xlsx"
    assert main(["export", "employers", str(out), "--database", _url(database)]) == 0
    assert capsys.readouterr().out == f"2 records written to {out}.\n"
    code = main(["--lang", "nl", "import", "employers", str(out), "--database", _url(database)])
    assert code == 0
    assert "2" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["import", "export"])
def test_unknown_extension_is_one_line(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = tmp_path / "file.ods"
    path.write_bytes(b"")
    assert main([command, "employers", str(path), "--database", _url(database)]) == 1
    err = capsys.readouterr().err
    assert (
        err == f"expatdesk: Cannot tell the format of {path}: the name must end in .csv or .xlsx.\n"
    )


def test_unknown_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "cases", "x.csv"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
