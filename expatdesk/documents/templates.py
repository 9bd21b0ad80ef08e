"""Letter templates: text with placeholders, per letter and language, that the centre adapts.

The templates are rows of ``letter_template`` (migration 0010 writes the defaults of
:mod:`expatdesk.documents.defaults`, which also stand in for a missing row). A template
has a subject and a body; the body's paragraphs are separated by a blank line, and a paragraph
that is only a list placeholder (``{documents}``) becomes a list. Placeholders are names in
braces from :data:`PLACEHOLDERS` (common to all letters) and :data:`LETTERS` (per letter);
anything else in braces is refused with a message naming it, when the template is saved and
when a letter is made, so a typo never reaches a client. Managers change the templates
(:func:`update_template`), as they change the centre's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from expatdesk.accounts.actor import Actor, Permission, database_refusals
from expatdesk.common.concurrency import check_version, stale_guard
from expatdesk.db.database import Database
from expatdesk.db.models.documents import LetterTemplate
from expatdesk.documents.defaults import DEFAULT_TEMPLATES
from expatdesk.errors import UserError
from expatdesk.i18n import _

#: The languages letters are written in; any other preference gets English.
LETTER_LANGUAGES = ("nl", "en")
FALLBACK_LANGUAGE = "en"
SUBJECT_LIMIT = 200
BODY_LIMIT = 20_000

#: Placeholders every letter knows.
PLACEHOLDERS = frozenset(
    {"client_name", "case_ref", "case_subject", "centre_name", "today", "staff_name"}
)
#: The letters, with their own placeholders: (text placeholders, list placeholders).
LETTERS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "documents-needed": (frozenset(), frozenset({"documents"})),
    "appointment": (
        frozenset({"appointment_date", "appointment_time", "place"}),
        frozenset({"bring"}),
    ),
    "client-overview": (frozenset(), frozenset({"open_cases", "services", "permits_ending"})),
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def letter_language(preferred: str | None) -> str:
    """The language of a letter for someone who prefers ``preferred``: Dutch or English as
    preferred, English for any other preference (or none)."""
    return preferred if preferred in LETTER_LANGUAGES else FALLBACK_LANGUAGE


def known_placeholders(name: str) -> frozenset[str]:
    texts, lists = LETTERS[name]
    return PLACEHOLDERS | texts | lists


def list_placeholders(name: str) -> frozenset[str]:
    return LETTERS[name][1]


def check_letter(name: str) -> None:
    if name not in LETTERS:
        raise UserError(
            _("There is no letter {name}; the letters are: {names}.").format(
                name=name, names=", ".join(LETTERS)
            )
        )


def unknown_placeholders(name: str, text: str) -> list[str]:
    """The placeholders of ``text`` that letter ``name`` does not know, in order."""
    known = known_placeholders(name)
    return list(dict.fromkeys(m for m in _PLACEHOLDER.findall(text) if m not in known))


@dataclass(frozen=True)
class Template:
    id: int
    name: str
    language: str
    subject: str
    body: str
    version: int


def template_in(session: Session, name: str, language: str, *, checked: bool = True) -> Template:
    """The template of letter ``name`` in ``language``, checked for unknown placeholders (not
    with ``checked=False``: the editor shows a faulty text to be fixed)."""
    check_letter(name)
    row = session.scalar(
        select(LetterTemplate).where(
            LetterTemplate.name == name, LetterTemplate.language == language
        )
    )
    if row is None:
        template = default_template(name, language)
    else:
        template = Template(row.id, row.name, row.language, row.subject, row.body, row.version)
    if checked:
        _check_text(name, language, template.subject + "\n" + template.body)
    return template


def default_template(name: str, language: str) -> Template:
    """The default text of letter ``name`` in ``language`` (id and version 0: not stored)."""
    for default_name, default_language, subject, body in DEFAULT_TEMPLATES:
        if (default_name, default_language) == (name, language):
            return Template(0, name, language, subject, body, 0)
    raise UserError(
        _("The letter {name} has no template in {language}.").format(name=name, language=language)
    )


def read_template(
    database: Database, name: str, language: str, *, checked: bool = True
) -> Template:
    with database.reading() as session:
        return template_in(session, name, language, checked=checked)


def _check_text(name: str, language: str, text: str) -> None:
    unknown = unknown_placeholders(name, text)
    if unknown:
        raise UserError(
            _(
                "The template of {name} ({language}) uses {unknown}, which this letter does not "
                "know; it knows: {known}."
            ).format(
                name=name,
                language=language,
                unknown=", ".join("{" + item + "}" for item in unknown),
                known=", ".join("{" + item + "}" for item in sorted(known_placeholders(name))),
            )
        )


def update_template(
    database: Database,
    actor: Actor,
    name: str,
    language: str,
    subject: str,
    body: str,
    *,
    expected_version: int,
) -> Template:
    """Store a new subject and body for letter ``name`` in ``language`` (managers), checked
    against the version read before (0: the default was read); returns what is stored."""
    actor.require(Permission.TARGET_SETTINGS)
    check_letter(name)
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise UserError(_("A letter template needs a subject and a text."))
    if len(subject) > SUBJECT_LIMIT or len(body) > BODY_LIMIT:
        raise UserError(
            _("A subject has at most {subject} characters, a text at most {body}.").format(
                subject=SUBJECT_LIMIT, body=BODY_LIMIT
            )
        )
    _check_text(name, language, subject + "\n" + body)
    with database_refusals(), database.transaction(actor) as session:
        row = session.scalar(
            select(LetterTemplate).where(
                LetterTemplate.name == name, LetterTemplate.language == language
            )
        )
        if row is None:  # the default was shown (version 0); the first change stores it
            default_template(name, language)
            if expected_version != 0:
                check_version(session, None, expected_version, "letter_template")
            row = LetterTemplate(name=name, language=language, subject=subject, body=body)
            session.add(row)
        else:
            check_version(session, row, expected_version, "letter_template")
            row.subject, row.body = subject, body
        with stale_guard(session, "letter_template", row.id):
            session.flush()
        return Template(row.id, row.name, row.language, row.subject, row.body, row.version)


@dataclass(frozen=True)
class Block:
    """A paragraph of a letter (``lines``) or a list (``items``)."""

    lines: tuple[str, ...] = ()
    items: tuple[str, ...] | None = None


def fill(
    name: str, text: str, values: dict[str, str], lists: dict[str, tuple[str, ...]], empty: str
) -> list[Block]:
    """The paragraphs and lists of ``text`` with the placeholders replaced. A paragraph that is
    only a list placeholder becomes a list (``empty`` when it has no items); inside a sentence a
    list is joined with commas."""

    def substitute(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in lists:
            return ", ".join(lists[key]) or empty
        return values.get(key, "")

    blocks: list[Block] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        stripped = paragraph.strip()
        found = _PLACEHOLDER.fullmatch(stripped)
        if found and found.group(1) in list_placeholders(name):
            items = lists.get(found.group(1), ())
            blocks.append(Block(items=items or (empty,)))
            continue
        lines = tuple(_PLACEHOLDER.sub(substitute, line) for line in stripped.splitlines())
        blocks.append(Block(lines=lines))
    return blocks


def fill_line(text: str, values: dict[str, str]) -> str:
    """A one-line text (the subject) with its placeholders replaced."""
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), ""), text).strip()
