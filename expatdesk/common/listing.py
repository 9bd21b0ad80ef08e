"""Long lists in two steps: the ordered ids of everything that matches, then rows page by page.

A list of 500,000 expats opens at once because only one narrow query runs up front,
``SELECT id FROM ... WHERE <search> ORDER BY <column>, id``, and a view asks for the rows it shows
with :func:`fetch_rows`: one ``... WHERE id IN (...)`` query per page of :data:`PAGE_SIZE` rows,
with the joins its columns need. A :class:`Listing` describes one such list: its columns (a key,
a header marked with ``N_``, the sort expressions, and how a fetched row becomes text), the folded
``search_key`` column it searches, its filters, and the query a page is read with.

Searching is case- and accent-insensitive on every engine: each term of the query, folded like the
stored ``search_key`` (:func:`expatdesk.text.search_terms`), must occur in it. Terms of three
characters or more are looked up in the table's trigram index, where it has one
(:mod:`expatdesk.db.search_index`), so that only the candidate rows are read.

Search as you type: the first rows fast
---------------------------------------
Sorting every match costs a read of every matching row, which is seconds when a letter matches
300,000 expats. A view needs only the first rows at once, so :func:`find_ids` can be asked for
the ``first`` ones, and finds them in one of two ways:

sorting the matches
    when few records match: SQLite's trigram index counts its candidates (stopping at
    :data:`FEW_CANDIDATES`), and then the whole query runs, starting from them.
walking the list order
    when many match: one statement reads the records in list order and stops at the ``first``
    match, ``SELECT id FROM (SELECT id, <tested columns> FROM ... ORDER BY ... LIMIT <walk>)
    WHERE <conditions> LIMIT <first>``. In the expats' default order it reads
    ``ix_expat_name_search`` alone, which holds the search key beside the names. When the walk
    finds too few within its limit, the matches are sorted after all (PostgreSQL, whose trigram
    index has no cheap count, always walks a little first).

Both give exactly the first ids of the whole list; the view asks for the whole list afterwards,
off the GUI thread, and an :class:`Interrupt` stops the queries of a search the user typed past.
Terms of one or two letters have no trigram: they usually match many records, which the walk finds
at once. When the walk finds too few, the records that hold a two-letter term are looked up in
the indexes of short terms (:func:`expatdesk.db.search_index.short_matches`) and sorted; a single
letter, or a table without those indexes, is found by reading every ``search_key``.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeAlias, TypeVar

from sqlalchemy import ClauseElement, ColumnElement, Select, func, literal_column, select
from sqlalchemy import Column as SqlColumn
from sqlalchemy import table as table_clause
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql.util import ClauseAdapter, _deep_deannotate
from sqlalchemy.sql.visitors import iterate

from expatdesk.db import search_index
from expatdesk.db.database import Database
from expatdesk.db.search_index import FTS_TABLES, MIN_INDEXED_LENGTH, IndexedMatch, fts_query
from expatdesk.text import like_pattern, search_terms

log = logging.getLogger(__name__)

#: How many rows :func:`fetch_rows` is meant to be asked for at once.
PAGE_SIZE = 200
#: How many ids a view asks for first: more than a screen of rows.
FIRST_IDS = 60
#: Up to this many candidates of SQLite's trigram index are sorted at once (a few milliseconds).
FEW_CANDIDATES = 5_000
#: The most records a walk of the list order tests before the matches are sorted instead: where
#: an index holds the list order with the search key (``ix_expat_name_search``), where the walk
#: reads rows, and where PostgreSQL's trigram index can find the matches (SQLite counts its
#: candidates first).
WALK_LIMIT = 60_000
WALK_LIMIT_ROWS = 5_000
WALK_LIMIT_INDEXED = 4_000

Row: TypeAlias = RowMapping
Expression: TypeAlias = "ColumnElement[Any] | QueryableAttribute[Any]"
#: Given the session the id query will run in, the expressions to sort on.
SortExpressions: TypeAlias = Callable[[Session], Sequence[Expression]]
#: A filter's choices: the values and their labels in the active language.
FilterChoices: TypeAlias = Callable[[Session], list[tuple[str | int, str]]]
#: A SELECT of any columns (SQLAlchemy 2.1 types a SELECT by the tuple of its columns).
AnySelect: TypeAlias = "Select[*tuple[Any, ...]]"
_Element = TypeVar("_Element", bound=ClauseElement)


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
    ``text`` turns a row of the page query into what the cell shows, in the active language;
    ``value``, where given, into a typed value for a spreadsheet (a date, a number).
    """

    key: str
    header: str  # an untranslated msgid, marked with N_()
    sort: SortExpressions
    text: Callable[[Row], str]
    joins: tuple[Join, ...] = ()
    nullable: bool = False  # sort empty values last in both directions
    numeric: bool = False  # right-aligned
    by_language: bool = False
    value: Callable[[Row], object] | None = None


