"""The command line: subcommands, --database everywhere, one-line errors and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL

from expatdesk.cli.main import main
from expatdesk.config import default_database

ROOT = Path(__file__).resolve().parents[3]


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


# --- a mistyped database path ------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["report", "targets", "--from", "2020", "--to", "2021"],
        ["export", "expats", "{folder}/expats.csv"],
        ["import", "employers", "{folder}/employers.csv"],
        ["backup", "{folder}/copy.sqlite3"],
        ["restore", "{folder}/backup.sqlite3"],
        ["bench", "--only", "search"],
        ["staff", "list"],
    ],
    ids=lambda command: command[0],
)
def test_every_command_refuses_a_database_that_does_not_exist(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = tmp_path / "files"
    given.mkdir()
    (given / "employers.csv").write_text("employer_ref,name\nEMP-1,Thales\n", encoding="utf-8")
    init = tmp_path / "backup.sqlite3"
    assert main(["init", "--database", str(init)]) == 0
    (given / "backup.sqlite3").write_bytes(init.read_bytes())
    capsys.readouterr()
    typo = tmp_path / "centre" / "expatdsk.sqlite3"
    arguments = [part.format(folder=given) for part in command]
    assert main(["--database", str(typo), *arguments]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"expatdesk: There is no ExpatDesk database at {typo}. Check the path, or create one "
        f"with: expatdesk --database {typo} init\n"
    )
    assert not typo.parent.exists()  # neither the file nor its folder was made
    assert sorted(path.name for path in given.iterdir()) == ["backup.sqlite3", "employers.csv"]


def test_the_environment_variable_is_no_licence_to_create(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo.sqlite3"
    monkeypatch.setenv("EXPATDESK_DATABASE_URL", str(typo))
    assert main(["report", "targets", "--from", "2020", "--to", "2020"]) == 1
    assert str(typo) in capsys.readouterr().err
    assert not typo.exists()


def test_an_empty_file_is_no_database_either(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert main(["--database", str(empty), "export", "expats", str(tmp_path / "x.csv")]) == 1
    assert "There is no ExpatDesk database at" in capsys.readouterr().err
    assert empty.stat().st_size == 0
    assert not (tmp_path / "x.csv").exists()


def test_only_init_and_demo_create_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made_by_init = tmp_path / "new" / "desk.sqlite3"
    assert main(["--database", str(made_by_init), "init"]) == 0
    assert made_by_init.exists()
    made_by_demo = tmp_path / "other" / "demo.sqlite3"
    assert main(["--database", str(made_by_demo), "demo", "--size", "small"]) == 0
    assert made_by_demo.exists()
    capsys.readouterr()
    assert (
        main(
            ["--database", str(made_by_demo), "report", "targets", "--from", "2020", "--to", "2021"]
        )
        == 0
    )


def test_a_database_without_expatdesk_is_refused_by_all_but_init(
    empty_url: URL, backend: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = empty_url.render_as_string(hide_password=False)
    assert main(["--database", url, "report", "targets", "--from", "2020", "--to", "2021"]) == 1
    err = capsys.readouterr().err
    expected = "There is no ExpatDesk database at" if backend == "sqlite" else "holds no ExpatDesk"
    assert expected in err
    named = empty_url.database if backend == "sqlite" else empty_url.render_as_string()
    assert f"--database {named} init" in err
    assert len(err.strip().splitlines()) == 1
    if backend == "sqlite":
        assert not Path(str(empty_url.database)).exists()
    else:
        engine = create_engine(empty_url)
        with engine.connect() as connection:
            assert inspect(connection).get_table_names() == []
        engine.dispose()
    assert main(["--database", url, "init"]) == 0


def test_the_app_creates_only_the_default_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from expatdesk.qt import app as app_module

    started: list[tuple[str, bool]] = []

    def run(url: URL, language: str | None = None, *, create: bool = False) -> int:
        started.append((str(url.database), create))
        return 0

    monkeypatch.setattr(app_module, "run", run)
    named = tmp_path / "named.sqlite3"
    assert main([]) == 0
    assert main(["gui", "--database", str(named)]) == 0
    monkeypatch.setenv("EXPATDESK_DATABASE_URL", str(named))
    assert main([]) == 0
    assert started == [(default_database(), True), (str(named), False), (str(named), False)]


def test_the_installed_program_says_the_bench_needs_a_checkout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert main(["bench"]) == 1
    assert capsys.readouterr().err == (
        "expatdesk: expatdesk bench needs a source checkout; the installed program cannot run it.\n"
    )
