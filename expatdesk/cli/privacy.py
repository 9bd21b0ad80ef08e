"""``expatdesk erase EXPAT_REF`` and ``expatdesk subject-access EXPAT_REF -o FILE``.

The privacy officer's desk and scripts do from the command line what the app's Records menu
does, through the same services: the same role checks (on SQLite the command acts as the system,
whoever may run it owns the file; on PostgreSQL as the connecting role's staff account, or the
owner), the same trail entries and the same messages.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from expatdesk import i18n
from expatdesk.accounts import sign_in as signing
from expatdesk.config import database_target
from expatdesk.db.database import Database, open_database
from expatdesk.db.engine import parse_url
from expatdesk.db.models import Expat
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.privacy import erasure as privacy
from expatdesk.privacy import subject_access
from expatdesk.private_files import write_private

#: The reason the trail gives for an erasure from the command line without ``--reason``.
DEFAULT_REASON = "At the person's request"


def add_privacy_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``erase`` and ``subject-access`` to the subcommands ``commands`` of the main parser."""
    erase = commands.add_parser(
        "erase",
        parents=[common],
        help=_("erase the personal data of an expat (administrators)"),
    )
    erase.add_argument("ref", metavar="EXPAT_REF", help=_("the expat's reference, e.g. EXP-000123"))
    erase.add_argument("--yes", action="store_true", help=_("erase without asking first"))
    erase.add_argument(
        "--reason",
        default=DEFAULT_REASON,
        metavar=_("TEXT"),
        help=_("why, for the audit trail (default: at the person's request)"),
    )
    erase.set_defaults(run=_run_erase)
    access = commands.add_parser(
        "subject-access",
        parents=[common],
        help=_("write everything held about an expat to FILE (.json or .pdf)"),
    )
    access.add_argument(
        "ref", metavar="EXPAT_REF", help=_("the expat's reference, e.g. EXP-000123")
    )
    access.add_argument(
        "-o", "--output", required=True, type=Path, metavar=_("FILE"), help=_("the file to write")
    )
    access.set_defaults(run=_run_subject_access)


def _open(args: argparse.Namespace) -> Database:
    return open_database(parse_url(database_target(getattr(args, "database", None))))


def _expat_id(database: Database, ref: str) -> int:
    with database.reading() as session:
        found = session.scalar(select(Expat.id).where(Expat.expat_ref == ref.strip()))
    if found is None:
        raise UserError(_("No expat with the reference {ref}.").format(ref=ref))
    return int(found)


def _run_erase(args: argparse.Namespace) -> int:
    database = _open(args)
    try:
        actor = signing.connection_actor(database)
        expat_id = _expat_id(database, args.ref)
        preview = privacy.erasure_preview(database, actor, expat_id)
        if preview.anonymised_at is not None:
            raise UserError(
                _("The personal data of {ref} was erased already.").format(ref=preview.ref)
            )
        print(
            _(
                "Erasing {ref} removes the names, contact details, BSN and notes, {family} "
                "family members, {permits} permits, {notes} case notes and {tasks} tasks; "
                "{cases} cases, {deliveries} service deliveries and {responses} survey responses "
                "stay for the reports, without personal data."
            ).format(
                ref=preview.ref,
                family=preview.family_members,
                permits=preview.permits,
                notes=preview.case_notes,
                tasks=preview.tasks,
                cases=preview.cases,
                deliveries=preview.deliveries,
                responses=preview.survey_responses,
            )
        )
        mentions = privacy.mentions(database, actor, expat_id)
        if mentions:
            print(_("Other records mention this person; review them by hand:"))
            for mention in mentions:
                print(f"  {mention.label}")
        if not args.yes and not _confirmed(preview.ref):
            print(_("Nothing was erased."))
            return 1
        erasure = privacy.anonymise_expat(database, actor, expat_id, preview.version, args.reason)
    finally:
        database.dispose()
    print(
        _("The personal data of {ref} was erased ({entries} trail entries cleaned).").format(
            ref=erasure.ref, entries=i18n.format_number(erasure.trail_entries)
        )
    )
    return 0


def _confirmed(ref: str) -> bool:
    if not sys.stdin.isatty():
        raise UserError(_("Add --yes to erase {ref} without being asked.").format(ref=ref))
    answer = input(
        _("Erase the personal data of {ref}? Type the reference to confirm: ").format(ref=ref)
    )
    return answer.strip() == ref


def _run_subject_access(args: argparse.Namespace) -> int:
    output: Path = args.output
    suffix = output.suffix.lower()
    if suffix not in (".json", ".pdf"):
        raise UserError(
            _(
                "Unknown file type {suffix}: write the subject access to a .json or .pdf file."
            ).format(suffix=output.suffix or "''")
        )
    database = _open(args)
    try:
        actor = signing.connection_actor(database)
        expat_id = _expat_id(database, args.ref)
        data = subject_access.subject_access(database, actor, expat_id)
    finally:
        database.dispose()
    if suffix == ".json":
        body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    else:
        from expatdesk.reports.pdf.subject_access import render_subject_access_pdf

        body = render_subject_access_pdf(data, language=str(data["language"]))
    write_private(output, body)
    print(_("Subject access of {ref} written to {path}").format(ref=args.ref, path=output))
    return 0
