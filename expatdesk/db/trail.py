"""The audit trail, written by the database: a trigger on every table of client data or settings.

Every insert, update and delete of an audited table (:data:`expatdesk.db.audit.AUDITED`) adds one
``audit_entry`` in the same transaction, whoever made the change: the app, an import, the
command line, or someone with ``psql`` or ``sqlite3``. The entry says who, when, which record
(``entity``, ``entity_id``) and which fields changed from what to what, as the JSON text
``{"field": [old, new], ...}`` (keys sorted, written as Python's ``json.dumps`` writes it); a BSN
only masked (its last four digits), a password hash as ``"(set)"`` or ``"(changed)"``, and
bookkeeping columns (``version``, ``search_key``, timestamps, failed sign-ins) left out. A
creation lists the fields that are set, a deletion the values the record had.

One mechanism per engine, generated here from the same table definitions, with the same entries:

- **PostgreSQL**: a PL/pgSQL trigger function per table (``expatdesk_trail_<table>``) and an
  ``AFTER`` row trigger. Who: the connecting role (``current_user``; the trigger on
  ``audit_entry`` of :mod:`expatdesk.db.roles` writes a staff login as its username and the
  moment from the server's clock, whatever a client claims). The owner's connections (the
  command line, maintenance) name the actor the app sets for the transaction
  (:func:`set_actor`: ``expatdesk.username``, ``expatdesk.user_id``, ``expatdesk.at``).
  Only the owner may replace or disable the triggers.
- **SQLite**: three triggers per table. SQLite has no users: the app writes the actor of a
  transaction into the one-row table ``audit_actor`` first and removes it before the commit
  (:func:`set_actor`, :func:`clear_actor`), so it is never stored; a change made with another
  program (``sqlite3``) is in the trail under the name ``sqlite``. Anyone with the file can
  also drop the triggers: on SQLite the file is the boundary.

Bulk demo data is written with the trail switched off for its transaction (:func:`set_actor`
with ``trail=False``; on PostgreSQL honoured for the owner only, who could drop the triggers
anyway); the demo writes a trail of its own (:mod:`expatdesk.demo.trail`).

:func:`install` (re)creates the triggers (and replaces one someone disabled or limited);
:func:`open_database` calls it after every migration, and on any other open of SQLite
(:func:`sqlite_needs_install`) or by the PostgreSQL owner (:mod:`expatdesk.db.installed`) when
the triggers differ from what it would make, so a migration that rebuilds a table loses nothing
and a trigger someone dropped is back at the next open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import Boolean, Connection, Double, Float, Table, text

from expatdesk.db.models import Base
from expatdesk.db.types import UTCDateTime

#: The audited tables and the name the trail gives their records.
TABLES: dict[str, str] = {
    "employer": "employer",
    "contact_person": "contact_person",
    "hiring_record": "hiring_record",
    "expat": "expat",
    "family_member": "family_member",
    "permit": "permit",
    "case_file": "case",
    "case_note": "case_note",
    "task": "task",
    "service_delivery": "service_delivery",
    "delivery_document": "delivery_document",
    "survey_response": "survey_response",
    "survey_response_facility": "survey_response_facility",
    "staff_user": "staff_user",
    "target_settings": "target_settings",
    "centre_settings": "centre_settings",
    "case_document": "case_document",  # metadata only: case_document_chunk is not audited
    "letter_template": "letter_template",
}
#: Columns the trail leaves out: bookkeeping, and failed sign-ins (counted on every mistyped
#: password, which is not a change of the account).
SKIPPED = frozenset(
    {
        "id",
        "version",
        "search_key",
        "created_at",
        "updated_at",
        "failed_logins",
        "last_failed_login_at",
        "centre_logo",  # an image: the trail keeps its centre_logo_sha256
    }
)
SECRET = frozenset({"password_hash"})
MASKED = frozenset({"bsn"})
#: The username of changes made past the app on SQLite (which has no users).
SQLITE_USER = "sqlite"
#: The table in which the app names the actor of an SQLite transaction.
ACTOR_TABLE = "audit_actor"


@dataclass(frozen=True)
class _Field:
    name: str
    kind: str  # text, bool, float, datetime, masked, secret


def _kind(name: str, column_type: object) -> str:
    if name in SECRET:
        return "secret"
    if name in MASKED:
        return "masked"
    if isinstance(column_type, Boolean):
        return "bool"
    if isinstance(column_type, (Double, Float)):
        return "float"
    if isinstance(column_type, UTCDateTime):
        return "datetime"
    return "plain"  # text, numbers and dates: JSON as they are


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def fields(table: str) -> list[_Field]:
    """The audited columns of ``table``, in the order of the JSON keys."""
    columns = _table(table).columns
    chosen = [column for column in columns if column.name not in SKIPPED]
    return sorted(
        (_Field(column.name, _kind(column.name, column.type)) for column in chosen),
        key=lambda field: field.name,
    )


def _record_key(table: str) -> str:
    """The column that names the record: ``id``, or the first of a composite primary key."""
    return next(iter(_table(table).primary_key.columns)).name


# --- the JSON of one value, per engine ---------------------------------------------------------


def _pg_json(field: _Field, row: str) -> str:
    """PostgreSQL: the JSON text of ``row.field`` (``'null'`` for NULL)."""
    value = f"{row}.{field.name}"
    if field.kind == "secret":
        return f"""CASE WHEN {value} IS NULL THEN 'null' ELSE '"(set)"' END"""
    if field.kind == "masked":
        masked = (
            f"CASE WHEN {value} = '' THEN NULL"
            f" ELSE repeat('*', greatest(length({value}) - 4, 0)) || right({value}, 4) END"
        )
        return f"coalesce(to_json({masked})::text, 'null')"
    if field.kind == "float":
        return (
            f"CASE WHEN {value} IS NULL THEN 'null'"
            f" WHEN {value} = trunc({value}) AND abs({value}) < 1e15"
            f" THEN trunc({value})::bigint::text || '.0' ELSE {value}::text END"
        )
    if field.kind == "datetime":
        moment = f"""to_char({value}, 'YYYY-MM-DD"T"HH24:MI:SS') || '+00:00'"""
        return f"coalesce(to_json({moment})::text, 'null')"
    return f"coalesce(to_json({value})::text, 'null')"


def _sqlite_json(field: _Field, row: str) -> str:
    """SQLite: the JSON text of ``row.field`` (``'null'`` for NULL)."""
    value = f"{row}.{field.name}"
    if field.kind == "secret":
        return f"""CASE WHEN {value} IS NULL THEN 'null' ELSE '"(set)"' END"""
    if field.kind == "masked":
        return (
            f"CASE WHEN {value} IS NULL OR {value} = '' THEN 'null' ELSE json_quote("
            f"replace(hex(zeroblob(max(length({value}) - 4, 0))), '00', '*')"
            f" || substr({value}, max(length({value}) - 3, 1))) END"
        )
    if field.kind == "bool":
        return f"CASE WHEN {value} IS NULL THEN 'null' WHEN {value} THEN 'true' ELSE 'false' END"
    if field.kind == "float":
        return (
            f"CASE WHEN {value} IS NULL THEN 'null'"
            f" WHEN {value} = CAST({value} AS INTEGER) AND abs({value}) < 1e15"
            f" THEN CAST(CAST({value} AS INTEGER) AS TEXT) || '.0' ELSE json_quote({value}) END"
        )
    if field.kind == "datetime":
        return (
            f"CASE WHEN {value} IS NULL THEN 'null'"
            f" ELSE json_quote(strftime('%Y-%m-%dT%H:%M:%S', {value}) || '+00:00') END"
        )
    return f"json_quote({value})"


def _changes(table: str, action: str, postgres: bool) -> str:
    """An SQL expression: the fields of the change as ``"key": [old, new], `` pieces, joined
    (``''`` when nothing the trail records changed)."""
    json_of = _pg_json if postgres else _sqlite_json
    pieces = []
    for field in fields(table):
        new, old = f"NEW.{field.name}", f"OLD.{field.name}"
        if action == "create":
            condition = f"{new} IS NOT NULL"
            if field.kind == "bool":
                condition += f" AND {new}" if postgres else f" AND {new} <> 0"
            pair = f"'[null, ' || {json_of(field, 'NEW')} || ']'"
        elif action == "delete":
            condition = f"{old} IS NOT NULL"
            if field.kind == "bool":
                condition += f" AND {old}" if postgres else f" AND {old} <> 0"
            pair = f"'[' || {json_of(field, 'OLD')} || ', null]'"
        else:
            condition = f"{old} IS DISTINCT FROM {new}" if postgres else f"{old} IS NOT {new}"
            if field.kind == "secret":
                pair = """'["(changed)", "(changed)"]'"""
            else:
                old_json, new_json = json_of(field, "OLD"), json_of(field, "NEW")
                pair = f"'[' || {old_json} || ', ' || {new_json} || ']'"
        piece = f"""CASE WHEN {condition} THEN '"{field.name}": ' || {pair} || ', ' END"""
        pieces.append(f"coalesce({piece}, '')")
    return " || ".join(pieces) if pieces else "''"


def _as_json(pieces: str) -> str:
    """The ``changes`` column from the joined pieces ``pieces`` (a name): ``NULL`` for none."""
    return (
        f"CASE WHEN {pieces} = '' THEN NULL"
        f" ELSE '{{' || substr({pieces}, 1, length({pieces}) - 2) || '}}' END"
    )


# --- PostgreSQL --------------------------------------------------------------------------------


#: ``pg_trigger.tgtype`` of the trail's triggers: FOR EACH ROW (1), AFTER INSERT (4) OR DELETE (8)
#: OR UPDATE (16).
TRIGGER_TYPE = 1 | 4 | 8 | 16
TRIGGER = "expatdesk_trail"


#: The triggers of the current schema that fire (enabled, unconditional, on every column, not
#: deferred): a trigger someone disabled, limited or pointed elsewhere is not among them.
INTACT_TRIGGERS = (
    "SELECT c.relname, t.tgname, p.proname, t.tgtype FROM pg_catalog.pg_trigger t"
    " JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
    " JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid"
    " WHERE c.relnamespace = p.pronamespace AND c.relnamespace ="
    " (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())"
    " AND NOT t.tgisinternal AND t.tgenabled = 'O' AND t.tgqual IS NULL"
    " AND t.tgnargs = 0 AND t.tgconstraint = 0"
    " AND pg_catalog.cardinality(CAST(t.tgattr AS int2[])) = 0"
)


def intact_triggers(connection: Connection) -> set[tuple[str, str, str, int]]:
    """The triggers of :data:`INTACT_TRIGGERS` as ``(table, trigger, function, tgtype)``; the
    others get replaced."""
    rows = connection.execute(text(INTACT_TRIGGERS)).all()
    return {
        (str(table), str(name), str(function), int(kind)) for table, name, function, kind in rows
    }


def pg_functions(schema: str) -> dict[str, str]:
    """The ``CREATE OR REPLACE FUNCTION`` statement of each audited table's trail function in
    ``schema`` (quoted), by function name."""
    return {f"expatdesk_trail_{table}": _pg_function(schema, table) for table in TABLES}


def _pg_function(schema: str, table: str) -> str:
    key = _record_key(table)
    return f"""
