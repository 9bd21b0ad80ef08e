"""How a case's page fills its tables: the services with their document checklists, the tasks
(a due date edited in place, overdue ones in bold) and the notes.

The functions take the widget and what the case holds; :class:`~expatdesk.qt.cases.page.CasePage`
decides when to call them and what stays selected.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from expatdesk import clock, i18n
from expatdesk.cases import statuses as case_statuses
from expatdesk.cases.detail import CaseDetail, CaseService, DocumentCheck, TaskInfo
from expatdesk.common.labels import Label
from expatdesk.i18n import N_, _
from expatdesk.qt.appearance import colours
from expatdesk.qt.forms.ui_case_page import Ui_CasePage
from expatdesk.qt.widgets.date_field import DateField

Index = QModelIndex | QPersistentModelIndex

#: Where a table item keeps its record's id, and a task's due date.
ID_ROLE = Qt.ItemDataRole.UserRole
DUE_ROLE = Qt.ItemDataRole.UserRole + 1
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 2

DONE_COLUMN, TITLE_COLUMN, DUE_COLUMN = 0, 1, 2
SERVICE_HEADERS = (N_("Service"), N_("Date"), N_("Documents"))
TASK_HEADERS = (N_("Done"), N_("Task"), N_("Due date"))


def status_action(current: str, target: str) -> str:
    """The text of the button that moves a case from ``current`` to ``target``."""
    if target == "in_progress":
        if current == "new":
            return _("Start work")
        if current == "closed":
            return _("Reopen")
        return _("Resume work")
    if target == "waiting_client":
        return _("Wait for the client")
    if target == "waiting_authority":
        return _("Wait for an authority")
    if target == "closed":
        return _("Close the case")
    return case_statuses.status_label(target)


def status_button(current: str, target: str, parent: QWidget) -> QPushButton:
    """The button that moves a case from ``current`` to ``target``: named by what it says ("Wait
    for the client"), with what it does as its description."""
    button = QPushButton(status_action(current, target), parent)
    button.setObjectName(f"status_{target}")
    button.setAccessibleName(button.text())
    label = case_statuses.status_label(target)
    explanation = _("Set the status to “{status}”").format(status=label)
    button.setAccessibleDescription(explanation)
    button.setToolTip(explanation)
    return button


class DueDateDelegate(QStyledItemDelegate):
    """Edits a task's due date in the table, typed or picked (:class:`DateField`); an empty
    field means "no due date".

    Signals:
        refused(str): the text typed is no date; the task keeps its due date.
    """

    refused = Signal(str)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = DateField(parent)
        editor.setObjectName("dueDateEditor")
        editor.setAccessibleName(_("Due date"))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, DateField)
        value = index.data(DUE_ROLE)
        editor.set_value(value if isinstance(value, date) else None)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, DateField)
        problem = editor.problem(required=False)
        if problem:
            self.refused.emit(problem)
            return
        model.setData(index, editor.value(), DUE_ROLE)


