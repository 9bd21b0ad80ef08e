"""The declarative base of every model, its mixins, and the values the CHECK constraints allow."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from expatdesk.db.types import UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CASE_STATUSES = ("new", "in_progress", "waiting_client", "waiting_authority", "closed")
RESPONDENT_TYPES = ("expat", "employer")
LEAVE_INTENTIONS = ("yes", "no", "unsure")
RELATIONS = ("partner", "child")
ROLES = ("desk_officer", "manager", "administrator")
AUDIT_ACTIONS = ("create", "update", "delete", "view_bsn")


def in_check(column: str, values: tuple[str, ...]) -> str:
    """A CHECK that ``column`` holds one of ``values``."""
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


def grade_check(column: str) -> str:
    """A CHECK that ``column`` is empty or a grade from 1 to 10."""
    return f"{column} IS NULL OR ({column} >= 1 AND {column} <= 10)"


# Every SQLite table with an id is AUTOINCREMENT: SQLite never hands an id out twice (without it,
# a new row gets ``max(id) + 1``, the id of a record deleted just before). PostgreSQL's sequences
# never go back anyway. The migrations make it so (0006 rebuilt the tables of older databases; a
# new table says ``sqlite_autoincrement=True`` in its ``create_table``), and
# tests/unit/db/test_migrations.py checks every table of a migrated database. The models leave
# the option out: the tables are the migrations', and naming an SQLite option loads SQLite's
# dialect, 7 ms of every start on PostgreSQL (issue 18).


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RequestKeyed:
    """A record a form adds, with the key the form made when it opened (unique).

    A desk that saves again after an unclear failure (the connection broke during COMMIT) sends
    the same key: the database refuses a second row, and the app says it was already saved.
    Rows added otherwise (imports, the demo) have none.
    """

    request_key: Mapped[str | None] = mapped_column(String(32))


class Timestamped:
    """Creation and last-change moments, kept by the ORM."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class CodeMixin:
    """A code with an English and a Dutch label, in a fixed display order."""

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label_en: Mapped[str] = mapped_column(String(200))
    label_nl: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
