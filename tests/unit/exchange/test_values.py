"""Cells to values: dates, booleans, numbers, codes, countries; formulas neutralised."""

from __future__ import annotations

import re
from datetime import date

import pytest

from expatdesk.exchange import values
from expatdesk.exchange.values import Invalid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015-03-07", date(2015, 3, 7)),
        ("07-03-2015", date(2015, 3, 7)),
        ("7-3-2015", date(2015, 3, 7)),
    ],
)
def test_dates_iso_and_dutch(text: str, expected: date) -> None:
    assert values.parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["2015/03/07", "31-02-2015", "03-07-15", "yesterday", "2015-13-01"]
)
def test_bad_dates(text: str) -> None:
    with pytest.raises(Invalid, match="date"):
        values.parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("yes", True), ("No", False), ("TRUE", True), ("false", False), ("1", True), ("0", False),
     ("ja", True), ("Nee", False)],
)  # fmt: skip
def test_booleans(text: str, expected: bool) -> None:
    assert values.parse_boolean(text) is expected


def test_bad_boolean() -> None:
    with pytest.raises(Invalid, match="'maybe' is not yes or no"):
        values.parse_boolean("maybe")


def test_integers_and_ranges() -> None:
    assert values.parse_integer("7", 1, 10) == 7
    with pytest.raises(Invalid, match="11 is not between 1 and 10"):
        values.parse_integer("11", 1, 10)
    with pytest.raises(Invalid, match="not a whole number"):
        values.parse_integer("7.5", 1, 10)
    with pytest.raises(Invalid, match="not a whole number"):
        values.parse_integer("9" * 400, 0, 10)


def test_codes() -> None:
    assert values.parse_code("HBO", {"hbo", "wo"}) == "hbo"
    with pytest.raises(Invalid, match="'mbo' is not a known code"):
        values.parse_code("mbo", {"hbo"})
    assert values.parse_codes("b| a |a", {"a", "b"}) == ("a", "b")
    with pytest.raises(Invalid, match="'c' is not a known code"):
        values.parse_codes("a|c", {"a", "b"})


def test_countries_languages_and_kvk() -> None:
    assert values.parse_country("nl") == "NL"
    for bad in ("XX", "EU", "ZZ", "NLD"):
        with pytest.raises(Invalid, match="ISO 3166-1"):
            values.parse_country(bad)
    assert values.parse_language("EN") == "en"
    with pytest.raises(Invalid, match="ISO 639-1"):
        values.parse_language("xq")
    assert values.parse_kvk("06035234") == "06035234"
    for bad in ("6035234", "0603523A", "060352345", "٠٦٠٣٥٢٣٤"):
        with pytest.raises(Invalid, match="8 digits"):
            values.parse_kvk(bad)


@pytest.mark.parametrize(
    "text",
    [
        "=cmd|' /C calc'!A0",
        "+31 6",
        "-1",
        "@SUM(A1)",
        "\tx",
        "\rx",
        # Full-width and small forms, which spreadsheets in East Asian locales read as formulas.
        "＝cmd|' /C calc'!A0",
        "＋31 6",
        "－1",
        "＠SUM(A1)",
        "﹦1+1",
        "﹢1",
        "﹣1",
    ],
)
def test_formulas_are_neutralised_and_restored(text: str) -> None:
    safe = values.neutralise(text)
    assert safe == "'" + text
    assert values.unneutralise(safe) == text
    assert values.parse_text(safe, 100) == text


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Jan\x00sen", "U+0000 (character 4)"),
        ("Jan\x07sen", "U+0007 (character 4)"),
        ("Ann\u202ea", "U+202E (character 4)"),
        ("\u2066Anna\u2069", "U+2066 (character 1)"),
        ("An\u200bna", "U+200B (character 3)"),
        ("Anna\u200d", "U+200D (character 5)"),
        ("A\u200cB", "U+200C (character 2)"),
        ("\ufeffAnna", "U+FEFF (character 1)"),
    ],
)
def test_names_refuse_control_and_invisible_characters(text: str, problem: str) -> None:
    with pytest.raises(Invalid, match=re.escape(f"invisible or control character {problem}")):
        values.parse_name(text, 100)


@pytest.mark.parametrize(
    "text",
    [
        "José García",
        "O'Brien-Østergaard",
        "مهرداد می\u200cخواهد",  # Persian: a zero-width non-joiner inside a word
        "क्\u200dष",  # Devanagari: a zero-width joiner in a conjunct
        "李小龍",
    ],
)
def test_names_of_every_script_are_accepted(text: str) -> None:
    assert values.parse_name(text, 100) == text


def test_plain_text_is_left_alone() -> None:
    assert values.neutralise("O'Brien") == "O'Brien"
    assert values.unneutralise("'quoted") == "'quoted"
    with pytest.raises(Invalid, match="longer than 3 characters"):
        values.parse_text("abcd", 3)


def test_format_value_reads_back() -> None:
    assert values.format_value(None) == ""
    assert values.format_value(True) == "yes"
    assert values.format_value(date(2015, 1, 2)) == "2015-01-02"
    assert values.format_value(("a", "b")) == "a|b"
