"""One i18n route: gettext catalogs for every string, Babel for dates and numbers."""

from __future__ import annotations

import hashlib
import io
import stat
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from babel.messages import mofile, pofile

from expatdesk import i18n, i18n_tools
from expatdesk.i18n import _


def test_every_string_is_extracted_and_translated_in_both_catalogs() -> None:
    problems = i18n_tools.check()
    assert problems == [], "\n".join([*problems[:40], "run: python -m expatdesk.i18n_tools update"])


def test_dutch_catalog_really_is_dutch() -> None:
    i18n.set_language("nl")
    assert _("No database given.") == "Geen database opgegeven."


def test_numbers_and_dates_follow_the_language() -> None:
    i18n.set_language("nl")
    assert i18n.format_number(7.5, 1) == "7,5"
    assert i18n.format_percent(0.5812) == "58,1%"
    assert i18n.format_date(date(2026, 11, 26), "long") == "26 november 2026"
    assert i18n.format_number(3000) == "3.000"
    i18n.set_language("en")
    assert i18n.format_number(7.5, 1) == "7.5"
    assert i18n.format_percent(0.5812) == "58.1%"
    assert i18n.format_date(date(2026, 11, 26), "long") == "26 November 2026"
    assert i18n.format_number(3000) == "3,000"


def test_moments_to_the_minute_read_like_the_dates() -> None:
    moment = datetime(2026, 11, 14, 14, 46, 3).astimezone()  # the computer's time zone
    i18n.set_language("nl")
    assert i18n.format_datetime(moment, seconds=False) == "14 nov 2026, 14:46"
    assert i18n.format_datetime(moment) == "14 nov 2026, 14:46:03"
    i18n.set_language("en")
    assert i18n.format_datetime(moment, seconds=False) == "14 Nov 2026, 14:46"
    assert i18n.format_datetime(moment, "short", seconds=False) == "14/11/2026, 14:46"
    assert i18n.format_datetime(None, seconds=False) == ""


def test_countries_are_named_in_the_active_language() -> None:
    i18n.set_language("nl")
    assert i18n.country_name("DE") == "Duitsland"
    assert ("BE", "België") in i18n.countries()
    i18n.set_language("en")
    assert i18n.country_name("de") == "Germany"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"EXPATDESK_LANG": "nl", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_default_language(environ: dict[str, str], expected: str) -> None:
    assert i18n.default_language(environ) == expected


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        i18n.set_language("fy")


def test_designer_strings_are_extracted_except_notr() -> None:
    form = b"""<?xml version="1.0" encoding="UTF-8"?>
<ui version="4.0"><class>Demo</class><widget class="QWidget" name="Demo">
  <property name="windowTitle"><string>Expats</string></property>
  <widget class="QLabel" name="code"><property name="text"><string notr="true">EXP-1</string>
  </property></widget>
  <widget class="QLabel" name="hint"><property name="text">
    <string comment="search box">Search &amp; filter</string></property></widget>
</widget></ui>"""
    found = list(i18n_tools.extract_qt_ui(io.BytesIO(form), {}, (), {}))
    assert [(message, comments) for _line, _f, message, comments in found] == [
        ("Expats", []),
        ("Search & filter", ["search box"]),
    ]


def test_missing_translation_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    template = i18n_tools.extract()
    template.add("A sentence nobody translated", locations=[("expatdesk/x.py", 1)])
    monkeypatch.setattr(i18n_tools, "extract", lambda: template)
    problems = i18n_tools.check()
    assert any("A sentence nobody translated" in problem for problem in problems)


def test_using_speaks_another_language_for_a_while() -> None:
    i18n.set_language("en")
    with i18n.using("nl"):
        assert _("No database given.") == "Geen database opgegeven."
        assert i18n.format_number(7.5, 1) == "7,5"
    assert i18n.language() == "en"
    assert _("No database given.") == "No database given."
    with pytest.raises(RuntimeError), i18n.using("nl"):
        raise RuntimeError
    assert i18n.language() == "en"


@pytest.fixture
def small_catalog(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A Dutch catalog of one string in a locales folder of its own; the cache emptied after."""
    folder = tmp_path / "locales" / "nl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "expatdesk.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Save"\nmsgstr "Opslaan"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    real, i18n.LOCALES_DIR = i18n.LOCALES_DIR, tmp_path / "locales"
    i18n.catalog.cache_clear()
    yield po
    i18n.LOCALES_DIR = real  # the real catalogs again, before anything switches language
    i18n.catalog.cache_clear()


def test_a_compiled_catalog_is_kept_private_and_read_while_its_source_is_unchanged(
    small_catalog: Path,
) -> None:
    assert i18n.catalog("nl").gettext("Save") == "Opslaan"
    (kept,) = i18n.catalog_cache_dir().iterdir()
    digest = hashlib.sha256(small_catalog.read_bytes()).hexdigest()
    assert kept.name == f"expatdesk-nl-{digest}.mo"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    other = io.BytesIO()  # the kept copy is what is read: put another translation in it
    mofile.write_mo(other, pofile.read_po(io.StringIO('msgid "Save"\nmsgstr "Bewaren"\n')))
    kept.write_bytes(other.getvalue())
    i18n.catalog.cache_clear()
    assert i18n.catalog("nl").gettext("Save") == "Bewaren"


def test_a_changed_source_is_compiled_anew(small_catalog: Path) -> None:
    assert i18n.catalog("nl").gettext("Save") == "Opslaan"
    small_catalog.write_text(
        small_catalog.read_text(encoding="utf-8").replace("Opslaan", "Bewaren"), encoding="utf-8"
    )
    i18n.catalog.cache_clear()
    assert i18n.catalog("nl").gettext("Save") == "Bewaren"
    assert len(list(i18n.catalog_cache_dir().iterdir())) == 2


def test_a_damaged_or_unwritable_cache_only_costs_a_compilation(small_catalog: Path) -> None:
    i18n.catalog("nl")
    (kept,) = i18n.catalog_cache_dir().iterdir()
    kept.write_bytes(b"not a catalog")
    i18n.catalog.cache_clear()
    assert i18n.catalog("nl").gettext("Save") == "Opslaan"
    assert kept.read_bytes().startswith(b"\xde\x12\x04\x95")  # compiled and kept again
    kept.unlink()
    i18n.catalog_cache_dir().chmod(0o500)  # root may write anyway: a file in its way then
    try:
        i18n.catalog.cache_clear()
        kept.mkdir()
        assert i18n.catalog("nl").gettext("Save") == "Opslaan"
    finally:
        i18n.catalog_cache_dir().chmod(0o700)
