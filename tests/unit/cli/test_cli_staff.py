"""``expatdesk staff …`` on both engines, the demo's printed accounts, and the commands that act
as the connecting role on PostgreSQL."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pytest

from expatdesk import demo
from expatdesk.accounts import sign_in as signing
from expatdesk.cli.main import main
from expatdesk.db.database import Database
from expatdesk.demo.accounts import DEMO_ACCOUNTS, STAFF_PASSWORD
from tests.helpers import staff
from tests.helpers.staff import PASSWORD, name


@pytest.fixture(autouse=True)
def _logins(database: Database) -> Iterator[None]:
    with staff.logins_dropped(database):
        yield


@pytest.fixture
def url(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


def run(arguments: list[str], stdin: str = "", monkeypatch: pytest.MonkeyPatch | None = None):
    if monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(arguments)


def test_add_list_disable_enable(
    database: Database, url: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    koen = name("koen")
    arguments = ["staff", "add", koen, "--name", "Koen Wessels", "--role", "manager"]
    assert (
        run([*arguments, "--database", url, "--password-stdin"], PASSWORD + "\n", monkeypatch) == 0
    )
    assert capsys.readouterr().out == f"Staff account {koen} (Manager) created.\n"
    assert signing.authenticate(database, koen, PASSWORD).role == "manager"

    assert main(["staff", "list", "--database", url]) == 0
    assert capsys.readouterr().out == f"{koen}  Manager          Koen Wessels\n"

    assert main(["staff", "disable", koen.upper(), "--database", url]) == 0
    assert capsys.readouterr().out == f"Staff account {koen} disabled.\n"
    with pytest.raises(signing.AccountDisabledError):
        signing.authenticate(database, koen, PASSWORD)
    assert main(["staff", "list", "--database", url]) == 0
    assert capsys.readouterr().out.endswith("Koen Wessels  (disabled)\n")
    assert main(["staff", "enable", koen, "--database", url]) == 0
    assert signing.authenticate(database, koen, PASSWORD).username == koen


def test_password_asks_twice_without_echo(
    database: Database, url: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    anna = staff.add(database, "anna", "desk_officer")
    answers = iter(["anna's new password", "anna's new password"])
    prompts: list[str] = []

    def getpass(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", getpass)
    assert main(["staff", "password", anna.username, "--database", url]) == 0
    assert prompts == [f"New password for {anna.username}: ", "The same password again: "]
    assert capsys.readouterr().out == f"New password set for {anna.username}.\n"
    assert signing.authenticate(database, anna.username, "anna's new password") == anna


def test_refusals_are_one_line(
    database: Database, url: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    answers = iter(["one password", "another one"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt: next(answers))
    arguments = ["staff", "add", name("x"), "--name", "X", "--role", "manager", "--database", url]
    assert main(arguments) == 1
    assert capsys.readouterr().err == (
        "expatdesk: The two passwords differ; nothing was changed.\n"
    )
    assert run([*arguments[:3], "--name", "", "--role", "manager", "--database", url,
                "--password-stdin"], "short\n", monkeypatch) == 1  # fmt: skip
    assert capsys.readouterr().err == (
        "expatdesk: This field is required.; A password needs at least 12 characters.\n"
    )
    assert main(["staff", "disable", name("nobody"), "--database", url]) == 1
    assert capsys.readouterr().err == f"expatdesk: There is no staff account {name('nobody')}.\n"
    assert main(["staff", "list", "--database", url]) == 0
    assert capsys.readouterr().out == "No staff accounts yet.\n"


@pytest.mark.postgres
def test_on_postgres_the_command_acts_as_the_connecting_role(
    database: Database, monkeypatch: pytest.MonkeyPatch, capsys, tmp_path: Path
) -> None:
    if database.is_sqlite:
        pytest.skip("SQLite: the command line acts as the system")
    anna = staff.add(database, "anna", "desk_officer")
    as_anna = staff.url_of(database, anna.username).render_as_string(hide_password=False)
    for arguments in (
        ["staff", "list"],
        ["report", "targets", "--from", "2020", "--to", "2020"],
    ):
        assert main([*arguments, "--database", as_anna]) == 1
        err = capsys.readouterr().err
        assert err.startswith("expatdesk: Only"), err
    csv = tmp_path / "employers.csv"
    csv.write_text("employer_ref,name,high_tech\nEMP-9,Bakkerij,no\n", encoding="utf-8")
    assert main(["import", "employers", str(csv), "--database", as_anna]) == 1
    assert (
        capsys.readouterr().err == "expatdesk: Only managers and administrators may import data.\n"
    )
    # The owner's connection creates logins that work.
    erik = name("erik")
    owner = database.url.render_as_string(hide_password=False)
    arguments = ["staff", "add", erik, "--name", "Erik", "--role", "manager", "--database", owner]
    assert run([*arguments, "--password-stdin"], PASSWORD + "\n", monkeypatch) == 0
    as_erik = staff.url_of(database, erik).render_as_string(hide_password=False)
    assert main(["report", "targets", "--from", "2020", "--to", "2020", "--database", as_erik]) == 0


def test_demo_prints_its_accounts(
    database: Database, url: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    def fake_fill(target: Database, **_options: object) -> demo.DemoSummary:
        counts = {field.name: 0 for field in fields(demo.DemoSummary) if field.type == "int"}
        return demo.DemoSummary(
            **counts,
            accounts=DEMO_ACCOUNTS,
            staff_password=STAFF_PASSWORD if target.is_sqlite else None,
        )

    monkeypatch.setattr(demo, "fill", fake_fill)
    assert main(["demo", "--database", url]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    if database.is_sqlite:
        assert lines == [
            "Demo accounts (username, password, role):",
            "  admin      admin-expatdesk      Administrator",
            "  manager    manager-expatdesk    Manager",
            "  desk       desk-expatdesk       Desk officer",
            "The demo's staff members (such as marieke.lansink) use the password twente-demo.",
        ]
    else:
        assert lines[0] == "Demo accounts (username, password, role):"
        assert lines[1] == "  admin      Administrator"
        assert lines[-1] == (
            "PostgreSQL keeps the passwords: give an account its login with "
            "'expatdesk staff password USERNAME'."
        )
