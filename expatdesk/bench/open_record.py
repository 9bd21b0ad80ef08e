"""Opening a record with everything linked to it: how long it takes (budget: 100 ms an expat).

Opening an expat in the desk is :func:`~expatdesk.expats.read.load_expat` (the expat and one query
per linked table), :func:`~expatdesk.timeline.expat_events` (the timeline) and rendering the page's
HTML. :func:`open_expats` and :func:`open_employers` time exactly that for each id and return the
latencies in milliseconds. The HTML is made by the Qt layer
(:func:`expatdesk.qt.expats.area.render`); the functions take it as ``render`` so that this module
stays free of Qt, and without it they time loading and the timeline only.

:func:`random_ids` picks records at random, :func:`busiest_expats` the expats with the most
linked rows (the slowest to open). From the command line, on a copy of the large demo::

    python -m expatdesk.bench.open_record /tmp/copy.sqlite3 --count 300 --busiest 20

The command line renders the HTML (it imports the Qt layer for that) and, with ``--layout``,
also lays it out in a text document as the record view does. It never migrates the database.
"""

from __future__ import annotations

import argparse
import importlib
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, union_all

from expatdesk.db.database import Database, open_database
from expatdesk.db.migrate import schema_state
from expatdesk.db.models import (
    Case,
    Employer,
    Expat,
    FamilyMember,
    Permit,
    ServiceDelivery,
    SurveyResponse,
)
from expatdesk.employers.read import load_employer
from expatdesk.expats.read import load_expat
from expatdesk.timeline import employer_events, expat_events

BUDGET_MS = 100.0

Render = Callable[[Any], str]


def _timed(
    ids: Iterable[int],
    load: Callable[[Database, int], Any],
    events: Callable[[Any], object],
    database: Database,
    render: Render | None,
    show: Callable[[str], object] | None,
) -> list[float]:
    latencies = []
    for record_id in ids:
        start = time.perf_counter()
        record = load(database, record_id)
        if record is not None:
            if render is None:
                events(record)
            else:
                html = render(record)  # the page builds its timeline itself
                if show is not None:
                    show(html)
        latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def open_expats(
    database: Database,
    ids: Iterable[int],
    *,
    render: Render | None = None,
    show: Callable[[str], object] | None = None,
    load: Callable[[Database, int], Any] = load_expat,
) -> list[float]:
    """Milliseconds to open each expat: ``load`` (the record, or the page with its history),
    timeline, and ``render`` (then ``show``) the page."""
    return _timed(ids, load, expat_events, database, render, show)


def open_employers(
    database: Database,
    ids: Iterable[int],
    *,
    render: Render | None = None,
    show: Callable[[str], object] | None = None,
) -> list[float]:
    """Milliseconds to open each employer, as :func:`open_expats`."""
    return _timed(ids, load_employer, employer_events, database, render, show)


def random_ids(database: Database, kind: str, count: int, seed: int = 1) -> list[int]:
    """``count`` ids of existing expats or employers (``kind``), at random but repeatably."""
    table = Expat if kind == "expat" else Employer
    with database.reading() as session:
        low, high = session.execute(select(func.min(table.id), func.max(table.id))).one()
        if low is None:
            return []
        chooser = random.Random(seed)
        wanted = sorted({chooser.randint(low, high) for _ in range(count * 2)})
        found = list(session.scalars(select(table.id).where(table.id.in_(wanted))))
    chooser.shuffle(found)
    return found[:count]


def busiest_expats(database: Database, count: int) -> list[int]:
    """The ``count`` expats with the most linked rows: cases, services, permits, family, surveys."""
    linked = union_all(
        *(
            select(column.label("expat_id")).where(column.is_not(None))
            for column in (
                Case.expat_id,
                ServiceDelivery.expat_id,
                Permit.expat_id,
                FamilyMember.expat_id,
                SurveyResponse.expat_id,
            )
        )
    ).subquery()
    with database.reading() as session:
        return list(
            session.scalars(
                select(linked.c.expat_id)
                .group_by(linked.c.expat_id)
                .order_by(func.count().desc(), linked.c.expat_id)
                .limit(count)
            )
        )


@dataclass(frozen=True)
class Summary:
    count: int
    p50: float
    p95: float
    worst: float

    def line(self, what: str) -> str:
        verdict = "within" if self.p95 <= BUDGET_MS else "OVER"
        return (
            f"{what}: {self.count} opened, p50 {self.p50:.1f} ms, p95 {self.p95:.1f} ms, "
            f"max {self.worst:.1f} ms ({verdict} the {BUDGET_MS:.0f} ms budget)"
        )


def summarise(latencies: Sequence[float]) -> Summary:
    """The median, the 95th percentile and the worst of ``latencies``."""
    if not latencies:
        return Summary(0, 0.0, 0.0, 0.0)
    if len(latencies) == 1:
        return Summary(1, latencies[0], latencies[0], latencies[0])
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return Summary(len(latencies), statistics.median(latencies), cuts[94], max(latencies))


# --- the command line -------------------------------------------------------------------------


def _qt_page(kind: str, layout: bool) -> tuple[Render, Callable[[str], object] | None]:
    """The Qt layer's page renderer, and a layout in a text document as the record view does."""
    page = importlib.import_module(f"expatdesk.qt.{kind}s")
    render: Render = page.render
    if not layout:
        return render, None
    widgets = importlib.import_module("PySide6.QtWidgets")
    app = widgets.QApplication.instance() or widgets.QApplication(["open_record"])
    browser = widgets.QTextBrowser()
    browser.resize(520, 800)

    def show(html: str) -> object:
        browser.setHtml(html)
        return app, browser.document().size()  # asking for the size lays the document out

    return render, show


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m expatdesk.bench.open_record", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("database", help="a COPY of the large demo (file or URL); not migrated")
    parser.add_argument("--kind", choices=("expat", "employer"), default="expat")
    parser.add_argument("--count", type=int, default=300, help="random records to open")
    parser.add_argument("--busiest", type=int, default=20, help="expats with most linked rows")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-render", action="store_true", help="time loading and timeline only")
    parser.add_argument("--layout", action="store_true", help="also lay the page out (Qt)")
    args = parser.parse_args(argv)

    database = open_database(args.database, migrate=False)
    try:
        with database.engine.connect() as connection:
            if not schema_state(connection).current:
                print("The database is not at the current schema; run `expatdesk init` on it.")
                return 1
        render, show = (None, None) if args.no_render else _qt_page(args.kind, args.layout)
        opener = open_expats if args.kind == "expat" else open_employers
        ids = random_ids(database, args.kind, args.count, args.seed)
        opener(database, ids[:10], render=render, show=show)  # warm the caches
        print(
            summarise(opener(database, ids, render=render, show=show)).line(f"random {args.kind}s")
        )
        if args.kind == "expat" and args.busiest:
            busiest = busiest_expats(database, args.busiest)
            latencies = open_expats(database, busiest, render=render, show=show)
            print(summarise(latencies).line("busiest expats"))
    finally:
        database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
