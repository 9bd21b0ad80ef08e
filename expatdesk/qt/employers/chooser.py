"""Choosing an employer among tens of thousands by typing part of its name, KvK number or ref.

:class:`EmployerChooser` is THE employer picker (the expat editor, the employer list filter, the
open-case and walk-in forms): a line edit whose suggestions are asked from the database as the
user types (:func:`expatdesk.employers.search.find_employers`, a handful at a time), never a
combo box holding every employer. A suggestion taken with Enter or a click is the choice; text
typed over it, without taking a new suggestion, is no choice (:meth:`is_resolved` says so), and an
empty field means no employer.

Enter never reaches the form's default button while the suggestions are open (it takes the
highlighted suggestion, or the first), nor while the field holds typed text that is no choice
(it searches again instead); once an employer is chosen, or the field is empty, Enter saves.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from expatdesk.db.database import Database
from expatdesk.employers import search as employer_search
from expatdesk.employers.search import EmployerChoice, choice_text
from expatdesk.i18n import _
from expatdesk.qt.bindings import event_filter
from expatdesk.qt.widgets.search_keys import enter_pressed

#: Where a suggestion keeps the employer's id and its name.
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2


class _EnterInPopup(QObject):
    """Passes Enter pressed in a suggestions popup to ``handle`` (a child of the popup)."""

    def __init__(self, popup: QObject, handle: Callable[[], bool]) -> None:
        super().__init__(popup)
        self._handle = handle

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return enter_pressed(event) and self._handle()


class EmployerChooser(QLineEdit):
    """A line edit that suggests employers as one types.

    Signals:
        employerChanged(object): the chosen employer's id, or ``None``.
        suggestionsShown(int): the number of suggestions found for the latest text.
    """

    employerChanged = Signal(object)
    suggestionsShown = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database: Database | None = None
        self._chosen: EmployerChoice | None = None
        self.suggestions = QStandardItemModel(self)
        completer = QCompleter(self.suggestions, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(NAME_ROLE)
        completer.setMaxVisibleItems(12)
        completer.activated[QModelIndex].connect(self._take)  # type: ignore[index]
        self.setCompleter(completer)
        self.suggester = completer
        popup = completer.popup()
        assert popup is not None
        self.popup = popup
        # Enter in the suggestions is watched by a small object of the popup's own, not by the
        # chooser: a filter of the chooser would be asked about the popup's events while the
        # chooser is being torn down (a crash in PySide).
        popup.installEventFilter(_EnterInPopup(popup, self._enter_in_popup))
        # Several keys typed in one go cost one query.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(self._edited)
        self._retranslate()

    def set_database(self, database: Database) -> None:
        self._database = database

    # --- value --------------------------------------------------------------------------------

    def employer_id(self) -> int | None:
        """The chosen employer; ``None`` when none is chosen (see :meth:`is_resolved`)."""
        if self._chosen is None or self.text().strip() != self._chosen.name:
            return None
        return self._chosen.id

    def is_resolved(self) -> bool:
        """Whether the field is empty or shows a chosen employer (not just typed text)."""
        return not self.text().strip() or self.employer_id() is not None

    def set_employer(self, choice: EmployerChoice | None) -> None:
        self._chosen = choice
        self.setText("" if choice is None else choice.name)
        self.setToolTip("" if choice is None else choice_text(choice))

    def choose(self, employer_id: int | None) -> None:
        """Show the employer ``employer_id`` chosen (``None``, or one that is gone: no employer);
        says nothing (:attr:`employerChanged` is for what the user does)."""
        choice = None
        if employer_id is not None and self._database is not None:
            choice = employer_search.employer_choice(self._database, employer_id)
        self.set_employer(choice)

    # --- searching ----------------------------------------------------------------------------

    def _edited(self, text: str) -> None:
        if not text.strip() and self._chosen is not None:
            self._chosen = None
            self.setToolTip("")
            self.employerChanged.emit(None)
        self._timer.start()

    def search_now(self) -> None:
        """Ask the database for the employers that match the text, and suggest them."""
        self._timer.stop()
        text = self.text().strip()
        if self._database is None or not text:
            self.suggestions.clear()
            self.popup.hide()
            return
        found = employer_search.find_employers(self._database, text)
        self.suggestions.clear()
        for choice in found:
            item = QStandardItem(choice_text(choice))
            item.setData(choice.id, ID_ROLE)
            item.setData(choice.name, NAME_ROLE)
            item.setData(choice, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            self.suggestions.appendRow(item)
        self.suggestionsShown.emit(len(found))
        if found:
            self.completer().setCompletionPrefix("")
            self.completer().complete(self._suggestions_rect())
        else:
            self.popup.hide()

    def _suggestions_rect(self) -> QRect:
        """Where the suggestions show: under the field, and as wide as their longest text (a
        narrow filter field cut the employers' names), within the screen."""
        popup = self.popup
        margins = 2 * popup.frameWidth() + popup.verticalScrollBar().sizeHint().width()
        width = max(self.width(), popup.sizeHintForColumn(0) + margins)
        screen = self.screen().availableGeometry()
        room = screen.right() - self.mapToGlobal(QPoint(0, 0)).x()
        return QRect(0, 0, max(self.width(), min(width, room)), self.height())

    def _take(self, index: QModelIndex | QPersistentModelIndex) -> None:
        choice = index.data(Qt.ItemDataRole.UserRole)
        if isinstance(choice, EmployerChoice):
            self.set_employer(choice)
            self.employerChanged.emit(choice.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on typed text that is no choice searches again and goes no further: the form's
        default button is not pressed for an employer the user has not taken."""
        if (
            enter_pressed(event)
            and not self.popup.isVisible()  # (there, Enter takes a suggestion)
            and not self.is_resolved()
        ):
            event.accept()
            self.search_now()
            return
        super().keyPressEvent(event)

    def _enter_in_popup(self) -> bool:
        """Enter in the suggestions takes the first one before any was highlighted."""
        popup = self.popup
        if popup.currentIndex().isValid() or self.suggestions.rowCount() == 0:
            return False
        popup.hide()
        self._take(self.suggestions.index(0, 0))
        return True

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setPlaceholderText(_("Type part of the name, KvK number or reference"))
