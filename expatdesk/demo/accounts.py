"""Accounts to try the demo with: one per role, and a password for the demo's own staff.

On SQLite the passwords are stored as scrypt hashes like any other (salts drawn from the seed, so
the same seed still gives the same database); the command prints the accounts. On PostgreSQL the
server keeps the passwords of its logins, which belong to the whole server: the accounts are
made without logins, and ``expatdesk staff password USERNAME`` gives one its login.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import Connection, insert, select, update

from expatdesk.accounts.passwords import SALT_BYTES, hash_password
from expatdesk.db.models import StaffUser


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: str
    password: str


#: One account per role, to see the app as each role sees it.
DEMO_ACCOUNTS = (
    DemoAccount("admin", "Demo Administrator", "administrator", "admin-expatdesk"),
    DemoAccount("manager", "Demo Manager", "manager", "manager-expatdesk"),
    DemoAccount("desk", "Demo Desk Officer", "desk_officer", "desk-expatdesk"),
)
#: The password of every member of the demo's staff (marieke.lansink and the others).
STAFF_PASSWORD = "twente-demo"


def add_accounts(
    connection: Connection,
    *,
    staff_ids: range,
    seed: int,
    today: date,
    with_passwords: bool,
) -> tuple[DemoAccount, ...]:
    """Add the demo accounts whose usernames are free and, with passwords, give the staff
    ``staff_ids`` the staff password; returns the accounts added."""
    rng = random.Random(f"demo-accounts-{seed}")

    def hashed(password: str) -> str | None:
        return hash_password(password, salt=rng.randbytes(SALT_BYTES)) if with_passwords else None

    if with_passwords and staff_ids:
        # One hash for all of them: they share the password (and it is all fiction).
        connection.execute(
            update(StaffUser)
            .where(StaffUser.id.in_(list(staff_ids)), StaffUser.password_hash.is_(None))
            .values(password_hash=hashed(STAFF_PASSWORD), updated_at=StaffUser.updated_at)
        )
    taken = set(connection.execute(select(StaffUser.username)).scalars())
    stamp = datetime.combine(today, time(8, 0), tzinfo=UTC)
    added = tuple(account for account in DEMO_ACCOUNTS if account.username not in taken)
    for account in added:
        connection.execute(
            insert(StaffUser).values(
                username=account.username,
                display_name=account.display_name,
                role=account.role,
                active=True,
                password_hash=hashed(account.password),
                failed_logins=0,
                version=1,
                created_at=stamp,
                updated_at=stamp,
            )
        )
    return added
