"""The main window: the areas with a navigation bar, the menus and the status bar."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QSize, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMessageBox, QSizePolicy, QWidget

from expatdesk import __version__, i18n
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.db.database import Database
from expatdesk.errors import UserError
from expatdesk.expats import read as expat_service
from expatdesk.i18n import _, ngettext
from expatdesk.qt import msgbox
from expatdesk.qt.accounts.role_hints import role_actions, show_what_the_role_may
from expatdesk.qt.appearance import colours
from expatdesk.qt.exchange.exporter import KIND_LABELS, Exporter
from expatdesk.qt.forms.ui_main_window import Ui_MainWindow
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.settings import Settings
from expatdesk.qt.widgets.area_stack import AREAS, AreaStack, LazyArea, build_area

if TYPE_CHECKING:
    from expatdesk.qt.accounts.staff_dialog import StaffDialog
    from expatdesk.qt.cases.area import CasesArea
    from expatdesk.qt.cases.open_case_dialog import OpenCaseDialog
    from expatdesk.qt.cases.walk_in_dialog import WalkInDialog
    from expatdesk.qt.exchange.import_dialog import ImportDialog
    from expatdesk.qt.expats.merge_dialog import MergeDialog
    from expatdesk.qt.home.page import HomeArea
    from expatdesk.qt.home.quick_open import QuickOpenDialog
    from expatdesk.qt.kiosk.window import KioskWindow
    from expatdesk.qt.privacy.retention import RetentionDialog
    from expatdesk.qt.reports.area import ReportsArea
    from expatdesk.qt.surveys.dialog import SurveyDialog
    from expatdesk.qt.targets.dashboard import TargetsDashboard
    from expatdesk.qt.targets.settings_dialog import TargetSettingsDialog
    from expatdesk.qt.widgets.record_area import RecordArea
    from expatdesk.surveys.responses import Response

log = logging.getLogger(__name__)

APP_NAME = "ExpatDesk"
DEFAULT_SIZE = (1400, 860)
#: The areas that list records: they count them in the status bar and export them.
LISTS = ("expats", "employers", "cases")
#: The areas of expats and employers, whose selected record Edit, Delete and surveys act on.
RECORDS = ("expats", "employers")


class MainWindow(QMainWindow):
    """ExpatDesk's main window on one open database.

    The areas sit in a stack, each built when first shown (:class:`AreaStack`); the navigation
    list and the View menu choose one. The status bar names the database and counts the list.
    After a write the window only says so and shows the record: every area hears what changed
    from :func:`expatdesk.qt.operations.change_bus` and reads itself again if it must.
    """

    home_area: LazyArea[HomeArea] = LazyArea("home")
    expats_area: LazyArea[RecordArea] = LazyArea("expats")
    employers_area: LazyArea[RecordArea] = LazyArea("employers")
    cases_area: LazyArea[CasesArea] = LazyArea("cases")
    targets_area: LazyArea[TargetsDashboard] = LazyArea("targets")
    reports_area: LazyArea[ReportsArea] = LazyArea("reports")

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

        self.areas = AreaStack(self.ui.areas, self._build_area, self._area_built)
        self._area_actions = [
            self.ui.actionHome,
            self.ui.actionExpats,
            self.ui.actionEmployers,
            self.ui.actionCases,
            self.ui.actionTargets,
            self.ui.actionReports,
        ]
        view_group = QActionGroup(self)
        for number, action in enumerate(self._area_actions):
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
        self.ui.actionQuickOpen.triggered.connect(self.quick_open)
        self.ui.actionAbout.triggered.connect(self.show_about)
        self.ui.actionTargetSettings.triggered.connect(self.open_target_settings)
        self.ui.actionRecordSurvey.triggered.connect(self.record_survey)
        self.ui.actionCorrectSurvey.triggered.connect(self.correct_survey)
        self.ui.actionStartKiosk.triggered.connect(self.start_kiosk)
        self.ui.actionImport.triggered.connect(self.open_import)
        self.ui.actionNew.triggered.connect(self.new_record)
        self.ui.actionEdit.triggered.connect(self.edit_record)
        self.ui.actionDelete.triggered.connect(self.delete_record)
        self.ui.actionOpenCase.triggered.connect(self.open_case)
        self.ui.actionWalkIn.triggered.connect(self.record_walk_in)
        self.ui.actionMerge.triggered.connect(self.merge_expats)
        self.ui.actionExportPersonalData.triggered.connect(self.export_personal_data)
        self.ui.actionErasePersonalData.triggered.connect(self.erase_personal_data)
        self.ui.actionRetention.triggered.connect(self.open_retention)
        self.ui.actionStaffAccounts.triggered.connect(self.open_staff_accounts)
        self.ui.actionChangePassword.triggered.connect(self.change_password)
        self.ui.actionLock.triggered.connect(self.lock)
        self.ui.actionSignOut.triggered.connect(self.sign_out)
        #: Set when the staff member signed out: the app shows the sign-in window again.
        self.signed_out = False
        self._apply_role()
        self.exporter = Exporter(database, self)
        self._export_actions: dict[str, QAction] = {}
        for kind in KIND_LABELS:
            action = self.ui.menuExport.addAction("")
            action.setObjectName(f"actionExport_{kind}")
            action.triggered.connect(lambda _checked=False, k=kind: self.exporter.export(k))
            self._export_actions[kind] = action
        self.kiosk: KioskWindow | None = None
        self.ui.menuReports.aboutToShow.connect(lambda: self.reports_area)  # its actions

        self._count_label = QLabel(self)
        self._count_label.setObjectName("countLabel")
        self._database_label = QLabel(self)
        self._database_label.setObjectName("databaseLabel")
        ignored = QSizePolicy.Policy.Ignored  # a long path gives way; the tooltip has it
        self._database_label.setSizePolicy(ignored, QSizePolicy.Policy.Preferred)
        self.ui.statusBar.addWidget(self._count_label, 1)
        self.ui.statusBar.addPermanentWidget(self._database_label)

        self.ui.navigation.currentRowChanged.connect(self.show_area)
        colours.keep_style(self.ui.navigation, colours.navigation_style)

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

    def _build_area(self, name: str) -> QWidget:
        return build_area(name, self.database, self.actor, self._settings, self)

    def _area_built(self, name: str, area: QWidget) -> None:
        """Connect a new area to the window."""
        if name in LISTS:
            lister = cast("RecordArea | CasesArea", area)
            lister.countChanged.connect(self._update_count)
            lister.listExported.connect(self._list_exported)
            lister.openRecordRequested.connect(self.open_record)
        elif name == "home":
            cast("HomeArea", area).openRecordRequested.connect(self.open_record)
        elif name == "reports":
            reports = cast("ReportsArea", area)
            reports.settingsRequested.connect(self.open_target_settings)
            self.ui.menuReports.addSeparator()
            self.ui.menuReports.addActions(reports.actions())  # make, print, preview, save…
        self._update_actions()
        self._update_count()

    def _shown(self) -> str:
        """The name of the area shown (without building it)."""
        return self.areas.current_name()

    def showEvent(self, event: QShowEvent) -> None:
        # The area shown is built as soon as the event loop runs, before the window is painted:
        # when another is chosen first (a record opened), this one is not built at all.
        QTimer.singleShot(0, self, lambda: self.isVisible() and self.current_area())
        super().showEvent(event)

    def current_area(self) -> QWidget:
        return self.areas.area(self._shown())

    def show_area(self, number: int) -> None:
        """Show the area ``number``; it is built here when the window is on screen."""
        if not 0 <= number < len(self.areas):
            return
        self.ui.areas.setCurrentIndex(number)
        if self.isVisible():
            self.current_area()
        if self.ui.navigation.currentRow() != number:
            self.ui.navigation.setCurrentRow(number)
        self._area_actions[number].setChecked(True)
        self._update_actions()
        self._update_count()

    def _record_area(self) -> RecordArea | None:
        return cast("RecordArea", self.current_area()) if self._shown() in RECORDS else None

    def _update_actions(self) -> None:
        """Edit, delete and merge act on the selected expat or employer of the area shown."""
        shown, may = self._shown(), self.actor.can  # and what the role may (role_hints)
        self.ui.actionEdit.setEnabled(shown in RECORDS)
        self.ui.actionDelete.setEnabled(shown in RECORDS and may(Permission.DELETE_CLIENTS))
        self.ui.actionMerge.setEnabled(shown == "expats" and may(Permission.DELETE_CLIENTS))
        self.ui.actionExportPersonalData.setEnabled(shown == "expats")
        self.ui.actionErasePersonalData.setEnabled(shown == "expats" and may(Permission.ERASURE))

    def open_record(self, kind: str, record_id: int) -> None:
        """Show the record ``kind`` (expat, employer, case) ``record_id`` in its area."""
        if kind == "case":
            self.show_area(AREAS.index("cases"))
            self.cases_area.open_case(record_id)
            return
        name = {"expat": "expats", "employer": "employers"}.get(kind)
        if name is None:
            return
        self.show_area(AREAS.index(name))
        cast("RecordArea", self.areas.area(name)).show_record(record_id)

    def focus_search(self) -> None:
        """Ctrl+F: the search box of the list shown; elsewhere (Home, targets) Go to."""
        if self._shown() in LISTS:
            cast("RecordArea | CasesArea", self.current_area()).focus_search()
        else:
            self.quick_open()

    def quick_open(self) -> QuickOpenDialog:
        """Ctrl+K: open an expat, employer or case by name or reference."""
        from expatdesk.qt.home.quick_open import go_to

        return go_to(self, self.database, self._settings, self.actor.username, self.open_record)

    # --- records ------------------------------------------------------------------------------

    def _client(self) -> tuple[int | None, int | None]:
        """The selected expat or employer of the area shown, as ``(expat_id, employer_id)``."""
        shown = self._shown()
        if shown == "expats":
            expat_id = self.expats_area.current_id()
            employer_id = (
                None if expat_id is None else expat_service.employer_of(self.database, expat_id)
            )
            return expat_id, employer_id  # the expat comes with their employer
        if shown == "employers":
            return None, self.employers_area.current_id()
        return None, None

    def new_record(self) -> QDialog:
        """Ctrl+N: a new employer in the employers area, a case in the cases area, else an expat."""
        from expatdesk.qt.employers.editor import EmployerEditor
        from expatdesk.qt.expats.editor import ExpatEditor

        dialog: QDialog
        if self._shown() == "cases":
            return self.open_case()
        if self._shown() == "employers":
            employer_editor = EmployerEditor.for_new(self.database, self.actor, self)
            employer_editor.saved.connect(lambda record_id: self._saved("employer", record_id))
            dialog = employer_editor
        else:
            expat_editor = ExpatEditor.for_new(self.database, self.actor, self)
            expat_editor.saved.connect(lambda record_id: self._saved("expat", record_id))
            expat_editor.openRecordRequested.connect(self.open_record)
            dialog = expat_editor
        msgbox.exec_dialog(dialog)
        return dialog

    def edit_record(self) -> QDialog | None:
        """Ctrl+E: edit the selected expat or employer."""
        area = self._record_area()
        record_id = area.current_id() if area is not None else None
        if area is None or record_id is None:
            msgbox.information(self, _("Edit"), _("Select an expat or an employer first."))
            return None
        from expatdesk.qt.employers.editor import EmployerEditor
        from expatdesk.qt.expats.editor import ExpatEditor

        try:
            if self._shown() == "employers":
                employer_editor = EmployerEditor.for_existing(
                    self.database, self.actor, record_id, self
                )
                employer_editor.saved.connect(lambda rid: self._saved("employer", rid))
                dialog: QDialog = employer_editor
            else:
                expat_editor = ExpatEditor.for_existing(self.database, self.actor, record_id, self)
                expat_editor.saved.connect(lambda rid: self._saved("expat", rid))
                expat_editor.openRecordRequested.connect(self.open_record)
                dialog = expat_editor
        except UserError as error:
            msgbox.error(self, _("Edit"), str(error))
            area.refresh()
            return None
        msgbox.exec_dialog(dialog)
        return dialog

    def delete_record(self) -> bool:
        """Delete the selected expat or employer after asking; refused while others depend on it."""
        area = self._record_area()
        record_id = area.current_id() if area is not None else None
        if area is None or record_id is None:
            msgbox.information(self, _("Delete"), _("Select an expat or an employer first."))
            return False
        from expatdesk.qt.employers.editor import confirm_and_delete_employer
        from expatdesk.qt.expats.editor import confirm_and_delete_expat

        employers = self._shown() == "employers"
        delete = confirm_and_delete_employer if employers else confirm_and_delete_expat
        return delete(self, self.database, self.actor, record_id, self._deleted)

    def _deleted(self) -> None:
        self._say(_("Record deleted"))

    def _saved(self, kind: str, record_id: int) -> None:
        self.open_record(kind, record_id)
        self._say(_("Saved"))

    def open_case(self) -> OpenCaseDialog:
        """Open a case for the selected expat or employer (or one chosen in the dialog)."""
        from expatdesk.qt.cases.open_case_dialog import OpenCaseDialog

        expat_id, employer_id = self._client()
        dialog = OpenCaseDialog(
            self.database, self.actor, self, expat_id=expat_id, employer_id=employer_id
        )
        dialog.saved.connect(self._case_opened)
        msgbox.exec_dialog(dialog)
        return dialog

    def _case_opened(self, case_id: int) -> None:
        self.open_record("case", case_id)
        self._say(_("Case opened"))

    def record_walk_in(self) -> WalkInDialog:
        """Record a service delivered outside a case to the selected expat or employer."""
        from expatdesk.qt.cases.walk_in_dialog import WalkInDialog

        expat_id, employer_id = self._client()
        dialog = WalkInDialog(
            self.database, self.actor, self, expat_id=expat_id, employer_id=employer_id
        )
        dialog.saved.connect(lambda _id: self._say(_("Service recorded")))
        msgbox.exec_dialog(dialog)
        return dialog

    def merge_expats(self) -> MergeDialog | None:
        """Merge a duplicate into the selected expat; everything linked moves to the one kept."""
        keep_id = self.expats_area.current_id() if self._shown() == "expats" else None
        if keep_id is None:
            msgbox.information(self, _("Merge expats"), _("Select the expat record to keep first."))
            return None
        from expatdesk.qt.expats.merge_dialog import MergeDialog

        dialog = MergeDialog(self.database, self.actor, keep_id, self)
        dialog.merged.connect(self._merged)
        msgbox.exec_dialog(dialog)
        return dialog

    def _merged(self, kept_id: int) -> None:
        self.open_record("expat", kept_id)
        self._say(_("Records merged"))

    def _list_exported(self, count: int) -> None:
        self._say(
            ngettext("{count} record exported", "{count} records exported", count).format(
                count=i18n.format_number(count)
            )
        )

    # --- privacy ------------------------------------------------------------------------------

    def _selected_expat(self, title: str) -> int | None:
        expat_id = self.expats_area.current_id() if self._shown() == "expats" else None
        if expat_id is None:
            msgbox.information(self, title, _("Select an expat first."))
            return None
        return expat_id

    def export_personal_data(self) -> bool:
        """Everything held about the selected expat, as a PDF for them and as JSON."""
        expat_id = self._selected_expat(_("Export personal data"))
        if expat_id is None:
            return False
        from expatdesk.qt.privacy import dialogs as privacy_dialogs

        return privacy_dialogs.export_subject_access(self, self.database, self.actor, expat_id)

    def erase_personal_data(self) -> bool:
        """Anonymise the selected expat on request; survey answers and services keep counting."""
        expat_id = self._selected_expat(_("Erase personal data"))
        if expat_id is None:
            return False
        from expatdesk.qt.privacy import dialogs as privacy_dialogs

        erased = privacy_dialogs.erase_expat(
            self, self.database, self.actor, expat_id, self.open_record
        )
        if erased:
            self._say(_("Personal data erased"))
        return erased

    def open_retention(self) -> RetentionDialog:
        from expatdesk.qt.privacy.retention import RetentionDialog

        dialog = RetentionDialog(self.database, self.actor, self)
        dialog.anonymised.connect(lambda _count: self._say(_("Personal data erased")))
        msgbox.exec_dialog(dialog)
        return dialog

    # --- accounts -----------------------------------------------------------------------------

    def _apply_role(self) -> None:
        """What the role may not do is greyed out, saying who may; the reports are hidden."""
        actor, ui = self.actor, self.ui
        show_what_the_role_may(actor, role_actions(ui))
        ui.actionChangePassword.setVisible(actor.user_id is not None)
        reports = actor.can(Permission.REPORTS)
        self.ui.actionReports.setVisible(reports)
        self.ui.actionTargets.setVisible(reports)
        self.ui.menuReports.menuAction().setVisible(reports)  # making and printing reports
        for name in ("targets", "reports"):
            self.ui.navigation.setRowHidden(AREAS.index(name), not reports)

    def open_staff_accounts(self) -> StaffDialog | None:
        from expatdesk.qt.accounts.staff_dialog import open_staff_accounts

        return open_staff_accounts(self.database, self.actor, self)

    def change_password(self) -> bool:
        from expatdesk.qt.accounts.password_dialog import change_own_password

        return change_own_password(self.database, self.actor, self)

    def lock(self) -> None:
        """Ctrl+L: lock the session now (also when the idle time has not passed)."""
        from expatdesk.qt.accounts.idle_lock import IdleLock  # made on signing in

        for idle_lock in self.findChildren(IdleLock):  # one, where a staff member signed in
            idle_lock.lock()

    # --- dialogs: the target settings, an import --------------------------------------------

    def open_target_settings(self) -> TargetSettingsDialog:
        """Let the user change the target settings; the targets are computed again after."""
        from expatdesk.qt.targets.settings_dialog import TargetSettingsDialog

        dialog = TargetSettingsDialog(self.database, self)
        dialog.saved.connect(lambda _saved: self._say(_("Target settings saved")))
        msgbox.exec_dialog(dialog)
        return dialog

    def open_import(self) -> ImportDialog:
        """Check a file and import it; the lists are read again after an import."""
        from expatdesk.qt.exchange.import_dialog import ImportDialog

        dialog = ImportDialog(self.database, self)
        dialog.imported.connect(lambda _counts: self._say(_("Import done")))
        msgbox.exec_dialog(dialog)
        return dialog

    # --- surveys ------------------------------------------------------------------------------

    def _selected(self) -> dict[str, tuple[int, str] | None]:
        """The expat and employer selected in their areas as ``(id, name)``, or ``None``."""
        from expatdesk.qt.surveys.chooser import respondents

        ids = [self.areas.built(name) for name in RECORDS]  # an area never shown selects none
        expat, employer = (cast("RecordArea", a).current_id() if a else None for a in ids)
        return respondents(self.database, expat, employer)

    def _survey_area(self) -> tuple[str, RecordArea]:
        """The respondent type and area surveys are about: employers when that area is shown."""
        if self._shown() == "employers":
            return "employer", self.employers_area
        return "expat", self.expats_area

    def record_survey(self) -> SurveyDialog:
        """Type in a paper or telephone response, pre-filled with the selected record."""
        from expatdesk.qt.surveys import recording

        kind, _area = self._survey_area()
        return recording.record_survey(
            self, self.database, self._selected(), kind, self._survey_saved
        )

    def correct_survey(self) -> SurveyDialog | None:
        """Choose one of the selected record's responses and correct it in the survey form."""
        from expatdesk.qt.surveys import recording

        kind, area = self._survey_area()
        record_id, selected = area.current_id(), self._selected()
        return recording.correct_survey(
            self, self.database, selected, kind, record_id, self._survey_saved
        )

    def _survey_saved(self, response: Response) -> None:
        self._say(_("Survey response {ref} saved").format(ref=response.ref))

    def start_kiosk(self) -> KioskWindow | None:
        """Set up and open the full-screen kiosk; the main window hides until staff leave it."""
        from expatdesk.qt.surveys import recording

        expat = self._selected()["expat"]
        self.kiosk = recording.start_kiosk(
            self, self.database, self._switcher, expat, self._survey_saved, self._kiosk_left
        )
        return self.kiosk

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

    def _say(self, text: str) -> None:
        """Say in the status bar, for a while, what was done."""
        self.ui.statusBar.showMessage(text, 5000)

    def _update_count(self) -> None:
        lister = self.areas.built(self._shown()) if self._shown() in LISTS else None
        text = cast("RecordArea | CasesArea", lister).count_text() if lister else ""
        self._count_label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        show_what_the_role_may(self.actor, role_actions(self.ui))
        self._update_actions()
        self.setWindowTitle(f"{APP_NAME} — {self.database.name}")
        self._database_label.setText(_("Database: {name}").format(name=self.database.name))
        self._database_label.setToolTip(self._database_label.text())
        self._update_count()
        for kind, export_action in self._export_actions.items():
            export_action.setText(_("{kind}…").format(kind=_(KIND_LABELS[kind])))
        action = self._language_actions.get(i18n.language())
        if action is not None:
            action.setChecked(True)

    def sign_out(self) -> None:
        """Close this session; the app asks anew who signs in (another staff member may)."""
        self.signed_out = True
        for child in self.findChildren(QDialog):  # nothing of this session stays on screen
            child.close()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.main_window_geometry = self.saveGeometry()
        self._settings.main_window_state = self.saveState()
        for name in LISTS:  # an area never built kept the state it was given
            lister = self.areas.built(name)
            if lister is not None:
                from expatdesk.qt.widgets.record_area import save_area_state

                save_area_state(self._settings, name, cast("RecordArea", lister).state())
        self._settings.sync()
        super().closeEvent(event)
