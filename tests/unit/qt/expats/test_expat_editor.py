"""The expat editor, driven through its widgets: register, refuse bad input, guard, duplicates."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QWidget,
)
from sqlalchemy import func, select

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor
from expatdesk.common.changes import EXPAT_SAVED
from expatdesk.common.labels import Label
from expatdesk.db.database import Database
from expatdesk.db.models import AuditEntry, Case, Expat, FamilyMember, Permit, StaffUser
from expatdesk.errors import DatabaseError
from expatdesk.expats import forms as expat_forms
from expatdesk.expats import write as expat_records
from expatdesk.qt import msgbox
from expatdesk.qt.expats.duplicate_warning import DuplicateWarning
from expatdesk.qt.expats.editor import ExpatEditor, confirm_and_delete_expat
from expatdesk.qt.expats.family_permits import FamilyMemberDialog, PermitDialog
from expatdesk.qt.main_window import MainWindow
from expatdesk.qt.operations import change_bus, is_writing
from tests.helpers.sample import JOSE_BSN, Sample
from tests.unit.qt.desk_helpers import held

Responder = Callable[[QDialog], int]
#: Popups (suggestions, menus) make the offscreen platform say what it cannot do.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def anna(sqlite_database: Database) -> Actor:
    with sqlite_database.transaction() as session:
        user = StaffUser(username="anna", display_name="Anna de Vries", role="desk_officer")
        session.add(user)
        session.flush()
        return Actor(user.id, "anna", "Anna de Vries", "desk_officer")


@pytest.fixture
def bram(sqlite_database: Database) -> Actor:
    """A manager: only managers and administrators delete expats."""
    with sqlite_database.transaction() as session:
        user = StaffUser(username="bram", display_name="Bram Jansen", role="manager")
        session.add(user)
        session.flush()
        return Actor(user.id, "bram", "Bram Jansen", "manager")


@pytest.fixture
def answers(qtbot, monkeypatch: pytest.MonkeyPatch, dialogs: list[QDialog]) -> list[Responder]:
    """Queue what the user does in the next modal dialogs; an empty queue just closes them.

    A dialog with an answer is shown (not modally) while the answer acts on it, as ``exec()``
    would show it, so its default button and focus behave as for a user.
    """
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


def click(button: QMessageBox.StandardButton) -> Responder:
    def respond(box: QDialog) -> int:
        assert isinstance(box, QMessageBox)
        target = box.button(button)
        assert target is not None, [b.text() for b in box.buttons()]
        target.click()
        return 0

    return respond


def click_text(text: str) -> Responder:
    def respond(box: QDialog) -> int:
        assert isinstance(box, QMessageBox)
        buttons = {b.text(): b for b in box.buttons()}
        assert text in buttons, list(buttons)
        buttons[text].click()
        return 0

    return respond


def open_editor(qtbot, editor: ExpatEditor) -> ExpatEditor:
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def retype(qtbot, widget: QWidget, text: str) -> None:
    """Select what a field holds and type ``text`` over it."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick the item ``text`` with the arrow keys."""
    target = combo.findText(text)
    assert target >= 0, f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setFocus()
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        before = combo.currentIndex()
        qtbot.keyClick(combo, key)
        assert combo.currentIndex() != before


def search(qtbot, combo: QComboBox, text: str) -> None:
    """Type part of a name into a searchable combo and take the first suggestion with Enter."""
    line_edit = combo.lineEdit()
    assert line_edit is not None
    retype(qtbot, line_edit, text)
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def save_with_ctrl_s(qtbot, editor: ExpatEditor) -> None:
    editor.activateWindow()  # again after a message box: Ctrl+S is a shortcut of the window
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor.ui.givenName, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.is_saving())  # the save runs off the GUI thread


def count(database: Database, model: type) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def fill_family_member(
    qtbot, relation: str, given: str, born: str = "", school: str = ""
) -> Responder:
    def respond(dialog: QDialog) -> int:
        assert isinstance(dialog, FamilyMemberDialog)
        choose(qtbot, dialog.relation, relation)
        retype(qtbot, dialog.given_name, given)
        retype(qtbot, dialog.date_of_birth, born)
        if school:
            retype(qtbot, dialog.school, school)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    return respond


