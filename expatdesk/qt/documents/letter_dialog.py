"""Writing a letter to a case's client: choose the letter and its language, then print it or save
it as a PDF, and it is kept on the case in the same step.

The language starts at the client's preference (Dutch or English; any other preference gets
English) and can be changed. The appointment letter asks for the date, time, place (the
centre's address when empty) and what to bring (the documents not yet ticked off when empty).
The letter is filed on the case only once it was printed or saved; cancelling either files
nothing.

Signals:
    filed(int): the letter was kept on the case as the document with this id.
"""

from __future__ import annotations

import logging
from datetime import time
from pathlib import Path

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from expatdesk import clock
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.cases.detail import CaseDetail
from expatdesk.db.database import Database
from expatdesk.documents import letters
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.privacy import access_log
from expatdesk.private_files import write_private
from expatdesk.qt import files, msgbox
from expatdesk.qt.documents.names import LANGUAGE_NAMES, LETTER_NAMES
from expatdesk.qt.documents.template_dialog import TemplateDialog
from expatdesk.qt.widgets import printing
from expatdesk.qt.widgets.date_field import DateField

log = logging.getLogger(__name__)


class LetterDialog(QDialog):
    """Make a letter for the case ``detail``'s client, print or save it, and file it."""

    filed = Signal(int)

    def __init__(
        self, database: Database, actor: Actor, detail: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("letterDialog")
        self.setWindowTitle(_("Write a letter"))
        self._database = database
        self._actor = actor
        self._detail = detail
        self.letterCombo = QComboBox(self)
        self.letterCombo.setObjectName("letterCombo")
        for name, label in LETTER_NAMES.items():
            self.letterCombo.addItem(_(label), name)
        self.languageCombo = QComboBox(self)
        self.languageCombo.setObjectName("languageCombo")
        try:
            preferred = LANGUAGE_NAMES[letters.client_language(database, detail.id)]
        except UserError:  # no client to write to: making the letter says so
            preferred = "—"
        self.languageCombo.addItem(
            _("The client's preference ({language})").format(language=preferred), None
        )
        for code, label in LANGUAGE_NAMES.items():
            self.languageCombo.addItem(label, code)
        self.dateEdit = DateField(self)  # typed the language's way, or picked on a calendar
        self.dateEdit.setObjectName("appointmentDate")
        self.dateEdit.set_value(clock.today())
        self.timeEdit = QTimeEdit(QTime(10, 0), self)
        self.timeEdit.setObjectName("appointmentTime")
        self.timeEdit.setDisplayFormat("HH:mm")
        self.placeEdit = QLineEdit(self)
        self.placeEdit.setObjectName("appointmentPlace")
        self.placeEdit.setPlaceholderText(_("The centre's address"))
        self.bringEdit = QPlainTextEdit(self)
        self.bringEdit.setObjectName("appointmentBring")
        self.bringEdit.setPlaceholderText(_("One per line; empty: the documents still needed"))
        self.bringEdit.setMaximumHeight(80)
        self.messageLabel = QLabel(self)
        self.messageLabel.setObjectName("letterMessage")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.hide()

        form = QFormLayout()
        form.addRow(_("&Letter:"), self.letterCombo)
        form.addRow(_("L&anguage:"), self.languageCombo)
        self._appointment_rows = [
            (_("&Date:"), self.dateEdit),
            (_("&Time:"), self.timeEdit),
            (_("&Place:"), self.placeEdit),
            (_("&Bring:"), self.bringEdit),
        ]
        for label, widget in self._appointment_rows:
            form.addRow(label, widget)
        self._form = form
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.printButton = QPushButton(_("&Print and file on the case"), self)
        self.printButton.setObjectName("printLetterButton")
        self.saveButton = QPushButton(_("&Save as PDF and file on the case"), self)
        self.saveButton.setObjectName("saveLetterButton")
        self.buttons.addButton(self.printButton, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.saveButton, QDialogButtonBox.ButtonRole.ActionRole)
        self.templatesButton = QPushButton(_("&Edit the texts…"), self)
        self.templatesButton.setObjectName("editTemplatesButton")
        self.buttons.addButton(self.templatesButton, QDialogButtonBox.ButtonRole.ResetRole)
        self.templatesButton.setVisible(actor.can(Permission.TARGET_SETTINGS))  # after adding
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.messageLabel)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.printButton.clicked.connect(self.print_letter)
        self.saveButton.clicked.connect(self.save_letter)
        self.templatesButton.clicked.connect(self.edit_templates)
        self.letterCombo.currentIndexChanged.connect(self._show_appointment)
        self._show_appointment()

    def edit_templates(self) -> None:
        """Adapt the letters' texts (managers)."""
        editor = TemplateDialog(self._database, self._actor, self)
        index = editor.letterCombo.findData(self.letterCombo.currentData())
        editor.letterCombo.setCurrentIndex(max(index, 0))
        msgbox.exec_dialog(editor)

    def _show_appointment(self) -> None:
        wanted = self.letterCombo.currentData() == "appointment"
        for _label, widget in self._appointment_rows:
            self._form.setRowVisible(widget, wanted)

    def message(self) -> str:
        return "" if self.messageLabel.isHidden() else self.messageLabel.text()

    def _appointment(self) -> letters.Appointment | None:
        if self.letterCombo.currentData() != "appointment":
            return None
        chosen = self.timeEdit.time()
        problem = self.dateEdit.problem(required=True)
        if problem:
            raise UserError(problem)
        day = self.dateEdit.value()
        assert day is not None
        bring = tuple(
            line.strip() for line in self.bringEdit.toPlainText().splitlines() if line.strip()
        )
        return letters.Appointment(
            day,
            time(chosen.hour(), chosen.minute()),
            self.placeEdit.text().strip() or None,
            bring or None,
        )

    def make(self) -> letters.Letter | None:
        """The letter as chosen (not filed yet); ``None`` with a message when refused."""
        self.messageLabel.hide()
        try:
            return letters.make_letter(
                self._database,
                self._actor,
                str(self.letterCombo.currentData()),
                self._detail.id,
                language=self.languageCombo.currentData(),
                appointment=self._appointment(),
                file_on_case=False,
            )
        except UserError as error:
            self.messageLabel.setText(str(error))
            self.messageLabel.show()
            return None

    def _file(self, letter: letters.Letter) -> letters.Letter | None:
        try:
            filed = letters.file_letter(self._database, self._actor, self._detail.id, letter)
        except UserError as error:
            self.messageLabel.setText(str(error))
            self.messageLabel.show()
            return None
        assert filed.document_id is not None
        self.filed.emit(filed.document_id)
        return filed

    def print_letter(self) -> None:
        letter = self.make()
        if letter is None or not printing.print_pdf(self, letter.pdf):
            return
        filed = self._file(letter)
        if filed is not None and filed.document_id is not None:
            access_log.log(
                self._database, self._actor, "print_document", "case_document", filed.document_id
            )
            self.accept()

    def save_letter(self) -> None:
        letter = self.make()
        if letter is None:
            return
        path = files.save_file_name(
            self, _("Save the letter"), Path.home() / letter.file_name, _("PDF files (*.pdf)")
        )
        if path is None:
            return
        try:
            write_private(
                path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf"), letter.pdf
            )
        except UserError as error:
            self.messageLabel.setText(str(error))
            self.messageLabel.show()
            return
        if self._file(letter) is not None:
            self.accept()
