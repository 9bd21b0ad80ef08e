"""The main window: the areas with a navigation bar, the menus and the status bar."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from expatdesk import __version__, i18n
from expatdesk.db.database import Database
from expatdesk.i18n import _
from expatdesk.qt import employers, expats, msgbox
from expatdesk.qt.forms.ui_main_window import Ui_MainWindow
from expatdesk.qt.import_dialog import KIND_LABELS, Exporter, ImportDialog
from expatdesk.qt.kiosk import KioskWindow
from expatdesk.qt.kiosk_setup import KioskSetupDialog
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.record_area import AreaState, RecordArea
from expatdesk.qt.reports_area import ReportsArea
from expatdesk.qt.settings import Settings
from expatdesk.qt.survey_chooser import SurveyChooser
from expatdesk.qt.survey_dialog import SurveyDialog
from expatdesk.qt.target_settings_dialog import TargetSettingsDialog
from expatdesk.qt.targets_dashboard import TargetsDashboard
from expatdesk.services import employers as employer_service
from expatdesk.services import expats as expat_service
from expatdesk.services import surveys
from expatdesk.services.actor import Actor

log = logging.getLogger(__name__)

APP_NAME = "ExpatDesk"
DEFAULT_SIZE = (1400, 860)


class MainWindow(QMainWindow):
    """ExpatDesk's main window on one open database.

    The areas (expats, employers, targets, reports) sit in a stack; the navigation list, the
    View menu and Ctrl+1 to Ctrl+4 choose one. The status bar names the database and counts the
    current list.
    """

    def __init__(
        self,
        database: Database,
        settings: Settings,
        switcher: LanguageSwitcher,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        #: The signed-in staff member; every write the window starts acts for them.
        self.actor = actor
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.database = database
        self._settings = settings
        self._switcher = switcher

        self.expats_area = RecordArea(
            database,
            expats.spec(),
            self,
            state=AreaState(settings.expats_columns, settings.expats_splitter),
        )
        self.employers_area = RecordArea(
            database,
            employers.spec(),
            self,
            state=AreaState(settings.employers_columns, settings.employers_splitter),
        )
        self.targets_area = TargetsDashboard(database, self)
        self.reports_area = ReportsArea(database, self)
        self.areas: list[QWidget] = [
            self.expats_area,
            self.employers_area,
            self.targets_area,
            self.reports_area,
        ]
        self._area_actions = [
            self.ui.actionExpats,
            self.ui.actionEmployers,
            self.ui.actionTargets,
            self.ui.actionReports,
        ]
        view_group = QActionGroup(self)
        for number, (area, action) in enumerate(zip(self.areas, self._area_actions, strict=True)):
            self.ui.areas.addWidget(area)
            if isinstance(area, RecordArea):
                area.countChanged.connect(self._update_count)
            view_group.addAction(action)
            action.triggered.connect(lambda _checked=False, n=number: self.show_area(n))

        self._language_actions: dict[str, QAction] = {
            "nl": self.ui.actionDutch,
            "en": self.ui.actionEnglish,
        }
        language_group = QActionGroup(self)
        for language, action in self._language_actions.items():
            language_group.addAction(action)
            action.triggered.connect(
                lambda _checked=False, code=language: self._switcher.switch(code)
            )

        self.ui.actionQuit.triggered.connect(self.close)
        self.ui.actionSearch.triggered.connect(self.focus_search)
        self.ui.actionAbout.triggered.connect(self.show_about)
        self.ui.actionTargetSettings.triggered.connect(self.open_target_settings)
        self.ui.actionRecordSurvey.triggered.connect(self.record_survey)
        self.ui.actionCorrectSurvey.triggered.connect(self.correct_survey)
        self.ui.actionStartKiosk.triggered.connect(self.start_kiosk)
        self.ui.actionImport.triggered.connect(self.open_import)
        self.exporter = Exporter(database, self)
        self._export_actions: dict[str, QAction] = {}
        for kind in KIND_LABELS:
            action = self.ui.menuExport.addAction("")
            action.setObjectName(f"actionExport_{kind}")
            action.triggered.connect(lambda _checked=False, k=kind: self.exporter.export(k))
            self._export_actions[kind] = action
        self.kiosk: KioskWindow | None = None
        self.reports_area.settingsRequested.connect(self.open_target_settings)
        self.ui.menuReports.addSeparator()
        for action in (
            self.reports_area.actionMake,
            self.reports_area.actionPrint,
            self.reports_area.actionPreview,
            self.reports_area.actionSavePdf,
            self.reports_area.actionExportJson,
        ):
            self.ui.menuReports.addAction(action)

        self._count_label = QLabel(self)
        self._count_label.setObjectName("countLabel")
        self._database_label = QLabel(self)
        self._database_label.setObjectName("databaseLabel")
        self.ui.statusBar.addWidget(self._count_label, 1)
        self.ui.statusBar.addPermanentWidget(self._database_label)

        self.ui.navigation.currentRowChanged.connect(self.show_area)
        self.setTabOrder(self.ui.navigation, self.expats_area.ui.searchEdit)

        if not self.restoreGeometry(settings.main_window_geometry):
            self._default_size()
        self.restoreState(settings.main_window_state)
        self.show_area(0)
        self._retranslate()

    def _default_size(self) -> None:
        """1400 × 860, or less where the screen is smaller."""
        size = QSize(*DEFAULT_SIZE)
        screen = self.screen()
        if screen is not None:
            available = screen.availableSize()
            size = size.boundedTo(QSize(available.width() * 9 // 10, available.height() * 9 // 10))
        self.resize(size)

    # --- areas --------------------------------------------------------------------------------

    def current_area(self) -> QWidget:
        area = self.ui.areas.currentWidget()
        assert area is not None
        return area

    def show_area(self, number: int) -> None:
        if not 0 <= number < len(self.areas):
            return
        self.ui.areas.setCurrentIndex(number)
        if self.ui.navigation.currentRow() != number:
            self.ui.navigation.setCurrentRow(number)
        self._area_actions[number].setChecked(True)
        self._update_count()

    def focus_search(self) -> None:
        area = self.current_area()
        if isinstance(area, RecordArea):
            area.focus_search()

    # --- dialogs ------------------------------------------------------------------------------

    def open_target_settings(self) -> TargetSettingsDialog:
        """Let the user change the target settings; the targets are computed again after."""
        dialog = TargetSettingsDialog(self.database, self)
        dialog.saved.connect(self._target_settings_saved)
        msgbox.exec_dialog(dialog)
        return dialog

    def _target_settings_saved(self) -> None:
        self.targets_area.refresh()
        self.ui.statusBar.showMessage(_("Target settings saved"), 5000)

    # --- data exchange ------------------------------------------------------------------------

    def open_import(self) -> ImportDialog:
        """Check a file and import it; the lists are read again after an import."""
        dialog = ImportDialog(self.database, self)
        dialog.imported.connect(self._imported)
        msgbox.exec_dialog(dialog)
        return dialog

    def _imported(self) -> None:
        for area in (self.expats_area, self.employers_area):
            area.refresh()
        self.targets_area.refresh()
        self.ui.statusBar.showMessage(_("Import done"), 5000)

    # --- surveys ------------------------------------------------------------------------------

    def _selected(self) -> dict[str, tuple[int, str] | None]:
        """The selected expat and employer as ``(id, name)``, or ``None``."""
        selected: dict[str, tuple[int, str] | None] = {"expat": None, "employer": None}
        expat_id = self.expats_area.current_id()
        if expat_id is not None:
            expat = expat_service.load_expat(self.database, expat_id)
            if expat is not None:
                selected["expat"] = (expat.id, expat.name)
        employer_id = self.employers_area.current_id()
        if employer_id is not None:
            employer = employer_service.load_employer(self.database, employer_id)
            if employer is not None:
                selected["employer"] = (employer.id, employer.name)
        return selected

    def _survey_area(self) -> tuple[str, RecordArea]:
        """The respondent type and area surveys are about: employers when that area is shown."""
        if self.current_area() is self.employers_area:
            return "employer", self.employers_area
        return "expat", self.expats_area

    def record_survey(self) -> SurveyDialog:
        """Type in a paper or telephone response, pre-filled with the selected record."""
        kind, _area = self._survey_area()
        dialog = SurveyDialog(self.database, self._selected(), self, respondent_type=kind)
        dialog.saved.connect(self._survey_saved)
        msgbox.exec_dialog(dialog)
        return dialog

    def correct_survey(self) -> SurveyDialog | None:
        """Choose one of the selected record's responses and correct it in the survey form."""
        kind, area = self._survey_area()
        record_id = area.current_id()
        if record_id is None:
            msgbox.information(
                self,
                _("Correct survey response"),
                _("Select an expat or an employer first."),
            )
            return None
        found = (
            surveys.responses_of_expat(self.database, record_id)
            if kind == "expat"
            else surveys.responses_of_employer(self.database, record_id)
        )
        if not found:
            msgbox.information(
                self,
                _("Correct survey response"),
                _("No survey responses are registered for the selected record."),
            )
            return None
        chooser = SurveyChooser(found, self)
        if msgbox.exec_dialog(chooser) != SurveyChooser.DialogCode.Accepted:
            return None
        chosen = chooser.chosen()
        if chosen is None:
            return None
        dialog = SurveyDialog(self.database, self._selected(), self, response=chosen)
        dialog.saved.connect(self._survey_saved)
        msgbox.exec_dialog(dialog)
        return dialog

    def _survey_saved(self, response: surveys.Response) -> None:
        # A response changes no list, only the respondent's page.
        for area in (self.expats_area, self.employers_area):
            area.refresh_detail()
        self.ui.statusBar.showMessage(
            _("Survey response {ref} saved").format(ref=response.ref), 5000
        )

    def start_kiosk(self) -> KioskWindow | None:
        """Set up and open the full-screen kiosk; the main window hides until staff leave it."""
        expat = self._selected()["expat"]
        setup_dialog = KioskSetupDialog(expat, self)
        if msgbox.exec_dialog(setup_dialog) != KioskSetupDialog.DialogCode.Accepted:
            return None
        setup = setup_dialog.setup
        assert setup is not None
        kiosk = KioskWindow(self.database, setup, self._switcher)
        kiosk.saved.connect(self._survey_saved)
        kiosk.left.connect(self._kiosk_left)
        self.kiosk = kiosk
        self.hide()
        kiosk.showFullScreen()
        return kiosk

    def _kiosk_left(self) -> None:
        if self.kiosk is not None:
            self.kiosk.deleteLater()
            self.kiosk = None
        self.show()

    def show_about(self) -> QMessageBox:
        return msgbox.information(
            self,
            _("About ExpatDesk"),
            _("ExpatDesk {version}").format(version=__version__),
            informative=_(
                "Case management for the expat centre: expats, employers, services, "
                "surveys and the yearly targets."
            ),
        )

    # --- status bar and texts -----------------------------------------------------------------

    def _update_count(self) -> None:
        area = self.current_area()
        self._count_label.setText(area.count_text() if isinstance(area, RecordArea) else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(f"{APP_NAME} — {self.database.name}")
        self._database_label.setText(_("Database: {name}").format(name=self.database.name))
        self._database_label.setToolTip(self.database.name)
        self._update_count()
        for kind, export_action in self._export_actions.items():
            export_action.setText(_("{kind}…").format(kind=_(KIND_LABELS[kind])))
        action = self._language_actions.get(i18n.language())
        if action is not None:
            action.setChecked(True)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.main_window_geometry = self.saveGeometry()
        self._settings.main_window_state = self.saveState()
        expats_state = self.expats_area.state()
        self._settings.expats_columns = expats_state.columns
        self._settings.expats_splitter = expats_state.splitter
        employers_state = self.employers_area.state()
        self._settings.employers_columns = employers_state.columns
        self._settings.employers_splitter = employers_state.splitter
        self._settings.sync()
        super().closeEvent(event)