@dataclass(frozen=True)
class Filter:
    """A way to narrow a list down to the records with one value: a status, an owner, a year.

    ``choices`` lists the values a user can pick, each with its label in the active language
    (values are ``str`` or ``int``, so a view can keep them in its settings); ``condition`` makes
    the ``WHERE`` clause for one chosen value, on the listing's own table (a subquery where it
    needs another table). A filter over too many values to list (20,000 employers) has no
    ``choices`` but names the ``chooser`` a view picks a value with (``"employer"``).
    """

    key: str
    header: str  # an untranslated msgid, marked with N_()
    choices: FilterChoices | None
    condition: Callable[[str | int], ColumnElement[bool]]
    chooser: str | None = None


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

    @cached_property
    def _core_page(self) -> tuple[AnySelect, ColumnElement[int]]:
        return core(self.page_query()), core(self.id_column.expression)

    def rows_query(self, ids: Sequence[int]) -> AnySelect:
        """The page query for the rows ``ids``, as plain Core (:func:`core`, made once: each page
        read while scrolling would make it again)."""
        page, id_column = self._core_page
        return page.where(id_column.in_(list(ids)))


def field_text(key: str) -> Callable[[Row], str]:
    """A column's ``text`` that shows the page row's value ``key`` as it is."""

    def text(row: Row) -> str:
        value = row[key]
        return "" if value is None else str(value)

    return text


# --- conditions -------------------------------------------------------------------------------


def matching(
    search_key: QueryableAttribute[str], query: str, *, indexed: bool = True
) -> list[ColumnElement[bool]]:
    """Conditions that hold when every term of ``query`` occurs in the folded ``search_key``.

    With ``indexed`` (the default) and a table with a trigram index, the first condition limits
    the rows to the index's candidates on SQLite (:class:`~expatdesk.db.search_index.IndexedMatch`);
    the ``LIKE`` of every term follows, and decides.
    """
    terms = search_terms(query)
    conditions: list[ColumnElement[bool]] = [
        search_key.like(like_pattern(term), escape="\\") for term in terms
    ]
    if indexed:
        candidates = _indexed_match(search_key, terms)
        if candidates is not None:
            conditions.insert(0, candidates)
    return conditions


def _indexed_match(
    search_key: QueryableAttribute[str], terms: list[str]
) -> ColumnElement[bool] | None:
    table = getattr(search_key.expression, "table", None)
    fts = FTS_TABLES.get(getattr(table, "name", ""))
    query = fts_query([term for term in terms if len(term) >= MIN_INDEXED_LENGTH])
    if table is None or fts is None or query is None:
        return None
    return IndexedMatch(table.c.id, fts, query)


def indexed(query: str) -> bool:
    """Whether a trigram index can narrow the search for ``query`` down (a term of 3+ letters)."""
    return any(len(term) >= MIN_INDEXED_LENGTH for term in search_terms(query))


def filter_conditions(listing: Listing, filters: FilterValues | None) -> list[ColumnElement[bool]]:
    """The ``WHERE`` clauses of the chosen filter values; unknown filter keys are ignored."""
    known = {candidate.key: candidate for candidate in listing.filters}
    return [
        known[key].condition(value)
        for key, value in (filters or {}).items()
        if key in known and value is not None
    ]


