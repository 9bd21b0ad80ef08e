"""The id-list and page machinery, on the expat and employer lists, on both backends."""

from __future__ import annotations

from datetime import date

import pytest

from expatdesk import i18n
from expatdesk.db.database import Database
from expatdesk.db.models import Expat
from expatdesk.services import employers, expats
from expatdesk.services.listing import (
    PAGE_SIZE,
    Listing,
    Order,
    fetch_rows,
    find_ids,
    id_query,
)
from tests.helpers.sample import Sample


def texts(database: Database, listing: Listing, key: str, ids: list[int]) -> list[str]:
    column = listing.column(key)
    rows = fetch_rows(database, listing, ids)
    return [column.text(rows[id_]) for id_ in ids]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("jose", ["jose"]),
        ("JOSÉ", ["jose"]),
        ("  García   jose ", ["jose"]),
        ("muller", ["anna"]),
        ("Müller", ["anna"]),
        ("ostergaard", ["lars"]),
        ("exp-0003", ["wei"]),
        ("jose.garcia@example", ["jose"]),
        ("jose muller", []),
        ("%", []),
        ("_", []),
    ],
)
def test_search_is_case_and_accent_insensitive(
    database: Database, sample: Sample, query: str, names: list[str]
) -> None:
    found = find_ids(database, expats.LISTING, query)
    assert sorted(found) == sorted(sample.expats[name] for name in names)


def test_empty_search_finds_everyone(database: Database, sample: Sample) -> None:
    assert sorted(find_ids(database, expats.LISTING, "   ")) == sorted(sample.expats.values())


def test_search_escapes_like_wildcards(database: Database) -> None:
    with database.reading() as session:
        statement = id_query(session, expats.LISTING, "50%_off")
    compiled = statement.compile(database.engine)
    assert "LIKE" in str(compiled)
    assert "ESCAPE" in str(compiled)
    assert "%50\\%\\_off%" in compiled.params.values()


def test_employer_search(database: Database, sample: Sample) -> None:
    assert list(find_ids(database, employers.LISTING, "olmez")) == [sample.employers["bakery"]]
    assert list(find_ids(database, employers.LISTING, "06035234")) == [sample.employers["thales"]]


def test_default_order_is_family_name(database: Database, sample: Sample) -> None:
    ids = list(find_ids(database, expats.LISTING))
    names = texts(database, expats.LISTING, "family_name", ids)
    assert names[:4] == ["Chen", "García", "Müller", "Sharma"]


@pytest.mark.parametrize("descending", [False, True])
def test_sort_by_ref_both_ways(database: Database, sample: Sample, descending: bool) -> None:
    ids = list(find_ids(database, expats.LISTING, "", Order("ref", descending)))
    refs = texts(database, expats.LISTING, "ref", ids)
    assert refs == sorted(refs, reverse=descending)
    assert len(refs) == 5


@pytest.mark.parametrize("descending", [False, True])
def test_empty_values_sort_last_both_ways(
    database: Database, sample: Sample, descending: bool
) -> None:
    ids = list(find_ids(database, expats.LISTING, "", Order("arrival_date", descending)))
    assert ids[-1] == sample.expats["priya"]  # no arrival date
    order = ["lars", "wei", "anna", "jose"]
    expected = [sample.expats[name] for name in (reversed(order) if descending else order)]
    assert ids[:-1] == expected


def test_equal_values_keep_id_order(database: Database, sample: Sample) -> None:
    ids = list(find_ids(database, expats.LISTING, "", Order("employer")))
    thales = sorted([sample.expats["jose"], sample.expats["lars"]])
    university = sorted([sample.expats["anna"], sample.expats["wei"]])
    assert ids == [*thales, *university, sample.expats["priya"]]
    ids = list(find_ids(database, expats.LISTING, "", Order("employer", descending=True)))
    assert ids == [*reversed(university), *reversed(thales), sample.expats["priya"]]


def test_nationality_sorts_by_country_name_not_code(database: Database, sample: Sample) -> None:
    ids = list(find_ids(database, expats.LISTING, "", Order("nationality")))
    names = texts(database, expats.LISTING, "nationality", ids)
    assert names == ["China", "Denmark", "Germany", "India", "Spain"]  # codes: CN DK DE IN ES


