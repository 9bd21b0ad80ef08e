"""The search indexes: finding a term anywhere in a folded ``search_key`` without reading every row.

A search matches a record when every folded term occurs somewhere in its ``search_key``
(:mod:`expatdesk.text`), which ``LIKE '%term%'`` tests row by row. Terms of three or more
characters are looked up in a trigram index instead, one per engine, both created by migration
0005:

SQLite
    an FTS5 table with the trigram tokenizer beside each searched table (``expat_search`` beside
    ``expat``). It is an *external content* table: it holds the index only and reads the text from
    ``search_key``; triggers on the searched table keep it in step with every insert, update and
    delete, whoever writes. It is created with ``detail=none`` (a third of the size of a full
    index): a query asks for the rows that hold every trigram of the term, and the ``LIKE`` that
    stays beside it removes the rare row that holds the trigrams but not the term.
PostgreSQL
    a GIN index with pg_trgm's ``gin_trgm_ops`` on ``search_key``, which the planner uses for
    ``LIKE '%term%'`` by itself. pg_trgm is a trusted extension: the owner of the database can
    install it. Where it cannot be installed, the migration leaves the index out and searches
    still work, by reading the rows.

The first matches of a short term (one or two letters, too short for a trigram) are found by
walking the list in its order (:mod:`expatdesk.common.listing`); ``ix_expat_name_search``
holds the expats in their default order (family name, given name, id) with their ``search_key``,
so that walk reads that index alone, not the rows.

None of these are part of the SQLAlchemy models: SQLAlchemy cannot describe a virtual table, nor
an index that exists on one engine only. :func:`include_name` keeps Alembic's comparison of the
models with the schema (and ``python -m expatdesk.db.revision``) away from them.

A migration that rebuilds a searched table on SQLite (``batch_alter_table``) drops its triggers
with the old table: it must create them again (as migration 0005 does) and rebuild the index.
Bulk loads may drop the triggers for the load and call :func:`rebuild` afterwards
(:mod:`expatdesk.demo.writers`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Boolean, Connection, Engine, func, literal_column, or_, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter, literal
from sqlalchemy.sql.visitors import InternalTraversal

from expatdesk.text import like_pattern

#: The searched tables and their FTS5 table on SQLite.
FTS_TABLES: Mapping[str, str] = {"expat": "expat_search", "employer": "employer_search"}
#: The searched tables and their trigram index on PostgreSQL.
TRIGRAM_INDEXES: Mapping[str, str] = {
    "expat": "ix_expat_search_key_trgm",
    "employer": "ix_employer_search_key_trgm",
}
#: Indexes that hold a table's rows in a list order with their search_key: the index, and the
#: columns it is sorted on before the id.
IN_ORDER_INDEXES: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "expat": ("ix_expat_name_search", ("family_name", "given_name"))
}
#: Short terms (one or two letters, migration 0009). SQLite: the FTS5 table's vocabulary (an
#: ``fts5vocab`` table) names the trigrams that start with a two-letter term, and an index on the
#: last two characters of ``search_key`` finds the term at its very end.
FTS_VOCABULARIES: Mapping[str, str] = {
    "expat": "expat_search_vocab",
    "employer": "employer_search_vocab",
}
TAIL_INDEXES: Mapping[str, str] = {
    "expat": "ix_expat_search_tail",
    "employer": "ix_employer_search_tail",
}
#: PostgreSQL: a trigram index on ``search_key`` with every character written three times
#: (:data:`TRIPLED`), in which a term of one or two letters is a pattern of three to six.
SHORT_INDEXES: Mapping[str, str] = {
    "expat": "ix_expat_search_key_short",
    "employer": "ix_employer_search_key_short",
}
#: The expression of :data:`SHORT_INDEXES`, as the migration writes it and queries repeat it.
TRIPLED = "regexp_replace(search_key, '(.)', '\\1\\1\\1', 'g')"
#: The longest term that :func:`short_matches` looks up.
SHORT_LENGTH = 2
#: The shadow tables SQLite keeps for an FTS5 table ``name``: ``name_data`` and so on.
FTS_SHADOW_SUFFIXES = ("data", "idx", "content", "docsize", "config")
#: Terms shorter than a trigram cannot be looked up in a trigram index.
MIN_INDEXED_LENGTH = 3


def index_objects() -> frozenset[str]:
    """The names of every table and index that belongs to a search index."""
    names = set(TRIGRAM_INDEXES.values()) | {name for name, _ in IN_ORDER_INDEXES.values()}
    names |= {*FTS_VOCABULARIES.values(), *TAIL_INDEXES.values(), *SHORT_INDEXES.values()}
    for fts in FTS_TABLES.values():
        names.add(fts)
        names.update(f"{fts}_{suffix}" for suffix in FTS_SHADOW_SUFFIXES)
    return frozenset(names)


_INDEX_OBJECTS = index_objects()


def include_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Alembic's ``include_name`` hook: everything but the search indexes."""
    return not (type_ in ("table", "index") and name in _INDEX_OBJECTS)


