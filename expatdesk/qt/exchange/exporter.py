"""Exporting a kind of record to a file (``shared/spec/data-exchange.md``), in a worker.

Apart from the import dialog (:mod:`expatdesk.qt.exchange.import_dialog`), which the main window
loads only when it is first opened: the File menu's export entries are built at start.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from expatdesk import clock, i18n
from expatdesk.db.database import Database
from expatdesk.i18n import N_, _
from expatdesk.qt import files, msgbox
from expatdesk.qt.background import Job

#: The kinds of records, in the order of the spec, with their (translatable) labels.
KIND_LABELS: dict[str, str] = {
    "employers": N_("Employers"),
    "hiring": N_("International hires per employer"),
    "expats": N_("Expats"),
    "services": N_("Service deliveries"),
    "surveys": N_("Survey responses"),
}
FILE_FILTER = N_("Spreadsheets (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx)")


class Exporter(QObject):
    """Exports a kind of record to a file the user chooses, in a worker.

    Signals:
        exported(int): this many records were written (also reported to the user).
        exportFailed(str): the export failed with this message (also shown).
    """

    exported = Signal(int)
    exportFailed = Signal(str)

    def __init__(
        self,
        database: Database,
        parent: QWidget,
        *,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._parent = parent
        self._today = today
        self._job: Job | None = None
        self._path: Path | None = None
        self._folder = Path.home()

    def is_busy(self) -> bool:
        return self._job is not None

    def export(self, kind: str) -> bool:
        """Ask for the file and export ``kind`` to it; ``False`` when cancelled or busy."""
        if self._job is not None:
            return False
        suggested = self._folder / f"{kind}-{self._today().isoformat()}.csv"
        path = files.save_file_name(
            self._parent,
            _("Export {kind}").format(kind=_(KIND_LABELS[kind]).lower()),
            suggested,
            _(FILE_FILTER),
        )
        if path is None:
            return False
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_name(path.name + ".csv")
        self._folder = path.parent
        self._path = path
        from expatdesk.exchange import export

        database = self._database
        self._job = Job(lambda: export(database, kind, path))
        self._job.finished.connect(self._done)
        self._job.failed.connect(self._failed)
        self._job.start()
        return True

    def _done(self, count: int) -> None:
        self._job = None
        assert self._path is not None
        msgbox.information(
            self._parent,
            _("Export"),
            i18n.ngettext(
                "{count} record exported to {file}.", "{count} records exported to {file}.", count
            ).format(count=i18n.format_number(count), file=self._path.name),
        )
        self.exported.emit(count)

    def _failed(self, message: str) -> None:
        self._job = None
        msgbox.error(self._parent, _("Export"), message)
        self.exportFailed.emit(message)
