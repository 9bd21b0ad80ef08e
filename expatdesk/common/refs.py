"""New ids and references that no record ever had before.

A new record's reference is numbered after its id (``EXP-000123`` for the expat with id 123), and
the id comes from the database's own counter, which never goes back: PostgreSQL's sequence, and
on SQLite the ``AUTOINCREMENT`` table's entry in ``sqlite_sequence`` (migration 0006). Numbering
after ``max(id) + 1``, as before, gave the next client the id and reference of the newest record
deleted or merged away, and with them what the trail and the subject access kept of that person.

The id is taken first and set on the record explicitly, so the reference can be stored with the
insert. A number whose reference is taken already (by an imported record) or was erased (the
register of :mod:`expatdesk.privacy.erasure`) is skipped, and the next one taken.

Another desk (an import) may still take the same reference between the look and the insert; the
insert then fails on the unique constraint and is tried again with the next number, one of two
ways: :func:`insert_with_ref` inserts the record in a savepoint of the caller's transaction (cases
and services), :func:`retrying_taken_refs` runs the whole registration again (expats and
employers: their own uniqueness checks, a BSN or KvK number another desk just took, run again
and report it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from expatdesk.db.models import Base, ErasedPerson

log = logging.getLogger(__name__)

#: Numbers tried before giving up (imports would have to fill all of them).
_ATTEMPTS = 10_000
#: How often :func:`insert_with_ref` tries the next number when the insert meets a taken ref.
INSERT_ATTEMPTS = 5
#: How often :func:`retrying_taken_refs` runs a registration again.
CREATE_ATTEMPTS = 3

_T = TypeVar("_T")


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


def insert_with_ref(
    session: Session,
    record: Base,
    ref_column: InstrumentedAttribute[str],
    prefix: str,
    width: int,
    *,
    prepare: Callable[[str], None] | None = None,
    refused: Callable[[], None] | None = None,
) -> str:
    """Add ``record`` with a new id and the reference ``<prefix><number>`` in ``ref_column``, and
    flush it; returns the reference.

    ``prepare`` is called with the reference before the insert, to set what depends on it;
    ``refused`` when the insert fails on a unique constraint, before the reference is checked
    (to raise an error of its own: the same form saved twice at once, say). When another desk
    took the same reference at the same moment (an import), the insert (in a savepoint) fails
    and the next number is tried.
    """
    model = type(record)
    for attempt in range(1, INSERT_ATTEMPTS + 1):
        new_id, ref = new_id_and_ref(session, model, ref_column, prefix, width)
        record.id = new_id  # type: ignore[attr-defined]
        setattr(record, ref_column.key, ref)
        if prepare is not None:
            prepare(ref)
        try:
            with session.begin_nested():
                session.add(record)
                session.flush()
        except IntegrityError:
            if refused is not None:
                refused()
            taken = session.scalar(select(ref_column).where(ref_column == ref)) is not None
            if not taken or attempt == INSERT_ATTEMPTS:
                raise
            log.info("reference %s was taken meanwhile; trying the next one", ref)
            continue
        return ref
    raise AssertionError("unreachable")  # pragma: no cover


def retrying_taken_refs(create: Callable[[], _T]) -> _T:
    """Run ``create`` (one whole transaction that registers a record with
    :func:`new_id_and_ref`) again when it fails on a unique constraint: another desk took the
    same reference (or a BSN, a KvK number) at the same moment. Run again, its checks report a
    number another desk took, and it takes the next reference; the last failure is raised."""
    for attempt in range(CREATE_ATTEMPTS):
        try:
            return create()
        except IntegrityError:
            if attempt == CREATE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover
