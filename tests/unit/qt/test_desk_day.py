"""A desk officer's day through the main window, by keyboard, in English and in Dutch.

Register an expat (refused without a given name, then warned about José García, registered
anyway), open a case for them, deliver a service and tick its document checklist, add a task that
is overdue and find it on the home screen, add a permit that ends soon and find it there too, leave
an editor with changes (cancel, then discard), record a walk-in service for an employer, close the
case, find that merging is for managers (greyed out, saying so), and see a manager at the same
desk merge the new record into José's: everything linked moves. Each step is checked in the
database and in what the window shows.

Modal dialogs run through ``msgbox.exec_dialog``; here each one is shown and driven, as the user
would, by the next responder in the queue (see the ``answers`` fixture).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from expatdesk import clock
from expatdesk.accounts.actor import Actor
from expatdesk.db.database import Database
from expatdesk.db.models import (
    AuditEntry,
    Case,
    DeliveryDocument,
    Expat,
    Permit,
    ServiceDelivery,
    Task,
)
from expatdesk.i18n import format_date
from expatdesk.qt import msgbox
from expatdesk.qt.appearance import colours
from expatdesk.qt.cases.open_case_dialog import OpenCaseDialog
from expatdesk.qt.cases.walk_in_dialog import WalkInDialog
from expatdesk.qt.expats.duplicate_warning import DuplicateWarning
from expatdesk.qt.expats.editor import ExpatEditor
from expatdesk.qt.expats.family_permits import PermitDialog
from expatdesk.qt.expats.merge_dialog import MergeDialog
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.main_window import MainWindow
from expatdesk.qt.operations import writes_running
from expatdesk.qt.settings import Settings
from expatdesk.qt.widgets.date_field import DateField
from tests.helpers.sample import Sample
from tests.unit.qt.desk_helpers import add_staff, choose

Responder = Callable[[QDialog], None]
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier

#: Popups (menus, suggestions) make the offscreen platform say what it cannot do.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@dataclass(frozen=True)
class Words:
    """What the window says, in one language."""

    language: str
    navigation: tuple[str, ...]
    six_expats: str
    required: str
    new_expat: str
    duplicate_title: str
    same_name: str
    saved: str
    case_opened: str
    service: str
    documents_for: str
    documents: tuple[str, ...]
    all_ticked: str
    services_tab: str
    overdue_suffix: str
    tasks_tab: str
    overdue_group: str
    new_group: str
    permit_type: str
    expires_in_20_days: str
    ends_soon: str
    permits_note: str
    leave_question: str
    walk_in_title: str
    advice: str
    service_recorded: str
    start_work: str
    close_case: str
    closed: str
    no_open_cases: str
    merge_title: str
    keep_label: str
    moves: str
    confirm: str
    merged: str
    merge_denied: str


ENGLISH = Words(
    language="en",
    navigation=("Home", "Expats", "Employers", "Cases"),
    six_expats="6 expats",
    required="This field is required.",
    new_expat="New expat",
    duplicate_title="Possible duplicate",
    same_name="same name and date of birth",
    saved="Saved",
    case_opened="Case opened",
    service="Residence permit, highly skilled migrant",
    documents_for="&Documents for Residence permit, highly skilled migrant",
    documents=(
        "Valid passport",
        "Signed employment contract",
        "Salary statement",
        "Antecedents certificate",
        "Passport photo",
    ),
    all_ticked="5 of 5",
    services_tab="Services (1)",
    overdue_suffix="(overdue)",
    tasks_tab="Tasks (1 open)",
    overdue_group="Overdue (1)",
    new_group="New (1)",
    permit_type="Highly skilled migrant",
    expires_in_20_days="expires in 20 days",
    ends_soon="Ends within 30 days",
    permits_note="1 within 30 days, 0 ended in the last 30 days",
    leave_question="Save the changes to {name} ({ref})?",
    walk_in_title="Record walk-in service",
    advice="Employer advice (procedures, sponsorship)",
    service_recorded="Service recorded",
    start_work="Start work",
    close_case="Close the case",
    closed="Closed",
    no_open_cases="0 cases",
    merge_title="Merge expat records",
    keep_label="The record kept: EXP-0001 José García. Find the other record of the same person.",
    moves="Moves from {ref} to EXP-0001: 1 case, 2 service deliveries and 1 permit.",
    confirm="Merge {ref} into EXP-0001? This cannot be undone.",
    merged="Records merged",
    merge_denied="Only managers and administrators may delete expats and employers.",
)

DUTCH = Words(
    language="nl",
    navigation=("Start", "Expats", "Werkgevers", "Zaken"),
    six_expats="6 expats",
    required="Dit veld is verplicht.",
    new_expat="Nieuwe expat",
    duplicate_title="Mogelijk dubbel",
    same_name="zelfde naam en geboortedatum",
    saved="Opgeslagen",
    case_opened="Zaak geopend",
    service="Verblijfsvergunning kennismigrant",
    documents_for="Do&cumenten voor Verblijfsvergunning kennismigrant",
    documents=(
        "Geldig paspoort",
        "Ondertekende arbeidsovereenkomst",
        "Salarisverklaring",
        "Antecedentenverklaring",
        "Pasfoto",
    ),
    all_ticked="5 van 5",
    services_tab="Diensten (1)",
    overdue_suffix="(te laat)",
    tasks_tab="Taken (1 open)",
    overdue_group="Te laat (1)",
    new_group="Nieuw (1)",
    permit_type="Kennismigrant",
    expires_in_20_days="verloopt over 20 dagen",
    ends_soon="Loopt binnen 30 dagen af",
    permits_note="1 binnen 30 dagen, 0 afgelopen in de laatste 30 dagen",
    leave_question="Wijzigingen in {name} ({ref}) opslaan?",
    walk_in_title="Inloopdienst vastleggen",
    advice="Werkgeversadvies (procedures, erkend referentschap)",
    service_recorded="Dienst vastgelegd",
    start_work="Beginnen",
    close_case="Zaak sluiten",
    closed="Gesloten",
    no_open_cases="0 zaken",
    merge_title="Expatdossiers samenvoegen",
    keep_label=(
        "Het dossier dat blijft: EXP-0001 José García. "
        "Zoek het andere dossier van dezelfde persoon."
    ),
    moves=("Gaat over van {ref} naar EXP-0001: 1 zaak, 2 dienstverleningen en 1 vergunning."),
    confirm="{ref} samenvoegen met EXP-0001? Dit kan niet ongedaan worden gemaakt.",
    merged="Dossiers samengevoegd",
    merge_denied="Alleen managers en beheerders mogen expats en werkgevers verwijderen.",
)


# --- the desk ---------------------------------------------------------------------------------


@pytest.fixture
def officer(sqlite_database: Database) -> Actor:
    return add_staff(sqlite_database, "sanne", "Sanne Brinkhuis", "desk_officer")


@pytest.fixture
def answers(qtbot, monkeypatch: pytest.MonkeyPatch, dialogs: list[QDialog]) -> list[Responder]:
    """What the user does in the next modal dialogs, in order; no answer left fails the test.

    A dialog is shown and made the active window while its answer acts on it, as ``exec()``
    would; afterwards the window that was active before is active again.
    """
    queue: list[Responder] = []

    def run(dialog: QDialog) -> int:
        dialogs.append(dialog)
        assert queue, f"nobody answers {type(dialog).__name__}: {dialog.windowTitle()}"
        before = QApplication.activeWindow()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        queue.pop(0)(dialog)
        dialog.hide()
        if before is not None and before.isVisible():
            before.activateWindow()
            qtbot.waitUntil(before.isActiveWindow)
        return dialog.result()

    monkeypatch.setattr(msgbox, "exec_dialog", run)
    return queue


@pytest.fixture
def desk(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    settings: Settings,
    switcher: LanguageSwitcher,
    officer: Actor,
) -> MainWindow:
    window = MainWindow(sqlite_database, settings, switcher, officer)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


# --- what the user does -----------------------------------------------------------------------


def press(qtbot, window: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key in the active window, where the keyboard focus is."""
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget() or window, key, modifier)