def set_up_tables(services: QTableWidget, tasks: QTableWidget) -> DueDateDelegate:
    """Columns and rows of the services and tasks tables; the tasks' due-date editor."""
    for table in (services, tasks):
        table.setColumnCount(3)
        # Headers over their column's text, as in the other lists.
        table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = services.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header = tasks.horizontalHeader()
    header.setSectionResizeMode(DONE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(DUE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
    delegate = DueDateDelegate(tasks)
    tasks.setItemDelegateForColumn(DUE_COLUMN, delegate)
    return delegate


def clients_html(detail: CaseDetail) -> str:
    """The case's clients as links (``expat:12``, in the palette's readable link colour), or that
    the client is gone."""
    links = " / ".join(
        f'<a href="{client.kind}:{client.id}">{html.escape(client.name)}</a>'
        for client in detail.clients
    )
    if not links:
        return html.escape(_("The client no longer exists."))
    return f"<html><head><style>{colours.link_style()}</style></head><body>{links}</body></html>"


def dates_text(detail: CaseDetail) -> str:
    dates = _("Opened on {date}").format(date=i18n.format_date(detail.opened_on))
    if detail.closed_at is not None:
        dates += " · " + _("closed on {date}").format(
            date=i18n.format_datetime(detail.closed_at, seconds=False)
        )
    return dates


def tab_titles(detail: CaseDetail | None) -> tuple[str, str, str]:
    """The titles of the services, tasks and notes tabs, with their counts."""
    services = 0 if detail is None else len(detail.services)
    open_tasks = 0 if detail is None else sum(not task.done for task in detail.tasks)
    notes = 0 if detail is None else len(detail.notes)
    return (
        _("Services ({count})").format(count=services),
        _("Tasks ({count} open)").format(count=open_tasks),
        _("Notes ({count})").format(count=notes),
    )


def enable_inputs(
    ui: Ui_CasePage, detail: CaseDetail | None, *, service_selected: bool, task_selected: bool
) -> None:
    """What can be changed: nothing without a case, only notes on a closed one."""
    shown = detail is not None
    editable = shown and not (detail is not None and detail.closed)
    ui.tabs.setEnabled(shown)
    ui.ownerCombo.setEnabled(editable)
    inputs: list[QWidget] = [
        ui.serviceCombo,
        ui.serviceDate,
        ui.addServiceButton,
        ui.taskTitleEdit,
        ui.addTaskButton,
        ui.checklistList,
    ]
    for widget in inputs:
        widget.setEnabled(editable)
    ui.taskDueEdit.setEnabled(editable)
    ui.removeServiceButton.setEnabled(editable and service_selected)
    ui.deleteTaskButton.setEnabled(editable and task_selected)
    ui.tasksTable.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        if editable
        else QAbstractItemView.EditTrigger.NoEditTriggers
    )
    ui.noteEdit.setEnabled(shown)
    ui.addNoteButton.setEnabled(shown)


def fill_services(table: QTableWidget, services: Sequence[CaseService], keep: int | None) -> None:
    """One row per service with its date and how many documents are ticked off; the service
    ``keep`` (else the first) selected."""
    table.setRowCount(len(services))
    for row, service in enumerate(services):
        total = len(service.documents)
        documents = (
            _("{checked} of {total}").format(checked=service.checked_count, total=total)
            if total
            else _("none needed")
        )
        for column, text in enumerate(
            (str(service.service), i18n.format_date(service.delivered_on), documents)
        ):
            item = QTableWidgetItem(text)
            item.setData(ID_ROLE, service.id)
            table.setItem(row, column, item)
    if services:
        rows = [row for row, service in enumerate(services) if service.id == keep]
        table.selectRow(rows[0] if rows else 0)


def fill_checklist(listing: QListWidget, label: QLabel, service: CaseService | None) -> None:
    """The documents of ``service``, ticked off or not, and the label above them."""
    listing.clear()
    if service is None:
        label.setText(_("&Documents"))
        return
    if not service.documents:
        label.setText(_("&Documents: {service} needs none.").format(service=service.service))
        return
    label.setText(_("&Documents for {service}").format(service=service.service))
    for check in service.documents:
        item = QListWidgetItem(listing)
        item.setText(_document_text(check))
        item.setData(ID_ROLE, service.id)
        item.setData(DOCUMENT_ROLE, check.document.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if check.checked else Qt.CheckState.Unchecked)
    if listing.count():
        listing.setCurrentRow(0)


def fill_tasks(
    table: QTableWidget,
    tasks: Sequence[TaskInfo],
    *,
    closed: bool,
    keep: tuple[int, int] | None,
) -> None:
    """One row per task (done, title, due date; editable unless the case is ``closed``); the
    cell ``keep`` (task id, column) stays current."""
    today = clock.today()
    table.setRowCount(len(tasks))
    for row, task in enumerate(tasks):
        done = QTableWidgetItem()
        done.setData(ID_ROLE, task.id)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not closed:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        done.setFlags(flags)
        done.setCheckState(Qt.CheckState.Checked if task.done else Qt.CheckState.Unchecked)
        done.setData(Qt.ItemDataRole.AccessibleTextRole, _("Done") if task.done else _("Not done"))
        title = QTableWidgetItem(task.title)
        due = QTableWidgetItem(_due_text(task, today))
        due.setData(DUE_ROLE, task.due_date)
        for item in (title, due):
            item.setData(ID_ROLE, task.id)
            item.setFlags(
                flags & ~Qt.ItemFlag.ItemIsUserCheckable
                | (Qt.ItemFlag.NoItemFlags if closed else Qt.ItemFlag.ItemIsEditable)
            )
        if task.done:
            font = title.font()
            font.setStrikeOut(True)
            title.setFont(font)
        if task.overdue(today):
            font = QFont(due.font())
            font.setBold(True)
            due.setFont(font)
            colours.colour_item(table, due, colours.Role.ERROR)
            due.setToolTip(_("Overdue"))
        table.setItem(row, DONE_COLUMN, done)
        table.setItem(row, TITLE_COLUMN, title)
        table.setItem(row, DUE_COLUMN, due)
    if keep is not None:
        rows = [row for row, task in enumerate(tasks) if task.id == keep[0]]
        if rows:
            table.setCurrentCell(rows[0], max(keep[1], 0))


def notes_html(detail: CaseDetail | None) -> str:
    """The case's notes, newest as the service gives them, with author and time."""
    notes = () if detail is None else detail.notes
    if not notes:
        return "" if detail is None else f"<p><i>{html.escape(_('No notes yet.'))}</i></p>"
    parts = []
    for note in notes:
        author = html.escape(note.author or "ExpatDesk")
        when = html.escape(i18n.format_datetime(note.written_at, seconds=False))
        text = html.escape(note.text).replace("\n", "<br>")
        parts.append(f"<p><b>{author}</b> · {when}<br>{text}</p>")
    return "".join(parts)


def removal_question(service: CaseService, parent: QWidget) -> QMessageBox:
    """Whether to remove ``service`` from the case (and forget its ticked-off documents)."""
    question = QMessageBox(
        QMessageBox.Icon.Question,
        _("Remove service"),
        _("Remove {service} of {date} from this case?").format(
            service=service.service, date=i18n.format_date(service.delivered_on)
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    if service.checked_count:
        question.setInformativeText(
            i18n.ngettext(
                "The {count} document ticked off for it is forgotten too.",
                "The {count} documents ticked off for it are forgotten too.",
                service.checked_count,
            ).format(count=service.checked_count)
        )
    question.setDefaultButton(QMessageBox.StandardButton.No)
    return question


def _document_text(check: DocumentCheck) -> str:
    if check.checked_at is None:
        return str(check.document)
    when = i18n.format_datetime(check.checked_at, seconds=False)
    if check.checked_by:
        return _("{document} (ticked off by {name}, {when})").format(
            document=check.document, name=check.checked_by, when=when
        )
    return _("{document} (ticked off {when})").format(document=check.document, when=when)


def _due_text(task: TaskInfo, today: date) -> str:
    if task.due_date is None:
        return ""
    text = i18n.format_date(task.due_date)
    if task.overdue(today):
        return _("{date} (overdue)").format(date=text)
    return text


def set_up_inputs(ui: Ui_CasePage, catalogue: Sequence[Label]) -> None:
    """The page's inputs before a case is shown: the services to choose, dates from today."""
    ui.serviceCombo.addItem("", None)
    for service in catalogue:
        ui.serviceCombo.addItem("", service.code)
    ui.serviceCombo.setMaxVisibleItems(18)
    ui.serviceDate.set_value(clock.today())
    ui.messageBar.hide()
