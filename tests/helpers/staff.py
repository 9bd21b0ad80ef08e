"""Staff accounts for tests: unique usernames, and PostgreSQL logins dropped afterwards.

PostgreSQL roles belong to the whole server, not to the test database: several test runs may share
the server, so every run names its staff with a prefix of its own, and the logins a test created
are dropped when it ends (the test database's group roles stay).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import URL

from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import SYSTEM, Actor
from expatdesk.db import roles
from expatdesk.db.database import Database
from expatdesk.db.engine import with_credentials

#: The prefix of this test run's usernames.
RUN = f"t{uuid.uuid4().hex[:6]}"
PASSWORD = "correct horse battery"
_prefix = [f"{RUN}x_"]


def fresh_names() -> None:
    """Give the next test usernames of its own (failed sign-ins are counted per username)."""
    _prefix[0] = f"{RUN}{uuid.uuid4().hex[:4]}_"


def name(short: str) -> str:
    """A username unique to this test: ``t1a2b3c4d5e6_anna``."""
    return f"{_prefix[0]}{short}"


def add(database: Database, short: str, role: str, password: str = PASSWORD) -> Actor:
    """Create the staff member ``short`` with ``role`` (as the system) and return them."""
    account = accounts.create_staff(database, SYSTEM, name(short), short.title(), role, password)
    return Actor(account.id, account.username, account.display_name, account.role)


def login(database: Database, username: str) -> str:
    """The PostgreSQL login role of the staff member ``username`` of ``database``."""
    return roles.login_name(database.url.database or "", username)


def url_of(database: Database, username: str, password: str = PASSWORD) -> URL:
    return with_credentials(database.url, login(database, username), password)


@contextmanager
def logins_dropped(database: Database) -> Iterator[None]:
    """Fresh usernames for a test, and afterwards no logins of it left on the server."""
    fresh_names()
    try:
        yield
    finally:
        if not database.is_sqlite:
            _drop_logins(database)


def _drop_logins(database: Database) -> None:
    with database.engine.begin() as connection:
        names = connection.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname LIKE :prefix"),
            {"prefix": login(database, _prefix[0]).replace("_", r"\_") + "%"},
        ).scalars()
        for role in list(names):
            connection.exec_driver_sql(f"DROP ROLE IF EXISTS {roles.quote(role)}")
