"""``expatdesk letter`` and ``expatdesk letter-template`` on both engines: the letter in the
client's language (or ``--lang``), a private file, filed on the case; refusals in one line."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from expatdesk.cases import detail as case_detail
from expatdesk.cli.main import main
from expatdesk.db.database import Database
from expatdesk.documents import store, templates
from tests.unit.documents.conftest import Desk


def _url(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


def _ref(database: Database, case_id: int) -> str:
    return case_detail.load_case(database, case_id).ref


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_letter_in_the_clients_language_is_written_privately_and_filed(
    database: Database, desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dutch, japanese = tmp_path / "nl.pdf", tmp_path / "en.pdf"
    ref = _ref(database, desk.dutch_case)
    assert (
        main(["letter", "documents-needed", ref, "-o", str(dutch), "--database", _url(database)])
        == 0
    )
    other = _ref(database, desk.japanese_case)
    assert (
        main(
            ["letter", "documents-needed", other, "-o", str(japanese), "--database", _url(database)]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert f"Letter documents-needed (nl) for {ref} written to {dutch}" in out
    assert f"Letter documents-needed (en) for {other} written to {japanese}" in out
    for path in (dutch, japanese):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Documenten die nog nodig zijn voor uw aanvraag" in _text(dutch)
    assert "Geldig paspoort" in _text(dutch)
    assert "Valid passport" in _text(japanese)
    [filed] = store.case_documents(database, desk.dutch_case)
    assert (filed.kind, filed.file_name) == ("letter", f"{ref}-documents-needed-nl.pdf")


def test_lang_chooses_the_language_and_no_file_keeps_the_case_as_it_is(
    database: Database, desk: Desk, tmp_path: Path
) -> None:
    output = tmp_path / "letter.pdf"
    ref = _ref(database, desk.dutch_case)
    arguments = ["letter", "appointment", ref, "-o", str(output), "--database", _url(database)]
    arguments += ["--lang", "en", "--date", "2026-12-03", "--time", "14:30", "--no-file"]
    arguments += ["--place", "Hengelosestraat 500, Enschede", "--bring", "Your passport"]
    assert main(arguments) == 0
    text = _text(output)
    assert "Confirmation of your appointment" in text
    assert "Thursday, 3 December 2026" in text
    assert "14:30" in text
    assert "Your passport" in text
    assert store.case_documents(database, desk.dutch_case) == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["letter", "nope", "{ref}"], "There is no letter nope; the letters are:"),
        (["letter", "appointment", "{ref}"], "The appointment letter needs --date and --time."),
        (["letter", "appointment", "{ref}", "--date", "2026-13-01", "--time", "10:00"],
         "2026-13-01 is not a date; write it as YYYY-MM-DD."),
        (["letter", "documents-needed", "CAS-999"], "No case with the reference CAS-999."),
    ],
)  # fmt: skip
def test_bad_input_is_refused_in_one_line(
    database: Database,
    desk: Desk,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    ref = _ref(database, desk.dutch_case)
    output = tmp_path / "letter.pdf"
    given = [argument.format(ref=ref) for argument in arguments]
    assert main([*given, "-o", str(output), "--database", _url(database)]) != 0
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"expatdesk: {message}")
    assert "\n" not in error
    assert not output.exists()


def test_the_centre_adapts_a_template(
    database: Database, desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(database)
    body = tmp_path / "body.txt"
    body.write_text("Beste {client_name},\n\nNog nodig:\n\n{documents}\n\n{bogus}\n", "utf-8")
    command = ["letter-template", "documents-needed", "--language", "nl", "--database", url]
    assert main([*command, "--body-file", str(body)]) != 0
    assert "uses {bogus}, which this letter does not know" in capsys.readouterr().err
    body.write_text("Beste {client_name},\n\nNog nodig:\n\n{documents}\n", "utf-8")
    assert main([*command, "--body-file", str(body), "--subject", "Nog nodig"]) == 0
    assert templates.read_template(database, "documents-needed", "nl").subject == "Nog nodig"
    capsys.readouterr()
    assert main(command) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("Nog nodig\n\nBeste {client_name},")
    output = tmp_path / "letter.pdf"
    ref = _ref(database, desk.dutch_case)
    assert main(["letter", "documents-needed", ref, "-o", str(output), "--database", url]) == 0
    assert "Nog nodig:" in _text(output)
