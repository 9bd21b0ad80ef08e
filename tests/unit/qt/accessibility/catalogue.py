"""Every window and dialog ExpatDesk can show, each opened on a little data, for the walks that
check them all (accessible names, Tab, focus; colours and clipping).

:data:`CATALOGUE` names one :class:`Entry` per window: its ``kind`` (the class shown) and how to
``open`` it on a :class:`Scene` (a database with the sample records, a case and a survey response,
an administrator and a desk officer). :func:`windows` opens them one after another in a language
and closes each again; :func:`opened` opens one. :func:`dialog_classes` lists every ``QDialog``
subclass under :mod:`expatdesk.qt`, so a test can tell when a new one is missing here.

Qt's own file dialogs (:mod:`expatdesk.qt.files`) are Qt's, named and translated by Qt, and not
walked. The shown widget is the window itself, except for the lock screen: that is the overlay
over the main window (what the keyboard may reach while it is locked).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

import expatdesk.qt
from expatdesk.accounts import sign_in as signing
from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import SYSTEM, Actor
from expatdesk.cases import detail as case_detail
from expatdesk.cases import workflow as cases
from expatdesk.db.database import Database
from expatdesk.expats.duplicates import DuplicateCandidate
from expatdesk.privacy import erasure
from expatdesk.qt.accounts.account_dialog import AccountDialog
from expatdesk.qt.accounts.first_admin_dialog import FirstAdminDialog
from expatdesk.qt.accounts.idle_lock import IdleLock, LockOverlay
from expatdesk.qt.accounts.login_dialog import LoginDialog
from expatdesk.qt.accounts.password_dialog import PasswordDialog, own_password_dialog
from expatdesk.qt.accounts.staff_dialog import StaffDialog
from expatdesk.qt.cases.open_case_dialog import OpenCaseDialog
from expatdesk.qt.cases.walk_in_dialog import WalkInDialog
from expatdesk.qt.documents.letter_dialog import LetterDialog
from expatdesk.qt.documents.template_dialog import TemplateDialog
from expatdesk.qt.employers.editor import ContactDialog, EmployerEditor, HiringDialog
from expatdesk.qt.exchange.import_dialog import ImportDialog
from expatdesk.qt.expats.duplicate_warning import DuplicateWarning
from expatdesk.qt.expats.editor import ExpatEditor
from expatdesk.qt.expats.family_permits import FamilyMemberDialog, PermitDialog
from expatdesk.qt.expats.merge_dialog import MergeDialog
from expatdesk.qt.home.quick_open import QuickOpenDialog
from expatdesk.qt.kiosk.setup import ExitCodeDialog, KioskSetup, KioskSetupDialog
from expatdesk.qt.kiosk.window import KioskWindow
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.main_window import MainWindow
from expatdesk.qt.privacy.dialogs import EraseDialog
from expatdesk.qt.privacy.retention import RetentionDialog
from expatdesk.qt.settings import Settings
from expatdesk.qt.surveys.chooser import SurveyChooser, respondents
from expatdesk.qt.surveys.dialog import SurveyDialog
from expatdesk.qt.targets.dashboard import FiguresDialog
from expatdesk.qt.targets.settings_dialog import TargetSettingsDialog
from expatdesk.qt.widgets.date_field import _CalendarPopup
from expatdesk.surveys import responses as surveys
from tests.helpers.sample import Sample, add_sample

PASSWORD = "correct horse battery"
EXIT_CODE = "2468"

W = TypeVar("W", bound=QWidget)


@dataclass
class Scene:
    """The data the windows are opened on, and what closes them again."""

    qtbot: Any
    database: Database
    settings: Settings
    switcher: LanguageSwitcher
    #: The dialogs run "modally" so far (the ``dialogs`` fixture records them; none blocks).
    dialogs: list[QDialog]
    sample: Sample
    admin: Actor
    officer: Actor
    case_id: int
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    @classmethod
    def make(
        cls,
        qtbot: Any,
        database: Database,
        settings: Settings,
        switcher: LanguageSwitcher,
        dialogs: list[QDialog],
    ) -> Scene:
        sample = add_sample(database)
        made = accounts.create_staff(
            database, SYSTEM, "marieke", "Marieke Bos", "administrator", PASSWORD
        )
        admin = Actor(made.id, made.username, made.display_name, made.role)
        made = accounts.create_staff(
            database, SYSTEM, "sanne", "Sanne Brinkhuis", "desk_officer", PASSWORD
        )
        officer = Actor(made.id, made.username, made.display_name, made.role)
        case_id = cases.open_case(
            database,
            officer,
            subject="Residence permit application",
            expat_id=sample.expats["jose"],
            owner_id=officer.user_id,
        )
        surveys.record_response(
            database,
            officer,
            surveys.Answers("expat", sample.expats["jose"], date(2026, 11, 20), 8),
        )
        return cls(qtbot, database, settings, switcher, dialogs, sample, admin, officer, case_id)

    def show(self, widget: W, *, full_screen: bool = False) -> W:
        """Show ``widget`` as the active window and keep it until the test ends."""
        if widget.parent() is None:  # a child goes with its parent
            self.qtbot.addWidget(widget)
        self.cleanups.append(widget.close)
        if full_screen:
            widget.showFullScreen()
        else:
            widget.show()
        self.qtbot.waitExposed(widget)

        def active() -> bool:
            if not widget.isActiveWindow():  # a window shown just before may take it back
                widget.activateWindow()
            return widget.isActiveWindow()

        self.qtbot.waitUntil(active)
        return widget

    def last(self, kind: type[W]) -> W:
        """The dialog of ``kind`` run last (it was recorded, not shown); now shown."""
        found = [dialog for dialog in self.dialogs if isinstance(dialog, kind)]
        assert found, f"no {kind.__name__} was opened"
        return self.show(found[-1])

    def main_window(self, actor: Actor | None = None) -> MainWindow:
        window = MainWindow(self.database, self.settings, self.switcher, actor or self.admin)
        return self.show(window)

    def area(self, number: int, kind: str = "", record: str = "") -> MainWindow:
        """The main window showing its area ``number``, with a record of ``kind`` open."""
        window = self.main_window()
        window.show_area(number)
        if kind == "case":
            window.open_record("case", self.case_id)
        elif kind:
            ids = self.sample.expats if kind == "expat" else self.sample.employers
            window.open_record(kind, ids[record])
        return window

    def close(self) -> None:
        for cleanup in reversed(self.cleanups):
            cleanup()
        self.cleanups.clear()


@dataclass(frozen=True)
class Entry:
    """One window or dialog: a name for the test ids, the class shown, and how to open it."""

    name: str
    kind: type[QWidget]
    open: Callable[[Scene], QWidget]


# --- the ones that need a few steps -----------------------------------------------------------


def _login(scene: Scene) -> LoginDialog:
    database = scene.database
    return scene.show(
        LoginDialog(
            lambda name, password: signing.sign_in(database, name, password),
            database.name,
            scene.switcher,
        )
    )


def _lock_overlay(scene: Scene) -> LockOverlay:
    window = scene.area(1, "expat", "jose")
    lock = IdleLock(scene.database, scene.admin, 15, window)
    scene.cleanups.append(lock.uninstall)
    lock.lock()
    overlay = lock.overlay()
    assert overlay is not None
    return overlay


def _new_account(scene: Scene) -> AccountDialog:
    staff = scene.show(StaffDialog(scene.database, scene.admin))
    staff.new_account()
    return scene.last(AccountDialog)


def _expat_item(table: str) -> Callable[[Scene], QWidget]:
    def open_item(scene: Scene) -> QWidget:
        editor = ExpatEditor.for_existing(scene.database, scene.admin, scene.sample.expats["jose"])
        scene.show(editor)
        getattr(editor, table).add()
        return scene.last(FamilyMemberDialog if table == "family" else PermitDialog)

    return open_item


def _employer_item(table: str) -> Callable[[Scene], QWidget]:
    def open_item(scene: Scene) -> QWidget:
        employer = scene.sample.employers["thales"]
        editor = EmployerEditor.for_existing(scene.database, scene.admin, employer)
        scene.show(editor)
        getattr(editor, table).add()
        return scene.last(ContactDialog if table == "contacts" else HiringDialog)

    return open_item


def _case_in_progress(scene: Scene) -> MainWindow:
    """The case page of a case in progress: its status buttons say "Wait for the client" …"""
    version = case_detail.load_case(scene.database, scene.case_id).version
    cases.set_status(
        scene.database, scene.officer, scene.case_id, "in_progress", expected_version=version
    )
    return scene.area(3, "case")


def _calendar(scene: Scene) -> QWidget:
    """The calendar a date field opens (Alt+Down), over the expat editor."""
    editor = ExpatEditor.for_existing(scene.database, scene.admin, scene.sample.expats["jose"])
    scene.show(editor)
    field = editor.ui.dateOfBirth
    field.setFocus()
    scene.qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field.popup
    assert popup is not None
    scene.qtbot.waitUntil(lambda: popup.calendar.hasFocus())
    return popup


def _duplicate_warning(scene: Scene) -> DuplicateWarning:
    candidates = [
        DuplicateCandidate(
            expat_id=scene.sample.expats["jose"],
            ref="EXP-0001",
            name="José García",
            date_of_birth=date(1990, 4, 12),
            email="jose.garcia@example.es",
            bsn_masked="*****6782",
            reasons=("same BSN", "same e-mail address"),
        )
    ]
    return scene.show(DuplicateWarning(candidates, can_merge=True))


def _quick_open(scene: Scene) -> QuickOpenDialog:
    dialog = scene.show(QuickOpenDialog(scene.database, []))
    scene.qtbot.keyClicks(dialog.search, "Jos")
    scene.qtbot.waitUntil(lambda: dialog.results.count() > 0)
    return dialog


def _figures(scene: Scene) -> FiguresDialog:
    window = scene.area(4)
    dashboard = window.targets_area
    scene.qtbot.waitUntil(lambda: dashboard.report is not None and not dashboard.is_busy())
    dashboard.open_figures(next(iter(dashboard.cards)))
    return scene.last(FiguresDialog)


def _kiosk(page: int) -> Callable[[Scene], QWidget]:
    """The kiosk, gone forward ``page`` pages with its "Start" and "Next" buttons."""

    def open_kiosk(scene: Scene) -> QWidget:
        setup = KioskSetup(scene.sample.expats["jose"], EXIT_CODE, scene.officer)
        kiosk = scene.show(KioskWindow(scene.database, setup, scene.switcher), full_screen=True)

        def unlock() -> None:  # before it is closed: the exit code is asked only of a person
            kiosk._unlocked = True

        scene.cleanups.append(unlock)
        for step in range(page):
            if step == 0:
                kiosk.welcome.start.click()
            else:
                kiosk.current_page().next.click()  # type: ignore[attr-defined]
        if page > len(kiosk.questions):
            scene.qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.thanks)
        return kiosk

    return open_kiosk


def _about(scene: Scene) -> QMessageBox:
    window = scene.main_window()
    window.show_about()
    return scene.last(QMessageBox)


# --- the catalogue ----------------------------------------------------------------------------

CATALOGUE: tuple[Entry, ...] = (
    Entry("sign-in", LoginDialog, _login),
    Entry("first-admin", FirstAdminDialog, lambda s: s.show(FirstAdminDialog(s.database))),
    Entry("main-home", MainWindow, lambda s: s.area(0)),
    Entry("main-home-desk-officer", MainWindow, lambda s: s.main_window(s.officer)),
    Entry("main-expats", MainWindow, lambda s: s.area(1, "expat", "jose")),
    Entry("main-employers", MainWindow, lambda s: s.area(2, "employer", "thales")),
    Entry("main-cases", MainWindow, lambda s: s.area(3)),
    Entry("main-case-page", MainWindow, lambda s: s.area(3, "case")),
    Entry("main-case-in-progress", MainWindow, _case_in_progress),
    Entry("main-targets", MainWindow, lambda s: s.area(4)),
    Entry("main-reports", MainWindow, lambda s: s.area(5)),
    Entry("lock-screen", LockOverlay, _lock_overlay),
    Entry("about", QMessageBox, _about),
    Entry("quick-open", QuickOpenDialog, _quick_open),
    Entry(
        "expat-editor-new",
        ExpatEditor,
        lambda s: s.show(ExpatEditor.for_new(s.database, s.admin)),
    ),
    Entry(
        "expat-editor",
        ExpatEditor,
        lambda s: s.show(ExpatEditor.for_existing(s.database, s.admin, s.sample.expats["jose"])),
    ),
    Entry("date-calendar", _CalendarPopup, _calendar),
    Entry("family-member", FamilyMemberDialog, _expat_item("family")),
    Entry("permit", PermitDialog, _expat_item("permits")),
    Entry(
        "employer-editor",
        EmployerEditor,
        lambda s: s.show(
            EmployerEditor.for_existing(s.database, s.admin, s.sample.employers["thales"])
        ),
    ),
    Entry("contact", ContactDialog, _employer_item("contacts")),
    Entry("hiring", HiringDialog, _employer_item("hiring")),
    Entry(
        "open-case",
        OpenCaseDialog,
        lambda s: s.show(
            OpenCaseDialog(s.database, s.officer, None, expat_id=s.sample.expats["jose"])
        ),
    ),
    Entry(
        "walk-in",
        WalkInDialog,
        lambda s: s.show(
            WalkInDialog(s.database, s.officer, None, employer_id=s.sample.employers["thales"])
        ),
    ),
    Entry(
        "merge",
        MergeDialog,
        lambda s: s.show(
            MergeDialog(
                s.database, s.admin, s.sample.expats["jose"], None, other_id=s.sample.expats["anna"]
            )
        ),
    ),
    Entry("duplicate-warning", DuplicateWarning, _duplicate_warning),
    Entry(
        "survey",
        SurveyDialog,
        lambda s: s.show(
            SurveyDialog(
                s.database,
                respondents(s.database, s.sample.expats["jose"], s.sample.employers["thales"]),
                None,
                actor=s.officer,
            )
        ),
    ),
    Entry(
        "survey-chooser",
        SurveyChooser,
        lambda s: s.show(
            SurveyChooser(surveys.responses_of_expat(s.database, s.sample.expats["jose"]))
        ),
    ),
    Entry("staff-accounts", StaffDialog, lambda s: s.show(StaffDialog(s.database, s.admin))),
    Entry("new-account", AccountDialog, _new_account),
    Entry(
        "change-password",
        PasswordDialog,
        lambda s: s.show(own_password_dialog(s.database, s.admin, None)),
    ),
    Entry(
        "target-settings",
        TargetSettingsDialog,
        lambda s: s.show(TargetSettingsDialog(s.database, actor=s.admin)),
    ),
    Entry("target-figures", FiguresDialog, _figures),
    Entry("import", ImportDialog, lambda s: s.show(ImportDialog(s.database, actor=s.admin))),
    Entry(
        "erase",
        EraseDialog,
        lambda s: s.show(
            EraseDialog(
                s.database,
                s.admin,
                erasure.erasure_preview(s.database, s.admin, s.sample.expats["jose"]),
            )
        ),
    ),
    Entry("retention", RetentionDialog, lambda s: s.show(RetentionDialog(s.database, s.admin))),
    Entry(
        "letter",
        LetterDialog,
        lambda s: s.show(
            LetterDialog(s.database, s.officer, case_detail.load_case(s.database, s.case_id))
        ),
    ),
    Entry("templates", TemplateDialog, lambda s: s.show(TemplateDialog(s.database, s.admin))),
    Entry(
        "kiosk-setup",
        KioskSetupDialog,
        lambda s: s.show(
            KioskSetupDialog((s.sample.expats["jose"], "José García"), None, actor=s.officer)
        ),
    ),
    Entry("kiosk-exit-code", ExitCodeDialog, lambda s: s.show(ExitCodeDialog(EXIT_CODE))),
    Entry("kiosk-welcome", KioskWindow, _kiosk(0)),
    Entry("kiosk-grade", KioskWindow, _kiosk(1)),
    Entry("kiosk-intention", KioskWindow, _kiosk(2)),
    Entry("kiosk-facilities", KioskWindow, _kiosk(3)),
    Entry("kiosk-thanks", KioskWindow, _kiosk(4)),
)

NAMES = tuple(entry.name for entry in CATALOGUE)


def entry_named(name: str) -> Entry:
    return next(entry for entry in CATALOGUE if entry.name == name)


@contextmanager
def opened(scene: Scene, entry: Entry | str, language: str) -> Iterator[QWidget]:
    """The window ``entry`` opened in ``language`` ("nl" or "en"); closed again afterwards."""
    if isinstance(entry, str):
        entry = entry_named(entry)
    scene.switcher.apply(language)
    try:
        widget = entry.open(scene)
        assert isinstance(widget, entry.kind), f"{entry.name} showed {type(widget).__name__}"
        assert widget.isVisible(), f"{entry.name} is not shown"
        yield widget
    finally:
        scene.close()
        for popup in QApplication.topLevelWidgets():  # message boxes and menus it left open
            if popup.isVisible() and isinstance(popup, QDialog):
                popup.close()
        scene.switcher.apply("en")


def windows(scene: Scene, language: str) -> Iterator[tuple[str, QWidget]]:
    """Every window of the catalogue in turn, as ``(name, widget)``; each is closed again when
    the next one is asked for."""
    for entry in CATALOGUE:
        with opened(scene, entry, language) as widget:
            yield entry.name, widget


def dialog_classes() -> set[type[QDialog]]:
    """Every subclass of ``QDialog`` defined under :mod:`expatdesk.qt`."""
    for module in pkgutil.walk_packages(expatdesk.qt.__path__, "expatdesk.qt."):
        importlib.import_module(module.name)
    found: set[type[QDialog]] = set()
    todo: list[type[QDialog]] = [QDialog]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__.startswith("expatdesk.qt."):
                found.add(subclass)
    return found


def uncatalogued() -> set[type[QDialog]]:
    """The dialog classes no entry shows (nor a subclass of it, for the shared base classes)."""
    kinds = [entry.kind for entry in CATALOGUE]
    return {cls for cls in dialog_classes() if not any(issubclass(kind, cls) for kind in kinds)}
