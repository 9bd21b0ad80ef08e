"""The printable targets report: its texts in both languages, metadata, fonts, the command."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
import pytest

from expatdesk import i18n
from expatdesk.accounts.actor import SYSTEM
from expatdesk.cli.main import main
from expatdesk.db.database import Database
from expatdesk.reports import output
from expatdesk.reports.pdf import fonts, render_targets_pdf
from expatdesk.reports.pdf.target_base import ORIGINAL_WORDING
from expatdesk.reports.target_queries import (
    Answers,
    EmployerCount,
    EmployerGrades,
    ExpatAnswers,
    TargetCounts,
)
from expatdesk.reports.target_settings import DEFAULTS, update_centre_name
from expatdesk.reports.targets import Status, TargetsReport, build_report
from tests.unit.reports.records import records

PRINTED = date(2026, 11, 26)
SETTINGS = dataclasses.replace(DEFAULTS, alpha=0.01, o_threshold=7.5)


def _report() -> TargetsReport:
    """2014–2015: N 50.0% (met, before growth is asked) then 58.1%; O too little in 2014; Q's
    first evaluable year is a baseline."""
    counts = TargetCounts(
        employers={2014: EmployerCount(40, 20), 2015: EmployerCount(43, 25)},
        employer_grades={
            2015: EmployerGrades(Counter({8: 10}), Counter({7: 5, 9: 5})),
        },
        expat_answers={
            2015: ExpatAnswers(Counter({7: 6, 8: 6}), Answers(20, 5), Answers(10, 2)),
        },
    )
    return build_report(2014, 2015, SETTINGS, counts)


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture(scope="module")
def english() -> bytes:
    return render_targets_pdf(
        _report(), language="en", centre_name="Expat Center Twente", printed_on=PRINTED
    )


@pytest.fixture(scope="module")
def dutch() -> bytes:
    return render_targets_pdf(
        _report(), language="nl", centre_name="Expat Center Twente", printed_on=PRINTED
    )


def _in(language: str, message: str, **values: Any) -> str:
    with i18n.using(language):
        return i18n._(message).format(**values)


@pytest.mark.parametrize(
    ("language", "printed", "share", "alpha", "threshold"),
    [
        ("en", "26 November 2026", "58.1%", "0.01", "7.5"),
        ("nl", "26 november 2026", "58,1%", "0,01", "7,5"),
    ],
)
def test_the_texts_and_numbers_are_in_the_reports_language(
    english: bytes,
    dutch: bytes,
    language: str,
    printed: str,
    share: str,
    alpha: str,
    threshold: str,
) -> None:
    pdf = english if language == "en" else dutch
    text = _text(pdf)
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert _in(language, "Targets N–Q, Techniekpact Twente") in text
    assert "Expat Center Twente" in text
    assert "2014–2015" in text
    assert printed in text
    assert share in text
    for wording in ORIGINAL_WORDING.values():
        assert wording in text
    with i18n.using(language):
        for status in Status:
            assert status.label in text
    assert _in(language, "Page {page} of {pages}", page=1, pages=pages) not in text  # cover
    for page in range(2, pages + 1):
        assert _in(language, "Page {page} of {pages}", page=page, pages=pages) in text
    # the methods page prints the settings the report used, by name, flagged where they
    # differ from the agreement (alpha 0.05, O's threshold 7.0)
    differs = _in(language, "differs from the agreement")
    default_alpha = "0.05" if language == "en" else "0,05"
    significance = _in(language, "Significance level")
    assert f"{significance} {alpha} {default_alpha} {differs}" in text
    o_threshold = _in(language, "Threshold for O")
    assert re.search(rf"{o_threshold} {re.escape(threshold)} 7[.,]0 {differs}", text)
    assert f"{_in(language, 'N must rise from')} 2015 2015 " in text
    assert "min_n" not in text
    assert "alpha =" not in text


def test_every_verdict_is_explained_in_the_reports_language(english: bytes, dutch: bytes) -> None:
    # N 2015: 58.1% of 43, 2014 50.0% of 40: above the threshold, the rise not significant
    # at alpha 0.01. The same sentence on the summary page and in N's section.
    english_text, dutch_text = _text(english), _text(dutch)
    assert english_text.count("58.1%, at least 50%, but no significant rise on 2014 (p") == 2
    assert (
        dutch_text.count(
            "58,1%, ten minste 50%, maar geen significante stijging ten opzichte van 2014 (p"
        )
        == 2
    )
    # P 2015 has no evaluable year before it; Q 2015 is a baseline
    assert "Service 7.50: at least 7.0; 2014 has insufficient data to compare with." in (
        english_text
    )
    assert "2014 heeft onvoldoende gegevens om mee te vergelijken, dus dit is het basisjaar" in (
        dutch_text
    )


def test_the_outline_has_a_bookmark_per_section(english: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(english))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == [
        "Targets N–Q",
        "Summary",
        "N — High-tech employers that use the expat centre",
        "O — Employers' satisfaction",
        "P — Expats' satisfaction",
        "Q — Expats' intention to leave Twente",
        "Methods",
    ]


def test_the_current_year_is_marked_provisional() -> None:
    counts = TargetCounts({2026: EmployerCount(20, 12)}, {}, {})
    report = build_report(2026, 2026, SETTINGS, counts, data_through=date(2026, 12, 6))
    for language, mark in (
        ("en", "provisional, up to 6 December 2026"),
        ("nl", "voorlopig, t/m 6 december 2026"),
    ):
        pdf = render_targets_pdf(
            report, language=language, centre_name="Expat Center Twente", printed_on=PRINTED
        )
        assert mark in _text(pdf)


def test_p_values_never_round_to_one_or_zero() -> None:
    from expatdesk.reports.verdicts import NBSP, format_p

    assert format_p(0.99995) == f"p{NBSP}>{NBSP}0.999"
    assert format_p(0.00001) == f"p{NBSP}<{NBSP}0.001"
    assert format_p(0.5804) == f"p{NBSP}={NBSP}0.580"


def test_english_and_dutch_differ_where_the_locale_does(english: bytes, dutch: bytes) -> None:
    assert "58,1%" not in _text(english)
    assert "58.1%" not in _text(dutch)
    assert "doel gehaald" in _text(dutch)
    assert "target met" not in _text(dutch)


@pytest.mark.parametrize(("language", "tag"), [("en", "en-GB"), ("nl", "nl-NL")])
def test_the_metadata_names_title_author_and_language(language: str, tag: str) -> None:
    pdf = render_targets_pdf(
        _report(), language=language, centre_name="Expatcentrum Oost", printed_on=PRINTED
    )
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None
    assert (
        reader.metadata.title == _in(language, "Targets N–Q, Techniekpact Twente") + ", 2014–2015"
    )
    assert reader.metadata.author is not None
    assert "Expatcentrum Oost" in reader.metadata.author
    assert reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == tag
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4
    assert reader.pages[0].mediabox.height == pytest.approx(841.89, abs=0.1)


def _fonts(pdf: bytes) -> dict[str, Any]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found: dict[str, Any] = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def _embedded(font: Any) -> bool:
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_a_name_in_any_script_is_shown_and_every_font_is_embedded() -> None:
    name = "Expatcentrum Zoë — Москва 東京センター"
    pdf = render_targets_pdf(_report(), language="en", centre_name=name, printed_on=PRINTED)
    assert name in _text(pdf)
    used = _fonts(pdf)
    assert any(fonts.FALLBACK in font for font in used)  # the CJK part needs the fallback
    assert any(fonts.REGULAR in font for font in used)
    assert all(_embedded(font) for font in used.values()), used


def test_markup_wraps_only_what_the_main_font_lacks() -> None:
    assert fonts.markup("Zoë <&> Москва ✓") == "Zoë &lt;&amp;&gt; Москва ✓"
    assert fonts.markup("a東京b") == f'a<font name="{fonts.FALLBACK}">東京</font>b'


def test_a_status_is_not_told_by_colour_alone(english: bytes) -> None:
    text = _text(english)
    for symbol, status in (("✓", Status.MET), ("✗", Status.NOT_MET), ("○", Status.BASELINE)):
        assert f"{symbol} {status.label}" in text


# --- the command ------------------------------------------------------------------------------


def _url(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


def test_the_command_writes_a_pdf_with_the_stored_centre_name(
    database: Database, tmp_path: Path
) -> None:
    with records(database) as add:
        add.attracting_employers(2015, total=12, served=7)
        add.intentions(2015, yes=3, no=9, facility="expat_centre")
    update_centre_name(database, SYSTEM, "Expat Centre Enschede")
    target = tmp_path / "targets.pdf"
    arguments = ["report", "targets", "--from", "2015", "--to", "2015", "--format", "pdf"]
    assert main([*arguments, "--lang", "nl", "--database", _url(database), "-o", str(target)]) == 0
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    text = _text(data)
    assert "Expat Centre Enschede" in text
    assert "58,3%" in text  # 7 of 12, in Dutch
    assert pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "nl-NL"


def test_the_command_refuses_pdf_without_a_file(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["report", "targets", "--from", "2015", "--to", "2015", "--format", "pdf"]
    assert main([*arguments, "--database", _url(database)]) != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "-o" in captured.err


def test_pdf_is_a_registered_format_that_needs_a_file() -> None:
    assert "pdf" in output.TARGET_FORMATS
    assert "pdf" in output.FILE_ONLY_FORMATS
    assert "json" not in output.FILE_ONLY_FORMATS


def test_the_command_line_starts_without_reportlab() -> None:
    code = (
        "import sys, expatdesk.cli.main; print(any(m.startswith('reportlab') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_grade_axis_runs_in_whole_steps_over_the_grades_used() -> None:
    from expatdesk.reports.pdf import charts

    axis = charts.whole_steps([6.3, 8.4, 7.0])
    assert (axis.low, axis.high, list(axis.ticks)) == (6.0, 9.0, [6.0, 7.0, 8.0, 9.0])
    assert list(charts.whole_steps([1.2, 9.8]).ticks) == [float(g) for g in range(1, 11)]
    narrow = charts.whole_steps([7.9, 8.1])  # at least two steps, never beyond 10
    assert (narrow.low, narrow.high) == (7.0, 9.0)
    assert charts.whole_steps([9.6, 9.9]).high == 10.0


def test_year_labels_are_thinned_so_that_they_never_touch() -> None:
    from expatdesk.reports.pdf import charts

    assert charts.label_step(15, 440, 18) == 1  # fifteen years: every year
    assert charts.label_step(50, 440, 18) == 5  # fifty years: every fifth
    assert charts.label_step(1, 440, 18) == 1
