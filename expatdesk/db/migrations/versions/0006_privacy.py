"""Privacy: ids that are never handed out twice, and the register of erased persons.

SQLite gives a new row ``max(id) + 1`` unless the table is declared ``AUTOINCREMENT``: after the
newest expat was deleted or merged away, the next one got its id, and with it whatever the trail
kept under that id. Every table with an ``id`` is rebuilt here with ``AUTOINCREMENT`` (SQLite's
documented twelve steps: new table from the stored definition, rows copied, old table dropped,
new one renamed, its indexes and triggers created again, the search indexes of migration 0005
included), and ``sqlite_sequence`` starts after the highest id the table or the audit trail ever
named. This needs foreign keys off while it runs (``expatdesk.db.database.upgrade`` does that);
PostgreSQL's sequences never go back, so nothing changes there.

``erased_person`` holds the reference and the day of every erasure (nothing else): restoring a
backup and importing a file consult it, so that an erased person never comes back. On PostgreSQL
a trigger lets nobody but the owner change or remove its entries (staff may add them).

The downgrade drops the register and leaves the tables as they are: ``AUTOINCREMENT`` only
changes which id a new row gets, which the schema of 0005 does not depend on.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 16:20:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The tables with an id of their own, and the name the audit trail gives their records.
_TABLES = {
    "employer": "employer",
    "contact_person": "contact_person",
    "hiring_record": "hiring_record",
    "expat": "expat",
    "family_member": "family_member",
    "permit": "permit",
    "staff_user": "staff_user",
    "case_file": "case",
    "case_note": "case_note",
    "task": "task",
    "service_delivery": "service_delivery",
    "checklist_item": None,
    "survey_response": "survey_response",
    "audit_entry": None,
}


def _autoincrement_sql(table: str, sql: str) -> str:
    """The stored ``CREATE TABLE`` of ``table`` with its id as ``AUTOINCREMENT`` primary key."""
    pk = re.compile(rf",\s*CONSTRAINT pk_{table} PRIMARY KEY \(id\)")
    column = re.compile(r"(\bid INTEGER NOT NULL)(\s*,)")
    if not pk.search(sql) or not column.search(sql):
        raise RuntimeError(f"unexpected definition of the table {table}")
    sql = pk.sub("", sql, count=1)
    sql = column.sub(rf"\1 CONSTRAINT pk_{table} PRIMARY KEY AUTOINCREMENT\2", sql, count=1)
    return sql


def _sqlite_upgrade() -> None:
    bind = op.get_bind()
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("migration 0006 rebuilds tables: run it with foreign keys off")
    for table, entity in _TABLES.items():
        sql = bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).scalar()
        if sql is None or "AUTOINCREMENT" in sql:
            continue
        attached = (
            bind.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger')"
                " AND sql IS NOT NULL ORDER BY type, name",
                (table,),
            )
            .scalars()
            .all()
        )
        # A table rebuilt by an earlier batch migration is stored as CREATE TABLE "name".
        new_sql = re.sub(
            rf'^CREATE TABLE\s+("?){table}\1\s*\(',
            f"CREATE TABLE _new_{table} (",
            _autoincrement_sql(table, sql),
            count=1,
        )
        if not new_sql.startswith(f"CREATE TABLE _new_{table} ("):
            raise RuntimeError(f"unexpected definition of the table {table}")
        op.execute(new_sql)
        op.execute(f"INSERT INTO _new_{table} SELECT * FROM {table}")
        op.execute(f"DROP TABLE {table}")
        op.execute(f"ALTER TABLE _new_{table} RENAME TO {table}")
        for statement in attached:
            op.execute(statement)
        highest = bind.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}").scalar()
        if entity is not None:
            named = bind.exec_driver_sql(
                "SELECT coalesce(max(entity_id), 0) FROM audit_entry WHERE entity = ?", (entity,)
            ).scalar()
            highest = max(highest or 0, named or 0)
        # Copying the rows started the table's sequence at its highest id; the trail may name
        # higher ones, of records deleted since.
        op.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = :name").bindparams(name=table))
        op.execute(
            sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)").bindparams(
                name=table, seq=int(highest or 0)
            )
        )
    problems = bind.exec_driver_sql("PRAGMA foreign_key_check").all()
    if problems:
        raise RuntimeError(f"foreign keys broken after rebuilding the tables: {problems[:5]}")


_KEPT_FUNCTION = """
CREATE FUNCTION expatdesk_erased_person_kept() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    owner oid;
BEGIN
    SELECT relowner INTO owner FROM pg_catalog.pg_class WHERE oid = TG_RELID;
    IF NOT pg_catalog.pg_has_role(current_user, owner, 'USAGE') THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = 'only the owner may change or remove entries of the erasure register';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "erased_person",
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("erased_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("ref", name=op.f("pk_erased_person")),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_upgrade()
    elif dialect == "postgresql":
        op.execute(_KEPT_FUNCTION)
        op.execute(
            "CREATE TRIGGER erased_person_kept BEFORE UPDATE OR DELETE ON erased_person"
            " FOR EACH ROW EXECUTE FUNCTION expatdesk_erased_person_kept()"
        )


def downgrade() -> None:
    op.drop_table("erased_person")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS expatdesk_erased_person_kept()")
