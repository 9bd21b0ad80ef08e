"""A short list of one record's survey responses, to pick the one to correct; and who the survey
form offers as respondents."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from expatdesk.db.database import Database
from expatdesk.employers import read as employers
from expatdesk.expats import read as expats
from expatdesk.i18n import _
from expatdesk.qt import msgbox
from expatdesk.qt.surveys.summary import summary
from expatdesk.qt.widgets.accessible import name_by_label
from expatdesk.surveys import responses as surveys
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
        name_by_label(self.list, self.prompt.text(), _("Survey responses"))
        for row, response in enumerate(self._responses):
            item = self.list.item(row)
            if item is not None:
                item.setText(summary(response))


def choose_response(
    parent: QWidget | None, database: Database, kind: str, record_id: int
) -> Response | None:
    """Let the user pick one of the responses of the expat (``kind`` "expat") or employer
    ``record_id``; ``None`` when there is none (said so) or the user cancelled."""
    found = (
        surveys.responses_of_expat(database, record_id)
        if kind == "expat"
        else surveys.responses_of_employer(database, record_id)
    )
    if not found:
        msgbox.information(
            parent,
            _("Correct survey response"),
            _("No survey responses are registered for the selected record."),
        )
        return None
    chooser = SurveyChooser(found, parent)
    if msgbox.exec_dialog(chooser) != SurveyChooser.DialogCode.Accepted:
        return None
    return chooser.chosen()


def respondents(
    database: Database, expat_id: int | None, employer_id: int | None
) -> dict[str, tuple[int, str] | None]:
    """The expat and employer the survey form offers, as ``(id, name)``; ``None`` when not
    selected or gone."""
    selected: dict[str, tuple[int, str] | None] = {"expat": None, "employer": None}
    if expat_id is not None:
        expat = expats.load_expat(database, expat_id)
        if expat is not None:
            selected["expat"] = (expat.id, expat.name)
    if employer_id is not None:
        employer = employers.load_employer(database, employer_id)
        if employer is not None:
            selected["employer"] = (employer.id, employer.name)
    return selected
