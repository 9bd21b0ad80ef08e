"""The ``expatdesk`` command: the desktop app without arguments, subcommands for the rest.

Bad arguments, bad URLs, unreachable servers and unreadable files end with a one-line message on
standard error and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sqlalchemy.exc import DBAPIError

from expatdesk import __version__, clock, i18n, selftest, started
from expatdesk.accounts import sign_in as signing
from expatdesk.accounts.actor import role_label
from expatdesk.cli.bench import add_bench_command
from expatdesk.cli.letters import add_letter_command
from expatdesk.cli.privacy import add_privacy_commands
from expatdesk.cli.staff import add_staff_command
from expatdesk.config import database_target, default_database
from expatdesk.db.database import Database, open_database
from expatdesk.db.engine import parse_url
from expatdesk.errors import DatabaseError, UserError
from expatdesk.i18n import _
from expatdesk.privacy.erasure import restore_backup
from expatdesk.privacy.trail import clean_deleted_trail
from expatdesk.reports import output
from expatdesk.reports.target_settings import read_centre_name
from expatdesk.reports.target_years import check_years

if TYPE_CHECKING:
    from expatdesk.demo import DemoSummary

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, with a hint to ``--help``."""

    def error(self, message: str) -> NoReturn:
        hint = _("run '{command} --help' for help").format(command=self.prog)
        self.exit(EXIT_USAGE, f"{self.prog}: {message} ({hint})\n")