def core(statement: _Element) -> _Element:
    """``statement`` (or a condition) as plain Core, without the ORM's marks on its columns.

    A listing is written with the mapped classes' attributes (``Expat.family_name``), which makes
    SQLAlchemy compile its statements as ORM statements, and the first ORM statement configures
    every mapper (30 ms). A listing reads columns, never entities, so its statements lose those
    marks before they run: the expats list paints its first page before the mappers are
    configured, which happens at the first ORM query after it (start-up, issue 18). The rows are
    the same; ``tests/unit/common/test_listing_core.py`` checks both.
    """
    # _deep_deannotate is SQLAlchemy's own (used by its ORM for this); no public name has it.
    return _deep_deannotate(statement)


# --- the id query -----------------------------------------------------------------------------


def _ordered(session: Session, listing: Listing, order: Order) -> AnySelect:
    """The ids of every record of ``listing`` in ``order``, without conditions."""
    column = listing.column(order.key)
    statement = select(listing.id_column)
    for join in column.joins:
        statement = statement.outerjoin(join.target, join.onclause)
    terms: list[ColumnElement[Any]] = []
    for expression in column.sort(session):
        term = expression.desc() if order.descending else expression.asc()
        terms.append(term.nulls_last() if column.nullable else term)
    # The id keeps equal values in a stable order (and lets an index deliver the order).
    terms.append(listing.id_column.desc() if order.descending else listing.id_column.asc())
    return statement.order_by(*terms)


def id_query(
    session: Session,
    listing: Listing,
    query: str = "",
    order: Order | None = None,
    filters: FilterValues | None = None,
) -> AnySelect:
    """The statement that selects the ids of ``listing`` matching ``query``, in ``order``.

    With a term the trigram index can look up, the query starts from the index's candidates. With
    short terms only and no filter, the matching records are found by a subquery, ``id IN (SELECT
    id ... WHERE search_key LIKE ...)``: SQLite then scans the narrow ``search_key`` index and
    sorts the matches, rather than walking the sort column's index and reading every row to test
    it; a two-letter term is looked up in the indexes of short terms instead, where the table has
    them. A filter's index, where there is one, narrows the search down better.
    """
    statement = _ordered(session, listing, order or listing.default_order)
    conditions = matching(listing.search_key, query)
    chosen = filter_conditions(listing, filters)
    short = []
    if conditions and not indexed(query) and not chosen:
        short = _short_matches(session, listing, query)
    if short:
        statement = statement.where(*short, *conditions)
    elif conditions and not indexed(query) and not chosen:
        statement = statement.where(
            listing.id_column.in_(select(listing.id_column).where(*conditions))
        )
    else:
        statement = statement.where(*conditions)
    return statement.where(*chosen)


def _short_matches(session: Session, listing: Listing, query: str) -> list[ColumnElement[bool]]:
    """Conditions an index answers for the two-letter terms of ``query``, where the listing's
    table has the indexes of short terms (:func:`~expatdesk.db.search_index.short_matches`)."""
    table = listing.id_column.expression.table
    connection = session.connection()
    terms = search_index.short_terms(search_terms(query))
    if not terms or not search_index.has_short_index(connection, table.name):
        return []
    return search_index.short_matches(connection, table.c.id, listing.search_key.expression, terms)


class SearchCancelled(Exception):
    """The search was interrupted because its result is no longer wanted."""


