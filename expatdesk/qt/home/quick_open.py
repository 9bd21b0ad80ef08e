"""The Go to dialog (Ctrl+K): type a name or reference, Enter opens the expat, employer or case.

The recently opened records are listed when it opens, and come first among the matches; they are
remembered per staff member in the settings. Down moves from the search box into the list, Up at
its top goes back; Enter opens the current match, Esc closes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from expatdesk.db.database import Database
from expatdesk.home import quick_open
from expatdesk.home.quick_open import Match
from expatdesk.i18n import _
from expatdesk.qt import msgbox
from expatdesk.qt.appearance.accessible import name_by_label
from expatdesk.qt.bindings import event_filter
from expatdesk.qt.settings import Settings

log = logging.getLogger(__name__)

#: How long typing must pause before the search runs.
DEBOUNCE_MS = 150


def recent_of(settings: Settings, username: str) -> list[str]:
    """The records ``username`` opened last (``kind:id``), newest first."""
    try:
        stored = json.loads(settings.recently_opened or "{}")
    except ValueError:
        return []
    keys = stored.get(username, []) if isinstance(stored, dict) else []
    return [key for key in keys if isinstance(key, str)]


def remember_opened(settings: Settings, username: str, match: Match) -> None:
    """Put ``match`` first in the recently opened records of ``username``."""
    try:
        stored = json.loads(settings.recently_opened or "{}")
    except ValueError:
        stored = {}
    if not isinstance(stored, dict):
        stored = {}
    stored[username] = quick_open.remember(recent_of(settings, username), match)
    settings.recently_opened = json.dumps(stored)


class QuickOpenDialog(QDialog):
    """Find an expat, employer or case by name or reference and open it.

    Signals:
        chosen(str, int): the kind (``expat``, ``employer``, ``case``) and id to open.
    """

    chosen = Signal(str, int)

    def __init__(
        self, database: Database, recent: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quickOpenDialog")
        self._database = database
        self._recent = recent
        self.search = QLineEdit(self)
        self.search.setObjectName("quickOpenSearch")
        self.search.setClearButtonEnabled(True)
        self.label = QLabel(self)
        self.label.setBuddy(self.search)
        self.results = QListWidget(self)
        self.results.setObjectName("quickOpenResults")
        self.status = QLabel(self)
        self.status.setObjectName("quickOpenStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self.resize(560, 420)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self.open_current)
        self.results.itemActivated.connect(lambda _item: self.open_current())
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)
        self._retranslate()
        self.refresh()

    def matches(self) -> list[Match]:
        return [
            self.results.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.results.count())
        ]

    def refresh(self) -> None:
        """Search now for what is typed (the recently opened ones when nothing is)."""
        self._timer.stop()
        found = quick_open.find(self._database, self.search.text(), self._recent)
        self.results.clear()
        for match in found:
            item = QListWidgetItem(match.text, self.results)
            item.setData(Qt.ItemDataRole.UserRole, match)
        if found:
            self.results.setCurrentRow(0)
        if not self.search.text().strip():
            self.status.setText(_("Recently opened") if found else _("Type a name or a reference."))
        else:
            self.status.setText("" if found else _("Nothing found."))

    def open_current(self) -> None:
        if self._timer.isActive():  # Enter before the pause: search what was typed first
            self.refresh()
        item = self.results.currentItem()
        if item is None:
            return
        match: Match = item.data(Qt.ItemDataRole.UserRole)
        self.chosen.emit(match.kind, match.id)
        self.accept()

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                if self.results.count():
                    self.results.setFocus()
                    if self.results.currentRow() < 0:
                        self.results.setCurrentRow(0)
                return True
            if watched is self.results and key == Qt.Key.Key_Up and self.results.currentRow() <= 0:
                self.search.setFocus()
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(_("Go to"))
        self.label.setText(_("&Name or reference of an expat, employer or case:"))
        name_by_label(self.search, self.label.text())
        self.results.setAccessibleName(_("Matches"))


def go_to(
    parent: QWidget,
    database: Database,
    settings: Settings,
    username: str,
    open_record: Callable[[str, int], None],
) -> QuickOpenDialog:
    """Ctrl+K: ask for a name or reference and ``open_record(kind, id)`` the one chosen."""

    def chosen(kind: str, record_id: int) -> None:
        remember_opened(settings, username, Match(kind, record_id, ""))
        open_record(kind, record_id)

    dialog = QuickOpenDialog(database, recent_of(settings, username), parent)
    dialog.chosen.connect(chosen)
    msgbox.exec_dialog(dialog)
    return dialog
