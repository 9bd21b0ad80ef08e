"""A short list of one record's survey responses, to pick the one to correct; and who the survey
form offers as respondents: the record selected in the main window, any other expat or employer
found by typing (:class:`RespondentSearch`), or nobody (anonymous)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from expatdesk.cases import clients
from expatdesk.db.database import Database
from expatdesk.employers import read as employers
from expatdesk.employers import search as employer_search
from expatdesk.expats import read as expats
from expatdesk.i18n import _
from expatdesk.qt import msgbox
from expatdesk.qt.appearance.accessible import name_by_label
from expatdesk.qt.surveys.summary import summary
from expatdesk.qt.widgets.search_keys import PausedSearch
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


class RespondentSearch(QObject):
    """Any expat (by name, e-mail or ref.) or employer (by name, KvK number or ref.) as a survey's
    respondent: what is typed in ``search`` lists the matches in ``combo``, after the record
    selected in the main window (the default) and before "Anonymous" (data ``None``), and
    chooses the first match. Searching waits for a pause in typing, or for Enter, which the
    search box keeps to itself (:class:`~expatdesk.qt.widgets.search_keys.PausedSearch`).
    """

    MAX_MATCHES = 50

    def __init__(
        self,
        database: Database,
        search: QLineEdit,
        combo: QComboBox,
        kind: Callable[[], str],
        selected: Callable[[], tuple[int, str] | None],
    ) -> None:
        super().__init__(search)
        self._database = database
        self.search = search
        self.combo = combo
        self._kind = kind
        self._selected = selected
        self._matches: list[tuple[int, str]] = []
        self.typing = PausedSearch(search, self.search_now)
        self.retranslate()

    def fill(self, choose: int | None, *, anonymous: bool = False) -> None:
        """List the selected record, the matches and "Anonymous"; choose "Anonymous" when
        ``anonymous``, else the record ``choose`` when listed, else the first."""
        combo = self.combo
        combo.blockSignals(True)
        try:
            combo.clear()
            selected = self._selected()
            if selected is not None:
                combo.addItem(selected[1], selected[0])
            for record_id, text in self._matches:
                if selected is None or record_id != selected[0]:
                    combo.addItem(text, record_id)
            combo.addItem(_("Anonymous"), None)
            index = combo.findData(choose) if choose is not None else -1
            combo.setCurrentIndex(combo.count() - 1 if anonymous else max(index, 0))
        finally:
            combo.blockSignals(False)

    def search_now(self, *, keep_choice: bool = True) -> None:
        """List the matches of what the search box holds now (for the respondent type chosen)
        and choose the first; nothing typed lists the selected record and "Anonymous" again
        (keeping the choice when listed and ``keep_choice``)."""
        query = self.typing.take()
        if not query:
            self._matches = []
        elif self._kind() == "employer":
            found = employer_search.find_employers(self._database, query, self.MAX_MATCHES)
            self._matches = [(one.id, employer_search.choice_text(one)) for one in found]
        else:
            expats_found = clients.find_expats(self._database, query, self.MAX_MATCHES)
            self._matches = [(one.id, one.text) for one in expats_found]
        if self._matches:
            self.fill(self._matches[0][0])
        else:
            kept = self.combo.currentData() if keep_choice else None
            self.fill(kept, anonymous=keep_choice and kept is None and self.combo.count() > 0)
        self.combo.setToolTip(self._nothing_found(query) if query and not self._matches else "")

    def _nothing_found(self, query: str) -> str:
        if self._kind() == "employer":
            return _("No employer matches “{query}”.").format(query=query)
        return _("No expat matches “{query}”.").format(query=query)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            _("Type part of the name, KvK number or reference")
            if self._kind() == "employer"
            else _("Type a name, e-mail or ref. to find an expat")
        )
