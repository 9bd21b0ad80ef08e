"""A short list of one record's survey responses, to pick the one to correct."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from expatdesk.i18n import _
from expatdesk.qt.surveys.summary import summary
from expatdesk.surveys.responses import Response


class SurveyChooser(QDialog):
    """Lists ``responses`` (newest first); OK or a double click chooses the current one."""

    def __init__(self, responses: Sequence[Response], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._responses = list(responses)
        layout = QVBoxLayout(self)
        self.prompt = QLabel(self)
        layout.addWidget(self.prompt)
        self.list = QListWidget(self)
        self.list.setObjectName("responseList")
        layout.addWidget(self.list)
        for _response in self._responses:
            self.list.addItem("")
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.prompt.setBuddy(self.list)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(560, 320)
        self._retranslate()

    def chosen(self) -> Response | None:
        row = self.list.currentRow()
        return self._responses[row] if 0 <= row < len(self._responses) else None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(_("Correct survey response"))
        self.prompt.setText(_("&Which response do you want to correct?"))
        self.list.setAccessibleName(_("Survey responses"))
        for row, response in enumerate(self._responses):
            item = self.list.item(row)
            if item is not None:
                item.setText(summary(response))
