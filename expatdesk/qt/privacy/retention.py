"""The retention period (Records → Retention period…): shown and stored, the expats past it
listed with the reason, and the ticked ones anonymised after confirming.

Only administrators may apply it; the service refuses everyone else, and the dialog says so.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QTreeWidgetItem,
    QWidget,
)

from expatdesk import i18n
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.common.changes import PERSONAL_DATA_ERASED, Changes
from expatdesk.common.db_errors import Refusal
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.i18n import _, ngettext
from expatdesk.privacy import retention
from expatdesk.privacy.retention import RetentionCandidate, RetentionResult
from expatdesk.qt import msgbox
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.forms.ui_retention_dialog import Ui_RetentionDialog
from expatdesk.qt.operations import is_writing, run_write
from expatdesk.qt.privacy.guards import allowed, counted, denied_message, waiting
from expatdesk.qt.widgets.record_editor import confirm

log = logging.getLogger(__name__)

#: The retention period shows in this dialog only: its save is announced to no view (the targets,
#: which follow the settings of the targets, have nothing to compute again).
YEARS_SAVED = Changes()


class RetentionDialog(QDialog):
    """The retention period, the expats past it (with why), and "Anonymise selected".

    Signals:
        anonymised(int): this many expats were anonymised.
    """

    anonymised = Signal(int)

    REF, NAME, CASES, WHY = range(4)

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_RetentionDialog()
        self.ui.setupUi(self)
        colours.follow(self)
        scaling.keep_room(self)
        self._database = database
        self._actor = actor
        self._candidates: list[RetentionCandidate] = []
        self._anonymising = False
        self._allowed = actor.can(Permission.RETENTION)
        self.ui.years.setRange(*retention.RETENTION_RANGE)
        header = self.ui.candidates.header()
        header.setSectionResizeMode(self.WHY, QHeaderView.ResizeMode.Stretch)
        self.ui.saveYearsButton.clicked.connect(self.save_years)
        self.ui.selectAllButton.clicked.connect(lambda: self._check_all(True))
        self.ui.selectNoneButton.clicked.connect(lambda: self._check_all(False))
        self.ui.anonymiseButton.clicked.connect(self.anonymise_selected)
        self.ui.candidates.itemChanged.connect(self._update_actions)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.years.lineEdit().returnPressed.connect(self.save_years)
        for widget in (self.ui.years, self.ui.saveYearsButton, self.ui.anonymiseButton):
            widget.setEnabled(self._allowed)
        self.clear_errors()
        self.ui.years.setValue(retention.read_retention_years(database))
        self._retranslate()
        self.reload()
        self.ui.years.setFocus()

    # --- the list ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the expats past the retention period again."""
        with waiting():
            self._candidates = retention.retention_candidates(self._database)
        tree = self.ui.candidates
        tree.blockSignals(True)
        tree.clear()
        for candidate in self._candidates:
            item = QTreeWidgetItem(
                [candidate.ref, candidate.name, i18n.format_number(candidate.cases), candidate.why]
            )
            item.setData(self.REF, Qt.ItemDataRole.UserRole, candidate.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(self.REF, Qt.CheckState.Unchecked)
            tree.addTopLevelItem(item)
        tree.blockSignals(False)
        for column in (self.REF, self.NAME, self.CASES):
            tree.resizeColumnToContents(column)
        first = tree.topLevelItem(0)
        if first is not None:
            tree.setCurrentItem(first)
        self._update_actions()

    def candidates(self) -> list[RetentionCandidate]:
        return list(self._candidates)

    def checked_ids(self) -> list[int]:
        tree = self.ui.candidates
        return [
            int(item.data(self.REF, Qt.ItemDataRole.UserRole))
            for item in (tree.topLevelItem(row) for row in range(tree.topLevelItemCount()))
            if item is not None and item.checkState(self.REF) == Qt.CheckState.Checked
        ]

    def _check_all(self, checked: bool) -> None:
        tree = self.ui.candidates
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        tree.blockSignals(True)
        for row in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(row)
            if item is not None:
                item.setCheckState(self.REF, state)
        tree.blockSignals(False)
        self._update_actions()

    def _update_actions(self) -> None:
        count = len(self._candidates)
        checked = len(self.checked_ids())
        if self.is_busy():
            self.ui.countLabel.setText(
                counted(
                    ngettext("Anonymising {count} expat…", "Anonymising {count} expats…", checked),
                    checked,
                )
            )
            for widget in (
                self.ui.anonymiseButton,
                self.ui.selectAllButton,
                self.ui.selectNoneButton,
                self.ui.saveYearsButton,
                self.ui.candidates,
            ):
                widget.setEnabled(False)
            return
        self.ui.candidates.setEnabled(True)
        self.ui.saveYearsButton.setEnabled(self._allowed)
        self.ui.countLabel.setText(
            counted(
                ngettext(
                    "{count} expat past the retention period",
                    "{count} expats past the retention period",
                    count,
                ),
                count,
            )
            + (
                "; " + counted(ngettext("{count} selected", "{count} selected", checked), checked)
                if count
                else ""
            )
        )
        self.ui.anonymiseButton.setEnabled(self._allowed and checked > 0)
        self.ui.selectAllButton.setEnabled(count > 0)
        self.ui.selectNoneButton.setEnabled(checked > 0)

    # --- actions ----------------------------------------------------------------------------

    def error_text(self, field: str) -> str:
        label = self.ui.yearsError if field == "retention_years" else self.ui.formError
        return label.text() if label.isVisibleTo(self) else ""

    def clear_errors(self) -> None:
        for label in (self.ui.yearsError, self.ui.formError):
            label.clear()
            label.hide()

    def save_years(self) -> bool:
        """Store the period shown, off the GUI thread; the list then follows it. ``True`` when
        the save started."""
        if is_writing(self):
            return False
        self.clear_errors()
        database, actor, years = self._database, self._actor, self.ui.years.value()
        return run_write(
            self,
            lambda: retention.update_retention_years(database, actor, years),
            YEARS_SAVED,
            done=self._years_saved,
            refused=self._years_refused,
        )

    def _years_saved(self, stored: int) -> None:
        self.ui.years.setValue(stored)
        self.reload()

    def _years_refused(self, refusal: Refusal) -> None:
        error = refusal.error
        if isinstance(error, ValidationError):
            self.ui.yearsError.setText(error.for_field("retention_years") or str(error))
            self.ui.yearsError.show()
            return
        self.ui.formError.setText(refusal.message)
        self.ui.formError.show()

    def anonymise_selected(self) -> bool:
        """Confirm, then anonymise the ticked expats off the GUI thread (hundreds take a while);
        ``True`` when started. :attr:`anonymised` tells how many, the list is read again."""
        self.clear_errors()
        ids = self.checked_ids()
        if not ids or is_writing(self):
            return False
        question = counted(
            ngettext(
                "Erase the personal data of {count} expat? This cannot be undone; their survey "
                "responses and services delivered keep counting anonymously.",
                "Erase the personal data of {count} expats? This cannot be undone; their survey "
                "responses and services delivered keep counting anonymously.",
                len(ids),
            ),
            len(ids),
        )
        if not confirm(self, self._title(), question, _("&Erase personal data")):
            return False
        database, actor = self._database, self._actor
        self._anonymising = run_write(
            self,
            lambda: retention.apply_retention(database, actor, ids),
            PERSONAL_DATA_ERASED,
            done=self._anonymised,
            refused=self._failed,
        )
        self._update_actions()
        return self._anonymising

    def is_busy(self) -> bool:
        """Whether ticked expats are being anonymised (off the GUI thread)."""
        return self._anonymising and is_writing(self)

    def _title(self) -> str:
        return _("Anonymise expats")

    def _anonymised(self, result: RetentionResult) -> None:
        self._anonymising = False
        done = len(result.anonymised)
        log.info("retention period applied: %d expats anonymised", done)
        text = counted(
            ngettext(
                "The personal data of {count} expat was erased.",
                "The personal data of {count} expats was erased.",
                done,
            ),
            done,
        )
        if result.skipped:
            text += " " + counted(
                ngettext(
                    "{count} expat was left alone: no longer past the retention period.",
                    "{count} expats were left alone: no longer past the retention period.",
                    len(result.skipped),
                ),
                len(result.skipped),
            )
        self.reload()
        msgbox.information(self, self._title(), text)
        self.anonymised.emit(done)

    def _failed(self, refusal: Refusal) -> None:
        self._anonymising = False
        self.ui.formError.setText(refusal.message)
        self.ui.formError.show()
        self._update_actions()
        msgbox.error(self, self._title(), refusal.message)

    def reject(self) -> None:
        """Close, but not while a write (the period, the anonymising) runs."""
        if not is_writing(self):
            super().reject()

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        tree = self.ui.candidates
        for row, candidate in enumerate(self._candidates):
            item = tree.topLevelItem(row)
            if item is not None:
                item.setText(self.CASES, i18n.format_number(candidate.cases))
                item.setText(self.WHY, candidate.why)
        if not self._allowed:
            self.ui.formError.setText(denied_message(self._actor, Permission.RETENTION))
            self.ui.formError.show()
        self._update_actions()


def open_retention_dialog(
    parent: QWidget | None, database: Database, actor: Actor
) -> RetentionDialog | None:
    """Records → Retention period…: the dialog, for administrators (``None`` for others)."""
    if not allowed(parent, _("Retention period"), actor, Permission.RETENTION):
        return None
    dialog = RetentionDialog(database, actor, parent)
    msgbox.exec_dialog(dialog)
    return dialog
