"""Merging two records of one expat: find the other record, choose the values, confirm.

Opened on the record to keep (or from the duplicate warning with both records). The user finds
the other record by name, e-mail or ref, sees both side by side, picks per differing field whose
value the kept record takes (the kept record's by default), reads what will move, and confirms.
The merge itself is :func:`expatdesk.expats.merge.merge_expats`: one transaction, or nothing.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTreeWidgetItem,
    QWidget,
)

from expatdesk import i18n
from expatdesk.accounts.actor import Actor
from expatdesk.common.changes import EXPATS_MERGED
from expatdesk.common.concurrency import StaleRecordError
from expatdesk.common.db_errors import Refusal
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.errors import UserError
from expatdesk.expats import merge
from expatdesk.expats.merge import ExpatChoice, FieldComparison, LinkCounts, MergePreview
from expatdesk.i18n import _, ngettext
from expatdesk.qt import msgbox
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.forms.ui_merge_dialog import Ui_MergeDialog
from expatdesk.qt.operations import is_writing, run_write

log = logging.getLogger(__name__)

#: How long typing pauses before the search runs, in milliseconds.
SEARCH_DELAY_MS = 200


def moves_text(counts: LinkCounts) -> str:
    """ "2 cases, 3 service deliveries and 1 permit" in the active language; ``""`` for none."""
    parts = [
        ngettext("{count} case", "{count} cases", counts.cases),
        ngettext(
            "{count} service delivery", "{count} service deliveries", counts.service_deliveries
        ),
        ngettext("{count} survey response", "{count} survey responses", counts.survey_responses),
        ngettext("{count} family member", "{count} family members", counts.family_members),
        ngettext("{count} permit", "{count} permits", counts.permits),
        ngettext("{count} other linked record", "{count} other linked records", counts.other),
    ]
    numbers = [
        counts.cases,
        counts.service_deliveries,
        counts.survey_responses,
        counts.family_members,
        counts.permits,
        counts.other,
    ]
    return i18n.join(
        part.format(count=i18n.format_number(number))
        for part, number in zip(parts, numbers, strict=True)
        if number
    )


class _FieldRow:
    """The widgets of one field: its name, and the kept and the dropped record's value."""

    def __init__(self, parent: QWidget, comparison: FieldComparison) -> None:
        self.comparison = comparison
        self.name = QLabel(parent)
        self.name.setObjectName(f"field_{comparison.field}")
        self.group: QButtonGroup | None = None
        self.keep: QLabel | QRadioButton
        self.drop: QLabel | QRadioButton
        if comparison.differs:
            self.keep = QRadioButton(parent)
            self.drop = QRadioButton(parent)
            self.group = QButtonGroup(parent)
            self.group.addButton(self.keep)
            self.group.addButton(self.drop)
            self.keep.setChecked(True)
            self.name.setBuddy(self.keep)
        else:
            self.keep = QLabel(parent)
            self.drop = QLabel(parent)
            colours.paint(self.drop, colours.Role.MUTED)
        self.keep.setObjectName(f"keep_{comparison.field}")
        self.drop.setObjectName(f"drop_{comparison.field}")

    def widgets(self) -> tuple[QWidget, QWidget, QWidget]:
        return self.name, self.keep, self.drop

    def taken(self) -> bool:
        return isinstance(self.drop, QRadioButton) and self.drop.isChecked()

    def retranslate(self, keep_ref: str, drop_ref: str) -> None:
        comparison = self.comparison
        label = comparison.label
        self.name.setText(label)
        for widget, value, ref in (
            (self.keep, comparison.keep, keep_ref),
            (self.drop, comparison.drop, drop_ref),
        ):
            shown = merge.shown_text(value) or _("(empty)")
            widget.setText(shown.replace("&", "&&") if isinstance(widget, QRadioButton) else shown)
            widget.setAccessibleName(
                _("{field}: {value}, from {ref}").format(field=label, value=shown, ref=ref)
            )


