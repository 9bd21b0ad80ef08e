"""Long lists in two steps: the ordered ids of everything that matches, then rows page by page.

A list of 500,000 expats opens at once because only one narrow query runs up front,
``SELECT id FROM ... WHERE <search> ORDER BY <column>, id``, and a view asks for the rows it shows
with :func:`fetch_rows`: one ``... WHERE id IN (...)`` query per page of :data:`PAGE_SIZE` rows,
with the joins its columns need. A :class:`Listing` describes one such list: its columns (a key,
a header marked with ``N_``, the sort expressions, and how a fetched row becomes text), the folded
``search_key`` column it searches, and the query a page is read with.

Searching is case- and accent-insensitive on every engine: each term of the query, folded like the
stored ``search_key`` (:func:`expatdesk.text.search_terms`), must occur in it.
"""

from __future__ import annotations

import logging
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import QueryableAttribute, Session

from expatdesk.db.database import Database
from expatdesk.text import like_pattern, search_terms

log = logging.getLogger(__name__)

#: How many rows :func:`fetch_rows` is meant to be asked for at once.
PAGE_SIZE = 200

Row: TypeAlias = RowMapping
Expression: TypeAlias = "ColumnElement[Any] | QueryableAttribute[Any]"
#: Given the session the id query will run in, the expressions to sort on.
SortExpressions: TypeAlias = Callable[[Session], Sequence[Expression]]
#: A SELECT of any columns (SQLAlchemy 2.1 types a SELECT by the tuple of its columns).
AnySelect: TypeAlias = "Select[*tuple[Any, ...]]"


@dataclass(frozen=True)
class Join:
    """An outer join a column's sort expression needs: ``LEFT OUTER JOIN target ON onclause``."""

    target: Any  # a mapped class or a table
    onclause: ColumnElement[bool]


@dataclass(frozen=True)
class Column:
    """One column of a list.

    ``sort`` is called at query time with the session the query runs in, so an order can depend on
    the active language (labels, country names) and on the data; columns whose order depends on
    the language say ``by_language``, so a view can sort again after a switch.
    ``text`` turns a row of the page query into what the cell shows, in the active language.
    """

    key: str
    header: str  # an untranslated msgid, marked with N_()
    sort: SortExpressions
    text: Callable[[Row], str]
    joins: tuple[Join, ...] = ()
    nullable: bool = False  # sort empty values last in both directions
    numeric: bool = False  # right-aligned
    by_language: bool = False


@dataclass(frozen=True)
class Filter:
    """A way to narrow a list down to the records with one value: a status, an owner, a year.

    ``choices`` lists the values a user can pick, each with its label in the active language
    (values are ``str`` or ``int``, so a view can keep them in its settings); ``condition`` makes
    the ``WHERE`` clause for one chosen value, on the listing's own table (a subquery where it
    needs another table).
    """

    key: str
    header: str  # an untranslated msgid, marked with N_()
    choices: Callable[[Session], list[tuple[str | int, str]]]
    condition: Callable[[str | int], ColumnElement[bool]]


#: The chosen value per filter key; a filter that is not set is absent.
FilterValues: TypeAlias = "Mapping[str, str | int]"


@dataclass(frozen=True)
class Order:
    """Which column a list is sorted on, and in which direction."""

    key: str
    descending: bool = False


@dataclass(frozen=True)
class Listing:
    """A searchable, sortable list over one table."""

    name: str
    id_column: QueryableAttribute[int]
    search_key: QueryableAttribute[str]
    columns: tuple[Column, ...]
    page_query: Callable[[], AnySelect]  # selects "id" and what the columns read, unfiltered
    default_order: Order
    filters: tuple[Filter, ...] = ()
    _by_key: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {column.key: column for column in self.columns})
        if self.default_order.key not in self._by_key:
            raise ValueError(f"{self.name}: no column {self.default_order.key!r} to sort on")

    def column(self, key: str) -> Column:
        try:
            return self._by_key[key]
        except KeyError:
            raise KeyError(f"{self.name} has no column {key!r}") from None

    def filter(self, key: str) -> Filter:
        for candidate in self.filters:
            if candidate.key == key:
                return candidate
        raise KeyError(f"{self.name} has no filter {key!r}")

    def index(self, key: str) -> int:
        """The position of the column ``key``."""
        return self.columns.index(self.column(key))


def field_text(key: str) -> Callable[[Row], str]:
    """A column's ``text`` that shows the page row's value ``key`` as it is."""

    def text(row: Row) -> str:
        value = row[key]
        return "" if value is None else str(value)

    return text


def matching(search_key: QueryableAttribute[str], query: str) -> list[ColumnElement[bool]]:
    """Conditions that hold when every term of ``query`` occurs in the folded ``search_key``."""
    return [search_key.like(like_pattern(term), escape="\\") for term in search_terms(query)]


def filter_conditions(listing: Listing, filters: FilterValues | None) -> list[ColumnElement[bool]]:
    """The ``WHERE`` clauses of the chosen filter values; unknown filter keys are ignored."""
    known = {candidate.key: candidate for candidate in listing.filters}
    return [
        known[key].condition(value)
        for key, value in (filters or {}).items()
        if key in known and value is not None
    ]


def id_query(
    session: Session,
    listing: Listing,
    query: str = "",
    order: Order | None = None,
    filters: FilterValues | None = None,
) -> AnySelect:
    """The statement that selects the ids of ``listing`` matching ``query``, in ``order``.

    Matching records are found by a subquery, ``id IN (SELECT id ... WHERE search_key LIKE
    ...)``: SQLite then scans the narrow ``search_key`` index and sorts the few matches, rather
    than walking the sort column's index and reading every row to test it (ten times slower).
    """
    order = order or listing.default_order
    column = listing.column(order.key)
    statement = select(listing.id_column)
    for join in column.joins:
        statement = statement.outerjoin(join.target, join.onclause)
    conditions = matching(listing.search_key, query)
    if conditions:
        statement = statement.where(
            listing.id_column.in_(select(listing.id_column).where(*conditions))
        )
    statement = statement.where(*filter_conditions(listing, filters))
    terms: list[ColumnElement[Any]] = []
    for expression in column.sort(session):
        term = expression.desc() if order.descending else expression.asc()
        terms.append(term.nulls_last() if column.nullable else term)
    # The id keeps equal values in a stable order (and lets an index deliver the order).
    terms.append(listing.id_column.desc() if order.descending else listing.id_column.asc())
    return statement.order_by(*terms)


def find_ids(
    database: Database,
    listing: Listing,
    query: str = "",
    order: Order | None = None,
    filters: FilterValues | None = None,
) -> array[int]:
    """The ids of all records of ``listing`` that match ``query``, sorted by ``order``.

    An ``array`` of 64-bit integers: half a million ids take 4 MB, not the 40 MB of a list.
    """
    with database.reading() as session:
        statement = id_query(session, listing, query, order, filters)
        result = session.connection().execute(statement)
        ids = array("q", result.scalars())
    log.debug("%s: %d ids for %r sorted by %s", listing.name, len(ids), query, order)
    return ids


def fetch_rows(database: Database, listing: Listing, ids: Sequence[int]) -> dict[int, Row]:
    """The page-query rows of the records ``ids``, by id; ids no longer present are left out."""
    if not ids:
        return {}
    statement = listing.page_query().where(listing.id_column.in_(list(ids)))
    with database.reading() as session:
        rows = session.connection().execute(statement).mappings().all()
    return {row["id"]: row for row in rows}
