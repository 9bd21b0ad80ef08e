"""Staff accounts: signing in, the first administrator, managing staff, passwords, the idle lock.

On SQLite a staff member signs in with a username and a password that ``staff_user`` keeps as an
scrypt hash (:mod:`.passwords`); failed sign-ins slow down (``failed_logins``). On PostgreSQL every
staff member is a database role of their own (:mod:`expatdesk.db.roles`): signing in is connecting
with that role's password, the database keeps the password, and the group roles' grants enforce
the ExpatDesk role even against other clients. Either way a sign-in ends in an :class:`Actor`,
and every writing service checks the actor's permission first.

Unknown usernames get the same message, after the same work, as a wrong password. Staff
management (:data:`Permission.STAFF`) is for administrators; everyone may change their own
password.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, create_engine, func, select, update
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from expatdesk.accounts.actor import (
    SYSTEM,
    Actor,
    Permission,
    database_refusals,
    role_label,
)
from expatdesk.accounts.passwords import (
    Throttle,
    check_password,
    hash_password,
    is_common,
    seconds_to_wait,
)
from expatdesk.common.centre_settings import read_setting, store_setting
from expatdesk.common.concurrency import check_version, stale_guard
from expatdesk.common.validation import (
    FieldError,
    Problems,
    ValidationError,
    required,
    too_long,
)
from expatdesk.db import audit, roles
from expatdesk.db.database import (
    POSTGRES_CONNECT_TIMEOUT_S,
    Database,
    describe,
    open_database,
    with_credentials,
)
from expatdesk.db.models import ROLES, StaffUser
from expatdesk.db.types import utcnow
from expatdesk.errors import DatabaseError, UserError
from expatdesk.i18n import _

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "AccountDisabledError",
    "SignInError",
    "SignedIn",
    "StaffAccount",
    "ThrottledError",
    "WrongCredentialsError",
    "authenticate",
    "change_own_password",
    "change_role",
    "connection_actor",
    "create_first_administrator",
    "create_staff",
    "hash_password",
    "list_staff",
    "needs_first_administrator",
    "read_idle_lock_minutes",
    "reset_password",
    "set_active",
    "sign_in",
    "unlock",
    "update_idle_lock_minutes",
]

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200
DISPLAY_NAME_MAX = 200
IDLE_LOCK_RANGE = (1, 1440)
#: Lower-case letters, digits, ``.``, ``_`` and ``-``, beginning with a letter: also a valid
#: PostgreSQL role name (at most 63 bytes).
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,62}$")
_RESERVED = frozenset(
    {"system", "public", "none", "postgres", "current_user", "session_user", "current_role"}
)
_ENTITY = "staff_user"

#: Failed sign-ins where the database cannot count them: unknown usernames, PostgreSQL logins.
_THROTTLE = Throttle()


# --- errors and results ------------------------------------------------------------------------


class SignInError(UserError):
    """A sign-in was refused."""


def _refused() -> str:
    """The one message of a refused sign-in: an unknown user, a wrong password and a throttled
    account read the same, so none of them tells whether the account exists."""
    return _(
        "Wrong username or password, or too many failed attempts: wait a moment and try again."
    )


class WrongCredentialsError(SignInError):
    def __init__(self) -> None:
        super().__init__(_refused())


class ThrottledError(WrongCredentialsError):
    """Refused without checking the password: too many failures in a row. ``seconds``: how long
    the next attempt must wait (for tests and logs; the user is told what a wrong password is)."""

    def __init__(self, seconds: int) -> None:
        super().__init__()
        self.seconds = seconds


class AccountDisabledError(SignInError):
    def __init__(self) -> None:
        super().__init__(_("This account is disabled. Ask an administrator to enable it again."))


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


@dataclass(frozen=True)
class SignedIn:
    """The database a staff member works in (on PostgreSQL: connected as them) and who they are.

    ``first_administrator_needed``: the owner of a PostgreSQL database without staff signed in
    to create the first administrator, and may do nothing else.
    """

    database: Database
    actor: Actor
    first_administrator_needed: bool = False


def _account(user: StaffUser) -> StaffAccount:
    return StaffAccount(
        user.id, user.username, user.display_name, user.role, user.active, user.version
    )


def _actor(user: StaffUser) -> Actor:
    return Actor(user.id, user.username, user.display_name, user.role)


def normalise_username(username: str) -> str:
    return username.strip().lower()


# --- signing in --------------------------------------------------------------------------------


def authenticate(
    database: Database, username: str, password: str, now: datetime | None = None
) -> Actor:
    """The staff member ``username`` if ``password`` is theirs; raises :class:`SignInError`.

    SQLite checks the stored hash; PostgreSQL tries to connect as that role. After failures the
    next attempt must wait (:class:`ThrottledError` says how long); a good sign-in resets the
    count. ``now`` is for tests.
    """
    now = utcnow() if now is None else now
    name = normalise_username(username)
    if not database.is_sqlite:
        return _authenticate_postgres(database.url, name, password, now)
    with database.reading() as session:
        found = session.scalars(select(StaffUser).where(StaffUser.username == name)).one_or_none()
        user = None if found is None else _Login.of(found)
    # Every refusal does the same work: one password hash and one write transaction.
    if user is None:
        key = (database.name, name)
        wait = _THROTTLE.seconds_to_wait(key, now)
        check_password(password, None)
        _count_failure(database, None, now)
        if wait:
            raise ThrottledError(wait)
        _THROTTLE.failed(key, now)
        raise WrongCredentialsError()
    wait = seconds_to_wait(user.failed_logins, user.last_failed_login_at, now)
    good = check_password(password, user.password_hash)
    if wait:
        _count_failure(database, None, now)  # not counted: the wait is not made longer
        raise ThrottledError(wait)
    if not good:
        _count_failure(database, user.id, now)
        raise WrongCredentialsError()
    if not user.active:
        raise AccountDisabledError()
    if user.failed_logins:
        _reset_failures(database, user.id)
    return user.actor


@dataclass(frozen=True)
class _Login:
    """What a sign-in needs of an account, read before the session ends."""

    actor: Actor
    id: int
    active: bool
    password_hash: str | None
    failed_logins: int
    last_failed_login_at: datetime | None

    @classmethod
    def of(cls, user: StaffUser) -> _Login:
        return cls(
            _actor(user),
            user.id,
            user.active,
            user.password_hash,
            user.failed_logins,
            user.last_failed_login_at,
        )


def _count_failure(database: Database, user_id: int | None, now: datetime) -> None:
    """Count a failed sign-in of ``user_id``; ``None`` counts nothing, with the same work.

    A bulk UPDATE: no new version (an administrator editing the account is not disturbed), and
    the trail leaves failed sign-ins out.
    """
    with database.transaction() as session:
        session.execute(
            update(StaffUser)
            .where(StaffUser.id == (user_id if user_id is not None else -1))
            .values(failed_logins=StaffUser.failed_logins + 1, last_failed_login_at=now)
        )


def _reset_failures(database: Database, user_id: int) -> None:
    with database.transaction() as session:
        session.execute(
            update(StaffUser)
            .where(StaffUser.id == user_id)
            .values(failed_logins=0, last_failed_login_at=None)
        )


def _server_key(url: URL, username: str) -> tuple[str, str]:
    return (describe(url.set(username=None, password=None)), username)


def _authenticate_postgres(url: URL, name: str, password: str, now: datetime) -> Actor:
    key = _server_key(url, name)
    wait = _THROTTLE.seconds_to_wait(key, now)
    if wait:
        _same_work(lambda: _probe_engine(url, name, password).connect().close())
        raise ThrottledError(wait)
    engine = _probe_engine(url, name, password)
    try:
        with engine.connect() as connection:
            actor = _postgres_actor(connection, name)
            connection.rollback()
    except OperationalError as error:
        _refused_login(url, key, error, now)
        raise  # pragma: no cover - _refused_login always raises
    finally:
        engine.dispose()
    _THROTTLE.succeeded(key)
    return actor


def _same_work(attempt: Callable[[], object]) -> None:
    """Make the attempt a throttled sign-in would have made, and forget how it went: a
    throttled account takes as long to refuse as a wrong password."""
    try:
        result = attempt()
    except (DatabaseError, OperationalError):
        return
    if isinstance(result, Database):
        result.dispose()


def login_of(url: URL, name: str) -> str:
    """The PostgreSQL role the staff member ``name`` of the database at ``url`` signs in as."""
    return roles.login_name(url.database or "", name)


def _probe_engine(url: URL, name: str, password: str, *, staff: bool = True) -> Engine:
    """An engine for one connection that checks a password (of a staff member's login, or of
    the role ``name`` itself)."""
    return create_engine(
        with_credentials(url, login_of(url, name) if staff else name, password),
        poolclass=NullPool,
        connect_args={"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S},
    )


def _refused_login(url: URL, key: tuple[str, str], error: OperationalError, now: datetime) -> None:
    """Turn a failed connection into the sign-in's message (counting a refused password)."""
    reason = str(error.orig)
    if "password authentication failed" in reason or "no password supplied" in reason:
        _THROTTLE.failed(key, now)
        raise WrongCredentialsError() from None
    if "not permitted to log in" in reason:
        raise AccountDisabledError() from None
    first = reason.strip().splitlines()[0] if reason.strip() else type(error).__name__
    raise DatabaseError(
        _("Cannot connect to the database server {name}: {reason}").format(
            name=describe(url.set(username=None, password=None)), reason=first
        )
    ) from None


