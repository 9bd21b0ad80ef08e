"""The one employer search every picker asks: name, KvK number or ref, folded, a few at a time."""

from __future__ import annotations

from expatdesk.db.database import Database
from expatdesk.employers import search as employer_search
from expatdesk.employers.search import EmployerChoice, choice_text
from tests.helpers.sample import Sample


def test_find_employers_matches_words_without_accents(database: Database, sample: Sample) -> None:
    assert [c.name for c in employer_search.find_employers(database, "olmez")] == ["Bakkerij Ölmez"]
    assert [c.name for c in employer_search.find_employers(database, "TWENTE univ")] == [
        "Universiteit Twente"
    ]
    assert [c.name for c in employer_search.find_employers(database, "")] == [
        "Bakkerij Ölmez",
        "Thales Nederland",
        "Universiteit Twente",
    ]
    assert [c.ref for c in employer_search.find_employers(database, "06035234")] == ["EMP-0001"]
    assert [c.name for c in employer_search.find_employers(database, "emp-0002")] == [
        "Universiteit Twente"
    ]
    assert employer_search.find_employers(database, "nothing like this") == []
    assert len(employer_search.find_employers(database, "", limit=2)) == 2


def test_one_employer_as_a_picker_shows_it(database: Database, sample: Sample) -> None:
    chosen = employer_search.employer_choice(database, sample.employers["thales"])
    assert chosen is not None
    assert (chosen.name, chosen.kvk_number) == ("Thales Nederland", "06035234")
    assert choice_text(chosen) == "Thales Nederland (EMP-0001, KvK 06035234)"
    assert employer_search.employer_choice(database, 999_999) is None


def test_choice_text_leaves_out_what_is_missing() -> None:
    assert choice_text(EmployerChoice(1, "EMP-0009", "Kapsalon Anna", None)) == (
        "Kapsalon Anna (EMP-0009)"
    )
    assert choice_text(EmployerChoice(1, "", "Kapsalon Anna", None)) == "Kapsalon Anna"
