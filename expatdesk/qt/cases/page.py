"""One case at the desk: its client, status, owner, the services with their document checklists,
the tasks and the notes, all changed in place.

Every change saves at once, as one call of :mod:`expatdesk.cases.workflow`, and the page reads the
case again afterwards. The status buttons offer only the steps the workflow allows. A refused
change shows its message in the bar above the tabs and keeps what was typed; when someone else
changed the case meanwhile, the bar offers to reload it. A closed case takes notes only, until it
is reopened.

Keyboard: Tab walks the page; Ctrl+Tab switches between services, tasks and notes; Space ticks a
document or a task off; F2 edits a task's title or due date; Delete deletes the task; Enter in the
new task's title adds it; Ctrl+Return adds the note being written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import (
    QEvent,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from expatdesk.accounts.actor import Actor
from expatdesk.cases import deliveries
from expatdesk.cases import detail as case_detail
from expatdesk.cases import services as case_services
from expatdesk.cases import statuses as case_statuses
from expatdesk.cases import tasks as case_tasks
from expatdesk.cases import workflow as cases
from expatdesk.cases.detail import CaseDetail, CaseService, TaskInfo
from expatdesk.common.changes import CASE_CHANGED
from expatdesk.common.concurrency import new_request_key
from expatdesk.common.db_errors import Problem, Refusal
from expatdesk.db.database import Database
from expatdesk.errors import AlreadySavedError, DatabaseError
from expatdesk.i18n import _
from expatdesk.qt import msgbox
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.cases.desk_widgets import select_data
from expatdesk.qt.cases.page_tables import (
    DOCUMENT_ROLE,
    DONE_COLUMN,
    DUE_COLUMN,
    DUE_ROLE,
    ID_ROLE,
    SERVICE_HEADERS,
    TASK_HEADERS,
    TITLE_COLUMN,
    clients_html,
    dates_text,
    enable_inputs,
    fill_checklist,
    fill_services,
    fill_tasks,
    notes_html,
    removal_question,
    set_up_inputs,
    set_up_tables,
    status_button,
    tab_titles,
)
from expatdesk.qt.documents.panel import DocumentsPanel
from expatdesk.qt.forms.ui_case_page import Ui_CasePage
from expatdesk.qt.operations import is_writing, run_write
from expatdesk.qt.widgets.date_field import DateField

log = logging.getLogger(__name__)


class CasePage(QWidget):
    """A case's page; :meth:`show_case` shows one.

    Signals:
        openRecordRequested(str, int): open the client: ``"expat"`` or ``"employer"``, and its id.
        changed(int): a change to the case ``id`` was saved (the list may show it differently).
    """

    openRecordRequested = Signal(str, int)
    changed = Signal(int)

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_CasePage()
        self.ui.setupUi(self)
        colours.follow(self)
        scaling.follow(self)
        self._database = database
        self._actor = actor
        self._detail: CaseDetail | None = None
        #: The keys of what the page's forms add, made anew for each case and after each save.
        self._keys = {form: new_request_key() for form in ("note", "task", "service")}
        self._filling = False
        self._status_buttons: list[QPushButton] = []
        self._catalogue = deliveries.service_catalogue(database)
        set_up_inputs(self.ui, self._catalogue)
        self._due_delegate = set_up_tables(self.ui.servicesTable, self.ui.tasksTable)
        self._due_delegate.refused.connect(self.show_message)
        self.documents = DocumentsPanel(database, actor, self)
        self.ui.tabs.addTab(self.documents, "")
        self.documents.changed.connect(self.reload)
        self._connect()
        self._retranslate()
        self.clear()

    def _connect(self) -> None:
        ui = self.ui
        ui.clientLabel.linkActivated.connect(self._open_client)
        ui.ownerCombo.activated.connect(self._owner_chosen)
        ui.reloadButton.clicked.connect(self.reload)
        ui.servicesTable.itemSelectionChanged.connect(self._show_checklist)
        ui.addServiceButton.clicked.connect(self.add_service)
        ui.removeServiceButton.clicked.connect(self.remove_service)
        ui.checklistList.itemChanged.connect(self._document_changed)
        ui.tasksTable.itemChanged.connect(self._task_changed)
        ui.tasksTable.itemSelectionChanged.connect(self._update_enabled)
        ui.taskTitleEdit.returnPressed.connect(self.add_task)
        ui.taskDueEdit.returnPressed.connect(self.add_task)
        ui.addTaskButton.clicked.connect(self.add_task)
        ui.deleteTaskButton.clicked.connect(self.delete_task)
        ui.addNoteButton.clicked.connect(self.add_note)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), ui.noteEdit)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.add_note)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), ui.tasksTable)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_task)

    # --- what the page shows ------------------------------------------------------------------

    @property
    def case_id(self) -> int | None:
        return None if self._detail is None else self._detail.id

    @property
    def detail(self) -> CaseDetail | None:
        return self._detail

    def show_case(self, case_id: int) -> bool:
        """Show the case ``case_id``; ``False`` (and an empty page) when it no longer exists."""
        self.hide_message()
        try:
            detail = case_detail.load_case(self._database, case_id)
        except case_detail.CaseNotFoundError as error:
            self.clear()
            self.show_message(str(error))
            return False
        if self._detail is None or self._detail.id != case_id:
            self._keys = {form: new_request_key() for form in self._keys}
            self.ui.noteEdit.clear()
            self.ui.taskTitleEdit.clear()
            self.ui.taskDueEdit.clear()
            self.ui.servicesTable.clearSelection()
        self._detail = detail
        self._render()
        return True

    def reload(self) -> None:
        """Read the shown case again (after someone else changed it)."""
        if self._detail is not None:
            self.show_case(self._detail.id)

    def clear(self) -> None:
        """Show no case."""
        self._detail = None
        self._render()

    def selected_service(self) -> CaseService | None:
        if self._detail is None:
            return None
        row = self.ui.servicesTable.currentRow()
        services = self._detail.services
        return services[row] if 0 <= row < len(services) else None

    def selected_task(self) -> TaskInfo | None:
        if self._detail is None:
            return None
        row = self.ui.tasksTable.currentRow()
        tasks = self._detail.tasks
        return tasks[row] if 0 <= row < len(tasks) else None

    def message(self) -> str:
        """The message in the bar, ``""`` when there is none."""
        return "" if self.ui.messageBar.isHidden() else self.ui.messageLabel.text()

    def show_message(self, text: str, *, stale: bool = False) -> None:
        self.ui.messageLabel.setText(text)
        self.ui.reloadButton.setVisible(stale)
        self.ui.messageBar.show()

    def hide_message(self) -> None:
        self.ui.messageLabel.clear()
        self.ui.messageBar.hide()

    # --- rendering ----------------------------------------------------------------------------

    def _render(self) -> None:
        self._filling = True
        try:
            self._render_header()
            self._render_services()
            self._render_tasks()
            self._render_notes()
        finally:
            self._filling = False
        self._show_checklist()
        self._update_enabled()
        self.documents.set_case(self._detail)
        self._retitle_tabs()

    def _render_header(self) -> None:
        ui, detail = self.ui, self._detail
        for button in self._status_buttons:
            # Out of the row at once: the row is filled anew now, the button is deleted later.
            ui.statusButtonsLayout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self._status_buttons = []
        if detail is None:
            for widget in (ui.titleLabel, ui.clientLabel, ui.statusValue, ui.datesLabel):
                widget.clear()
            ui.ownerCombo.clear()
            return
        ui.titleLabel.setText(f"{detail.ref} · {detail.subject}")
        ui.clientLabel.setText(clients_html(detail))
        ui.statusValue.setText(case_statuses.status_label(detail.status))
        previous: QWidget = ui.clientLabel
        for target in detail.transitions:
            button = status_button(detail.status, target, ui.statusButtons)
            button.clicked.connect(lambda _checked=False, status=target: self.set_status(status))
            ui.statusButtonsLayout.addWidget(button)
            button.show()  # now, so that the focus can go to it at once
            self.setTabOrder(previous, button)
            previous = button
            self._status_buttons.append(button)
        self.setTabOrder(previous, ui.ownerCombo)
        self._fill_owners(detail)
        ui.datesLabel.setText(dates_text(detail))

    def _fill_owners(self, detail: CaseDetail) -> None:
        combo = self.ui.ownerCombo
        combo.clear()
        combo.addItem(_("Nobody yet"), None)
        choices = case_detail.owners(self._database)
        if detail.owner is not None and detail.owner not in choices:
            choices.append(detail.owner)  # no longer active, but still the owner
        for owner in choices:
            combo.addItem(owner.name, owner.id)
        select_data(combo, None if detail.owner is None else detail.owner.id)

    def _render_services(self) -> None:
        selected = self.selected_service()
        services = () if self._detail is None else self._detail.services
        fill_services(
            self.ui.servicesTable, services, selected.id if selected is not None else None
        )

    def _show_checklist(self) -> None:
        """The documents of the selected service, ticked off or not."""
        self._filling = True
        try:
            fill_checklist(self.ui.checklistList, self.ui.checklistLabel, self.selected_service())
        finally:
            self._filling = False
        self._update_enabled()

    def _render_tasks(self) -> None:
        selected = self.selected_task()
        fill_tasks(
            self.ui.tasksTable,
            () if self._detail is None else self._detail.tasks,
            closed=self._detail is not None and self._detail.closed,
            keep=(selected.id, self.ui.tasksTable.currentColumn())
            if selected is not None
            else None,
        )

    def _render_notes(self) -> None:
        self.ui.notesView.setHtml(notes_html(self._detail))

    def _retitle_tabs(self) -> None:
        tabs, (services, tasks, notes) = self.ui.tabs, tab_titles(self._detail)
        tabs.setTabText(tabs.indexOf(self.ui.servicesTab), services)
        tabs.setTabText(tabs.indexOf(self.ui.tasksTab), tasks)
        tabs.setTabText(tabs.indexOf(self.ui.notesTab), notes)
        tabs.setTabText(tabs.indexOf(self.documents), self.documents.tab_title())

    def _update_enabled(self) -> None:
        enable_inputs(
            self.ui,
            self._detail,
            service_selected=self.selected_service() is not None,
            task_selected=self.selected_task() is not None,
        )

    # --- changing the case --------------------------------------------------------------------

    def is_saving(self) -> bool:
        """Whether a change runs now (off the GUI thread; the page takes no input meanwhile)."""
        return is_writing(self)

    def _typed(self, field: DateField, *, required: bool) -> bool:
        """Whether ``field`` holds a date as typed; otherwise say what is wrong and go there."""
        problem = "" if self.is_saving() else field.problem(required=required)
        if problem:
            self.show_message(problem)
            field.setFocus()
        return not problem

    def _attempt(
        self,
        change: Callable[[], object],
        inputs: dict[str, QWidget],
        then: Callable[[], None] | None = None,
    ) -> bool:
        """Run one service call off the GUI thread; when done read the case again (and run
        ``then``), otherwise say why. ``True`` when the call started.

        What was typed stays; a refusal because someone else changed the case offers a reload.
        """
        detail = self._detail
        if detail is None or self.is_saving():
            return False
        self.hide_message()
        case_id = detail.id

        def done(_result: object, repeated: str | None = None) -> None:
            # Saved: whatever fails from here on (the case read again on a connection that
            # broke just after the COMMIT) must not read as a failed save.
            try:
                self.show_case(case_id)
            except DatabaseError as error:
                repeated = _("Saved. The case could not be read again: {reason}").format(
                    reason=error
                )
            self.changed.emit(case_id)
            if repeated is not None:
                self.show_message(repeated)
            if then is not None:
                then()

        def refused(refusal: Refusal) -> None:
            if refusal.problem is Problem.ALREADY_SAVED:  # saved by an earlier, unclear try
                done(None, refusal.message)
            elif refusal.problem is Problem.INVALID:
                self.show_message(refusal.message)
                widget = inputs.get(refusal.field_errors[0].field)
                if widget is not None:
                    widget.setFocus()
            elif refusal.problem is Problem.STALE:
                self.show_message(refusal.message, stale=True)
                self.ui.reloadButton.setFocus()
            else:
                self.show_message(refusal.message)

        return run_write(self, change, CASE_CHANGED, done=done, refused=refused)

    def set_status(self, status: str) -> bool:
        detail = self._detail
        if detail is None:
            return False
        return self._attempt(
            lambda: cases.set_status(
                self._database, self._actor, detail.id, status, expected_version=detail.version
            ),
            {},
            lambda: (
                self._status_buttons[0] if self._status_buttons else self.ui.ownerCombo
            ).setFocus(),
        )

    def _owner_chosen(self, _index: int) -> None:
        detail = self._detail
        if detail is None:
            return
        owner_id = self.ui.ownerCombo.currentData()
        current = None if detail.owner is None else detail.owner.id
        if owner_id == current:
            return
        self._attempt(
            lambda: cases.change_owner(
                self._database, self._actor, detail.id, owner_id, expected_version=detail.version
            ),
            {"owner": self.ui.ownerCombo},
        )

    def add_note(self) -> bool:
        detail = self._detail
        if detail is None:
            return False
        text, key = self.ui.noteEdit.toPlainText(), self._keys["note"]

        def added() -> None:
            self._keys["note"] = new_request_key()
            self.ui.noteEdit.clear()
            self.ui.noteEdit.setFocus()

        return self._attempt(
            lambda: cases.add_note(self._database, self._actor, detail.id, text, request_key=key),
            {"note": self.ui.noteEdit},
            added,
        )

    def add_task(self) -> bool:
        detail = self._detail
        if detail is None or not self._typed(self.ui.taskDueEdit, required=False):
            return False
        title, due = self.ui.taskTitleEdit.text(), self.ui.taskDueEdit.value()
        key = self._keys["task"]

        def added() -> None:
            self._keys["task"] = new_request_key()
            self.ui.taskTitleEdit.clear()
            self.ui.taskDueEdit.clear()
            self.ui.taskTitleEdit.setFocus()

        return self._attempt(
            lambda: case_tasks.add_task(
                self._database,
                self._actor,
                detail.id,
                title,
                due,
                request_key=key,
            ),
            {"title": self.ui.taskTitleEdit, "due_date": self.ui.taskDueEdit},
            added,
        )

    def delete_task(self) -> bool:
        task = self.selected_task()
        if task is None or self._detail is None or self._detail.closed:
            return False
        return self._attempt(
            lambda: case_tasks.delete_task(
                self._database, self._actor, task.id, expected_version=task.version
            ),
            {},
        )

    def _task_changed(self, item: QTableWidgetItem) -> None:
        """A task's done box, title or due date was changed in the table: save it.

        The save (and the new rendering it brings) waits until the table has finished with the
        item: re-filling the table while its editor is still committing would pull the item from
        under it.
        """
        if self._filling or self._detail is None:
            return
        task = next((t for t in self._detail.tasks if t.id == item.data(ID_ROLE)), None)
        if task is None:
            return
        column = item.column()
        if column == DONE_COLUMN:
            done = item.checkState() == Qt.CheckState.Checked
            if done != task.done:
                QTimer.singleShot(0, self, partial(self._save_task_done, task, done))
            return
        title, due = task.title, task.due_date
        if column == TITLE_COLUMN:
            title = item.text()
        elif column == DUE_COLUMN:
            value = item.data(DUE_ROLE)
            due = value if isinstance(value, date) else None
        if (title, due) != (task.title, task.due_date):
            QTimer.singleShot(0, self, partial(self._save_task_edit, task, title, due))

    def _save_task_done(self, task: TaskInfo, done: bool) -> None:
        self._attempt(
            lambda: case_tasks.set_task_done(
                self._database, self._actor, task.id, done, expected_version=task.version
            ),
            {},
        )

    def _save_task_edit(self, task: TaskInfo, title: str, due: date | None) -> None:
        self._attempt(
            lambda: case_tasks.edit_task(
                self._database, self._actor, task.id, title, due, expected_version=task.version
            ),
            {"title": self.ui.tasksTable, "due_date": self.ui.tasksTable},
        )

    def add_service(self) -> bool:
        detail = self._detail
        if detail is None or not self._typed(self.ui.serviceDate, required=True):
            return False
        code, on = self.ui.serviceCombo.currentData(), self.ui.serviceDate.value()
        added: list[int] = []
        key = self._keys["service"]

        def add() -> None:
            try:
                added.append(
                    case_services.add_service(
                        self._database,
                        self._actor,
                        detail.id,
                        code or "",
                        on,
                        request_key=key,
                    )
                )
            except AlreadySavedError as error:
                added.append(error.record_id)
                raise

        def select_it() -> None:
            self._keys["service"] = new_request_key()
            if self._detail is not None:
                rows = [row for row, s in enumerate(self._detail.services) if s.id == added[0]]
                if rows:
                    self.ui.servicesTable.selectRow(rows[0])
                self.ui.serviceCombo.setCurrentIndex(0)
                self.ui.checklistList.setFocus()

        return self._attempt(
            add, {"service": self.ui.serviceCombo, "delivered_on": self.ui.serviceDate}, select_it
        )

    def remove_service(self) -> bool:
        service = self.selected_service()
        if service is None or self._detail is None or self._detail.closed:
            return False
        if msgbox.exec_dialog(removal_question(service, self)) != QMessageBox.StandardButton.Yes:
            return False
        return self._attempt(
            lambda: case_services.remove_service(
                self._database, self._actor, service.id, expected_version=service.version
            ),
            {},
        )

    def _document_changed(self, item: QListWidgetItem) -> None:
        """A document was ticked off or unticked: save it once the list is done with the item."""
        if self._filling or self._detail is None:
            return
        checked = item.checkState() == Qt.CheckState.Checked
        row = self.ui.checklistList.row(item)
        QTimer.singleShot(
            0,
            self,
            partial(
                self._save_document, item.data(ID_ROLE), item.data(DOCUMENT_ROLE), checked, row
            ),
        )

    def _save_document(self, delivery_id: int, document_id: int, checked: bool, row: int) -> None:
        self._attempt(
            lambda: case_services.set_document_checked(
                self._database, self._actor, delivery_id, document_id, checked
            ),
            {},
            lambda: self.ui.checklistList.setCurrentRow(row),
        )

    def _open_client(self, link: str) -> None:
        kind, _sep, record_id = link.partition(":")
        if kind in ("expat", "employer") and record_id.isdigit():
            self.openRecordRequested.emit(kind, int(record_id))

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        elif event.type() == QEvent.Type.PaletteChange and self._detail is not None:
            self.ui.clientLabel.setText(clients_html(self._detail))  # links in its colours
        super().changeEvent(event)

    def _retranslate(self) -> None:
        ui = self.ui
        ui.serviceCombo.setItemText(0, _("Choose a service"))
        for index, service in enumerate(self._catalogue, start=1):
            ui.serviceCombo.setItemText(index, str(service))
        ui.servicesTable.setHorizontalHeaderLabels([_(text) for text in SERVICE_HEADERS])
        ui.tasksTable.setHorizontalHeaderLabels([_(text) for text in TASK_HEADERS])
        ui.reloadButton.setToolTip(_("Show the case as it is stored now"))
        ui.addNoteButton.setToolTip(_("Add the note (Ctrl+Return)"))
        self._render()
