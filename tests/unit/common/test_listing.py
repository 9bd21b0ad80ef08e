"""The id-list and page machinery, on the expat and employer lists, on both backends."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from expatdesk import i18n
from expatdesk.common.listing import (
    FIRST_IDS,
    PAGE_SIZE,
    Interrupt,
    Listing,
    Order,
    SearchCancelled,
    distinct_values,
    fetch_rows,
    find_ids,
    id_query,
)
from expatdesk.db.database import Database
from expatdesk.db.models import Expat
from expatdesk.db.search_index import fts_query
from expatdesk.employers import read as employers
from expatdesk.expats import read as expats
from expatdesk.text import search_terms
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
        ("mueller", ["anna"]),  # German without the umlaut
        ("MUELLER anna", ["anna"]),
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
    assert list(find_ids(database, employers.LISTING, "oelmez")) == [sample.employers["bakery"]]
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


# --- search as you type: the first ids fast -------------------------------------------------------

#: Names for a list long enough to walk: matches cluster in the list order, as real names do.
FAMILY_NAMES = ("Abbas", "de Vries", "García", "Jansen", "Kumar", "Müller", "Smit", "Wang", "Øster")
GIVEN_NAMES = ("Ana", "Jan", "José", "Peter", "Wei", "Lars", "Priya", "Ömer")


@pytest.fixture
def crowd(database: Database, sample: Sample) -> list[int]:
    """The sample and 300 more expats with repeating names, spread over categories and years."""
    categories = ("knowledge_migrant", "researcher", "blue_card", None)
    with database.transaction() as session:
        people = [
            Expat(
                expat_ref=f"EXP-1{number:04d}",
                given_name=GIVEN_NAMES[number % len(GIVEN_NAMES)],
                family_name=FAMILY_NAMES[number * 7 % len(FAMILY_NAMES)],
                email=f"p{number}@example.org" if number % 3 else None,
                category_code=categories[number % len(categories)],
                arrival_date=date(2015 + number % 10, 1 + number % 12, 1) if number % 5 else None,
                nationality=("NL", "ES", "CN", None)[number % 4],
            )
            for number in range(300)
        ]
        session.add_all(people)
        session.flush()
        return [person.id for person in people]


FIRST_QUERIES = [
    "",
    "a",
    "e",
    "jo",
    "jose",
    "ana",
    "de v",
    "de vries",
    "MÜLLER",
    "exp-1",
    "EXP-10042",
    "p12@",
    "zz",
    "wang wei",
]
FIRST_FILTERS: list[dict[str, str | int]] = [
    {},
    {"category": "researcher"},
    {"arrival_year": 2019, "nationality": "ES"},
]


@pytest.mark.parametrize(
    ("walk", "few"),
    [(60_000, 5_000), (40, 0), (3, 0), (60_000, 0)],
    ids=["defaults", "short walk", "no walk", "long walk"],
)
def test_the_first_ids_are_the_start_of_the_whole_list(
    database: Database, crowd: list[int], monkeypatch: pytest.MonkeyPatch, walk: int, few: int
) -> None:
    """Whichever way they are found (walking the order, sorting the matches), the first ids are
    exactly the first of the whole list, in every order, with and without filters."""
    from expatdesk.common import listing

    monkeypatch.setattr(listing, "WALK_LIMIT", walk)
    monkeypatch.setattr(listing, "WALK_LIMIT_ROWS", walk)
    monkeypatch.setattr(listing, "WALK_LIMIT_INDEXED", walk)
    monkeypatch.setattr(listing, "FEW_CANDIDATES", few)
    orders = [Order("family_name"), Order("family_name", True), Order("ref"), Order("category")]
    for query in FIRST_QUERIES:
        for filters in FIRST_FILTERS:
            for order in orders:
                whole = list(find_ids(database, expats.LISTING, query, order, filters))
                for first in (1, 7, 60):
                    found = list(
                        find_ids(database, expats.LISTING, query, order, filters, first=first)
                    )
                    context = (query, filters, order, first)
                    assert found == whole[: len(found)], context
                    assert len(found) >= min(first, len(whole)), context
                    if len(found) != first:
                        assert found == whole, context


def test_search_matches_what_the_folded_text_holds(database: Database, crowd: list[int]) -> None:
    """Every term, folded, occurs in the folded search key: the index finds no more, no less."""
    with database.reading() as session:
        keys = dict(session.execute(select(Expat.id, Expat.search_key)).all())
    for query in [*FIRST_QUERIES, "José Abbas", "o", "ster", "@example", "1000", "é", "ß"]:
        terms = search_terms(query)
        expected = {id_ for id_, key in keys.items() if all(term in key for term in terms)}
        assert set(find_ids(database, expats.LISTING, query)) == expected, query


@pytest.mark.parametrize(
    ("query", "names"),
    [("j", ["jose"]), ("Ø", ["jose", "lars"]), ("GARCÍA jose", ["jose"]), ("chen wei", ["wei"])],
)
def test_first_ids_are_case_and_accent_insensitive(
    database: Database, sample: Sample, query: str, names: list[str]
) -> None:
    found = find_ids(database, expats.LISTING, query, first=FIRST_IDS)
    assert sorted(found) == sorted(sample.expats[name] for name in names)


def test_a_cancelled_search_stops(database: Database, sample: Sample) -> None:
    interrupt = Interrupt()
    interrupt.cancel()
    with pytest.raises(SearchCancelled):
        find_ids(database, expats.LISTING, "jose", interrupt=interrupt)
    with pytest.raises(SearchCancelled):
        find_ids(database, expats.LISTING, "a", first=2, interrupt=interrupt)


def test_the_trigram_index_narrows_sqlite_queries(database: Database) -> None:
    with database.reading() as session:
        statement = id_query(session, expats.LISTING, 'ab"c de')
    compiled = str(statement.compile(database.engine))
    if database.is_sqlite:
        assert "expat_search MATCH" in compiled
    else:
        assert "MATCH" not in compiled  # PostgreSQL's trigram index serves the LIKE itself
    assert compiled.count("LIKE") == 2
    assert fts_query(search_terms('ab"c de')) == '"ab""" "b""c"'  # quotes doubled, "de" too short