class Interrupt:
    """Stops the queries of a search from another thread, once its result is no longer wanted.

    :func:`find_ids` checks it between its queries and, on SQLite, interrupts the running one
    (``sqlite3.Connection.interrupt``, meant for this). On PostgreSQL a running query finishes:
    a cancel request can reach the server after the query and hit the connection's next one.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._cancelled = False

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._connection is not None:
                self._connection.interrupt()

    def check(self) -> None:
        if self._cancelled:
            raise SearchCancelled("cancelled")

    @contextmanager
    def watching(self, session: Session) -> Iterator[None]:
        """Let :meth:`cancel` interrupt the queries ``session`` runs inside the block."""
        driver = session.connection().connection.driver_connection
        with self._lock:
            self.check()
            if isinstance(driver, sqlite3.Connection):
                self._connection = driver
        try:
            yield
        except OperationalError:
            if self._cancelled:
                raise SearchCancelled("cancelled") from None
            raise
        finally:
            with self._lock:
                self._connection = None


def find_ids(
    database: Database,
    listing: Listing,
    query: str = "",
    order: Order | None = None,
    filters: FilterValues | None = None,
    *,
    first: int | None = None,
    interrupt: Interrupt | None = None,
) -> array[int]:
    """The ids of the records of ``listing`` that match ``query`` and ``filters``, in ``order``.

    An ``array`` of 64-bit integers: half a million ids take 4 MB, not the 40 MB of a list.

    With ``first``, only the first ``first`` ids are wanted, and found fast (see the module's
    documentation). The result is then the whole list when it holds fewer ids, or when finding
    all of them cost no more; exactly ``first`` ids may be the start of a longer list.
    Raises :class:`SearchCancelled` once ``interrupt`` is cancelled.
    """
    order = order or listing.default_order
    interrupt = interrupt or Interrupt()
    with database.reading() as session, interrupt.watching(session):
        if first is None:
            ids = _all_ids(session, listing, query, order, filters)
        else:
            ids = _first_ids(session, listing, query, order, filters, first, interrupt)
    log.debug(
        "%s: %d ids for %r %s sorted by %s%s",
        listing.name,
        len(ids),
        query,
        dict(filters or {}),
        order,
        "" if first is None else f" (first {first})",
    )
    return ids


def _all_ids(
    session: Session,
    listing: Listing,
    query: str,
    order: Order,
    filters: FilterValues | None,
) -> array[int]:
    statement = id_query(session, listing, query, order, filters)
    return array("q", session.connection().execute(core(statement)).scalars())


def _first_ids(
    session: Session,
    listing: Listing,
    query: str,
    order: Order,
    filters: FilterValues | None,
    first: int,
    interrupt: Interrupt,
) -> array[int]:
    """At least the first ``first`` ids of the list: the matches sorted, or the order walked."""
    connection = session.connection()
    ordered = _ordered(session, listing, order)
    conditions = [
        *matching(listing.search_key, query, indexed=False),
        *filter_conditions(listing, filters),
    ]
    if not conditions:
        return array("q", connection.execute(core(ordered.limit(first))).scalars())
    if not _walkable(listing, conditions):
        return _all_ids(session, listing, query, order, filters)
    limit = WALK_LIMIT if _in_order_index(session, listing, order, conditions) else WALK_LIMIT_ROWS
    if _indexed_search(session, listing, query):
        # SQLite's trigram index counts its candidates almost for free; PostgreSQL's reads
        # the rows to count them, as many as sorting them would, so there a short walk
        # comes first, and the index serves the sorting when it finds too few.
        if session.connection().dialect.name != "sqlite":
            limit = min(limit, WALK_LIMIT_INDEXED)
        elif _few_candidates(session, listing, query):
            return _all_ids(session, listing, query, order, filters)
    interrupt.check()
    walked = _walk(session, listing, ordered, conditions, first, limit)
    if walked is not None:
        return walked
    interrupt.check()
    return _all_ids(session, listing, query, order, filters)


def _in_order_index(
    session: Session, listing: Listing, order: Order, conditions: list[ColumnElement[bool]]
) -> bool:
    """Whether an index holds the records in ``order`` with their search key, and the
    ``conditions`` test nothing else: then a walk reads that index alone."""
    table = listing.id_column.expression.table
    index = search_index.IN_ORDER_INDEXES.get(table.name)
    if index is None or _tested_columns(table, conditions) - {"id", "search_key"}:
        return False
    sorted_on = [
        getattr(expression, "key", None) for expression in listing.column(order.key).sort(session)
    ]
    return sorted_on == list(index[1])


def _indexed_search(session: Session, listing: Listing, query: str) -> bool:
    """Whether a term of ``query`` can be looked up in the listing's trigram index."""
    table = listing.id_column.expression.table
    return indexed(query) and search_index.has_trigram_index(session.connection(), table.name)


