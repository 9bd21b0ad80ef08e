"""New ids and references that no record ever had before.

A new record's reference is numbered after its id (``EXP-000123`` for the expat with id 123), and
the id comes from the database's own counter, which never goes back: PostgreSQL's sequence, and
on SQLite the ``AUTOINCREMENT`` table's entry in ``sqlite_sequence`` (migration 0006). Numbering
after ``max(id) + 1``, as before, gave the next client the id and reference of the newest record
deleted or merged away, and with them what the trail and the subject access kept of that person.

The id is taken first and set on the record explicitly, so the reference can be stored with the
insert. A number whose reference is taken already (by an imported record) or was erased (the
register of :mod:`expatdesk.privacy.erasure`) is skipped, and the next one taken.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from expatdesk.db.models import Base, ErasedPerson

#: Numbers tried before giving up (imports would have to fill all of them).
_ATTEMPTS = 10_000


def next_id(session: Session, model: type[Base]) -> int:
    """Reserve the next id of ``model``'s table; the caller inserts the record with it."""
    table = model.__table__.name  # type: ignore[attr-defined]
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        value = connection.execute(
            text("SELECT nextval(pg_get_serial_sequence(:table, 'id'))"), {"table": table}
        ).scalar_one()
        return int(value)
    # The write lock is held from BEGIN IMMEDIATE on: nobody else takes an id meanwhile.
    value = connection.execute(
        text(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = :table), 0),"
            f' coalesce((SELECT max(id) FROM "{table}"), 0)) + 1'
        ),
        {"table": table},
    ).scalar_one()
    return int(value)


def new_id_and_ref(
    session: Session,
    model: type[Base],
    ref_column: InstrumentedAttribute[str],
    prefix: str,
    width: int,
    *,
    person: bool = False,
) -> tuple[int, str]:
    """An id for a new ``model`` record and the reference ``<prefix><number>`` that goes with it,
    neither of which any record had before. ``person``: also skip erased references."""
    postgres = session.connection().dialect.name == "postgresql"
    number = next_id(session, model)
    for _attempt in range(_ATTEMPTS):
        ref = f"{prefix}{number:0{width}d}"
        taken = session.scalar(select(ref_column).where(ref_column == ref)) is not None or (
            person and session.get(ErasedPerson, ref) is not None
        )
        if not taken:
            return number, ref
        # A sequence hands out the next number; on SQLite the counter moves on insert only.
        number = next_id(session, model) if postgres else number + 1
    raise RuntimeError(f"no free reference after {prefix}{number}")  # pragma: no cover
