"""An area driven like a user: typing a search, sorting, selecting, reading the details."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

from expatdesk.db.database import Database
from expatdesk.qt import employers, expats
from expatdesk.qt.record_area import RecordArea
from tests.helpers.sample import JOSE_BSN, Sample


@pytest.fixture
def area(qtbot, sqlite_database: Database, sample: Sample) -> RecordArea:
    area = RecordArea(sqlite_database, expats.spec())
    qtbot.addWidget(area)
    area.resize(1200, 600)
    area.show()
    return area


@pytest.fixture
def employer_area(qtbot, sqlite_database: Database, sample: Sample) -> RecordArea:
    area = RecordArea(sqlite_database, employers.spec())
    qtbot.addWidget(area)
    area.show()
    return area


def shown(area: RecordArea, key: str) -> list[str]:
    model = area.model
    column = model.listing.index(key)
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def detail_text(area: RecordArea) -> str:
    return area.ui.detail.toPlainText()


def empty_label(area: RecordArea) -> QLabel:
    label = area.findChild(QLabel, "emptyLabel")
    assert isinstance(label, QLabel)
    return label


def test_the_list_opens_sorted_with_the_first_row_selected(area: RecordArea) -> None:
    assert area.model.rowCount() == 5
    assert shown(area, "family_name")[0] == "Chen"
    assert area.ui.table.currentIndex().row() == 0
    assert area.ui.table.selectionModel().isRowSelected(0)
    assert "Wei Chen" in detail_text(area)
    header = area.ui.table.horizontalHeader()
    assert header.sortIndicatorSection() == area.model.listing.index("family_name")
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert area.count_text() == "5 expats"
    assert not empty_label(area).isVisible()


@pytest.mark.parametrize(
    ("typed", "given_names"),
    [("jose", ["José"]), ("muller", ["Anna"]), ("JOSÉ garc", ["José"]), ("ØSTER", ["Lars"])],
)
def test_typing_a_search_filters_after_a_pause(
    qtbot, area: RecordArea, typed: str, given_names: list[str]
) -> None:
    qtbot.keyClicks(area.ui.searchEdit, typed)
    assert area.model.rowCount() == 5  # not yet: the search waits until typing pauses
    with qtbot.wait_signal(area.countChanged, timeout=2000) as counted:
        pass
    assert counted.args == [len(given_names)]
    assert shown(area, "given_name") == given_names
    assert area.ui.table.currentIndex().row() == 0
    assert given_names[0] in detail_text(area)


def test_enter_searches_at_once_and_goes_to_the_list(qtbot, area: RecordArea) -> None:
    area.ui.searchEdit.setText("muller")
    qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_Return)
    assert shown(area, "given_name") == ["Anna"]


def test_a_search_without_results_says_so(qtbot, area: RecordArea) -> None:
    qtbot.keyClicks(area.ui.searchEdit, "nobody")
    qtbot.wait_until(lambda: area.model.rowCount() == 0)
    label = empty_label(area)
    assert label.isVisible()
    assert label.text() == "No expat matches “nobody”."
    assert detail_text(area) == ""
    assert area.ui.detail.placeholderText() == "Select an expat to see the details."
    assert area.count_text() == "0 expats"
    area.ui.searchEdit.clear()
    qtbot.wait_until(lambda: area.model.rowCount() == 5)
    assert not label.isVisible()


def test_an_empty_database_says_so(qtbot, sqlite_database: Database) -> None:
    area = RecordArea(sqlite_database, expats.spec())
    qtbot.addWidget(area)
    area.show()
    assert empty_label(area).text() == "No expats registered yet."


def test_clicking_a_header_sorts_both_ways(qtbot, area: RecordArea) -> None:
    header = area.ui.table.horizontalHeader()
    ref = area.model.listing.index("ref")
    point = QPoint(header.sectionViewportPosition(ref) + 5, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert shown(area, "ref") == sorted(shown(area, "ref"))
    assert area.model.order.key == "ref"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert shown(area, "ref") == sorted(shown(area, "ref"), reverse=True)
    assert area.model.order.descending


def test_sorting_keeps_the_selected_record(area: RecordArea, sample: Sample) -> None:
    assert area.select_id(sample.expats["lars"])
    area.ui.table.sortByColumn(area.model.listing.index("ref"), Qt.SortOrder.DescendingOrder)
    assert area.current_id() == sample.expats["lars"]
    assert "Lars Østergaard" in detail_text(area)


def test_selecting_a_row_shows_the_record_with_a_masked_bsn(
    qtbot, area: RecordArea, sample: Sample
) -> None:
    row = area.model.row_of(sample.expats["jose"])
    assert row is not None
    table = area.ui.table
    rect = table.visualRect(area.model.index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    text = detail_text(area)
    assert "José García" in text
    assert "EXP-0001" in text
    assert "Thales Nederland" in text
    assert "Highly skilled migrant" in text
    assert "26 Nov 2026" in text
    assert "Spanish" in text  # preferred language
    assert "Yes, since 27 Nov 2026" in text  # survey consent
    assert "Lucía Pérez" in text
    assert "International School Twente" in text
    assert "NL-2026-0001" in text
    assert "31 Oct 2031" in text
    assert "*****6782" in text
    assert JOSE_BSN not in text
    assert JOSE_BSN not in area.ui.detail.toHtml()


def test_keyboard_moves_through_the_list(qtbot, area: RecordArea) -> None:
    table = area.ui.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    assert "José García" in detail_text(area)
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert table.currentIndex().row() == 4
    assert "Lars Østergaard" in detail_text(area)


def focus_chain(area: RecordArea) -> list[str]:
    """The object names of the widgets Tab visits, from the search box on."""
    names = []
    widget = area.ui.searchEdit.nextInFocusChain()
    while widget is not area.ui.searchEdit and widget is not None:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.objectName():
            names.append(widget.objectName())
        widget = widget.nextInFocusChain()
    return names


def test_activating_a_row_only_moves_the_focus_to_the_details(qtbot, area: RecordArea) -> None:
    table = area.ui.table
    with qtbot.wait_active(area):
        area.activateWindow()
    table.setFocus()
    rect = table.visualRect(area.model.index(2, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.wait_signal(table.activated):  # a real double click starts with a click
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert area.model.rowCount() == 5
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert "Anna Müller" in detail_text(area)
    assert area.ui.detail.hasFocus()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert area.ui.detail.hasFocus()


def test_focus_search_selects_the_query(area: RecordArea) -> None:
    area.ui.searchEdit.setText("jose")
    area.activateWindow()
    area.focus_search()
    assert area.ui.searchEdit.selectedText() == "jose"


def test_inputs_have_accessible_names_and_a_tab_order(area: RecordArea) -> None:
    assert area.ui.searchEdit.accessibleName() == "Search expats"
    assert area.ui.table.accessibleName() == "Expats"
    assert area.ui.detail.accessibleName() == "Expat details"
    assert focus_chain(area) == ["table", "detail"]
    assert area.ui.searchLabel.buddy() is area.ui.searchEdit


def test_employer_details(employer_area: RecordArea, sample: Sample) -> None:
    assert employer_area.select_id(sample.employers["thales"])
    text = detail_text(employer_area)
    assert "Thales Nederland" in text
    assert "06035234" in text
    assert "Ingrid Bakker" in text
    assert "HR advisor" in text
    assert "2024" in text
    assert "41" in text
    assert "annual survey" in text
    assert employer_area.count_text() == "3 employers"
    assert shown(employer_area, "expat_count") == ["0", "2", "2"]


def test_refresh_keeps_the_selection_and_sees_new_records(
    area: RecordArea, sample: Sample, sqlite_database: Database
) -> None:
    from expatdesk.db.models import Expat

    area.select_id(sample.expats["anna"])
    with sqlite_database.transaction() as session:
        session.add(Expat(expat_ref="EXP-0099", given_name="Aiko", family_name="Abe"))
    area.refresh()
    assert area.model.rowCount() == 6
    assert area.current_id() == sample.expats["anna"]
