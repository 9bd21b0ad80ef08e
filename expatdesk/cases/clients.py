"""Finding the client of a case or a service: an expat or an employer, by name, e-mail or ref.

The matches come in the order of the folded search key (given name first for expats, the name for
employers): the database walks that index and stops at the ``limit``-th match, so even one letter
on half a million expats takes a few milliseconds (the ``demo --size large`` database: at most
130 ms, for a rare pair of words).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select

from expatdesk.common.listing import Listing, Row, fetch_rows, matching
from expatdesk.db.database import Database
from expatdesk.employers import read as employers
from expatdesk.expats import read as expats
from expatdesk.text import full_name

ClientKind = Literal["expat", "employer"]


@dataclass(frozen=True)
class Client:
    """An expat or an employer as a picker offers it: its id and ``Name (ref)``."""

    id: int
    text: str


def _listing(kind: ClientKind) -> Listing:
    if kind == "expat":
        return expats.LISTING
    if kind == "employer":
        return employers.LISTING
    raise ValueError(f"unknown client kind {kind!r}")


def _text(kind: ClientKind, row: Row) -> str:
    if kind == "expat":
        return f"{full_name(row['given_name'], row['family_name'])} ({row['expat_ref']})"
    return f"{row['name']} ({row['employer_ref']})"


def find_clients(database: Database, kind: ClientKind, query: str, limit: int) -> list[Client]:
    """The first ``limit`` expats or employers matching ``query``, in search-key order."""
    listing = _listing(kind)
    query = query.strip()
    if not query:
        return []
    statement = (
        select(listing.id_column)
        .where(*matching(listing.search_key, query))
        .order_by(listing.search_key, listing.id_column)
        .limit(limit)
    )
    with database.reading() as session:
        ids = list(session.execute(statement).scalars())
    rows = fetch_rows(database, listing, ids)
    return [
        Client(record_id, _text(kind, rows[record_id])) for record_id in ids if record_id in rows
    ]


def load_client(database: Database, kind: ClientKind, record_id: int) -> Client | None:
    """The expat or employer ``record_id`` as a picker shows it; ``None`` when it is gone."""
    rows = fetch_rows(database, _listing(kind), [record_id])
    row = rows.get(record_id)
    return None if row is None else Client(record_id, _text(kind, row))
