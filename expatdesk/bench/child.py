"""The bench's measurements without Qt, each run as ``python -m expatdesk.bench.child KIND JSON``.

``JSON`` holds the measurement's arguments and ``$EXPATDESK_DATABASE_URL`` names the database;
the result is one JSON object on standard output. Each kind runs in a process of its own, so the
peak memory the runner reads is its own.

``search``
    every key of :data:`expatdesk.bench.search.EXPAT_QUERIES` typed letter by letter, timed by
    :func:`expatdesk.bench.search.type_queries` (the first ids and the first page of rows, as the
    list reads them after a key); the floor is the plain index lookup of a page of ids by the
    typed prefix.
``report-floor``
    the SQL statements of the targets report's aggregates (captured from one report) on a bare
    DBAPI connection, one after the other.
``import-floor``
    the rows of a survey file inserted with one bare ``executemany`` (and one for the facilities).
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from expatdesk import clock
from expatdesk.db.database import Database, open_database

#: Statements replayed by the floors: queries only, not the transaction control around them.
_REPLAYED = ("SELECT", "WITH")
_NOT_REPLAYED = ("pg_export_snapshot", "set_config", "SET TRANSACTION")

Statement = tuple[str, Any]


def _database(url: str) -> Database:
    return open_database(url, migrate=False)


@contextmanager
def captured(engine: Engine) -> Iterator[list[Statement]]:
    """The queries ``engine`` runs inside the block, with their DBAPI parameters."""
    statements: list[Statement] = []

    def capture(
        _connection: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool
    ) -> None:
        text = statement.lstrip()
        if (
            not many
            and text.upper().startswith(_REPLAYED)
            and not any(word in text for word in _NOT_REPLAYED)
        ):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", capture)


def replay(cursor: Any, statements: list[Statement]) -> None:
    """Run ``statements`` on a bare DBAPI cursor and fetch all their rows."""
    for statement, parameters in statements:
        cursor.execute(statement, parameters)
        cursor.fetchall()


def _fetch(cursor: Any, statement: str, parameters: Any) -> None:
    cursor.execute(statement, parameters)
    cursor.fetchall()


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


# --- search -----------------------------------------------------------------------------------


def measure_search(arguments: dict[str, Any]) -> dict[str, Any]:
    """:func:`expatdesk.bench.search.type_queries` on the expats, and the floor per key."""
    from expatdesk.bench.search import EXPAT_QUERIES, latencies, prefixes, type_queries
    from expatdesk.common.listing import PAGE_SIZE
    from expatdesk.expats.read import LISTING
    from expatdesk.text import fold

    database = _database(arguments["url"])
    lookups: list[float] = []
    try:
        type_queries(database, LISTING, EXPAT_QUERIES[:2])  # warm the caches
        keys = latencies(type_queries(database, LISTING, EXPAT_QUERIES))
        raw = database.engine.raw_connection()
        try:
            cursor = raw.cursor()
            marker = "?" if database.is_sqlite else "%s"
            lookup = (
                f"SELECT id FROM expat WHERE search_key >= {marker} AND search_key < {marker}"
                f" ORDER BY search_key LIMIT {PAGE_SIZE}"
            )
            for query in EXPAT_QUERIES:
                for typed in prefixes(query):
                    folded = fold(" ".join(typed.split()))
                    bounds = (folded, folded + "\uffff")
                    lookups.append(timed(partial(_fetch, cursor, lookup, bounds)))
            cursor.close()
        finally:
            raw.close()
    finally:
        database.dispose()
    return {"figure": keys, "floor": lookups, "queries": len(EXPAT_QUERIES)}


# --- the report's floor -----------------------------------------------------------------------


def measure_report_floor(arguments: dict[str, Any]) -> dict[str, Any]:
    from expatdesk.reports.target_queries import POSTGRES_SETTINGS
    from expatdesk.reports.targets import compute_targets

    database = _database(arguments["url"])
    try:
        with captured(database.engine) as statements:
            compute_targets(database, int(arguments["first"]), int(arguments["last"]))
        raw = database.engine.raw_connection()
        try:
            cursor = raw.cursor()
            if not database.is_sqlite:
                for name, value in POSTGRES_SETTINGS.items():
                    cursor.execute(f"SET {name} = '{value}'")
            seconds = timed(partial(replay, cursor, statements))
            cursor.close()
            raw.rollback()
        finally:
            raw.close()
    finally:
        database.dispose()
    return {"floor": seconds, "statements": len(statements)}


# --- the import's floor -----------------------------------------------------------------------


def measure_import_floor(arguments: dict[str, Any]) -> dict[str, Any]:
    """Insert the rows of the survey file with bare ``executemany`` calls, refs renamed."""
    database = _database(arguments["url"])
    prefix = str(arguments["prefix"])
    sqlite = database.is_sqlite
    marker = "?" if sqlite else "%s"
    now = clock.now().replace(tzinfo=None)
    stamp: Any = now.isoformat(sep=" ") if sqlite else now
    raw = database.engine.raw_connection()
    try:
        cursor = raw.cursor()
        expats = dict(cursor.execute("SELECT expat_ref, id FROM expat").fetchall())
        employers = dict(cursor.execute("SELECT employer_ref, id FROM employer").fetchall())
        rows, facilities = [], []
        with Path(arguments["file"]).open(encoding="utf-8", newline="") as file:
            for record in csv.DictReader(file):
                ref = prefix + record["response_ref"]
                kind = record["respondent_type"]
                respondent = record["respondent_ref"]
                day: Any = date.fromisoformat(record["date"])
                rows.append(
                    (
                        ref,
                        kind,
                        expats.get(respondent) if kind == "expat" else None,
                        employers.get(respondent) if kind == "employer" else None,
                        day.isoformat() if sqlite else day,
                        int(record["score_service"]) if record["score_service"] else None,
                        int(record["score_added_value"]) if record["score_added_value"] else None,
                        record["intends_to_leave"] or None,
                        1,
                        1,
                        stamp,
                        stamp,
                    )
                )
                facilities += [(ref, code) for code in record["facilities_used"].split("|") if code]
        insert = (
            "INSERT INTO survey_response (response_ref, respondent_type, expat_id, employer_id,"
            " responded_on, score_service, score_added_value, intends_to_leave,"
            " questionnaire_version, version, created_at, updated_at)"
            f" VALUES ({', '.join([marker] * 12)})"
        )
        link = (
            "INSERT INTO survey_response_facility (response_id, facility_code)"
            f" VALUES ({marker}, {marker})"
        )
        refs = f"SELECT response_ref, id FROM survey_response WHERE response_ref LIKE {marker}"

        def write() -> None:
            if sqlite:
                cursor.execute("BEGIN IMMEDIATE")
            cursor.executemany(insert, rows)
            ids = dict(cursor.execute(refs, (prefix + "%",)).fetchall())
            cursor.executemany(link, [(ids[ref], code) for ref, code in facilities])
            raw.commit()

        seconds = timed(write)
        cursor.close()
    finally:
        raw.close()
        database.dispose()
    return {"floor": seconds, "rows": len(rows), "facilities": len(facilities)}


MEASUREMENTS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "search": measure_search,
    "report-floor": measure_report_floor,
    "import-floor": measure_import_floor,
}


def main(argv: list[str]) -> int:
    kind, given = argv
    arguments = json.loads(given)
    arguments.setdefault("url", os.environ.get("EXPATDESK_DATABASE_URL", ""))
    result = MEASUREMENTS[kind](arguments)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
