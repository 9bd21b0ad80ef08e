"""PostgreSQL roles: every staff member connects as a database role of their own.

Three group roles (``NOLOGIN``) carry the privileges of ExpatDesk's roles, so the database itself
enforces them, also against a staff member who connects with another client:

- ``expatdesk_desk_officer`` reads every table and writes the client records (expats,
  employers, cases, services, surveys and everything that hangs off them); it may add entries to
  the audit trail and read them, never change or delete them;
- ``expatdesk_manager`` is a desk officer that may also change the target settings (imports
  write client records, which desk officers may already write);
- ``expatdesk_administrator`` is a manager that may also manage ``staff_user`` and the centre
  settings; its logins have ``CREATEROLE`` so they can create, change and disable the logins of
  other staff.

Only the owner of the schema (the role that ran the migrations) may change or delete audit
entries; a trigger writes the connecting role (``current_user``) and the moment into every entry
other roles add, so nobody can write an entry in someone else's name. Erasing an expat's personal
data (:mod:`expatdesk.services.privacy`) must also erase the values the trail kept of it: the
function :data:`SCRUB_FUNCTION` (``SECURITY DEFINER``, owned by the owner, executable by the
administrators' group only) replaces an entry's ``changes``, and refuses anything but dropping
fields or replacing values by ``"(erased)"``, so even an administrator cannot make the trail say
what did not happen.

:func:`secure` (re)applies the group roles, the grants and the trigger; :func:`open_database`
calls it after the migrations when the connecting role owns the schema. The functions for logins
run in the caller's transaction (role changes are transactional in PostgreSQL), so a staff record
and its login are created or changed together.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)

#: The group role of each ExpatDesk role.
GROUPS: dict[str, str] = {
    "desk_officer": "expatdesk_desk_officer",
    "manager": "expatdesk_manager",
    "administrator": "expatdesk_administrator",
}
#: Each group inherits the privileges of the one before it.
_INHERITS: dict[str, str] = {
    "expatdesk_manager": "expatdesk_desk_officer",
    "expatdesk_administrator": "expatdesk_manager",
}

#: Tables that only the migrations fill: everyone reads them, nobody but the owner writes.
READ_ONLY_TABLES = frozenset(
    {
        "alembic_version",
        "service_type",
        "expat_category",
        "education_level",
        "facility",
        "municipality",
        "permit_type",
        "checklist_item",
    }
)
AUDIT_TABLE = "audit_entry"
#: Tables with their own rules; every other table of the schema holds client records.
MANAGER_TABLES: dict[str, str] = {"target_settings": "SELECT, INSERT, UPDATE"}
ADMINISTRATOR_TABLES: dict[str, str] = {
    "staff_user": "SELECT, INSERT, UPDATE",
    "centre_settings": "SELECT, UPDATE",
}
_SPECIAL = READ_ONLY_TABLES | {AUDIT_TABLE} | set(MANAGER_TABLES) | set(ADMINISTRATOR_TABLES)

#: Serialises :func:`secure` between owners opening the same database at the same moment
#: (concurrent GRANTs on one table fail with "tuple concurrently updated").
_LOCK_KEY = 0x45787061_74446573 & 0x7FFFFFFFFFFFFFFF

_AUDIT_FUNCTION = """
CREATE OR REPLACE FUNCTION {schema}.expatdesk_audit_who() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    owner oid;
BEGIN
    SELECT relowner INTO owner FROM pg_catalog.pg_class WHERE oid = TG_RELID;
    IF NOT pg_catalog.pg_has_role(current_user, owner, 'USAGE') THEN
        NEW.username := current_user;
        EXECUTE 'SELECT id FROM ' || quote_ident(TG_TABLE_SCHEMA) || '.staff_user'
            ' WHERE username = $1' INTO NEW.staff_user_id USING current_user::text;
        NEW.at := timezone('UTC', clock_timestamp());
    END IF;
    RETURN NEW;