def trigrams(term: str) -> list[str]:
    """The distinct trigrams of ``term``, in the order they first occur."""
    seen: dict[str, None] = {}
    for start in range(len(term) - MIN_INDEXED_LENGTH + 1):
        seen.setdefault(term[start : start + MIN_INDEXED_LENGTH], None)
    return list(seen)


def fts_query(terms: list[str]) -> str | None:
    """The FTS5 query for the rows that hold every trigram of every indexed term, or ``None``.

    Each trigram is a quoted string (a quote inside doubled), so no character of a term is read
    as FTS5 syntax.
    """
    grams: dict[str, None] = {}
    for term in terms:
        for gram in trigrams(term):
            grams.setdefault(gram, None)
    if not grams:
        return None
    return " ".join('"' + gram.replace('"', '""') + '"' for gram in grams)


class IndexedMatch(ColumnElement[bool]):
    """``id IN (the rows the trigram index names)`` on SQLite; always true elsewhere.

    PostgreSQL's trigram index serves the ``LIKE`` conditions themselves, so there the condition
    adds nothing; on SQLite it lets the query read only the candidate rows.
    """

    __visit_name__ = "indexed_match"
    inherit_cache = True
    type = Boolean()
    _is_implicitly_boolean = True  # a condition as it is, never "(...) = 1"
    _traverse_internals = [  # noqa: RUF012 (SQLAlchemy's traversal declaration)
        ("id_column", InternalTraversal.dp_clauseelement),
        ("fts_table", InternalTraversal.dp_string),
        ("query", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, id_column: ColumnElement[Any], fts_table: str, query: str) -> None:
        self.id_column = id_column
        self.fts_table = fts_table
        self.query: BindParameter[str] = literal(query)


@compiles(IndexedMatch, "sqlite")
def _match_on_sqlite(element: IndexedMatch, compiler: SQLCompiler, **kw: Any) -> str:
    table = compiler.preparer.quote(element.fts_table)
    column = compiler.process(element.id_column, **kw)
    query = compiler.process(element.query, **kw)
    return f"{column} IN (SELECT rowid FROM {table} WHERE {table} MATCH {query})"


@compiles(IndexedMatch)
def _match_elsewhere(_element: IndexedMatch, _compiler: SQLCompiler, **_kw: Any) -> str:
    return "1 = 1"


_trigram_indexes: WeakKeyDictionary[Engine, dict[str, bool]] = WeakKeyDictionary()


def has_trigram_index(connection: Connection, table: str) -> bool:
    """Whether ``table`` has its trigram index in this database (asked once per engine).

    It has on SQLite from migration 0005 on; on PostgreSQL unless pg_trgm could not be installed.
    """
    if table not in FTS_TABLES:
        return False
    if connection.dialect.name == "sqlite":
        return True
    known = _trigram_indexes.setdefault(connection.engine, {})
    if table not in known:
        found = connection.execute(
            text("SELECT 1 FROM pg_indexes WHERE tablename = :table AND indexname = :index"),
            {"table": table, "index": TRIGRAM_INDEXES[table]},
        )
        known[table] = found.first() is not None
    return known[table]


def rebuild_statements(tables: Iterable[str]) -> list[str]:
    """The SQLite statements that build the search indexes of ``tables`` anew from their rows.

    For bulk loads that dropped the triggers while they wrote (PostgreSQL's indexes are ordinary
    indexes, dropped and created like the others). The rows go in in id order: FTS5 appends to
    its lists then, four times faster than its own ``'rebuild'``, which reads them in the order
    of the ``search_key`` index.
    """
    statements = []
    for table in tables:
        fts = FTS_TABLES.get(table)
        if fts is not None:
            statements += [
                f"INSERT INTO {fts}({fts}) VALUES ('delete-all')",
                f"INSERT INTO {fts}(rowid, search_key) "
                f"SELECT id, search_key FROM {table} ORDER BY id",
            ]
    return statements


_short_indexes: WeakKeyDictionary[Engine, dict[str, bool]] = WeakKeyDictionary()


def has_short_index(connection: Connection, table: str) -> bool:
    """Whether ``table`` has the indexes of short terms (migration 0009), asked once per engine.

    PostgreSQL has none where pg_trgm could not be installed; a database not yet migrated to
    0009 (the benchmarks never migrate) has none either.
    """
    if table not in SHORT_INDEXES:
        return False
    known = _short_indexes.setdefault(connection.engine, {})
    if table not in known:
        if connection.dialect.name == "sqlite":
            query = text("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = :index")
            index = TAIL_INDEXES[table]
        else:
            query = text("SELECT 1 FROM pg_indexes WHERE tablename = :table AND indexname = :index")
            index = SHORT_INDEXES[table]
        known[table] = (
            connection.execute(query, {"table": table, "index": index}).first() is not None
        )
    return known[table]


def short_terms(terms: Iterable[str]) -> list[str]:
    """The terms that :func:`short_matches` looks up: those of exactly :data:`SHORT_LENGTH`.

    A single letter matches so many records that walking the list finds them at once.
    """
    return [term for term in dict.fromkeys(terms) if len(term) == SHORT_LENGTH]


def short_matches(
    connection: Connection,
    id_column: ColumnElement[Any],
    search_key: ColumnElement[Any],
    terms: Sequence[str],
) -> list[ColumnElement[bool]]:
    """Conditions, one per two-letter term of ``terms``, that hold for every record whose
    ``search_key`` holds that term, and that an index answers; records they hold for without
    the term are rare (the ``LIKE`` beside them decides).

    SQLite: the term occurs either before another character, so the FTS5 table has a trigram
    that starts with it (its vocabulary lists them, a lookup of a few), or at the very end of
    ``search_key`` (the tail index). The term that names the fewest records comes first: SQLite
    looks up the first and tests the others row by row. PostgreSQL: the tripled term occurs in
    the tripled ``search_key``; written three times, ``ku`` is ``kkkuuu``, which occurs in
    ``kkkuuummm…`` only where ``ku`` occurs in ``kum…``.
    """
    table = id_column.table
    if connection.dialect.name != "sqlite":
        tripled: ColumnElement[str] = literal_column(
            TRIPLED.replace("search_key", f"{table.name}.search_key")
        )
        return [
            tripled.like(like_pattern("".join(character * 3 for character in term)), escape="\\")
            for term in short_terms(terms)
        ]
    vocabulary = FTS_VOCABULARIES[table.name]
    found: list[tuple[int, ColumnElement[bool]]] = []
    for term in short_terms(terms):
        # Every trigram that starts with the term sorts between it and the term followed by the
        # last code point (fts5vocab compares UTF-8 bytes, which sort as the code points).
        grams = connection.execute(
            text(f"SELECT term, doc FROM {vocabulary} WHERE term >= :low AND term <= :high"),
            {"low": term, "high": term + "\U0010ffff"},
        ).all()
        # The index's expression exactly: with -2 as a parameter, SQLite would not use it.
        at_end = func.substr(search_key, literal_column(str(-SHORT_LENGTH))) == term
        query = " OR ".join('"' + gram.replace('"', '""') + '"' for gram, _count in grams)
        condition = (
            or_(IndexedMatch(id_column, FTS_TABLES[table.name], query), at_end) if query else at_end
        )
        found.append((sum(count for _gram, count in grams), condition))
    found.sort(key=lambda pair: pair[0])
    return [condition for _count, condition in found]
