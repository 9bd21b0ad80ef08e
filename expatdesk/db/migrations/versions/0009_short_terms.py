"""Indexes for search terms of one or two letters, which no trigram covers
(expatdesk.db.search_index).

SQLite: an fts5vocab table over each FTS5 table (no data of its own: it reads the index), which
names the trigrams that start with a two-letter term, and an index on the last two characters of
search_key, for the term at its very end. PostgreSQL: a pg_trgm GIN index on search_key with
every character written three times, where pg_trgm is installed (migration 0005). Indexes only:
no table is rebuilt.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 17:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The searched tables: their FTS5 table, its vocabulary, the tail index (SQLite) and the index
#: of the tripled search key (PostgreSQL).
_TABLES = {
    "expat": (
        "expat_search",
        "expat_search_vocab",
        "ix_expat_search_tail",
        "ix_expat_search_key_short",
    ),
    "employer": (
        "employer_search",
        "employer_search_vocab",
        "ix_employer_search_tail",
        "ix_employer_search_key_short",
    ),
}
_TRIPLED = "regexp_replace(search_key, '(.)', '\\1\\1\\1', 'g')"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for table, (fts, vocabulary, tail, _short) in _TABLES.items():
            op.execute(f"CREATE VIRTUAL TABLE {vocabulary} USING fts5vocab({fts}, 'row')")
            op.execute(f"CREATE INDEX {tail} ON {table} (substr(search_key, -2))")
            op.execute(f"ANALYZE {tail}")
    elif bind.dialect.name == "postgresql":
        installed = bind.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"))
        if installed.first() is None:
            return  # migration 0005 could not install it: short terms read the rows, as before
        for table, (_fts, _vocabulary, _tail, short) in _TABLES.items():
            op.execute(f"CREATE INDEX {short} ON {table} USING gin (({_TRIPLED}) gin_trgm_ops)")


def downgrade() -> None:
    for _table, (_fts, vocabulary, tail, short) in _TABLES.items():
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"DROP TABLE IF EXISTS {vocabulary}")
            op.execute(f"DROP INDEX IF EXISTS {tail}")
        else:
            op.execute(f"DROP INDEX IF EXISTS {short}")
