"""Quick open: expats, employers and cases by name or reference, the recently opened first."""

from __future__ import annotations

from expatdesk.accounts.actor import SYSTEM
from expatdesk.cases import workflow as cases
from expatdesk.db.database import Database
from expatdesk.home import quick_open
from expatdesk.home.quick_open import Match
from tests.helpers.sample import Sample


def test_a_name_finds_expats_employers_and_cases(database: Database, sample: Sample) -> None:
    case_id = cases.open_case(database, SYSTEM, subject="Thales permits", expat_id=None,
                              employer_id=sample.employers["thales"])  # fmt: skip
    found = quick_open.find(database, "thales")
    kinds = [(match.kind, match.id) for match in found]
    assert ("employer", sample.employers["thales"]) in kinds
    assert ("case", case_id) in kinds
    assert "Employer: Thales Nederland (EMP-0001)" in [match.text for match in found]


def test_accents_and_references_are_found(database: Database, sample: Sample) -> None:
    (jose,) = [m for m in quick_open.find(database, "jose garcia") if m.kind == "expat"]
    assert jose.id == sample.expats["jose"]
    assert jose.text == "Expat: José García (EXP-0001)"
    by_ref = quick_open.find(database, "EXP-0001")
    assert by_ref[0].key == f"expat:{sample.expats['jose']}"


def test_the_recently_opened_come_first_and_alone_when_nothing_is_typed(
    database: Database, sample: Sample
) -> None:
    jose = f"expat:{sample.expats['jose']}"
    thales = f"employer:{sample.employers['thales']}"
    recent = [thales, jose, "case:999999", "nonsense", "expat:x"]  # gone or broken: left out
    assert [m.key for m in quick_open.find(database, "", recent)] == [thales, jose]
    found = quick_open.find(database, "garc", recent)
    assert found[0].key == jose


def test_remember_puts_the_last_first_and_keeps_ten() -> None:
    recent: list[str] = []
    for number in range(12):
        recent = quick_open.remember(recent, Match("expat", number, ""))
    recent = quick_open.remember(recent, Match("expat", 5, ""))
    assert recent[0] == "expat:5"
    assert len(recent) == quick_open.RECENT
    assert recent.count("expat:5") == 1