def _postgres_actor(connection: Connection, name: str) -> Actor:
    """The staff member the connected role ``name`` is; their account must be active."""
    user = None
    with Session(bind=connection) as session:
        try:
            found = session.scalars(
                select(StaffUser).where(StaffUser.username == name)
            ).one_or_none()
        except ProgrammingError:  # no ExpatDesk tables yet, or none this role may read
            found = None
        user = None if found is None else _Login.of(found)
    if user is None:
        raise UserError(
            _("The database role {name} has no ExpatDesk staff account.").format(name=name)
        )
    if not user.active:
        raise AccountDisabledError()
    return user.actor


def sign_in(
    target: Database | URL, username: str, password: str, now: datetime | None = None
) -> SignedIn:
    """Sign in for the desktop app.

    SQLite: ``target`` is the open database; the password is checked against the stored hash.
    PostgreSQL: ``target`` is the server's URL; the staff member connects as their own role,
    and the database opened with that connection is returned. The owner of a database without
    staff may sign in only to create the first administrator.
    """
    now = utcnow() if now is None else now
    if isinstance(target, Database):
        if target.is_sqlite:
            return SignedIn(target, authenticate(target, username, password, now))
        url = target.url
    else:
        url = target
    name = normalise_username(username)
    key = _server_key(url, name)
    wait = _THROTTLE.seconds_to_wait(key, now)
    if wait:
        _same_work(lambda: _open_as(url, name, password))
        raise ThrottledError(wait)
    try:
        database = _open_as(url, name, password)
    except DatabaseError as error:
        _refused_open(url, key, error, now)
        raise
    try:
        with database.reading() as session:
            connection = session.connection()
            found = session.scalars(
                select(StaffUser).where(StaffUser.username == name)
            ).one_or_none()
            if roles.current_user(connection) != login_of(url, name):
                found = None  # connected as the role ``name`` itself, not as a staff login
            user = None if found is None else _Login.of(found)
            owner = roles.is_owner(connection)
            nobody = session.scalar(select(func.count()).select_from(StaffUser)) == 0
    except BaseException:
        database.dispose()
        raise
    _THROTTLE.succeeded(key)
    if user is not None and user.active:
        return SignedIn(database, user.actor)
    if owner and nobody and user is None:
        return SignedIn(database, _owner(name), first_administrator_needed=True)
    database.dispose()
    if user is not None:
        raise AccountDisabledError()
    if owner:
        raise UserError(
            _(
                "The database role {name} owns the database but has no staff account: sign in "
                "with your own account."
            ).format(name=name)
        )
    raise UserError(_("The database role {name} has no ExpatDesk staff account.").format(name=name))


