"""Search as you type: how long each key takes until the list shows its first rows (budget: 50 ms).

After a key the list asks for the first ids (:func:`~expatdesk.common.listing.find_ids` with
``first``) and reads the rows of its first page (:func:`~expatdesk.common.listing.fetch_rows`,
up to :data:`~expatdesk.common.listing.PAGE_SIZE` rows);
that is what the user waits for, and what :func:`type_queries` times for every prefix of every
query, typed letter by letter. The whole id list follows off the GUI thread (its count, the rows
further down); with ``full`` the function times that too.

From the command line, on a copy of the large demo (``expatdesk demo --size large``)::

    python -m expatdesk.bench.search /tmp/copy.sqlite3
    python -m expatdesk.bench.search postgresql+psycopg://user:pw@host/db --full

It never migrates the database.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from expatdesk.common.listing import FIRST_IDS, PAGE_SIZE, Listing, fetch_rows, find_ids
from expatdesk.db.database import Database, open_database
from expatdesk.employers import read as employers
from expatdesk.expats import read as expats

BUDGET_MS = 50.0
#: What the desk types into the expats' search box: names as they are written (accents and all),
#: a name pair, a reference.
EXPAT_QUERIES = (
    "jan",
    "de vries",
    "garcía",
    "müller",
    "wang",
    "kumar",
    "ana",
    "peter",
    "smit",
    "EXP-012345",
)
#: … and into the employers' search box: a name, a reference.
EMPLOYER_QUERIES = ("Twickel Semiconductors", "EMP-001234")


@dataclass(frozen=True)
class Keystroke:
    """One key typed: the text in the search box then, and what the list did."""

    listing: str
    typed: str
    seconds: float  # until the first ids and the rows of the first page were read
    shown: int  # ids of that first answer
    complete: bool  # the first answer was the whole list
    full_seconds: float | None = None  # the whole id list, when it was timed
    total: int | None = None  # its length


def prefixes(query: str) -> list[str]:
    """What the search box holds after each key of ``query``, typed letter by letter.

    A key that changes no term (a space) starts no search, as in the list, so it is left out.
    """
    typed: list[str] = []
    previous = ""
    for length in range(1, len(query) + 1):
        text = " ".join(query[:length].split())
        if text and text != previous:
            typed.append(query[:length])
        previous = text
    return typed


def type_queries(
    database: Database,
    listing: Listing,
    queries: Iterable[str],
    *,
    first: int = FIRST_IDS,
    full: bool = False,
) -> list[Keystroke]:
    """Type every query of ``queries`` letter by letter into the search of ``listing``."""
    strokes: list[Keystroke] = []
    for query in queries:
        for typed in prefixes(query):
            started = time.perf_counter()
            ids = find_ids(database, listing, typed, first=first)
            fetch_rows(database, listing, ids[:PAGE_SIZE])  # the page the list reads first
            seconds = time.perf_counter() - started
            complete = len(ids) != first
            full_seconds = total = None
            if full:
                started = time.perf_counter()
                total = len(find_ids(database, listing, typed))
                full_seconds = time.perf_counter() - started
            strokes.append(
                Keystroke(listing.name, typed, seconds, len(ids), complete, full_seconds, total)
            )
    return strokes


def latencies(strokes: Sequence[Keystroke]) -> list[float]:
    """The seconds of each keystroke, in typing order."""
    return [stroke.seconds for stroke in strokes]


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` percentile (0–100) of ``values``, by the nearest rank."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(math.ceil(share / 100 * len(ordered)), 1)
    return ordered[rank - 1]


def summary(strokes: Sequence[Keystroke]) -> str:
    """A line with the keystrokes' p50, p95 and slowest, in milliseconds, beside the budget."""
    seconds = latencies(strokes)
    p95 = percentile(seconds, 95) * 1000
    verdict = "within" if p95 <= BUDGET_MS else "OVER"
    return (
        f"{len(seconds)} keys: p50 {percentile(seconds, 50) * 1000:.1f} ms, "
        f"p95 {p95:.1f} ms, slowest {max(seconds, default=math.nan) * 1000:.1f} ms "
        f"({verdict} the budget of {BUDGET_MS:.0f} ms at p95)"
    )


def _table(strokes: Sequence[Keystroke]) -> Iterable[str]:
    for stroke in strokes:
        full = (
            ""
            if stroke.full_seconds is None
            else f"  all {stroke.total:>7} in {stroke.full_seconds * 1000:7.1f} ms"
        )
        mark = "" if stroke.complete else "+"
        yield (
            f"{stroke.listing:<10} {stroke.typed!r:<26} {stroke.seconds * 1000:7.1f} ms"
            f"  {stroke.shown:>5}{mark:<1}{full}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m expatdesk.bench.search", description=__doc__.split("\n")[0]
    )
    parser.add_argument("url", help="the database: an SQLite file or a postgresql+psycopg:// URL")
    parser.add_argument("--full", action="store_true", help="time the whole id list too")
    parser.add_argument("--quiet", action="store_true", help="only the summary")
    parser.add_argument("--rounds", type=int, default=1, help="type everything this many times")
    options = parser.parse_args(argv)
    database = open_database(options.url, migrate=False)
    try:
        strokes: list[Keystroke] = []
        for _round in range(options.rounds):
            strokes += type_queries(database, expats.LISTING, EXPAT_QUERIES, full=options.full)
            strokes += type_queries(
                database, employers.LISTING, EMPLOYER_QUERIES, full=options.full
            )
    finally:
        database.dispose()
    if not options.quiet:
        for line in _table(strokes):
            print(line)
    print(summary(strokes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