class MergeDialog(QDialog):
    """Merge another expat record into the record ``keep_id``.

    ``other_id`` preselects the record to merge (from the duplicate warning).

    Signals:
        merged(int): the kept expat's id, after the merge was stored.
    """

    merged = Signal(int)

    def __init__(
        self,
        database: Database,
        actor: Actor,
        keep_id: int,
        parent: QWidget | None = None,
        other_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_MergeDialog()
        self.ui.setupUi(self)
        colours.follow(self)
        scaling.keep_room(self)
        self._database = database
        self._actor = actor
        self._keep_id = keep_id
        self._keep: ExpatChoice | None = merge.expat_choice(database, keep_id)
        self._other_id: int | None = None
        self._preview: MergePreview | None = None
        self._rows: list[_FieldRow] = []
        self._headers: list[QLabel] = []
        self._found: list[ExpatChoice] = []

        self.mergeButton = QPushButton(self)
        self.mergeButton.setObjectName("mergeButton")
        # Enter in the search or the list must not merge: no button is pressed by Enter. Not
        # an accept button either: a button box makes its first one the default when shown.
        self.ui.buttonBox.addButton(self.mergeButton, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None
        self.cancelButton = cancel
        for button in (self.mergeButton, self.cancelButton, self.ui.swapButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.mergeButton.clicked.connect(self._merge)
        self.cancelButton.clicked.connect(self.reject)
        self.ui.swapButton.clicked.connect(self.swap)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search)
        self.ui.searchEdit.textChanged.connect(self._search_timer.start)
        self.ui.searchEdit.returnPressed.connect(self._focus_results)
        self.ui.otherList.currentItemChanged.connect(self._other_chosen)
        self.setTabOrder(self.ui.otherList, self.ui.fieldsScroll)
        self.ui.fieldsScroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.clear_error()
        if self._keep is None:
            self._show_error(_("This expat record no longer exists; someone else deleted it."))
            self.ui.searchEdit.setEnabled(False)
        elif other_id is not None:
            other = merge.expat_choice(database, other_id)
            if other is not None:
                self._show_found([other])
        self._retranslate()
        self._update_state()
        self.ui.searchEdit.setFocus()

    # --- state --------------------------------------------------------------------------------

    @property
    def keep_id(self) -> int:
        return self._keep_id

    @property
    def other_id(self) -> int | None:
        return self._other_id

    @property
    def preview(self) -> MergePreview | None:
        return self._preview

    def take_from_drop(self) -> frozenset[str]:
        """The fields whose value the kept record takes from the other one."""
        return frozenset(row.comparison.field for row in self._rows if row.taken())

    def choose(self, field: str, *, from_other: bool) -> None:
        """Pick whose value of ``field`` the kept record keeps (what a click on a radio does)."""
        for row in self._rows:
            if row.comparison.field == field and isinstance(row.drop, QRadioButton):
                button = row.drop if from_other else row.keep
                assert isinstance(button, QRadioButton)
                button.setChecked(True)
                return
        raise KeyError(f"{field} is not a field to choose")

    def radio(self, field: str, *, from_other: bool) -> QRadioButton:
        """The radio button of ``field`` for the kept (or the other) record's value."""
        for row in self._rows:
            widget = row.drop if from_other else row.keep
            if row.comparison.field == field and isinstance(widget, QRadioButton):
                return widget
        raise KeyError(f"{field} is not a field to choose")

    def error_text(self) -> str:
        return "" if self.ui.formError.isHidden() else self.ui.formError.text()

    def clear_error(self) -> None:
        self.ui.formError.clear()
        self.ui.formError.hide()

    def _show_error(self, message: str) -> None:
        self.ui.formError.setText(message)
        self.ui.formError.show()

    def _update_state(self) -> None:
        ready = self._preview is not None
        self.mergeButton.setEnabled(ready)
        self.ui.swapButton.setEnabled(ready)
        self.ui.fieldsBox.setEnabled(ready)

    # --- finding the other record -------------------------------------------------------------

    def search(self) -> None:
        """Look for the records matching the search text (runs shortly after typing stops)."""
        self._search_timer.stop()
        query = self.ui.searchEdit.text()
        try:
            found = merge.find_expats(self._database, query, exclude_id=self._keep_id)
        except UserError as error:
            self._show_error(str(error))
            return
        self._show_found(found)

    def _show_found(self, found: list[ExpatChoice]) -> None:
        self._found = found
        other = self._other_id
        tree = self.ui.otherList
        tree.blockSignals(True)
        tree.clear()
        items: list[QTreeWidgetItem] = []
        for choice in found:
            item = QTreeWidgetItem([choice.ref, choice.name, "", choice.email or ""])
            item.setData(0, Qt.ItemDataRole.UserRole, choice.id)
            items.append(item)
        tree.addTopLevelItems(items)
        self._retranslate_found()
        for column in range(tree.columnCount()):
            tree.resizeColumnToContents(column)
        tree.blockSignals(False)
        chosen = next(
            (item for item in items if item.data(0, Qt.ItemDataRole.UserRole) == other), None
        )
        if chosen is not None:
            tree.setCurrentItem(chosen)
        elif len(items) == 1 and other is None:
            tree.setCurrentItem(items[0])
        elif other is None:
            self._set_other(None)

    def _focus_results(self) -> None:
        self.search()
        tree = self.ui.otherList
        first = tree.topLevelItem(0)
        if first is not None:
            if tree.currentItem() is None:
                tree.setCurrentItem(first)
            tree.setFocus()

    def _other_chosen(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        if current is None:
            return
        value = current.data(0, Qt.ItemDataRole.UserRole)
        self._set_other(int(value) if value is not None else None)

    def _set_other(self, other_id: int | None, keep_choices: frozenset[str] = frozenset()) -> None:
        self._other_id = other_id
        self._preview = None
        self.clear_error()
        if other_id is not None:
            try:
                self._preview = merge.merge_preview(self._database, self._keep_id, other_id)
            except UserError as error:
                self._show_error(str(error))
        self._fill_fields(keep_choices)
        self._retranslate()
        self._update_state()

    def swap(self) -> None:
        """Keep the other record instead, and merge this one into it."""
        if self._other_id is None:
            return
        keep, other = self._other_id, self._keep_id
        self._keep_id = keep
        self._keep = merge.expat_choice(self._database, keep)
        self._other_id = other
        kept_other = merge.expat_choice(self._database, other)
        self._show_found([kept_other] if kept_other is not None else [])
        self._set_other(other)

    # --- the fields ---------------------------------------------------------------------------

    def _fill_fields(self, taken: frozenset[str]) -> None:
        layout = self.ui.fieldsLayout
        for row in self._rows:
            for widget in row.widgets():
                layout.removeWidget(widget)
                widget.deleteLater()
            if row.group is not None:
                row.group.deleteLater()
        self._rows = []
        for header in self._headers:
            layout.removeWidget(header)
            header.deleteLater()
        self._headers = []
        if self._preview is None:
            return
        self._headers = [QLabel(self.ui.fieldsWidget) for _column in range(3)]
        for column, header in enumerate(self._headers):
            header.setObjectName(f"fieldsHeader{column}")
            bold = header.font()
            bold.setBold(True)
            header.setFont(bold)
            layout.addWidget(header, 0, column)
            header.show()
        previous: QWidget = self.ui.otherList
        for number, comparison in enumerate(self._preview.fields, start=1):
            row = _FieldRow(self.ui.fieldsWidget, comparison)
            for column, widget in enumerate(row.widgets()):
                layout.addWidget(widget, number, column)
                widget.show()  # at once, not when the event loop comes round: Tab can reach it
            if comparison.field in taken and isinstance(row.drop, QRadioButton):
                row.drop.setChecked(True)
            if isinstance(row.keep, QRadioButton) and isinstance(row.drop, QRadioButton):
                self.setTabOrder(previous, row.keep)
                self.setTabOrder(row.keep, row.drop)
                previous = row.drop
            self._rows.append(row)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(2, 1)
        layout.setRowStretch(len(self._rows) + 1, 1)
        self.setTabOrder(previous, self.ui.swapButton)
        self.setTabOrder(self.ui.swapButton, self.mergeButton)
        self.setTabOrder(self.mergeButton, self.cancelButton)

    # --- merging ------------------------------------------------------------------------------

    def _confirm(self, preview: MergePreview) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Merge expat records"),
            _("Merge {drop} into {keep}? This cannot be undone.").format(
                drop=preview.drop.ref, keep=preview.keep.ref
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(self._moves_message(preview))
        confirm = box.addButton(_("&Merge"), QMessageBox.ButtonRole.AcceptRole)
        confirm.setObjectName("confirmMerge")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        msgbox.exec_dialog(box)
        return box.clickedButton() is confirm

    def is_merging(self) -> bool:
        """Whether the merge runs now (off the GUI thread; the dialog waits for it)."""
        return is_writing(self)

    def _merge(self) -> None:
        preview = self._preview
        if preview is None or self.is_merging():
            return
        self.clear_error()
        if not self._confirm(preview):
            return
        taken = self.take_from_drop()
        database, actor, keep, drop = self._database, self._actor, preview.keep, preview.drop
        run_write(
            self,
            lambda: merge.merge_expats(
                database, actor, keep.id, keep.version, drop.id, drop.version, taken
            ),
            EXPATS_MERGED,
            done=lambda _result: self._merged(preview),
            refused=lambda refusal: self._merge_refused(preview, taken, refusal),
        )

    def _merged(self, preview: MergePreview) -> None:
        log.info("expat %s merged into %s", preview.drop.ref, preview.keep.ref)
        self.merged.emit(preview.keep.id)
        self.accept()

    def _merge_refused(
        self, preview: MergePreview, taken: frozenset[str], refusal: Refusal
    ) -> None:
        if isinstance(refusal.error, ValidationError):
            self._show_error(refusal.message)
            return
        if isinstance(refusal.error, StaleRecordError):
            # Show the records as they are now; the choices made stay.
            self._set_other(preview.drop.id, taken)
        self._show_error(refusal.message)
        msgbox.error(self, _("Merge expat records"), refusal.message)

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _moves_message(self, preview: MergePreview) -> str:
        moving = moves_text(preview.moving)
        if not moving:
            return _("Nothing is linked to {drop}; only the values you chose are taken.").format(
                drop=preview.drop.ref
            )
        return _("Moves from {drop} to {keep}: {records}.").format(
            drop=preview.drop.ref, keep=preview.keep.ref, records=moving
        )

    def _retranslate_found(self) -> None:
        tree = self.ui.otherList
        for row, choice in enumerate(self._found):
            item = tree.topLevelItem(row)
            if item is not None:
                item.setText(2, i18n.format_date(choice.date_of_birth))

    def _retranslate(self) -> None:
        self.mergeButton.setText(_("&Merge…"))
        self.mergeButton.setAccessibleName(_("Merge"))
        self._retranslate_found()
        preview = self._preview
        if self._keep is None:
            self.ui.keepLabel.setText("")
        elif preview is None:
            self.ui.keepLabel.setText(
                _("The record kept: {record}. Find the other record of the same person.").format(
                    record=f"{self._keep.ref} {self._keep.name}"
                )
            )
        else:
            self.ui.keepLabel.setText(
                _("Keep {keep} and merge {drop} into it.").format(
                    keep=f"{preview.keep.ref} {preview.keep.name}",
                    drop=f"{preview.drop.ref} {preview.drop.name}",
                )
            )
        if preview is None:
            self.ui.movesLabel.setText("")
            return
        self.ui.movesLabel.setText(self._moves_message(preview))
        for header, text in zip(
            self._headers,
            [
                _("Field"),
                _("Kept record {ref}").format(ref=preview.keep.ref),
                _("Merged record {ref}").format(ref=preview.drop.ref),
            ],
            strict=False,
        ):
            header.setText(text)
        for row in self._rows:
            row.retranslate(preview.keep.ref, preview.drop.ref)
