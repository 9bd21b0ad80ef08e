"""The employer editor, driven through its widgets: contacts, hiring, refused input, guard."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QMessageBox, QWidget
from sqlalchemy import func, select

from expatdesk import clock
from expatdesk.accounts.actor import Actor
from expatdesk.common.changes import EMPLOYER_SAVED
from expatdesk.db.database import Database
from expatdesk.db.models import ContactPerson, Employer, HiringRecord, StaffUser
from expatdesk.employers import write as employer_records
from expatdesk.qt import msgbox
from expatdesk.qt.employers.editor import (
    ContactDialog,
    EmployerEditor,
    HiringDialog,
    confirm_and_delete_employer,
)
from expatdesk.qt.main_window import MainWindow
from expatdesk.qt.operations import change_bus, is_writing
from tests.helpers.sample import Sample
from tests.unit.qt.desk_helpers import held

Responder = Callable[[QDialog], int]


@pytest.fixture
def anna(sqlite_database: Database) -> Actor:
    with sqlite_database.transaction() as session:
        user = StaffUser(username="anna", display_name="Anna de Vries", role="desk_officer")
        session.add(user)
        session.flush()
        return Actor(user.id, "anna", "Anna de Vries", "desk_officer")


@pytest.fixture
def bram(sqlite_database: Database) -> Actor:
    """A manager: only managers and administrators delete employers."""
    with sqlite_database.transaction() as session:
        user = StaffUser(username="bram", display_name="Bram Jansen", role="manager")
        session.add(user)
        session.flush()
        return Actor(user.id, "bram", "Bram Jansen", "manager")


@pytest.fixture
def answers(qtbot, monkeypatch: pytest.MonkeyPatch, dialogs: list[QDialog]) -> list[Responder]:
    """Queue what the user does in the next modal dialogs; an empty queue just closes them."""
    queue: list[Responder] = []

    def run(dialog: QDialog) -> int:
        dialogs.append(dialog)
        if not queue:
            return int(QDialog.DialogCode.Rejected)
        qtbot.addWidget(dialog)
        dialog.show()
        result = queue.pop(0)(dialog)
        dialog.hide()
        return result

    monkeypatch.setattr(msgbox, "exec_dialog", run)
    return queue


def click_button(text: str) -> Responder:
    def respond(box: QDialog) -> int:
        assert isinstance(box, QMessageBox)
        buttons = {b.text(): b for b in box.buttons()}
        assert text in buttons, list(buttons)
        buttons[text].click()
        return 0

    return respond


def open_editor(qtbot, editor: EmployerEditor) -> EmployerEditor:
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def retype(qtbot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)


def choose(qtbot, combo: QComboBox, text: str) -> None:
    target = combo.findText(text)
    assert target >= 0, f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setFocus()
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        before = combo.currentIndex()
        qtbot.keyClick(combo, key)
        assert combo.currentIndex() != before


def save_with_ctrl_s(qtbot, editor: EmployerEditor) -> None:
    editor.activateWindow()  # again after a message box: Ctrl+S is a shortcut of the window
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor.ui.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.is_saving())  # the save runs off the GUI thread


def count(database: Database, model: type) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def fill_contact(qtbot, name: str, email: str = "") -> Responder:
    def respond(dialog: QDialog) -> int:
        assert isinstance(dialog, ContactDialog)
        retype(qtbot, dialog.name, name)
        retype(qtbot, dialog.email, email)
        qtbot.keyClick(dialog.email, Qt.Key.Key_Return)  # Enter presses OK
        return dialog.result()

    return respond


def fill_year(qtbot, year: int, hires: int, source: str = "") -> Responder:
    def respond(dialog: QDialog) -> int:
        assert isinstance(dialog, HiringDialog)
        retype(qtbot, dialog.year, str(year))
        retype(qtbot, dialog.international_hires, str(hires))
        retype(qtbot, dialog.source, source)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    return respond


def test_register_an_employer_with_contacts_and_hiring(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor, answers: list[Responder]
) -> None:
    editor = open_editor(qtbot, EmployerEditor.for_new(sqlite_database, anna))
    ui = editor.ui
    assert editor.windowTitle() == "New employer"
    qtbot.keyClicks(ui.name, "Demcon")
    qtbot.keyClicks(ui.kvkNumber, "0603 1234")
    choose(qtbot, ui.municipality, "Enschede")
    ui.highTech.setFocus()
    qtbot.keyClick(ui.highTech, Qt.Key.Key_Space)
    qtbot.keyClicks(ui.website, "www.demcon.com")
    ui.tabs.setCurrentWidget(ui.contactsTab)
    answers.append(fill_contact(qtbot, "Eva Jansen", "eva@demcon.com"))
    qtbot.mouseClick(ui.addContactsButton, Qt.MouseButton.LeftButton)
    assert ui.contactsTable.item(0, 0).text() == "Eva Jansen"
    ui.tabs.setCurrentWidget(ui.hiringTab)
    answers.append(fill_year(qtbot, 2024, 9, "annual survey"))
    qtbot.mouseClick(ui.addHiringButton, Qt.MouseButton.LeftButton)
    answers.append(fill_year(qtbot, 2025, 1200))
    qtbot.mouseClick(ui.addHiringButton, Qt.MouseButton.LeftButton)
    assert [ui.hiringTable.item(row, 1).text() for row in range(2)] == ["9", "1,200"]

    with qtbot.waitSignal(editor.saved) as saved:
        save_with_ctrl_s(qtbot, editor)
    assert editor.isHidden()
    stored = employer_records.load_employer_form(sqlite_database, saved.args[0])
    assert stored is not None
    assert stored.ref == f"EMP-{saved.args[0]:06d}"
    assert (stored.name, stored.kvk_number, stored.municipality_code, stored.high_tech) == (
        "Demcon",
        "06031234",
        "enschede",
        True,
    )
    assert stored.website == "www.demcon.com"
    assert [(c.name, c.email) for c in stored.contacts] == [("Eva Jansen", "eva@demcon.com")]
    assert [(h.year, h.international_hires, h.source) for h in stored.hiring] == [
        (2024, 9, "annual survey"),
        (2025, 1200, None),
    ]


def test_long_e_mail_addresses_leave_every_contact_column_in_view(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor
) -> None:
    thales = sample.employers["thales"]
    email = "annemiek.tijhuis@technischeuniversiteitdrienerlo-facilitair.example"
    with sqlite_database.transaction() as session:
        session.add(
            ContactPerson(
                employer_id=thales,
                name="Sander Groot Nibbelink",
                job_title="Mobility coordinator",
                email=email,
                phone="+31 53 236 1459",
            )
        )
    editor = open_editor(qtbot, EmployerEditor.for_existing(sqlite_database, anna, thales))
    editor.resize(640, 520)  # the editor's own size
    ui = editor.ui
    ui.tabs.setCurrentWidget(ui.contactsTab)
    table = ui.contactsTable
    qtbot.waitUntil(table.isVisible)
    row = next(r for r in range(table.rowCount()) if table.item(r, 2).text() == email)
    header = table.horizontalHeader()
    assert table.horizontalScrollBar().maximum() == 0
    phone = header.sectionViewportPosition(3) + header.sectionSize(3)
    assert phone <= table.viewport().width()
    metrics = table.fontMetrics()
    assert header.sectionSize(3) > metrics.horizontalAdvance("+31 53 236 1459")
    assert header.sectionSize(0) > metrics.horizontalAdvance("Sander Groot Nibbelink")
    assert header.defaultAlignment() & Qt.AlignmentFlag.AlignLeft  # over the text, as in lists
    hires = ui.hiringTable.horizontalHeaderItem(1)
    assert hires.textAlignment() & Qt.AlignmentFlag.AlignRight  # over the numbers
    # The address is cut short; its tooltip has it whole.
    assert header.sectionSize(2) < metrics.horizontalAdvance(email)
    assert table.item(row, 2).toolTip() == email


def test_bad_input_shows_messages_and_saves_nothing(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor, dialogs: list[QDialog]
) -> None:
    editor = open_editor(
        qtbot, EmployerEditor.for_existing(sqlite_database, anna, sample.employers["bakery"])
    )
    ui = editor.ui
    retype(qtbot, ui.name, "")
    retype(qtbot, ui.kvkNumber, "1234")
    retype(qtbot, ui.website, "bakkerij")
    save_with_ctrl_s(qtbot, editor)
    assert editor.error_text("name") == "This field is required."
    assert editor.error_text("kvk_number") == "A KvK number has exactly 8 digits."
    assert editor.error_text("website") == "This is not a web address (www.example.nl)."
    assert ui.name.hasFocus()
    assert dialogs == []
    retype(qtbot, ui.name, "Bakkerij Ölmez")
    retype(qtbot, ui.kvkNumber, "06035234")
    retype(qtbot, ui.website, "")
    save_with_ctrl_s(qtbot, editor)
    assert editor.error_text("name") == ""
    assert editor.error_text("kvk_number") == (
        "This KvK number belongs to EMP-0001 Thales Nederland."
    )
    stored = employer_records.load_employer_form(sqlite_database, sample.employers["bakery"])
    assert stored is not None
    assert stored.kvk_number is None
    assert stored.version == 1


def test_a_year_twice_is_refused_in_its_dialog(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor, answers: list[Responder]
) -> None:
    editor = open_editor(
        qtbot, EmployerEditor.for_existing(sqlite_database, anna, sample.employers["thales"])
    )
    ui = editor.ui
    ui.tabs.setCurrentWidget(ui.hiringTab)

    def twice_then_new(dialog: QDialog) -> int:
        assert isinstance(dialog, HiringDialog)
        retype(qtbot, dialog.year, "2025")
        dialog.accept()
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.error_text("year") == "The hires of 2025 are in the list already."
        retype(qtbot, dialog.year, "2026")
        retype(qtbot, dialog.international_hires, "70")
        dialog.accept()
        return dialog.result()

    answers.append(twice_then_new)
    ui.hiringTable.setFocus()
    qtbot.keyClick(ui.hiringTable, Qt.Key.Key_Insert)
    assert ui.hiringTable.rowCount() == 3
    # Editing a year checks against the other years only.
    ui.hiringTable.selectRow(0)

    def keep(dialog: QDialog) -> int:
        assert isinstance(dialog, HiringDialog)
        assert dialog.year.value() == 2024
        retype(qtbot, dialog.international_hires, "42")
        dialog.accept()
        return dialog.result()

    answers.append(keep)
    qtbot.keyClick(ui.hiringTable, Qt.Key.Key_Return)
    with qtbot.waitSignal(editor.saved):
        save_with_ctrl_s(qtbot, editor)
    stored = employer_records.load_employer_form(sqlite_database, sample.employers["thales"])
    assert stored is not None
    assert [(h.year, h.international_hires) for h in stored.hiring] == [
        (2024, 42),
        (2025, 57),
        (2026, 70),
    ]


def test_removing_a_contact_and_the_leave_guard(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    anna: Actor,
    answers: list[Responder],
    dialogs: list[QDialog],
) -> None:
    thales = sample.employers["thales"]
    editor = open_editor(qtbot, EmployerEditor.for_existing(sqlite_database, anna, thales))
    ui = editor.ui
    ui.tabs.setCurrentWidget(ui.contactsTab)
    ui.contactsTable.setFocus()
    ui.contactsTable.selectRow(0)
    qtbot.mouseClick(ui.removeContactsButton, Qt.MouseButton.LeftButton)
    assert ui.contactsTable.rowCount() == 1
    assert editor.is_modified()

    answers.append(click_button("Cancel"))
    qtbot.keyClick(ui.contactsTable, Qt.Key.Key_Escape)
    question = dialogs[-1]
    assert isinstance(question, QMessageBox)
    assert question.text() == "Save the changes to Thales Nederland (EMP-0001)?"
    assert editor.isVisible()
    assert count(sqlite_database, ContactPerson) == 2

    answers.append(click_button("Save"))
    with qtbot.waitSignal(editor.saved):
        editor.close()
    assert editor.isHidden()
    assert count(sqlite_database, ContactPerson) == 1

    again = open_editor(qtbot, EmployerEditor.for_existing(sqlite_database, anna, thales))
    retype(qtbot, again.ui.name, "Thales")
    answers.append(click_button("Discard"))
    qtbot.keyClick(again.ui.name, Qt.Key.Key_Escape)
    assert again.isHidden()
    stored = employer_records.load_employer_form(sqlite_database, thales)
    assert stored is not None
    assert stored.name == "Thales Nederland"


def test_a_stale_employer_keeps_the_input(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    anna: Actor,
    answers: list[Responder],
    dialogs: list[QDialog],
) -> None:
    bakery = sample.employers["bakery"]
    editor = open_editor(qtbot, EmployerEditor.for_existing(sqlite_database, anna, bakery))
    other = employer_records.load_employer_form(sqlite_database, bakery)
    assert other is not None
    employer_records.update_employer(
        sqlite_database, anna, bakery, other.version or 0, replace(other, notes="Closed Mondays")
    )
    retype(qtbot, editor.ui.website, "www.olmez.nl")
    answers.append(click_button("&Keep my input"))
    save_with_ctrl_s(qtbot, editor)
    assert isinstance(dialogs[-1], QMessageBox)
    assert "(Notes)" in dialogs[-1].text()
    assert editor.ui.website.text() == "www.olmez.nl"
    assert editor.isVisible()
    answers.append(click_button("&Reload and discard my input"))
    save_with_ctrl_s(qtbot, editor)
    assert editor.ui.notes.toPlainText() == "Closed Mondays"
    assert editor.ui.website.text() == ""
    assert not editor.is_modified()


def test_every_input_has_an_accessible_name_and_a_label(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor
) -> None:
    editor = open_editor(qtbot, EmployerEditor.for_new(sqlite_database, anna))
    labelled = {label.buddy() for label in editor.findChildren(QLabel) if label.buddy()}
    for key, widget in editor.inputs.items():
        assert widget.accessibleName(), key
        assert widget in labelled, key
    assert editor.ui.highTech.accessibleName() == "High-tech company"


@pytest.fixture
def desk(qtbot) -> QWidget:
    """The window a delete is started from (it is busy while the delete runs)."""
    desk = QWidget()
    qtbot.addWidget(desk)
    desk.show()
    return desk


def test_delete_asks_and_a_refusal_is_told(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    bram: Actor,
    answers: list[Responder],
    dialogs: list[QDialog],
    desk: QWidget,
) -> None:
    deleted: list[str] = []
    before = count(sqlite_database, Employer)
    thales = sample.employers["thales"]
    asked = len(dialogs)
    assert not confirm_and_delete_employer(
        desk, sqlite_database, bram, thales, lambda: deleted.append("thales")
    )
    assert len(dialogs) == asked + 1  # refused before asking
    refusal = dialogs[-1]
    assert isinstance(refusal, QMessageBox)
    assert refusal.text() == (
        "Thales Nederland cannot be deleted: other records refer to this employer (2 expats)."
    )
    assert deleted == []
    assert count(sqlite_database, Employer) == before  # refused: kept
    bakery = sample.employers["bakery"]
    assert not confirm_and_delete_employer(desk, sqlite_database, bram, bakery)
    assert dialogs[-1].text() == "Delete Bakkerij Ölmez (EMP-0003)? This cannot be undone."
    with sqlite_database.transaction() as session:
        session.add(ContactPerson(employer_id=bakery, name="Kim"))
        session.add(HiringRecord(employer_id=bakery, year=2025, international_hires=1))
    assert not confirm_and_delete_employer(desk, sqlite_database, bram, bakery)
    question = dialogs[-1]
    assert isinstance(question, QMessageBox)
    assert question.text() == (
        "Delete Bakkerij Ölmez (EMP-0003) with 1 contact person and hiring figures for 1 year? "
        "This cannot be undone."
    )
    assert not is_writing(desk)
    assert count(sqlite_database, Employer) == before  # closing the question keeps it
    answers.append(click_button("&Delete"))
    assert confirm_and_delete_employer(
        desk, sqlite_database, bram, bakery, lambda: deleted.append("bakery")
    )
    qtbot.waitUntil(lambda: deleted == ["bakery"])
    assert count(sqlite_database, Employer) == before - 1
    assert count(sqlite_database, HiringRecord) == 2  # Thales' own stay


def test_new_year_defaults_to_last_year_not_yet_listed(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor
) -> None:
    listed = [employer_records.HiringForm(year=clock.today().year - 1, international_hires=1)]
    dialog = HiringDialog(None, listed)
    qtbot.addWidget(dialog)
    assert dialog.year.value() == clock.today().year
    assert dialog.international_hires.value() == 0


def test_the_window_deletes_an_employer_off_the_gui_thread_while_it_is_busy(
    qtbot,
    window: MainWindow,
    sqlite_database: Database,
    sample: Sample,
    answers: list[Responder],
    dialogs: list[QDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bakery = sample.employers["bakery"]
    release, threads = held(monkeypatch, employer_records, "delete_employer")
    window.show_area(2)
    assert window.employers_area.select_id(bakery)
    before = count(sqlite_database, Employer)
    answers.append(click_button("&Delete"))
    assert window.delete_record()
    qtbot.waitUntil(lambda: threads != [])

    assert threads != [threading.get_ident()]
    assert is_writing(window)
    assert window.cursor().shape() == Qt.CursorShape.BusyCursor
    saving = window.findChild(QLabel, "savingLabel")
    assert saving is not None
    asked = len(dialogs)
    assert not window.delete_record()  # not twice, and not asked again
    assert len(dialogs) == asked
    assert saving.isVisible()
    with qtbot.waitSignal(change_bus().changed) as announced:
        release.set()
    assert announced.args == [EMPLOYER_SAVED, window]
    qtbot.waitUntil(lambda: not is_writing(window))
    assert window.ui.statusBar.currentMessage() == "Record deleted"
    assert count(sqlite_database, Employer) == before - 1
