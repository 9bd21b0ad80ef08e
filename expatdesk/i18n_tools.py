"""For developers: keep the gettext catalogs in ``locales/`` in step with the code.

``python -m expatdesk.i18n_tools update`` extracts every marked string from the Python code
(``_``, ``N_``, ``ngettext``, ``pgettext``) and from the Qt Designer forms in ``ui/`` into
``locales/expatdesk.pot``, merges it into the Dutch and English catalogs, and fills English
entries with their source text (the sources are English). Dutch translations are written by hand.
``python -m expatdesk.i18n_tools check`` lists what is missing; the test suite runs the same check.
"""

from __future__ import annotations

import re
import sys
import xml.parsers.expat
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from expatdesk import __version__
from expatdesk.i18n import DOMAIN, LANGUAGES, LOCALES_DIR

ROOT = LOCALES_DIR.parent
TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"
METHOD_MAP = [
    ("expatdesk/qt/forms/**", "ignore"),  # generated from ui/, whose strings are read directly
    ("expatdesk/db/migrations/**", "ignore"),
    ("expatdesk/**.py", "python"),
    ("ui/**.ui", "expatdesk.i18n_tools:extract_qt_ui"),
]
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%\(?[a-z_]*\)?[sd]")

ExtractResult = tuple[int, str | None, str | tuple[str, ...], list[str]]


def extract_qt_ui(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[ExtractResult]:
    """Babel extractor for Qt Designer forms: every ``<string>`` not marked ``notr="true"``."""
    found: list[ExtractResult] = []
    state: dict[str, Any] = {"inside": False, "text": [], "line": 0, "comment": None}
    parser = xml.parsers.expat.ParserCreate()

    def start(name: str, attributes: dict[str, str]) -> None:
        if name == "string" and attributes.get("notr") != "true":
            state.update(inside=True, text=[], line=parser.CurrentLineNumber)
            state["comment"] = attributes.get("extracomment") or attributes.get("comment")

    def data(text: str) -> None:
        if state["inside"]:
            state["text"].append(text)

    def end(name: str) -> None:
        if name == "string" and state["inside"]:
            state["inside"] = False
            message = "".join(state["text"])
            if message.strip():
                comments = [state["comment"]] if state["comment"] else []
                found.append((state["line"], None, message, comments))

    parser.StartElementHandler = start
    parser.CharacterDataHandler = data
    parser.EndElementHandler = end
    parser.ParseFile(fileobj)
    yield from found


def extract() -> Catalog:
    """All translatable strings of the code and the forms, as a template catalog."""
    template = Catalog(project="ExpatDesk", version=__version__, domain=DOMAIN, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), METHOD_MAP, keywords=DEFAULT_KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        template.add(
            message,
            None,
            [(filename, lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def _catalog_path(language: str) -> Path:
    return LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read(path: Path, language: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=language, domain=DOMAIN, project="ExpatDesk", fuzzy=False)
    with path.open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as po:
        write_po(po, catalog, width=100, sort_output=True, omit_header=False, ignore_obsolete=True)


def update() -> list[str]:
    """Refresh the template and both catalogs; returns what still needs a translator."""
    template = extract()
    _write(TEMPLATE, template)
    for language in LANGUAGES:
        path = _catalog_path(language)
        catalog = _read(path, language)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.fuzzy = False
        if language == "en":
            for message in catalog:
                if message.id and not _translated(message):
                    message.string = message.id
                    message.flags.discard("fuzzy")
        _write(path, catalog)
    return check()


def _translated(message: Message) -> bool:
    if isinstance(message.string, (tuple, list)):
        return all(message.string)
    return bool(message.string)


def _placeholders(text: str | tuple[str, ...] | list[str]) -> set[str]:
    texts = [text] if isinstance(text, str) else list(text)
    return {found for item in texts for found in PLACEHOLDER.findall(item)}


def check() -> list[str]:
    """Problems with the catalogs: strings not extracted into them, or not translated."""
    problems: list[str] = []
    template = extract()
    for language in LANGUAGES:
        path = _catalog_path(language)
        catalog = _read(path, language)
        relative = path.relative_to(ROOT)
        for message in template:
            if not message.id:
                continue
            entry = catalog.get(message.id, context=message.context)
            where = f"{message.locations[0][0]}:{message.locations[0][1]}"
            label = message.id if isinstance(message.id, str) else message.id[0]
            if entry is None:
                problems.append(f"{relative}: missing {label!r} ({where}); run update")
            elif entry.fuzzy or not _translated(entry):
                problems.append(f"{relative}: untranslated {label!r} ({where})")
            elif _placeholders(entry.id) != _placeholders(entry.string or ""):
                problems.append(f"{relative}: placeholders differ in {label!r}")
    return problems


def main(argv: list[str]) -> int:
    if argv not in (["update"], ["check"]):
        print("usage: python -m expatdesk.i18n_tools update|check", file=sys.stderr)
        return 2
    problems = update() if argv == ["update"] else check()
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
