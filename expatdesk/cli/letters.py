"""``expatdesk letter TEMPLATE CASE_REF -o FILE [--lang nl|en]``: a letter for batches and scripts.

Makes the letter as the app's letter dialog does (:func:`expatdesk.documents.letters.make_letter`),
in the client's preferred language unless ``--lang`` says otherwise, writes it to FILE readable
by its owner only (0600), and keeps it on the case (``--no-file`` leaves the case as it is). The
appointment letter takes ``--date`` and ``--time``, and optionally ``--place`` and ``--bring``.
``--lang`` is the option every command has (the language of messages and reports): given, it is
the letter's language too.

``expatdesk letter-template TEMPLATE --language nl|en`` shows a letter's template with its
placeholders; with ``--subject`` and/or ``--body-file`` it stores a new text (managers), checked
for unknown placeholders.
"""

from __future__ import annotations

import argparse
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from expatdesk.accounts import sign_in as signing
from expatdesk.config import database_target
from expatdesk.db.database import Database, open_database
from expatdesk.db.engine import parse_url
from expatdesk.db.models import Case
from expatdesk.documents import templates
from expatdesk.documents.templates import LETTER_LANGUAGES, LETTERS
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.private_files import write_private

if TYPE_CHECKING:
    from expatdesk.documents.letters import Appointment


def add_letter_command(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``letter`` to the subcommands ``commands`` of the main parser."""
    letter = commands.add_parser(
        "letter",
        parents=[common],
        help=_("write a letter from a template for a case's client to FILE (PDF)"),
    )
    letter.add_argument("template", metavar="TEMPLATE", help=", ".join(LETTERS))
    letter.add_argument("ref", metavar="CASE_REF", help=_("the case's reference"))
    letter.add_argument(
        "-o", "--output", required=True, type=Path, metavar=_("FILE"), help=_("the file to write")
    )
    letter.add_argument("--date", metavar="YYYY-MM-DD", help=_("the appointment's date"))
    letter.add_argument("--time", metavar="HH:MM", help=_("the appointment's time"))
    letter.add_argument("--place", metavar=_("TEXT"), help=_("the appointment's place"))
    letter.add_argument(
        "--bring",
        action="append",
        metavar=_("TEXT"),
        help=_("what to bring to the appointment (repeat for more)"),
    )
    letter.add_argument(
        "--no-file", action="store_true", help=_("do not keep the letter on the case")
    )
    letter.set_defaults(run=_run_letter)
    template = commands.add_parser(
        "letter-template",
        parents=[common],
        help=_("show a letter's template, or store a new text for it (managers)"),
    )
    template.add_argument("template", metavar="TEMPLATE", help=", ".join(LETTERS))
    template.add_argument(
        "--language",
        required=True,
        choices=LETTER_LANGUAGES,
        help=_("the language of the template"),
    )
    template.add_argument("--subject", metavar=_("TEXT"), help=_("the new subject"))
    template.add_argument(
        "--body-file",
        type=Path,
        metavar=_("FILE"),
        help=_("a UTF-8 text file with the new text (paragraphs separated by a blank line)"),
    )
    template.set_defaults(run=_run_letter_template)


def appointment_of(args: argparse.Namespace) -> Appointment | None:
    """The appointment the options describe (``None`` without ``--date`` and ``--time``)."""
    from expatdesk.documents.letters import Appointment  # reportlab: off the start path

    if args.date is None and args.time is None:
        return None
    if args.date is None or args.time is None:
        raise UserError(_("An appointment needs both --date and --time."))
    try:
        day = date.fromisoformat(args.date)
    except ValueError:
        raise UserError(
            _("{value} is not a date; write it as YYYY-MM-DD.").format(value=args.date)
        ) from None
    try:
        at = time.fromisoformat(args.time)
    except ValueError:
        raise UserError(
            _("{value} is not a time; write it as HH:MM.").format(value=args.time)
        ) from None
    bring = tuple(item.strip() for item in args.bring if item.strip()) if args.bring else None
    return Appointment(day, at, args.place, bring)


def _case_id(database: Database, ref: str) -> int:
    with database.reading() as session:
        found = session.scalar(select(Case.id).where(Case.case_ref == ref.strip()))
    if found is None:
        raise UserError(_("No case with the reference {ref}.").format(ref=ref))
    return int(found)


def _run_letter(args: argparse.Namespace) -> int:
    from expatdesk.documents.letters import file_letter, make_letter  # reportlab: see above

    if args.template not in LETTERS:
        raise UserError(
            _("There is no letter {name}; the letters are: {names}.").format(
                name=args.template, names=", ".join(LETTERS)
            )
        )
    output: Path = args.output
    if output.suffix.lower() != ".pdf":
        raise UserError(_("A letter is written as a PDF: name FILE with .pdf at the end."))
    appointment = appointment_of(args)
    if args.template == "appointment" and appointment is None:
        raise UserError(_("The appointment letter needs --date and --time."))
    database = open_database(parse_url(database_target(getattr(args, "database", None))))
    try:
        actor = signing.connection_actor(database)
        case_id = _case_id(database, args.ref)
        letter = make_letter(
            database,
            actor,
            args.template,
            case_id,
            language=getattr(args, "lang", None),  # the common --lang: messages too
            appointment=appointment,
            file_on_case=False,
        )
        write_private(output, letter.pdf)
        if not args.no_file:  # kept on the case once the file is written
            file_letter(database, actor, case_id, letter)
    finally:
        database.dispose()
    print(
        _("Letter {name} ({language}) for {ref} written to {path}").format(
            name=args.template, language=letter.language, ref=args.ref, path=output
        )
    )
    return 0


def _run_letter_template(args: argparse.Namespace) -> int:
    templates.check_letter(args.template)
    database = open_database(parse_url(database_target(getattr(args, "database", None))))
    try:
        current = templates.read_template(database, args.template, args.language)
        if args.subject is None and args.body_file is None:
            print(current.subject)
            print()
            print(current.body)
            print()
            names = sorted(templates.known_placeholders(args.template))
            print(_("Placeholders: {names}").format(names=", ".join(f"{{{n}}}" for n in names)))
            return 0
        body = current.body
        if args.body_file is not None:
            try:
                body = args.body_file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise UserError(
                    _("Cannot read {path}: {reason}").format(
                        path=args.body_file, reason=getattr(error, "strerror", None) or error
                    )
                ) from None
        templates.update_template(
            database,
            signing.connection_actor(database),
            args.template,
            args.language,
            current.subject if args.subject is None else args.subject,
            body,
            expected_version=current.version,
        )
    finally:
        database.dispose()
    print(
        _("The template of {name} ({language}) was stored.").format(
            name=args.template, language=args.language
        )
    )
    return 0