def space(qtbot, button: QWidget) -> None:
    """Press a button (or tick a box) from the keyboard: focus it and hit the space bar."""
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not writes_running())  # a change it started runs off the GUI thread


def _mnemonic_key(text: str) -> Qt.Key:
    letter = text[text.index("&") + 1]
    assert letter.isascii(), text
    assert letter.isalpha(), text
    return Qt.Key(ord(letter.upper()))


def jump(qtbot, label: QLabel) -> None:
    """Alt and the underlined letter of ``label``: the keyboard focus goes to its field."""
    window = label.window()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget() or window, _mnemonic_key(label.text()), ALT)
    buddy = label.buddy()
    assert buddy is not None
    assert buddy.hasFocus() or buddy.isAncestorOf(QApplication.focusWidget()), label.text()


def from_menu(qtbot, window: MainWindow, menu: QMenu, action: QAction) -> None:
    """Open ``menu`` with Alt and its underlined letter, then choose ``action`` by its letter."""
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget() or window, _mnemonic_key(menu.title()), ALT)
    qtbot.waitUntil(menu.isVisible)
    assert action in menu.actions()
    assert action.isEnabled()
    with qtbot.waitSignal(action.triggered):
        qtbot.keyClick(menu, _mnemonic_key(action.text()))


def mnemonic(qtbot, dialog: QDialog, button: QAbstractButton) -> None:
    """Alt and the underlined letter of ``button``; a mnemonic clicks after a short delay."""
    clicked: list[bool] = []
    button.clicked.connect(lambda: clicked.append(True))
    qtbot.keyClick(dialog.focusWidget() or dialog, _mnemonic_key(button.text()), ALT)
    qtbot.waitUntil(lambda: bool(clicked))


