"""A table model over a whole table of any size, read lazily.

The model holds only the ordered ids of the records that match the search (one query, see
:func:`expatdesk.services.listing.find_ids`) and reads the rows a view asks for a page at a time
into a cache of a bounded number of pages (:func:`expatdesk.services.listing.fetch_rows`). The
cells are formatted when they are shown, so a language switch only needs ``dataChanged``.
"""

from __future__ import annotations

import logging
from array import array
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from expatdesk import i18n
from expatdesk.db.database import Database
from expatdesk.i18n import _
from expatdesk.services.listing import PAGE_SIZE, Listing, Order, Row, fetch_rows, find_ids

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """The records of a :class:`~expatdesk.services.listing.Listing`, searched and sorted in SQL.

    Searching (:meth:`search`) and sorting (:meth:`sort`, called by the view when a header is
    clicked) read the id list again and reset the model.

    Signals:
        loaded(int): the id list was read again; the number of records it holds.
    """

    loaded = Signal(int)

    #: How many pages of rows the cache keeps; the least recently used go first.
    MAX_PAGES = 20

    def __init__(
        self,
        database: Database,
        listing: Listing,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._listing = listing
        self._page_size = page_size
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, list[Row | None]] = OrderedDict()
        self._query = ""
        self._order = listing.default_order
        self._language = i18n.language()
        self._is_loaded = False
        self.page_reads = 0  # for tests and the log: how many pages were read

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
    def is_loaded(self) -> bool:
        return self._is_loaded

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
        query = " ".join(query.split())
        if query == self._query and self._is_loaded:
            return
        self._query = query
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._listing.columns):
            return
        wanted = Order(
            self._listing.columns[column].key, descending=order == Qt.SortOrder.DescendingOrder
        )
        if wanted == self._order and self._is_loaded:
            return
        self._order = wanted
        self.reload()

    def reload(self) -> None:
        """Read the id list again (after a search, a sort, or a change to the data)."""
        ids = find_ids(self._database, self._listing, self._query, self._order)
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self._language = i18n.language()
        self._is_loaded = True
        self.endResetModel()
        self.loaded.emit(len(ids))

    def retranslate(self) -> None:
        """The language changed: new headers and cell texts, and a new order if it depends on it."""
        sorted_by_language = self._listing.column(self._order.key).by_language
        if self._is_loaded and sorted_by_language and self._language != i18n.language():
            self.reload()
            return
        self._language = i18n.language()
        columns = len(self._listing.columns)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, columns - 1), [])

    # --- Qt's model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._listing.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.model() is not self:
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
        if orientation != Qt.Orientation.Horizontal:
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
