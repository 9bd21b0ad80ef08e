"""Finding the expat of a case or a service by name, e-mail or ref (the employer is found with
:mod:`expatdesk.employers.search`, the one employer search of every picker).

The matches come in the order of the folded search key (given name first): the database walks
that index and stops at the ``limit``-th match, so even one letter
on half a million expats takes a few milliseconds (the ``demo --size large`` database: at most
130 ms, for a rare pair of words).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from expatdesk.common.listing import Row, fetch_rows, matching
from expatdesk.db.database import Database
from expatdesk.expats import read as expats
from expatdesk.text import full_name


@dataclass(frozen=True)
class Client:
    """An expat as a picker offers it: its id and ``Name (ref)``."""

    id: int
    text: str


def _text(row: Row) -> str:
    return f"{full_name(row['given_name'], row['family_name'])} ({row['expat_ref']})"


def find_expats(database: Database, query: str, limit: int) -> list[Client]:
    """The first ``limit`` expats matching ``query``, in search-key order."""
    listing = expats.LISTING
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
    return [Client(record_id, _text(rows[record_id])) for record_id in ids if record_id in rows]


def load_expat(database: Database, record_id: int) -> Client | None:
    """The expat ``record_id`` as a picker shows it; ``None`` when it is gone."""
    row = fetch_rows(database, expats.LISTING, [record_id]).get(record_id)
    return None if row is None else Client(record_id, _text(row))
