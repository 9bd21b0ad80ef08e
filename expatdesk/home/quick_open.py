"""Quick open (Ctrl+K): expats, employers and cases by name or reference, in one list.

The search is each list's own (:func:`expatdesk.common.listing.find_ids`: accent- and
case-insensitive, on the name, the reference and what else the list searches), the first few of
each kind. The recently opened records, which the app remembers per user, come first: those that
match the typed text, or all of them when nothing is typed yet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from expatdesk.cases import listing as case_listing
from expatdesk.common.listing import Listing, Row, fetch_rows, find_ids
from expatdesk.db.database import Database
from expatdesk.employers import read as employers
from expatdesk.expats import read as expats
from expatdesk.i18n import _
from expatdesk.text import fold, full_name

#: How many of each kind a search shows.
PER_KIND = 8
#: How many recently opened records are remembered.
RECENT = 10


@dataclass(frozen=True)
class Match:
    """A record to open: its kind (``expat``, ``employer``, ``case``), id and what to show."""

    kind: str
    id: int
    text: str

    @property
    def key(self) -> str:
        """``kind:id``, as the recently opened list stores it."""
        return f"{self.kind}:{self.id}"


def _expat_text(row: Row) -> str:
    name = full_name(row["given_name"], row["family_name"])
    return _("Expat: {name} ({ref})").format(name=name, ref=row["expat_ref"])


def _employer_text(row: Row) -> str:
    return _("Employer: {name} ({ref})").format(name=row["name"], ref=row["employer_ref"])


def _case_text(row: Row) -> str:
    client = full_name(row["given_name"], row["family_name"]) or row["employer_name"] or ""
    text = _("Case: {subject} ({ref})").format(subject=row["subject"], ref=row["case_ref"])
    return f"{text} · {client}" if client else text


KINDS: dict[str, tuple[Listing, Callable[[Row], str]]] = {
    "expat": (expats.LISTING, _expat_text),
    "employer": (employers.LISTING, _employer_text),
    "case": (case_listing.LISTING, _case_text),
}


def parse_key(key: str) -> tuple[str, int] | None:
    """``("expat", 12)`` from ``"expat:12"``; ``None`` for anything else."""
    kind, _colon, number = key.partition(":")
    if kind not in KINDS or not number.isdigit():
        return None
    return kind, int(number)


def _matches(database: Database, kind: str, ids: Sequence[int]) -> list[Match]:
    listing, text = KINDS[kind]
    rows = fetch_rows(database, listing, ids)
    return [Match(kind, record_id, text(rows[record_id])) for record_id in ids if record_id in rows]


def recent_matches(database: Database, keys: Sequence[str]) -> list[Match]:
    """The recently opened records still there, newest first (``keys`` as ``kind:id``)."""
    wanted = [parsed for parsed in map(parse_key, keys) if parsed is not None]
    found: dict[tuple[str, int], Match] = {}
    for kind in KINDS:
        ids = [record_id for record_kind, record_id in wanted if record_kind == kind]
        found.update(((kind, match.id), match) for match in _matches(database, kind, ids))
    return [found[parsed] for parsed in wanted if parsed in found]


def find(database: Database, query: str, recent: Sequence[str] = ()) -> list[Match]:
    """What ``query`` finds: the recently opened that match first, then up to
    :data:`PER_KIND` expats, employers and cases each. An empty query lists the recent ones."""
    query = query.strip()
    recent_ones = recent_matches(database, recent)
    if not query:
        return recent_ones
    found: list[Match] = []
    for kind, (listing, _text) in KINDS.items():
        ids = list(find_ids(database, listing, query, first=PER_KIND))[:PER_KIND]
        found += _matches(database, kind, ids)
    keys = {match.key for match in found}
    folded = fold(query)
    first = [match for match in recent_ones if match.key in keys or folded in fold(match.text)]
    shown = {match.key for match in first}
    return first + [match for match in found if match.key not in shown]


def remember(recent: Sequence[str], match: Match) -> list[str]:
    """The recently opened list after opening ``match``: it first, at most :data:`RECENT`."""
    return [match.key, *(key for key in recent if key != match.key)][:RECENT]