def build_parser() -> argparse.ArgumentParser:
    # --database and --lang are accepted before and after the subcommand.
    common = _Parser(add_help=False)
    common.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=_(
            "SQLite file or postgresql+psycopg:// URL to use (default: "
            "$EXPATDESK_DATABASE_URL, else a file in your data folder)"
        ),
    )
    common.add_argument(
        "--lang",
        choices=sorted(i18n.LANGUAGES),
        default=argparse.SUPPRESS,
        help=_("language of messages and reports"),
    )
    parser = _Parser(
        prog="expatdesk",
        description=_("ExpatDesk: case management for expat centres."),
        epilog=_("Without a command, the desktop app starts."),
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"ExpatDesk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)

    commands.add_parser(
        "gui", parents=[common], help=_("start the desktop app (the default)")
    ).set_defaults(run=_run_gui)
    commands.add_parser(
        "init", parents=[common], help=_("create the database or migrate it to this version")
    ).set_defaults(run=_run_init)

    backup = commands.add_parser(
        "backup",
        parents=[common],
        help=_("copy the SQLite database to FILE, consistently, also while the app runs"),
    )
    backup.add_argument("file", metavar=_("FILE"), type=Path, help=_("the new backup file"))
    backup.set_defaults(run=_run_backup)
    restore = commands.add_parser(
        "restore",
        parents=[common],
        help=_("replace the SQLite database with the backup FILE (the current one is kept aside)"),
    )
    restore.add_argument("file", metavar=_("FILE"), type=Path, help=_("a backup file"))
    restore.set_defaults(run=_run_restore)

    demo = commands.add_parser(
        "demo", parents=[common], help=_("fill an empty database with fictional demo data")
    )
    demo.add_argument(
        "--size",
        choices=("small", "large"),
        default="small",
        help=_("small: about 3,000 expats; large: about 500,000, for benchmarks"),
    )
    demo.add_argument(
        "--seed", type=int, default=2014, help=_("random seed; the same seed gives the same data")
    )
    demo.set_defaults(run=_run_demo)
    _add_report_command(commands, common)
    _add_exchange_commands(commands, common)
    add_bench_command(commands, common)
    add_staff_command(commands, common)
    add_privacy_commands(commands, common)
    add_letter_command(commands, common)
    commands.add_parser(
        "selftest",
        parents=[common],
        help=_(
            "check this installation: a new database, the main window in Dutch and English, "
            "a PDF report and its fonts"
        ),
    ).set_defaults(run=_run_selftest)
    return parser


#: The kinds of file ``import`` and ``export`` know (expatdesk.exchange.kinds, data-exchange.md).
EXCHANGE_KINDS = ("employers", "hiring", "expats", "services", "surveys")


def _add_exchange_commands(commands: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    """``import KIND FILE [--dry-run]`` and ``export KIND FILE`` (data-exchange.md)."""
    importing = commands.add_parser(
        "import",
        parents=[common],
        help=_("import a CSV or XLSX file: all rows or, on any error, none"),
    )
    importing.add_argument("kind", choices=EXCHANGE_KINDS, metavar=_("KIND"), help=_kinds_help())
    importing.add_argument("file", type=Path, metavar=_("FILE"), help=_("CSV or XLSX file"))
    importing.add_argument(
        "--dry-run", action="store_true", help=_("check the file only; write nothing")
    )
    importing.set_defaults(run=_run_import)
    exporting = commands.add_parser(
        "export", parents=[common], help=_("export records as a CSV or XLSX file")
    )
    exporting.add_argument("kind", choices=EXCHANGE_KINDS, metavar=_("KIND"), help=_kinds_help())
    exporting.add_argument(
        "file", type=Path, metavar=_("FILE"), help=_("file to write: .csv or .xlsx")
    )
    exporting.set_defaults(run=_run_export)


def _kinds_help() -> str:
    return _("one of: {kinds}").format(kinds=", ".join(EXCHANGE_KINDS))


def _add_report_command(commands: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    """``report targets --from Y1 --to Y2 [--format F] [-o FILE]``: targets N–Q (targets.md)."""
    report = commands.add_parser("report", parents=[common], help=_("compute a report"))
    kinds = report.add_subparsers(
        dest="report", metavar=_("REPORT"), parser_class=_Parser, required=True
    )
    targets = kinds.add_parser(
        "targets", parents=[common], help=_("targets N–Q per year (Techniekpact Twente)")
    )
    targets.add_argument(
        "--from",
        dest="year_from",
        type=int,
        required=True,
        metavar=_("YEAR"),
        help=_("first year of the report"),
    )
    targets.add_argument(
        "--to",
        dest="year_to",
        type=int,
        required=True,
        metavar=_("YEAR"),
        help=_("last year of the report"),
    )
    formats = list(output.TARGET_FORMATS)
    targets.add_argument(
        "--format",
        choices=formats,
        default=formats[0],
        help=_("output format (default: %(default)s)"),
    )
    targets.add_argument(
        "-o",
        "--output",
        metavar=_("FILE"),
        type=Path,
        help=_("file to write (replaced only when complete); default: standard output"),
    )
    targets.set_defaults(run=_run_report_targets)


def _open(args: argparse.Namespace, *, create: bool = False) -> Database:
    """The database named by ``--database`` (or the environment, or the default).

    Only ``init`` and ``demo`` create one; every other command refuses a place without one.
    """
    return open_database(parse_url(database_target(getattr(args, "database", None))), create=create)


def _run_gui(args: argparse.Namespace) -> int:
    given = getattr(args, "database", None)
    target = parse_url(database_target(given))
    from expatdesk.qt.app import run  # Qt is loaded only for the desktop app

    # The first start on the default data folder creates the desk's database; a database that is
    # named (--database or EXPATDESK_DATABASE_URL) must exist, or the app offers to create it.
    exit_code: int = run(
        target,
        language=getattr(args, "lang", None),
        create=database_target(given) == default_database(),
    )
    return exit_code


def _run_selftest(args: argparse.Namespace) -> int:
    """Run every self-test check; one line per failure on standard error, exit 1 if any."""
    from expatdesk.qt.selftest import window_check  # the window check needs Qt

    with selftest.private_folder() as folder:
        checks = [*selftest.CORE_CHECKS, ("window", window_check(folder))]
        outcomes = selftest.run_checks(checks, folder)
    for outcome in outcomes:
        if outcome.problem is None:
            print(_("selftest: {check}: ok").format(check=outcome.name))
        else:
            print(
                _("selftest: {check}: FAILED: {problem}").format(
                    check=outcome.name, problem=outcome.problem
                ),
                file=sys.stderr,
            )
    failed = sum(outcome.problem is not None for outcome in outcomes)
    print(
        _("ExpatDesk {version}: all {count} checks passed.").format(
            version=__version__, count=len(outcomes)
        )
        if not failed
        else _("ExpatDesk {version}: {failed} of {count} checks failed.").format(
            version=__version__, failed=failed, count=len(outcomes)
        )
    )
    return 1 if failed else 0


def _run_init(args: argparse.Namespace) -> int:
    database = _open(args, create=True)
    try:
        if database.backup_path:
            print(_("Backup before migrating: {path}").format(path=database.backup_path))
        if not database.is_sqlite:
            cleaned = clean_deleted_trail(database)
            if cleaned:
                print(
                    i18n.ngettext(
                        "{count} trail entry of deleted expats cleaned of personal data.",
                        "{count} trail entries of deleted expats cleaned of personal data.",
                        cleaned,
                    ).format(count=i18n.format_number(cleaned))
                )
        print(_("Database ready: {name}").format(name=database.name))
    finally:
        database.dispose()
    return 0


def _run_backup(args: argparse.Namespace) -> int:
    database = open_database(
        parse_url(database_target(getattr(args, "database", None))), migrate=False
    )
    try:
        database.backup_to(args.file)
    finally:
        database.dispose()
    print(_("Backup of {name} written to {path}").format(name=database.name, path=args.file))
    return 0


def _run_restore(args: argparse.Namespace) -> int:
    database = open_database(
        parse_url(database_target(getattr(args, "database", None))), migrate=False
    )
    try:
        restored = restore_backup(database, args.file)
    finally:
        database.dispose()
    print(
        _("{name} restored from {path}; its previous contents are in {kept}").format(
            name=database.name, path=args.file, kept=restored.kept
        )
    )
    if restored.erased_again:
        print(
            i18n.ngettext(
                "{count} person erased before was erased again: {refs}",
                "{count} persons erased before were erased again: {refs}",
                len(restored.erased_again),
            ).format(
                count=i18n.format_number(len(restored.erased_again)),
                refs=", ".join(restored.erased_again),
            )
        )
    return 0


def _run_demo(args: argparse.Namespace) -> int:
    from expatdesk import demo

    database = _open(args, create=True)
    started = time.perf_counter()
    try:
        summary = demo.fill(database, size=args.size, seed=args.seed, today=clock.today())
    finally:
        database.dispose()
    elapsed = time.perf_counter() - started
    print(
        _(
            "Demo data added to {name} in {seconds} s: {employers} employers, {expats} expats, "
            "{deliveries} service deliveries, {responses} survey responses."
        ).format(
            name=database.name,
            seconds=i18n.format_number(elapsed, 1),
            employers=i18n.format_number(summary.employers),
            expats=i18n.format_number(summary.expats),
            deliveries=i18n.format_number(summary.deliveries),
            responses=i18n.format_number(summary.responses),
        )
    )
    _print_demo_accounts(summary)
    return 0


def _print_demo_accounts(summary: DemoSummary) -> None:
    """The demo's accounts, to sign in with (on SQLite, with their passwords)."""
    if summary.accounts:
        print(_("Demo accounts (username, password, role):"))
        for account in summary.accounts:
            if summary.staff_password is None:
                print(f"  {account.username:<10} {role_label(account.role)}")
            else:
                print(f"  {account.username:<10} {account.password:<20} {role_label(account.role)}")
    if summary.staff_password is not None:
        print(
            _(
                "The demo's staff members (such as marieke.lansink) use the password {password}."
            ).format(password=summary.staff_password)
        )
    else:
        print(
            _(
                "PostgreSQL keeps the passwords: give an account its login with "
                "'expatdesk staff password USERNAME'."
            )
        )


def _run_report_targets(args: argparse.Namespace) -> int:
    from expatdesk.reports.targets import targets_report

    check_years(args.year_from, args.year_to)
    if args.output is None and args.format in output.FILE_ONLY_FORMATS:
        raise UserError(
            _("The {format} format needs a file to write: add -o FILE.").format(format=args.format)
        )
    if args.output is not None:
        output.check_writable(args.output)
    database = _open(args)
    centre_name = None
    try:
        report = targets_report(
            database, signing.connection_actor(database), args.year_from, args.year_to
        )
        if args.format == "pdf":
            centre_name = read_centre_name(database)
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise DatabaseError(
            _("Cannot read the database {name}: {reason}").format(name=database.name, reason=reason)
        ) from None
    finally:
        database.dispose()
    if args.format == "pdf":
        data = output.targets_pdf(report, centre_name=centre_name, source=database.name)
    else:
        data = output.TARGET_FORMATS[args.format](report)
    if args.output is None:
        _write_stdout(data)
    else:
        output.write_atomically(args.output, data)
    return 0


def _run_import(args: argparse.Namespace) -> int:
    from expatdesk.exchange import apply_import, prepare_import
    from expatdesk.exchange.reading import file_format

    file_format(args.file)  # an unknown extension is refused before the database is opened
    database = _open(args)
    try:
        plan = prepare_import(database, args.kind, args.file)
        if plan.errors:
            for error in plan.errors:
                print(error, file=sys.stderr)
            print(
                i18n.ngettext(
                    "{count} error in {path}; nothing was imported.",
                    "{count} errors in {path}; nothing was imported.",
                    len(plan.errors),
                ).format(count=i18n.format_number(len(plan.errors)), path=args.file),
                file=sys.stderr,
            )
            return 1
        if not args.dry_run:
            apply_import(database, signing.connection_actor(database), plan)
    finally:
        database.dispose()
    counts = plan.counts
    numbers = {
        "added": i18n.format_number(counts.added),
        "updated": i18n.format_number(counts.updated),
        "unchanged": i18n.format_number(counts.unchanged),
    }
    if args.dry_run:
        print(
            _(
                "Checked, nothing written: {added} would be added, {updated} updated, "
                "{unchanged} unchanged."
            ).format(**numbers)
        )
    else:
        print(
            _("Imported: {added} added, {updated} updated, {unchanged} unchanged.").format(
                **numbers
            )
        )
    return 0


def _run_export(args: argparse.Namespace) -> int:
    from expatdesk.exchange import export
    from expatdesk.exchange.reading import file_format

    file_format(args.file)
    output.check_writable(args.file)
    database = _open(args)
    try:
        count = export(database, args.kind, args.file)
    finally:
        database.dispose()
    print(
        i18n.ngettext(
            "{count} record written to {path}.", "{count} records written to {path}.", count
        ).format(count=i18n.format_number(count), path=args.file)
    )
    return 0


def _write_stdout(data: bytes) -> None:
    sys.stdout.flush()
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # the reader (| head) went away: not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_language_from(arguments))
    parser = build_parser()
    args = parser.parse_args(arguments)
    run: Callable[[argparse.Namespace], int] = getattr(args, "run", _run_gui)
    if run is not _run_gui:
        started()  # the app says so itself once its window is painted
    try:
        return run(args)
    except UserError as error:
        print(f"expatdesk: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(_("expatdesk: interrupted"), file=sys.stderr)
        return 130


def _language_from(arguments: list[str]) -> str:
    """The language for messages: ``--lang`` if given (so even --help speaks it), else default."""
    for index, argument in enumerate(arguments):
        value = None
        if argument.startswith("--lang="):
            value = argument.split("=", 1)[1]
        elif argument == "--lang" and index + 1 < len(arguments):
            value = arguments[index + 1]
        if value in i18n.LANGUAGES:
            return value
    return i18n.default_language()
