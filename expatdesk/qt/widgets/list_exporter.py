"""Export a list as it is shown (search, filters, order, visible columns) to CSV or XLSX.

A :class:`ListExporter` belongs to a list area: its button asks for a file, the rows are
written in a worker (:func:`expatdesk.common.list_export.export_list`, page by page, atomically),
and the button says "Exporting…" meanwhile, so a second export cannot start.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton, QTableView, QWidget

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor
from expatdesk.common.listing import Listing
from expatdesk.db.database import Database
from expatdesk.i18n import N_, _
from expatdesk.qt import files, msgbox
from expatdesk.qt.background import Job
from expatdesk.qt.widgets.record_model import RecordTableModel

#: The file types the list exports to.
EXPORT_FILTER = N_("Spreadsheets (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx)")


class ListExporter(QObject):
    """The "Export list…" button of one list.

    Signals:
        exported(int): the list was exported; this many records were written.
    """

    exported = Signal(int)

    def __init__(
        self,
        area: QWidget,
        database: Database,
        listing: Listing,
        model: RecordTableModel,
        table: QTableView,
        button: QPushButton,
        title: Callable[[], str],
        label: str = N_("&Export list…"),
        *,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(area)
        self._actor = actor
        self._area = area
        self._database = database
        self._listing = listing
        self._model = model
        self._table = table
        self._button = button
        self._title = title
        self._label = label  # an untranslated msgid with the button's Alt+letter
        self._job: Job | None = None
        self.folder = Path.home()
        self.today: Callable[[], date] = clock.today
        button.clicked.connect(self.export)

    def export(self) -> bool:
        """Ask for a file and write the list to it as it is shown, in a worker.

        ``False`` when the user cancelled or an export is still running.
        """
        if self._job is not None:
            return False
        title = self._title()
        suggested = self.folder / f"{self._listing.name}-{self.today().isoformat()}.xlsx"
        path = files.save_file_name(self._area, _("Export list"), suggested, _(EXPORT_FILTER))
        if path is None:
            return False
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_name(path.name + ".xlsx")
        self.folder = path.parent
        database, listing, model, actor = self._database, self._listing, self._model, self._actor
        query, order, filters = model.query, model.order, model.filters
        columns = self.visible_columns()
        # Here, not at start-up: the export reaches the exchange package and openpyxl.
        from expatdesk.common.list_export import export_list

        job = Job(
            lambda: export_list(
                database,
                listing,
                path,
                query=query,
                order=order,
                filters=filters,
                columns=columns,
                title=title,
                actor=actor,
            )
        )
        job.finished.connect(lambda count: self._exported(path, count))
        job.failed.connect(self._failed)
        self._job = job
        self.retranslate()
        job.start()
        return True

    def visible_columns(self) -> list[str]:
        """The keys of the columns the list shows, in the order it shows them."""
        header = self._table.horizontalHeader()
        columns = self._listing.columns
        logical = [header.logicalIndex(visual) for visual in range(header.count())]
        return [
            columns[i].key
            for i in logical
            if 0 <= i < len(columns) and not header.isSectionHidden(i)
        ]

    def is_exporting(self) -> bool:
        return self._job is not None

    def retranslate(self) -> None:
        self._button.setEnabled(self._job is None)
        self._button.setText(_(self._label) if self._job is None else _("Exporting…"))

    def _exported(self, path: Path, count: int) -> None:
        self._job = None
        self.retranslate()
        msgbox.information(
            self._area,
            _("Export list"),
            i18n.ngettext(
                "{count} record exported to {file}.", "{count} records exported to {file}.", count
            ).format(count=i18n.format_number(count), file=path.name),
        )
        self.exported.emit(count)

    def _failed(self, message: str) -> None:
        self._job = None
        self.retranslate()
        msgbox.error(self._area, _("Export list"), message)