def fill_permit(qtbot, kind: str, number: str, valid_from: str, valid_until: str) -> Responder:
    def respond(dialog: QDialog) -> int:
        assert isinstance(dialog, PermitDialog)
        choose(qtbot, dialog.permit_type, kind)
        retype(qtbot, dialog.number, number)
        retype(qtbot, dialog.valid_from, valid_from)
        retype(qtbot, dialog.valid_until, valid_until)
        qtbot.keyClick(dialog.valid_until, Qt.Key.Key_Return)
        return dialog.result()

    return respond


# --- registering --------------------------------------------------------------------------------


def test_register_an_expat_with_family_and_permit_and_ctrl_s(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor, answers: list[Responder]
) -> None:
    editor = open_editor(qtbot, ExpatEditor.for_new(sqlite_database, anna))
    assert editor.windowTitle() == "New expat"
    ui = editor.ui
    qtbot.keyClicks(ui.givenName, "Sofia")
    qtbot.keyClicks(ui.familyName, "Rossi")
    qtbot.keyClicks(ui.dateOfBirth, "17-5-1991")
    search(qtbot, ui.nationality, "ital")
    assert ui.nationality.currentText() == "Italy"
    qtbot.keyClicks(ui.email, "sofia.rossi@example.it")
    qtbot.keyClicks(ui.bsn, "111 222 333")
    search(qtbot, ui.preferredLanguage, "ital")
    ui.tabs.setCurrentWidget(ui.workTab)
    ui.employer.setFocus()
    qtbot.keyClicks(ui.employer, "twente")
    qtbot.waitUntil(ui.employer.popup.isVisible)
    qtbot.keyClick(ui.employer.popup, Qt.Key.Key_Return)
    assert ui.employer.employer_id() == sample.employers["university"]
    choose(qtbot, ui.category, "Researcher")
    choose(qtbot, ui.municipality, "Enschede")
    qtbot.keyClicks(ui.arrivalDate, "1/9/2026")
    ui.tabs.setCurrentWidget(ui.familyTab)
    answers.append(fill_family_member(qtbot, "Child", "Giulia", "4-3-2020", "Het Stedelijk"))
    qtbot.mouseClick(ui.addFamilyButton, Qt.MouseButton.LeftButton)
    ui.tabs.setCurrentWidget(ui.permitsTab)
    ui.permitsTable.setFocus()
    answers.append(
        fill_permit(qtbot, "Researcher (EU directive)", "NL-7", "15-8-2026", "14-8-2030")
    )
    qtbot.keyClick(ui.permitsTable, Qt.Key.Key_Insert)  # Insert adds, like the button
    ui.tabs.setCurrentWidget(ui.consentTab)
    ui.surveyConsent.setFocus()
    qtbot.keyClick(ui.surveyConsent, Qt.Key.Key_Space)
    assert ui.surveyConsentDate.value() == clock.today()
    assert editor.is_modified()

    with qtbot.waitSignal(editor.saved) as saved:
        save_with_ctrl_s(qtbot, editor)
    expat_id = saved.args[0]
    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.isHidden()
    stored = expat_forms.load_expat_form(sqlite_database, expat_id)
    assert stored is not None
    assert (stored.given_name, stored.family_name, stored.date_of_birth) == (
        "Sofia",
        "Rossi",
        date(1991, 5, 17),
    )
    assert (stored.nationality, stored.preferred_language, stored.bsn_masked) == (
        "IT",
        "it",
        "*****2333",
    )
    assert (stored.employer_id, stored.category_code, stored.municipality_code) == (
        sample.employers["university"],
        "researcher",
        "enschede",
    )
    assert stored.arrival_date == date(2026, 9, 1)
    assert stored.survey_consent_date == clock.today()
    assert [(m.relation, m.given_name, m.date_of_birth, m.school) for m in stored.family] == [
        ("child", "Giulia", date(2020, 3, 4), "Het Stedelijk")
    ]
    assert [(p.permit_type_code, p.number, p.valid_until) for p in stored.permits] == [
        ("researcher", "NL-7", date(2030, 8, 14))
    ]
    with sqlite_database.reading() as session:
        who = session.scalar(
            select(AuditEntry.username).where(
                AuditEntry.entity == "expat", AuditEntry.entity_id == expat_id
            )
        )
    assert who == "anna"


