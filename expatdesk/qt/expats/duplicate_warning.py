"""The warning before an expat is registered twice: the existing records that look the same.

:func:`ask_about_duplicates` shows the candidates that
:func:`expatdesk.expats.duplicates.find_expat_duplicates` found and says what the user chose:
open one of the existing records (the default: Enter opens the selected record), register the new
one anyway, or go back to the form (Esc). For a record that exists already (an edit), the dialog
can also offer to merge the selected record with it (``can_merge``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from expatdesk import i18n
from expatdesk.expats.duplicates import DuplicateCandidate
from expatdesk.i18n import _, ngettext
from expatdesk.qt import msgbox

Action = Literal["save", "open", "merge", "cancel"]

#: The columns of the candidates list.
COLUMNS = ("ref", "name", "date_of_birth", "bsn", "email", "reasons")


@dataclass(frozen=True)
class DuplicateChoice:
    """The user's choice: ``open`` or ``merge`` the record ``expat_id``, ``save``, or ``cancel``."""

    action: Action
    expat_id: int | None = None


class DuplicateWarning(QDialog):
    """Lists the possible duplicates; the buttons decide :meth:`choice`.

    Shown modally by :func:`ask_about_duplicates`; tests show it non-modally and click.

    Signals:
        chosen(object): the :class:`DuplicateChoice`, when a button closes the dialog.
    """

    chosen = Signal(object)

    def __init__(
        self,
        candidates: Sequence[DuplicateCandidate],
        parent: QWidget | None = None,
        *,
        can_merge: bool = False,
    ) -> None:
        super().__init__(parent)
        if not candidates:
            raise ValueError("no duplicate candidates to warn about")
        self.setObjectName("DuplicateWarning")
        self._candidates = list(candidates)
        self._choice = DuplicateChoice("cancel")

        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.listLabel = QLabel(self)
        self.listLabel.setObjectName("listLabel")
        self.candidates = QTreeWidget(self)
        self.candidates.setObjectName("candidates")
        self.candidates.setRootIsDecorated(False)
        self.candidates.setUniformRowHeights(True)
        self.candidates.setAllColumnsShowFocus(True)
        self.candidates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.candidates.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.candidates.setColumnCount(len(COLUMNS))
        self.listLabel.setBuddy(self.candidates)
        items: list[QTreeWidgetItem] = []
        for candidate in self._candidates:
            item = QTreeWidgetItem(
                [
                    candidate.ref,
                    candidate.name,
                    "",  # in the active language: _retranslate
                    candidate.bsn_masked or "",
                    candidate.email or "",
                    i18n.join(candidate.reasons),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, candidate.expat_id)
            items.append(item)
        self.candidates.addTopLevelItems(items)
        self.candidates.setCurrentItem(items[0])
        self.candidates.itemDoubleClicked.connect(self._open)

        self.buttons = QDialogButtonBox(self)
        self.buttons.setObjectName("buttons")
        self.openButton = QPushButton(self)
        self.openButton.setObjectName("openButton")
        self.registerButton = QPushButton(self)
        self.registerButton.setObjectName("registerButton")
        self.buttons.addButton(self.openButton, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.registerButton, QDialogButtonBox.ButtonRole.ActionRole)
        self.mergeButton = QPushButton(self)
        self.mergeButton.setObjectName("mergeButton")
        self.mergeButton.setVisible(can_merge)
        if can_merge:
            self.buttons.addButton(self.mergeButton, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancelButton = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancelButton.setObjectName("cancelButton")
        self.openButton.setDefault(True)
        self.openButton.clicked.connect(self._open)
        self.registerButton.clicked.connect(self._register)
        self.mergeButton.clicked.connect(self._merge)
        self.cancelButton.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.listLabel)
        layout.addWidget(self.candidates)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.candidates, self.openButton)
        self.setTabOrder(self.openButton, self.registerButton)
        self.setTabOrder(self.registerButton, self.mergeButton)
        self.setTabOrder(self.mergeButton, self.cancelButton)
        self.resize(760, 300)
        self._retranslate()
        for column in range(len(COLUMNS) - 1):
            self.candidates.resizeColumnToContents(column)
        self.candidates.setFocus()

    def choice(self) -> DuplicateChoice:
        """What the user chose; ``cancel`` until a button says otherwise."""
        return self._choice

    def selected_id(self) -> int | None:
        item = self.candidates.currentItem()
        if item is None:
            return None
        value = item.data(0, Qt.ItemDataRole.UserRole)
        return int(value) if value is not None else None

    def _open(self) -> None:
        expat_id = self.selected_id()
        if expat_id is None:
            return
        self._finish(DuplicateChoice("open", expat_id))

    def _merge(self) -> None:
        expat_id = self.selected_id()
        if expat_id is not None:
            self._finish(DuplicateChoice("merge", expat_id))

    def _register(self) -> None:
        self._finish(DuplicateChoice("save"))

    def reject(self) -> None:
        self._choice = DuplicateChoice("cancel")
        self.chosen.emit(self._choice)
        super().reject()

    def _finish(self, choice: DuplicateChoice) -> None:
        self._choice = choice
        self.chosen.emit(choice)
        self.accept()

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        count = len(self._candidates)
        self.setWindowTitle(_("Possible duplicate"))
        self.message.setText(
            ngettext(
                "An expat who may be the same person is registered already. Open the existing "
                "record instead of registering the person twice?",
                "{count} expats who may be the same person are registered already. Open one of "
                "the existing records instead of registering the person twice?",
                count,
            ).format(count=count)
        )
        self.listLabel.setText(_("&Existing records"))
        self.candidates.setHeaderLabels(
            [
                _("Ref."),
                _("Name"),
                _("Date of birth"),
                _("BSN"),
                _("E-mail"),
                _("Why"),
            ]
        )
        self.candidates.setAccessibleName(_("Existing records"))
        for row, candidate in enumerate(self._candidates):
            item = self.candidates.topLevelItem(row)
            if item is not None:
                item.setText(
                    COLUMNS.index("date_of_birth"), i18n.format_date(candidate.date_of_birth)
                )
        self.openButton.setText(_("&Open existing record"))
        self.openButton.setAccessibleName(_("Open existing record"))
        self.registerButton.setText(_("&Register anyway"))
        self.registerButton.setAccessibleName(_("Register anyway"))
        self.mergeButton.setText(_("&Merge…"))
        self.mergeButton.setAccessibleName(_("Merge"))


def ask_about_duplicates(
    parent: QWidget | None,
    candidates: Sequence[DuplicateCandidate],
    *,
    can_merge: bool = False,
) -> DuplicateChoice:
    """Ask what to do about ``candidates``, modally; Esc or closing the window is ``cancel``.

    ``can_merge`` (for a record that is stored already) adds "Merge…": the choice ``merge`` with
    the selected candidate, to open
    :class:`~expatdesk.qt.expats.merge_dialog.MergeDialog` on the record with ``other_id`` that one.
    """
    dialog = DuplicateWarning(candidates, parent, can_merge=can_merge)
    msgbox.exec_dialog(dialog)
    return dialog.choice()
