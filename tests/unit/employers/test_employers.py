"""One employer's record: details, contact persons, hiring per year and the number of expats."""

from __future__ import annotations

from expatdesk.db.database import Database
from expatdesk.employers.read import load_employer
from tests.helpers.sample import Sample


def test_employer_detail(database: Database, sample: Sample) -> None:
    detail = load_employer(database, sample.employers["thales"])
    assert detail is not None
    assert detail.name == "Thales Nederland"
    assert detail.kvk_number == "06035234"
    assert detail.high_tech
    assert detail.recognised_sponsor
    assert detail.municipality is not None
    assert detail.municipality.code == "hengelo"
    assert detail.expat_count == 2
    assert [contact.name for contact in detail.contacts] == ["Arjen Smit", "Ingrid Bakker"]
    assert [(record.year, record.international_hires) for record in detail.hiring] == [
        (2024, 41),
        (2025, 57),
    ]
    assert detail.hiring[0].source == "annual survey"


def test_employer_without_expats(database: Database, sample: Sample) -> None:
    detail = load_employer(database, sample.employers["bakery"])
    assert detail is not None
    assert detail.expat_count == 0
    assert detail.contacts == ()
    assert detail.hiring == ()
    assert not detail.high_tech


def test_missing_employer(database: Database) -> None:
    assert load_employer(database, 424242) is None