def test_bad_input_shows_messages_under_the_fields_and_saves_nothing(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor, dialogs: list[QDialog]
) -> None:
    editor = open_editor(qtbot, ExpatEditor.for_new(sqlite_database, anna))
    ui = editor.ui
    before = count(sqlite_database, Expat)
    qtbot.keyClicks(ui.dateOfBirth, "31-2-1990")
    qtbot.keyClicks(ui.email, "sofia@")
    qtbot.keyClicks(ui.bsn, "123456789")
    qtbot.mouseClick(
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert not editor.is_saving()  # refused in the form: no write was started
    # A date that is no date is said first, before anything is asked of the database.
    assert editor.error_text("date_of_birth") == "Type a date as 26/11/2026."
    assert editor.error_text("given_name") == ""
    assert ui.dateOfBirth.hasFocus()

    retype(qtbot, ui.dateOfBirth, "12-4-1990")
    ui.tabs.setCurrentWidget(ui.workTab)
    qtbot.keyClicks(ui.arrivalDate, "1-1-1990")
    save_with_ctrl_s(qtbot, editor)
    assert editor.error_text("given_name") == "This field is required."
    assert editor.error_text("family_name") == "This field is required."
    assert editor.error_text("email") == "This is not an e-mail address (name@example.nl)."
    assert editor.error_text("new_bsn") == (
        "This is not a valid BSN (it fails the eleven-test); check the digits."
    )
    assert editor.error_text("arrival_date") == "The arrival must lie after the date of birth."
    assert ui.givenNameError.isVisible()
    # The first field with a problem gets the focus, on its own tab.
    assert ui.tabs.currentWidget() is ui.personalTab
    assert ui.givenName.hasFocus()
    assert editor.isVisible()
    assert count(sqlite_database, Expat) == before
    assert dialogs == []  # no message box: the messages are in the form
    # The tabs that hold a message are marked, the others not.
    marked = {
        ui.tabs.widget(index).objectName()
        for index in range(ui.tabs.count())
        if not ui.tabs.tabIcon(index).isNull()
    }
    assert marked == {"personalTab", "workTab"}
    work = ui.tabs.indexOf(ui.workTab)
    assert ui.tabs.tabToolTip(work) == "This tab holds a message about what was typed."

    qtbot.keyClicks(ui.givenName, "Sofia")
    assert editor.error_text("given_name") == ""  # filled in: its message goes at once
    assert editor.error_text("family_name") == "This field is required."
    qtbot.keyClicks(ui.familyName, "Rossi")
    assert editor.error_text("family_name") == ""
    retype(qtbot, ui.email, "sofia@example.it")
    retype(qtbot, ui.bsn, "")
    # The personal tab's messages are gone, and so is its mark; the work tab keeps its own.
    assert ui.tabs.tabIcon(ui.tabs.indexOf(ui.personalTab)).isNull()
    assert not ui.tabs.tabIcon(work).isNull()
    ui.tabs.setCurrentWidget(ui.workTab)
    retype(qtbot, ui.arrivalDate, "1-9-2026")
    assert ui.tabs.tabIcon(work).isNull()
    with qtbot.waitSignal(editor.saved):
        save_with_ctrl_s(qtbot, editor)
    assert count(sqlite_database, Expat) == before + 1


def test_an_employer_typed_but_not_chosen_is_refused(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor
) -> None:
    editor = open_editor(
        qtbot, ExpatEditor.for_existing(sqlite_database, anna, sample.expats["priya"])
    )
    ui = editor.ui
    ui.tabs.setCurrentWidget(ui.workTab)
    retype(qtbot, ui.employer, "Some company")
    save_with_ctrl_s(qtbot, editor)
    assert editor.error_text("employer_id") == "Choose an employer from the suggestions."
    assert ui.employer.hasFocus()
    retype(qtbot, ui.employer, "")
    with qtbot.waitSignal(editor.saved):
        save_with_ctrl_s(qtbot, editor)
    stored = expat_forms.load_expat_form(sqlite_database, sample.expats["priya"])
    assert stored is not None
    assert stored.employer_id is None


# --- the BSN ------------------------------------------------------------------------------------


def test_the_bsn_shows_masked_and_show_bsn_is_audited(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor
) -> None:
    editor = open_editor(
        qtbot, ExpatEditor.for_existing(sqlite_database, anna, sample.expats["jose"])
    )
    ui = editor.ui
    assert ui.bsn.text() == "*****6782"
    assert ui.showBsnButton.isEnabled()
    qtbot.mouseClick(ui.showBsnButton, Qt.MouseButton.LeftButton)
    assert ui.bsn.text() == JOSE_BSN
    assert not ui.showBsnButton.isEnabled()
    assert not editor.is_modified()  # seeing is no change
    with sqlite_database.reading() as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.username, AuditEntry.changes).where(
                AuditEntry.action == "view_bsn"
            )
        ).all()
    assert [(e.action, e.username, e.changes) for e in entries] == [("view_bsn", "anna", None)]