def type_date(qtbot, edit: DateField, day: date, language: str) -> None:
    """Select what the date field holds and type ``day`` as ``language`` writes it."""
    assert edit.hasFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, day.strftime("%d-%m-%Y" if language == "nl" else "%d/%m/%Y"))


def button_of(box: QMessageBox, which: QMessageBox.StandardButton) -> QPushButton:
    button = box.button(which)
    assert isinstance(button, QPushButton), [b.text() for b in box.buttons()]
    return button


def status_message(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def count_label(window: MainWindow) -> str:
    label = window.statusBar().findChild(QLabel, "countLabel")
    assert isinstance(label, QLabel)
    return label.text()


def tree_rows(tree: QTreeWidget) -> list[list[str]]:
    found: list[list[str]] = []

    def walk(item: QTreeWidgetItem) -> None:
        found.append([item.text(column) for column in range(tree.columnCount())])
        for number in range(item.childCount()):
            walk(item.child(number))

    for number in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(number))
    return found


def find_item(tree: QTreeWidget, text: str, column: int) -> QTreeWidgetItem | None:
    items = tree.findItems(text, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, column)
    return items[0] if items else None


def count(database: Database, model: type, *where: object) -> int:
    with database.reading() as session:
        query = select(func.count()).select_from(model)
        for condition in where:
            query = query.where(condition)  # type: ignore[arg-type]
        return session.scalar(query) or 0


# --- the day ----------------------------------------------------------------------------------


