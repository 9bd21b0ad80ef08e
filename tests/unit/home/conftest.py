"""Fixtures of the home screen's tests."""

from __future__ import annotations

import pytest

from expatdesk.db.database import Database
from tests.helpers.desk import Desk, make_desk


@pytest.fixture
def desk(database: Database) -> Desk:
    """Two desk officers, their cases in every status and the tasks on them."""
    return make_desk(database)