END
$$
"""


#: The function through which administrators erase values from audit entries.
SCRUB_FUNCTION = "expatdesk_scrub_audit"
_SCRUB_SIGNATURE = f"{SCRUB_FUNCTION}(integer[], text[])"
_SCRUB = """
CREATE OR REPLACE FUNCTION {schema}.expatdesk_scrub_audit(entry_ids integer[], new_changes text[])
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    position integer;
    old_json jsonb;
    new_json jsonb;
    total integer := coalesce(array_length(entry_ids, 1), 0);
BEGIN
    IF total <> coalesce(array_length(new_changes, 1), 0) THEN
        RAISE EXCEPTION 'entry_ids and new_changes differ in length';
    END IF;
    FOR position IN 1 .. total LOOP
        SELECT changes::jsonb INTO old_json FROM {schema}.audit_entry
            WHERE id = entry_ids[position] FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING MESSAGE = 'no audit entry ' || entry_ids[position];
        END IF;
        new_json := new_changes[position]::jsonb;
        IF new_json IS NOT NULL AND (
            old_json IS NULL OR jsonb_typeof(new_json) <> 'object' OR EXISTS (
                SELECT 1 FROM jsonb_each(new_json) AS n(key, value)
                WHERE NOT old_json ? n.key
                   OR (old_json -> n.key IS DISTINCT FROM n.value AND (
                       jsonb_typeof(n.value) <> 'array' OR EXISTS (
                           SELECT 1 FROM jsonb_array_elements(n.value) AS e(v)
                           WHERE e.v <> 'null'::jsonb AND e.v <> '"(erased)"'::jsonb))))
        ) THEN
            RAISE EXCEPTION USING ERRCODE = '42501',
                MESSAGE = 'audit entry ' || entry_ids[position] || ' may only lose values';
        END IF;
        UPDATE {schema}.audit_entry SET changes = new_changes[position]
            WHERE id = entry_ids[position];
    END LOOP;
    RETURN total;
END
$$
"""


def quote(name: str) -> str:
    """``name`` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def current_user(connection: Connection) -> str:
    return str(connection.execute(text("SELECT current_user")).scalar_one())


def is_owner(connection: Connection) -> bool:
    """Whether the connecting role owns ExpatDesk's tables (or, before there are any, the
    schema they will be created in): it migrates, and it applies the grants."""
    owner = connection.execute(
        text(
            "SELECT COALESCE("
            "(SELECT c.relowner FROM pg_catalog.pg_class c"
            " WHERE c.relname = 'alembic_version' AND c.relnamespace = n.oid),"
            " n.nspowner) FROM pg_catalog.pg_namespace n WHERE n.nspname = current_schema()"
        )
    ).scalar()
    if owner is None:
        return False
    return bool(
        connection.execute(
            text("SELECT pg_catalog.pg_has_role(current_user, CAST(:owner AS oid), 'USAGE')"),
            {"owner": owner},
        ).scalar()
    )


def role_exists(connection: Connection, name: str) -> bool:
    return (
        connection.execute(
            text("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = :name"), {"name": name}
        ).first()
        is not None
    )


def can_create_roles(connection: Connection) -> bool:
    return bool(
        connection.execute(
            text(
                "SELECT rolcreaterole OR rolsuper FROM pg_catalog.pg_roles"
                " WHERE rolname = current_user"
            )
        ).scalar()
    )


# --- the group roles and their privileges ------------------------------------------------------


def ensure_groups(connection: Connection) -> bool:
    """Create the group roles that are missing; ``False`` when some are missing and the
    connecting role may not create them."""
    missing = [group for group in GROUPS.values() if not role_exists(connection, group)]
    if missing and not can_create_roles(connection):
        return False
    for group in missing:
        # Roles belong to the whole server: another database may create the same one now.
        _unless_done_meanwhile(
            connection,
            f"CREATE ROLE {quote(group)} NOLOGIN",
            partial(role_exists, connection, group),
        )
    for group, parent in _INHERITS.items():
        if not _is_member(connection, group, parent):
            _unless_done_meanwhile(
                connection,
                f"GRANT {quote(parent)} TO {quote(group)}",
                partial(_is_member, connection, group, parent),
            )
    return True


