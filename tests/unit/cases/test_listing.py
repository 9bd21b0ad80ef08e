"""The list of cases: its columns, search, filters and sort orders."""

from __future__ import annotations

import pytest

from expatdesk import i18n
from expatdesk.cases import detail as case_detail
from expatdesk.cases import listing as case_listing
from expatdesk.common.listing import Order, fetch_rows, find_ids
from expatdesk.db.database import Database
from tests.helpers.cases import LABELS, Staff


def test_list_columns_and_default_order(database: Database, listed: dict[str, int]) -> None:
    ids = list(find_ids(database, case_listing.LISTING))
    assert ids == [listed["jose"], listed["anna"], listed["bakery"]]  # newest opened first
    rows = fetch_rows(database, case_listing.LISTING, ids)
    texts = [
        [column.text(rows[case_id]) for column in case_listing.LISTING.columns] for case_id in ids
    ]
    assert [row[1:] for row in texts] == [
        ["Residence permit", "José García", "New", "Anna de Vries", "26 Nov 2026"],
        [
            "Registration with the municipality",
            "Anna Müller",
            "Closed",
            "Bram Jansen",
            "1 Nov 2026",
        ],
        ["Sponsor application", "Bakkerij Ölmez", "New", "", "1 Oct 2026"],
    ]
    with i18n.using("nl"):
        assert case_listing.LISTING.column("status").text(rows[listed["anna"]]) == "Gesloten"


def test_list_search_is_folded(database: Database, listed: dict[str, int]) -> None:
    assert list(find_ids(database, case_listing.LISTING, "muller")) == [listed["anna"]]
    assert list(find_ids(database, case_listing.LISTING, "OLMEZ sponsor")) == [listed["bakery"]]
    assert list(find_ids(database, case_listing.LISTING, "garcia permit")) == [listed["jose"]]
    ref = case_detail.load_case(database, listed["bakery"]).ref
    assert list(find_ids(database, case_listing.LISTING, ref.lower())) == [listed["bakery"]]


def test_list_filters(database: Database, listed: dict[str, int], staff: Staff) -> None:
    def found(**filters: str | int) -> set[int]:
        return set(find_ids(database, case_listing.LISTING, filters=filters))

    assert found(status=case_listing.OPEN) == {listed["jose"], listed["bakery"]}
    assert found(status="closed") == {listed["anna"]}
    assert found(status="in_progress") == set()
    assert found(owner=staff.anna.user_id or 0) == {listed["jose"]}
    assert found(owner=case_listing.UNASSIGNED) == {listed["bakery"]}
    assert found(status=case_listing.OPEN, owner=staff.bram.user_id or 0) == set()
    with database.reading() as session:
        status_choices = case_listing.LISTING.filter("status").choices(session)
        owner_choices = case_listing.LISTING.filter("owner").choices(session)
    assert status_choices[0] == ("open", "Open")
    assert [label for _value, label in status_choices[1:]] == list(LABELS.values())
    assert owner_choices == [
        (0, "Nobody"),
        (staff.anna.user_id, "Anna de Vries"),
        (staff.bram.user_id, "Bram Jansen"),
    ]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("client", ["bakery", "jose", "anna"]),  # Bakkerij, García, Müller
        ("status", ["jose", "bakery", "anna"]),  # the workflow's order
        ("owner", ["jose", "anna", "bakery"]),  # nobody last
        ("opened_on", ["bakery", "anna", "jose"]),
    ],
)
def test_list_sorts(
    database: Database, listed: dict[str, int], key: str, expected: list[str]
) -> None:
    ids = list(find_ids(database, case_listing.LISTING, order=Order(key)))
    assert ids == [listed[name] for name in expected]
