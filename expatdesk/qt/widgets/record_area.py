"""An area of the main window: a searchable, filterable, sortable list and the selected record.

What differs between areas (the list, how a record is loaded and shown, the texts) is an
:class:`AreaSpec`; :mod:`expatdesk.qt.expats.area` and :mod:`expatdesk.qt.employers.area`
define theirs.

The list reads its ids off the GUI thread
(:class:`~expatdesk.qt.widgets.record_model.RecordTableModel` in the background mode): typing never
waits for a query, the first rows show as soon as they are found, and the count follows. The filter
bar (:class:`~expatdesk.qt.widgets.list_filters.FilterBar`) narrows the list down; "Export list…"
writes the list as shown to a CSV or XLSX file (:mod:`expatdesk.common.list_export`).
:func:`area_state` and :func:`save_area_state` keep the columns, the split, the filters and the
order of an area in the settings between sessions."""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from expatdesk.accounts.actor import Actor
from expatdesk.common.changes import Changes, Kind
from expatdesk.common.listing import Listing, Order
from expatdesk.db.database import Database
from expatdesk.errors import DatabaseError
from expatdesk.i18n import _
from expatdesk.privacy import access_log
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.forms.ui_record_area import Ui_RecordArea
from expatdesk.qt.operations import change_bus
from expatdesk.qt.settings import Settings
from expatdesk.qt.widgets.first_paint import FirstPaint
from expatdesk.qt.widgets.list_exporter import ListExporter
from expatdesk.qt.widgets.list_filters import FilterBar
from expatdesk.qt.widgets.record_model import RecordTableModel
from expatdesk.qt.widgets.search_keys import SearchBoxKeys

log = logging.getLogger(__name__)


FilterValues = Mapping[str, str | int]


@dataclass(frozen=True)
class AreaState:
    """What the user arranged in an area: the column widths and sort order, the split, the
    filters and the order of the list."""

    columns: QByteArray
    splitter: QByteArray
    filters: FilterValues = field(default_factory=dict)
    order: Order | None = None


def area_state(settings: Settings, name: str) -> AreaState:
    """The state of the area ``name`` (``"expats"``, ``"employers"``) kept in ``settings``."""
    return AreaState(
        getattr(settings, f"{name}_columns"),
        getattr(settings, f"{name}_splitter"),
        _filters_of(getattr(settings, f"{name}_filters")),
        _order_of(getattr(settings, f"{name}_order")),
    )


def save_area_state(settings: Settings, name: str, state: AreaState) -> None:
    """Keep ``state`` of the area ``name`` in ``settings`` for the next session."""
    setattr(settings, f"{name}_columns", state.columns)
    setattr(settings, f"{name}_splitter", state.splitter)
    setattr(settings, f"{name}_filters", json.dumps(dict(state.filters), sort_keys=True))
    order = state.order  # "-key" when descending
    text = "" if order is None else f"{'-' if order.descending else ''}{order.key}"
    setattr(settings, f"{name}_order", text)


def _filters_of(text: str) -> dict[str, str | int]:
    """Filter values kept as JSON; anything else reads as no filter."""
    try:
        values = json.loads(text) if text else {}
    except ValueError:
        log.info("ignoring the kept filters %r", text)
        return {}
    if not isinstance(values, dict):
        return {}
    return {
        str(key): value
        for key, value in values.items()
        if isinstance(value, (str, int)) and not isinstance(value, bool)
    }


def _order_of(text: str) -> Order | None:
    key = text.removeprefix("-")
    return Order(key, descending=text.startswith("-")) if key else None


#: The kinds of records an expat's or an employer's page shows besides the record itself.
DETAIL_KINDS = (Kind.EXPATS, Kind.EMPLOYERS, Kind.CASES, Kind.SURVEYS)


