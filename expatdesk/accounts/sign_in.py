"""Signing in: a username and password become an :class:`Actor`, or a refusal.

On SQLite a staff member signs in with a username and a password that ``staff_user`` keeps as an
scrypt hash (:mod:`.passwords`); failed sign-ins slow down (``failed_logins``). On PostgreSQL every
staff member is a database role of their own (:mod:`expatdesk.db.roles`): signing in is connecting
with that role's password, the database keeps the password, and the group roles' grants enforce
the ExpatDesk role even against other clients. Either way a sign-in ends in an :class:`Actor`,
and every writing service checks the actor's permission first.

Unknown usernames get the same message, after the same work, as a wrong password. An idle
session is unlocked with the same check (:func:`unlock`). Staff accounts are managed in
:mod:`expatdesk.accounts.staff`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, create_engine, func, select, update
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from expatdesk.accounts.actor import SYSTEM, Actor
from expatdesk.accounts.passwords import Throttle, check_password, seconds_to_wait
from expatdesk.db import roles
from expatdesk.db.database import Database, open_database
from expatdesk.db.engine import POSTGRES_CONNECT_TIMEOUT_S, describe, with_credentials
from expatdesk.db.models import StaffUser
from expatdesk.db.types import utcnow
from expatdesk.errors import DatabaseError, UserError
from expatdesk.i18n import _

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
class SignedIn:
    """The database a staff member works in (on PostgreSQL: connected as them) and who they are.

    ``first_administrator_needed``: the owner of a PostgreSQL database without staff signed in
    to create the first administrator, and may do nothing else.
    """

    database: Database
    actor: Actor
    first_administrator_needed: bool = False


def actor_of(user: StaffUser) -> Actor:
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
            actor_of(user),
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


def server_key(url: URL, username: str) -> tuple[str, str]:
    return (describe(url.set(username=None, password=None)), username)


def _authenticate_postgres(url: URL, name: str, password: str, now: datetime) -> Actor:
    key = server_key(url, name)
    wait = _THROTTLE.seconds_to_wait(key, now)
    if wait:
        _same_work(lambda: probe_engine(url, name, password).connect().close())
        raise ThrottledError(wait)
    engine = probe_engine(url, name, password)
    try:
        with engine.connect() as connection:
            actor = _postgres_actor(connection, name)
            connection.rollback()
    except OperationalError as error:
        refused_login(url, key, error, now)
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


def probe_engine(url: URL, name: str, password: str, *, staff: bool = True) -> Engine:
    """An engine for one connection that checks a password (of a staff member's login, or of
    the role ``name`` itself)."""
    return create_engine(
        with_credentials(url, login_of(url, name) if staff else name, password),
        poolclass=NullPool,
        connect_args={"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S},
    )


def refused_login(url: URL, key: tuple[str, str], error: OperationalError, now: datetime) -> None:
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
    key = server_key(url, name)
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
    key = server_key(database.url, actor.username)
    wait = _THROTTLE.seconds_to_wait(key, now)
    if wait:
        raise ThrottledError(wait)
    engine = probe_engine(database.url, actor.username, password, staff=actor.user_id is not None)
    try:
        with engine.connect() as connection:
            connection.rollback()
    except OperationalError as error:
        refused_login(database.url, key, error, now)
    finally:
        engine.dispose()
    _THROTTLE.succeeded(key)


def forget_failures(url: URL, username: str) -> None:
    """Clear the failed sign-ins counted for ``username`` on the PostgreSQL server at ``url``
    (a new password was set)."""
    _THROTTLE.succeeded(server_key(url, username))