def _unless_done_meanwhile(
    connection: Connection, statement: str, done: Callable[[], bool]
) -> None:
    savepoint = connection.begin_nested()
    try:
        connection.exec_driver_sql(statement)
    except DBAPIError as error:
        savepoint.rollback()
        if not done():
            raise
        log.info("done meanwhile by another session: %s (%s)", statement, error.orig)
    else:
        savepoint.commit()


def _is_member(connection: Connection, member: str, group: str) -> bool:
    return (
        connection.execute(
            text(
                "SELECT 1 FROM pg_catalog.pg_auth_members m"
                " JOIN pg_catalog.pg_roles g ON g.oid = m.roleid"
                " JOIN pg_catalog.pg_roles u ON u.oid = m.member"
                " WHERE g.rolname = :group AND u.rolname = :member"
            ),
            {"group": group, "member": member},
        ).first()
        is not None
    )


def _tables(connection: Connection) -> list[str]:
    return list(
        connection.execute(
            text(
                "SELECT tablename FROM pg_catalog.pg_tables"
                " WHERE schemaname = current_schema() ORDER BY tablename"
            )
        ).scalars()
    )


def grant_statements(connection: Connection, tables: list[str]) -> list[str]:
    """The REVOKE and GRANT statements that give the groups exactly their privileges."""
    q = quote
    desk, manager, admin = (q(GROUPS[role]) for role in GROUPS)
    groups = f"{desk}, {manager}, {admin}"
    schema = q(_schema(connection))
    statements = [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {groups}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {groups}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {schema} TO {groups}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {desk}",
    ]
    for table in tables:
        name = q(table)
        if table in READ_ONLY_TABLES:
            statements.append(f"GRANT SELECT ON {name} TO {desk}")
        elif table == AUDIT_TABLE:
            statements.append(f"GRANT SELECT, INSERT ON {name} TO {desk}")
        elif table in MANAGER_TABLES:
            statements.append(f"GRANT SELECT ON {name} TO {desk}")
            statements.append(f"GRANT {MANAGER_TABLES[table]} ON {name} TO {manager}")
        elif table in ADMINISTRATOR_TABLES:
            statements.append(f"GRANT SELECT ON {name} TO {desk}")
            statements.append(f"GRANT {ADMINISTRATOR_TABLES[table]} ON {name} TO {admin}")
        else:  # client records
            statements.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO {desk}")
    return statements


def _schema(connection: Connection) -> str:
    return str(connection.execute(text("SELECT current_schema()")).scalar_one())


def secure(connection: Connection) -> bool:
    """Apply the group roles, their grants and the audit trigger, as the schema's owner.

    Returns ``False`` (and changes nothing) when the group roles are missing and the connecting
    role may not create them; staff then cannot connect until an owner with ``CREATEROLE`` (or
    a superuser) opens the database once.
    """
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    if not ensure_groups(connection):
        log.warning(
            "the role %s may not create the group roles %s; staff logins will not work",
            current_user(connection),
            ", ".join(GROUPS.values()),
        )
        return False
    tables = _tables(connection)
    for statement in grant_statements(connection, tables):
        connection.exec_driver_sql(statement)
    if AUDIT_TABLE in tables:
        _audit_trigger(connection)
        _scrub_function(connection)
    return True


def _scrub_function(connection: Connection) -> None:
    """(Re)create :data:`SCRUB_FUNCTION`; only the administrators' group may execute it."""
    schema = quote(_schema(connection))
    connection.exec_driver_sql(_SCRUB.format(schema=schema))
    function = f"{schema}.{_SCRUB_SIGNATURE}"
    connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
    connection.exec_driver_sql(
        f"GRANT EXECUTE ON FUNCTION {function} TO {quote(GROUPS['administrator'])}"
    )


def has_scrub_function(connection: Connection) -> bool:
    """Whether the database has :data:`SCRUB_FUNCTION` (its owner opened it with this version)."""
    return (
        connection.execute(
            text("SELECT to_regprocedure(:signature)"), {"signature": _SCRUB_SIGNATURE}
        ).scalar()
        is not None
    )