@dataclass(frozen=True)
class AreaSpec:
    """What makes an area the expats or the employers area.

    The text callables are called again after a language switch, so they return translated text.
    """

    name: str  # for object names: "expats"
    kind: Kind  # the records listed: a change of this kind reads the list again
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
        countChanged(int): the list now shows this many records (while the whole list is
            still being read, the first ones: :meth:`count_text` says so).
        openRecordRequested(str, int): a link on the record's page was followed: the kind of
            record ("expat", "employer", "case") and its id.
        recordActivated(int): a row was double-clicked or Enter was pressed on it: the record's
            id (the area shows it and moves the focus to it).
        listExported(int): the list was exported; this many records were written.
    """

    countChanged = Signal(int)
    openRecordRequested = Signal(str, int)
    recordActivated = Signal(int)
    listExported = Signal(int)

    #: Typing pauses this long before the list searches; the search itself runs off the GUI
    #: thread and shows its first rows within a few tens of milliseconds.
    SEARCH_DELAY_MS = 60
    MAX_COLUMN_WIDTH = 200
    COLUMN_PADDING = 10

    def __init__(
        self,
        database: Database,
        spec: AreaSpec,
        parent: QWidget | None = None,
        *,
        state: AreaState | None = None,
        actor: Actor | None = None,
        page_after_paint: bool = False,  # record page and filter choices after the first paint
    ) -> None:
        super().__init__(parent)
        self._actor = actor
        self.ui = Ui_RecordArea()
        self.ui.setupUi(self)
        self.setObjectName(f"{spec.name}Area")
        self._database = database
        self._spec = spec
        self._record: Any = None
        self._keep_id: int | None = None
        self._wanted_id: int | None = None
        #: The first row, selected while the list's rest may still hold the record wanted.
        self._stand_in: int | None = None
        self._fitted = False
        self._widths = scaling.FittedWidths(self.ui.table.horizontalHeader())
        self._go_to_list = False
        self._unpainted: int | None = None  # selected before the list was painted
        self._painted = not page_after_paint

        self.model = RecordTableModel(database, spec.listing, self, background=True)
        if page_after_paint:  # the record's page, the choices and the list's rest after it
            FirstPaint(self.ui.table.viewport(), self._painted_now)
            self.model.hold_rest()
        # Kept filters decide the first rows: their choices are read first, then.
        now = not page_after_paint or (state is not None and bool(state.filters))
        self.filterBar = FilterBar(database, spec.listing, self, choices_now=now)
        self.ui.filterLayout.addWidget(self._scrolling(self.filterBar))
        self._set_up_table()
        self._empty_label = self._make_empty_label()
        self._search_timer = self._make_search_timer()
        self.ui.searchEdit.textChanged.connect(self._search_later)
        self.ui.searchEdit.returnPressed.connect(self._search_and_go_to_list)
        SearchBoxKeys(self.ui.searchEdit, self._search_and_go_to_list)  # Down as Enter
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.loaded.connect(self._loaded)
        self.model.partlyLoaded.connect(self.countChanged)
        self.ui.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.ui.table.activated.connect(self._activated)
        self.ui.detail.anchorClicked.connect(self._link_clicked)
        self.filterBar.changed.connect(self._filter)
        self.exporter = ListExporter(
            self,
            database,
            spec.listing,
            self.model,
            self.ui.table,
            self.ui.exportButton,
            spec.table_name,
            actor=actor,
        )
        self.exporter.exported.connect(self.listExported)
        change_bus().changed.connect(self._changes_made)
        self._set_tab_order()
        self._retranslate()

        # Sorting the view loads the list: the header's indicator says on what.
        self._indicate(spec.listing.default_order)
        if state is not None:
            self._restore_state(state)
        self.model.request(order=self._indicated(), filters=self.filterBar.values(), load=False)
        self.ui.table.setSortingEnabled(True)
        if not self.model.is_loaded:
            self.model.reload()

    def _scrolling(self, bar: FilterBar) -> QScrollArea:
        """The filter bar in a strip that scrolls sideways where the window is narrow."""
        strip = QScrollArea(self)
        strip.setObjectName("filterStrip")
        strip.setWidget(bar)
        strip.setWidgetResizable(True)
        strip.setFrameShape(QFrame.Shape.NoFrame)
        strip.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the filters in it
        strip.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        strip.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll_bar = strip.horizontalScrollBar().sizeHint().height()
        strip.setFixedHeight(bar.sizeHint().height() + scroll_bar)
        strip.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        strip.setVisible(bool(self._spec.listing.filters))
        return strip

    def _set_tab_order(self) -> None:
        """Search, the filters and "Clear filters", Export, the list, the record."""
        chain: list[QWidget] = [self.ui.searchEdit]
        chain += [*self.filterBar.controls(), self.filterBar.clearButton]
        chain += [self.ui.exportButton, self.ui.table, self.ui.detail]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _indicate(self, order: Order) -> None:
        """Show ``order`` in the header's sort indicator."""
        self.ui.table.horizontalHeader().setSortIndicator(
            self._spec.listing.index(order.key),
            Qt.SortOrder.DescendingOrder if order.descending else Qt.SortOrder.AscendingOrder,
        )

    def _indicated(self) -> Order:
        header = self.ui.table.horizontalHeader()
        columns = self._spec.listing.columns
        section = header.sortIndicatorSection()
        if not 0 <= section < len(columns):
            return self._spec.listing.default_order
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        return Order(columns[section].key, descending)

    def _set_up_table(self) -> None:
        table = self.ui.table
        table.setModel(self.model)
        header = table.horizontalHeader()
        header.setSectionsMovable(False)
        header.setResizeContentsPrecision(100)  # rows of the first page only
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)
        scaling.keep_titles(header)
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
        label.setBackgroundRole(QPalette.ColorRole.Base)
        colours.paint(label, colours.Role.MUTED)  # secondary, but readable
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
        if not self.model.complete:
            return _("Counting…")
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
        self._painted_now()  # asked for: its page is shown at once
        return True

    def show_record(self, record_id: int) -> None:
        """Select the record ``record_id``; when the search or the filters hide it, they are
        cleared (and the record is selected once the list holds it)."""
        if self.select_id(record_id):
            return
        self._wanted_id = record_id
        self._search_timer.stop()
        self.ui.searchEdit.blockSignals(True)
        self.ui.searchEdit.clear()
        self.ui.searchEdit.blockSignals(False)
        self.filterBar.set_values({})
        self.model.request(query="", filters={})

    def filters(self) -> dict[str, str | int]:
        """The filter values chosen now."""
        return self.filterBar.values()

    def set_filters(self, values: FilterValues) -> None:
        """Choose the filter values ``values`` and show the list they let through."""
        self.filterBar.set_values(values)
        self.model.set_filters(self.filterBar.values())

    def state(self) -> AreaState:
        return AreaState(
            self.ui.table.horizontalHeader().saveState(),
            self.ui.splitter.saveState(),
            self.filterBar.values(),
            self.model.order,
        )

    def _restore_state(self, state: AreaState) -> None:
        header = self.ui.table.horizontalHeader()
        if not state.columns.isEmpty() and header.restoreState(state.columns):
            if header.count() == len(self._spec.listing.columns):
                self._fitted = True  # the user's widths
            header.setSectionsMovable(False)
        if not state.splitter.isEmpty():
            self.ui.splitter.restoreState(state.splitter)
        order = state.order
        if order is not None and order.key in {c.key for c in self._spec.listing.columns}:
            self._indicate(order)
        self.filterBar.set_values(state.filters)

    def refresh(self) -> None:
        """Read the list again, keeping the selected record (and the filters' choices)."""
        self.filterBar.refresh_choices()
        self.model.reload()

    def refresh_detail(self) -> None:
        """Read the selected record again: something linked to it changed, not the list."""
        if not self._painted and self._unpainted is not None:
            return self._painted_now()  # reads it
        record_id = self.current_id()
        self._show_record(None if record_id is None else self._load(record_id))

    def _changes_made(self, changes: Changes, _initiator: object) -> None:
        """A write changed records: the list when they are of this area's kind; the selected
        record's page when it may show them (its cases, services, surveys, employer, people)."""
        if changes.touches(self._spec.kind):
            self.refresh()
            self.refresh_detail()
        elif changes.touches(*DETAIL_KINDS):
            self.refresh_detail()

    # --- searching ----------------------------------------------------------------------------

    def _search_later(self) -> None:
        self._search_timer.start()

    def _search_now(self) -> None:
        self._search_timer.stop()
        self.model.search(self.ui.searchEdit.text())

    def _search_and_go_to_list(self) -> None:
        """Enter (or Down): search now, and go to the list when it shows what was found."""
        self._go_to_list = True
        self._search_now()
        if not self.model.busy:  # the same search as before: nothing to wait for
            self._to_list()

    def _to_list(self) -> None:
        self._go_to_list = False
        if self.model.rowCount():
            self.ui.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _filter(self, values: dict[str, str | int]) -> None:
        self.model.set_filters(values)

    def _loaded(self, count: int) -> None:
        """The whole list is read: its count, and a record asked for before it was there."""
        wanted, self._wanted_id = self._wanted_id, None
        if wanted is not None and self.current_id() in (None, self._stand_in):
            self.select_id(wanted)
        self._stand_in = None
        self.countChanged.emit(count)

    # --- exporting ----------------------------------------------------------------------------

    def export_list(self) -> bool:
        """Ask for a file and write the list to it as it is shown (see :class:`ListExporter`)."""
        return self.exporter.export()

    def visible_columns(self) -> list[str]:
        """The keys of the columns the list shows, in the order it shows them."""
        return self.exporter.visible_columns()

    def is_exporting(self) -> bool:
        return self.exporter.is_exporting()

    # --- selection and the detail view --------------------------------------------------------

    def _remember_selection(self) -> None:
        self._keep_id = self.current_id()

    def _restore_selection(self) -> None:
        keep = self._wanted_id if self._wanted_id is not None else self._keep_id
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None or self.model.complete:
            self._wanted_id = None
        else:
            # The rest of the list may hold it (a list sorted again after a language switch, a
            # search): :meth:`_loaded` selects it then, unless the user chose another meanwhile.
            self._wanted_id = keep
        self._keep_id = None
        self._stand_in = None
        if row is None and self.model.rowCount():
            row = 0
            self._stand_in = self.model.id_at(0) if self._wanted_id is not None else None
        if row is None:
            self._show_record(None)
        else:
            self._select_row(row)
        self._update_empty_label()
        if not self._fitted and self.model.rowCount():
            self._fit_columns()
        if self._go_to_list:
            self._to_list()

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
        if not self._painted:  # the first page of the list is painted first
            self._unpainted = record_id
            return
        self._show_record(self._load(record_id))

    def _painted_now(self) -> None:
        """The list has been painted (or a record is asked for): show the selected record."""
        if self._painted:
            return
        self._painted = True
        self.model.release_rest()
        self.filterBar.read_choices()
        if self._unpainted is not None and self._unpainted == self.current_id():
            self._show_record(self._load(self._unpainted))
        self._unpainted = None

    def _load(self, record_id: int) -> Any:
        """The record ``record_id`` as its page shows it; opening an expat's is logged."""
        record = self._spec.load(self._database, record_id)
        if record is not None and self._spec.name == "expats":
            try:
                access_log.record_opened(self._database, self._actor, "expat", record_id)
            except DatabaseError as error:  # a read-only file: the page is still shown
                log.warning("opening expat %s was not logged: %s", record_id, error)
        return record

    def _show_record(self, record: Any) -> None:
        self._record = record
        detail = self.ui.detail
        if record is None:
            detail.clear()
        else:
            detail.setHtml(self._spec.render(record))

    def _link_clicked(self, url: QUrl) -> None:
        from expatdesk.qt.widgets.detail_html import record_of  # with the page, after the paint

        target = record_of(url.toString())
        if target is not None:
            self.openRecordRequested.emit(*target)

    def _activated(self, index: QModelIndex) -> None:
        """Double-click or Enter on a row: open the record (its page gets the focus)."""
        record_id = self.model.id_at(index.row())
        if record_id is None:
            return
        if self.current_id() != record_id:
            self._select_row(index.row())
        self.ui.detail.setFocus(Qt.FocusReason.OtherFocusReason)
        self.recordActivated.emit(record_id)

    def _update_empty_label(self) -> None:
        empty = self.model.rowCount() == 0
        if empty:
            query = self.model.query
            if query:
                text = self._spec.nothing_found(query)
            elif self.model.filters:
                text = _("No record passes these filters.")
            else:
                text = self._spec.none_yet()
            self._empty_label.setText(text)
        self._empty_label.setVisible(empty)

    def _fit_columns(self) -> None:
        table = self.ui.table
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        for section in range(header.count() - 1):
            width = header.sectionSize(section) + self.COLUMN_PADDING
            header.resizeSection(section, min(width, self.MAX_COLUMN_WIDTH))
        scaling.keep_titles(header)
        self._fitted = True
        self._widths.fitted()

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        elif event.type() == QEvent.Type.PaletteChange and self._record is not None:
            # The page's colours are the palette's: shown again once every widget has it.
            QTimer.singleShot(0, self, lambda: self._show_record(self._record))
        super().changeEvent(event)

    def _retranslate(self) -> None:
        spec = self._spec
        self.exporter.retranslate()
        self.ui.searchEdit.setPlaceholderText(spec.search_placeholder())
        self.ui.searchEdit.setAccessibleName(spec.search_name())
        self.ui.table.setAccessibleName(spec.table_name())
        self.ui.detail.setAccessibleName(spec.detail_name())
        self.ui.detail.setPlaceholderText(spec.no_selection())
        self.model.retranslate()
        self._widths.refit_later(self, self._fit_columns)
        if self._record is not None:
            self._show_record(self._record)
        self._update_empty_label()
