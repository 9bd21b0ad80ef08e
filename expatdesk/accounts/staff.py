"""Staff accounts: the first administrator, managing staff (administrators), passwords.

Staff management (:data:`Permission.STAFF`) is for administrators; everyone may change their own
password. On PostgreSQL an account is also a login role of its own (:mod:`expatdesk.db.roles`),
created, regrouped, disabled and given passwords here with the account. Signing in is
:mod:`expatdesk.accounts.sign_in`, the idle lock's setting :mod:`expatdesk.accounts.idle`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from expatdesk.accounts.actor import (
    SYSTEM,
    Actor,
    Permission,
    database_refusals,
    role_label,
)
from expatdesk.accounts.passwords import hash_password, is_common
from expatdesk.accounts.sign_in import (
    WrongCredentialsError,
    actor_of,
    forget_failures,
    normalise_username,
    probe_engine,
    refused_login,
    server_key,
    unlock,
)
from expatdesk.common.concurrency import check_version, stale_guard
from expatdesk.common.validation import (
    FieldError,
    Problems,
    ValidationError,
    required,
    too_long,
)
from expatdesk.db import audit, roles
from expatdesk.db.database import Database
from expatdesk.db.models import ROLES, StaffUser
from expatdesk.db.types import utcnow
from expatdesk.errors import UserError
from expatdesk.i18n import _

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200
DISPLAY_NAME_MAX = 200
#: Lower-case letters, digits, ``.``, ``_`` and ``-``, beginning with a letter: also a valid
#: PostgreSQL role name (at most 63 bytes).
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,62}$")
_RESERVED = frozenset(
    {"system", "public", "none", "postgres", "current_user", "session_user", "current_role"}
)
_ENTITY = "staff_user"


@dataclass(frozen=True)
class StaffAccount:
    """A staff account as the staff dialog lists it."""

    id: int
    username: str
    display_name: str
    role: str
    active: bool
    version: int

    @property
    def role_label(self) -> str:
        return role_label(self.role)


def _account(user: StaffUser) -> StaffAccount:
    return StaffAccount(
        user.id, user.username, user.display_name, user.role, user.active, user.version
    )


# --- the first administrator -------------------------------------------------------------------


def needs_first_administrator(database: Database) -> bool:
    """Whether the database has no staff account yet (a new database)."""
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(StaffUser)) == 0


def create_first_administrator(
    database: Database, username: str, display_name: str, password: str
) -> Actor:
    """Create the administrator of a database without staff; returns them as an actor.

    On PostgreSQL the owner of the database does this; it creates the administrator's login.
    """
    name = normalise_username(username)
    _check_new_account(database, name, display_name, "administrator", password)
    stored = hash_password(password) if database.is_sqlite else None
    with database_refusals(), database.transaction(SYSTEM) as session:
        if session.scalar(select(func.count()).select_from(StaffUser)):
            raise UserError(_("This database has its first administrator already; sign in."))
        user = _add_user(session, database, name, display_name, "administrator", password, stored)
        return actor_of(user)


# --- staff management (administrators) ---------------------------------------------------------


def list_staff(database: Database, actor: Actor) -> list[StaffAccount]:
    """Every staff account, active ones first, by name."""
    actor.require(Permission.STAFF)
    with database.reading() as session:
        users = session.scalars(
            select(StaffUser).order_by(
                StaffUser.active.desc(), StaffUser.display_name, StaffUser.username
            )
        ).all()
        return [_account(user) for user in users]


def create_staff(
    database: Database,
    actor: Actor,
    username: str,
    display_name: str,
    role: str,
    password: str,
) -> StaffAccount:
    """Create an account with an initial password (on PostgreSQL: a login of its own)."""
    actor.require(Permission.STAFF)
    name = normalise_username(username)
    _check_new_account(database, name, display_name, role, password)
    stored = hash_password(password) if database.is_sqlite else None
    with database_refusals(), database.transaction(actor) as session:
        user = _add_user(session, database, name, display_name, role, password, stored)
        return _account(user)


def _check_new_account(
    database: Database, name: str, display_name: str, role: str, password: str
) -> None:
    problems = Problems()
    problems.add("username", username_problem(name))
    longest = None if database.is_sqlite else roles.max_username_length(database.url.database or "")
    if longest is not None and len(name.encode("utf-8")) > longest:
        problems.add(
            "username",
            _("A username in this database has at most {count} characters.").format(count=longest),
        )
    problems.add("display_name", required(display_name))
    problems.add("display_name", too_long(display_name.strip(), DISPLAY_NAME_MAX))
    if role not in ROLES:
        problems.add("role", _("Choose a role."))
    problems.add("password", password_problem(password, name))
    problems.raise_if_any()


def _add_user(
    session: Session,
    database: Database,
    name: str,
    display_name: str,
    role: str,
    password: str,
    stored: str | None,
) -> StaffUser:
    problems = Problems()
    taken = session.scalar(select(StaffUser.id).where(StaffUser.username == name))
    if taken is not None:
        problems.add("username", _("There is an account with this username already."))
    elif not database.is_sqlite and roles.staff_login_exists(session.connection(), name):
        problems.add(
            "username",
            _("The database server has a role with this name already; choose another username."),
        )
    problems.raise_if_any()
    user = StaffUser(
        username=name,
        display_name=" ".join(display_name.split()),
        role=role,
        active=True,
        password_hash=stored,
        failed_logins=0,
    )
    session.add(user)
    session.flush()
    if not database.is_sqlite:
        roles.create_login(session.connection(), name, password, role)
    return user


def username_problem(name: str) -> str | None:
    if not name:
        return _("This field is required.")
    if not _USERNAME.match(name):
        return _(
            "A username has 2 to 63 characters: lower-case letters, digits, '.', '_' or '-', "
            "beginning with a letter."
        )
    if name in _RESERVED or name.startswith("pg_"):
        return _("This username is reserved; choose another.")
    return None


def password_problem(password: str, username: str | None = None) -> str | None:
    """What is wrong with ``password`` as a new password, or ``None``: at least
    :data:`MIN_PASSWORD_LENGTH` characters, not one character repeated, not the username, not
    a common password (:func:`~expatdesk.accounts.passwords.is_common`)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("A password needs at least {count} characters.").format(count=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return _("A password has at most {count} characters.").format(count=MAX_PASSWORD_LENGTH)
    if len(set(password)) == 1:
        return _("A password of one character repeated is guessed at once; choose another.")
    if username and password.strip().lower() == username:
        return _("The password must not be the username.")
    if is_common(password, username):
        return _(
            "This is one of the passwords tried first by anyone guessing (a common word or "
            "pattern, perhaps with digits); choose another."
        )
    return None


def change_role(
    database: Database, actor: Actor, user_id: int, role: str, version: int
) -> StaffAccount:
    """Give the account ``user_id`` another role (not one's own; one administrator stays)."""
    actor.require(Permission.STAFF)
    if role not in ROLES:
        raise ValidationError([_field("role", _("Choose a role."))])
    if user_id == actor.user_id:
        raise UserError(_("You cannot change your own role."))
    with database_refusals(), database.transaction(actor) as session:
        user = session.get(StaffUser, user_id)
        check_version(session, user, version, _ENTITY)
        assert user is not None
        if user.role == "administrator" and role != "administrator":
            _keep_an_administrator(session, user)
        with stale_guard(session, _ENTITY, user_id):
            user.role = role
            session.flush()
        if not database.is_sqlite:
            roles.set_group(session.connection(), user.username, role)
        return _account(user)


def set_active(
    database: Database, actor: Actor, user_id: int, active: bool, version: int
) -> StaffAccount:
    """Disable or enable the account ``user_id`` (on PostgreSQL: its login)."""
    actor.require(Permission.STAFF)
    if user_id == actor.user_id and not active:
        raise UserError(_("You cannot disable your own account."))
    with database_refusals(), database.transaction(actor) as session:
        user = session.get(StaffUser, user_id)
        check_version(session, user, version, _ENTITY)
        assert user is not None
        if not active and user.role == "administrator":
            _keep_an_administrator(session, user)
        with stale_guard(session, _ENTITY, user_id):
            user.active = active
            session.flush()
        if not database.is_sqlite:
            roles.set_login(session.connection(), user.username, active)
        return _account(user)


def _keep_an_administrator(session: Session, user: StaffUser) -> None:
    others = session.scalar(
        select(func.count())
        .select_from(StaffUser)
        .where(
            StaffUser.role == "administrator",
            StaffUser.active.is_(True),
            StaffUser.id != user.id,
        )
    )
    if not others:
        raise UserError(
            _("ExpatDesk needs at least one active administrator; appoint another one first.")
        )


def reset_password(database: Database, actor: Actor, user_id: int, password: str) -> StaffAccount:
    """Give the account ``user_id`` a new password (and clear its failed sign-ins)."""
    actor.require(Permission.STAFF)
    with database_refusals(), database.transaction(actor) as session:
        user = session.get(StaffUser, user_id)
        if user is None:
            raise UserError(_("This staff account no longer exists."))
        problem = password_problem(password, user.username)
        if problem:
            raise ValidationError([_field("password", problem)])
        if database.is_sqlite:
            user.password_hash = hash_password(password)
            user.failed_logins = 0
            user.last_failed_login_at = None
            session.flush()
        else:
            roles.set_password(session.connection(), user.username, password, user.role)
            _note_password_change(session, user.id)
        account = _account(user)
    if not database.is_sqlite:
        forget_failures(database.url, account.username)
    return account


def change_own_password(
    database: Database,
    actor: Actor,
    current: str,
    new: str,
    now: datetime | None = None,
) -> None:
    """The signed-in staff member replaces their password; ``current`` must be right."""
    if actor.user_id is None:
        raise UserError(_("This account has no password of its own to change."))
    try:
        unlock(database, actor, current, now)
    except WrongCredentialsError:
        raise ValidationError(
            [_field("current", _("This is not your current password."))]
        ) from None
    problem = password_problem(new, actor.username)
    if problem:
        raise ValidationError([_field("new", problem)])
    if new == current:
        raise ValidationError([_field("new", _("Choose a password other than the current one."))])
    if not database.is_sqlite:
        _change_postgres_password(database, actor, current, new)
        return
    with database.transaction(actor) as session:
        user = session.get(StaffUser, actor.user_id)
        if user is None:
            raise UserError(_("This staff account no longer exists."))
        user.password_hash = hash_password(new)
        session.flush()


def _change_postgres_password(database: Database, actor: Actor, current: str, new: str) -> None:
    """Change the password on a connection of the staff member's own role, opened with the
    current password: whoever ``database`` is connected as, only that role changes."""
    assert actor.user_id is not None
    engine = probe_engine(database.url, actor.username, current)
    try:
        with database_refusals(), engine.begin() as connection:
            roles.change_own_password(connection, actor.username, new)
            with Session(bind=connection) as session:
                session.info["actor"] = actor
                _note_password_change(session, actor.user_id)
    except OperationalError as error:
        refused_login(database.url, server_key(database.url, actor.username), error, utcnow())
    finally:
        engine.dispose()


def _note_password_change(session: Session, user_id: int) -> None:
    """On PostgreSQL the password lives in the server; the trail notes that it changed."""
    changes = {"password": ["(changed)", "(changed)"]}
    audit.write(session, [audit.entry(session, "update", _ENTITY, user_id, changes)])


def _field(name: str, message: str) -> FieldError:
    return FieldError(name, message)
