"""Choosing from a long list by typing part of a name: countries and languages.

:class:`SearchCombo` is an editable combo box of ``(code, name)`` items whose completer lists
the items that contain every typed word, ignoring case and accents ("cura" finds "Curaçao",
"ivoire" finds "Côte d’Ivoire"), names that start with the text first. Enter or a click takes a
suggestion; typing a whole name or the code is enough too. :class:`CountryCombo` holds the
countries a nationality can be and :class:`LanguageCombo` the ISO 639-1 languages, both named in
the UI language and renamed when it changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from expatdesk.expats import vocabulary as expat_vocabulary
from expatdesk.qt.bindings import event_filter
from expatdesk.qt.widgets.search_keys import enter_pressed
from expatdesk.text import fold, search_terms

#: Where an item keeps its folded name and code, which the filter matches.
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1


@cache
def _folded(name: str) -> str:
    return fold(name)


class FoldedFilter(QSortFilterProxyModel):
    """The items whose folded name or code contains every folded word typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self.setDynamicSortFilter(True)

    def set_query(self, text: str) -> None:
        self._terms = search_terms(text)
        self.invalidate()
        # Names that start with the text first; without text the list's own order (no sorting).
        self.sort(0 if self._terms else -1)

    def _key(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> str:
        model = self.sourceModel()
        return str(model.index(row, 0, parent).data(FOLDED_ROLE) or "")

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        key = self._key(source_row, source_parent)
        return all(term in key for term in self._terms)

    def lessThan(
        self,
        source_left: QModelIndex | QPersistentModelIndex,
        source_right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        first = self._terms[0] if self._terms else ""

        def rank(index: QModelIndex | QPersistentModelIndex) -> tuple[bool, int]:
            key = str(index.data(FOLDED_ROLE) or "")
            return (not key.startswith(first), index.row())

        return rank(source_left) < rank(source_right)


class SearchCombo(QComboBox):
    """An editable combo of ``(code, name)`` items, searched by any part of the name.

    :meth:`entered` says what the user chose: the code of the item the text names, the text
    itself when it names none (a form then says to choose from the list), ``None`` when empty.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self._rows: dict[str, int] = {}
        self.filter = FoldedFilter(self)
        self.filter.setSourceModel(self.model())
        completer = QCompleter(self.filter, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.suggester = completer
        popup = completer.popup()
        assert popup is not None
        self.popup = popup
        # Installed after the completer's own filter, so it sees the keys first.
        popup.installEventFilter(self)
        line_edit = self.lineEdit()
        assert line_edit is not None
        line_edit.textEdited.connect(self._search)
        line_edit.editingFinished.connect(self._settle)

    # --- items --------------------------------------------------------------------------------

    def set_items(self, items: Sequence[tuple[str, str]]) -> None:
        """Show ``items`` (code, name) in this order; what was chosen stays chosen."""
        chosen = self.entered()
        model = self.model()
        assert isinstance(model, QStandardItemModel)
        # Filled in one go with the filter detached: row by row costs a re-sort per row.
        self.filter.setSourceModel(None)  # type: ignore[arg-type]  # detaching is allowed
        self.blockSignals(True)
        try:
            self.clear()
            self._rows = {}
            rows = []
            for row, (code, name) in enumerate(items):
                folded = _folded(name)
                item = QStandardItem(name)
                item.setData(code, Qt.ItemDataRole.UserRole)
                item.setData(f"{folded} {code.lower()}", FOLDED_ROLE)
                rows.append(item)
                self._rows.setdefault(folded, row)
                self._rows.setdefault(code.lower(), row)
            model.invisibleRootItem().appendRows(rows)
        finally:
            self.blockSignals(False)
            self.filter.setSourceModel(model)
        self.set_code(chosen)

    def row_of(self, text: str) -> int:
        """The row of the item whose name (folded) or code is ``text``; -1 when none."""
        return self._rows.get(fold(text), -1)

    # --- value --------------------------------------------------------------------------------

    def entered(self) -> str | None:
        """The chosen item's code, the typed text when it names no item, ``None`` when empty."""
        text = self.currentText().strip()
        if not text:
            return None
        row = self.row_of(text)
        return str(self.itemData(row)) if row >= 0 else text

    def is_known(self) -> bool:
        """Whether the text is empty or names an item."""
        text = self.currentText().strip()
        return not text or self.row_of(text) >= 0

    def set_code(self, code: str | None) -> None:
        """Choose the item ``code``; a code that is not in the list is shown as it is."""
        row = self.findData(code) if code else -1
        if row < 0 and code:
            row = self.row_of(code)
        self.setCurrentIndex(row)
        if row < 0:
            self.setEditText(code or "")

    # --- typing -------------------------------------------------------------------------------

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the suggestions takes the best (first) one before any was highlighted."""
        popup = self.popup
        if (
            enter_pressed(event)
            and watched is popup
            and not popup.currentIndex().isValid()
            and self.filter.rowCount() > 0
        ):
            source = self.filter.mapToSource(self.filter.index(0, 0))
            popup.hide()
            self.setCurrentIndex(source.row())
            return True
        return super().eventFilter(watched, event)

    def _search(self, text: str) -> None:
        self.filter.set_query(text)
        if not text.strip() or self.filter.rowCount() == 0:
            self.popup.hide()
            return
        self.suggester.complete()

    def _settle(self) -> None:
        """Leaving the field: a whole name or code typed counts as chosen."""
        text = self.currentText().strip()
        if not text:
            self.setCurrentIndex(-1)
            return
        row = self.row_of(text)
        if row >= 0 and row != self.currentIndex():
            self.setCurrentIndex(row)
        elif row >= 0:
            self.setEditText(self.itemText(row))


class CountryCombo(SearchCombo):
    """The countries a nationality can be, named in the UI language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_items(expat_vocabulary.nationalities())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_items(expat_vocabulary.nationalities())
        super().changeEvent(event)


class LanguageCombo(SearchCombo):
    """The ISO 639-1 languages, Dutch and English first, named in the UI language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_items(expat_vocabulary.languages())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_items(expat_vocabulary.languages())
        super().changeEvent(event)
