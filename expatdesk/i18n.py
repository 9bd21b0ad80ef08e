"""The one place user-visible text and locale formatting go through.

Strings are marked with :func:`_` (translate now), :func:`N_` (mark for extraction, translate
later) and :func:`ngettext`, and looked up in the gettext catalogs in ``locales/<lang>``. The
catalogs are read from their ``.po`` sources when a language is first used, so there is no
compiled ``.mo`` that can fall out of date: the one compiled from a source is kept in the user's
cache folder under the source's SHA-256 and read from there while the source is unchanged (parsing
the ``.po`` takes a tenth of a second at every start). Dates and numbers are formatted by Babel
for the active locale: ``7,5`` and ``26 november 2026`` in Dutch, ``7.5`` and ``26 November 2026``
in English.

The active language is process-wide, like the locale of a C program: the GUI switches it while it
runs and re-translates its windows; the command line sets it once.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import logging
import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import cache
from pathlib import Path

import platformdirs
from babel import Locale, dates, numbers

from expatdesk.text import fold

log = logging.getLogger(__name__)

DOMAIN = "expatdesk"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"

#: The languages the app speaks, with the Babel locale used for formatting.
LANGUAGES: dict[str, str] = {"nl": "nl_NL", "en": "en_GB"}
#: Each language's name in itself, for the language menu.
LANGUAGE_NAMES: dict[str, str] = {"nl": "Nederlands", "en": "English"}

_language = "en"
_translations: gettext.NullTranslations = gettext.NullTranslations()


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """The translations of ``language``, from its ``.po`` file (compiled once per version)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    source = (LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po").read_bytes()
    kept = catalog_cache_dir() / f"{DOMAIN}-{language}-{hashlib.sha256(source).hexdigest()}.mo"
    try:
        return gettext.GNUTranslations(io.BytesIO(kept.read_bytes()))
    except FileNotFoundError:
        pass
    except Exception as error:  # a damaged copy is compiled again
        log.warning("compiling the %s catalog again: %s", language, error)
    compiled = _compile(language, source)
    _keep(kept, compiled)
    return gettext.GNUTranslations(io.BytesIO(compiled))


def catalog_cache_dir() -> Path:
    """Where compiled catalogs are kept (``~/.cache/ExpatDesk/catalogs`` on Linux)."""
    return Path(platformdirs.user_cache_dir("ExpatDesk", appauthor=False)) / "catalogs"


def _compile(language: str, source: bytes) -> bytes:
    from babel.messages import mofile, pofile  # only when the source is new: 0.1 s

    parsed = pofile.read_po(io.BytesIO(source), locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    mofile.write_mo(buffer, parsed, use_fuzzy=False)
    return buffer.getvalue()


def _keep(path: Path, data: bytes) -> None:
    """Keep a compiled catalog (0600, complete or not at all); without it, compile next time."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        log.warning("the compiled catalog was not kept: %s", error)


def set_language(language: str) -> None:
    """Make ``language`` (``"nl"`` or ``"en"``) the active language."""
    global _language, _translations
    _translations = catalog(language)
    _language = language


def language() -> str:
    """The active language code."""
    return _language


@contextmanager
def using(language: str) -> Iterator[None]:
    """Speak ``language`` inside the block, then the language that was active before.

    For output in a language other than the user's (a Dutch report from an English screen).
    The language is process-wide: use it around synchronous work, not across an event loop.
    """
    previous = _language
    set_language(language)
    try:
        yield
    finally:
        set_language(previous)


def default_language(environ: dict[str, str] | None = None) -> str:
    """The language to start in when the user has not chosen one.

    ``EXPATDESK_LANG`` wins; otherwise Dutch when the system's locale is Dutch, else English.
    """
    env = os.environ if environ is None else environ
    chosen = env.get("EXPATDESK_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


def locale() -> Locale:
    """The Babel locale of the active language."""
    return _babel_locale(_language)


@cache
def _babel_locale(language: str) -> Locale:
    return Locale.parse(LANGUAGES[language])


def _(message: str) -> str:
    """Translate ``message`` into the active language."""
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate the form of a message that fits ``count``."""
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in a context that tells it apart from the same English word."""
    return _translations.pgettext(context, message)


def pick(en: str, nl: str) -> str:
    """Choose between the two labels a code list row stores."""
    return nl if _language == "nl" else en


# --- formatting -------------------------------------------------------------------------------


def format_date(value: date | None, format: str = "medium") -> str:
    """A date in the active locale; ``""`` for an unknown date."""
    if value is None:
        return ""
    return dates.format_date(value, format=format, locale=locale())


def format_datetime(value: datetime | None, format: str = "medium", *, seconds: bool = True) -> str:
    """A moment in the active locale, in the computer's time zone; ``""`` when unknown.

    ``seconds=False`` gives the time to the minute, with the date as ``format`` writes it:
    ``14 Nov 2026, 14:46`` (``14 nov 2026, 14:46`` in Dutch) for the ``"medium"`` format.
    """
    if value is None:
        return ""
    moment = value.astimezone()
    if seconds:
        return dates.format_datetime(moment, format=format, locale=locale())
    active = locale()
    pattern = str(active.datetime_formats[format]).format(
        active.time_formats["short"].pattern, active.date_formats[format].pattern
    )
    return dates.format_datetime(moment, format=pattern, locale=active)


def format_number(value: float | int | None, decimals: int | None = None) -> str:
    """A number in the active locale (``7,5`` in Dutch); ``""`` when unknown."""
    if value is None:
        return ""
    if decimals is None:
        return numbers.format_decimal(value, locale=locale())
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return numbers.format_decimal(value, format=pattern, locale=locale())


def format_percent(value: float | None, decimals: int = 1) -> str:
    """A share as a percentage in the active locale (``58,1%``); ``""`` when unknown."""
    if value is None:
        return ""
    pattern = "#,##0." + "0" * decimals + "%" if decimals else "#,##0%"
    return numbers.format_percent(value, format=pattern, locale=locale())


def country_name(code: str | None) -> str:
    """The name of an ISO 3166-1 alpha-2 country in the active language, or the code itself."""
    if not code:
        return ""
    return str(locale().territories.get(code.upper(), code.upper()))


def countries() -> list[tuple[str, str]]:
    """All countries as ``(code, name)``, sorted by name in the active language."""
    names = locale().territories
    pairs = [(code, name) for code, name in names.items() if len(code) == 2 and code.isalpha()]
    return sorted(pairs, key=lambda pair: fold(pair[1]))


def language_name(code: str | None) -> str:
    """The name of an ISO 639-1 language in the active language, or the code itself."""
    if not code:
        return ""
    return str(locale().languages.get(code.lower(), code))


def join(items: Iterable[str]) -> str:
    """A list of words joined as the active language does: "a, b and c"."""
    from babel.lists import format_list

    values = list(items)
    return format_list(values, locale=locale()) if values else ""