@dataclass
class Day:
    """The officer's day at the desk, step by step, in the language of ``words``."""

    qtbot: QtBot
    window: MainWindow
    database: Database
    sample: Sample
    officer: Actor
    answers: list[Responder]
    words: Words
    expat_id: int = 0
    expat_ref: str = ""
    case_id: int = 0
    #: A manager's main window on the same desk, opened when the day needs one.
    colleague: Callable[[], MainWindow] | None = None

    @property
    def today(self) -> date:
        return clock.today()

    def press(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        press(self.qtbot, self.window, key, modifier)

    # 1. Register an expat: refused without a given name, then a duplicate registered anyway.
    def register(self) -> None:
        qtbot, window, words = self.qtbot, self.window, self.words
        self.press(Qt.Key.Key_2, CTRL)
        assert window.current_area() is window.expats_area
        before = count(self.database, Expat)
        seen: dict[str, object] = {}

        def fill_in(editor: QDialog) -> None:
            assert isinstance(editor, ExpatEditor)
            ui = editor.ui
            assert editor.windowTitle() == words.new_expat
            assert ui.givenName.hasFocus()
            jump(qtbot, ui.familyNameLabel)
            qtbot.keyClicks(ui.familyName, "Garcia")
            qtbot.keyClick(ui.familyName, Qt.Key.Key_Tab)
            assert ui.dateOfBirth.hasFocus()
            qtbot.keyClicks(ui.dateOfBirth, "12-04-1990")
            qtbot.keyClick(ui.dateOfBirth, Qt.Key.Key_S, CTRL)
            qtbot.waitUntil(lambda: not editor.is_saving())  # the save runs off the GUI thread
            # Refused in the form: the message under the field, the focus on it, nothing saved.
            assert editor.isVisible()
            assert editor.error_text("given_name") == words.required
            assert ui.givenNameError.isVisible()
            assert ui.givenName.hasFocus()
            assert editor.error_text("family_name") == ""
            assert count(self.database, Expat) == before
            assert ui.familyName.text() == "Garcia"

            qtbot.keyClicks(ui.givenName, "Jose")  # no accents: found all the same

            def register_anyway(warning: QDialog) -> None:
                assert isinstance(warning, DuplicateWarning)
                assert warning.windowTitle() == words.duplicate_title
                first = warning.candidates.topLevelItem(0)
                seen["candidate"] = [first.text(0), first.text(1), first.text(5)]
                seen["count"] = warning.candidates.topLevelItemCount()
                assert count(self.database, Expat) == before  # not yet
                mnemonic(qtbot, warning, warning.registerButton)

            self.answers.append(register_anyway)
            with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
                qtbot.keyClick(ui.givenName, Qt.Key.Key_S, CTRL)
            seen["id"] = saved.args[0]
            assert editor.isHidden()

        self.answers.append(fill_in)
        self.press(Qt.Key.Key_N, CTRL)
        assert seen["candidate"] == ["EXP-0001", "José García", words.same_name]
        assert seen["count"] == 1
        expat_id = int(seen["id"])  # type: ignore[call-overload]
        with self.database.reading() as session:
            stored = session.get_one(Expat, expat_id)
            stored_fields = (stored.given_name, stored.family_name, stored.date_of_birth)
            self.expat_ref = stored.expat_ref
            who = session.scalar(
                select(AuditEntry.username).where(
                    AuditEntry.entity == "expat", AuditEntry.entity_id == expat_id
                )
            )
        assert stored_fields == ("Jose", "Garcia", date(1990, 4, 12))
        assert self.expat_ref != "EXP-0001"
        assert who == self.officer.username
        assert count(self.database, Expat) == before + 1
        self.expat_id = expat_id
        area = window.expats_area
        qtbot.waitUntil(lambda: area.current_id() == expat_id)
        assert window.current_area() is area
        assert self.expat_ref in area.ui.detail.toPlainText()
        assert status_message(window) == words.saved
        qtbot.waitUntil(lambda: count_label(window) == words.six_expats)

    # 2. Open a case for the new expat.
    def open_case(self) -> None:
        qtbot, window, words = self.qtbot, self.window, self.words
        subject = "Highly skilled migrant permit"

        def fill_in(dialog: QDialog) -> None:
            assert isinstance(dialog, OpenCaseDialog)
            assert dialog.expat.chosen_id() == self.expat_id
            assert dialog.ui.expatCombo.currentText() == f"Jose Garcia ({self.expat_ref})"
            assert dialog.ui.ownerCombo.currentText() == self.officer.display_name
            assert dialog.ui.subjectEdit.hasFocus()
            qtbot.keyClicks(dialog.ui.subjectEdit, subject)
            with qtbot.waitSignal(dialog.saved) as saved:
                qtbot.keyClick(dialog.ui.subjectEdit, Qt.Key.Key_S, CTRL)
            self.case_id = saved.args[0]

        self.answers.append(fill_in)
        self.press(Qt.Key.Key_O, CTRL_SHIFT)
        with self.database.reading() as session:
            case = session.get_one(Case, self.case_id)
            assert (case.expat_id, case.owner_id, case.status, case.subject) == (
                self.expat_id,
                self.officer.user_id,
                "new",
                subject,
            )
        area = window.cases_area
        assert window.current_area() is area
        qtbot.waitUntil(lambda: area.current_id() == self.case_id)
        assert area.page.case_id == self.case_id
        assert area.page.ui.titleLabel.text().endswith(f" · {subject}")
        assert status_message(window) == words.case_opened

    # 3. Deliver a service on the case and tick off its documents.
    def deliver_and_tick(self) -> None:
        qtbot, words = self.qtbot, self.words
        page = self.window.cases_area.page
        ui = page.ui
        assert ui.tabs.currentWidget() is ui.servicesTab
        jump(qtbot, ui.serviceLabel)
        choose(qtbot, ui.serviceCombo, words.service)
        space(qtbot, ui.addServiceButton)
        assert ui.tabs.tabText(ui.tabs.indexOf(ui.servicesTab)) == words.services_tab
        assert ui.checklistLabel.text() == words.documents_for
        listing = ui.checklistList
        assert [listing.item(row).text() for row in range(listing.count())] == list(words.documents)
        assert listing.hasFocus()
        for row in range(listing.count()):
            assert listing.currentRow() == row
            with qtbot.waitSignal(page.changed):
                qtbot.keyClick(listing, Qt.Key.Key_Space)
            if row + 1 < listing.count():
                qtbot.keyClick(listing, Qt.Key.Key_Down)
        assert ui.servicesTable.item(0, 2).text() == words.all_ticked
        assert all(
            listing.item(row).checkState() == Qt.CheckState.Checked
            for row in range(listing.count())
        )
        with self.database.reading() as session:
            delivery = session.execute(
                select(ServiceDelivery).where(ServiceDelivery.case_id == self.case_id)
            ).scalar_one()
            assert (delivery.service_code, delivery.expat_id, delivery.delivered_on) == (
                "permit_hsm",
                self.expat_id,
                self.today,
            )
            ticked_by = session.scalars(
                select(DeliveryDocument.checked_by_id).where(
                    DeliveryDocument.delivery_id == delivery.id
                )
            ).all()
        assert ticked_by == [self.officer.user_id] * 5

    # 4. A task due yesterday: overdue on the page and on the home screen.
    def overdue_task(self) -> None:
        qtbot, window, words = self.qtbot, self.window, self.words
        page = window.cases_area.page
        ui = page.ui
        qtbot.keyClick(ui.checklistList, Qt.Key.Key_Tab, CTRL)  # to the tasks
        assert ui.tabs.currentWidget() is ui.tasksTab
        jump(qtbot, ui.taskTitleLabel)
        qtbot.keyClicks(ui.taskTitleEdit, "Send the salary statement to the IND")
        qtbot.keyClick(ui.taskTitleEdit, Qt.Key.Key_Tab)  # to the due date
        yesterday = self.today - timedelta(days=1)
        type_date(qtbot, ui.taskDueEdit, yesterday, words.language)
        assert ui.taskDueEdit.value() == yesterday
        jump(qtbot, ui.taskTitleLabel)
        with qtbot.waitSignal(page.changed):
            qtbot.keyClick(ui.taskTitleEdit, Qt.Key.Key_Return)
        assert ui.tasksTable.item(0, 2).text() == f"{format_date(yesterday)} {words.overdue_suffix}"
        assert ui.tabs.tabText(ui.tabs.indexOf(ui.tasksTab)) == words.tasks_tab
        with self.database.reading() as session:
            task = session.execute(select(Task).where(Task.case_id == self.case_id)).scalar_one()
            assert (task.title, task.due_date, task.done_at) == (
                "Send the salary statement to the IND",
                yesterday,
                None,
            )

        self.press(Qt.Key.Key_1, CTRL)
        home = window.home_area
        assert window.current_area() is home
        tasks = home.ui.tasksTree
        qtbot.waitUntil(lambda: find_item(tasks, words.overdue_group, 0) is not None)
        assert tree_rows(tasks)[:2] == [
            [words.overdue_group, "", "", ""],
            [
                format_date(yesterday),
                "Send the salary statement to the IND",
                self._case_ref(),
                "Jose Garcia",
            ],
        ]
        assert tasks.topLevelItem(0).child(0).foreground(0).color() == colours.item_colour(
            tasks, colours.Role.ALERT
        )
        cases = home.ui.casesTree
        assert tree_rows(cases)[:2] == [
            [words.new_group, "", "", ""],
            [
                self._case_ref(),
                "Highly skilled migrant permit",
                "Jose Garcia",
                format_date(self.today),
            ],
        ]

    def _case_ref(self) -> str:
        with self.database.reading() as session:
            return session.get_one(Case, self.case_id).case_ref

    # 5. Ctrl+E: a permit that ends in 20 days; the home screen makes it stand out.
    def permit_ending_soon(self) -> None:
        qtbot, window, words = self.qtbot, self.window, self.words
        self.press(Qt.Key.Key_2, CTRL)
        area = window.expats_area
        qtbot.waitUntil(lambda: area.current_id() == self.expat_id)
        until = self.today + timedelta(days=20)

        def add_permit(editor: QDialog) -> None:
            assert isinstance(editor, ExpatEditor)
            ui = editor.ui
            for _tab in range(3):  # personal → work → family → permits
                qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab, CTRL)
            assert ui.tabs.currentWidget() is ui.permitsTab
            jump(qtbot, ui.permitsLabel)

            def fill_permit(dialog: QDialog) -> None:
                assert isinstance(dialog, PermitDialog)
                assert dialog.permit_type.hasFocus()
                choose(qtbot, dialog.permit_type, words.permit_type)
                for field, text in (
                    (dialog.number, "NL-2026-0042"),
                    (dialog.valid_from, "1-3-2022"),
                    (dialog.valid_until, until.strftime("%d-%m-%Y")),
                ):
                    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
                    assert field.hasFocus()
                    qtbot.keyClicks(field, text)
                qtbot.keyClick(dialog.valid_until, Qt.Key.Key_Return)
                assert dialog.result() == QDialog.DialogCode.Accepted

            self.answers.append(fill_permit)
            qtbot.keyClick(ui.permitsTable, Qt.Key.Key_Insert)
            assert ui.permitsTable.rowCount() == 1
            assert count(self.database, Permit, Permit.expat_id == self.expat_id) == 0
            with qtbot.waitSignal(editor.saved):
                qtbot.keyClick(ui.permitsTable, Qt.Key.Key_S, CTRL)

        self.answers.append(add_permit)
        self.press(Qt.Key.Key_E, CTRL)
        with self.database.reading() as session:
            permits = session.scalars(select(Permit).where(Permit.expat_id == self.expat_id)).all()
            assert [(p.permit_type_code, p.number, p.valid_until) for p in permits] == [
                ("hsm", "NL-2026-0042", until)
            ]
        assert status_message(window) == words.saved

        self.press(Qt.Key.Key_1, CTRL)
        home = window.home_area
        tree = home.ui.permitsTree
        permit = f"{words.permit_type} · NL-2026-0042"
        qtbot.waitUntil(lambda: find_item(tree, permit, 2) is not None)
        row = find_item(tree, permit, 2)
        assert row is not None
        assert [row.text(column) for column in range(4)] == [
            format_date(until),
            "Jose Garcia",
            f"{words.permit_type} · NL-2026-0042",
            words.expires_in_20_days,
        ]
        assert not row.icon(0).isNull()
        assert row.font(0).weight() == QFont.Weight.Bold
        assert row.foreground(3).color() == colours.item_colour(tree, colours.Role.ALERT)
        assert row.toolTip(1) == words.ends_soon
        assert home.ui.permitsNote.text() == words.permits_note
        # Alt and the heading's letter reach the list; Enter on the entry opens the expat.
        jump(qtbot, home.ui.permitsLabel)
        qtbot.keyClick(tree, Qt.Key.Key_Home)
        assert tree.currentItem() is row
        qtbot.keyClick(tree, Qt.Key.Key_Return)
        assert window.current_area() is window.expats_area
        qtbot.waitUntil(lambda: window.expats_area.current_id() == self.expat_id)

    # 6. Leaving the editor with changes: Cancel keeps them, Discard drops them.
    def leave_without_saving(self) -> None:
        qtbot, words = self.qtbot, self.words
        questions: list[str] = []

        def change_and_leave(editor: QDialog) -> None:
            assert isinstance(editor, ExpatEditor)
            ui = editor.ui
            jump(qtbot, ui.phoneLabel)
            qtbot.keyClicks(ui.phone, "+31 6 5555 0101")

            def cancel(box: QDialog) -> None:
                assert isinstance(box, QMessageBox)
                questions.append(box.text())
                qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_Escape)

            self.answers.append(cancel)
            qtbot.keyClick(ui.phone, Qt.Key.Key_Escape)
            assert editor.isVisible()
            assert ui.phone.text() == "+31 6 5555 0101"
            assert editor.is_modified()

            def discard(box: QDialog) -> None:
                assert isinstance(box, QMessageBox)
                questions.append(box.text())
                space(qtbot, button_of(box, QMessageBox.StandardButton.Discard))

            self.answers.append(discard)
            qtbot.keyClick(ui.phone, Qt.Key.Key_Escape)
            assert editor.isHidden()
            assert editor.result() == QDialog.DialogCode.Rejected

        self.answers.append(change_and_leave)
        self.press(Qt.Key.Key_E, CTRL)
        question = words.leave_question.format(name="Jose Garcia", ref=self.expat_ref)
        assert questions == [question, question]
        with self.database.reading() as session:
            assert session.get_one(Expat, self.expat_id).phone is None

    # 7. A walk-in service for an employer, with the new expat found by typing.
    def walk_in(self) -> None:
        qtbot, window, words = self.qtbot, self.window, self.words
        thales = self.sample.employers["thales"]
        self.press(Qt.Key.Key_3, CTRL)
        area = window.employers_area
        self.press(Qt.Key.Key_F, CTRL)
        qtbot.keyClicks(area.ui.searchEdit, "thales")
        qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: area.current_id() == thales)

        def fill_in(dialog: QDialog) -> None:
            assert isinstance(dialog, WalkInDialog)
            assert dialog.windowTitle() == words.walk_in_title
            assert dialog.employer.employer_id() == thales
            assert dialog.ui.serviceCombo.hasFocus()
            choose(qtbot, dialog.ui.serviceCombo, words.advice)
            jump(qtbot, dialog.ui.expatLabel)
            qtbot.keyClicks(dialog.ui.expatSearch, self.expat_ref)
            # Enter searches at once, and saves nothing.
            qtbot.keyClick(dialog.ui.expatSearch, Qt.Key.Key_Return)
            assert dialog.expat.chosen_id() == self.expat_id
            assert dialog.isVisible()
            assert count(self.database, ServiceDelivery) == 1
            with qtbot.waitSignal(dialog.saved):
                qtbot.keyClick(dialog.ui.expatSearch, Qt.Key.Key_S, CTRL)

        self.answers.append(fill_in)
        self.press(Qt.Key.Key_W, CTRL_SHIFT)
        with self.database.reading() as session:
            walk_in = session.execute(
                select(ServiceDelivery).where(ServiceDelivery.case_id.is_(None))
            ).scalar_one()
            assert (
                walk_in.service_code,
                walk_in.employer_id,
                walk_in.expat_id,
                walk_in.delivered_on,
            ) == ("employer_advice", thales, self.expat_id, self.today)
        assert status_message(window) == words.service_recorded

    # 8. Close the case.
    def close_case(self) -> None:
        qtbot, window, words = self.qtbot, self.window, self.words
        self.press(Qt.Key.Key_4, CTRL)
        area = window.cases_area
        qtbot.waitUntil(lambda: area.current_id() == self.case_id)
        page = area.page
        assert [button.text() for button in page._status_buttons] == [words.start_work]
        with qtbot.waitSignal(page.changed):
            space(qtbot, page.findChild(QPushButton, "status_in_progress"))
        closing = page.findChild(QPushButton, "status_closed")
        assert isinstance(closing, QPushButton)
        assert closing.text() == words.close_case
        with qtbot.waitSignal(page.changed):
            space(qtbot, closing)
        assert page.ui.statusValue.text() == words.closed
        with self.database.reading() as session:
            case = session.get_one(Case, self.case_id)
            assert case.status == "closed"
            assert case.closed_at is not None
        # It leaves "my open cases"; its page stays to be read.
        qtbot.waitUntil(lambda: area.model.row_of(self.case_id) is None)
        assert page.case_id == self.case_id
        assert area.count_text() == words.no_open_cases

    # 9. Merging deletes a record: greyed out for the officer, saying who may; a manager at the
    # same desk merges the new record into José's, and everything linked moves.
    def merge(self) -> None:
        qtbot, words = self.qtbot, self.words
        jose = self.sample.expats["jose"]
        self.press(Qt.Key.Key_2, CTRL)
        for action in (self.window.ui.actionMerge, self.window.ui.actionDelete):
            assert not action.isEnabled()
            assert action.statusTip() == words.merge_denied
        assert self.colleague is not None
        window = self.window = self.colleague()
        self.press(Qt.Key.Key_2, CTRL)
        area = window.expats_area
        self.press(Qt.Key.Key_F, CTRL)
        qtbot.keyClicks(area.ui.searchEdit, "EXP-0001")
        qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: area.current_id() == jose)
        asked: list[tuple[str, str]] = []

        def merge_them(dialog: QDialog) -> None:
            assert isinstance(dialog, MergeDialog)
            assert dialog.windowTitle() == words.merge_title
            assert dialog.ui.keepLabel.text() == words.keep_label
            assert dialog.ui.searchEdit.hasFocus()
            qtbot.keyClicks(dialog.ui.searchEdit, "garcia")
            # Enter searches at once and goes to the results; it never merges.
            qtbot.keyClick(dialog.ui.searchEdit, Qt.Key.Key_Return)
            assert dialog.ui.otherList.hasFocus()
            qtbot.keyClick(dialog.ui.otherList, Qt.Key.Key_Return)
            assert dialog.other_id == self.expat_id
            assert dialog.preview is not None
            assert dialog.ui.movesLabel.text() == words.moves.format(ref=self.expat_ref)

            def confirm(box: QDialog) -> None:
                assert isinstance(box, QMessageBox)
                asked.append((box.text(), box.informativeText()))
                button = box.findChild(QPushButton, "confirmMerge")
                assert isinstance(button, QPushButton)
                assert box.defaultButton() is not button  # Enter alone does not merge
                mnemonic(qtbot, box, button)

            self.answers.append(confirm)
            with qtbot.waitSignal(dialog.merged):
                mnemonic(qtbot, dialog, dialog.mergeButton)

        self.answers.append(merge_them)
        from_menu(qtbot, window, window.ui.menuRecords, window.ui.actionMerge)
        assert asked == [
            (words.confirm.format(ref=self.expat_ref), words.moves.format(ref=self.expat_ref))
        ]
        with self.database.reading() as session:
            assert session.get(Expat, self.expat_id) is None
            assert session.get_one(Case, self.case_id).expat_id == jose
            assert session.scalars(select(ServiceDelivery.expat_id)).all() == [jose, jose]
            assert sorted(
                session.scalars(select(Permit.number).where(Permit.expat_id == jose)).all()
            ) == ["NL-2026-0001", "NL-2026-0042"]
        assert count(self.database, Expat) == 5
        qtbot.waitUntil(lambda: area.current_id() == jose)
        assert status_message(window) == words.merged
        detail = area.ui.detail.toPlainText()
        assert "NL-2026-0042" in detail
        assert "Highly skilled migrant permit" in detail

    def run(self) -> None:
        self.register()
        self.open_case()
        self.deliver_and_tick()
        self.overdue_task()
        self.permit_ending_soon()
        self.leave_without_saving()
        self.walk_in()
        self.close_case()
        self.merge()
        assert self.answers == []  # every dialog expected came


