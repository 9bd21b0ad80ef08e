"""Alembic environment: migrations run on the connection ExpatDesk hands in."""

from alembic import context

from expatdesk.db import search_index
from expatdesk.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("ExpatDesk migrations run through expatdesk.db.database, with a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
    include_name=search_index.include_name,  # the search indexes are not in the models
)
with context.begin_transaction():
    context.run_migrations()
