"""The home area: the desk's dashboard of what needs attention today.

Four sections (:mod:`expatdesk.home.dashboard`): my open cases by status, overdue and
due-this-week tasks (mine, or the whole desk's), permits ending within 90 days or ended in the last
30 (those within 30 days stand out by a warning sign, bold red text and the words "expires in 12
days"), and the records changed lately. Double-click or Enter on an entry asks to open its record.

The dashboard takes 50–150 ms on a large database, so it is read in the thread pool
(:mod:`expatdesk.qt.background`) and the old figures stay on screen until the new ones arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor
from expatdesk.cases.statuses import status_label
from expatdesk.common.changes import Changes, Kind
from expatdesk.db.database import Database
from expatdesk.home import dashboard as dashboard_service
from expatdesk.home.dashboard import (
    PERMIT_DAYS_AHEAD,
    PERMIT_DAYS_BEHIND,
    CaseEntry,
    Dashboard,
    PermitEntry,
    TaskEntry,
)
from expatdesk.i18n import _
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.appearance.accessible import name_by_label
from expatdesk.qt.background import Job
from expatdesk.qt.forms.ui_home_area import Ui_HomeArea
from expatdesk.qt.operations import change_bus
from expatdesk.timeline import URGENT_DAYS, days_left_text

#: Item data (column 0): the ``(kind, id)`` an entry opens.
LINK_ROLE = Qt.ItemDataRole.UserRole
#: Item data (column 0) of a group row: which group, to keep it collapsed over a refresh.
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1
#: Columns fit their contents up to this width (the widest names and subjects are cut short).
MAX_COLUMN_WIDTH = 190
#: The column of each list that takes the width that is left: the subject, the task, the permit
#: and the record; cut short, their whole text shows in the tooltip.
STRETCHED = {"casesTree": 1, "tasksTree": 1, "permitsTree": 2, "recentTree": 0}
#: Narrower limits for some columns, so that the stretched one keeps its room.
COLUMN_LIMITS = {("permitsTree", 1): 160, ("casesTree", 2): 170, ("tasksTree", 3): 170}


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class HomeArea(QWidget):
    """The desk's home screen for one staff member.

    Signals:
        openRecordRequested(str, int): open the record of this kind ("expat", "employer",
            "case") and id.
        loaded(): a freshly read dashboard is shown.
        failed(str): reading the dashboard failed with this message (shown in the area too).
    """

    openRecordRequested = Signal(str, int)
    loaded = Signal()
    failed = Signal(str)

    def __init__(
        self,
        database: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_HomeArea()
        self.ui.setupUi(self)
        self.setObjectName("homeArea")
        self._database = database
        self._actor = actor
        self._today = today
        self._job: Job | None = None
        self._again = False
        self._collapsed: set[str] = set()
        change_bus().changed.connect(self._changes_made)
        #: The dashboard on screen, or None before the first one arrived.
        self.dashboard: Dashboard | None = None

        heading = self.ui.headingLabel.font()
        heading.setPointSizeF(heading.pointSizeF() * 1.5)
        heading.setBold(True)
        self.ui.headingLabel.setFont(heading)
        self.ui.headingLabel.setWordWrap(True)
        self.ui.messageLabel.setObjectName("homeMessage")
        for label in self._section_labels():
            label.setFont(_bold(label.font()))
        # Every heading as high as the one with the "whole desk" box: the four line up.
        head = max(
            self.ui.wholeDeskCheck.sizeHint().height(), self.ui.casesLabel.sizeHint().height()
        )
        for label in self._section_labels():
            label.setMinimumHeight(head)
        self._empty: dict[QTreeWidget, QLabel] = {}
        for tree in self.trees():
            self._set_up_tree(tree)
        self._warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        size = self.ui.permitsNote.fontMetrics().height()
        self.ui.permitsNoteSign.setPixmap(self._warning_icon.pixmap(size, size))
        self.ui.permitsNoteSign.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.ui.refreshButton.clicked.connect(self.refresh)
        self.ui.wholeDeskCheck.toggled.connect(self.refresh)
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.activated.connect(self.refresh)
        self._retranslate()

    def trees(self) -> list[QTreeWidget]:
        ui = self.ui
        return [ui.casesTree, ui.tasksTree, ui.permitsTree, ui.recentTree]

    def _section_labels(self) -> list[QLabel]:
        ui = self.ui
        return [ui.casesLabel, ui.tasksLabel, ui.permitsLabel, ui.recentLabel]

    def _set_up_tree(self, tree: QTreeWidget) -> None:
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STRETCHED[tree.objectName()], QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        scaling.keep_titles(header)
        tree.setMinimumHeight(160)
        tree.itemActivated.connect(self._activated)
        tree.itemCollapsed.connect(self._group_collapsed)
        tree.itemExpanded.connect(self._group_expanded)
        # The empty state, in words, over the list.
        viewport = tree.viewport()
        empty = QLabel(viewport)
        empty.setObjectName(f"{tree.objectName()}Empty")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        empty.setBackgroundRole(QPalette.ColorRole.Base)
        colours.paint(empty, colours.Role.MUTED)  # secondary, but readable
        empty.hide()
        QVBoxLayout(viewport).addWidget(empty)
        self._empty[tree] = empty

    # --- loading ------------------------------------------------------------------------------

    @property
    def whole_desk(self) -> bool:
        return self.ui.wholeDeskCheck.isChecked()

    def is_busy(self) -> bool:
        return self._job is not None

    def refresh(self) -> None:
        """Read the dashboard again in a worker (once more after a running one, if needed)."""
        if self._job is not None:
            self._again = True
            return
        database, actor = self._database, self._actor
        today, whole_desk = self._today(), self.whole_desk
        # No parent: the worker keeps the job alive even if this area goes first.
        self._job = Job(
            lambda: dashboard_service.load_dashboard(database, actor, today, whole_desk)
        )
        self._job.finished.connect(self._loaded)
        self._job.failed.connect(self._failed)
        if self.dashboard is None:
            self.ui.messageLabel.setText(_("Loading…"))
        self._job.start()

    def _finish_job(self) -> bool:
        self._job = None
        if self._again:
            self._again = False
            self.refresh()
            return True
        return False

    def _loaded(self, dashboard: Dashboard) -> None:
        if self._finish_job():
            return
        self.dashboard = dashboard
        self.ui.messageLabel.clear()
        self._show()
        self.loaded.emit()

    def _failed(self, message: str) -> None:
        if self._finish_job():
            return
        self.ui.messageLabel.setText(
            _("The dashboard could not be read: {message}").format(message=message)
        )
        self.failed.emit(message)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._job is None:
            self.refresh()

    def _changes_made(self, changes: Changes, _initiator: object) -> None:
        """Records, cases or services changed: the dashboard may count them differently. Shown
        again later, it reads itself anyway."""
        if changes.touches(Kind.EXPATS, Kind.EMPLOYERS, Kind.CASES) and self.isVisible():
            self.refresh()

    # --- showing ------------------------------------------------------------------------------

    def _show(self) -> None:
        """Fill the sections from the dashboard on screen (again after a language switch)."""
        board = self.dashboard
        self._show_headings(board)
        if board is None:
            return
        self._fill_cases(board)
        self._fill_tasks(board)
        self._fill_permits(board)
        self._fill_recent(board)

    def _show_headings(self, board: Dashboard | None) -> None:
        ui = self.ui
        today = board.today if board is not None else self._today()
        ui.headingLabel.setText(
            _("Today at the desk: {date}").format(date=i18n.format_date(today, "full"))
        )

        def counted(text: str, count: int | None) -> str:
            if count is None:
                return text
            return _("{section} ({count})").format(section=text, count=i18n.format_number(count))

        ui.casesLabel.setText(
            counted(_("My &open cases"), None if board is None else board.case_total)
        )
        tasks = None if board is None else board.overdue_total + board.due_this_week_total
        ui.tasksLabel.setText(
            counted(_("&Tasks on the whole desk") if self.whole_desk else _("&Tasks"), tasks)
        )
        ui.permitsLabel.setText(
            counted(
                _("&Permits ending within {days} days").format(days=PERMIT_DAYS_AHEAD),
                None if board is None else board.permit_total,
            )
        )
        ui.recentLabel.setText(
            counted(_("Recently chan&ged"), None if board is None else len(board.recent))
        )
        for tree, label in zip(self.trees(), self._section_labels(), strict=True):
            name_by_label(tree, label.text())  # what a screen reader says is what one sees
        ui.permitsNoteSign.setVisible(board is not None)
        if board is None:
            ui.permitsNote.clear()
            ui.permitsNote.setToolTip("")
        else:
            figures = {
                "urgent": i18n.format_number(board.permit_urgent),
                "days": URGENT_DAYS,
                "expired": i18n.format_number(board.permit_expired),
                "behind": PERMIT_DAYS_BEHIND,
            }
            # Short, beside the warning sign it explains; the whole sentence for the tooltip
            # and a screen reader.
            ui.permitsNote.setText(
                _("{urgent} within {days} days, {expired} ended in the last {behind} days").format(
                    **figures
                )
            )
            whole = _(
                "{urgent} within {days} days, {expired} ended in the last {behind} days; "
                "those are marked with a warning sign."
            ).format(**figures)
            ui.permitsNote.setToolTip(whole)
            ui.permitsNote.setAccessibleName(whole)

    def _set_empty(self, tree: QTreeWidget, text: str | None) -> None:
        """Show ``text`` over an empty list; fit the columns of a filled one."""
        label = self._empty[tree]
        label.setText(text or "")
        label.setVisible(text is not None)
        tree.header().setVisible(text is None)
        name = tree.objectName()
        stretched = STRETCHED[name]
        for column in range(tree.columnCount()):
            if column != stretched:
                tree.resizeColumnToContents(column)
                limit = COLUMN_LIMITS.get((name, column), MAX_COLUMN_WIDTH)
                tree.setColumnWidth(column, min(tree.columnWidth(column), limit))
        scaling.keep_titles(tree.header())

    def _group(self, tree: QTreeWidget, key: str, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(tree, [text])
        item.setData(0, GROUP_ROLE, key)
        item.setFirstColumnSpanned(True)
        item.setFont(0, _bold(tree.font()))
        item.setExpanded(key not in self._collapsed)
        return item

    def _more(self, parent: QTreeWidget | QTreeWidgetItem, shown: int, total: int) -> None:
        """A last row saying that only the first entries are listed."""
        if shown >= total:
            return
        text = _("The first {shown} of {count} are listed.").format(
            shown=i18n.format_number(shown), count=i18n.format_number(total)
        )
        item = QTreeWidgetItem(parent, [text])
        item.setFirstColumnSpanned(True)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(item.font(0))
        font.setItalic(True)
        item.setFont(0, font)

    @staticmethod
    def _entry(
        parent: QTreeWidget | QTreeWidgetItem, texts: Sequence[str], link: tuple[str, int] | None
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, list(texts))
        item.setData(0, LINK_ROLE, link)
        return item

    def _fill_cases(self, board: Dashboard) -> None:
        tree = self.ui.casesTree
        tree.clear()
        by_status: dict[str, list[CaseEntry]] = {}
        for entry in board.cases:
            by_status.setdefault(entry.status, []).append(entry)
        for status, count in board.case_counts:
            if not count:
                continue
            group = self._group(
                tree,
                f"case:{status}",
                _("{section} ({count})").format(
                    section=status_label(status), count=i18n.format_number(count)
                ),
            )
            entries = by_status.get(status, [])
            for entry in entries:
                item = self._entry(
                    group,
                    [
                        entry.ref,
                        entry.subject,
                        entry.client_name,
                        i18n.format_date(entry.opened_on),
                    ],
                    entry.link,
                )
                if entry.owner_name:
                    item.setToolTip(0, _("Owner: {name}").format(name=entry.owner_name))
                item.setToolTip(1, entry.subject)
                item.setToolTip(2, entry.client_name)
            self._more(group, len(entries), count)
        self._set_empty(tree, None if board.case_total else _("You have no open cases."))

    def _fill_tasks(self, board: Dashboard) -> None:
        tree = self.ui.tasksTree
        tree.clear()
        sections: list[tuple[str, str, Sequence[TaskEntry], int]] = [
            ("overdue", _("Overdue"), board.overdue, board.overdue_total),
            ("week", _("Due this week"), board.due_this_week, board.due_this_week_total),
        ]
        bold = _bold(tree.font())
        for key, title, entries, total in sections:
            if not total:
                continue
            group = self._group(
                tree,
                f"tasks:{key}",
                _("{section} ({count})").format(section=title, count=i18n.format_number(total)),
            )
            for entry in entries:
                item = self._entry(
                    group,
                    [
                        i18n.format_date(entry.due_date),
                        entry.title,
                        entry.case_ref,
                        entry.client_name,
                    ],
                    entry.link,
                )
                if entry.owner_name:
                    item.setToolTip(2, _("Owner: {name}").format(name=entry.owner_name))
                item.setToolTip(1, entry.title)
                item.setToolTip(3, entry.client_name)
                if key == "overdue":
                    colours.colour_item(tree, item, colours.Role.ALERT)
                    item.setFont(0, bold)
            self._more(group, len(entries), total)
            if key == "overdue":
                colours.colour_item(tree, group, colours.Role.ALERT)
        empty = None
        if not board.overdue_total and not board.due_this_week_total:
            empty = (
                _("No task on the desk is overdue or due this week.")
                if board.whole_desk
                else _("No task on your cases is overdue or due this week.")
            )
        self._set_empty(tree, empty)

    def _fill_permits(self, board: Dashboard) -> None:
        tree = self.ui.permitsTree
        tree.clear()
        bold = _bold(tree.font())
        for entry in board.permits:
            texts = [
                i18n.format_date(entry.valid_until),
                entry.expat_name,
                " · ".join(part for part in (str(entry.permit_type), entry.number) if part),
                days_left_text(entry.valid_until, board.today),
            ]
            item = self._entry(tree, texts, entry.link)
            item.setToolTip(2, texts[2])
            if entry.urgent or entry.expired:
                self._stand_out(item, entry, bold)
        self._more(tree, len(board.permits), board.permit_total)
        self._set_empty(
            tree,
            None
            if board.permit_total
            else _("No permit ends within {days} days or ended in the last {behind} days.").format(
                days=PERMIT_DAYS_AHEAD, behind=PERMIT_DAYS_BEHIND
            ),
        )

    def _stand_out(self, item: QTreeWidgetItem, entry: PermitEntry, bold: QFont) -> None:
        """A permit within 30 days (or expired): a warning sign, bold red text, and words."""
        item.setIcon(0, self._warning_icon)
        why = (
            _("Expired") if entry.expired else _("Ends within {days} days").format(days=URGENT_DAYS)
        )
        for column in (0, 3):  # the date and the time left
            colours.colour_item(self.ui.permitsTree, item, colours.Role.ALERT, column)
            item.setFont(column, bold)
        for column in range(item.columnCount()):
            shown = item.toolTip(column)
            item.setToolTip(column, f"{shown}\n{why}" if shown else why)
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{why}: {item.text(0)}")

    def _fill_recent(self, board: Dashboard) -> None:
        tree = self.ui.recentTree
        tree.clear()
        for change in board.recent:
            name = change.name
            if change.kind == "case" and change.ref:  # a case is known by its reference
                name = f"{change.ref} · {change.name}"
            item = self._entry(
                tree,
                [
                    name,
                    change.description,
                    change.who,
                    i18n.format_datetime(change.at, seconds=False),
                ],
                change.link,
            )
            if not change.exists:
                item.setDisabled(True)
                item.setToolTip(0, _("Deleted: this record can no longer be opened."))
            elif change.ref:
                item.setToolTip(0, change.ref)
        self._set_empty(tree, None if board.recent else _("No changes recorded yet."))

    # --- opening records ----------------------------------------------------------------------

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        link = item.data(0, LINK_ROLE)
        if isinstance(link, tuple) and len(link) == 2:
            kind, record_id = link
            self.openRecordRequested.emit(str(kind), int(record_id))

    def _group_collapsed(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, GROUP_ROLE)
        if isinstance(key, str):
            self._collapsed.add(key)

    def _group_expanded(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, GROUP_ROLE)
        if isinstance(key, str):
            self._collapsed.discard(key)

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        ui = self.ui
        ui.recentTree.setAccessibleDescription(_("Recently changed records"))
        for tree in self.trees():  # the stretched column gives up room first: its whole title
            column = STRETCHED[tree.objectName()]
            tree.headerItem().setToolTip(column, tree.headerItem().text(column))
        self._show()
        if self.dashboard is None:
            for tree in self.trees():
                self._set_empty(tree, None)
