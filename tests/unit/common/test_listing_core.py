"""Listings run as Core statements: the same SQL, and no mapper configuration on the way."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy.dialects.postgresql.base import PGDialect
from sqlalchemy.dialects.sqlite.base import SQLiteDialect

from expatdesk.cases.listing import LISTING as CASES
from expatdesk.common.listing import Listing, Order, core, id_query
from expatdesk.db.database import Database
from expatdesk.employers.read import LISTING as EMPLOYERS
from expatdesk.expats.read import LISTING as EXPATS
from tests.helpers.sample import Sample

LISTINGS = (EXPATS, EMPLOYERS, CASES)
DIALECTS = (SQLiteDialect(), PGDialect())


def _filter_values(database: Database, listing: Listing) -> list[dict[str, str | int]]:
    """One chosen value for each filter with choices (the first), and each alone."""
    chosen = []
    with database.reading() as session:
        for candidate in listing.filters:
            if candidate.choices is not None:
                values = candidate.choices(session)
                if values:
                    chosen.append({candidate.key: values[0][0]})
    return chosen


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.name)
def test_core_statements_are_the_same_sql(
    database: Database, sample: Sample, listing: Listing
) -> None:
    """Every order, both ways, with searches of every kind and each filter: the statement
    without the ORM's marks compiles to the same SQL on both engines."""
    statements = []
    filters = [{}, *_filter_values(database, listing)]
    assert len(filters) > 1
    with database.reading() as session:
        for column in listing.columns:
            for descending in (False, True):
                order = Order(column.key, descending)
                for query in ("", "ab", "garcia", "jose garcia"):
                    statements += [
                        id_query(session, listing, query, order, chosen) for chosen in filters
                    ]
    pairs = [(core(statement), statement) for statement in statements]
    pairs.append(  # the page of rows, as fetch_rows reads it
        (
            listing.rows_query([1, 2, 3]),
            listing.page_query().where(listing.id_column.in_([1, 2, 3])),
        )
    )
    for plain, orm in pairs:
        for dialect in DIALECTS:
            assert str(plain.compile(dialect=dialect)) == str(orm.compile(dialect=dialect))


_FIRST_PAGE = """
import json, sys
from sqlalchemy import inspect, select
from expatdesk.common.listing import FIRST_IDS, fetch_rows, find_ids
from expatdesk.cases.listing import LISTING as CASES
from expatdesk.db.database import open_database
from expatdesk.db.models import Case, Employer, Expat
from expatdesk.employers.read import LISTING as EMPLOYERS
from expatdesk.expats.read import LISTING as EXPATS
import os
database = open_database(os.environ["LISTING_TEST_URL"])
rows = 0
for listing in (EXPATS, EMPLOYERS, CASES):
    ids = find_ids(database, listing, "", first=FIRST_IDS)
    rows += len(fetch_rows(database, listing, list(ids)))
before = [inspect(model).configured for model in (Case, Employer, Expat)]
with database.reading() as session:
    session.scalars(select(Expat).limit(1)).all()
after = [inspect(model).configured for model in (Case, Employer, Expat)]
database.dispose()
print(json.dumps({"rows": rows, "before": before, "after": after}))
"""


def test_the_first_page_is_read_before_the_mappers_are_configured(
    database: Database, sample: Sample
) -> None:
    """Configuring the mappers costs 30 ms of start-up; the expats list paints first (issue 18).
    A fresh interpreter, since the mappers of this one are long configured."""
    result = subprocess.run(
        [sys.executable, "-c", _FIRST_PAGE],
        env={
            **os.environ,
            # in the environment, not on the command line, where a password is visible to all
            "LISTING_TEST_URL": database.url.render_as_string(hide_password=False),
        },
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    found = json.loads(result.stdout)
    assert found["rows"] >= len(sample.expats) + len(sample.employers)
    assert found["before"] == [False, False, False]
    assert found["after"] == [True, True, True]  # an ORM query configures them: the check sees it
