"""``expatdesk staff add|list|disable|enable|password``: staff accounts from the command line.

On an SQLite file the command acts as the system (whoever may run it owns the file); on
PostgreSQL it acts as the connecting role: its staff account must be an administrator's, or the
role must own the database. Passwords are asked for twice without echo, or read from standard
input with ``--password-stdin`` (for scripts).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from expatdesk.accounts import sign_in as signing
from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import Actor, role_label
from expatdesk.accounts.staff import StaffAccount
from expatdesk.common.validation import ValidationError
from expatdesk.config import database_target
from expatdesk.db.database import Database, open_database
from expatdesk.db.engine import parse_url
from expatdesk.db.models import ROLES
from expatdesk.errors import UserError
from expatdesk.i18n import _


def add_staff_command(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``staff`` and its actions to the subcommands ``commands`` of the main parser."""
    staff = commands.add_parser(
        "staff", parents=[common], help=_("manage staff accounts (administrators)")
    )
    actions = staff.add_subparsers(
        dest="staff_action", metavar=_("ACTION"), parser_class=type(staff), required=True
    )
    add = actions.add_parser("add", parents=[common], help=_("create a staff account"))
    add.add_argument("username", metavar=_("USERNAME"))
    add.add_argument("--name", required=True, metavar=_("NAME"), help=_("the name the app shows"))
    add.add_argument("--role", required=True, choices=ROLES, help=_("the account's role"))
    _password_option(add)
    add.set_defaults(run=_run_add)
    listing = actions.add_parser("list", parents=[common], help=_("list the staff accounts"))
    listing.set_defaults(run=_run_list)
    disable = actions.add_parser(
        "disable", parents=[common], help=_("disable an account: it can no longer sign in")
    )
    disable.add_argument("username", metavar=_("USERNAME"))
    disable.set_defaults(run=_run_disable, active=False)
    enable = actions.add_parser("enable", parents=[common], help=_("enable an account again"))
    enable.add_argument("username", metavar=_("USERNAME"))
    enable.set_defaults(run=_run_disable, active=True)
    password = actions.add_parser(
        "password", parents=[common], help=_("give an account a new password")
    )
    password.add_argument("username", metavar=_("USERNAME"))
    _password_option(password)
    password.set_defaults(run=_run_password)


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the password from standard input instead of asking for it"),
    )


def _open(args: argparse.Namespace) -> tuple[Database, Actor]:
    database = open_database(parse_url(database_target(getattr(args, "database", None))))
    try:
        return database, signing.connection_actor(database)
    except BaseException:
        database.dispose()
        raise


def _password(args: argparse.Namespace, username: str) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise UserError(_("No password on standard input."))
        return line.rstrip("\r\n")
    first = getpass.getpass(_("New password for {username}: ").format(username=username))
    second = getpass.getpass(_("The same password again: "))
    if first != second:
        raise UserError(_("The two passwords differ; nothing was changed."))
    return first


@contextmanager
def _one_line() -> Iterator[None]:
    """The problems of a refused account, on one line (the command line's errors are)."""
    try:
        yield
    except ValidationError as error:
        raise UserError("; ".join(problem.message for problem in error.errors)) from None


def _account(database: Database, actor: Actor, username: str) -> StaffAccount:
    name = signing.normalise_username(username)
    for account in accounts.list_staff(database, actor):
        if account.username == name:
            return account
    raise UserError(_("There is no staff account {username}.").format(username=name))


def _run_add(args: argparse.Namespace) -> int:
    password = _password(args, args.username)
    database, actor = _open(args)
    try:
        with _one_line():
            account = accounts.create_staff(
                database, actor, args.username, args.name, args.role, password
            )
    finally:
        database.dispose()
    print(
        _("Staff account {username} ({role}) created.").format(
            username=account.username, role=role_label(account.role)
        )
    )
    return 0


def _run_list(args: argparse.Namespace) -> int:
    database, actor = _open(args)
    try:
        listed = accounts.list_staff(database, actor)
    finally:
        database.dispose()
    if not listed:
        print(_("No staff accounts yet."))
        return 0
    width = max(len(account.username) for account in listed)
    for account in listed:
        state = "" if account.active else _("(disabled)")
        line = (
            f"{account.username:<{width}}  {role_label(account.role):<15}  {account.display_name}"
        )
        print(f"{line}  {state}".rstrip())
    return 0


def _run_disable(args: argparse.Namespace) -> int:
    database, actor = _open(args)
    try:
        account = _account(database, actor, args.username)
        accounts.set_active(database, actor, account.id, args.active, account.version)
    finally:
        database.dispose()
    message = (
        _("Staff account {username} enabled.")
        if args.active
        else _("Staff account {username} disabled.")
    )
    print(message.format(username=account.username))
    return 0


def _run_password(args: argparse.Namespace) -> int:
    database, actor = _open(args)
    try:
        account = _account(database, actor, args.username)
        password = _password(args, account.username)
        with _one_line():
            accounts.reset_password(database, actor, account.id, password)
    finally:
        database.dispose()
    print(_("New password set for {username}.").format(username=account.username))
    return 0
