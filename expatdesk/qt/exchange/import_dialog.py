"""Importing a file at the desk (``shared/spec/data-exchange.md``).

The dialog checks the chosen file in a worker (:func:`~expatdesk.exchange.prepare_import`, which
writes nothing) and shows the first rows, every row error and what an import would add, update
and leave unchanged. Import is possible only for a file without errors; it runs
:func:`~expatdesk.exchange.apply_import` in a worker, all or nothing.

Exporting is :mod:`expatdesk.qt.exchange.exporter`, which the main window loads at start; this
dialog loads when it is first opened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QPushButton, QWidget

from expatdesk import i18n
from expatdesk.accounts.actor import Actor
from expatdesk.common.changes import RECORDS_IMPORTED
from expatdesk.db.database import Database
from expatdesk.i18n import _
from expatdesk.qt import files, msgbox
from expatdesk.qt.acting import given_or_inherited
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.background import Job
from expatdesk.qt.exchange.exporter import FILE_FILTER, KIND_LABELS
from expatdesk.qt.forms.ui_import_dialog import Ui_ImportDialog
from expatdesk.qt.operations import change_bus

if TYPE_CHECKING:  # the exchange package loads when a file is checked, not at start-up
    from expatdesk.exchange import Counts, ImportPlan, RowError

log = logging.getLogger(__name__)


Index = QModelIndex | QPersistentModelIndex


def counts_text(counts: Counts) -> str:
    """``2 added, 0 updated, 1 unchanged``, numbers formatted for the language."""
    return _("{added} added, {updated} updated, {unchanged} unchanged").format(
        added=i18n.format_number(counts.added),
        updated=i18n.format_number(counts.updated),
        unchanged=i18n.format_number(counts.unchanged),
    )


class _TableModel(QAbstractTableModel):
    """Read-only text cells under a row of headers."""

    #: What a view still asking sees once Python's cycle collector has cleared a closed
    #: dialog's model (Qt's side goes after that): an empty table.
    _headers: Sequence[str] = ()
    _rows: Sequence[Sequence[str]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = []
        self._rows = []

    def set_table(self, headers: list[str], rows: list[list[str]]) -> None:
        self.beginResetModel()
        self._headers = headers
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not self.checkIndex(index):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1) if 0 <= section < len(self._rows) else None


class PreviewModel(_TableModel):
    """The first rows of a checked file, under the file's column names."""

    def set_plan(self, plan: ImportPlan | None) -> None:
        if plan is None:
            self.set_table([], [])
            return
        columns = list(plan.columns)
        self.set_table(columns, [[row.get(c, "") for c in columns] for row in plan.preview])


