"""Finding the expat of a case or a service by what the desk types."""

from __future__ import annotations

import pytest

from expatdesk.cases.clients import find_expats, load_expat
from expatdesk.db.database import Database
from tests.helpers.sample import Sample, add_sample


@pytest.fixture
def sample(sqlite_database: Database) -> Sample:
    return add_sample(sqlite_database)


def test_expats_are_found_folded_and_named_with_their_ref(
    sqlite_database: Database, sample: Sample
) -> None:
    found = find_expats(sqlite_database, "  jose  ", 50)
    assert [client.text for client in found] == ["José García (EXP-0001)"]
    assert found[0].id == sample.expats["jose"]


def test_the_limit_holds_and_nothing_typed_finds_nothing(
    sqlite_database: Database, sample: Sample
) -> None:
    assert len(find_expats(sqlite_database, "e", 50)) > 2
    found = find_expats(sqlite_database, "e", 2)
    assert len(found) == 2
    assert all("(EXP-" in client.text for client in found)
    assert find_expats(sqlite_database, "   ", 50) == []
    assert find_expats(sqlite_database, "nothing like this", 50) == []


def test_one_expat_by_id(sqlite_database: Database, sample: Sample) -> None:
    jose = load_expat(sqlite_database, sample.expats["jose"])
    assert jose is not None
    assert jose.text == "José García (EXP-0001)"
    assert load_expat(sqlite_database, 999_999) is None
