"""Search indexes: an FTS5 trigram table beside expat and employer on SQLite, kept in step by
triggers; pg_trgm GIN indexes on their search_key on PostgreSQL (expatdesk.db.search_index). And
an index of the expats in list order that holds their search_key, so that the first matches of a
short term are found by reading that index alone.

Where PostgreSQL cannot install pg_trgm (a role that may not create extensions), the indexes are
left out and the search reads the rows instead, as before.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 20:30:00
"""

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("expatdesk.db.migrations")

#: The searched tables and their FTS5 table (SQLite) and trigram index (PostgreSQL).
_TABLES = {
    "expat": ("expat_search", "ix_expat_search_key_trgm"),
    "employer": ("employer_search", "ix_employer_search_key_trgm"),
}
_IN_ORDER = "ix_expat_name_search"


def _sqlite_upgrade() -> None:
    for table, (fts, _index) in _TABLES.items():
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(search_key, content='{table}', "
            "content_rowid='id', tokenize='trigram case_sensitive 1', detail='none')"
        )
        # In id order: FTS5 appends to its lists (its own 'rebuild' reads the search_key index).
        op.execute(
            f"INSERT INTO {fts}(rowid, search_key) SELECT id, search_key FROM {table} ORDER BY id"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, search_key) VALUES (new.id, new.search_key); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, search_key) "
            "VALUES ('delete', old.id, old.search_key); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF id, search_key ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, search_key) "
            "VALUES ('delete', old.id, old.search_key); "
            f"INSERT INTO {fts}(rowid, search_key) VALUES (new.id, new.search_key); END"
        )
    op.execute(f"CREATE INDEX {_IN_ORDER} ON expat (family_name, given_name, id, search_key)")
    # Statistics for the new index, or the planner keeps walking the older one of the same order.
    op.execute(f"ANALYZE {_IN_ORDER}")


def _postgres_upgrade() -> None:
    bind = op.get_bind()
    op.execute(
        f"CREATE INDEX {_IN_ORDER} ON expat (family_name, given_name, id) INCLUDE (search_key)"
    )
    installed = bind.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"))
    if installed.first() is None:
        savepoint = bind.begin_nested()
        try:
            bind.execute(sa.text("CREATE EXTENSION pg_trgm"))
        except sa.exc.DBAPIError as error:
            savepoint.rollback()
            log.warning("no trigram indexes: cannot install pg_trgm (%s)", error.orig)
            return
        savepoint.commit()
    for table, (_fts, index) in _TABLES.items():
        op.execute(f"CREATE INDEX {index} ON {table} USING gin (search_key gin_trgm_ops)")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_upgrade()
    elif dialect == "postgresql":
        _postgres_upgrade()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(f"DROP INDEX IF EXISTS {_IN_ORDER}")
    for _table, (fts, index) in _TABLES.items():
        if dialect == "sqlite":
            for trigger in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{trigger}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
        elif dialect == "postgresql":
            op.execute(f"DROP INDEX IF EXISTS {index}")
