"""One expat's record: details, family and permits, and a BSN that never leaves in clear."""

from __future__ import annotations

from datetime import date

import pytest

from expatdesk import i18n
from expatdesk.db.database import Database
from expatdesk.expats.read import load_expat
from expatdesk.text import full_name, mask_bsn
from tests.helpers.sample import JOSE_BSN, Sample


@pytest.mark.parametrize(
    ("bsn", "masked"),
    [("123456789", "*****6789"), (None, None), ("", None), ("123", "123")],
)
def test_mask_bsn(bsn: str | None, masked: str | None) -> None:
    assert mask_bsn(bsn) == masked


def test_expat_detail(database: Database, sample: Sample) -> None:
    detail = load_expat(database, sample.expats["jose"])
    assert detail is not None
    assert detail.name == "José García"
    assert detail.employer_name == "Thales Nederland"
    assert detail.employer_id == sample.employers["thales"]
    assert detail.category is not None
    assert str(detail.category) == "Highly skilled migrant"
    assert detail.education_level is not None
    assert detail.education_level.code == "wo"
    assert detail.municipality is not None
    assert str(detail.municipality) == "Hengelo"
    assert detail.arrival_date == date(2026, 11, 26)
    assert detail.survey_consent
    i18n.set_language("nl")
    assert str(detail.category) == "Kennismigrant"


def test_expat_detail_holds_the_bsn_only_masked(database: Database, sample: Sample) -> None:
    detail = load_expat(database, sample.expats["jose"])
    assert detail is not None
    assert detail.bsn_masked == "*****6782"
    assert JOSE_BSN not in repr(detail)
    assert not hasattr(detail, "bsn")


def test_expat_family_and_permits(database: Database, sample: Sample) -> None:
    detail = load_expat(database, sample.expats["jose"])
    assert detail is not None
    assert [(member.relation, member.name) for member in detail.family] == [
        ("partner", "Lucía Pérez"),
        ("child", "Mateo García"),
    ]
    assert detail.family[1].school == "International School Twente"
    (permit,) = detail.permits
    assert permit.permit_type.code == "hsm"
    assert permit.valid_until == date(2031, 10, 31)
    assert not permit.expired(date(2031, 10, 31))
    assert permit.expired(date(2031, 11, 1))


def test_expat_without_extras(database: Database, sample: Sample) -> None:
    detail = load_expat(database, sample.expats["priya"])
    assert detail is not None
    assert detail.family == ()
    assert detail.permits == ()
    assert detail.employer_name is None
    assert detail.bsn_masked is None
    assert detail.municipality is None


def test_missing_expat(database: Database) -> None:
    assert load_expat(database, 424242) is None


@pytest.mark.parametrize(
    ("given", "family", "name"),
    [
        ("José", "García", "José García"),
        ("一帆", "王", "王一帆"),
        ("민준", "김", "김민준"),
        ("Yifan", "Wang", "Yifan Wang"),
        ("Mateo", None, "Mateo"),
    ],
)
def test_full_name(given: str, family: str | None, name: str) -> None:
    assert full_name(given, family) == name
