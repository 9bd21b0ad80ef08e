"""The command line: subcommands, --database everywhere, one-line errors and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from expatdesk.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("gui", "init", "demo"):
        assert command in out
    assert "--database" in out


def test_help_speaks_dutch_with_lang_nl(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "nl", "--help"])
    assert "casemanagement voor expatcentra" in capsys.readouterr().out


def test_init_creates_a_database_named_before_or_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert main(["--database", str(first), "init"]) == 0
    assert main(["init", "--database", f"sqlite:///{second}"]) == 0
    assert first.exists()
    assert second.exists()
    assert "Database ready" in capsys.readouterr().out


def test_init_takes_the_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("EXPATDESK_DATABASE_URL", str(target))
    assert main(["init"]) == 0
    assert target.exists()


def test_init_on_postgres(empty_url: URL, backend: str, capsys: pytest.CaptureFixture[str]) -> None:
    url = empty_url.render_as_string(hide_password=False)
    assert main(["init", "--database", url]) == 0
    assert main(["init", "--database", url]) == 0  # a second time changes nothing
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("arguments", "code", "expected"),
    [
        (["frobnicate"], 2, "invalid choice"),
        (["demo", "--size", "huge"], 2, "invalid choice"),
        (["demo", "--seed", "many"], 2, "invalid int value"),
        (["init", "--database", "mysql://x@y/z"], 1, "Unsupported database"),
        (["init", "--database", "postgresql://nobody@127.0.0.1:1/none"], 1, "Cannot use"),
    ],
)
def test_bad_input_ends_with_one_line(
    arguments: list[str], code: int, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        result = main(arguments)
    except SystemExit as exit_info:
        result = exit_info.code  # type: ignore[assignment]
    assert result == code
    err = capsys.readouterr().err
    assert expected in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_an_unreadable_file_ends_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 20)
    assert main(["init", "--database", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("expatdesk: Cannot open the SQLite database")
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "expatdesk", "--help"],
        [sys.executable, str(ROOT / "main.py"), "--help"],
        [str(Path(sys.executable).with_name("expatdesk")), "--help"],
    ],
    ids=["python -m expatdesk", "main.py", "console script"],
)
def test_every_entry_point_runs_the_same_command(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "init" in result.stdout
