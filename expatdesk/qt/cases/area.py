"""The cases area: the list of cases (searched, filtered, sorted) beside the selected case's page.

The list is :data:`expatdesk.cases.listing.LISTING`, read lazily like the expats list; the search
box matches the ref, the subject and the client's name, folded. The list takes the larger part of
the width and its columns are fitted into it, every column in view: the subject and the client
give up width first (cut short, the whole text in their tooltip). Two filters narrow it down: the
status ("Open cases" = every status but closed) and the owner ("My cases" is the signed-in staff
member's). The area opens on "my open cases". The selected case shows in a
:class:`~expatdesk.qt.cases.page.CasePage`, where every change saves at once; the list follows.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from expatdesk.accounts.actor import Actor
from expatdesk.cases import detail as case_detail
from expatdesk.cases import listing as case_listing
from expatdesk.cases import statuses as case_statuses
from expatdesk.common.changes import Changes, Kind
from expatdesk.db.database import Database
from expatdesk.i18n import N_, _, ngettext
from expatdesk.qt.appearance import scaling
from expatdesk.qt.cases.desk_widgets import select_data
from expatdesk.qt.cases.page import CasePage
from expatdesk.qt.forms.ui_cases_area import Ui_CasesArea
from expatdesk.qt.operations import change_bus
from expatdesk.qt.widgets.list_exporter import ListExporter
from expatdesk.qt.widgets.record_area import AreaState
from expatdesk.qt.widgets.record_model import Index, RecordTableModel

log = logging.getLogger(__name__)

#: The status filter's "all cases" and the owner filter's "everyone" (no filter).
EVERY = "*"
#: The columns that give up width when the list is narrow; their tooltip shows the whole text.
SQUEEZED = ("subject", "client")


class CasesModel(RecordTableModel):
    """The cases list; a squeezed column shows its whole text as a tooltip."""

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(database, case_listing.LISTING, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            if self._listing.columns[index.column()].key in SQUEEZED:
                return super().data(index, Qt.ItemDataRole.DisplayRole) or None
            return None
        return super().data(index, role)


class CasesArea(QWidget):
    """The cases list and the selected case's page.

    Signals:
        countChanged(int): the list now shows this many cases.
        listExported(int): the list was exported; this many cases were written.
        openRecordRequested(str, int): open a client (``"expat"``/``"employer"``, id).
    """

    countChanged = Signal(int)
    listExported = Signal(int)
    openRecordRequested = Signal(str, int)

    SEARCH_DELAY_MS = 150
    MAX_COLUMN_WIDTH = 260
    #: A squeezed column keeps at least this width.
    MIN_SQUEEZED_WIDTH = 90
    #: The list's and the page's shares of the width, when the page needs no more.
    SPLIT = (3, 2)

    def __init__(
        self,
        database: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        state: AreaState | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_CasesArea()
        self.ui.setupUi(self)
        self.setObjectName("casesArea")
        self._database = database
        self._actor = actor
        self._keep_id: int | None = None
        self._page_changed = False  # the list is read again after a change on the page
        self._fitted = False
        self._widths = scaling.FittedWidths(self.ui.table.horizontalHeader())

        self.page = CasePage(database, actor, self.ui.splitter)
        self.page.setObjectName("casePage")
        self.ui.splitter.addWidget(self.page)
        list_share, page_share = self.SPLIT
        self.ui.splitter.setStretchFactor(0, list_share)
        self.ui.splitter.setStretchFactor(1, page_share)
        self.ui.splitter.setSizes([list_share * 1000, page_share * 1000])
        self.setTabOrder(self.ui.table, self.page)

        self.model = CasesModel(database, self)
        self._set_up_table()
        self._empty_label = self._make_empty_label()
        self._fill_filters()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search_now)
        self.ui.searchEdit.textChanged.connect(self._search_timer.start)
        self.ui.searchEdit.returnPressed.connect(self._search_and_go_to_list)
        self.ui.statusFilter.currentIndexChanged.connect(self._filters_changed)
        self.ui.ownerFilter.currentIndexChanged.connect(self._filters_changed)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.loaded.connect(self.countChanged)
        self.exporter = ListExporter(
            self,
            database,
            case_listing.LISTING,
            self.model,
            self.ui.table,
            self.ui.exportButton,
            lambda: _("Cases"),
            label=N_("E&xport list…"),
            actor=actor,
        )
        self.exporter.exported.connect(self.listExported)
        self.ui.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.ui.table.activated.connect(self._focus_page)
        self.page.changed.connect(self._case_changed)
        change_bus().changed.connect(self._changes_made)
        self.page.openRecordRequested.connect(self.openRecordRequested)
        self._retranslate()

        default = case_listing.LISTING.default_order
        self.ui.table.horizontalHeader().setSortIndicator(
            case_listing.LISTING.index(default.key),
            Qt.SortOrder.DescendingOrder if default.descending else Qt.SortOrder.AscendingOrder,
        )
        if state is not None:
            self._restore_state(state)
        self.ui.table.setSortingEnabled(True)
        self.model.set_filters(self.filters())

    def _set_up_table(self) -> None:
        table = self.ui.table
        table.setModel(self.model)
        header = table.horizontalHeader()
        header.setSectionsMovable(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)
        scaling.keep_titles(header)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)

    def _make_empty_label(self) -> QLabel:
        viewport = self.ui.table.viewport()
        label = QLabel(viewport)
        label.setObjectName("emptyLabel")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setEnabled(False)
        QVBoxLayout(viewport).addWidget(label)
        return label

    def _fill_filters(self) -> None:
        """The filters' items (texts in :meth:`_retranslate`); "my open cases" chosen."""
        status = self.ui.statusFilter
        status.blockSignals(True)
        status.addItem("", case_listing.OPEN)
        status.addItem("", EVERY)
        for code in case_statuses.STATUSES:
            status.addItem("", code)
        status.setCurrentIndex(0)
        status.blockSignals(False)
        self._fill_owners()

    def _fill_owners(self) -> None:
        combo = self.ui.ownerFilter
        chosen = combo.currentData() if combo.count() else self._actor.user_id or EVERY
        combo.blockSignals(True)
        combo.clear()
        if self._actor.user_id is not None:
            combo.addItem(_("My cases"), self._actor.user_id)
        combo.addItem(_("Everyone's cases"), EVERY)
        combo.addItem(_("Nobody's cases"), case_listing.UNASSIGNED)
        for owner in case_detail.owners(self._database):
            if owner.id != self._actor.user_id:
                combo.addItem(owner.name, owner.id)
        if not select_data(combo, chosen):
            combo.setCurrentIndex(0)
        combo.blockSignals(False)

    # --- for the main window ------------------------------------------------------------------

    def count_text(self) -> str:
        count = self.model.rowCount()
        return ngettext("{count} case", "{count} cases", count).format(count=count)

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def filters(self) -> dict[str, str | int]:
        """The filter values chosen now, as :func:`~expatdesk.common.listing.find_ids` takes."""
        chosen: dict[str, str | int] = {}
        status = self.ui.statusFilter.currentData()
        if status is not None and status != EVERY:
            chosen["status"] = str(status)
        owner = self.ui.ownerFilter.currentData()
        if owner is not None and owner != EVERY:
            chosen["owner"] = int(owner)
        return chosen

    def current_id(self) -> int | None:
        index = self.ui.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def open_case(self, case_id: int) -> None:
        """Show the case ``case_id``: selected in the list when the list holds it, on the page
        in any case."""
        row = self.model.row_of(case_id)
        if row is not None:
            self._select_row(row)
        else:
            self.ui.table.selectionModel().clear()
        if self.page.case_id != case_id:
            self.page.show_case(case_id)

    def refresh(self) -> None:
        """Read the list (and the shown case) again."""
        self._fill_owners()
        self.model.reload()
        self.page.reload()

    def state(self) -> AreaState:
        """Columns, split and the chosen filters ("everything" kept as such, not as unset)."""
        chosen: dict[str, str | int] = {}
        for key, combo in (("status", self.ui.statusFilter), ("owner", self.ui.ownerFilter)):
            value = combo.currentData()
            if value is not None:
                chosen[key] = value if isinstance(value, int) else str(value)
        return AreaState(
            self.ui.table.horizontalHeader().saveState(), self.ui.splitter.saveState(), chosen
        )

    def _restore_state(self, state: AreaState) -> None:
        header = self.ui.table.horizontalHeader()
        if not state.columns.isEmpty() and header.restoreState(state.columns):
            if header.count() == len(case_listing.LISTING.columns):
                self._fitted = True
            header.setSectionsMovable(False)
        if not state.splitter.isEmpty():
            self.ui.splitter.restoreState(state.splitter)
        for key, combo in (("status", self.ui.statusFilter), ("owner", self.ui.ownerFilter)):
            if key in state.filters:
                combo.blockSignals(True)
                select_data(combo, state.filters[key])  # an owner who left: the default stays
                combo.blockSignals(False)

    # --- searching and filtering --------------------------------------------------------------

    def _search_now(self) -> None:
        self._search_timer.stop()
        self.model.search(self.ui.searchEdit.text())

    def _search_and_go_to_list(self) -> None:
        self._search_now()
        if self.model.rowCount():
            self.ui.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _filters_changed(self) -> None:
        self.model.set_filters(self.filters())

    # --- selection and the page ---------------------------------------------------------------

    def _remember_selection(self) -> None:
        self._keep_id = self.page.case_id if self._page_changed else self.current_id()

    def _restore_selection(self) -> None:
        """Select the case selected before; after a search or a new filter, the first case if
        that one is gone. A case changed on its page stays there even when it left the list."""
        keep, page_changed = self._keep_id, self._page_changed
        self._keep_id, self._page_changed = None, False
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and not page_changed and self.model.rowCount():
            row = 0
        if row is not None:
            self._select_row(row)
        elif not page_changed:
            self.page.clear()
        self._update_empty_label()
        if not self._fitted and self.model.rowCount() and self.ui.table.isVisible():
            self._fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            # Once the list has its width: the layout settles after the show.
            QTimer.singleShot(0, self, self._fit_columns_once)

    def _fit_columns_once(self) -> None:
        if not self._fitted and self.model.rowCount() and self.ui.table.isVisible():
            self._fit_columns()

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.ui.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.ui.table.scrollTo(index)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case_id = self.model.id_at(current.row()) if current.isValid() else None
        if case_id is not None and case_id != self.page.case_id:
            self.page.show_case(case_id)

    def _focus_page(self) -> None:
        self.page.ui.tabs.setFocus(Qt.FocusReason.OtherFocusReason)

    def _case_changed(self, _case_id: int) -> None:
        """A change on the page may move the case in or out of the list, or change its row."""
        focused = self.focusWidget()
        self._page_changed = True
        self.model.reload()
        if focused is not None and focused.isVisible():
            focused.setFocus()

    def _changes_made(self, changes: Changes, initiator: object) -> None:
        """Cases changed elsewhere (a case opened, records merged or erased, an import): read
        the list and the shown case again. A change made on this area's own page is already
        followed by :meth:`_case_changed`."""
        if initiator is not self.page and changes.touches(Kind.CASES):
            self.refresh()

    def _update_empty_label(self) -> None:
        empty = self.model.rowCount() == 0
        if empty:
            if self.model.query:
                text = _("No case matches “{query}”.").format(query=self.model.query)
            elif self.filters():
                text = _("No cases to show; choose other filters to see more.")
            else:
                text = _("No cases yet. Open one from an expat's or an employer's page.")
            self._empty_label.setText(text)
        self._empty_label.setVisible(empty)

    def _fit_columns(self) -> None:
        """Each column as wide as its contents (up to a limit); when that is wider than the
        list, the subject and the client give up the difference, so every column is in view."""
        table = self.ui.table
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        count = header.count()
        widths = [
            min(header.sectionSize(section) + 10, self.MAX_COLUMN_WIDTH) for section in range(count)
        ]
        squeezed = [
            section
            for section, column in enumerate(case_listing.LISTING.columns)
            if column.key in SQUEEZED and section < count
        ]
        excess = sum(widths) - table.viewport().width()
        spare = sum(max(widths[section] - self.MIN_SQUEEZED_WIDTH, 0) for section in squeezed)
        if excess > 0 and spare > 0:
            share = min(excess / spare, 1.0)
            for section in squeezed:
                give = int((widths[section] - self.MIN_SQUEEZED_WIDTH) * share + 0.999)
                widths[section] -= max(give, 0)
        for section in range(count - 1):  # the last one fills the rest
            header.resizeSection(section, widths[section])
        scaling.keep_titles(header)
        self._fitted = True
        self._widths.fitted()

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.exporter.retranslate()
        status = self.ui.statusFilter
        status.setItemText(0, _("Open cases"))
        status.setItemText(1, _("All cases"))
        for index, code in enumerate(case_statuses.STATUSES, start=2):
            status.setItemText(index, case_statuses.status_label(code))
        self._fill_owners()
        self.ui.searchEdit.setPlaceholderText(_("Ref., subject or client"))
        self.model.retranslate()
        self._widths.refit_later(self, self._fit_columns)
        self._update_empty_label()
