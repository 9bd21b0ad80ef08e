"""What deleting a client record takes with it, and what stops it, counted before anyone asks.

A manager confirms a delete knowing what goes with the record ("Delete Jan Jansen (EXP-000001)
with 2 family members and 1 permit?"); a record that other records still refer to is refused
before the question, with those records counted. The delete services count the same way in
their own transaction, so a record that gained a case meanwhile is refused all the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import QueryableAttribute, Session

from expatdesk import i18n
from expatdesk.i18n import ngettext


@dataclass(frozen=True)
class Deletion:
    """A client record about to be deleted: ``going`` are the counted records deleted with it
    ("2 permits"), ``refusal`` is why it may not be deleted (empty when it may)."""

    ref: str
    name: str
    version: int
    going: tuple[str, ...]
    refusal: str


def count(session: Session, column: QueryableAttribute[int | None], record_id: int) -> int:
    """How many rows have ``record_id`` in ``column``."""
    return session.scalar(select(func.count()).where(column == record_id)) or 0


def counted(items: Iterable[tuple[str, int]]) -> tuple[str, ...]:
    """The texts ("{count} permits", already chosen by number) with their count filled in, for
    the counts that are not 0."""
    return tuple(text.format(count=i18n.format_number(number)) for text, number in items if number)


def client_history(cases: int, deliveries: int, responses: int) -> list[tuple[str, int]]:
    """What an expat's or an employer's work at the centre left, which keeps the client from
    being deleted: cases, service deliveries and survey responses, as texts chosen by number."""
    return [
        (ngettext("{count} case", "{count} cases", cases), cases),
        (
            ngettext("{count} service delivery", "{count} service deliveries", deliveries),
            deliveries,
        ),
        (ngettext("{count} survey response", "{count} survey responses", responses), responses),
    ]
