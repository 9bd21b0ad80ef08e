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

from sqlalchemy import Connection, func, insert, select, update

from expatdesk.accounts.passwords import SALT_BYTES, hash_password
from expatdesk.db.models import Case, StaffUser


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
    if any(account.username == "desk" for account in added):
        _hand_over_cases(connection, staff_ids=staff_ids, to="desk")
    return added


def _hand_over_cases(connection: Connection, *, staff_ids: range, to: str) -> None:
    """Give the demo account ``to`` the open cases of the busiest desk officer of the demo staff.

    The demo's cases are owned by its staff, so whoever signs in as ``desk`` would find an empty
    Home. As if a colleague handed over their work, the account takes over their open cases (and
    so those cases' tasks); the cases' trail still says who opened them.
    """
    if not staff_ids:
        return
    open_cases = func.count(Case.id)
    busiest = connection.execute(
        select(Case.owner_id)
        .join(StaffUser, StaffUser.id == Case.owner_id)
        .where(
            Case.status != "closed",
            StaffUser.role == "desk_officer",
            StaffUser.id.between(staff_ids.start, staff_ids.stop - 1),
        )
        .group_by(Case.owner_id)
        .order_by(open_cases.desc(), Case.owner_id)
        .limit(1)
    ).scalar()
    if busiest is None:
        return
    account = connection.execute(select(StaffUser.id).where(StaffUser.username == to)).scalar_one()
    connection.execute(
        update(Case)
        .where(Case.owner_id == busiest, Case.status != "closed")
        .values(owner_id=account, updated_at=Case.updated_at)
    )