def _audit_trigger(connection: Connection) -> None:
    schema = quote(_schema(connection))
    connection.exec_driver_sql(_AUDIT_FUNCTION.format(schema=schema))
    exists = connection.execute(
        text(
            "SELECT 1 FROM pg_catalog.pg_trigger"
            " WHERE tgname = 'audit_entry_who' AND tgrelid = CAST(:table AS regclass)"
        ),
        {"table": f"{schema}.{AUDIT_TABLE}"},
    ).first()
    if exists is None:  # created once: creating a trigger locks the table
        connection.exec_driver_sql(
            f"CREATE TRIGGER audit_entry_who BEFORE INSERT ON {schema}.{AUDIT_TABLE}"
            f" FOR EACH ROW EXECUTE FUNCTION {schema}.expatdesk_audit_who()"
        )


# --- logins of staff members -------------------------------------------------------------------


def _encrypted(connection: Connection, username: str, password: str) -> str:
    """The password as a SCRAM-SHA-256 verifier, computed by libpq on this side: the password
    itself never travels to the server, nor into its logs."""
    driver: Any = connection.connection.driver_connection
    verifier: bytes = driver.pgconn.encrypt_password(
        password.encode("utf-8"), username.encode("utf-8"), b"scram-sha-256"
    )
    return verifier.decode("ascii")


def _role_options(role: str) -> str:
    return "CREATEROLE" if role == "administrator" else "NOCREATEROLE"


def create_login(connection: Connection, username: str, password: str, role: str) -> None:
    """Create the login of a staff member with ``role`` (an ExpatDesk role name)."""
    name = quote(username)
    secret = _literal(_encrypted(connection, username, password))
    connection.exec_driver_sql(f"CREATE ROLE {name} LOGIN {_role_options(role)} PASSWORD {secret}")
    set_group(connection, username, role)


def set_password(connection: Connection, username: str, password: str, role: str) -> None:
    """Give ``username`` a new password; creates the login when the staff member has none yet
    (staff records made without one, such as demo data)."""
    if not role_exists(connection, username):
        create_login(connection, username, password, role)
        return
    secret = _literal(_encrypted(connection, username, password))
    connection.exec_driver_sql(f"ALTER ROLE {quote(username)} PASSWORD {secret}")


def change_own_password(connection: Connection, username: str, password: str) -> None:
    """The connecting role ``username`` changes its own password (every role may).

    Refuses (a bug) when ``connection`` is connected as another role.
    """
    if current_user(connection) != username:
        raise RuntimeError(f"connected as {current_user(connection)}, not as {username}")
    secret = _literal(_encrypted(connection, username, password))
    connection.exec_driver_sql(f"ALTER ROLE CURRENT_USER PASSWORD {secret}")


def set_group(connection: Connection, username: str, role: str) -> None:
    """Make ``username`` a member of ``role``'s group and of no higher one.

    Administrators hold every group WITH ADMIN OPTION: with ``CREATEROLE`` they grant the groups
    to the logins they create (the lower groups add nothing to what they inherit).
    """
    name = quote(username)
    keep = list(GROUPS.values()) if role == "administrator" else [GROUPS[role]]
    for group in GROUPS.values():
        if group not in keep and _is_member(connection, username, group):
            connection.exec_driver_sql(f"REVOKE {quote(group)} FROM {name}")
    if role == "administrator":
        groups = ", ".join(quote(group) for group in keep)
        connection.exec_driver_sql(f"GRANT {groups} TO {name} WITH ADMIN OPTION")
    elif not _is_member(connection, username, GROUPS[role]):
        connection.exec_driver_sql(f"GRANT {quote(GROUPS[role])} TO {name}")
    connection.exec_driver_sql(f"ALTER ROLE {name} {_role_options(role)}")


def set_login(connection: Connection, username: str, allowed: bool) -> None:
    """Allow or refuse sign-ins of ``username`` (disabling a staff account)."""
    if role_exists(connection, username):
        option = "LOGIN" if allowed else "NOLOGIN"
        connection.exec_driver_sql(f"ALTER ROLE {quote(username)} {option}")


def group_of(connection: Connection, username: str) -> str | None:
    """The ExpatDesk role whose group ``username`` belongs to directly, if any."""
    for role, group in reversed(GROUPS.items()):
        if _is_member(connection, username, group):
            return role
    return None
