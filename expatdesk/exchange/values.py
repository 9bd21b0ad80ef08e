"""The values of a cell: parsing what a file says, and writing back what the database holds.

Every parser takes the cell's text (already stripped, never blank: a blank optional cell means
"unknown" and never reaches a parser) and returns the value to store, or raises :class:`Invalid`
with a translated message that says what is wrong. :func:`neutralise` and :func:`unneutralise`
keep spreadsheet formulas out of exported text cells and restore the text on import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache

from babel import Locale

from expatdesk.i18n import _
from expatdesk.text import hidden_character

#: Characters that make a spreadsheet treat a text cell as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣")
#: What the exporter puts before such a text; the importer removes it again.
QUOTE = "'"

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DUTCH_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_INTEGER = re.compile(r"[+-]?\d+")
_TRUE = frozenset({"yes", "true", "1", "ja"})
_FALSE = frozenset({"no", "false", "0", "nee"})
#: Babel's territories that are no ISO 3166-1 country: unknown, EU, eurozone, UN, outlying Oceania.
_NOT_COUNTRIES = frozenset({"ZZ", "EU", "EZ", "UN", "QO"})


class Invalid(ValueError):
    """A cell's value cannot be used; the message (translated) says why."""


def neutralise(text: str) -> str:
    """``text`` made safe for a spreadsheet: a leading apostrophe before a formula character."""
    return QUOTE + text if text.startswith(FORMULA_STARTS) else text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise`: the apostrophe the exporter added is removed."""
    if text.startswith(QUOTE) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def parse_text(text: str, max_length: int) -> str:
    value = unneutralise(text)
    if len(value) > max_length:
        raise Invalid(_("longer than {limit} characters").format(limit=max_length))
    return value


def parse_name(text: str, max_length: int) -> str:
    """A name: text (:func:`parse_text`) without control or invisible characters."""
    value = parse_text(text, max_length)
    found = hidden_character(value)
    if found is not None:
        position, code = found
        raise Invalid(
            _("holds the invisible or control character {code} (character {position})").format(
                code=code, position=position
            )
        )
    return value


def parse_date(text: str) -> date:
    """``YYYY-MM-DD`` or the Dutch ``DD-MM-YYYY``."""
    match = _ISO_DATE.fullmatch(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _DUTCH_DATE.fullmatch(text)
        if not match:
            raise Invalid(
                _("'{value}' is not a date (use YYYY-MM-DD or DD-MM-YYYY)").format(value=text)
            )
        day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise Invalid(_("'{value}' is not a date that exists").format(value=text)) from None


def parse_boolean(text: str) -> bool:
    folded = text.lower()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise Invalid(
        _("'{value}' is not yes or no (use yes/no, true/false, 1/0 or ja/nee)").format(value=text)
    )


def parse_integer(text: str, low: int, high: int) -> int:
    if not _INTEGER.fullmatch(text) or len(text) > 12:
        raise Invalid(_("'{value}' is not a whole number").format(value=text))
    value = int(text)
    if not low <= value <= high:
        raise Invalid(
            _("{value} is not between {low} and {high}").format(value=value, low=low, high=high)
        )
    return value


def parse_code(text: str, codes: Iterable[str]) -> str:
    code = text.lower()
    if code not in codes:
        raise Invalid(_("'{value}' is not a known code").format(value=text))
    return code


def parse_codes(text: str, codes: Iterable[str]) -> tuple[str, ...]:
    """Codes separated by ``|``, each known; returned sorted and without repeats."""
    known = frozenset(codes)
    found = set()
    for part in text.split("|"):
        code = part.strip().lower()
        if not code:
            continue
        if code not in known:
            raise Invalid(_("'{value}' is not a known code").format(value=part.strip()))
        found.add(code)
    return tuple(sorted(found))


def parse_kvk(text: str) -> str:
    if not (len(text) == 8 and text.isascii() and text.isdigit()):
        raise Invalid(_("'{value}' is not a KvK number of 8 digits").format(value=text))
    return text


def parse_country(text: str) -> str:
    code = text.upper()
    if code not in countries():
        raise Invalid(_("'{value}' is not an ISO 3166-1 alpha-2 country code").format(value=text))
    return code


def parse_language(text: str) -> str:
    code = text.lower()
    if code not in languages():
        raise Invalid(_("'{value}' is not an ISO 639-1 language code").format(value=text))
    return code


@cache
def countries() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes Babel knows."""
    names = Locale("en").territories
    return frozenset(
        str(code)
        for code in names
        if isinstance(code, str)
        and len(code) == 2
        and code.isalpha()
        and code not in _NOT_COUNTRIES
    )


@cache
def languages() -> frozenset[str]:
    """The two-letter (ISO 639-1) language codes Babel knows."""
    return frozenset(
        code for code in Locale("en").languages if isinstance(code, str) and len(code) == 2
    )


def format_value(value: object) -> str:
    """A stored value as the text of a cell: what the parsers read back unchanged."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "|".join(str(item) for item in value)
    return str(value)