def test_typing_over_the_masked_bsn_replaces_it(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor
) -> None:
    editor = open_editor(
        qtbot, ExpatEditor.for_existing(sqlite_database, anna, sample.expats["jose"])
    )
    ui = editor.ui
    ui.bsn.setFocus()
    qtbot.waitUntil(lambda: ui.bsn.selectedText() == "*****6782")
    qtbot.keyClicks(ui.bsn, "2322.62.536")
    assert not ui.showBsnButton.isEnabled()
    with qtbot.waitSignal(editor.saved):
        save_with_ctrl_s(qtbot, editor)
    stored = expat_forms.load_expat_form(sqlite_database, sample.expats["jose"])
    assert stored is not None
    assert stored.bsn_masked == "*****2536"


def test_the_bsn_of_another_expat_warns_then_is_refused_with_its_owner(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    anna: Actor,
    answers: list[Responder],
    dialogs: list[QDialog],
) -> None:
    editor = open_editor(
        qtbot, ExpatEditor.for_existing(sqlite_database, anna, sample.expats["anna"])
    )
    qtbot.keyClicks(editor.ui.bsn, JOSE_BSN)
    answers.append(_answer_duplicates("registerButton"))
    save_with_ctrl_s(qtbot, editor)
    warning = dialogs[-1]
    assert isinstance(warning, DuplicateWarning)
    assert warning.candidates.topLevelItem(0).text(5) == "same BSN"
    assert editor.error_text("new_bsn") == "This BSN belongs to EXP-0001 José García."
    assert editor.isVisible()


# --- the leave guard ----------------------------------------------------------------------------


def test_an_unchanged_editor_closes_without_asking(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor, dialogs: list[QDialog]
) -> None:
    editor = open_editor(
        qtbot, ExpatEditor.for_existing(sqlite_database, anna, sample.expats["jose"])
    )
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isHidden()
    assert editor.result() == QDialog.DialogCode.Rejected
    assert dialogs == []