# --- filters ------------------------------------------------------------------------------------


def choices(database: Database, listing: Listing, key: str) -> list[tuple[str | int, str]]:
    choose = listing.filter(key).choices
    assert choose is not None
    with database.reading() as session:
        return choose(session)


def test_expat_filters(database: Database, sample: Sample) -> None:
    def found(**filters: str | int) -> list[str]:
        ids = find_ids(database, expats.LISTING, "", Order("ref"), filters)
        return texts(database, expats.LISTING, "given_name", list(ids))

    assert found(category="researcher") == ["Anna"]
    assert found(municipality="hengelo") == ["José", "Lars"]
    assert found(employer=sample.employers["university"]) == ["Anna", "Wei"]
    assert found(arrival_year=2024) == ["Wei"]
    assert found(nationality="DK") == ["Lars"]
    assert found(municipality="enschede", arrival_year=2025) == ["Anna"]
    assert found(municipality="enschede", category="eu_worker") == []
    assert found(shoe_size=43) == ["José", "Anna", "Wei", "Lars", "Priya"]  # unknown: ignored


def test_expat_filter_choices(database: Database, sample: Sample) -> None:
    assert [key for key, _ in choices(database, expats.LISTING, "arrival_year")] == [
        2026,
        2025,
        2024,
        2023,
    ]
    assert choices(database, expats.LISTING, "nationality") == [
        ("CN", "China"),
        ("DK", "Denmark"),
        ("DE", "Germany"),
        ("IN", "India"),
        ("ES", "Spain"),
    ]
    category = choices(database, expats.LISTING, "category")
    assert ("researcher", "Researcher") in category
    municipality = choices(database, expats.LISTING, "municipality")
    assert ("hengelo", "Hengelo") in municipality
    assert expats.LISTING.filter("employer").choices is None
    assert expats.LISTING.filter("employer").chooser == "employer"
    i18n.set_language("nl")
    assert choices(database, expats.LISTING, "nationality")[1] == ("DK", "Denemarken")
    assert ("researcher", "Onderzoeker") in choices(database, expats.LISTING, "category")


def test_employer_filters(database: Database, sample: Sample) -> None:
    def found(**filters: str | int) -> list[int]:
        return list(find_ids(database, employers.LISTING, "", Order("ref"), filters))

    thales, university, bakery = (
        sample.employers[name] for name in ("thales", "university", "bakery")
    )
    assert found(high_tech=1) == [thales, university]
    assert found(high_tech=0) == [bakery]
    assert found(municipality="almelo") == [bakery]
    assert found(municipality="almelo", high_tech=1) == []
    assert choices(database, employers.LISTING, "high_tech") == [(1, "Yes"), (0, "No")]


def test_distinct_values_come_from_the_index(database: Database, sample: Sample) -> None:
    with database.reading() as session:
        assert distinct_values(session, Expat.nationality) == ["CN", "DE", "DK", "ES", "IN"]
        assert distinct_values(session, Expat.departure_date) == []
