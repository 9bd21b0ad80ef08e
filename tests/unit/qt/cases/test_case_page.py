"""The case page through a desk's day: services and their checklist, tasks, notes, the status
workflow up to closing and reopening; refused and stale changes keep what was typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor
from expatdesk.cases import detail as case_detail
from expatdesk.cases import services as case_services
from expatdesk.cases import tasks as case_tasks
from expatdesk.cases import workflow as cases
from expatdesk.db.database import Database
from expatdesk.db.models import Case
from expatdesk.errors import DatabaseError
from expatdesk.qt import msgbox
from expatdesk.qt.cases.page import CasePage
from expatdesk.qt.cases.page_tables import DONE_COLUMN, DUE_COLUMN, TITLE_COLUMN
from expatdesk.qt.operations import writes_running
from expatdesk.qt.widgets.date_field import DateField
from tests.helpers.sample import Sample
from tests.unit.qt.desk_helpers import add_staff, choose, type_date


@dataclass(frozen=True)
class Desk:
    anna: Actor
    bram: Actor


@pytest.fixture
def desk(sqlite_database: Database) -> Desk:
    return Desk(
        anna=add_staff(sqlite_database, "anna", "Anna de Vries", "desk_officer"),
        bram=add_staff(sqlite_database, "bram", "Bram Jansen", "manager"),
    )


@pytest.fixture
def case_id(sqlite_database: Database, sample: Sample, desk: Desk) -> int:
    return cases.open_case(
        sqlite_database,
        desk.anna,
        subject="Residence permit application",
        expat_id=sample.expats["jose"],
        owner_id=desk.anna.user_id,
    )


@pytest.fixture
def page(qtbot, sqlite_database: Database, desk: Desk, case_id: int) -> CasePage:
    page = CasePage(sqlite_database, desk.anna)
    qtbot.addWidget(page)
    page.resize(800, 640)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    assert page.show_case(case_id)
    return page


def _stored(database: Database, case_id: int) -> case_detail.CaseDetail:
    return case_detail.load_case(database, case_id)


def _status_button(page: CasePage, status: str) -> QPushButton:
    button = page.findChild(QPushButton, f"status_{status}")
    assert isinstance(button, QPushButton), [b.objectName() for b in page._status_buttons]
    return button


def _status_buttons(page: CasePage) -> list[str]:
    return [button.text() for button in page._status_buttons]


def _settle(qtbot) -> None:
    """Wait until the change started runs no more (changes run off the GUI thread)."""
    qtbot.waitUntil(lambda: not writes_running())


def _press(qtbot, button: QPushButton) -> None:
    """Press a button from the keyboard: focus it and hit the space bar."""
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    _settle(qtbot)


def _space_on_task(qtbot, page: CasePage, row: int) -> None:
    table = page.ui.tasksTable
    table.setFocus()
    table.setCurrentCell(row, DONE_COLUMN)
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(table, Qt.Key.Key_Space)


# --- the day at the desk ----------------------------------------------------------------------


def test_a_case_through_the_desks_day(
    qtbot, sqlite_database: Database, page: CasePage, case_id: int, desk: Desk
) -> None:
    ui = page.ui
    assert ui.titleLabel.text().endswith(" · Residence permit application")
    assert ui.statusValue.text() == "New"
    assert _status_buttons(page) == ["Start work"]
    assert ui.ownerCombo.currentText() == "Anna de Vries"
    changes: list[int] = []
    page.changed.connect(changes.append)

    # A service with its checklist.
    ui.tabs.setCurrentWidget(ui.servicesTab)
    choose(qtbot, ui.serviceCombo, "Residence permit, highly skilled migrant")
    six_days_ago = clock.today() - timedelta(days=6)
    type_date(qtbot, ui.serviceDate, six_days_ago.strftime("%d/%m/%Y"))  # select all, type
    _press(qtbot, ui.addServiceButton)
    _settle(qtbot)
    assert ui.servicesTable.rowCount() == 1
    assert ui.servicesTable.item(0, 0).text() == "Residence permit, highly skilled migrant"
    assert ui.servicesTable.item(0, 2).text() == "0 of 5"
    assert ui.serviceCombo.currentIndex() == 0
    assert ui.checklistLabel.text() == "&Documents for Residence permit, highly skilled migrant"
    assert [ui.checklistList.item(i).text() for i in range(5)] == [
        "Valid passport",
        "Signed employment contract",
        "Salary statement",
        "Antecedents certificate",
        "Passport photo",
    ]
    assert page.focusWidget() is ui.checklistList

    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(ui.checklistList, Qt.Key.Key_Space)  # the passport
    qtbot.keyClick(ui.checklistList, Qt.Key.Key_Down)
    qtbot.keyClick(ui.checklistList, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(ui.checklistList, Qt.Key.Key_Space)  # the salary statement
    service = _stored(sqlite_database, case_id).services[0]
    assert [check.checked for check in service.documents] == [True, False, True, False, False]
    assert service.documents[0].checked_by == "Anna de Vries"
    assert ui.servicesTable.item(0, 2).text() == "2 of 5"
    assert ui.checklistList.item(0).text().startswith("Valid passport (ticked off by Anna de Vries")
    assert ui.checklistList.currentRow() == 2
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(ui.checklistList, Qt.Key.Key_Space)  # untick it again
    service = _stored(sqlite_database, case_id).services[0]
    assert [check.checked for check in service.documents] == [True, False, False, False, False]

    # A task, done.
    ui.tabs.setCurrentWidget(ui.tasksTab)
    ui.taskTitleEdit.setFocus()
    qtbot.keyClicks(ui.taskTitleEdit, "Submit the application to the IND")
    assert ui.taskDueEdit.text() == ""  # no due date unless one is typed
    due = clock.today() + timedelta(days=5)  # not overdue, whatever the date
    type_date(qtbot, ui.taskDueEdit, due.strftime("%d/%m/%Y"))
    qtbot.keyClick(ui.taskDueEdit, Qt.Key.Key_Return)
    _settle(qtbot)
    assert ui.taskTitleEdit.text() == ""
    assert ui.taskDueEdit.text() == ""
    assert ui.tasksTable.item(0, TITLE_COLUMN).text() == "Submit the application to the IND"
    assert ui.tasksTable.item(0, DUE_COLUMN).text() == i18n.format_date(due)
    _space_on_task(qtbot, page, 0)
    task = _stored(sqlite_database, case_id).tasks[0]
    assert task.done
    assert ui.tasksTable.item(0, DONE_COLUMN).checkState() == Qt.CheckState.Checked
    assert ui.tabs.tabText(ui.tabs.indexOf(ui.tasksTab)) == "Tasks (0 open)"

    # A note, added with Ctrl+Return.
    ui.tabs.setCurrentWidget(ui.notesTab)
    ui.noteEdit.setFocus()
    qtbot.keyClicks(ui.noteEdit, "Application submitted to the IND.")
    qtbot.keyClick(ui.noteEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _settle(qtbot)
    assert ui.noteEdit.toPlainText() == ""
    assert "Application submitted to the IND." in ui.notesView.toPlainText()
    assert "Anna de Vries" in ui.notesView.toPlainText()
    assert [note.text for note in _stored(sqlite_database, case_id).notes] == [
        "Application submitted to the IND."
    ]

    # Through the statuses, closed and reopened.
    _press(qtbot, _status_button(page, "in_progress"))
    _settle(qtbot)
    assert ui.statusValue.text() == "In progress"
    assert _status_buttons(page) == [
        "Wait for the client",
        "Wait for an authority",
        "Close the case",
    ]
    _press(qtbot, _status_button(page, "waiting_client"))
    _settle(qtbot)
    assert _status_buttons(page) == ["Resume work", "Wait for an authority", "Close the case"]
    _press(qtbot, _status_button(page, "waiting_authority"))
    _settle(qtbot)
    assert ui.statusValue.text() == "Waiting for an authority"
    _press(qtbot, _status_button(page, "closed"))
    _settle(qtbot)
    assert ui.statusValue.text() == "Closed"
    assert _status_buttons(page) == ["Reopen"]
    assert "closed on" in ui.datesLabel.text()
    stored = _stored(sqlite_database, case_id)
    assert stored.status == "closed"
    assert stored.closed_at is not None
    for widget in (
        ui.serviceCombo,
        ui.addServiceButton,
        ui.removeServiceButton,
        ui.checklistList,
        ui.taskTitleEdit,
        ui.addTaskButton,
        ui.ownerCombo,
    ):
        assert not widget.isEnabled(), widget.objectName()
    assert ui.noteEdit.isEnabled()
    assert not ui.tasksTable.item(0, DONE_COLUMN).flags() & Qt.ItemFlag.ItemIsUserCheckable

    _press(qtbot, _status_button(page, "in_progress"))
    _settle(qtbot)
    stored = _stored(sqlite_database, case_id)
    assert (stored.status, stored.closed_at) == ("in_progress", None)
    assert ui.addServiceButton.isEnabled()
    assert page.message() == ""
    assert set(changes) == {case_id}
    assert len(changes) == 12


def test_client_link_opens_the_client(qtbot, page: CasePage, sample: Sample) -> None:
    label = page.ui.clientLabel
    assert f'<a href="expat:{sample.expats["jose"]}">José García</a>' in label.text()
    with qtbot.waitSignal(page.openRecordRequested) as opened:
        label.linkActivated.emit(f"expat:{sample.expats['jose']}")
    assert opened.args == ["expat", sample.expats["jose"]]


def _choose_owner(qtbot, page: CasePage, text: str) -> None:
    """Arrow to the owner ``text``; each step is saved (the page takes no keys meanwhile)."""
    combo = page.ui.ownerCombo
    target = combo.findText(text)
    assert target >= 0
    combo.setFocus()
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)
        _settle(qtbot)
    assert combo.currentText() == text


def test_change_the_owner(qtbot, sqlite_database: Database, page: CasePage, case_id: int) -> None:
    _choose_owner(qtbot, page, "Bram Jansen")
    owner = _stored(sqlite_database, case_id).owner
    assert owner is not None
    assert owner.name == "Bram Jansen"
    _choose_owner(qtbot, page, "Nobody yet")
    assert _stored(sqlite_database, case_id).owner is None
    assert page.ui.ownerCombo.currentText() == "Nobody yet"


# --- tasks in place ---------------------------------------------------------------------------


def test_edit_a_task_in_place_and_delete_it(
    qtbot, sqlite_database: Database, page: CasePage, case_id: int, desk: Desk
) -> None:
    overdue = clock.today() - timedelta(days=3)
    case_tasks.add_task(sqlite_database, desk.anna, case_id, "Call back", overdue)
    case_tasks.add_task(sqlite_database, desk.anna, case_id, "Check the decision", None)
    page.reload()
    table = page.ui.tasksTable
    page.ui.tabs.setCurrentWidget(page.ui.tasksTab)
    due = table.item(0, DUE_COLUMN)
    assert due.text().endswith("(overdue)")
    assert due.toolTip() == "Overdue"
    assert due.font().bold()
    assert table.item(1, DUE_COLUMN).text() == ""

    # F2 on the title, type, Enter.
    table.setFocus()
    table.setCurrentCell(0, TITLE_COLUMN)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = page.focusWidget()
    assert editor is not None
    editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "Call the expat back")
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert [task.title for task in _stored(sqlite_database, case_id).tasks] == [
        "Call the expat back",
        "Check the decision",
    ]

    # F2 on the due date of the undated task: a date editor.
    table.setFocus()
    table.setCurrentCell(1, DUE_COLUMN)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(DateField, "dueDateEditor")
    assert isinstance(editor, DateField)
    assert editor.text() == ""  # no due date yet
    qtbot.keyClicks(editor, "3-13-2026")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the table commits after this event
    qtbot.waitUntil(lambda: page.message() == "Type a date as 26/11/2026.")
    _settle(qtbot)  # the task keeps its due date
    assert _stored(sqlite_database, case_id).tasks[1].due_date is None
    qtbot.waitUntil(lambda: table.findChild(DateField, "dueDateEditor") is None)  # closed
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: table.findChild(DateField, "dueDateEditor") is not None)
    editor = table.findChild(DateField, "dueDateEditor")
    assert isinstance(editor, DateField)
    later = clock.today() + timedelta(days=50)  # after the overdue task, whatever the date
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, later.strftime("%d/%m/%Y"))
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert [task.due_date for task in _stored(sqlite_database, case_id).tasks] == [
        overdue,
        later,
    ]

    # Delete removes the current task.
    table.setFocus()
    table.setCurrentCell(0, TITLE_COLUMN)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    _settle(qtbot)
    assert [task.title for task in _stored(sqlite_database, case_id).tasks] == [
        "Check the decision"
    ]
    assert table.rowCount() == 1


def test_a_refused_task_keeps_what_was_typed(
    qtbot, sqlite_database: Database, page: CasePage, case_id: int
) -> None:
    ui = page.ui
    ui.tabs.setCurrentWidget(ui.tasksTab)
    type_date(qtbot, ui.taskDueEdit, "01/01/1999")
    ui.taskTitleEdit.setFocus()
    qtbot.keyClicks(ui.taskTitleEdit, "Old task")
    qtbot.keyClick(ui.taskTitleEdit, Qt.Key.Key_Return)
    _settle(qtbot)
    assert page.message() == "This date lies before 2000; check the year."
    assert page.focusWidget() is ui.taskDueEdit
    assert ui.taskTitleEdit.text() == "Old task"
    assert not ui.reloadButton.isVisible()
    assert _stored(sqlite_database, case_id).tasks == ()

    ui.taskTitleEdit.clear()
    _press(qtbot, ui.addTaskButton)
    _settle(qtbot)
    assert page.message() == "This field is required.\nThis date lies before 2000; check the year."
    assert page.focusWidget() is ui.taskTitleEdit


# --- services ---------------------------------------------------------------------------------


def test_remove_a_service_after_confirming(
    qtbot,
    sqlite_database: Database,
    page: CasePage,
    case_id: int,
    desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: list,
) -> None:
    case_services.add_service(sqlite_database, desk.anna, case_id, "digid", clock.today())
    service_id = case_services.add_service(
        sqlite_database, desk.anna, case_id, "housing", clock.today()
    )
    housing = _stored(sqlite_database, case_id).services[1]
    case_services.set_document_checked(
        sqlite_database, desk.anna, service_id, housing.documents[0].document.id, True
    )
    page.reload()
    page.ui.servicesTable.selectRow(1)
    assert page.ui.checklistLabel.text() == "&Documents for Housing support"

    _press(qtbot, page.ui.removeServiceButton)  # the test's dialogs answer "No"
    _settle(qtbot)
    question = dialogs[-1]
    assert isinstance(question, QMessageBox)
    assert question.text() == f"Remove Housing support of {_today()} from this case?"
    assert question.informativeText() == "The 1 document ticked off for it is forgotten too."
    assert len(_stored(sqlite_database, case_id).services) == 2

    monkeypatch.setattr(msgbox, "exec_dialog", lambda _box: QMessageBox.StandardButton.Yes)
    _press(qtbot, page.ui.removeServiceButton)
    _settle(qtbot)
    assert [s.service.code for s in _stored(sqlite_database, case_id).services] == ["digid"]
    assert page.ui.servicesTable.rowCount() == 1


def test_a_service_without_documents(
    qtbot, sqlite_database: Database, page: CasePage, case_id: int
) -> None:
    choose(qtbot, page.ui.serviceCombo, "Welcome and orientation event")
    _press(qtbot, page.ui.addServiceButton)
    _settle(qtbot)
    assert page.ui.checklistLabel.text() == (
        "&Documents: Welcome and orientation event needs none."
    )
    assert page.ui.checklistList.count() == 0
    assert page.ui.servicesTable.item(0, 2).text() == "none needed"


def test_a_refused_service(qtbot, sqlite_database: Database, page: CasePage, case_id: int) -> None:
    page.ui.serviceDate.set_value(clock.today() + timedelta(days=2))
    _press(qtbot, page.ui.addServiceButton)
    _settle(qtbot)
    assert page.message() == "Choose a service.\nThis date lies in the future."
    assert page.focusWidget() is page.ui.serviceCombo
    assert _stored(sqlite_database, case_id).services == ()


def _today() -> str:
    from expatdesk import i18n

    return i18n.format_date(clock.today())


# --- someone else was quicker -----------------------------------------------------------------


def test_a_stale_status_change_offers_a_reload(
    qtbot, sqlite_database: Database, page: CasePage, case_id: int, desk: Desk
) -> None:
    cases.set_status(sqlite_database, desk.bram, case_id, "in_progress", expected_version=1)
    page.ui.tabs.setCurrentWidget(page.ui.notesTab)
    page.ui.noteEdit.setPlainText("Typed before the reload")

    _press(qtbot, _status_button(page, "in_progress"))
    _settle(qtbot)
    assert page.message().startswith("bram changed this record on ")
    assert page.ui.reloadButton.isVisible()
    assert page.focusWidget() is page.ui.reloadButton
    assert page.ui.statusValue.text() == "New"  # as shown until reloaded

    _press(qtbot, page.ui.reloadButton)
    _settle(qtbot)
    assert page.message() == ""
    assert page.ui.statusValue.text() == "In progress"
    assert page.ui.noteEdit.toPlainText() == "Typed before the reload"


def test_a_deleted_case_keeps_the_note_being_written(
    qtbot, sqlite_database: Database, page: CasePage, case_id: int
) -> None:
    with sqlite_database.transaction() as session:
        session.delete(session.get(Case, case_id))
    page.ui.tabs.setCurrentWidget(page.ui.notesTab)
    page.ui.noteEdit.setFocus()
    qtbot.keyClicks(page.ui.noteEdit, "Is anyone there?")
    _press(qtbot, page.ui.addNoteButton)
    _settle(qtbot)
    assert page.message() == "This case was deleted by someone else."
    assert page.ui.noteEdit.toPlainText() == "Is anyone there?"
    assert not page.show_case(case_id)
    assert page.message() == "This case no longer exists."
    assert page.case_id is None


# --- keyboard, names and language -------------------------------------------------------------


def test_keyboard_order_and_accessible_names(page: CasePage) -> None:
    ui = page.ui
    order: list[QWidget] = [ui.clientLabel]
    widget = ui.clientLabel.nextInFocusChain()
    while widget is not ui.ownerCombo and len(order) < 10:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible():
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order[1:] == page._status_buttons
    for widget in (
        ui.clientLabel,
        ui.ownerCombo,
        ui.servicesTable,
        ui.serviceCombo,
        ui.serviceDate,
        ui.checklistList,
        ui.tasksTable,
        ui.taskTitleEdit,
        ui.taskDueEdit,
        ui.notesView,
        ui.noteEdit,
        *page._status_buttons,
    ):
        assert widget.accessibleName(), widget.objectName()
    assert ui.ownerLabel.buddy() is ui.ownerCombo
    assert ui.checklistLabel.buddy() is ui.checklistList
    assert ui.taskTitleLabel.buddy() is ui.taskTitleEdit
    assert ui.taskDueLabel.buddy() is ui.taskDueEdit


def test_the_page_reads_like_the_rest_of_the_desk(
    qtbot, sqlite_database: Database, page: CasePage, case_id: int
) -> None:
    ui = page.ui
    # "Owner", as in the open-case form and the cases filter.
    assert ui.ownerLabel.text() == "Ow&ner"
    assert ui.ownerCombo.accessibleName() == "Owner"
    # Headers sit over their column's text, on the left.
    for table in (ui.servicesTable, ui.tasksTable):
        alignment = table.horizontalHeader().defaultAlignment()
        assert alignment & Qt.AlignmentFlag.AlignLeft, table.objectName()
    # The new task's title takes the width of the list above it.
    ui.tabs.setCurrentWidget(ui.tasksTab)
    table_right = ui.tasksTable.mapTo(page, ui.tasksTable.rect().topRight()).x()
    edit_right = ui.taskTitleEdit.mapTo(page, ui.taskTitleEdit.rect().topRight()).x()
    assert abs(table_right - edit_right) <= 2
    assert ui.taskTitleEdit.width() > ui.tasksTable.width() * 3 // 4
    # A note's time is written as the dates are, to the minute.
    ui.tabs.setCurrentWidget(ui.notesTab)
    ui.noteEdit.setFocus()
    qtbot.keyClicks(ui.noteEdit, "Called the IND.")
    qtbot.keyClick(ui.noteEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _settle(qtbot)
    written = _stored(sqlite_database, case_id).notes[0].written_at
    when = i18n.format_datetime(written, seconds=False)
    assert when == f"{i18n.format_date(written.astimezone().date())}, {written.astimezone():%H:%M}"
    assert ui.notesView.toPlainText().splitlines()[0] == f"Anna de Vries · {when}"
    # A status step replaces the buttons at once: the old ones do not linger in the row.
    _press(qtbot, _status_button(page, "in_progress"))
    _settle(qtbot)
    shown = [
        button.text()
        for button in ui.statusButtons.findChildren(QPushButton)
        if button.isVisibleTo(page)
    ]
    assert page.focusWidget() is page._status_buttons[0]
    assert (
        shown
        == _status_buttons(page)
        == [
            "Wait for the client",
            "Wait for an authority",
            "Close the case",
        ]
    )


def test_dutch(qtbot, page: CasePage, switcher) -> None:
    switcher.apply("nl")
    qtbot.waitUntil(lambda: page.ui.statusValue.text() == "Nieuw")
    assert _status_buttons(page) == ["Beginnen"]
    assert page.ui.ownerLabel.text() == "Ei&genaar"
    assert page.ui.tabs.tabText(0) == "Diensten (0)"
    assert page.ui.serviceCombo.itemText(0) == "Kies een dienst"
    switcher.apply("en")
    qtbot.waitUntil(lambda: page.ui.statusValue.text() == "New")


def test_dates_are_typed_the_dutch_way_in_dutch(
    qtbot, sqlite_database: Database, page: CasePage, case_id: int, switcher
) -> None:
    ui = page.ui
    switcher.apply("nl")
    qtbot.waitUntil(lambda: page.ui.statusValue.text() == "Nieuw")
    assert ui.serviceDate.text() == clock.today().strftime("%d-%m-%Y")  # today, the Dutch way
    assert ui.taskDueEdit.placeholderText() == "dd-mm-jjjj"
    ui.tabs.setCurrentWidget(ui.tasksTab)
    ui.taskTitleEdit.setFocus()
    qtbot.keyClicks(ui.taskTitleEdit, "Bel de IND")
    type_date(qtbot, ui.taskDueEdit, "31-02-2026")
    qtbot.keyClick(ui.taskDueEdit, Qt.Key.Key_Return)
    assert page.message() == "Typ een datum als 26-11-2026."
    assert page.focusWidget() is ui.taskDueEdit
    assert _stored(sqlite_database, case_id).tasks == ()
    due = clock.today() + timedelta(days=7)  # not yet due, whatever day the tests run
    type_date(qtbot, ui.taskDueEdit, due.strftime("%d-%m-%Y"))
    qtbot.keyClick(ui.taskDueEdit, Qt.Key.Key_Return)
    _settle(qtbot)
    assert [(t.title, t.due_date) for t in _stored(sqlite_database, case_id).tasks] == [
        ("Bel de IND", due)
    ]
    assert ui.tasksTable.item(0, DUE_COLUMN).text() == i18n.format_date(due)
    ui.tabs.setCurrentWidget(ui.servicesTab)
    choose(qtbot, ui.serviceCombo, "DigiD")
    type_date(qtbot, ui.serviceDate, "20-11-2026")
    _press(qtbot, ui.addServiceButton)
    _settle(qtbot)
    assert [s.delivered_on for s in _stored(sqlite_database, case_id).services] == [
        date(2026, 11, 20)
    ]
    switcher.apply("en")
    qtbot.waitUntil(lambda: page.ui.statusValue.text() == "New")
    assert ui.serviceDate.text() == "20/11/2026"  # what was typed stays, the English way


def test_a_note_saved_by_an_unclear_first_try_is_not_added_again(
    qtbot, sqlite_database: Database, page: CasePage, case_id: int, desk: Desk
) -> None:
    ui = page.ui
    key = page._keys["note"]
    cases.add_note(sqlite_database, desk.anna, case_id, "Called the IND.", request_key=key)
    ui.noteEdit.setPlainText("Called the IND.")
    with qtbot.waitSignal(page.changed):
        _press(qtbot, ui.addNoteButton)
    assert page.message() == "This note was already saved."
    assert [note.text for note in _stored(sqlite_database, case_id).notes] == ["Called the IND."]
    assert ui.noteEdit.toPlainText() == ""
    assert page._keys["note"] != key  # the next note is a new one
    ui.noteEdit.setPlainText("Sent the forms.")
    with qtbot.waitSignal(page.changed):
        _press(qtbot, ui.addNoteButton)
    assert page.message() == ""
    assert len(_stored(sqlite_database, case_id).notes) == 2


def test_a_saved_note_never_reads_as_failed_when_the_case_cannot_be_read_again(
    qtbot, sqlite_database: Database, page: CasePage, case_id: int, monkeypatch
) -> None:
    def gone(*_args: object) -> None:
        raise DatabaseError("No connection to the database server.")

    monkeypatch.setattr(case_detail, "load_case", gone)
    page.ui.noteEdit.setPlainText("Called the IND.")
    with qtbot.waitSignal(page.changed):
        _press(qtbot, page.ui.addNoteButton)
    assert page.message() == (
        "Saved. The case could not be read again: No connection to the database server."
    )
    assert page.ui.noteEdit.toPlainText() == ""  # done: the next note is a new one
    monkeypatch.undo()
    assert [note.text for note in _stored(sqlite_database, case_id).notes] == ["Called the IND."]
