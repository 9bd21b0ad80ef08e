"""A table model over a whole table of any size, read lazily.

The model holds only the ordered ids of the records that match the search and the filters (one
query, see :func:`expatdesk.common.listing.find_ids`) and reads the rows a view asks for a page
at a time into a cache of a bounded number of pages
(:func:`expatdesk.common.listing.fetch_rows`). The cells are formatted when they are shown, so
a language switch only needs ``dataChanged``.

In the background mode of a list the user types into, a new search, order or filter never waits
in the GUI thread: the first ids are asked for in a worker thread (fast, see
:mod:`expatdesk.common.listing`) and shown as soon as they come, then the whole id list follows
from another worker and its rows are appended. Each request has a generation number; the answer
of a request that a newer one replaced is dropped, and its queries are interrupted. An error of
the newest request is raised again in the GUI thread, where :mod:`expatdesk.qt.errors` reports it.
"""

from __future__ import annotations

import itertools
import logging
import weakref
from array import array
from collections import OrderedDict
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)

from expatdesk import i18n
from expatdesk.common.listing import (
    FIRST_IDS,
    PAGE_SIZE,
    Interrupt,
    Listing,
    Order,
    Row,
    SearchCancelled,
    fetch_rows,
    find_ids,
)
from expatdesk.db.database import Database
from expatdesk.i18n import _

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
FilterValues = Mapping[str, str | int]

_pool: QThreadPool | None = None


def list_pool() -> QThreadPool:
    """The threads the lists read their ids in, apart from the global pool's long jobs."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setObjectName("lists")
        _pool.setMaxThreadCount(2)  # a first page while the previous whole list finishes
    return _pool


class _Relay(QObject):
    """Carries the workers' answers into the GUI thread, for every list at once.

    It belongs to the application, not to a list: a list may be closed (and deleted) while its
    worker still reads, and a worker emitting on an object the GUI thread deletes at that moment
    crashes the app (seen when a window closed right after its list had painted). The relay
    outlives them all and hands an answer on only to a list that still exists.
    """

    done = Signal(int, int, object, object)  # the list's number, generation, result, error

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self._lists: dict[int, weakref.ref[RecordTableModel]] = {}
        self._numbers = itertools.count(1)
        self.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def register(self, model: RecordTableModel) -> int:
        """A number for ``model``'s workers to answer to (in the GUI thread)."""
        for gone in [number for number, ref in self._lists.items() if ref() is None]:
            del self._lists[gone]
        number = next(self._numbers)
        self._lists[number] = weakref.ref(model)
        return number

    def _deliver(self, number: int, generation: int, result: object, error: object) -> None:
        ref = self._lists.get(number)
        model = None if ref is None else ref()
        if model is None or not shiboken6.isValid(model) or not model._alive:
            self._lists.pop(number, None)
            log.debug("a list's answer came after the list was closed")
            return
        model._answered(generation, result, error if isinstance(error, BaseException) else None)


_relay: _Relay | None = None


def _shared_relay() -> _Relay:
    """The application's relay (made in the GUI thread, with the first list)."""
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        _relay = _Relay()
    return _relay


class _Query(QRunnable):
    def __init__(
        self, relay: _Relay, number: int, generation: int, function: Callable[[], Any]
    ) -> None:
        super().__init__()
        self._relay = relay
        self._number = number
        self._generation = generation
        self._function = function

    def run(self) -> None:
        result: Any = None
        failure: BaseException | None = None
        try:
            result = self._function()
        except BaseException as error:  # handed to the GUI thread, which decides
            failure = error
        # Let go of the function before the answer leaves: after it, this thread holds nothing
        # that the GUI thread may be the last to free, or the other way round.
        del self._function
        self._relay.done.emit(self._number, self._generation, result, failure)


