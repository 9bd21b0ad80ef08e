"""The Reports area: make the targets report for a range of years, read it, print it, save it.

The report is computed and rendered to PDF in a worker thread (:mod:`.background`); the pages
are then shown with QtPdf. Printing paints the rendered pages (:mod:`.printing`).

Print, preview, save and export act on the report shown. Once the years or the language in the
fields differ from those of the report shown, the report is out of date: the area says so and
those actions are disabled until the report is made again, so what is saved is always what the
fields say.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor
from expatdesk.db.database import Database
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.qt import files, msgbox
from expatdesk.qt.acting import given_or_inherited
from expatdesk.qt.appearance import colours
from expatdesk.qt.appearance.accessible import name_by_label
from expatdesk.qt.background import Job
from expatdesk.qt.widgets import printing

if TYPE_CHECKING:
    from expatdesk.reports.targets import TargetsReport

log = logging.getLogger(__name__)

#: The first year the centre has figures for: the default start of the range.
FIRST_REPORT_YEAR = 2012
#: The report's languages, with their names in their own language.
REPORT_LANGUAGES = {"nl": "Nederlands", "en": "English"}


@dataclass(frozen=True)
class MadeReport:
    """A computed report with its PDF, and how long it took (seconds)."""

    report: TargetsReport
    pdf: bytes
    language: str
    seconds: float


def make_report(
    database: Database,
    actor: Actor,
    year_from: int,
    year_to: int,
    language: str,
    today: date | None = None,
) -> MadeReport:
    """Compute the targets report and render it as PDF (runs in a worker thread)."""
    from expatdesk.reports.pdf import render_targets_pdf
    from expatdesk.reports.target_settings import read_centre_name
    from expatdesk.reports.targets import targets_report

    started = time.perf_counter()
    today = today or clock.today()
    report = targets_report(database, actor, year_from, year_to, today=today)
    pdf = render_targets_pdf(
        report,
        language=language,
        centre_name=read_centre_name(database),
        printed_on=today,
        source=database.name,
    )
    return MadeReport(report, pdf, language, time.perf_counter() - started)


class ReportsArea(QWidget):
    """Choose the years and language, make the report, and show, print or save it.

    Signals:
        reportShown(int): a report was made and its pages (this many) are shown.
        reportFailed(str): making the report failed with this message (also shown to the user).
        settingsRequested(): the user asked for the target settings.
    """

    reportShown = Signal(int)
    reportFailed = Signal(str)
    settingsRequested = Signal()

    def __init__(
        self,
        database: Database,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = clock.today,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportsArea")
        self._database = database
        self._actor = given_or_inherited(actor, parent)
        self._today = today
        self._job: Job | None = None
        self._made: MadeReport | None = None
        self._started = 0.0
        self.last_seconds: float | None = None
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)

        from expatdesk.reports.target_years import FIRST_YEAR

        year = today().year
        self.fromLabel = QLabel(self)
        self.yearFrom = QSpinBox(self)
        self.yearFrom.setObjectName("yearFrom")
        self.yearFrom.setRange(FIRST_YEAR, year)
        self.yearFrom.setValue(min(FIRST_REPORT_YEAR, year))
        self.fromLabel.setBuddy(self.yearFrom)
        self.toLabel = QLabel(self)
        self.yearTo = QSpinBox(self)
        self.yearTo.setObjectName("yearTo")
        self.yearTo.setRange(FIRST_YEAR, year)  # no figures exist for later years
        self.yearTo.setValue(year)
        self.toLabel.setBuddy(self.yearTo)
        self.yearFrom.valueChanged.connect(self._from_changed)
        self.yearTo.valueChanged.connect(self._to_changed)
        self.yearFrom.valueChanged.connect(self._fields_changed)
        self.yearTo.valueChanged.connect(self._fields_changed)
        self.languageLabel = QLabel(self)
        self.language = QComboBox(self)
        self.language.setObjectName("reportLanguage")
        for code, name in REPORT_LANGUAGES.items():
            self.language.addItem(name, code)
        self.languageLabel.setBuddy(self.language)
        self.set_report_language(i18n.language())
        self.language.currentIndexChanged.connect(self._fields_changed)

        self.makeButton = QPushButton(self)
        self.makeButton.setObjectName("makeButton")
        self.makeButton.clicked.connect(self.make)
        self.settingsButton = QPushButton(self)
        self.settingsButton.setObjectName("settingsButton")
        self.settingsButton.clicked.connect(self.settingsRequested)

        self.actionMake = self._action("actionMakeReport", "Ctrl+R", self.make)
        self.actionPrint = self._action("actionPrint", QKeySequence.StandardKey.Print, self.print)
        self.actionPreview = self._action("actionPrintPreview", "Ctrl+Shift+P", self.preview)
        self.actionSavePdf = self._action(
            "actionSavePdf", QKeySequence.StandardKey.Save, self.save_pdf
        )
        self.actionExportJson = self._action("actionExportJson", "Ctrl+E", self.export_json)
        self._output_actions = [
            self.actionPrint,
            self.actionPreview,
            self.actionSavePdf,
            self.actionExportJson,
        ]
        self._output_buttons: list[QPushButton] = []
        for action in self._output_actions:
            button = QPushButton(self)
            button.setObjectName(action.objectName().replace("action", "") + "Button")
            button.clicked.connect(action.trigger)
            self._output_buttons.append(button)

        controls = QHBoxLayout()
        for widget in (
            self.fromLabel,
            self.yearFrom,
            self.toLabel,
            self.yearTo,
            self.languageLabel,
            self.language,
            self.makeButton,
        ):
            controls.addWidget(widget)
        self.statusLabel = QLabel(self)
        self.statusLabel.setObjectName("reportStatus")
        self.statusLabel.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        controls.addWidget(self.statusLabel, 1)
        outputs = QHBoxLayout()
        for button in self._output_buttons:
            outputs.addWidget(button)
        outputs.addStretch(1)
        # On a row of its own: with large text one row of all the buttons is wider than a screen.
        settings_row = QHBoxLayout()
        settings_row.addStretch(1)
        settings_row.addWidget(self.settingsButton)

        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self.view = QPdfView(self)
        self.view.setObjectName("reportView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("reportPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        self.staleLabel = QLabel(self)
        self.staleLabel.setObjectName("reportStale")
        self.staleLabel.setWordWrap(True)
        self.staleLabel.setMargin(6)
        colours.banner(self.staleLabel, colours.Role.WARNING)
        colours.paint(self.staleLabel, colours.Role.WARNING)
        self.staleLabel.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(outputs)
        layout.addLayout(settings_row)
        layout.addWidget(self.staleLabel)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.view, 1)
        self.view.hide()

        self.setTabOrder(self.yearFrom, self.yearTo)
        self.setTabOrder(self.yearTo, self.language)
        self.setTabOrder(self.language, self.makeButton)
        self.setTabOrder(self.makeButton, self.settingsButton)
        previous: QWidget = self.settingsButton
        for button in self._output_buttons:
            self.setTabOrder(previous, button)
            previous = button
        self.setTabOrder(previous, self.view)
        self._update_actions()
        self._retranslate()

    def _action(self, name: str, shortcut: object, slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))  # type: ignore[call-overload]
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    # --- the range and language ---------------------------------------------------------------

    def set_years(self, year_from: int, year_to: int) -> None:
        self.yearTo.setValue(year_to)
        self.yearFrom.setValue(year_from)

    def set_report_language(self, language: str) -> None:
        index = self.language.findData(language)
        if index >= 0:
            self.language.setCurrentIndex(index)

    def report_language(self) -> str:
        return str(self.language.currentData())

    def _from_changed(self, value: int) -> None:
        if self.yearTo.value() < value:
            self.yearTo.setValue(value)

    def _to_changed(self, value: int) -> None:
        if self.yearFrom.value() > value:
            self.yearFrom.setValue(value)

    # --- making the report --------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._job is not None

    def make(self) -> None:
        """Compute and render the report in a worker; the pages show when it is done."""
        if self._job is not None:
            return
        database, actor = self._database, self._actor
        year_from, year_to = self.yearFrom.value(), self.yearTo.value()
        language = self.report_language()
        today = self._today()
        self._job = Job(lambda: make_report(database, actor, year_from, year_to, language, today))
        self._job.finished.connect(self._made_report)
        self._job.failed.connect(self._failed)
        self._started = time.perf_counter()
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._update_actions()
        self._set_status(
            _("Making the report for {first}–{last}…").format(first=year_from, last=year_to)
        )
        self._job.start()

    def _done(self) -> None:
        self._job = None
        QApplication.restoreOverrideCursor()
        self._update_actions()

    def _made_report(self, made: MadeReport) -> None:
        self._done()
        self._buffer.close()
        self.document.close()
        self._buffer.setData(QByteArray(made.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            self._made = None
            self._failed(_("The report's PDF could not be shown."))
            return
        self._made = made
        self.last_seconds = time.perf_counter() - self._started
        self.placeholder.hide()
        self.view.show()
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_actions()
        self._show_made_status()
        log.info(
            "targets report %d–%d: %d pages in %.2f s",
            made.report.year_from,
            made.report.year_to,
            self.document.pageCount(),
            self.last_seconds,
        )
        self.reportShown.emit(self.document.pageCount())

    def _failed(self, message: str) -> None:
        self._done()
        self._set_status(_("The report could not be made."))
        msgbox.error(self, _("Make report"), message)
        self.reportFailed.emit(message)

    def fields(self) -> tuple[int, int, str]:
        """The years and the language the fields say."""
        return self.yearFrom.value(), self.yearTo.value(), self.report_language()

    def is_stale(self) -> bool:
        """Whether the report shown differs from what the fields say (it must be made again)."""
        if self._made is None:
            return False
        report = self._made.report
        return (report.year_from, report.year_to, self._made.language) != self.fields()

    def _fields_changed(self) -> None:
        self._update_actions()
        if self._job is None:
            self._show_made_status()

    def _show_made_status(self) -> None:
        if self._made is None:
            self._set_status("")
            return
        report = self._made.report
        self.staleLabel.setVisible(self.is_stale())
        if self.is_stale():
            self.statusLabel.setText(_("Out of date"))
            self.staleLabel.setText(
                _(
                    "Out of date: the report shown is for {first}–{last} in {language}. "
                    "Press “Make report” for the years and language chosen."
                ).format(
                    first=report.year_from,
                    last=report.year_to,
                    language=i18n.language_name(self._made.language),
                )
            )
            return
        self._set_status(
            i18n.ngettext(
                "Report {first}–{last}: {count} page",
                "Report {first}–{last}: {count} pages",
                self.document.pageCount(),
            ).format(
                first=report.year_from,
                last=report.year_to,
                count=self.document.pageCount(),
            )
        )

    def _set_status(self, text: str) -> None:
        self.statusLabel.setText(text)
        window = self.window()
        status_bar = getattr(window, "statusBar", None)
        if callable(status_bar) and text:
            status_bar().showMessage(text, 5000)

    def _update_actions(self) -> None:
        busy = self._job is not None
        self.makeButton.setEnabled(not busy)
        self.actionMake.setEnabled(not busy)
        ready = self._made is not None and not busy and not self.is_stale()
        for action, button in zip(self._output_actions, self._output_buttons, strict=True):
            action.setEnabled(ready)
            button.setEnabled(ready)

    # --- output -------------------------------------------------------------------------------

    def made(self) -> MadeReport | None:
        return self._made

    def _current(self) -> MadeReport | None:
        """The report to act on, if there is one and it matches the fields."""
        return None if self._made is None or self.is_stale() else self._made

    def print(self) -> bool:
        if not self._current():
            return False
        return printing.print_document(self, self.document, self.printer)

    def preview(self) -> bool:
        if not self._current():
            return False
        dialog = printing.preview_dialog(self, self.document, self.printer)
        msgbox.exec_dialog(dialog)
        return True

    def _suggested(self, extension: str) -> Path:
        """A file name in the report's language, in the user's documents folder."""
        assert self._made is not None
        report = self._made.report
        with i18n.using(self._made.language):
            name = _("targets-{first}-{last}").format(first=report.year_from, last=report.year_to)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
        return folder / f"{name}.{extension}"

    def save_pdf(self) -> Path | None:
        made = self._current()
        if made is None:
            return None
        return self._save(
            _("Save report as PDF"), self._suggested("pdf"), _("PDF files (*.pdf)"), made.pdf
        )

    def export_json(self) -> Path | None:
        made = self._current()
        if made is None:
            return None
        from expatdesk.reports.output import targets_json

        return self._save(
            _("Export report as JSON"),
            self._suggested("json"),
            _("JSON files (*.json)"),
            targets_json(made.report),
        )

    def _save(self, title: str, suggested: Path, filter: str, data: bytes) -> Path | None:
        from expatdesk.reports.output import check_writable, write_atomically

        path = files.save_file_name(self, title, suggested, filter)
        if path is None:
            return None
        if not path.suffix:
            path = path.with_suffix(suggested.suffix)
        try:
            check_writable(path)
            write_atomically(path, data)
        except UserError as error:
            msgbox.error(self, title, str(error))
            return None
        self._set_status(_("Saved {name}").format(name=path.name))
        return path

    # --- texts --------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.fromLabel.setText(_("Fr&om"))
        name_by_label(self.yearFrom, self.fromLabel.text(), _("First year"))
        self.toLabel.setText(_("&to"))
        name_by_label(self.yearTo, self.toLabel.text(), _("Last year"))
        self.languageLabel.setText(_("Lan&guage"))
        self.language.setAccessibleName(_("Language of the report"))
        self.makeButton.setText(_("&Make report"))
        self.makeButton.setToolTip(_("Compute the targets for these years and show the report"))
        self.settingsButton.setText(_("Target &settings…"))
        self.actionMake.setText(_("&Make report"))
        self.actionPrint.setText(_("&Print…"))
        self.actionPreview.setText(_("Print previe&w"))
        self.actionSavePdf.setText(_("Save as P&DF…"))
        self.actionExportJson.setText(_("Export &JSON…"))
        for action, button in zip(self._output_actions, self._output_buttons, strict=True):
            button.setText(action.text())
            button.setToolTip(action.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
        self.view.setAccessibleName(_("Report pages"))
        self.placeholder.setText(_("Choose the years and the language, then press “Make report”."))
        if self._job is None:
            self._show_made_status()
