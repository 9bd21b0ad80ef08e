"""Whether a PostgreSQL database already holds what its owner's open would install.

Every open by the owner of the schema used to replace the trail's and the roles' functions,
triggers and grants (:func:`expatdesk.db.trail.install`, :func:`expatdesk.db.roles.secure`): DDL
and an advisory lock each time, even when nothing had changed. :func:`differences` reads the
catalogue instead (one query, no locks) and compares it with what those two would
make, derived from the same code that makes it: the function texts of
:mod:`~expatdesk.db.role_sql` and :mod:`~expatdesk.db.trail`, the privileges of
:func:`~expatdesk.db.roles.table_privileges`, the triggers they create. Only when anything
differs does the open install again, so a trigger someone dropped or disabled, a privilege
someone granted or revoked, a function someone replaced is still repaired at the next open.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, text

from expatdesk.db import role_sql, roles, trail

#: How the queries name the grantee ``aclexplode`` reports as ``0``.
PUBLIC = "PUBLIC"
#: One ``CREATE OR REPLACE FUNCTION`` statement of :mod:`~expatdesk.db.role_sql` or
#: :mod:`~expatdesk.db.trail` (a test checks that every installed function reads as its text).
_STATEMENT = re.compile(
    r"CREATE OR REPLACE FUNCTION \S+?\.(?P<name>\w+)\((?P<arguments>.*?)\)\s*"
    r"RETURNS (?P<returns>\w+)\s+LANGUAGE (?P<language>\w+)(?P<options>.*?)"
    r"AS \$(?P<tag>\w*)\$(?P<body>.*?)\$(?P=tag)\$",
    re.DOTALL,
)
_SETTING = re.compile(r"SET (\w+) = ([^\n]*?)\s*$")


@dataclass(frozen=True)
class Function:
    """What the catalogue holds of one function, as far as its text decides it."""

    body: str
    returns: str
    language: str
    security_definer: bool
    settings: tuple[str, ...]


def parse(sql: str) -> dict[str, Function]:
    """Each function the ``CREATE OR REPLACE FUNCTION`` statements of ``sql`` create, by name."""
    functions = {}
    for match in _STATEMENT.finditer(sql):
        options = match["options"]
        setting = _SETTING.search(options)
        functions[match["name"]] = Function(
            body=match["body"],
            returns=match["returns"],
            language=match["language"],
            security_definer="SECURITY DEFINER" in options,
            settings=(f"{setting[1]}={setting[2]}",) if setting else (),
        )
    return functions


@cache
def expected_functions(schema: str, database: str) -> dict[str, tuple[Function, frozenset[str]]]:
    """Every function the owner's open installs in ``schema`` (quoted) by signature, with the
    privileges (``grantee:EXECUTE``) the groups, the old shared groups and PUBLIC have on it."""
    admin = f"{roles.groups(database)['administrator']}:EXECUTE"
    functions = {f"{name}()": parse(sql)[name] for name, sql in trail.pg_functions(schema).items()}
    functions[f"{roles.WHO_FUNCTION}()"] = parse(role_sql.AUDIT_FUNCTION.format(schema=schema))[
        roles.WHO_FUNCTION
    ]
    functions[role_sql.SCRUB_SIGNATURE] = parse(role_sql.SCRUB.format(schema=schema))[
        role_sql.SCRUB_FUNCTION
    ]
    login = parse(roles.login_functions_sql(schema, database))
    for signature in (*role_sql.HELPER_FUNCTIONS, *role_sql.LOGIN_FUNCTIONS.values()):
        functions[signature] = login[signature.split("(")[0]]
    executable = {*role_sql.LOGIN_FUNCTIONS.values(), role_sql.SCRUB_SIGNATURE}
    expected = {
        signature: (function, frozenset({admin} if signature in executable else ()))
        for signature, function in functions.items()
    }
    return expected


_SCHEMA = "(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())"
_GRANTEE = f"CASE WHEN a.grantee = 0 THEN '{PUBLIC}' ELSE r.rolname END"


def _rows(select: str) -> str:
    """SQL: the rows of ``select`` as one JSON array of objects."""
    return f"(SELECT coalesce(json_agg(x), '[]') FROM ({select}) x)"


def _acl(acl: str) -> str:
    """SQL: ``CROSS JOIN`` the grants of ``acl`` to PUBLIC and the ``:managed`` roles."""
    return (
        f" CROSS JOIN LATERAL pg_catalog.aclexplode({acl}) a"
        " LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee"
        " WHERE (a.grantee = 0 OR r.rolname = ANY(:managed))"
    )


#: Everything :func:`differences` compares, in one round trip: the catalogue as JSON.
_STATE = (
    "SELECT "
    + _rows("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema()")
    + ", "
    + _rows("SELECT rolname FROM pg_catalog.pg_roles WHERE rolname = ANY(:managed)")
    + ", "
    + _rows(
        "SELECT g.rolname AS parent, u.rolname AS member FROM pg_catalog.pg_auth_members m"
        " JOIN pg_catalog.pg_roles g ON g.oid = m.roleid"
        " JOIN pg_catalog.pg_roles u ON u.oid = m.member"
        " WHERE g.rolname = ANY(:managed) AND u.rolname = ANY(:managed)"
    )
    + ", "
    + _rows(
        f"SELECT c.relname, {_GRANTEE} AS grantee, a.privilege_type, a.is_grantable"
        " FROM pg_catalog.pg_class c"
        + _acl(
            "coalesce(c.relacl, pg_catalog.acldefault(CAST(CASE WHEN c.relkind = 'S'"
            " THEN 's' ELSE 'r' END AS \"char\"), c.relowner))"
        )
        + f" AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND c.relnamespace = {_SCHEMA}"
    )
    + ", "
    + _rows(
        f"SELECT relname FROM pg_catalog.pg_class WHERE relkind = 'S' AND relnamespace = {_SCHEMA}"
    )
    + ", "
    + _rows(
        f"SELECT {_GRANTEE} AS grantee, a.privilege_type FROM pg_catalog.pg_namespace n"
        + _acl("coalesce(n.nspacl, pg_catalog.acldefault('n', n.nspowner))")
        + " AND n.nspname = current_schema()"
    )
    + ", "
    + _rows(
        f"SELECT {_GRANTEE} AS grantee, a.privilege_type FROM pg_catalog.pg_database d"
        + _acl("coalesce(d.datacl, pg_catalog.acldefault('d', d.datdba))")
        + " AND d.datname = current_database()"
    )
    + ", (SELECT pg_catalog.pg_has_role(current_user, nspowner, 'USAGE')"
    " FROM pg_catalog.pg_namespace WHERE nspname = current_schema())"
    ", (SELECT pg_catalog.pg_has_role(current_user, datdba, 'USAGE')"
    " FROM pg_catalog.pg_database WHERE datname = current_database())"
    ", "
    + _rows(
        "SELECT s.signature, p.prosrc, CAST(p.prorettype AS regtype)::text AS returns,"
        " l.lanname, p.prosecdef, coalesce(p.proconfig, CAST(ARRAY[] AS text[])) AS config,"
        " p.proisstrict, p.provolatile, p.prokind,"
        f" ARRAY(SELECT {_GRANTEE} || ':' || a.privilege_type FROM (SELECT 1) one"
        + _acl("coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))")
        + ") AS acl FROM unnest(CAST(:signatures AS text[])) s(signature)"
        " LEFT JOIN pg_catalog.pg_proc p ON p.oid ="
        " to_regprocedure(quote_ident(current_schema()) || '.' || s.signature)"
        " LEFT JOIN pg_catalog.pg_language l ON l.oid = p.prolang"
    )
    + ", "
    + _rows(trail.INTACT_TRIGGERS)
)


def differences(connection: Connection) -> list[str]:
    """What the owner's open would change in the current schema (names of objects, nothing
    personal); empty when the database is as :func:`~expatdesk.db.trail.install` and
    :func:`~expatdesk.db.roles.secure` leave it."""
    schema, database = connection.execute(text("SELECT current_schema(), current_database()")).one()
    groups = roles.groups(database)
    functions = expected_functions(roles.quote(schema), database)
    state = connection.execute(
        text(_STATE),
        {
            "managed": [*groups.values(), *roles.OLD_GROUPS],
            "signatures": list(functions),
        },
    ).one()
    tables, existing, members, relations, sequences, on_schema, on_database = state[:7]
    owns_schema, owns_database, installed, triggers = state[7:]
    tables = [row["tablename"] for row in tables]
    if roles.AUDIT_TABLE not in tables:
        return ["no audit table"]
    existing = {row["rolname"] for row in existing}
    found = [f"group {group} missing" for group in groups.values() if group not in existing]
    members = {(row["parent"], row["member"]) for row in members}
    for parent, group in itertools.pairwise(groups.values()):
        if (parent, group) not in members:
            found.append(f"{group} not in {parent}")
    found += _relation_differences(
        {tuple(row.values()) for row in relations},
        tables,
        [row["relname"] for row in sequences],
        groups,
    )
    found += _container_differences(
        {tuple(row.values()) for row in on_schema},
        {tuple(row.values()) for row in on_database},
        groups,
        owns_schema=bool(owns_schema),
        owns_database=bool(owns_database),
    )
    found += _function_differences(installed, functions)
    intact = {tuple(row.values()) for row in triggers}
    wanted = {
        (table, trail.TRIGGER, f"{trail.TRIGGER}_{table}", trail.TRIGGER_TYPE)
        for table in trail.TABLES
    }
    wanted |= {
        (table, trigger, roles.WHO_FUNCTION, roles.WHO_TRIGGER_TYPE)
        for table, trigger in roles.WHO_TRIGGERS.items()
    }
    found += [f"trigger {trigger} on {table}" for table, trigger, _, _ in sorted(wanted - intact)]
    return found


def _relation_differences(
    actual: set[tuple[Any, ...]], tables: list[str], sequences: list[str], groups: dict[str, str]
) -> list[str]:
    """The privileges on the schema's tables, views and sequences that differ from the grants of
    :func:`~expatdesk.db.roles.grant_statements`."""
    expected: set[tuple[Any, ...]] = {
        (table, groups[role], privilege, False)
        for table in tables
        for role, privileges in roles.table_privileges(table).items()
        for privilege in privileges.split(", ")
    }
    expected |= {
        (sequence, groups["desk_officer"], privilege, False)
        for sequence in sequences
        for privilege in roles.SEQUENCE_PRIVILEGES.split(", ")
    }
    return [
        f"{'extra' if row in actual else 'missing'} {row[2]} on {row[0]} for {row[1]}"
        for row in sorted(actual ^ expected)
    ]


def _container_differences(
    schema: set[tuple[Any, ...]],
    database: set[tuple[Any, ...]],
    groups: dict[str, str],
    *,
    owns_schema: bool,
    owns_database: bool,
) -> list[str]:
    """What differs on the schema and the database: the groups use the schema and connect; the
    old shared groups have nothing; PUBLIC may not create in the schema nor connect to the
    database (where the connecting role owns them)."""
    ours = set(groups.values())
    found = [f"{group} may not use the schema" for group in ours if (group, "USAGE") not in schema]
    found += [
        f"{name} {what} on the schema" for name, what in schema if name not in ours | {PUBLIC}
    ]
    if owns_schema and (PUBLIC, "CREATE") in schema:
        found.append("PUBLIC may create in the schema")
    if owns_database:
        found += [
            f"{group} may not connect" for group in ours if (group, "CONNECT") not in database
        ]
        found += [f"{name} {what} on the database" for name, what in database if name not in ours]
    return sorted(found)


def _function_differences(
    rows: list[dict[str, Any]], expected: dict[str, tuple[Function, frozenset[str]]]
) -> list[str]:
    """The installed functions whose text, options or privileges differ from this version's."""
    found = []
    for row in rows:
        signature = row["signature"]
        function, privileges = expected[signature]
        actual = Function(
            row["prosrc"], row["returns"], row["lanname"], row["prosecdef"], tuple(row["config"])
        )
        if row["prosrc"] is None:
            found.append(f"function {signature} missing")
        elif actual != function or _altered(row):
            found.append(f"function {signature} changed")
        elif frozenset(row["acl"]) != privileges:
            found.append(f"privileges on function {signature}")
    return found


def _altered(row: dict[str, Any]) -> bool:
    """Whether an ``ALTER FUNCTION`` made it ``STRICT`` (skipped on a NULL argument), ``STABLE``
    or ``IMMUTABLE``, or it is no plain function: none of ExpatDesk's texts says so, and ``CREATE
    OR REPLACE`` resets it."""
    return bool(row["proisstrict"]) or (row["provolatile"], row["prokind"]) != ("v", "f")