class RecordTableModel(QAbstractTableModel):
    """The records of a :class:`~expatdesk.common.listing.Listing`, searched and sorted in SQL.

    Searching (:meth:`search`), filtering (:meth:`set_filters`) and sorting (:meth:`sort`,
    called by the view when a header is clicked) read the id list again and reset the model; with
    ``background``, off the GUI thread (see the module). :meth:`reload` always reads the whole
    list at once, in the GUI thread.

    Signals:
        loaded(int): the whole id list was read again; the number of records it holds.
        partlyLoaded(int): the first ids are shown; the whole list is being read.
    """

    loaded = Signal(int)
    partlyLoaded = Signal(int)

    #: How many pages of rows the cache keeps; the least recently used go first.
    MAX_PAGES = 20
    #: How many ids a search in the background shows first.
    FIRST = FIRST_IDS
    #: ``False`` (the class's value) once Python's cycle collector has cleared a closed list's
    #: attributes: Qt's side of the model goes only after that, and a view may still ask.
    _alive = False

    def __init__(
        self,
        database: Database,
        listing: Listing,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        background: bool = False,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._listing = listing
        self._page_size = page_size
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, list[Row | None]] = OrderedDict()
        self._query = ""
        self._order = listing.default_order
        self._filters: dict[str, str | int] = {}
        self._language = i18n.language()
        self._is_loaded = False
        self._complete = False
        self._background = background
        self._generation = 0
        self._running = 0
        self._interrupt: Interrupt | None = None
        self._relay = _shared_relay()
        self._number = self._relay.register(self)
        self._pending: dict[int, Callable[[Any], None]] = {}
        self._holding = False
        self._held: Callable[[], None] | None = None  # the whole list's read, until released
        self.page_reads = 0  # for tests and the log: how many pages were read
        self._alive = True

    # --- what the model shows -----------------------------------------------------------------

    @property
    def listing(self) -> Listing:
        return self._listing

    @property
    def query(self) -> str:
        return self._query

    @property
    def order(self) -> Order:
        return self._order

    @property
    def filters(self) -> dict[str, str | int]:
        return dict(self._filters)

    @property
    def is_loaded(self) -> bool:
        return self._is_loaded

    @property
    def complete(self) -> bool:
        """Whether the model holds every matching id (not only the first ones)."""
        return self._complete

    @property
    def busy(self) -> bool:
        """Whether a worker is still reading ids for this model."""
        return self._running > 0

    def ids(self) -> array[int]:
        """The ids the model shows, in their order (a copy)."""
        return array("q", self._ids)

    def id_at(self, row: int) -> int | None:
        """The id of the record in ``row``."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int | None:
        """The row that shows the record ``record_id``, if the list holds it."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def cached_pages(self) -> int:
        return len(self._pages)

    # --- changing it --------------------------------------------------------------------------

    def search(self, query: str) -> None:
        """Show the records that match ``query`` (every term, case- and accent-insensitive)."""
        self.request(query=query)

    def set_filters(self, filters: FilterValues) -> None:
        """Show only the records that pass ``filters`` (see the listing's filters)."""
        self.request(filters=filters)

    def set_order(self, order: Order) -> None:
        """Sort on ``order`` (a column key and a direction)."""
        self.request(order=order)

    def request(
        self,
        *,
        query: str | None = None,
        order: Order | None = None,
        filters: FilterValues | None = None,
        load: bool = True,
    ) -> None:
        """Show the list for the given search, order and filters (the others stay as they are).

        Reads it only when something changed or it was never read; not at all without ``load``
        (to set up a list before it is first read).
        """
        changed = False
        if query is not None:
            query = " ".join(query.split())
            changed |= query != self._query
            self._query = query
        if order is not None:
            changed |= order != self._order
            self._order = order
        if filters is not None:
            wanted = {key: value for key, value in filters.items() if value is not None}
            changed |= wanted != self._filters
            self._filters = wanted
        if load and (changed or not self._is_loaded):
            self._load()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._listing.columns):
            return
        self.set_order(
            Order(self._listing.columns[column].key, order == Qt.SortOrder.DescendingOrder)
        )

    def reload(self) -> None:
        """Read the whole id list again now (after a change to the data), in the GUI thread."""
        self._drop_pending()
        ids = find_ids(self._database, self._listing, self._query, self._order, self._filters)
        self._show(ids, complete=True)

    def retranslate(self) -> None:
        """The language changed: new headers and cell texts, and a new order if it depends on it."""
        sorted_by_language = self._listing.column(self._order.key).by_language
        if self._is_loaded and sorted_by_language and self._language != i18n.language():
            self._load()
            return
        self._language = i18n.language()
        columns = len(self._listing.columns)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, columns - 1), [])

    # --- reading ids ----------------------------------------------------------------------------

    def _load(self) -> None:
        if not self._background:
            self.reload()
            return
        self._drop_pending()
        interrupt = self._interrupt = Interrupt()
        request = (self._database, self._listing, self._query, self._order, dict(self._filters))
        if not self._is_loaded:
            # A list that opens shows its first rows at once; only the rest waits.
            self._first_answered(find_ids(*request, first=self.FIRST, interrupt=interrupt))
            return
        first = self.FIRST  # the worker's function holds nothing of the model
        self._start(
            lambda: find_ids(*request, first=first, interrupt=interrupt), self._first_answered
        )

    def hold_rest(self) -> None:
        """Show the first ids, but read the rest of the list only at :meth:`release_rest`.

        For a list that opens with the window: a worker that reads 500,000 ids holds Python's
        lock for most of it, and the first paint would wait for it at every cell (issue 18).
        """
        self._holding = True

    def release_rest(self) -> None:
        """Read the rest of the list now, and from now on as soon as the first ids are shown."""
        self._holding = False
        held, self._held = self._held, None
        if held is not None:
            held()

    def _start(self, function: Callable[[], Any], answered: Callable[[Any], None]) -> None:
        self._pending[self._generation] = answered
        self._running += 1
        list_pool().start(_Query(self._relay, self._number, self._generation, function))

    def _drop_pending(self) -> None:
        """Forget the answers still to come, and stop their queries."""
        self._generation += 1
        self._pending.clear()
        self._held = None
        if self._interrupt is not None:
            self._interrupt.cancel()
            self._interrupt = None

    def _answered(self, generation: int, result: Any, error: BaseException | None) -> None:
        self._running -= 1
        answered = self._pending.pop(generation, None)
        if answered is None or isinstance(error, SearchCancelled):
            return  # a request that a newer one replaced
        if error is not None:
            raise error
        answered(result)

    def _first_answered(self, ids: array[int]) -> None:
        complete = len(ids) != self.FIRST
        self._show(ids, complete=complete)
        if complete:
            return
        interrupt = self._interrupt
        request = (self._database, self._listing, self._query, self._order, dict(self._filters))
        rest = partial(
            self._start, lambda: find_ids(*request, interrupt=interrupt), self._all_answered
        )
        if self._holding:
            self._held = rest
        else:
            rest()

    def _all_answered(self, ids: array[int]) -> None:
        shown = len(self._ids)
        if len(ids) > shown and ids[:shown] == self._ids:
            self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
            self._ids = ids
            self._complete = True
            self._pages.pop(shown // self._page_size, None)  # the last page grows
            self.endInsertRows()
            self.loaded.emit(len(ids))
        else:  # the records changed meanwhile: show the list as it is now
            self._show(ids, complete=True)

    def _show(self, ids: array[int], *, complete: bool) -> None:
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self._language = i18n.language()
        self._is_loaded = True
        self._complete = complete
        self.endResetModel()
        if complete:
            self.loaded.emit(len(ids))
        else:
            self.partlyLoaded.emit(len(ids))

    # --- Qt's model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._alive else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._alive else len(self._listing.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._alive or not index.isValid() or index.model() is not self:
            return None
        column = self._listing.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            row = self._row(index.row())
            return "" if row is None else column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not self._alive:
            return None
        if not 0 <= section < len(self._listing.columns):
            return None
        column = self._listing.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _(column.header)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # --- the page cache -----------------------------------------------------------------------

    def _row(self, position: int) -> Row | None:
        number, offset = divmod(position, self._page_size)
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def _read_page(self, number: int) -> list[Row | None]:
        start = number * self._page_size
        ids = self._ids[start : start + self._page_size]
        rows = fetch_rows(self._database, self._listing, ids)
        page: list[Row | None] = [rows.get(record_id) for record_id in ids]
        self._pages[number] = page
        self.page_reads += 1
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return page
