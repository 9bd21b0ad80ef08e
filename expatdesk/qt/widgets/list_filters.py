"""The filter bar of a list: one control per filter of its listing, and "Clear filters".

A filter with ``choices`` (:class:`expatdesk.common.listing.Filter`) is a combo box whose first
item, "All", sets no filter; the employer filter, over 20,000 employers, is an
:class:`~expatdesk.qt.employers.chooser.EmployerChooser` that suggests employers from the database
as one types, and an empty field sets no filter. Every control has the filter's name as its label
and accessible name and is reached with Tab; the labels and the choices follow the language.

A list that paints its first rows before anything else (the main window's, at start-up) reads its
filters' choices only once it has painted (``choices_now=False``, then
:meth:`FilterBar.read_choices`): until then each combo offers only "All", which it shows anyway."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)

from expatdesk.common.filter_choices import filter_choices
from expatdesk.common.listing import Filter, Listing
from expatdesk.db.database import Database
from expatdesk.employers import search as employer_search
from expatdesk.i18n import _
from expatdesk.qt.employers.chooser import EmployerChooser

log = logging.getLogger(__name__)

Value = str | int


class FilterBar(QWidget):
    """The filters of ``listing`` side by side, with a button that clears them.

    Signals:
        changed(dict): the user changed a filter; the filter values now chosen (see
            :meth:`values`).
    """

    changed = Signal(dict)

    #: The width of a chooser's text field, in average characters.
    CHOOSER_CHARS = 26

    def __init__(
        self,
        database: Database,
        listing: Listing,
        parent: QWidget | None = None,
        *,
        choices_now: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{listing.name}Filters")
        self._database = database
        self._listing = listing
        self._labels: dict[str, QLabel] = {}
        self.combos: dict[str, QComboBox] = {}
        self.choosers: dict[str, EmployerChooser] = {}
        self._choices_read = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for each in listing.filters:
            label = QLabel(self)
            label.setObjectName(f"{each.key}FilterLabel")
            layout.addWidget(label)
            self._labels[each.key] = label
            control = self._make_control(each)
            label.setBuddy(control)
            layout.addWidget(control)
        self.clearButton = QPushButton(self)
        self.clearButton.setObjectName("clearFiltersButton")
        self.clearButton.clicked.connect(self.clear)
        layout.addWidget(self.clearButton)
        layout.addStretch(1)
        self._retranslate()
        if choices_now:
            self.refresh_choices()
        self._update_clear_button()

    def _make_control(self, each: Filter) -> QWidget:
        if each.choices is None:
            if each.chooser != "employer":
                raise ValueError(f"no chooser {each.chooser!r} for the filter {each.key!r}")
            chooser = EmployerChooser(self)
            chooser.setObjectName(f"{each.key}Filter")
            chooser.set_database(self._database)
            chooser.setMinimumWidth(chooser.fontMetrics().averageCharWidth() * self.CHOOSER_CHARS)
            chooser.employerChanged.connect(self._chosen)
            self.choosers[each.key] = chooser
            return chooser
        combo = QComboBox(self)
        combo.setObjectName(f"{each.key}Filter")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem(_("All"), None)  # the other choices once they are read
        combo.activated.connect(self._chosen)
        self.combos[each.key] = combo
        return combo

    def controls(self) -> list[QWidget]:
        """The filters' controls, in the bar's order."""
        found: list[QWidget] = []
        for each in self._listing.filters:
            control = self.combos.get(each.key) or self.choosers.get(each.key)
            if control is not None:
                found.append(control)
        return found

    # --- the values ---------------------------------------------------------------------------

    def values(self) -> dict[str, Value]:
        """The chosen value of each filter that is set."""
        chosen: dict[str, Value] = {}
        for key, combo in self.combos.items():
            value = combo.currentData()
            if value is not None:
                chosen[key] = value
        for key, chooser in self.choosers.items():
            employer_id = chooser.employer_id()
            if employer_id is not None:
                chosen[key] = employer_id
        return chosen

    def set_values(self, values: Mapping[str, Value]) -> None:
        """Choose ``values``; a value that is not (or no longer) among the choices is left out.

        Emits no signal: the caller asked for it.
        """
        if any(key in self.combos for key in values):
            self.read_choices()
        for key, combo in self.combos.items():
            value = values.get(key)
            index = combo.findData(value) if value is not None else 0
            combo.setCurrentIndex(max(index, 0))
        for key, chooser in self.choosers.items():
            value = values.get(key)
            choice = None
            if isinstance(value, int) and not isinstance(value, bool):
                choice = employer_search.employer_choice(self._database, value)
            chooser.set_employer(choice)
        self._update_clear_button()

    def clear(self) -> None:
        """Set no filter (the "Clear filters" button)."""
        if not self.values():
            return
        self.set_values({})
        self.changed.emit(self.values())

    def read_choices(self) -> None:
        """Read the choices, unless they were read already."""
        if not self._choices_read:
            self.refresh_choices()

    def refresh_choices(self) -> None:
        """Read the choices again (the data or the language changed), keeping what is chosen."""
        self._choices_read = True
        chosen = self.values()
        for key, choices in filter_choices(self._database, self._listing).items():
            combo = self.combos.get(key)
            if combo is None:
                continue
            combo.clear()
            combo.addItem(_("All"), None)
            for value, text in choices:
                combo.addItem(text, value)
        self._fit_in_scroll_area()
        self.set_values(chosen)
        if self.values() != chosen:  # a chosen value is gone: the list must follow
            self.changed.emit(self.values())

    def _fit_in_scroll_area(self) -> None:
        """The combos grew with their choices. A scroll area that holds the bar (the lists'
        filter strip) sizes it by its minimum size hint, in which a combo's items do not count,
        and only when laid out: after the list's first paint the combos stayed as narrow as
        "All". So the bar's minimum is its width with the choices, and the area is laid out."""
        viewport = self.parentWidget()
        area = viewport.parentWidget() if viewport is not None else None
        if isinstance(area, QScrollArea) and area.widget() is self:
            self.setMinimumWidth(self.sizeHint().width())
            QCoreApplication.sendEvent(area, QEvent(QEvent.Type.LayoutRequest))

    def _chosen(self, *_args: object) -> None:
        self._update_clear_button()
        self.changed.emit(self.values())

    def _update_clear_button(self) -> None:
        self.clearButton.setEnabled(bool(self.values()))

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        for each in self._listing.filters:
            name = _(each.header)
            self._labels[each.key].setText(_("{filter}:").format(filter=name))
            control = self.combos.get(each.key) or self.choosers.get(each.key)
            if control is not None:
                control.setAccessibleName(_("Filter: {filter}").format(filter=name))
        self.clearButton.setText(_("Clear filters"))
        self.clearButton.setToolTip(_("Show every record again"))
        if self._choices_read:
            self.refresh_choices()
        else:
            for combo in self.combos.values():
                combo.setItemText(0, _("All"))