def test_label_columns_sort_in_the_active_language(database: Database, sample: Sample) -> None:
    english = list(find_ids(database, expats.LISTING, "", Order("category")))
    i18n.set_language("nl")
    dutch = list(find_ids(database, expats.LISTING, "", Order("category")))
    assert texts(database, expats.LISTING, "category", dutch) == [
        "Houder Europese blauwe kaart",
        "Kennismigrant",
        "Kenniswerker uit de EU/EER",
        "Onderzoeker",
        "Zoekjaar hoogopgeleiden",
    ]
    assert english != dutch
    assert expats.LISTING.column("category").by_language


def test_every_column_sorts_both_ways(database: Database, sample: Sample) -> None:
    for listing in (expats.LISTING, employers.LISTING):
        for column in listing.columns:
            up = list(find_ids(database, listing, "", Order(column.key)))
            down = list(find_ids(database, listing, "", Order(column.key, descending=True)))
            assert sorted(up) == sorted(down), column.key
            shown_up = texts(database, listing, column.key, up)
            shown_down = texts(database, listing, column.key, down)
            filled = [text for text in shown_up if text]
            assert [text for text in shown_down if text] == list(reversed(filled)), column.key


def test_employer_columns(database: Database, sample: Sample) -> None:
    ids = list(find_ids(database, employers.LISTING, "", Order("expat_count", descending=True)))
    rows = fetch_rows(database, employers.LISTING, ids)
    shown = [[column.text(rows[id_]) for column in employers.LISTING.columns] for id_ in ids]
    assert shown[-1] == ["EMP-0003", "Bakkerij Ölmez", "", "0", "No", "Almelo", "No"]
    assert shown[0][1] == "Universiteit Twente"  # 2 expats, the higher id first
    i18n.set_language("nl")
    assert employers.LISTING.column("high_tech").text(rows[ids[0]]) == "Ja"


def test_texts_follow_the_active_language(database: Database, sample: Sample) -> None:
    jose = sample.expats["jose"]
    row = fetch_rows(database, expats.LISTING, [jose])[jose]
    listing = expats.LISTING
    assert listing.column("nationality").text(row) == "Spain"
    assert listing.column("arrival_date").text(row) == "26 Nov 2026"
    assert listing.column("category").text(row) == "Highly skilled migrant"
    i18n.set_language("nl")
    assert listing.column("nationality").text(row) == "Spanje"
    assert listing.column("arrival_date").text(row) == "26 nov 2026"
    assert listing.column("category").text(row) == "Kennismigrant"


def test_fetch_rows_leaves_out_missing_ids(database: Database, sample: Sample) -> None:
    wanted = [sample.expats["anna"], 999_999, sample.expats["wei"]]
    rows = fetch_rows(database, expats.LISTING, wanted)
    assert set(rows) == {sample.expats["anna"], sample.expats["wei"]}
    assert rows[sample.expats["anna"]]["employer_name"] == "Universiteit Twente"
    assert fetch_rows(database, expats.LISTING, []) == {}


def test_pages_of_a_long_list(database: Database) -> None:
    count = PAGE_SIZE + 50
    with database.transaction() as session:
        session.add_all(
            Expat(
                expat_ref=f"EXP-{number:05d}",
                given_name="Test",
                family_name=f"Person {number:05d}",
                arrival_date=date(2026, 1, 1),
            )
            for number in range(count)
        )
    ids = find_ids(database, expats.LISTING, "person", Order("ref", descending=True))
    assert len(ids) == count
    second_page = list(ids[PAGE_SIZE:])
    rows = fetch_rows(database, expats.LISTING, second_page)
    refs = [rows[id_]["expat_ref"] for id_ in second_page]
    assert refs == [f"EXP-{number:05d}" for number in reversed(range(50))]


def test_unknown_column_is_an_error() -> None:
    with pytest.raises(KeyError, match="no column"):
        expats.LISTING.column("shoe_size")
    assert expats.LISTING.index("family_name") == 1
