"""The documents of a case on its page: attach files by dialog or by dropping them, open, print or
remove them, and write a letter (:mod:`.letter_dialog`).

A file is attached with the title typed above the list (the file's name when empty), to the case
or to one of its services, or as the checklist document of a service that it proves, which is
ticked off in the same transaction. A refused file (too large, another type) is said in one
line under the list, and nothing is kept. Opening goes through a private temporary copy
(:mod:`.opener`).

Signals:
    changed(): documents or checklist ticks changed (the page reads the case again).
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from expatdesk import i18n
from expatdesk.accounts.actor import Actor
from expatdesk.cases.detail import CaseDetail
from expatdesk.common.concurrency import new_request_key
from expatdesk.db.database import Database
from expatdesk.documents import store
from expatdesk.documents.store import DocumentInfo
from expatdesk.errors import AlreadySavedError, UserError
from expatdesk.i18n import N_, _
from expatdesk.qt import files, msgbox
from expatdesk.qt.documents.opener import Opener
from expatdesk.qt.widgets import printing

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole
HEADERS = (N_("Title"), N_("Kind"), N_("For"), N_("Added"), N_("By"), N_("Size"))
KINDS = {"attachment": N_("Attachment"), "letter": N_("Letter")}
FILE_FILTER = "*.pdf *.jpg *.jpeg *.png *.docx"


def size_text(size: int) -> str:
    """A file's size as the list shows it: whole KB (rounded up) below 1 MB, else MB."""
    if size < 1024 * 1024:
        return _("{size} KB").format(size=i18n.format_number(max(1, -(-size // 1024))))
    return _("{size} MB").format(size=store.megabytes(size))


class DocumentsPanel(QWidget):
    """The documents tab of a case page; :meth:`set_case` shows a case's documents."""

    changed = Signal()

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentsPanel")
        self._database = database
        self._actor = actor
        self._detail: CaseDetail | None = None
        self._documents: list[DocumentInfo] = []
        self._request_key = new_request_key()
        self.opener = Opener(self)
        self.setAcceptDrops(True)

        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("documentsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_enabled)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_selected())

        self.titleLabel = QLabel(self)
        self.titleEdit = QLineEdit(self)
        self.titleEdit.setObjectName("documentTitleEdit")
        self.titleLabel.setBuddy(self.titleEdit)
        self.provesLabel = QLabel(self)
        self.provesCombo = QComboBox(self)
        self.provesCombo.setObjectName("provesCombo")
        self.provesLabel.setBuddy(self.provesCombo)
        self.addButton = QPushButton(self)
        self.addButton.setObjectName("addDocumentButton")
        self.openButton = QPushButton(self)
        self.openButton.setObjectName("openDocumentButton")
        self.printButton = QPushButton(self)
        self.printButton.setObjectName("printDocumentButton")
        self.removeButton = QPushButton(self)
        self.removeButton.setObjectName("removeDocumentButton")
        self.letterButton = QPushButton(self)
        self.letterButton.setObjectName("letterButton")
        self.messageLabel = QLabel(self)
        self.messageLabel.setObjectName("documentsMessage")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.hide()

        form = QHBoxLayout()
        for widget in (self.titleLabel, self.titleEdit, self.provesLabel, self.provesCombo):
            form.addWidget(widget)
        form.setStretch(1, 1)
        buttons = QHBoxLayout()
        for button in (self.addButton, self.openButton, self.printButton, self.removeButton):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.letterButton)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addWidget(self.messageLabel)
        layout.addLayout(buttons)

        self.addButton.clicked.connect(self.add_by_dialog)
        self.openButton.clicked.connect(self.open_selected)
        self.printButton.clicked.connect(self.print_selected)
        self.removeButton.clicked.connect(self.remove_selected)
        self.letterButton.clicked.connect(self.write_letter)
        self._retranslate()
        self._update_enabled()

    # --- what it shows --------------------------------------------------------------------

    def set_case(self, detail: CaseDetail | None) -> None:
        """Show the documents of the case ``detail`` (none for ``None``)."""
        if detail is None or self._detail is None or detail.id != self._detail.id:
            self.titleEdit.clear()
            self.hide_message()
            self._request_key = new_request_key()
        self._detail = detail
        self._fill_proves()
        self.reload()

    def reload(self) -> None:
        selected = self.selected()
        self._documents = (
            [] if self._detail is None else store.case_documents(self._database, self._detail.id)
        )
        self.table.setRowCount(len(self._documents))
        for row, document in enumerate(self._documents):
            cells = (
                document.title,
                _(KINDS.get(document.kind, document.kind)),
                self._for_text(document),
                i18n.format_datetime(document.added_at, "short", seconds=False),
                document.added_by or "",
                size_text(document.size),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, document.id)
                if column == 0:
                    item.setToolTip(document.file_name)
                self.table.setItem(row, column, item)
            if selected is not None and document.id == selected.id:
                self.table.selectRow(row)
        self._update_enabled()

    def _for_text(self, document: DocumentInfo) -> str:
        """The service and the checklist document a document is for (empty: the case)."""
        services = {} if self._detail is None else {s.id: s for s in self._detail.services}
        service = services.get(document.delivery_id) if document.delivery_id else None
        parts = [str(service.service)] if service is not None else []
        if document.checklist_label:
            parts.append(document.checklist_label)
        return ": ".join(parts)

    def _fill_proves(self) -> None:
        combo = self.provesCombo
        combo.clear()
        combo.addItem(_("The case"), None)
        if self._detail is None:
            return
        for service in self._detail.services:
            combo.addItem(str(service.service), (service.id, None))
            for check in service.documents:
                combo.addItem(
                    f"{service.service}: {check.document}", (service.id, check.document.id)
                )

    def tab_title(self) -> str:
        return _("Documents ({count})").format(count=len(self._documents))

    def documents(self) -> list[DocumentInfo]:
        return list(self._documents)

    def selected(self) -> DocumentInfo | None:
        row = self.table.currentRow()
        if not self.table.selectedItems() or not 0 <= row < len(self._documents):
            return None
        return self._documents[row]

    def message(self) -> str:
        return "" if self.messageLabel.isHidden() else self.messageLabel.text()

    def show_message(self, text: str) -> None:
        self.messageLabel.setText(text)
        self.messageLabel.show()

    def hide_message(self) -> None:
        self.messageLabel.clear()
        self.messageLabel.hide()

    def _update_enabled(self) -> None:
        has_case = self._detail is not None
        open_case = has_case and not (self._detail is not None and self._detail.closed)
        chosen = self.selected()
        for widget in (self.addButton, self.titleEdit, self.provesCombo):
            widget.setEnabled(open_case)
        self.setAcceptDrops(open_case)
        self.openButton.setEnabled(chosen is not None)
        self.printButton.setEnabled(
            chosen is not None and chosen.content_type in (store.PDF, store.JPEG, store.PNG)
        )
        self.removeButton.setEnabled(open_case and chosen is not None)
        self.letterButton.setEnabled(has_case)

    # --- adding -------------------------------------------------------------------------------

    def add_by_dialog(self) -> None:
        path = files.open_file_name(
            self,
            _("Attach a file"),
            Path.home(),
            _("Documents ({patterns})").format(patterns=FILE_FILTER),
        )
        if path is not None:
            self.add_files([path])

    def add_files(self, paths: list[Path]) -> list[int]:
        """Attach the files ``paths`` (one transaction each); returns the ids kept. A refusal
        is shown under the list and stops at that file."""
        if self._detail is None:
            return []
        proves = self.provesCombo.currentData()
        delivery_id, item_id = proves if proves else (None, None)
        title = self.titleEdit.text() if len(paths) == 1 else None
        added: list[int] = []
        self.hide_message()
        try:
            for path in paths:
                added.append(
                    store.add_file(
                        self._database,
                        self._actor,
                        self._detail.id,
                        path,
                        title=title,
                        delivery_id=delivery_id,
                        checklist_item_id=item_id,
                        request_key=self._request_key,
                    )
                )
                self._request_key = new_request_key()
        except AlreadySavedError as error:
            self._request_key = new_request_key()
            self.show_message(str(error))
        except UserError as error:
            self.show_message(str(error))
        if added:
            self.titleEdit.clear()
            self.provesCombo.setCurrentIndex(0)
            self.changed.emit()
            self.reload()
        return added

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_files(event) and self.acceptDrops():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.acceptDrops():
            event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_files(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    @staticmethod
    def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        data = event.mimeData()
        if data is None or not data.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]

    # --- the chosen document --------------------------------------------------------------

    def open_selected(self) -> None:
        document = self.selected()
        if document is None:
            return
        self.hide_message()
        try:
            self.opener.open(
                self._database,
                self._actor,
                document.id,
                document.file_name,
                document.content_type,
            )
        except UserError as error:
            self.show_message(str(error))
            self.reload()

    def print_selected(self) -> None:
        document = self.selected()
        if document is None:
            return
        self.hide_message()
        try:
            buffer = io.BytesIO()
            store.read_document(
                self._database, self._actor, document.id, buffer, action="print_document"
            )
        except UserError as error:
            self.show_message(str(error))
            self.reload()
            return
        if document.content_type == store.PDF:
            printing.print_pdf(self, buffer.getvalue())
        else:
            printing.print_image(self, buffer.getvalue())

    def remove_selected(self) -> None:
        document = self.selected()
        if document is None:
            return
        question = QMessageBox(
            QMessageBox.Icon.Question,
            _("Remove a document"),
            _("Remove “{title}” from the case? It cannot be brought back.").format(
                title=document.title
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        question.setTextFormat(Qt.TextFormat.PlainText)
        question.setDefaultButton(QMessageBox.StandardButton.No)
        if msgbox.exec_dialog(question) != int(QMessageBox.StandardButton.Yes):
            return
        self.hide_message()
        try:
            store.remove_document(self._database, self._actor, document.id)
        except UserError as error:
            self.show_message(str(error))
        self.changed.emit()
        self.reload()

    def write_letter(self) -> None:
        if self._detail is None:
            return
        from expatdesk.qt.documents.letter_dialog import LetterDialog  # reportlab: on demand

        dialog = LetterDialog(self._database, self._actor, self._detail, self)
        dialog.filed.connect(self._letter_filed)
        msgbox.exec_dialog(dialog)

    def _letter_filed(self, _document_id: int) -> None:
        self.changed.emit()
        self.reload()

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_(text) for text in HEADERS])
        self.table.setAccessibleName(_("Documents"))
        self.titleLabel.setText(_("&Title:"))
        self.provesLabel.setText(_("&Kept on:"))
        self.addButton.setText(_("&Attach a file…"))
        self.addButton.setToolTip(
            _("PDF, JPEG, PNG or Word (DOCX), at most {limit} MB; or drop files here").format(
                limit=store.MAX_FILE_BYTES // (1024 * 1024)
            )
        )
        self.openButton.setText(_("Op&en"))
        self.printButton.setText(_("&Print"))
        self.removeButton.setText(_("Re&move"))
        self.letterButton.setText(_("Wr&ite a letter…"))
        if self._detail is not None or self._documents:
            self._fill_proves()
            self.reload()
