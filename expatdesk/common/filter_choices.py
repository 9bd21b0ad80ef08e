"""The values a list's filters offer, read in one session: what a filter bar shows in its combos."""

from __future__ import annotations

from expatdesk.common.listing import Listing
from expatdesk.db.database import Database


def filter_choices(database: Database, listing: Listing) -> dict[str, list[tuple[str | int, str]]]:
    """Per filter key with a fixed set of values, the values and their labels in the active
    language (a filter picked with a ``chooser`` has none and is left out)."""
    with database.reading() as session:
        return {
            each.key: each.choices(session) for each in listing.filters if each.choices is not None
        }