CREATE OR REPLACE FUNCTION {schema}.expatdesk_trail_{table}() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $trail$
DECLARE
    s text;
    what text;
    record_id integer;
BEGIN
    IF current_setting('expatdesk.trail', true) = 'off' AND pg_has_role(current_user,
            (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE') THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        what := 'create';
        record_id := NEW.{key};
        s := {_changes(table, "create", postgres=True)};
    ELSIF TG_OP = 'UPDATE' THEN
        what := 'update';
        record_id := NEW.{key};
        s := {_changes(table, "update", postgres=True)};
        IF s = '' THEN
            RETURN NULL;
        END IF;
    ELSE
        what := 'delete';
        record_id := OLD.{key};
        s := {_changes(table, "delete", postgres=True)};
    END IF;
    INSERT INTO {schema}.audit_entry (at, staff_user_id, username, action, entity, entity_id,
        changes)
    VALUES (
        coalesce(nullif(current_setting('expatdesk.at', true), '')::timestamp,
            timezone('UTC', clock_timestamp())),
        nullif(current_setting('expatdesk.user_id', true), '')::integer,
        coalesce(nullif(current_setting('expatdesk.username', true), ''), current_user),
        what, '{TABLES[table]}', record_id, {_as_json("s")});
    RETURN NULL;
END
$trail$
"""


def _install_postgres(connection: Connection) -> None:
    schema = _quoted(str(connection.execute(text("SELECT current_schema()")).scalar_one()))
    intact = intact_triggers(connection)
    for table in TABLES:
        function = f"expatdesk_trail_{table}"
        connection.exec_driver_sql(_pg_function(schema, table).replace("%", "%%"))
        connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {schema}.{function}() FROM PUBLIC")
        if (table, TRIGGER, function, TRIGGER_TYPE) not in intact:  # creating locks the table
            connection.exec_driver_sql(
                f"DROP TRIGGER IF EXISTS {TRIGGER} ON {schema}.{_quoted(table)}"
            )
            connection.exec_driver_sql(
                f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE"
                f" ON {schema}.{_quoted(table)} FOR EACH ROW"
                f" EXECUTE FUNCTION {schema}.{function}()"
            )


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- SQLite ------------------------------------------------------------------------------------


_SQLITE_ACTIONS = {"create": "INSERT", "update": "UPDATE", "delete": "DELETE"}


def _sqlite_trigger(table: str, action: str) -> tuple[str, str]:
    """The name and the ``CREATE TRIGGER`` statement of one SQLite trigger."""
    name = f"expatdesk_trail_{table}_{_SQLITE_ACTIONS[action].lower()}"
    row = "OLD" if action == "delete" else "NEW"
    actor = f"(SELECT {{column}} FROM {ACTOR_TABLE} WHERE id = 1)"
    skip_empty = " WHERE s <> ''" if action == "update" else ""
    statement = (
        f"CREATE TRIGGER {name} AFTER {_SQLITE_ACTIONS[action]} ON {table}"
        f" WHEN coalesce({actor.format(column='trail_off')}, 0) = 0"
        " BEGIN INSERT INTO audit_entry (at, staff_user_id, username, action, entity,"
        " entity_id, changes) SELECT"
        f" coalesce({actor.format(column='at')}, strftime('%Y-%m-%d %H:%M:%f', 'now')),"
        f" {actor.format(column='staff_user_id')},"
        f" coalesce({actor.format(column='username')}, '{SQLITE_USER}'),"
        f" '{action}', '{TABLES[table]}', {row}.{_record_key(table)}, {_as_json('s')}"
        f" FROM (SELECT {_changes(table, action, postgres=False)} AS s){skip_empty}; END"
    )
    return name, statement


@cache
def sqlite_triggers() -> dict[str, str]:
    """Every trail trigger of SQLite by name."""
    return dict(_sqlite_trigger(table, action) for table in TABLES for action in _SQLITE_ACTIONS)


def _install_sqlite(connection: Connection) -> None:
    wanted = sqlite_triggers()
    existing: dict[str, str] = dict(
        connection.execute(
            text(
                "SELECT name, sql FROM sqlite_master"
                " WHERE type = 'trigger' AND name LIKE 'expatdesk\\_trail\\_%' ESCAPE '\\'"
            )
        ).all()
    )
    for name, statement in wanted.items():
        if existing.get(name) == statement:
            continue
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        connection.exec_driver_sql(statement)
    for name in existing.keys() - wanted.keys():
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def sqlite_needs_install(connection: Connection) -> bool:
    """Whether the SQLite database lacks a trail trigger as this version writes it."""
    existing: dict[str, str] = dict(
        connection.execute(
            text(
                "SELECT name, sql FROM sqlite_master"
                " WHERE type = 'trigger' AND name LIKE 'expatdesk\\_trail\\_%' ESCAPE '\\'"
            )
        ).all()
    )
    return existing != sqlite_triggers()


def install(connection: Connection) -> None:
    """(Re)create the trail triggers (on PostgreSQL: as the owner of the tables)."""
    if connection.dialect.name == "sqlite":
        _install_sqlite(connection)
    else:
        _install_postgres(connection)


def uninstall(connection: Connection) -> None:
    """Drop the trail triggers (a downgrade to a version that wrote the trail itself)."""
    if connection.dialect.name == "sqlite":
        for name in sqlite_triggers():
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        return
    for table in TABLES:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS expatdesk_trail ON {_quoted(table)}")
        connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS expatdesk_trail_{table}()")


# --- who acts ----------------------------------------------------------------------------------


#: The statement of :func:`set_actor` on PostgreSQL, with psycopg's placeholders.
_SET_ACTOR = (
    "SELECT set_config('expatdesk.user_id', %(user_id)s, true),"
    " set_config('expatdesk.username', %(username)s, true),"
    " set_config('expatdesk.at', %(at)s, true),"
    " set_config('expatdesk.trail', %(trail)s, true)"
)


def set_actor(
    connection: Connection,
    user_id: int | None,
    username: str,
    at: datetime,
    *,
    trail: bool = True,
) -> None:
    """Name the actor of the connection's current transaction for the trail triggers (and
    switch the trail off for it with ``trail=False``). SQLite: :func:`clear_actor` must follow
    before the commit."""
    moment = at.astimezone(UTC).replace(tzinfo=None)
    if connection.dialect.name == "sqlite":
        connection.execute(
            text(
                f"INSERT OR REPLACE INTO {ACTOR_TABLE} (id, staff_user_id, username, at,"
                " trail_off) VALUES (1, :user_id, :username, :at, :off)"
            ),
            {
                "user_id": user_id,
                "username": username,
                "at": moment.isoformat(sep=" ", timespec="microseconds"),
                "off": 0 if trail else 1,
            },
        )
        return
    # Straight to the driver: every transaction that writes runs this, and SQLAlchemy's own
    # handling of a text() costs more than the statement itself.
    connection.exec_driver_sql(
        _SET_ACTOR,
        {
            "user_id": "" if user_id is None else str(user_id),
            "username": username,
            "at": moment.isoformat(sep=" ", timespec="microseconds"),
            "trail": "on" if trail else "off",
        },
    )


def clear_actor(connection: Connection) -> None:
    """Remove the actor named by :func:`set_actor` (SQLite; PostgreSQL forgets it at the end of
    the transaction)."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"DELETE FROM {ACTOR_TABLE}")