def test_leaving_with_changes_asks_save_discard_or_cancel(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    anna: Actor,
    answers: list[Responder],
    dialogs: list[QDialog],
) -> None:
    jose = sample.expats["jose"]
    editor = open_editor(qtbot, ExpatEditor.for_existing(sqlite_database, anna, jose))
    retype(qtbot, editor.ui.phone, "+31 6 9999 0000")

    answers.append(click(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(editor.ui.phone, Qt.Key.Key_Escape)
    question = dialogs[-1]
    assert isinstance(question, QMessageBox)
    assert question.text() == "Save the changes to José García (EXP-0001)?"
    assert editor.isVisible()
    assert editor.ui.phone.text() == "+31 6 9999 0000"

    answers.append(click(QMessageBox.StandardButton.Discard))
    editor.close()
    assert editor.isHidden()
    stored = expat_forms.load_expat_form(sqlite_database, jose)
    assert stored is not None
    assert stored.phone == "+31 6 1234 5678"

    again = open_editor(qtbot, ExpatEditor.for_existing(sqlite_database, anna, jose))
    retype(qtbot, again.ui.phone, "+31 6 9999 0000")
    answers.append(click(QMessageBox.StandardButton.Save))
    with qtbot.waitSignal(again.saved):
        qtbot.mouseClick(
            again.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel),
            Qt.MouseButton.LeftButton,
        )
    assert again.isHidden()
    stored = expat_forms.load_expat_form(sqlite_database, jose)
    assert stored is not None
    assert stored.phone == "+31 6 9999 0000"


def test_save_from_the_guard_with_bad_input_stays_open(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor, answers: list[Responder]
) -> None:
    editor = open_editor(
        qtbot, ExpatEditor.for_existing(sqlite_database, anna, sample.expats["jose"])
    )
    retype(qtbot, editor.ui.familyName, "")
    answers.append(click(QMessageBox.StandardButton.Save))
    editor.close()
    qtbot.waitUntil(lambda: not editor.is_saving())
    assert editor.isVisible()
    assert editor.error_text("family_name") == "This field is required."


# --- failed saves keep the input ----------------------------------------------------------------


def test_a_stale_record_keeps_the_input_until_reload_is_chosen(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    anna: Actor,
    answers: list[Responder],
    dialogs: list[QDialog],
) -> None:
    jose = sample.expats["jose"]
    editor = open_editor(qtbot, ExpatEditor.for_existing(sqlite_database, anna, jose))
    other = expat_forms.load_expat_form(sqlite_database, jose)
    assert other is not None
    assert other.version is not None
    from dataclasses import replace

    expat_records.update_expat(
        sqlite_database, anna, jose, other.version, replace(other, phone="+31 53 000 0000")
    )
    retype(qtbot, editor.ui.email, "jose@example.nl")

    answers.append(click_text("&Keep my input"))
    save_with_ctrl_s(qtbot, editor)
    box = dialogs[-1]
    assert isinstance(box, QMessageBox)
    assert box.text().startswith("anna changed this record on ")
    assert "(Phone)" in box.text()
    assert editor.isVisible()
    assert editor.ui.email.text() == "jose@example.nl"
    assert editor.error_text("").startswith("anna changed this record")

    answers.append(click_text("&Reload and discard my input"))
    save_with_ctrl_s(qtbot, editor)
    assert editor.ui.email.text() == "jose.garcia@example.es"
    assert editor.ui.phone.text() == "+31 53 000 0000"
    assert not editor.is_modified()
    retype(qtbot, editor.ui.email, "jose@example.nl")
    with qtbot.waitSignal(editor.saved):
        save_with_ctrl_s(qtbot, editor)
    stored = expat_forms.load_expat_form(sqlite_database, jose)
    assert stored is not None
    assert (stored.email, stored.phone) == ("jose@example.nl", "+31 53 000 0000")


def test_a_database_failure_is_told_and_the_input_stays(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    anna: Actor,
    dialogs: list[QDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise DatabaseError("The disk is full. Nothing was saved.")

    monkeypatch.setattr(expat_records, "update_expat", full)
    editor = open_editor(
        qtbot, ExpatEditor.for_existing(sqlite_database, anna, sample.expats["jose"])
    )
    retype(qtbot, editor.ui.phone, "+31 6 9999 0000")
    save_with_ctrl_s(qtbot, editor)
    assert editor.isVisible()
    assert editor.error_text("") == "The disk is full. Nothing was saved."
    error = dialogs[-1]
    assert isinstance(error, QMessageBox)
    assert error.icon() == QMessageBox.Icon.Critical
    assert editor.ui.phone.text() == "+31 6 9999 0000"
    assert editor.is_modified()


# --- duplicates ---------------------------------------------------------------------------------


def _register_jose_again(qtbot, editor: ExpatEditor) -> None:
    qtbot.keyClicks(editor.ui.givenName, "Jose")
    qtbot.keyClicks(editor.ui.familyName, "Garcia")
    qtbot.keyClicks(editor.ui.dateOfBirth, "12-04-1990")


def _answer_duplicates(button: str) -> Responder:
    def respond(dialog: QDialog) -> int:
        assert isinstance(dialog, DuplicateWarning)
        target: QAbstractButton = getattr(dialog, button)
        target.click()
        return dialog.result()

    return respond


def test_a_duplicate_can_be_opened_instead_of_registered(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    anna: Actor,
    answers: list[Responder],
    dialogs: list[QDialog],
) -> None:
    editor = open_editor(qtbot, ExpatEditor.for_new(sqlite_database, anna))
    _register_jose_again(qtbot, editor)
    before = count(sqlite_database, Expat)
    answers.append(_answer_duplicates("openButton"))
    with qtbot.waitSignal(editor.openRecordRequested) as opened:
        save_with_ctrl_s(qtbot, editor)
    assert opened.args == ["expat", sample.expats["jose"]]
    warning = dialogs[-1]
    assert isinstance(warning, DuplicateWarning)
    assert warning.candidates.topLevelItem(0).text(0) == "EXP-0001"
    assert editor.isHidden()
    assert count(sqlite_database, Expat) == before
    assert len([d for d in dialogs if isinstance(d, QMessageBox)]) == 0  # no leave question


def test_cancel_at_the_duplicate_warning_keeps_the_form_and_register_anyway_saves(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    anna: Actor,
    answers: list[Responder],
    dialogs: list[QDialog],
) -> None:
    editor = open_editor(qtbot, ExpatEditor.for_new(sqlite_database, anna))
    _register_jose_again(qtbot, editor)
    before = count(sqlite_database, Expat)
    answers.append(_answer_duplicates("cancelButton"))
    save_with_ctrl_s(qtbot, editor)
    assert isinstance(dialogs[-1], DuplicateWarning)
    assert editor.isVisible()
    assert editor.ui.givenName.text() == "Jose"
    assert count(sqlite_database, Expat) == before

    answers.append(_answer_duplicates("registerButton"))
    with qtbot.waitSignal(editor.saved):
        save_with_ctrl_s(qtbot, editor)
    assert count(sqlite_database, Expat) == before + 1


def test_changing_an_existing_expat_warns_only_when_the_identity_changes(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    anna: Actor,
    answers: list[Responder],
    dialogs: list[QDialog],
) -> None:
    editor = open_editor(
        qtbot, ExpatEditor.for_existing(sqlite_database, anna, sample.expats["anna"])
    )
    retype(qtbot, editor.ui.phone, "+49 1")
    with qtbot.waitSignal(editor.saved):
        save_with_ctrl_s(qtbot, editor)
    assert dialogs == []
    editor = open_editor(
        qtbot, ExpatEditor.for_existing(sqlite_database, anna, sample.expats["anna"])
    )
    retype(qtbot, editor.ui.email, "JOSE.GARCIA@example.es")
    answers.append(_answer_duplicates("cancelButton"))
    save_with_ctrl_s(qtbot, editor)
    assert isinstance(dialogs[-1], DuplicateWarning)
    assert editor.isVisible()


# --- family and permits -------------------------------------------------------------------------


def test_family_and_permits_are_edited_in_dialogs_and_saved_with_the_expat(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    anna: Actor,
    answers: list[Responder],
    dialogs: list[QDialog],
) -> None:
    jose = sample.expats["jose"]
    editor = open_editor(qtbot, ExpatEditor.for_existing(sqlite_database, anna, jose))
    ui = editor.ui
    ui.tabs.setCurrentWidget(ui.familyTab)
    assert ui.familyTable.rowCount() == 2
    assert ui.familyTable.item(1, 3).text() == "International School Twente"
    ui.familyTable.setFocus()
    ui.familyTable.selectRow(0)
    qtbot.keyClick(ui.familyTable, Qt.Key.Key_Delete)  # the partner
    assert ui.familyTable.rowCount() == 1
    assert ui.familyTable.item(0, 1).text() == "Mateo García"

    def change_school(dialog: QDialog) -> int:
        assert isinstance(dialog, FamilyMemberDialog)
        assert dialog.given_name.text() == "Mateo"
        retype(qtbot, dialog.school, "Het Erasmus")
        dialog.accept()
        return dialog.result()

    answers.append(change_school)
    ui.familyTable.selectRow(0)
    qtbot.keyClick(ui.familyTable, Qt.Key.Key_Return)
    assert ui.familyTable.item(0, 3).text() == "Het Erasmus"

    # A permit that ends before it starts is refused in its dialog, which stays open.
    def bad_then_good(dialog: QDialog) -> int:
        assert isinstance(dialog, PermitDialog)
        choose(qtbot, dialog.permit_type, "EU Blue Card")
        retype(qtbot, dialog.valid_from, "1-1-2027")
        retype(qtbot, dialog.valid_until, "1-1-2026")
        dialog.accept()
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.error_text("valid_until") == (
            "The permit must be valid until after it is valid from."
        )
        retype(qtbot, dialog.valid_until, "31-12-2031")
        dialog.accept()
        return dialog.result()

    answers.append(bad_then_good)
    ui.tabs.setCurrentWidget(ui.permitsTab)
    qtbot.mouseClick(ui.addPermitsButton, Qt.MouseButton.LeftButton)
    assert ui.permitsTable.rowCount() == 2
    # Cancelling a dialog changes nothing.
    ui.permitsTable.selectRow(0)
    qtbot.mouseClick(ui.editPermitsButton, Qt.MouseButton.LeftButton)
    assert ui.permitsTable.rowCount() == 2
    assert count(sqlite_database, FamilyMember) == 2  # nothing saved before Save

    with qtbot.waitSignal(editor.saved):
        save_with_ctrl_s(qtbot, editor)
    stored = expat_forms.load_expat_form(sqlite_database, jose)
    assert stored is not None
    assert [(m.given_name, m.school) for m in stored.family] == [("Mateo", "Het Erasmus")]
    assert sorted((p.permit_type_code, p.valid_until) for p in stored.permits) == [
        ("blue_card", date(2031, 12, 31)),
        ("hsm", date(2031, 10, 31)),
    ]
    assert count(sqlite_database, Permit) == 2


# --- searching a country, in both languages -----------------------------------------------------


def test_a_permit_dialog_keeps_its_buttons_apart_from_the_last_field(qtbot) -> None:
    types = (Label("hsm", "Highly skilled migrant", "Kennismigrant"),)
    dialog = PermitDialog(types, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    buttons = dialog.buttons.mapTo(dialog, dialog.buttons.rect().topLeft()).y()
    last = dialog.valid_until.mapTo(dialog, dialog.valid_until.rect().bottomLeft()).y()
    between_fields = (
        dialog.valid_until.mapTo(dialog, dialog.valid_until.rect().topLeft()).y()
        - dialog.valid_from.mapTo(dialog, dialog.valid_from.rect().bottomLeft()).y()
    )
    assert buttons - last >= 2 * between_fields + 8


def test_the_country_is_searched_in_the_ui_language_without_accents(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor, switcher
) -> None:
    switcher.apply("nl")
    editor = open_editor(qtbot, ExpatEditor.for_new(sqlite_database, anna))
    ui = editor.ui
    assert editor.windowTitle() == i18n._("New expat")
    search(qtbot, ui.nationality, "duits")
    assert (ui.nationality.currentText(), ui.nationality.entered()) == ("Duitsland", "DE")
    search(qtbot, ui.nationality, "ivoor")
    assert ui.nationality.entered() == "CI"
    search(qtbot, ui.nationality, "curacao")
    assert ui.nationality.currentText() == "Curaçao"
    # Typing a whole name and leaving the field is a choice too.
    retype(qtbot, ui.nationality.lineEdit(), "verenigd koninkrijk")
    ui.nationality.completer().popup().hide()
    ui.email.setFocus()
    assert ui.nationality.entered() == "GB"

    switcher.apply("en")
    qtbot.waitUntil(lambda: ui.nationality.currentText() == "United Kingdom")
    search(qtbot, ui.nationality, "germ")
    assert (ui.nationality.currentText(), ui.nationality.entered()) == ("Germany", "DE")
    search(qtbot, ui.nationality, "cote")
    assert ui.nationality.currentText() == "Côte d’Ivoire"
    retype(qtbot, ui.nationality.lineEdit(), "Narnia")
    ui.nationality.completer().popup().hide()
    qtbot.keyClicks(ui.givenName, "A")
    qtbot.keyClicks(ui.familyName, "B")
    save_with_ctrl_s(qtbot, editor)
    assert editor.error_text("nationality") == "Choose a country from the list."


def test_the_editor_speaks_dutch_after_a_switch(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor, switcher
) -> None:
    editor = open_editor(
        qtbot, ExpatEditor.for_existing(sqlite_database, anna, sample.expats["jose"])
    )
    switcher.apply("nl")
    ui = editor.ui
    qtbot.waitUntil(lambda: ui.category.currentText() == "Kennismigrant")
    assert ui.tabs.tabText(0) == i18n._("Personal")
    assert ui.municipality.currentText() == "Hengelo"
    assert ui.nationality.currentText() == "Spanje"
    assert ui.dateOfBirth.text() == "12-04-1990"
    assert not editor.is_modified()
    assert ui.familyTable.horizontalHeaderItem(0).text() == i18n._("Relation")


# --- keyboard and accessibility -----------------------------------------------------------------


def test_every_input_has_an_accessible_name_and_a_label(
    qtbot, sqlite_database: Database, sample: Sample, anna: Actor
) -> None:
    editor = open_editor(qtbot, ExpatEditor.for_new(sqlite_database, anna))
    labelled = {label.buddy() for label in editor.findChildren(QLabel) if label.buddy() is not None}
    for key, widget in editor.inputs.items():
        assert widget.accessibleName(), key
        assert widget in labelled, key
    editor.ui.givenName.setFocus()
    order = []
    for _step in range(8):
        widget = QApplication.focusWidget()
        while widget is not None and not widget.objectName():
            widget = widget.parentWidget()  # the line edit inside an editable combo
        assert widget is not None
        order.append(widget.objectName())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert order == [
        "givenName",
        "familyName",
        "dateOfBirth",
        "nationality",
        "email",
        "phone",
        "bsn",
        "preferredLanguage",  # "Show BSN" is off: a new expat has no BSN to show
    ]


# --- deleting -----------------------------------------------------------------------------------


@pytest.fixture
def desk(qtbot) -> QWidget:
    """The window a delete is started from (it is busy while the delete runs)."""
    desk = QWidget()
    qtbot.addWidget(desk)
    desk.show()
    return desk


def test_delete_asks_with_the_name_and_what_goes_with_it_and_deletes(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    bram: Actor,
    answers: list[Responder],
    dialogs: list[QDialog],
    desk: QWidget,
) -> None:
    jose = sample.expats["jose"]
    assert not confirm_and_delete_expat(desk, sqlite_database, bram, jose)  # closed: No
    question = dialogs[-1]
    assert isinstance(question, QMessageBox)
    assert question.text() == (
        "Delete José García (EXP-0001) with 2 family members and 1 permit? This cannot be undone."
    )
    assert not is_writing(desk)
    assert expat_forms.load_expat_form(sqlite_database, jose) is not None
    with i18n.using("nl"):
        assert not confirm_and_delete_expat(desk, sqlite_database, bram, jose)
    assert dialogs[-1].text() == (
        "José García (EXP-0001) verwijderen, met 2 gezinsleden en 1 vergunning? "
        "Dit kan niet ongedaan worden gemaakt."
    )
    assert not confirm_and_delete_expat(desk, sqlite_database, bram, sample.expats["priya"])
    assert dialogs[-1].text() == "Delete Priya Sharma (EXP-0005)? This cannot be undone."
    answers.append(click_text("&Delete"))
    deleted: list[bool] = []
    assert confirm_and_delete_expat(desk, sqlite_database, bram, jose, lambda: deleted.append(True))
    qtbot.waitUntil(lambda: deleted == [True])
    assert expat_forms.load_expat_form(sqlite_database, jose) is None


def test_an_expat_others_refer_to_is_refused_before_asking(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    bram: Actor,
    dialogs: list[QDialog],
    desk: QWidget,
) -> None:
    jose = sample.expats["jose"]
    with sqlite_database.transaction() as session:
        session.add(Case(case_ref="C-1", subject="Permit", expat_id=jose, opened_on=clock.today()))
    asked = len(dialogs)
    assert not confirm_and_delete_expat(desk, sqlite_database, bram, jose)
    assert len(dialogs) == asked + 1  # the refusal only, no question
    refusal = dialogs[-1]
    assert isinstance(refusal, QMessageBox)
    assert refusal.icon() == QMessageBox.Icon.Critical
    assert refusal.text() == (
        "José García cannot be deleted: other records refer to this expat (1 case)."
    )
    assert not is_writing(desk)
    assert expat_forms.load_expat_form(sqlite_database, jose) is not None


def test_a_refusal_of_the_delete_itself_is_told(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    anna: Actor,
    answers: list[Responder],
    dialogs: list[QDialog],
    desk: QWidget,
) -> None:
    priya = sample.expats["priya"]
    answers.append(click_text("&Delete"))
    deleted: list[bool] = []
    assert confirm_and_delete_expat(
        desk, sqlite_database, anna, priya, lambda: deleted.append(True)
    )
    qtbot.waitUntil(lambda: not is_writing(desk))
    assert deleted == []
    refusal = dialogs[-1]
    assert isinstance(refusal, QMessageBox)
    assert refusal.icon() == QMessageBox.Icon.Critical
    assert refusal.text() == "Only managers and administrators may delete expats and employers."
    assert expat_forms.load_expat_form(sqlite_database, priya) is not None


def test_the_window_deletes_an_expat_off_the_gui_thread_while_it_is_busy(
    qtbot,
    window: MainWindow,
    sqlite_database: Database,
    sample: Sample,
    answers: list[Responder],
    dialogs: list[QDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    priya = sample.expats["priya"]
    release, threads = held(monkeypatch, expat_records, "delete_expat")
    window.show_area(1)
    assert window.expats_area.select_id(priya)
    answers.append(click_text("&Delete"))
    assert window.delete_record()
    qtbot.waitUntil(lambda: threads != [])

    assert threads != [threading.get_ident()]
    assert is_writing(window)
    assert window.cursor().shape() == Qt.CursorShape.BusyCursor
    saving = window.findChild(QLabel, "savingLabel")
    assert saving is not None
    assert saving.isVisible()
    asked = len(dialogs)
    assert not window.delete_record()  # not twice, and not asked again
    assert len(dialogs) == asked
    assert window.ui.statusBar.currentMessage() != "Record deleted"
    with qtbot.waitSignal(change_bus().changed) as announced:
        release.set()
    assert announced.args == [EXPAT_SAVED, window]
    qtbot.waitUntil(lambda: not is_writing(window))
    assert window.ui.statusBar.currentMessage() == "Record deleted"
    assert expat_forms.load_expat_form(sqlite_database, priya) is None