def _open_as(url: URL, name: str, password: str) -> Database:
    """The database opened by the staff member ``name``'s login, or else by the role ``name``
    itself (the database's owner, who creates the first administrator). Both are tried for
    every refused password, so a wrong password costs the same as an unknown name."""
    try:
        return open_database(with_credentials(url, login_of(url, name), password))
    except DatabaseError as error:
        if not _wrong_password(str(error)):
            raise
        first = error
    try:
        return open_database(with_credentials(url, name, password))
    except DatabaseError as error:
        if _wrong_password(str(error)):
            raise first from None
        raise


def _wrong_password(reason: str) -> bool:
    return "password authentication failed" in reason or "no password supplied" in reason


def _refused_open(url: URL, key: tuple[str, str], error: DatabaseError, now: datetime) -> None:
    reason = str(error)
    if "password authentication failed" in reason or "no password supplied" in reason:
        _THROTTLE.failed(key, now)
        raise WrongCredentialsError() from None
    if "not permitted to log in" in reason:
        raise AccountDisabledError() from None


def _owner(name: str) -> Actor:
    """The owner of a PostgreSQL database: maintenance work, as on the command line."""
    return Actor(None, name, name, "administrator")


def connection_actor(database: Database) -> Actor:
    """Who the command line acts as: :data:`SYSTEM` on SQLite; on PostgreSQL the staff member
    of the connecting role, or the owner of the database (maintenance)."""
    if database.is_sqlite:
        return SYSTEM
    with database.reading() as session:
        connection = session.connection()
        name = roles.connected_staff_username(connection)
        found = session.scalars(select(StaffUser).where(StaffUser.username == name)).one_or_none()
        user = None if found is None else _Login.of(found)
        owner = roles.is_owner(connection)
    if user is not None:
        if not user.active:
            raise AccountDisabledError()
        return user.actor
    if owner:
        return _owner(name)
    raise UserError(_("The database role {name} has no ExpatDesk staff account.").format(name=name))


