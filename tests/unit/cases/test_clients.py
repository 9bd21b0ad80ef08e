"""Finding the client of a case or a service by what the desk types."""

from __future__ import annotations

import pytest

from expatdesk.cases.clients import find_clients, load_client
from expatdesk.db.database import Database
from tests.helpers.sample import Sample, add_sample


@pytest.fixture
def sample(sqlite_database: Database) -> Sample:
    return add_sample(sqlite_database)


def test_expats_are_found_folded_and_named_with_their_ref(
    sqlite_database: Database, sample: Sample
) -> None:
    found = find_clients(sqlite_database, "expat", "  jose  ", 50)
    assert [client.text for client in found] == ["José García (EXP-0001)"]
    assert found[0].id == sample.expats["jose"]


def test_employers_are_found_and_the_limit_holds(sqlite_database: Database, sample: Sample) -> None:
    found = find_clients(sqlite_database, "employer", "e", 2)
    assert len(found) == 2
    assert all("(EMP-" in client.text for client in found)
    assert find_clients(sqlite_database, "employer", "   ", 50) == []
    assert find_clients(sqlite_database, "employer", "nothing like this", 50) == []


def test_one_client_by_id(sqlite_database: Database, sample: Sample) -> None:
    thales = load_client(sqlite_database, "employer", sample.employers["thales"])
    assert thales is not None
    assert thales.text == "Thales Nederland (EMP-0001)"
    assert load_client(sqlite_database, "expat", 999_999) is None
    with pytest.raises(ValueError, match="unknown client kind"):
        find_clients(sqlite_database, "case", "x", 5)  # type: ignore[arg-type]
