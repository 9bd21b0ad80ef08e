"""The audit trail written by the database, the log of reads, and PostgreSQL roles of one
database each.

The table ``access_log`` records who read which personal data (expatdesk.privacy.access_log).

The table ``audit_actor`` names the actor of an SQLite transaction for the trail's triggers
(expatdesk.db.trail); the triggers themselves are (re)made whenever the database is opened
(on PostgreSQL by its owner), so a later migration that rebuilds a table keeps its trail.

PostgreSQL roles of one database each: the staff logins of ExpatDesk 0005 and before (a role
named after the username, in the group roles ``expatdesk_*`` that every database on the server
shared) become this database's logins ``<database>/<username>``, in this database's groups
``<database>:<role>``, without ``CREATEROLE`` (expatdesk.db.roles).

A login is renamed, which keeps its SCRAM-SHA-256 password; a login that other databases on the
same server shared now belongs to the first database migrated, and the others' administrators
give their staff member a new password (which creates a login of their own). The grants, the
revoked ``CONNECT`` and the login functions follow when the owner opens the database
(``roles.secure``). SQLite has no roles: nothing changes there.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 16:30:00
"""

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("expatdesk.db.migrations")

_ROLES = ("desk_officer", "manager", "administrator")
_OLD = {role: f"expatdesk_{role}" for role in _ROLES}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _role(connection: sa.Connection, name: str) -> sa.Row | None:
    return connection.execute(
        sa.text(
            "SELECT oid, rolsuper, rolname = current_user AS myself FROM pg_catalog.pg_roles"
            " WHERE rolname = :name"
        ),
        {"name": name},
    ).first()


def _member_of(connection: sa.Connection, member: str) -> list[str]:
    return list(
        connection.execute(
            sa.text(
                "SELECT g.rolname FROM pg_catalog.pg_auth_members m"
                " JOIN pg_catalog.pg_roles g ON g.oid = m.roleid"
                " JOIN pg_catalog.pg_roles u ON u.oid = m.member WHERE u.rolname = :member"
            ),
            {"member": member},
        ).scalars()
    )


def _may_create_roles(connection: sa.Connection) -> bool:
    return bool(
        connection.execute(
            sa.text(
                "SELECT rolcreaterole OR rolsuper FROM pg_catalog.pg_roles"
                " WHERE rolname = current_user"
            )
        ).scalar()
    )


def _ensure(connection: sa.Connection, groups: list[str]) -> None:
    for group in groups:
        if _role(connection, group) is None:
            op.execute(f"CREATE ROLE {_quote(group)} NOLOGIN")
    for parent, group in zip(groups, groups[1:], strict=False):
        if parent not in _member_of(connection, group):
            op.execute(f"GRANT {_quote(parent)} TO {_quote(group)}")


def _staff(connection: sa.Connection) -> list[sa.Row]:
    return list(connection.execute(sa.text("SELECT username, role FROM staff_user")))


def upgrade() -> None:
    op.create_table(
        'audit_actor',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('staff_user_id', sa.Integer(), nullable=True),
        sa.Column('username', sa.String(length=63), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('trail_off', sa.Boolean(), nullable=False),
        sa.CheckConstraint('id = 1', name=op.f('ck_audit_actor_one_row')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_actor')),
    )
    op.create_table(
        'access_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('staff_user_id', sa.Integer(), nullable=True),
        sa.Column('username', sa.String(length=63), nullable=False),
        sa.Column('action', sa.String(length=20), nullable=False),
        sa.Column('entity', sa.String(length=40), nullable=False),
        sa.Column('entity_id', sa.Integer(), nullable=True),
        sa.Column('rows', sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "action IN ('view_record', 'export_list', 'subject_access', 'lookup_bsn')",
            name=op.f('ck_access_log_action_known'),
        ),
        sa.ForeignKeyConstraint(
            ['staff_user_id'], ['staff_user.id'],
            name=op.f('fk_access_log_staff_user_id_staff_user'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_access_log')),
    )
    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_access_log_username_access_log_action_access_log_at'),
            ['username', 'action', 'at'], unique=False,
        )
        batch_op.create_index(
            batch_op.f('ix_access_log_entity_access_log_entity_id'),
            ['entity', 'entity_id'], unique=False,
        )
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    if not _may_create_roles(connection):
        log.warning("the owner may not create roles: staff logins are not moved")
        return
    database = str(connection.execute(sa.text("SELECT current_database()")).scalar_one())
    new = {role: f"{database}:{role}" for role in _ROLES}
    _ensure(connection, list(new.values()))
    for username, role in _staff(connection):
        login = f"{database}/{username}"
        found = _role(connection, username)
        if found is None or found.rolsuper or found.myself or role not in new:
            continue
        old_groups = [group for group in _member_of(connection, username) if group in _OLD.values()]
        if not old_groups or _role(connection, login) is not None or len(login.encode()) > 63:
            continue
        op.execute(f"ALTER ROLE {_quote(username)} RENAME TO {_quote(login)}")
        for group in old_groups:
            op.execute(f"REVOKE {_quote(group)} FROM {_quote(login)}")
        op.execute(f"ALTER ROLE {_quote(login)} NOCREATEROLE")
        op.execute(f"GRANT {_quote(new[role])} TO {_quote(login)}")


def downgrade() -> None:
    connection = op.get_bind()
    from expatdesk.db import trail  # the older version writes the trail itself

    trail.uninstall(connection)
    op.drop_table('audit_actor')
    op.drop_table('access_log')
    if connection.dialect.name != "postgresql" or not _may_create_roles(connection):
        return
    database = str(connection.execute(sa.text("SELECT current_database()")).scalar_one())
    _ensure(connection, list(_OLD.values()))
    owns_database = connection.execute(
        sa.text(
            "SELECT pg_catalog.pg_has_role(current_user, datdba, 'USAGE')"
            " FROM pg_catalog.pg_database WHERE datname = current_database()"
        )
    ).scalar()
    if owns_database:  # every role of the server could connect before
        op.execute(f"GRANT CONNECT, TEMPORARY ON DATABASE {_quote(database)} TO PUBLIC")
    for username, role in _staff(connection):
        login = f"{database}/{username}"
        if _role(connection, login) is None or _role(connection, username) is not None:
            continue
        op.execute(f"ALTER ROLE {_quote(login)} RENAME TO {_quote(username)}")
        for group in _member_of(connection, username):
            if group.startswith(f"{database}:"):
                op.execute(f"REVOKE {_quote(group)} FROM {_quote(username)}")
        if role == "administrator":
            groups = ", ".join(_quote(group) for group in _OLD.values())
            op.execute(f"GRANT {groups} TO {_quote(username)} WITH ADMIN OPTION")
            op.execute(f"ALTER ROLE {_quote(username)} CREATEROLE")
        elif role in _OLD:
            op.execute(f"GRANT {_quote(_OLD[role])} TO {_quote(username)}")