def unlock(database: Database, actor: Actor, password: str, now: datetime | None = None) -> None:
    """Check the signed-in staff member's password to unlock an idle session (throttled)."""
    if actor.user_id is None and database.is_sqlite:
        raise WrongCredentialsError()
    if database.is_sqlite:
        if authenticate(database, actor.username, password, now).user_id != actor.user_id:
            raise WrongCredentialsError()  # pragma: no cover - usernames are unique
        return
    now = utcnow() if now is None else now
    key = _server_key(database.url, actor.username)
    wait = _THROTTLE.seconds_to_wait(key, now)
    if wait:
        raise ThrottledError(wait)
    engine = _probe_engine(database.url, actor.username, password, staff=actor.user_id is not None)
    try:
        with engine.connect() as connection:
            connection.rollback()
    except OperationalError as error:
        _refused_login(database.url, key, error, now)
    finally:
        engine.dispose()
    _THROTTLE.succeeded(key)


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
        return _actor(user)


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
        _THROTTLE.succeeded(_server_key(database.url, account.username))
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
    engine = _probe_engine(database.url, actor.username, current)
    try:
        with database_refusals(), engine.begin() as connection:
            roles.change_own_password(connection, actor.username, new)
            with Session(bind=connection) as session:
                session.info["actor"] = actor
                _note_password_change(session, actor.user_id)
    except OperationalError as error:
        _refused_login(database.url, _server_key(database.url, actor.username), error, utcnow())
    finally:
        engine.dispose()


def _note_password_change(session: Session, user_id: int) -> None:
    """On PostgreSQL the password lives in the server; the trail notes that it changed."""
    changes = {"password": ["(changed)", "(changed)"]}
    audit.write(session, [audit.entry(session, "update", _ENTITY, user_id, changes)])


def _field(name: str, message: str) -> FieldError:
    return FieldError(name, message)


# --- the idle lock -----------------------------------------------------------------------------


def read_idle_lock_minutes(database: Database) -> int:
    """Minutes without input after which a session locks."""
    return read_setting(database, "idle_lock_minutes")


def update_idle_lock_minutes(database: Database, actor: Actor, minutes: int) -> int:
    """Store the idle-lock minutes (administrators); returns what is now stored."""
    actor.require(Permission.STAFF)
    low, high = IDLE_LOCK_RANGE
    if not low <= minutes <= high:
        raise ValidationError(
            [
                _field(
                    "idle_lock_minutes",
                    _("Between {low} and {high} minutes.").format(low=low, high=high),
                )
            ]
        )
    return store_setting(database, actor, "idle_lock_minutes", minutes)
