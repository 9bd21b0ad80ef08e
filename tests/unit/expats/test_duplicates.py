"""The duplicate check: same e-mail, same BSN, or same name and date of birth; nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from expatdesk.db.database import Database
from expatdesk.db.models import Expat
from expatdesk.expats import duplicates
from expatdesk.expats.duplicates import (
    DuplicateCandidate,
    case_prefixes,
    find_expat_duplicates,
    name_key,
)
from tests.helpers.sample import JOSE_BSN, Sample

JOSE_BIRTH = date(1990, 4, 12)


def find(database: Database, **given: object) -> list[DuplicateCandidate]:
    values: dict[str, object] = {
        "email": None,
        "bsn": None,
        "given_name": None,
        "family_name": None,
        "date_of_birth": None,
    }
    values.update(given)
    return find_expat_duplicates(database, **values)  # type: ignore[arg-type]


def found(database: Database, **given: object) -> list[tuple[int, tuple[str, ...]]]:
    return [(candidate.expat_id, candidate.reasons) for candidate in find(database, **given)]


def add_expat(database: Database, ref: str, given: str, family: str, **values: object) -> int:
    with database.transaction() as session:
        expat = Expat(expat_ref=ref, given_name=given, family_name=family, **values)
        session.add(expat)
        session.flush()
        return expat.id


@pytest.fixture
def without_code_point_order(database: Database) -> Iterator[None]:
    """Make the check believe the database sorts text by a language's rules."""
    duplicates._sorted_by_code_point[database.engine] = False
    yield
    duplicates._sorted_by_code_point.pop(database.engine, None)


# --- each rule --------------------------------------------------------------------------------


def test_same_email_in_another_case_is_a_duplicate(database: Database, sample: Sample) -> None:
    [candidate] = find(database, email="  JOSE.Garcia@Example.ES ")
    assert candidate == DuplicateCandidate(
        expat_id=sample.expats["jose"],
        ref="EXP-0001",
        name="José García",
        date_of_birth=JOSE_BIRTH,
        email="jose.garcia@example.es",
        bsn_masked="*****6782",
        reasons=("same e-mail address",),
    )


def test_stored_email_in_capitals_is_found_by_the_lower_case_address(
    database: Database, sample: Sample
) -> None:
    anna = add_expat(database, "EXP-0100", "Anna", "Berg", email="Anna.Berg@Uni.NL")
    assert found(database, email="anna.berg@uni.nl") == [(anna, ("same e-mail address",))]
    assert found(database, email="ANNA.BERG@UNI.NL") == [(anna, ("same e-mail address",))]


def test_email_with_accented_capitals_is_found(database: Database, sample: Sample) -> None:
    elodie = add_expat(database, "EXP-0101", "Élodie", "Roux", email="ÉLODIE.roux@exemple.fr")
    assert found(database, email="élodie.ROUX@exemple.fr") == [(elodie, ("same e-mail address",))]


@pytest.mark.usefixtures("without_code_point_order")
def test_email_found_where_the_database_sorts_by_language_rules(
    database: Database, sample: Sample
) -> None:
    anna = add_expat(database, "EXP-0100", "Anna", "Berg", email="Anna.Berg@Uni.NL")
    assert found(database, email="anna.berg@uni.nl") == [(anna, ("same e-mail address",))]
    assert found(database, email="Jose.Garcia@example.es") == [
        (sample.expats["jose"], ("same e-mail address",))
    ]
    assert found(database, email="anna.berg@uni.n") == []


def test_same_bsn_counts_only_the_digits(database: Database, sample: Sample) -> None:
    assert found(database, bsn="1234.56.782") == [(sample.expats["jose"], ("same BSN",))]
    assert found(database, bsn=f" {JOSE_BSN} ") == [(sample.expats["jose"], ("same BSN",))]


@pytest.mark.parametrize(
    ("given_name", "family_name"),
    [
        ("José", "García"),
        ("jose", "garcia"),
        ("JOSE", "GARCIA"),
        ("García", "José"),  # given and family name swapped
        ("  Jose ", " Garcia  "),
    ],
)
def test_same_name_and_date_of_birth_without_accents_or_case(
    database: Database, sample: Sample, given_name: str, family_name: str
) -> None:
    assert found(
        database, given_name=given_name, family_name=family_name, date_of_birth=JOSE_BIRTH
    ) == [(sample.expats["jose"], ("same name and date of birth",))]


def test_letters_of_other_scripts_that_look_alike_are_the_same_name(
    database: Database, sample: Sample
) -> None:
    # Cyrillic "о" and "е", Greek "ο": the name reads the same, the code points differ.
    assert found(database, given_name="Jоsé", family_name="Garcíа", date_of_birth=JOSE_BIRTH) == [
        (sample.expats["jose"], ("same name and date of birth",))
    ]
    assert found(database, given_name="Jοse", family_name="Garcia", date_of_birth=JOSE_BIRTH) == [
        (sample.expats["jose"], ("same name and date of birth",))
    ]
    # A name of its own in Cyrillic is no match.
    assert found(database, given_name="Хосе", family_name="Гарсия", date_of_birth=JOSE_BIRTH) == []


