"""Adapting the letters' texts: a manager edits the subject and text of a letter per language,
with the placeholders the letter knows listed (:mod:`expatdesk.documents.templates`). Saving is
checked against the version shown; an unknown placeholder is refused with its name.

Signals:
    saved(str, str): the template of this letter and language was stored.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from expatdesk.accounts.actor import Actor
from expatdesk.db.database import Database
from expatdesk.documents import templates
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.qt.documents.names import LANGUAGE_NAMES, LETTER_NAMES


class TemplateDialog(QDialog):
    """Edit the letter templates; *Save* stores the one shown and keeps the dialog open."""

    saved = Signal(str, str)

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateDialog")
        self.setWindowTitle(_("Letter templates"))
        self._database = database
        self._actor = actor
        self._version = 0
        self.letterCombo = QComboBox(self)
        for name, label in LETTER_NAMES.items():
            self.letterCombo.addItem(_(label), name)
        self.languageCombo = QComboBox(self)
        for code, label in LANGUAGE_NAMES.items():
            self.languageCombo.addItem(label, code)
        self.subjectEdit = QLineEdit(self)
        self.subjectEdit.setObjectName("templateSubject")
        self.bodyEdit = QPlainTextEdit(self)
        self.bodyEdit.setObjectName("templateBody")
        self.bodyEdit.setMinimumSize(520, 300)
        self.bodyEdit.setTabChangesFocus(True)  # a letter needs no tab characters; Tab goes on
        self.placeholdersLabel = QLabel(self)
        self.placeholdersLabel.setWordWrap(True)
        self.messageLabel = QLabel(self)
        self.messageLabel.setObjectName("templateMessage")
        self.messageLabel.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Letter:"), self.letterCombo)
        form.addRow(_("L&anguage:"), self.languageCombo)
        form.addRow(_("&Subject:"), self.subjectEdit)
        form.addRow(_("Te&xt:"), self.bodyEdit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.placeholdersLabel)
        layout.addWidget(self.messageLabel)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.clicked.connect(self.save)
        self.letterCombo.currentIndexChanged.connect(self.load)
        self.languageCombo.currentIndexChanged.connect(self.load)
        self.load()

    def chosen(self) -> tuple[str, str]:
        return str(self.letterCombo.currentData()), str(self.languageCombo.currentData())

    def load(self) -> None:
        """Show the stored text of the chosen letter and language."""
        name, language = self.chosen()
        self.messageLabel.clear()
        template = templates.read_template(self._database, name, language, checked=False)
        self._version = template.version
        self.subjectEdit.setText(template.subject)
        self.bodyEdit.setPlainText(template.body)
        known = sorted(templates.known_placeholders(name))
        self.placeholdersLabel.setText(
            _(
                "Placeholders: {names}. A paragraph of only a list placeholder ({lists}) becomes "
                "a list; paragraphs are separated by a blank line."
            ).format(
                names=", ".join(f"{{{item}}}" for item in known),
                lists=", ".join(
                    f"{{{item}}}" for item in sorted(templates.list_placeholders(name))
                ),
            )
        )

    def save(self) -> bool:
        name, language = self.chosen()
        try:
            stored = templates.update_template(
                self._database,
                self._actor,
                name,
                language,
                self.subjectEdit.text(),
                self.bodyEdit.toPlainText(),
                expected_version=self._version,
            )
        except UserError as error:
            self.messageLabel.setText(str(error))
            return False
        self._version = stored.version
        self.messageLabel.setText(_("Saved."))
        self.saved.emit(name, language)
        return True
