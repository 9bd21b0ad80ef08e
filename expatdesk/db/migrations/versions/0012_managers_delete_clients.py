"""Only managers and administrators delete expats and employers.

No table changes. On PostgreSQL the desk officers' group loses ``DELETE`` on ``expat`` and
``employer`` and the managers' group gains it (expatdesk.db.roles.MANAGER_DELETES). Grants are
(re)applied by ``roles.secure`` whenever the owner opens the database after the migrations; this
revision makes sure the owner does (``expatdesk init``) before staff work with this version: staff
logins are refused a database whose migrations are behind. SQLite has no roles: nothing changes
there (the services refuse the delete to a desk officer on both engines).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 22:30:00
"""

from collections.abc import Sequence

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing in the schema: the owner's ``roles.secure`` after the migrations moves the grant."""


def downgrade() -> None:
    """Nothing in the schema: an older version's ``roles.secure`` grants ``DELETE`` back."""