def test_name_split_differently_or_hyphenated_is_the_same_name(
    database: Database, sample: Sample
) -> None:
    maria = add_expat(
        database,
        "EXP-0102",
        "María José",
        "García-López",
        date_of_birth=date(1985, 1, 2),
    )
    assert found(
        database,
        given_name="Maria",
        family_name="Jose Garcia Lopez",
        date_of_birth=date(1985, 1, 2),
    ) == [(maria, ("same name and date of birth",))]


def test_every_rule_at_once_lists_every_reason_surest_first(
    database: Database, sample: Sample
) -> None:
    assert found(
        database,
        email="jose.garcia@example.es",
        bsn=JOSE_BSN,
        given_name="Jose",
        family_name="Garcia",
        date_of_birth=JOSE_BIRTH,
    ) == [
        (
            sample.expats["jose"],
            ("same BSN", "same e-mail address", "same name and date of birth"),
        )
    ]


def test_several_candidates_come_surest_first_then_by_ref(
    database: Database, sample: Sample
) -> None:
    twin = add_expat(database, "EXP-0200", "Jose", "Garcia", date_of_birth=JOSE_BIRTH)
    other = add_expat(
        database, "EXP-0050", "José", "García", date_of_birth=JOSE_BIRTH, email="jg@example.org"
    )
    assert found(
        database,
        email="jose.garcia@example.es",
        given_name="José",
        family_name="García",
        date_of_birth=JOSE_BIRTH,
    ) == [
        (sample.expats["jose"], ("same e-mail address", "same name and date of birth")),
        (other, ("same name and date of birth",)),
        (twin, ("same name and date of birth",)),
    ]


# --- what is no duplicate ---------------------------------------------------------------------


def test_the_record_being_edited_is_left_out(database: Database, sample: Sample) -> None:
    jose = sample.expats["jose"]
    assert find(database, email="jose.garcia@example.es", bsn=JOSE_BSN, exclude_id=jose) == []
    assert found(database, email="jose.garcia@example.es", exclude_id=sample.expats["anna"]) == [
        (jose, ("same e-mail address",))
    ]


@pytest.mark.parametrize(
    "values",
    [
        {"email": "jose.garcia@example.com"},
        {"email": "jose.garcia@example.e"},  # a prefix of the stored address
        {"email": "jose.garcia@example.es.nl"},
        {"email": "jose.garcia"},
        {"bsn": "123456783"},
        {"bsn": "12345678"},
        {"given_name": "José", "family_name": "García", "date_of_birth": date(1990, 4, 13)},
        {"given_name": "José", "family_name": "García", "date_of_birth": None},
        {"given_name": "José", "family_name": "Garcías", "date_of_birth": JOSE_BIRTH},
        {"given_name": "José", "family_name": "", "date_of_birth": JOSE_BIRTH},
        {"given_name": "Maria", "family_name": "García", "date_of_birth": JOSE_BIRTH},
        {"given_name": "", "family_name": "", "date_of_birth": JOSE_BIRTH},
        {"email": "", "bsn": "", "given_name": "", "family_name": ""},
    ],
)
def test_no_false_positives(database: Database, sample: Sample, values: dict[str, object]) -> None:
    assert find(database, **values) == []


def test_an_expat_without_date_of_birth_matches_on_name_never(
    database: Database, sample: Sample
) -> None:
    # Anna Müller has no date of birth in the sample.
    assert find(database, given_name="Anna", family_name="Muller", date_of_birth=None) == []
    assert (
        find(database, given_name="Anna", family_name="Muller", date_of_birth=date(1990, 1, 1))
        == []
    )


def test_anonymised_records_are_no_candidates(database: Database, sample: Sample) -> None:
    add_expat(
        database,
        "EXP-0300",
        "Jose",
        "Garcia",
        date_of_birth=JOSE_BIRTH,
        anonymised_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    assert found(database, given_name="Jose", family_name="Garcia", date_of_birth=JOSE_BIRTH) == [
        (sample.expats["jose"], ("same name and date of birth",))
    ]


# --- the pieces -------------------------------------------------------------------------------


def test_name_key_folds_sorts_and_splits_hyphens() -> None:
    assert name_key("José", "García-López") == ("garcia", "jose", "lopez")
    assert name_key("GARCIA LOPEZ", "jose") == ("garcia", "jose", "lopez")
    assert name_key("Lars", "Østergaard") == ("lars", "ostergaard")
    assert name_key(None, " ") == ()


def test_case_prefixes_are_every_spelling_of_the_start_within_the_limit() -> None:
    assert case_prefixes("ab1c", limit=4) == ["AB1", "Ab1", "aB1", "ab1"]
    assert case_prefixes("12@x.nl", limit=1) == ["12@"]
    assert len(case_prefixes("jose.garcia@example.es")) == duplicates.MAX_EMAIL_RANGES
    assert all(
        "jose.garcia@example.es".startswith(prefix.lower())
        for prefix in case_prefixes("jose.garcia@example.es")
    )
    assert case_prefixes("") == [""]