@pytest.mark.parametrize("words", [ENGLISH, DUTCH], ids=["english", "dutch"])
def test_a_day_at_the_desk(
    qtbot,
    desk: MainWindow,
    sqlite_database: Database,
    sample: Sample,
    officer: Actor,
    answers: list[Responder],
    words: Words,
    settings: Settings,
    switcher: LanguageSwitcher,
) -> None:
    def colleague() -> MainWindow:
        manager = add_staff(sqlite_database, "bram", "Bram Jansen", "manager")
        window = MainWindow(sqlite_database, settings, switcher, manager)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    if words.language == "nl":
        desk.ui.actionDutch.trigger()
        qtbot.waitUntil(lambda: desk.ui.navigation.item(2).text() != "Employers")
        assert desk.ui.actionDutch.isChecked()
    navigation = desk.ui.navigation
    assert tuple(navigation.item(row).text() for row in range(4)) == words.navigation
    # Reports are not the desk's work: neither their areas nor their menu show.
    assert navigation.isRowHidden(desk.areas.index(desk.reports_area))
    assert not desk.ui.menuReports.menuAction().isVisible()
    Day(qtbot, desk, sqlite_database, sample, officer, answers, words, colleague=colleague).run()


# --- mnemonics ----------------------------------------------------------------------------------


