"""Fixtures for the services tests: the sample records on each backend."""

from __future__ import annotations

import pytest

from expatdesk.db.database import Database
from tests.helpers.sample import Sample, add_sample


@pytest.fixture
def sample(database: Database) -> Sample:
    return add_sample(database)
