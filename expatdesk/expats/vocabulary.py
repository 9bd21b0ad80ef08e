"""What an expat form chooses from: the code lists, the countries of a nationality and the
languages, named in the active language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from expatdesk import i18n
from expatdesk.common.labels import Label
from expatdesk.db.database import Database
from expatdesk.db.models import CodeMixin, EducationLevel, ExpatCategory, Municipality, PermitType
from expatdesk.text import fold

#: Babel's territories that are no country anyone has as a nationality.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"})
#: The languages the language choice lists first.
FIRST_LANGUAGES = ("nl", "en")
_ENGLISH = Locale("en")


@dataclass(frozen=True)
class ExpatChoices:
    """The code lists an expat form chooses from, in their display order."""

    categories: tuple[Label, ...]
    education_levels: tuple[Label, ...]
    municipalities: tuple[Label, ...]
    permit_types: tuple[Label, ...]


def _labels(session: Session, table: type[CodeMixin]) -> tuple[Label, ...]:
    rows = session.scalars(select(table).order_by(table.sort_order, table.code))
    return tuple(Label.of(row) for row in rows)


def choices(database: Database) -> ExpatChoices:
    """Categories, education levels, municipalities (Twente's 14 and outside) and permit types."""
    with database.reading() as session:
        return ExpatChoices(
            categories=_labels(session, ExpatCategory),
            education_levels=_labels(session, EducationLevel),
            municipalities=_labels(session, Municipality),
            permit_types=_labels(session, PermitType),
        )


def nationalities() -> list[tuple[str, str]]:
    """The countries a nationality can be, as ``(code, name)`` sorted by name in the UI language."""
    return list(_nationalities(i18n.language()))


@cache
def _nationalities(language: str) -> tuple[tuple[str, str], ...]:
    del language  # the cache key: i18n.countries() names them in the active language
    return tuple((code, name) for code, name in i18n.countries() if code not in NOT_COUNTRIES)


@cache
def country_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes a nationality can have."""
    codes = {code for code in _ENGLISH.territories if isinstance(code, str)}
    return frozenset(code for code in codes if len(code) == 2 and code.isalpha()) - NOT_COUNTRIES


@cache
def language_codes() -> frozenset[str]:
    """The ISO 639-1 (two-letter) language codes."""
    codes = {code for code in _ENGLISH.languages if isinstance(code, str)}
    return frozenset(code for code in codes if len(code) == 2 and code.isalpha())


def languages() -> list[tuple[str, str]]:
    """The languages an expat can prefer, as ``(code, name)`` in the UI language.

    Dutch and English, the centre's own languages, come first; the others by name.
    """
    return list(_languages(i18n.language()))


@cache
def _languages(language: str) -> tuple[tuple[str, str], ...]:
    del language  # the cache key: the names are those of the active language
    names = i18n.locale().languages
    first = [(code, str(names.get(code, code))) for code in FIRST_LANGUAGES]
    others = sorted(
        (
            (code, str(names.get(code, code)))
            for code in language_codes()
            if code not in FIRST_LANGUAGES
        ),
        key=lambda pair: fold(pair[1]),
    )
    return tuple(first + others)
