"""Letters: the language chosen from the client's preference, the texts filled from the case, the
letterhead, embedded fonts, and templates checked for unknown placeholders."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date
from PIL import Image

from expatdesk import clock
from expatdesk.accounts.actor import Actor, PermissionDeniedError
from expatdesk.db.database import Database
from expatdesk.db.models import Expat, Permit
from expatdesk.documents import letters, templates
from expatdesk.documents.letterhead import update_letterhead
from expatdesk.errors import UserError
from tests.unit.documents.conftest import Desk

MANAGER = Actor(None, "bram", "Bram Jansen", "manager")


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _fonts(pdf: bytes, tmp_path: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) of every font of the PDF, as ``pdffonts`` lists them."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in lines]


@pytest.mark.parametrize(
    ("preferred", "expected"),
    [("nl", "nl"), ("en", "en"), ("ja", "en"), ("es", "en"), (None, "en")],
)
def test_dutch_or_english_as_preferred_else_english(preferred: str | None, expected: str) -> None:
    assert templates.letter_language(preferred) == expected


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler-utils")
def test_every_letter_in_both_languages_embeds_its_fonts_and_reads_well(
    database: Database, desk: Desk, tmp_path: Path
) -> None:
    logo = io.BytesIO()
    Image.new("RGB", (200, 80), "teal").save(logo, "PNG")
    update_letterhead(
        database, MANAGER, address="Hengelosestraat 500\n7521 AN Enschede", logo=logo.getvalue()
    )
    appointment = letters.Appointment(date(2026, 12, 3), time(14, 30))
    expected = {
        ("documents-needed", "nl"): ["Geldig paspoort", "Beste Sanne de Boer,"],
        ("documents-needed", "en"): ["Valid passport", "Dear Sanne de Boer,"],
        ("appointment", "nl"): ["donderdag 3 december 2026", "14:30", "Hengelosestraat 500"],
        ("appointment", "en"): ["Thursday, 3 December 2026", "Place: Hengelosestraat 500"],
        ("client-overview", "nl"): ["Highly skilled migrant permit (Nieuw)", "(geen)"],
        ("client-overview", "en"): ["Highly skilled migrant permit (New)", "Our reference"],
    }
    for (name, language), phrases in expected.items():
        letter = letters.make_letter(
            database,
            desk.officer,
            name,
            desk.dutch_case,
            language=language,
            appointment=appointment,
            file_on_case=False,
        )
        assert letter.language == language
        fonts = _fonts(letter.pdf, tmp_path)
        assert {font.split("+")[-1] for font, _embedded in fonts} == {
            "DejaVuSans",
            "DejaVuSans-Bold",
        }
        assert all(embedded == "yes" for _font, embedded in fonts)
        text = " ".join(_text(letter.pdf, tmp_path).split())
        for phrase in phrases:
            assert phrase in text, (name, language, phrase)
        assert "{" not in text


def test_a_name_in_another_script_is_set_in_the_embedded_fallback_font(
    database: Database, desk: Desk, tmp_path: Path
) -> None:
    with database.transaction() as session:
        expat = session.get(Expat, desk.japanese_expat)
        assert expat is not None
        expat.given_name, expat.family_name = "陽翔", "佐藤"
    letter = letters.make_letter(
        database, desk.officer, "documents-needed", desk.japanese_case, file_on_case=False
    )
    fonts = dict(_fonts(letter.pdf, tmp_path))
    assert [embedded for font, embedded in fonts.items() if "DroidSansFallback" in font] == ["yes"]
    assert "Dear 佐藤陽翔," in _text(letter.pdf, tmp_path)


def test_the_overview_lists_permits_ending_within_a_year(
    database: Database, desk: Desk, tmp_path: Path
) -> None:
    soon = clock.today() + timedelta(days=95)  # within a year
    later = date(clock.today().year + 4, 3, 1)  # beyond it
    with database.transaction() as session:
        session.add_all(
            [
                Permit(expat_id=desk.dutch_expat, permit_type_code="hsm", valid_until=soon),
                Permit(expat_id=desk.dutch_expat, permit_type_code="hsm", valid_until=later),
            ]
        )
    letter = letters.make_letter(
        database, desk.officer, "client-overview", desk.dutch_case, file_on_case=False
    )
    text = " ".join(_text(letter.pdf, tmp_path).split())
    assert f"geldig tot {format_date(soon, 'long', locale='nl_NL')}" in text
    assert str(later.year) not in text


def test_refusals(database: Database, desk: Desk) -> None:
    with pytest.raises(UserError, match="There is no letter nope"):
        letters.make_letter(database, desk.officer, "nope", desk.dutch_case)
    with pytest.raises(UserError, match="needs the date and time"):
        letters.make_letter(database, desk.officer, "appointment", desk.dutch_case)
    with pytest.raises(UserError, match="not in de"):
        letters.make_letter(
            database, desk.officer, "documents-needed", desk.dutch_case, language="de"
        )
    with pytest.raises(PermissionDeniedError):
        letters.make_letter(database, Actor(None, "x", "X", "none"), "appointment", desk.dutch_case)
    with pytest.raises(PermissionDeniedError):
        templates.update_template(
            database, desk.officer, "appointment", "en", "S", "B", expected_version=1
        )


def test_a_stale_template_edit_is_refused(database: Database) -> None:
    current = templates.read_template(database, "appointment", "en")
    templates.update_template(
        database,
        MANAGER,
        "appointment",
        "en",
        "One",
        current.body,
        expected_version=current.version,
    )
    with pytest.raises(UserError, match="changed this record"):
        templates.update_template(
            database,
            MANAGER,
            "appointment",
            "en",
            "Two",
            current.body,
            expected_version=current.version,
        )


def test_fill_makes_paragraphs_and_lists() -> None:
    blocks = templates.fill(
        "documents-needed",
        "Dear {client_name},\n\nStill needed:\n\n{documents}\n\nIn a sentence: {documents}.\nBye",
        {"client_name": "Ann"},
        {"documents": ("Passport", "Photo")},
        "(none)",
    )
    assert blocks == [
        templates.Block(lines=("Dear Ann,",)),
        templates.Block(lines=("Still needed:",)),
        templates.Block(items=("Passport", "Photo")),
        templates.Block(lines=("In a sentence: Passport, Photo.", "Bye")),
    ]
    empty = templates.fill("documents-needed", "{documents}", {}, {"documents": ()}, "(none)")
    assert empty == [templates.Block(items=("(none)",))]
    assert templates.unknown_placeholders("appointment", "{place} {documents} {x}") == [
        "documents",
        "x",
    ]
