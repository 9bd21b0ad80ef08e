"""Small pieces the desk's case and service forms share.

:class:`ExpatSearch` turns a search box and a combo box into a picker of an expat: typing
searches (folded, like the lists) and the combo offers the matches, the first one chosen. (The
employer is picked with :class:`~expatdesk.qt.employers.chooser.EmployerChooser`, the one employer
picker.)
Enter in the search box searches at once and goes no further: it never presses the form's default
button, so a walk-in is not saved (nor a case opened) for whoever happened to match first.
Dates are typed in :class:`~expatdesk.qt.widgets.date_field.DateField`, as in every form.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from expatdesk.cases import clients
from expatdesk.db.database import Database
from expatdesk.i18n import _
from expatdesk.qt.widgets.search_keys import PausedSearch


def index_of(combo: QComboBox, value: object) -> int:
    for index in range(combo.count()):
        if combo.itemData(index) == value:
            return index
    return -1


def select_data(combo: QComboBox, value: object) -> bool:
    """Choose the item whose data is ``value``; ``False`` when there is none."""
    index = index_of(combo, value)
    if index >= 0:
        combo.setCurrentIndex(index)
    return index >= 0


class ExpatSearch(QObject):
    """An expat picker made of a search box and a combo box of the matches.

    The combo's first item is "no expat" (data ``None``); a search lists the first
    :data:`MAX_MATCHES` matches (:func:`expatdesk.cases.clients.find_expats`) and chooses the
    first. Searching waits for a pause in typing, or for Enter, which the search box keeps to
    itself (:class:`~expatdesk.qt.widgets.search_keys.PausedSearch`); the combo then offers the
    matches.

    Signals:
        chosen(object): the chosen id, or ``None``.
    """

    chosen = Signal(object)

    MAX_MATCHES = 50

    def __init__(
        self,
        database: Database,
        search: QLineEdit,
        combo: QComboBox,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self.search = search
        self.combo = combo
        self.typing = PausedSearch(search, self.search_now)
        self.combo.currentIndexChanged.connect(lambda _index: self.chosen.emit(self.chosen_id()))
        self.combo.addItem("", None)
        self.retranslate()

    def chosen_id(self) -> int | None:
        value = self.combo.currentData()
        return int(value) if value is not None else None

    def choose(self, record_id: int | None) -> None:
        """Offer and choose the record ``record_id`` (``None``: nobody)."""
        if record_id is None:
            self.combo.setCurrentIndex(0)
            return
        client = clients.load_expat(self._database, record_id)
        if client is None:
            self.combo.setCurrentIndex(0)
            return
        self._fill([(client.id, client.text)])
        self.combo.setCurrentIndex(1)

    def search_now(self) -> None:
        """List the matches of what the search box holds now."""
        query = self.typing.take()
        if not query:
            return
        found = clients.find_expats(self._database, query, self.MAX_MATCHES)
        self._fill([(client.id, client.text) for client in found])
        self.combo.setCurrentIndex(1 if self.combo.count() > 1 else 0)
        self.combo.setToolTip("" if self.combo.count() > 1 else self._nothing_found(query))

    def _fill(self, items: list[tuple[int, str]]) -> None:
        self.combo.blockSignals(True)
        try:
            while self.combo.count() > 1:
                self.combo.removeItem(1)
            for record_id, text in items:
                self.combo.addItem(text, record_id)
        finally:
            self.combo.blockSignals(False)

    def _nothing_found(self, query: str) -> str:
        return _("No expat matches “{query}”.").format(query=query)

    def retranslate(self) -> None:
        self.combo.setItemText(0, _("No expat"))
        self.search.setPlaceholderText(_("Type a name, e-mail or ref. to find an expat"))


def focus(widget: QWidget | None) -> None:
    """Move the keyboard focus to ``widget`` (when there is one)."""
    if widget is not None:
        widget.setFocus()