def _few_candidates(session: Session, listing: Listing, query: str) -> bool:
    """Whether SQLite's trigram index names at most :data:`FEW_CANDIDATES` records for ``query``.

    The count stops there, so it costs little even when half the table matches.
    """
    terms = [term for term in search_terms(query) if len(term) >= MIN_INDEXED_LENGTH]
    fts = FTS_TABLES[listing.id_column.expression.table.name]
    candidates: AnySelect = (
        select(literal_column("rowid"))
        .select_from(table_clause(fts))
        .where(literal_column(fts).op("MATCH")(fts_query(terms)))
        .limit(FEW_CANDIDATES + 1)
    )
    count = select(func.count()).select_from(candidates.subquery())
    return (session.scalar(count) or 0) <= FEW_CANDIDATES


def _walkable(listing: Listing, conditions: list[ColumnElement[bool]]) -> bool:
    """Whether the conditions test the listing's own columns only (no subqueries)."""
    return not any(
        isinstance(element, Select) for condition in conditions for element in iterate(condition)
    )


def _tested_columns(table: Any, conditions: list[ColumnElement[bool]]) -> set[str]:
    """The columns of ``table`` the conditions test."""
    return {
        element.key
        for condition in conditions
        for element in iterate(condition)
        if isinstance(element, SqlColumn) and element.table is table
    }


def _walk(
    session: Session,
    listing: Listing,
    ordered: AnySelect,
    conditions: list[ColumnElement[bool]],
    first: int,
    limit: int,
) -> array[int] | None:
    """The first ``first`` matches among the first ``limit`` records in list order.

    One statement: ``SELECT id FROM (SELECT id, <tested columns> FROM ... ORDER BY ... LIMIT
    <walk>) WHERE <conditions> LIMIT <first>``, which reads the list in order and stops at the
    ``first`` match (the rows keep the order of the subquery: both engines read a subquery in
    FROM in its order). ``None`` when fewer matched and the list goes on: then few records
    match, and sorting them is the faster way.
    """
    table = listing.id_column.expression.table
    tested = _tested_columns(table, conditions)
    columns = [table.c.id, *(table.c[key] for key in sorted(tested - {"id"}))]
    # Made of Core parts: a statement narrowed by with_only_columns cannot lose its marks after.
    walk = core(ordered).with_only_columns(*columns).limit(limit).subquery("walk")
    adapter = ClauseAdapter(walk)
    statement = (
        select(walk.c.id).where(*(adapter.traverse(core(condition)) for condition in conditions))
    ).limit(first)
    connection = session.connection()
    ids = array("q", connection.execute(statement).scalars())
    if len(ids) >= first:
        return ids
    beyond = select(table.c.id).order_by(table.c.id).offset(limit).limit(1)
    if connection.execute(beyond).first() is None:
        return ids  # the walk saw every record: these are all the matches
    return None


def fetch_rows(database: Database, listing: Listing, ids: Sequence[int]) -> dict[int, Row]:
    """The page-query rows of the records ``ids``, by id; ids no longer present are left out."""
    if not ids:
        return {}
    statement = listing.rows_query(ids)
    with database.reading() as session:
        rows = session.connection().execute(statement).mappings().all()
    return {row["id"]: row for row in rows}


def distinct_values(session: Session, column: QueryableAttribute[Any]) -> list[Any]:
    """The distinct values of an indexed ``column``, without ``NULL``, in index order.

    The index is sought once per value (a recursive query) instead of being read whole, so the
    hundred nationalities of 500,000 expats take a hundred lookups.
    """
    start = select(func.min(column).label("value")).cte("present", recursive=True)
    following = select(
        select(func.min(column)).where(column > start.c.value).scalar_subquery()
    ).where(start.c.value.is_not(None))
    present = start.union_all(following)
    return list(session.scalars(select(present.c.value).where(present.c.value.is_not(None))))