def visible_mnemonics(window: MainWindow) -> dict[str, list[str]]:
    """The Alt+letter keys of what the window shows now (menus, labelled fields, buttons, tabs),
    each with the texts that claim it."""
    keys: dict[str, list[str]] = {}

    def claim(text: str, what: str) -> None:
        position = text.replace("&&", "").find("&")
        if position >= 0:
            keys.setdefault(text.replace("&&", "")[position + 1].lower(), []).append(what)

    for action in window.menuBar().actions():
        if action.isVisible():
            claim(action.text(), f"menu {action.text()!r}")
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None:
            claim(label.text(), f"{label.objectName()} {label.text()!r}")
    for button in window.findChildren(QAbstractButton):
        if button.isVisible():
            claim(button.text(), f"{button.objectName()} {button.text()!r}")
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            for tab in range(bar.count()):
                claim(bar.tabText(tab), f"tab {bar.tabText(tab)!r}")
    return keys


@pytest.mark.parametrize("role", ["desk_officer", "manager"])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_no_two_mnemonics_clash_in_an_area(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    settings: Settings,
    switcher: LanguageSwitcher,
    language: str,
    role: str,
) -> None:
    """An Alt+letter shared by two visible things only moves between them: the menu of that
    letter, or the field, cannot be reached with one press. Each area (and each tab of the case
    page) is checked with the menus a desk officer, or a manager (the Reports menu and areas
    too), sees."""
    from expatdesk.cases import workflow as cases

    actor = add_staff(sqlite_database, "sanne", "Sanne Brinkhuis", role)
    desk = MainWindow(sqlite_database, settings, switcher, actor)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitExposed(desk)
    cases.open_case(
        sqlite_database,
        actor,
        subject="Registration",
        expat_id=sample.expats["anna"],
        owner_id=actor.user_id,
    )
    if language == "nl":
        desk.ui.actionDutch.trigger()
        qtbot.waitUntil(lambda: desk.ui.navigation.item(2).text() == "Werkgevers")
    areas = [
        desk.ui.actionHome,
        desk.ui.actionExpats,
        desk.ui.actionEmployers,
        desk.ui.actionCases,
        desk.ui.actionTargets,
        desk.ui.actionReports,
    ]
    shown_areas = [action for action in areas if action.isVisible()]
    assert len(shown_areas) == (6 if role == "manager" else 4)
    clashes: dict[str, dict[str, list[str]]] = {}
    for action in shown_areas:
        action.trigger()
        pages = desk.cases_area.page.ui.tabs if action is desk.ui.actionCases else None
        for tab in range(pages.count() if pages is not None else 1):
            if pages is not None:
                pages.setCurrentIndex(tab)
            shown = {key: what for key, what in visible_mnemonics(desk).items() if len(what) > 1}
            if shown:
                clashes[f"{action.objectName()} {tab}"] = shown
    assert clashes == {}