class ErrorsModel(_TableModel):
    """Every row error of a checked file: row, column, problem (headers translated)."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid() and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._errors: list[RowError] = []
        self.retranslate()

    def set_errors(self, errors: list[RowError]) -> None:
        self._errors = list(errors)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_table(
            [_("Row"), _("Column"), _("Problem")],
            [
                [i18n.format_number(error.row), error.column, error.message]
                for error in self._errors
            ],
        )


class ImportDialog(QDialog):
    """Choose a kind and a file, see it checked, and import it.

    Signals:
        checked(object): the file was checked; the :class:`ImportPlan`.
        checkFailed(str): the file could not be read at all (also shown to the user).
        imported(object): the import was written; its :class:`Counts`.
        importFailed(str): the import was refused and nothing written (also shown).
    """

    checked = Signal(object)
    checkFailed = Signal(str)
    imported = Signal(object)
    importFailed = Signal(str)

    def __init__(
        self,
        database: Database,
        parent: QWidget | None = None,
        *,
        kind: str = "employers",
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ImportDialog()
        self.ui.setupUi(self)
        colours.follow(self)
        scaling.keep_room(self)
        self._database = database
        self._actor = given_or_inherited(actor, parent)
        self._path: Path | None = None
        self._plan: ImportPlan | None = None
        self._job: Job | None = None
        self._applying = False
        self._check_again = False
        self._status = ""

        for name in KIND_LABELS:
            self.ui.kindCombo.addItem("", name)
        self.ui.kindCombo.setCurrentIndex(max(0, self.ui.kindCombo.findData(kind)))
        self.ui.kindCombo.currentIndexChanged.connect(self.check)

        self.preview_model = PreviewModel(self)
        self.ui.previewView.setModel(self.preview_model)
        self.ui.previewView.verticalHeader().hide()
        self.ui.previewView.horizontalHeader().setStretchLastSection(True)
        self.errors_model = ErrorsModel(self)
        self.ui.errorsView.setModel(self.errors_model)
        self.ui.errorsView.verticalHeader().hide()
        header = self.ui.errorsView.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.importButton: QPushButton = self.ui.buttonBox.addButton(
            "", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.importButton.setObjectName("importButton")
        self.importButton.setDefault(True)
        self.importButton.clicked.connect(self.start_import)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.browseButton.clicked.connect(self.browse)

        self._retranslate()
        self._show_plan()

    # --- state --------------------------------------------------------------------------------

    def kind(self) -> str:
        return str(self.ui.kindCombo.currentData())

    def plan(self) -> ImportPlan | None:
        return self._plan

    def is_busy(self) -> bool:
        return self._job is not None

    def set_path(self, path: Path) -> None:
        """Use ``path`` as the file and check it."""
        self._path = Path(path)
        self.ui.fileEdit.setText(str(self._path))
        self.ui.fileEdit.setToolTip(str(self._path))
        self.check()

    def browse(self) -> None:
        folder = self._path.parent if self._path is not None else Path.home()
        chosen = files.open_file_name(self, _("Choose the file to import"), folder, _(FILE_FILTER))
        if chosen is not None:
            self.set_path(chosen)

    # --- checking -----------------------------------------------------------------------------

    def check(self) -> None:
        """Check the file for the chosen kind in a worker; writes nothing."""
        self._plan = None
        if self._path is None:
            self._show_plan()
            return
        if self._job is not None:
            self._check_again = True  # the choice changed while checking: check once more after
            return
        database, kind, path = self._database, self.kind(), self._path
        self._status = _("Checking {file}…").format(file=path.name)
        from expatdesk.exchange import prepare_import

        self._start(lambda: prepare_import(database, kind, path), self._checked, self._check_failed)

    def _checked(self, plan: ImportPlan) -> None:
        self._job = None
        if self._check_again:
            self._check_again = False
            self.check()
            return
        self._plan = plan
        self._checked_texts()
        self._show_plan()
        self.checked.emit(plan)

    def _check_failed(self, message: str) -> None:
        self._job = None
        if self._check_again:
            self._check_again = False
            self.check()
            return
        self._status = message
        self._show_plan()
        msgbox.error(self, _("Check the file"), message)
        self.checkFailed.emit(message)

    # --- importing ----------------------------------------------------------------------------

    def start_import(self) -> None:
        """Write the checked file in a worker; reports the counts when done."""
        plan = self._plan
        if plan is None or not plan.ok or self._job is not None:
            return
        from expatdesk.exchange import apply_import

        database, actor = self._database, self._actor
        self._applying = True
        self._status = _("Importing {file}…").format(file=plan.path.name)
        self._start(
            lambda: apply_import(database, actor, plan), self._imported, self._import_failed
        )

    def _imported(self, counts: Counts) -> None:
        self._job = None
        self._applying = False
        self._status = _("Imported.")
        self._show_plan()
        msgbox.information(
            self,
            _("Import"),
            i18n.ngettext(
                "{count} record imported.",
                "{count} records imported.",
                counts.added + counts.updated,
            ).format(count=i18n.format_number(counts.added + counts.updated)),
            informative=counts_text(counts),
        )
        change_bus().announce(RECORDS_IMPORTED, self)
        self.imported.emit(counts)
        self.accept()

    def _import_failed(self, message: str) -> None:
        self._job = None
        self._applying = False
        msgbox.error(self, _("Import"), message)
        self.importFailed.emit(message)
        self.check()  # show what the database holds now

    # --- showing ------------------------------------------------------------------------------

    def _start(
        self,
        function: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[str], None],
    ) -> None:
        self._job = Job(function)
        self._job.finished.connect(done)
        self._job.failed.connect(failed)
        self._show_plan()
        self._job.start()

    def _show_plan(self) -> None:
        plan = self._plan
        busy = self._job is not None
        self.preview_model.set_plan(plan)
        self.errors_model.set_errors(plan.errors if plan is not None else [])
        has_errors = plan is not None and bool(plan.errors)
        self.ui.errorsLabel.setVisible(has_errors)
        self.ui.errorsView.setVisible(has_errors)
        self.ui.previewView.resizeColumnsToContents()
        if self._path is None:
            self._status = _("Choose a file to check.")
        self.ui.statusLabel.setText(self._status)
        if plan is not None and plan.ok and not plan.applied:
            self.ui.countsLabel.setText(
                _("When imported: {counts}").format(counts=counts_text(plan.counts))
            )
        elif plan is not None and plan.errors:
            self.ui.countsLabel.setText(_("Nothing can be imported while the file has errors."))
        else:
            self.ui.countsLabel.setText("")
        self.importButton.setEnabled(not busy and plan is not None and plan.ok and not plan.applied)
        for widget in (self.ui.kindCombo, self.ui.browseButton):
            widget.setEnabled(not self._applying)
        cancel = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setEnabled(not self._applying)

    def done(self, result: int) -> None:
        super().done(result)
        if self._job is None:
            self._plan = None  # the validated records can be many: keep them no longer

    def reject(self) -> None:
        if self._applying:  # the import is being written: it cannot be stopped halfway
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._applying:
            event.ignore()
            return
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        for number, label in enumerate(KIND_LABELS.values()):
            self.ui.kindCombo.setItemText(number, _(label))
        self.importButton.setText(_("&Import"))
        self.importButton.setAccessibleName(_("Import the file"))
        self.errors_model.retranslate()
        if self._plan is not None and self._job is None:
            self._checked_texts()
        self._show_plan()

    def _checked_texts(self) -> None:
        plan = self._plan
        assert plan is not None
        if plan.errors:
            self._status = i18n.ngettext(
                "The file has {count} error; correct it and check it again.",
                "The file has {count} errors; correct them and check the file again.",
                len(plan.errors),
            ).format(count=i18n.format_number(len(plan.errors)))
        else:
            self._status = _("The file is correct and can be imported.")
