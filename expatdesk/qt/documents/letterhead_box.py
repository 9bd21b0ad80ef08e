"""The letterhead in the target settings dialog: the centre's address and logo on its letters
(:mod:`expatdesk.documents.letterhead`); the centre's name is the dialog's own field."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from expatdesk.accounts.actor import Actor
from expatdesk.db.database import Database
from expatdesk.documents.letterhead import read_letterhead, update_letterhead
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.qt import files
from expatdesk.qt.widgets.field_messages import error_label

LOGO_PREVIEW_HEIGHT = 48


class LetterheadBox(QGroupBox):
    """Edit the address and the logo; :meth:`save` stores them when they changed."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterheadBox")
        self._database = database
        self._actor = actor
        self._stored_address = ""
        self._stored_logo: bytes | None = None
        self.logo: bytes | None = None
        self.addressLabel = QLabel(self)
        self.addressEdit = QPlainTextEdit(self)
        self.addressEdit.setObjectName("centreAddress")
        self.addressEdit.setMaximumHeight(80)
        self.addressEdit.setTabChangesFocus(True)
        self.addressLabel.setBuddy(self.addressEdit)
        self.logoLabel = QLabel(self)
        self.logoPreview = QLabel(self)
        self.logoPreview.setObjectName("logoPreview")
        self.chooseLogoButton = QPushButton(self)
        self.chooseLogoButton.setObjectName("chooseLogoButton")
        self.noLogoButton = QPushButton(self)
        self.noLogoButton.setObjectName("noLogoButton")
        self.errorLabel = QLabel(self)
        self.errorLabel.setObjectName("letterheadError")
        error_label(self.errorLabel)
        self.errorLabel.setWordWrap(True)
        self.errorLabel.hide()
        layout = QGridLayout(self)
        layout.addWidget(self.addressLabel, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.addressEdit, 0, 1, 1, 3)
        layout.addWidget(self.logoLabel, 1, 0)
        layout.addWidget(self.logoPreview, 1, 1)
        layout.addWidget(self.chooseLogoButton, 1, 2)
        layout.addWidget(self.noLogoButton, 1, 3)
        layout.addWidget(self.errorLabel, 2, 1, 1, 3)
        layout.setColumnStretch(1, 1)
        self.chooseLogoButton.clicked.connect(self.choose_logo)
        self.noLogoButton.clicked.connect(lambda: self._set_logo(None))
        self._retranslate()
        self.load()

    def load(self) -> None:
        head = read_letterhead(self._database)
        self._stored_address = "\n".join(head.address_lines)
        self._stored_logo = head.logo
        self.addressEdit.setPlainText(self._stored_address)
        self._set_logo(head.logo)
        self.errorLabel.hide()

    def _set_logo(self, logo: bytes | None) -> None:
        self.logo = logo
        self.noLogoButton.setEnabled(logo is not None)
        pixmap = QPixmap()
        if logo is not None and pixmap.loadFromData(logo):
            self.logoPreview.setPixmap(
                pixmap.scaledToHeight(
                    LOGO_PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            self.logoPreview.setText(_("No logo"))

    def choose_logo(self) -> None:
        path = files.open_file_name(
            self, _("Choose a logo"), Path.home(), _("Images (*.png *.jpg *.jpeg)")
        )
        if path is None:
            return
        try:
            self._set_logo(path.read_bytes())
            self.errorLabel.hide()
        except OSError as error:
            self.errorLabel.setText(
                _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror)
            )
            self.errorLabel.show()

    def changed(self) -> bool:
        address = self.addressEdit.toPlainText().strip()
        return address != self._stored_address or self.logo != self._stored_logo

    def save(self) -> bool:
        """Store the address and logo if they changed; False (with a message) when refused."""
        if not self.changed():
            return True
        try:
            update_letterhead(
                self._database,
                self._actor,
                address=self.addressEdit.toPlainText(),
                logo=self.logo,
                keep_logo=self.logo == self._stored_logo,
            )
        except UserError as error:
            self.errorLabel.setText(str(error))
            self.errorLabel.show()
            return False
        self.load()
        return True

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setTitle(_("Letterhead of letters"))
        self.addressLabel.setText(_("Add&ress:"))
        self.logoLabel.setText(_("Logo:"))
        self.chooseLogoButton.setText(_("C&hoose a logo…"))
        self.noLogoButton.setText(_("No lo&go"))
        if self.logo is None:
            self.logoPreview.setText(_("No logo"))
