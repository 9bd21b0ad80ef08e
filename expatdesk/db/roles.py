"""PostgreSQL roles: every staff member connects as a database role of their own.

Every role belongs to one database: its name begins with the database's name. Three group roles
(``NOLOGIN``) carry the privileges of ExpatDesk's roles, so the database itself enforces them,
also against a staff member who connects with another client:

- ``<database>:desk_officer`` reads every table and writes the client records (expats,
  employers, cases, services, surveys and everything that hangs off them), but may not delete
  an expat or an employer (:data:`MANAGER_DELETES`); it may add entries to the audit trail and
  read them, never change or delete them;
- ``<database>:manager`` is a desk officer that may also delete expats and employers (and so
  merge duplicate expats) and change the target settings (imports write client records, which
  desk officers may already write);
- ``<database>:administrator`` is a manager that may also manage ``staff_user`` and the centre
  settings.

A staff member ``anna`` signs in as the login ``<database>/anna``. Only these groups may connect
to the database (``CONNECT`` is revoked from ``PUBLIC``), so a login of one centre cannot open
another centre's database on the same server, and two centres can each have an ``anna``. No
staff login has ``CREATEROLE``: administrators create, change and disable logins through the
``SECURITY DEFINER`` functions of :data:`~expatdesk.db.role_sql.LOGIN_FUNCTIONS`, owned by the
database's owner (who has ``CREATEROLE``) with a pinned ``search_path``; they touch only logins
of this database that are in its groups and hold no server-level power, and grant only this
database's groups. Their SQL is in :mod:`expatdesk.db.role_sql`.

Only the owner of the schema (the role that ran the migrations) may change or delete audit
entries; a trigger writes the connecting role (``current_user``) and the moment into every entry
other roles add, so nobody can write an entry in someone else's name. Erasing an expat's personal
data (:mod:`expatdesk.privacy.erasure`) must also erase the values the trail kept of it: the
function :data:`~expatdesk.db.role_sql.SCRUB_FUNCTION` (``SECURITY DEFINER``, owned by the
owner, executable by the administrators' group only) replaces an entry's ``changes``, and
refuses anything but dropping fields or replacing values by ``"(erased)"``, so even an
administrator cannot make the trail say what did not happen.

:func:`secure` (re)applies the group roles, the grants and the trigger; :func:`open_database`
calls it when the connecting role owns the schema, after the migrations, or when the catalogue
differs from what it would make (:mod:`expatdesk.db.installed`: a grant, trigger or function
someone changed with the owner's rights is repaired at the owner's next open). The functions
for logins run in the caller's transaction (role changes are transactional in PostgreSQL), so a
staff record and its login are created or changed together.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from expatdesk.db import role_sql, trail
from expatdesk.errors import DatabaseError
from expatdesk.i18n import _

log = logging.getLogger(__name__)

#: ExpatDesk's roles, lowest first; each group inherits the privileges of the one before it.
ROLE_NAMES = ("desk_officer", "manager", "administrator")
#: Between the database's name and an ExpatDesk role in a group role's name:
#: ``expatdesk:desk_officer``.
GROUP_SEPARATOR = ":"
#: Between the database's name and a username in a login's name: ``expatdesk/anna``. Neither
#: separator may occur in a username, so no login is ever a group, nor of another database.
LOGIN_SEPARATOR = "/"
#: PostgreSQL cuts longer role names (NAMEDATALEN - 1 bytes).
MAX_ROLE_NAME = 63
#: The group roles every database of ExpatDesk 0005 and before shared with the whole server.
OLD_GROUPS = ("expatdesk_desk_officer", "expatdesk_manager", "expatdesk_administrator")


def groups(database: str) -> dict[str, str]:
    """The group role of each ExpatDesk role in ``database``: ``{"manager": "db:manager"}``."""
    return {role: f"{database}{GROUP_SEPARATOR}{role}" for role in ROLE_NAMES}


def login_name(database: str, username: str) -> str:
    """The PostgreSQL role a staff member ``username`` of ``database`` signs in as."""
    return f"{database}{LOGIN_SEPARATOR}{username}"


def staff_username(database: str, role: str) -> str | None:
    """The staff username of the login ``role`` of ``database``, ``None`` for another role."""
    prefix = f"{database}{LOGIN_SEPARATOR}"
    return role[len(prefix) :] if role.startswith(prefix) else None


def max_username_length(database: str) -> int:
    """How long a username may be in ``database``, for its login name to fit."""
    return MAX_ROLE_NAME - len(login_name(database, "").encode("utf-8"))


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
        "audit_actor",  # used on SQLite only
    }
)
AUDIT_TABLE = "audit_entry"
#: The log of reads: like the trail, staff add entries (in their own name) and never change them.
ACCESS_TABLE = "access_log"
#: Tables with their own rules; every other table of the schema holds client records.
MANAGER_TABLES: dict[str, str] = {
    "target_settings": "SELECT, INSERT, UPDATE",
    "letter_template": "SELECT, INSERT, UPDATE",
}
#: Client records that only managers (and administrators) may delete
#: (:data:`~expatdesk.accounts.actor.Permission.DELETE_CLIENTS`); desk officers add and change
#: them. What hangs off them goes with them through the foreign keys' ``ON DELETE``, which
#: PostgreSQL runs as the tables' owner.
MANAGER_DELETES = frozenset({"expat", "employer"})
ADMINISTRATOR_TABLES: dict[str, str] = {
    "staff_user": "SELECT, INSERT, UPDATE",
    "centre_settings": "SELECT, UPDATE",
}
_SPECIAL = (
    READ_ONLY_TABLES | {AUDIT_TABLE, ACCESS_TABLE} | set(MANAGER_TABLES) | set(ADMINISTRATOR_TABLES)
)

#: The trigger that writes who added an entry, on each table staff add entries to.
WHO_TRIGGERS = {AUDIT_TABLE: "audit_entry_who", ACCESS_TABLE: "access_log_who"}
WHO_FUNCTION = "expatdesk_audit_who"
#: ``pg_trigger.tgtype`` of those: FOR EACH ROW (1), BEFORE (2) INSERT (4).
WHO_TRIGGER_TYPE = 1 | 2 | 4

#: Serialises :func:`secure` between owners opening the same database at the same moment
#: (concurrent GRANTs on one table fail with "tuple concurrently updated").
_LOCK_KEY = 0x45787061_74446573 & 0x7FFFFFFFFFFFFFFF


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


def current_database(connection: Connection) -> str:
    return str(connection.execute(text("SELECT current_database()")).scalar_one())


def connected_staff_username(connection: Connection) -> str:
    """The staff username the connection's role is a login of, else the role's own name."""
    name = current_user(connection)
    return staff_username(current_database(connection), name) or name


# --- the group roles and their privileges ------------------------------------------------------


def ensure_groups(connection: Connection) -> bool:
    """Create this database's group roles that are missing; ``False`` when some are missing and
    the connecting role may not create them."""
    database = current_database(connection)
    names = groups(database)
    if any(len(name.encode("utf-8")) > MAX_ROLE_NAME for name in names.values()):
        raise DatabaseError(
            _(
                "The database name {name} is too long for ExpatDesk's roles on PostgreSQL "
                "(at most {count} bytes); rename the database."
            ).format(name=database, count=MAX_ROLE_NAME - len(GROUP_SEPARATOR + "administrator"))
        )
    missing = [group for group in names.values() if not role_exists(connection, group)]
    if missing and not can_create_roles(connection):
        return False
    for group in missing:
        _unless_done_meanwhile(
            connection,
            f"CREATE ROLE {quote(group)} NOLOGIN",
            partial(role_exists, connection, group),
        )
    ordered = list(names.values())
    for parent, group in itertools.pairwise(ordered):
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


def schema_tables(connection: Connection) -> list[str]:
    return list(
        connection.execute(
            text(
                "SELECT tablename FROM pg_catalog.pg_tables"
                " WHERE schemaname = current_schema() ORDER BY tablename"
            )
        ).scalars()
    )


def grant_statements(connection: Connection, tables: list[str]) -> list[str]:
    """The REVOKE and GRANT statements that give this database's groups exactly their
    privileges, and take every privilege in it from everyone else (the server's other
    databases' groups, the old shared groups, PUBLIC)."""
    q = quote
    database = current_database(connection)
    desk, manager, admin = (q(group) for group in groups(database).values())
    ours = f"{desk}, {manager}, {admin}"
    schema = q(_schema(connection))
    statements = [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {ours}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {ours}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM PUBLIC",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM PUBLIC",
        f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {schema} FROM {ours}",
        f"GRANT USAGE ON SCHEMA {schema} TO {ours}",
        f"GRANT {SEQUENCE_PRIVILEGES} ON ALL SEQUENCES IN SCHEMA {schema} TO {desk}",
    ]
    old = [name for name in OLD_GROUPS if role_exists(connection, name)]
    if old:
        former = ", ".join(q(name) for name in old)
        statements[:0] = [
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {former}",
            f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {former}",
            f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {schema} FROM {former}",
            f"REVOKE ALL ON SCHEMA {schema} FROM {former}",
        ]
    if owns_database(connection):
        name = q(database)
        statements.append(f"REVOKE ALL ON DATABASE {name} FROM PUBLIC")
        if old:
            statements.append(f"REVOKE ALL ON DATABASE {name} FROM {former}")
        statements.append(f"GRANT CONNECT ON DATABASE {name} TO {ours}")
    if owns_schema(connection):
        statements.append(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC")
    names = groups(database)
    for table in tables:
        for role, privileges in table_privileges(table).items():
            statements.append(f"GRANT {privileges} ON {q(table)} TO {q(names[role])}")
    return statements


#: What the desk officers' group is granted on every sequence of the schema (nobody else).
SEQUENCE_PRIVILEGES = "USAGE, SELECT"


def table_privileges(table: str) -> dict[str, str]:
    """What each ExpatDesk role's group is granted on ``table`` itself (each group also has what
    the lower ones have); nobody else has anything on it but its owner."""
    if table in READ_ONLY_TABLES:
        return {"desk_officer": "SELECT"}
    if table in (AUDIT_TABLE, ACCESS_TABLE):
        return {"desk_officer": "SELECT, INSERT"}
    if table in MANAGER_TABLES:
        return {"desk_officer": "SELECT", "manager": MANAGER_TABLES[table]}
    if table in ADMINISTRATOR_TABLES:
        return {"desk_officer": "SELECT", "administrator": ADMINISTRATOR_TABLES[table]}
    if table in MANAGER_DELETES:
        return {"desk_officer": "SELECT, INSERT, UPDATE", "manager": "DELETE"}
    return {"desk_officer": "SELECT, INSERT, UPDATE, DELETE"}  # client records


def owns_database(connection: Connection) -> bool:
    return bool(
        connection.execute(
            text(
                "SELECT pg_catalog.pg_has_role(current_user, datdba, 'USAGE')"
                " FROM pg_catalog.pg_database WHERE datname = current_database()"
            )
        ).scalar()
    )


def owns_schema(connection: Connection) -> bool:
    return bool(
        connection.execute(
            text(
                "SELECT pg_catalog.pg_has_role(current_user, nspowner, 'USAGE')"
                " FROM pg_catalog.pg_namespace WHERE nspname = current_schema()"
            )
        ).scalar()
    )


def _schema(connection: Connection) -> str:
    return str(connection.execute(text("SELECT current_schema()")).scalar_one())


def lock(connection: Connection) -> None:
    """Wait for other owners' :func:`secure` (or trail installs) on this server to end; held
    until the transaction ends (PostgreSQL refuses concurrent changes of one function or
    grant with "tuple concurrently updated")."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


def secure(connection: Connection) -> bool:
    """Apply this database's group roles, their grants, the login functions and the audit
    trigger, as the schema's owner.

    Returns ``False`` (and changes nothing) when the group roles are missing and the connecting
    role may not create them; staff then cannot connect until an owner with ``CREATEROLE`` (or
    a superuser) opens the database once.
    """
    lock(connection)
    if not ensure_groups(connection):
        log.warning(
            "the role %s may not create the group roles of this database; staff logins will "
            "not work",
            current_user(connection),
        )
        return False
    tables = schema_tables(connection)
    for statement in grant_statements(connection, tables):
        connection.exec_driver_sql(statement)
    _login_functions(connection)
    if AUDIT_TABLE in tables:
        _audit_trigger(connection)
        _scrub_function(connection)
    return True


def _login_functions(connection: Connection) -> None:
    """(Re)create the login functions; only this database's administrators may execute them."""
    schema = quote(_schema(connection))
    database = current_database(connection)
    sql = login_functions_sql(schema, database)
    connection.exec_driver_sql(sql.replace("%", "%%"))  # the driver's placeholders
    admin = quote(groups(database)["administrator"])
    for signature in role_sql.HELPER_FUNCTIONS:
        connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {schema}.{signature} FROM PUBLIC")
    for signature in role_sql.LOGIN_FUNCTIONS.values():
        function = f"{schema}.{signature}"
        connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {function} TO {admin}")


def login_functions_sql(schema: str, database: str) -> str:
    """The statements that (re)create the login functions in ``schema`` (quoted) of
    ``database``."""
    return role_sql.LOGIN_FUNCTIONS_SQL.format(
        schema=schema,
        groups=", ".join(_literal(group) for group in groups(database).values()),
        roles=", ".join(_literal(role) for role in ROLE_NAMES),
        scram=_literal(role_sql.SCRAM_PATTERN),
    )


def _scrub_function(connection: Connection) -> None:
    """(Re)create :data:`~expatdesk.db.role_sql.SCRUB_FUNCTION`; only the administrators' group
    may execute it."""
    schema = quote(_schema(connection))
    connection.exec_driver_sql(role_sql.SCRUB.format(schema=schema))
    function = f"{schema}.{role_sql.SCRUB_SIGNATURE}"
    connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
    admin = groups(current_database(connection))["administrator"]
    connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {function} TO {quote(admin)}")


def has_scrub_function(connection: Connection) -> bool:
    """Whether the database has :data:`~expatdesk.db.role_sql.SCRUB_FUNCTION` (its owner opened
    it with this version)."""
    return (
        connection.execute(
            text("SELECT to_regprocedure(:signature)"), {"signature": role_sql.SCRUB_SIGNATURE}
        ).scalar()
        is not None
    )


def _audit_trigger(connection: Connection) -> None:
    schema = quote(_schema(connection))
    connection.exec_driver_sql(role_sql.AUDIT_FUNCTION.format(schema=schema))
    connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {schema}.{WHO_FUNCTION}() FROM PUBLIC")
    intact = trail.intact_triggers(connection)
    for table, trigger in WHO_TRIGGERS.items():
        present = connection.execute(
            text("SELECT to_regclass(:table)"), {"table": f"{schema}.{table}"}
        ).scalar()
        if present is not None and (table, trigger, WHO_FUNCTION, WHO_TRIGGER_TYPE) not in intact:
            # once (or after someone disabled it): creating a trigger locks the table
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger} ON {schema}.{table}")
            connection.exec_driver_sql(
                f"CREATE TRIGGER {trigger} BEFORE INSERT ON {schema}.{table}"
                f" FOR EACH ROW EXECUTE FUNCTION {schema}.{WHO_FUNCTION}()"
            )


# --- logins of staff members -------------------------------------------------------------------


def _encrypted(connection: Connection, login: str, password: str) -> str:
    """The password as a SCRAM-SHA-256 verifier, computed by libpq on this side: the password
    itself never travels to the server, nor into its logs."""
    driver: Any = connection.connection.driver_connection
    verifier: bytes = driver.pgconn.encrypt_password(
        password.encode("utf-8"), login.encode("utf-8"), b"scram-sha-256"
    )
    return verifier.decode("ascii")


def _call(connection: Connection, action: str, *arguments: object) -> None:
    schema = quote(_schema(connection))
    name = role_sql.LOGIN_FUNCTIONS[action].split("(")[0]
    placeholders = ", ".join(f":a{index}" for index in range(len(arguments)))
    connection.execute(
        text(f"SELECT {schema}.{name}({placeholders})"),
        {f"a{index}": value for index, value in enumerate(arguments)},
    )


def staff_login_exists(connection: Connection, username: str) -> bool:
    """Whether the server has the login role of this database's staff member ``username``."""
    return role_exists(connection, login_name(current_database(connection), username))


def create_login(connection: Connection, username: str, password: str, role: str) -> None:
    """Create the login of this database's staff member ``username`` with ``role`` (an
    ExpatDesk role name), through the owner's login function."""
    login = login_name(current_database(connection), username)
    _call(connection, "create", username, role, _encrypted(connection, login, password))


def set_password(connection: Connection, username: str, password: str, role: str) -> None:
    """Give ``username`` a new password; creates the login when the staff member has none yet
    (staff records made without one, such as demo data)."""
    if not staff_login_exists(connection, username):
        create_login(connection, username, password, role)
        return
    login = login_name(current_database(connection), username)
    _call(connection, "password", username, _encrypted(connection, login, password))


def change_own_password(connection: Connection, username: str, password: str) -> None:
    """The connecting login of the staff member ``username`` changes its own password (every
    role may).

    Refuses (a bug) when ``connection`` is connected as another role.
    """
    login = login_name(current_database(connection), username)
    if current_user(connection) != login:
        raise RuntimeError(f"connected as {current_user(connection)}, not as {login}")
    secret = _literal(_encrypted(connection, login, password))
    connection.exec_driver_sql(f"ALTER ROLE CURRENT_USER PASSWORD {secret}")


def set_group(connection: Connection, username: str, role: str) -> None:
    """Make ``username``'s login a member of ``role``'s group and of no other of this
    database (each group inherits the lower ones)."""
    _call(connection, "group", username, role)


def set_login(connection: Connection, username: str, allowed: bool) -> None:
    """Allow or refuse sign-ins of ``username`` (disabling a staff account)."""
    if staff_login_exists(connection, username):
        _call(connection, "login", username, allowed)


def group_of(connection: Connection, username: str) -> str | None:
    """The ExpatDesk role whose group ``username``'s login belongs to directly, if any."""
    database = current_database(connection)
    login = login_name(database, username)
    for role, group in reversed(groups(database).items()):
        if _is_member(connection, login, group):
            return role
    return None
