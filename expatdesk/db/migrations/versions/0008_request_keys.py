"""Request keys: the records a form adds (survey responses, case notes, tasks, service deliveries)
carry the key the form made when it opened, unique, so that saving again after an unclear
failure never adds a second row.

Added as a column and a unique index (no table rebuild on SQLite, so the triggers on these
tables stay as they are).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 16:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("survey_response", "case_note", "task", "service_delivery")


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(table, sa.Column('request_key', sa.String(length=32), nullable=True))
        op.create_index(f'ix_{table}_request_key', table, ['request_key'], unique=True)


def downgrade() -> None:
    from expatdesk.db import trail

    # The trail triggers name every column of the tables (from the models, so request_key too):
    # SQLite refuses to drop a column a trigger names. They come back when the app opens again.
    trail.uninstall(op.get_bind())
    for table in _TABLES:
        op.drop_index(f'ix_{table}_request_key', table_name=table)
        op.drop_column(table, 'request_key')  # native on SQLite 3.35+: no rebuild here either
