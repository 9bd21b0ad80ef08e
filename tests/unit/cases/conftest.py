"""Fixtures of the cases' tests: the staff, and three listed cases."""

from __future__ import annotations

from datetime import date

import pytest

from expatdesk.cases import workflow as cases
from expatdesk.db.database import Database
from tests.helpers.cases import Staff, add_staff, open_case
from tests.helpers.sample import Sample


@pytest.fixture
def staff(database: Database) -> Staff:
    return add_staff(database)


@pytest.fixture
def listed(database: Database, sample: Sample, staff: Staff) -> dict[str, int]:
    ids = {
        "jose": open_case(database, staff.anna, sample, subject="Residence permit"),
        "anna": open_case(
            database,
            staff.bram,
            sample,
            subject="Registration with the municipality",
            expat_id=sample.expats["anna"],
            owner_id=staff.bram.user_id,
            opened_on=date(2026, 11, 1),
        ),
        "bakery": open_case(
            database,
            staff.anna,
            sample,
            subject="Sponsor application",
            expat_id=None,
            employer_id=sample.employers["bakery"],
            owner_id=None,
            opened_on=date(2026, 10, 1),
        ),
    }
    cases.set_status(database, staff.anna, ids["anna"], "in_progress", expected_version=1)
    cases.set_status(database, staff.anna, ids["anna"], "closed", expected_version=2)
    return ids
