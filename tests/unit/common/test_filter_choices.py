"""The values of a list's filters, read for the filter bar."""

from __future__ import annotations

from expatdesk.common.filter_choices import filter_choices
from expatdesk.db.database import Database
from expatdesk.expats import read as expats
from tests.helpers.sample import add_sample


def test_every_filter_with_fixed_values_gets_them(sqlite_database: Database) -> None:
    add_sample(sqlite_database)
    choices = filter_choices(sqlite_database, expats.LISTING)
    assert set(choices) == {"category", "municipality", "arrival_year", "nationality"}
    assert "employer" not in choices  # picked with a chooser: too many to list
    assert 2023 in [value for value, _text in choices["arrival_year"]]
    assert "DK" in [value for value, _text in choices["nationality"]]
