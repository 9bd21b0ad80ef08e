"""An area of the main window: a searchable, sortable list and the selected record beside it.

What differs between areas (the list, how a record is loaded and shown, the texts) is an
:class:`AreaSpec`; :mod:`expatdesk.qt.expats` and :mod:`expatdesk.qt.employers` define theirs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from expatdesk.db.database import Database
from expatdesk.qt.forms.ui_record_area import Ui_RecordArea
from expatdesk.qt.record_model import RecordTableModel
from expatdesk.services.listing import Listing

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AreaState:
    """What the user arranged in an area: the column widths and sort order, and the split."""

    columns: QByteArray
    splitter: QByteArray


@dataclass(frozen=True)
class AreaSpec:
    """What makes an area the expats or the employers area.

    The text callables are called again after a language switch, so they return translated text.
    """

    name: str  # for object names: "expats"
    listing: Listing
    load: Callable[[Database, int], Any]  # the record, or None when it is gone
    render: Callable[[Any], str]  # a loaded record as HTML
    count_text: Callable[[int], str]  # "3,000 expats"
    search_placeholder: Callable[[], str]
    search_name: Callable[[], str]  # accessible names
    table_name: Callable[[], str]
    detail_name: Callable[[], str]
    no_selection: Callable[[], str]  # shown in the detail view when no record is selected
    nothing_found: Callable[[str], str]  # the search for the query found nothing
    none_yet: Callable[[], str]  # the table is empty


class RecordArea(QWidget):
    """The list of one kind of record, its search box and the selected record's details.

    Signals:
        countChanged(int): the list now shows this many records.
    """

    countChanged = Signal(int)

    SEARCH_DELAY_MS = 150
    MAX_COLUMN_WIDTH = 200
    COLUMN_PADDING = 10

    def __init__(
        self,
        database: Database,
        spec: AreaSpec,
        parent: QWidget | None = None,
        *,
        state: AreaState | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_RecordArea()
        self.ui.setupUi(self)
        self.setObjectName(f"{spec.name}Area")
        self._database = database
        self._spec = spec
        self._record: Any = None
        self._keep_id: int | None = None
        self._fitted = False

        self.model = RecordTableModel(database, spec.listing, self)
        self._set_up_table()
        self._empty_label = self._make_empty_label()
        self._search_timer = self._make_search_timer()
        self.ui.searchEdit.textChanged.connect(self._search_later)
        self.ui.searchEdit.returnPressed.connect(self._search_and_go_to_list)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.loaded.connect(self.countChanged)
        self.ui.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.ui.table.activated.connect(self._focus_detail)
        self._retranslate()

        # Sorting the view loads the list: the header's indicator says on what.
        default = spec.listing.default_order
        self.ui.table.horizontalHeader().setSortIndicator(
            spec.listing.index(default.key),
            Qt.SortOrder.DescendingOrder if default.descending else Qt.SortOrder.AscendingOrder,
        )
        if state is not None:
            self._restore_state(state)
        self.ui.table.setSortingEnabled(True)
        if not self.model.is_loaded:
            self.model.reload()

    def _set_up_table(self) -> None:
        table = self.ui.table
        table.setModel(self.model)
        header = table.horizontalHeader()
        header.setSectionsMovable(False)
        header.setResizeContentsPrecision(100)  # rows of the first page only
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        self.ui.splitter.setStretchFactor(0, 2)
        self.ui.splitter.setStretchFactor(1, 1)
        self.ui.splitter.setSizes([2000, 1000])  # scaled to the width: two to one

    def _make_empty_label(self) -> QLabel:
        """The text shown over an empty list, centred in it."""
        viewport = self.ui.table.viewport()
        label = QLabel(viewport)
        label.setObjectName("emptyLabel")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setEnabled(False)  # drawn in the disabled (grey) colour
        QVBoxLayout(viewport).addWidget(label)
        return label

    def _make_search_timer(self) -> QTimer:
        """Searches once typing pauses, not on every key."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(self.SEARCH_DELAY_MS)
        timer.timeout.connect(self._search_now)
        return timer

    # --- for the main window ------------------------------------------------------------------

    @property
    def spec(self) -> AreaSpec:
        return self._spec

    def count_text(self) -> str:
        return self._spec.count_text(self.model.rowCount())

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def current_id(self) -> int | None:
        index = self.ui.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_id(self, record_id: int) -> bool:
        """Select the record ``record_id`` if the list shows it."""
        row = self.model.row_of(record_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    def state(self) -> AreaState:
        return AreaState(self.ui.table.horizontalHeader().saveState(), self.ui.splitter.saveState())

    def _restore_state(self, state: AreaState) -> None:
        header = self.ui.table.horizontalHeader()
        if not state.columns.isEmpty() and header.restoreState(state.columns):
            if header.count() == len(self._spec.listing.columns):
                self._fitted = True  # the user's widths
            header.setSectionsMovable(False)
        if not state.splitter.isEmpty():
            self.ui.splitter.restoreState(state.splitter)

    def refresh(self) -> None:
        """Read the list again, keeping the selected record."""
        self.model.reload()

    def refresh_detail(self) -> None:
        """Read the selected record again: something linked to it changed, not the list."""
        record_id = self.current_id()
        self._show_record(None if record_id is None else self._spec.load(self._database, record_id))

    # --- searching ----------------------------------------------------------------------------

    def _search_later(self) -> None:
        self._search_timer.start()

    def _search_now(self) -> None:
        self._search_timer.stop()
        self.model.search(self.ui.searchEdit.text())

    def _search_and_go_to_list(self) -> None:
        self._search_now()
        if self.model.rowCount():
            self.ui.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- selection and the detail view --------------------------------------------------------

    def _remember_selection(self) -> None:
        self._keep_id = self.current_id()

    def _restore_selection(self) -> None:
        row = self.model.row_of(self._keep_id) if self._keep_id is not None else None
        self._keep_id = None
        if row is None and self.model.rowCount():
            row = 0
        if row is None:
            self._show_record(None)
        else:
            self._select_row(row)
        self._update_empty_label()
        if not self._fitted and self.model.rowCount():
            self._fit_columns()

    def _select_row(self, row: int) -> None:
        table = self.ui.table
        index = self.model.index(row, 0)
        table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        table.scrollTo(index)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record_id = self.model.id_at(current.row()) if current.isValid() else None
        if record_id is None:
            self._show_record(None)
            return
        self._show_record(self._spec.load(self._database, record_id))

    def _show_record(self, record: Any) -> None:
        self._record = record
        detail = self.ui.detail
        if record is None:
            detail.clear()
        else:
            detail.setHtml(self._spec.render(record))

    def _focus_detail(self) -> None:
        self.ui.detail.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_empty_label(self) -> None:
        empty = self.model.rowCount() == 0
        if empty:
            query = self.model.query
            text = self._spec.nothing_found(query) if query else self._spec.none_yet()
            self._empty_label.setText(text)
        self._empty_label.setVisible(empty)

    def _fit_columns(self) -> None:
        table = self.ui.table
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        for section in range(header.count() - 1):
            width = header.sectionSize(section) + self.COLUMN_PADDING
            header.resizeSection(section, min(width, self.MAX_COLUMN_WIDTH))
        self._fitted = True

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        spec = self._spec
        self.ui.searchEdit.setPlaceholderText(spec.search_placeholder())
        self.ui.searchEdit.setAccessibleName(spec.search_name())
        self.ui.table.setAccessibleName(spec.table_name())
        self.ui.detail.setAccessibleName(spec.detail_name())
        self.ui.detail.setPlaceholderText(spec.no_selection())
        self.model.retranslate()
        if self._record is not None:
            self._show_record(self._record)
        self._update_empty_label()
