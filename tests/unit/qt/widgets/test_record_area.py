"""An area driven like a user: typing a search, sorting, selecting, reading the details."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDialog, QLabel

from expatdesk.common.listing import Order
from expatdesk.db.database import Database
from expatdesk.qt import files
from expatdesk.qt.employers import area as employers
from expatdesk.qt.expats import area as expats
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.settings import Settings
from expatdesk.qt.widgets.record_area import RecordArea, area_state, save_area_state
from expatdesk.qt.widgets.record_model import RecordTableModel
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
    with qtbot.wait_active(area):
        area.activateWindow()
    area.ui.searchEdit.setFocus()
    area.ui.searchEdit.setText("muller")
    qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: shown(area, "given_name") == ["Anna"])
    qtbot.wait_until(area.ui.table.hasFocus)


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
    assert area.model.order.key == "ref"
    qtbot.wait_until(lambda: shown(area, "ref") == sorted(shown(area, "ref")))
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert area.model.order.descending
    qtbot.wait_until(lambda: shown(area, "ref") == sorted(shown(area, "ref"), reverse=True))


def test_sorting_keeps_the_selected_record(qtbot, area: RecordArea, sample: Sample) -> None:
    assert area.select_id(sample.expats["lars"])
    area.ui.table.sortByColumn(area.model.listing.index("ref"), Qt.SortOrder.DescendingOrder)
    qtbot.wait_until(lambda: area.model.id_at(0) == sample.expats["priya"])  # EXP-0005 first
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
    assert focus_chain(area) == [
        "categoryFilter",
        "municipalityFilter",
        "employerFilter",
        "arrival_yearFilter",
        "nationalityFilter",
        "clearFiltersButton",
        "exportButton",
        "table",
        "detail",
    ]
    assert area.filterBar.combos["category"].accessibleName() == "Filter: Category"
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


# --- filters, kept state, export, searching off the GUI thread -----------------------------------


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick the item ``text`` with the keyboard, as a user does."""
    combo.setFocus()
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not in the combo"
    while combo.currentIndex() != index:
        key = Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def test_the_filter_bar_narrows_the_list_and_clear_filters_undoes_it(
    qtbot, area: RecordArea, sample: Sample
) -> None:
    bar = area.filterBar
    assert not bar.clearButton.isEnabled()
    choose(qtbot, bar.combos["municipality"], "Enschede")
    qtbot.wait_until(lambda: sorted(shown(area, "given_name")) == ["Anna", "Wei"])
    assert area.model.filters == {"municipality": "enschede"}
    choose(qtbot, bar.combos["arrival_year"], "2025")
    qtbot.wait_until(lambda: shown(area, "given_name") == ["Anna"])
    assert area.count_text() == "1 expat"
    choose(qtbot, bar.combos["arrival_year"], "2023")  # Lars arrived in 2023, in Hengelo
    qtbot.wait_until(lambda: area.model.rowCount() == 0)
    assert empty_label(area).text() == "No record passes these filters."
    assert bar.clearButton.isEnabled()
    qtbot.mouseClick(bar.clearButton, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: area.model.rowCount() == 5)
    assert area.model.filters == {}
    assert bar.combos["municipality"].currentText() == "All"
    assert not bar.clearButton.isEnabled()


def test_a_search_and_a_filter_together(qtbot, area: RecordArea, sample: Sample) -> None:
    choose(qtbot, area.filterBar.combos["nationality"], "Germany")
    qtbot.wait_until(lambda: shown(area, "given_name") == ["Anna"])
    qtbot.keyClicks(area.ui.searchEdit, "jose")
    qtbot.wait_until(lambda: area.model.rowCount() == 0)
    assert empty_label(area).text() == "No expat matches “jose”."


@pytest.mark.qt_log_ignore("This plugin does not support")  # the suggestions' popup, offscreen
def test_the_employer_filter_finds_an_employer_by_typing(
    qtbot, area: RecordArea, sample: Sample
) -> None:
    chooser = area.filterBar.choosers["employer"]
    chooser.setFocus()
    with qtbot.wait_signal(chooser.suggestionsShown):
        qtbot.keyClicks(chooser, "thales")
    qtbot.keyClick(chooser.popup, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: sorted(shown(area, "given_name")) == ["José", "Lars"])
    assert area.model.filters == {"employer": sample.employers["thales"]}


def test_the_employers_list_filters_on_high_tech(
    qtbot, employer_area: RecordArea, sample: Sample
) -> None:
    choose(qtbot, employer_area.filterBar.combos["high_tech"], "No")
    qtbot.wait_until(lambda: shown(employer_area, "name") == ["Bakkerij Ölmez"])
    choose(qtbot, employer_area.filterBar.combos["municipality"], "Hengelo")
    qtbot.wait_until(lambda: employer_area.model.rowCount() == 0)


def test_filters_and_order_are_kept_for_a_new_window(
    qtbot, area: RecordArea, sqlite_database: Database, sample: Sample, tmp_path: Path
) -> None:
    settings = Settings.open(tmp_path)
    choose(qtbot, area.filterBar.combos["municipality"], "Hengelo")
    area.ui.table.sortByColumn(area.model.listing.index("ref"), Qt.SortOrder.DescendingOrder)
    qtbot.wait_until(lambda: shown(area, "ref") == ["EXP-0004", "EXP-0001"])
    save_area_state(settings, "expats", area.state())
    settings.sync()

    kept = area_state(Settings.open(tmp_path), "expats")
    assert kept.filters == {"municipality": "hengelo"}
    assert kept.order == Order("ref", descending=True)
    again = RecordArea(sqlite_database, expats.spec(), state=kept)
    qtbot.addWidget(again)
    assert shown(again, "ref") == ["EXP-0004", "EXP-0001"]  # the first rows come at once
    assert again.filterBar.combos["municipality"].currentText() == "Hengelo"
    header = again.ui.table.horizontalHeader()
    assert header.sortIndicatorSection() == again.model.listing.index("ref")
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_kept_filters_that_no_longer_fit_are_dropped(
    qtbot, sqlite_database: Database, sample: Sample, tmp_path: Path
) -> None:
    settings = Settings.open(tmp_path)
    settings.expats_filters = '{"municipality": "atlantis", "arrival_year": 2025, "shoe": 4}'
    settings.expats_order = "-shoe_size"
    area = RecordArea(sqlite_database, expats.spec(), state=area_state(settings, "expats"))
    qtbot.addWidget(area)
    assert area.model.filters == {"arrival_year": 2025}
    assert area.model.order == area.model.listing.default_order
    assert shown(area, "given_name") == ["Anna"]
    settings.expats_filters = "not json"
    assert area_state(settings, "expats").filters == {}


def combo_items(area: RecordArea, key: str) -> list[str]:
    combo = area.filterBar.combos[key]
    return [combo.itemText(index) for index in range(combo.count())]


def test_a_list_that_paints_first_reads_its_filter_choices_after(
    qtbot, sqlite_database: Database, sample: Sample
) -> None:
    """The main window's lists (start-up): the first rows are painted before the choices are
    read; until then each filter offers only "All", which is what it shows anyway."""
    area = RecordArea(sqlite_database, expats.spec(), page_after_paint=True)
    qtbot.addWidget(area)
    assert combo_items(area, "municipality") == ["All"]
    assert shown(area, "family_name")[0] == "Chen"  # the rows do not wait

    area.resize(700, 500)  # narrower than the filters: their strip scrolls sideways
    area.show()
    qtbot.wait_until(lambda: "Hengelo" in combo_items(area, "municipality"))
    assert combo_items(area, "municipality")[0] == "All"
    combos = area.filterBar.combos.values()  # as wide as their choices, not as "All"
    qtbot.wait(100)  # laid out again
    assert all(combo.width() >= combo.sizeHint().width() for combo in combos)
    choose(qtbot, area.filterBar.combos["municipality"], "Hengelo")
    qtbot.wait_until(lambda: area.model.filters == {"municipality": "hengelo"})


def test_a_list_that_paints_first_reads_the_rest_of_its_ids_after(
    qtbot, sqlite_database: Database, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RecordTableModel, "FIRST", 2)
    area = RecordArea(sqlite_database, expats.spec(), page_after_paint=True)
    qtbot.addWidget(area)
    assert area.model.rowCount() == 2
    qtbot.wait(50)
    assert not area.model.busy
    assert not area.model.complete  # held until the first paint
    area.show()
    qtbot.wait_until(lambda: area.model.complete)
    assert area.model.rowCount() == 5


def test_kept_filters_are_read_with_their_choices_before_the_first_rows(
    qtbot, sqlite_database: Database, sample: Sample, tmp_path: Path
) -> None:
    settings = Settings.open(tmp_path)
    settings.expats_filters = '{"municipality": "hengelo"}'
    area = RecordArea(
        sqlite_database,
        expats.spec(),
        state=area_state(settings, "expats"),
        page_after_paint=True,
    )
    qtbot.addWidget(area)
    assert area.filterBar.combos["municipality"].currentText() == "Hengelo"
    assert area.model.filters == {"municipality": "hengelo"}
    assert sorted(shown(area, "ref")) == ["EXP-0001", "EXP-0004"]


def test_a_language_switch_before_the_choices_are_read_names_all_anew(
    qtbot, sqlite_database: Database, sample: Sample, switcher: LanguageSwitcher
) -> None:
    area = RecordArea(sqlite_database, expats.spec(), page_after_paint=True)
    qtbot.addWidget(area)
    switcher.apply("nl")
    qtbot.wait_until(lambda: combo_items(area, "category") == ["Alle"])
    switcher.apply("en")
    qtbot.wait_until(lambda: combo_items(area, "category") == ["All"])


def test_export_list_writes_what_the_list_shows(
    qtbot,
    area: RecordArea,
    sample: Sample,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: list[QDialog],
) -> None:
    target = tmp_path / "hengelo"
    asked: list[tuple[str, Path]] = []

    def save_file_name(_parent, title: str, suggested: Path, _filter: str) -> Path:
        asked.append((title, suggested))
        return target

    monkeypatch.setattr(files, "save_file_name", save_file_name)
    choose(qtbot, area.filterBar.combos["municipality"], "Hengelo")
    qtbot.wait_until(lambda: area.model.rowCount() == 2)
    area.ui.table.horizontalHeader().hideSection(area.model.listing.index("category"))
    with qtbot.wait_signal(area.listExported, timeout=10_000) as exported:
        qtbot.mouseClick(area.ui.exportButton, Qt.MouseButton.LeftButton)
        assert not area.ui.exportButton.isEnabled()
    assert exported.args == [2]
    assert asked[0][0] == "Export list"
    assert asked[0][1].name.startswith("expats-")
    workbook = load_workbook(tmp_path / "hengelo.xlsx", read_only=True)
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    workbook.close()
    assert rows[0] == [
        "Ref.",
        "Family name",
        "Given name",
        "Nationality",
        "Employer",
        "Arrival",
        "Municipality",
    ]
    assert [row[0] for row in rows[1:]] == ["EXP-0001", "EXP-0004"]  # García, Østergaard
    (box,) = dialogs
    assert box.text() == "2 records exported to hengelo.xlsx."
    assert area.ui.exportButton.isEnabled()


def test_a_stale_search_result_is_dropped(
    qtbot, area: RecordArea, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer to "jose" comes after the user typed on: it never shows."""
    from expatdesk.qt.widgets import record_model

    release = threading.Event()
    real = record_model.find_ids

    def slow_for_jose(database, listing, query="", *args, **kwargs):
        if query == "jose":
            assert release.wait(10)
        return real(database, listing, query, *args, **kwargs)

    monkeypatch.setattr(record_model, "find_ids", slow_for_jose)
    shown_ids: list[list[int]] = []
    area.model.modelReset.connect(lambda: shown_ids.append(list(area.model.ids())))
    area.ui.searchEdit.setText("jose")
    qtbot.wait_until(lambda: area.model.busy)  # the search for "jose" waits in its worker
    area.ui.searchEdit.setText("muller")  # typing goes on meanwhile
    qtbot.wait_until(lambda: shown(area, "given_name") == ["Anna"])
    release.set()
    qtbot.wait_until(lambda: not area.model.busy)
    assert shown(area, "given_name") == ["Anna"]
    assert [sample.expats["jose"]] not in shown_ids


def test_the_first_rows_show_before_the_whole_list_is_counted(
    qtbot, area: RecordArea, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    from expatdesk.qt.widgets import record_model

    release = threading.Event()
    real = record_model.find_ids

    def whole_list_waits(*args, **kwargs):
        if kwargs.get("first") is None:
            assert release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(record_model, "find_ids", whole_list_waits)
    monkeypatch.setattr(area.model, "FIRST", 2)
    counts: list[int] = []
    area.countChanged.connect(counts.append)
    area.ui.table.sortByColumn(area.model.listing.index("ref"), Qt.SortOrder.AscendingOrder)
    qtbot.wait_until(lambda: shown(area, "ref") == ["EXP-0001", "EXP-0002"])
    assert area.count_text() == "Counting…"
    assert not area.model.complete
    area.select_id(sample.expats["anna"])
    release.set()
    qtbot.wait_until(lambda: area.model.complete)
    assert shown(area, "ref") == ["EXP-0001", "EXP-0002", "EXP-0003", "EXP-0004", "EXP-0005"]
    assert area.current_id() == sample.expats["anna"]  # rows were added, not reset
    assert area.count_text() == "5 expats"
    assert counts == [2, 5]


def test_double_click_or_enter_opens_the_record(qtbot, area: RecordArea, sample: Sample) -> None:
    table = area.ui.table
    with qtbot.wait_active(area):
        area.activateWindow()
    row = area.model.row_of(sample.expats["wei"])
    assert row is not None
    rect = table.visualRect(area.model.index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.wait_signal(area.recordActivated) as opened:  # a double click starts with a click
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [sample.expats["wei"]]
    assert "Wei Chen" in detail_text(area)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    with qtbot.wait_signal(area.recordActivated) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [area.model.id_at(row + 1)]
    assert area.ui.detail.hasFocus()


def test_show_record_clears_filters_that_hide_it(qtbot, area: RecordArea, sample: Sample) -> None:
    choose(qtbot, area.filterBar.combos["municipality"], "Enschede")
    qtbot.wait_until(lambda: area.model.rowCount() == 2)
    area.show_record(sample.expats["jose"])
    qtbot.wait_until(lambda: area.current_id() == sample.expats["jose"])
    assert area.model.filters == {}
    assert area.filterBar.combos["municipality"].currentText() == "All"


def test_the_filter_bar_follows_the_language(
    qtbot, area: RecordArea, switcher: LanguageSwitcher
) -> None:
    bar = area.filterBar
    label = bar.findChild(QLabel, "categoryFilterLabel")
    assert label.text() == "Category:"
    choose(qtbot, bar.combos["category"], "Researcher")
    switcher.apply("nl")
    qtbot.wait_until(lambda: label.text() == "Categorie:")
    assert bar.combos["category"].currentText() == "Onderzoeker"  # still chosen
    assert bar.findChild(QLabel, "municipalityFilterLabel").text() == "Gemeente:"
    assert area.filterBar.values() == {"category": "researcher"}


def test_opening_an_expat_is_logged_for_the_signed_in_staff_member(
    qtbot, sqlite_database: Database, sample: Sample
) -> None:
    from sqlalchemy import select

    from expatdesk.accounts.actor import Actor
    from expatdesk.db.models import AccessLog

    anna = Actor(None, "anna", "Anna", "desk_officer")
    area = RecordArea(sqlite_database, expats.spec(), actor=anna)
    qtbot.addWidget(area)
    area.show()
    area.ui.table.selectRow(1)
    with sqlite_database.reading() as session:
        logged = session.execute(
            select(AccessLog.username, AccessLog.action, AccessLog.entity, AccessLog.entity_id)
        ).all()
    assert [tuple(row) for row in logged] == [
        ("anna", "view_record", "expat", area.model.id_at(0)),
        ("anna", "view_record", "expat", area.model.id_at(1)),
    ]


@pytest.mark.parametrize("first", [60, 2])
def test_the_selected_record_stays_selected_across_a_language_switch(
    qtbot,
    area: RecordArea,
    sample: Sample,
    switcher: LanguageSwitcher,
    monkeypatch: pytest.MonkeyPatch,
    first: int,
) -> None:
    # Sorted by nationality, whose order follows the language: the list is read again, its
    # first rows at once and the rest later (2: the record selected is in the rest).
    monkeypatch.setattr(area.model, "FIRST", first)
    area.model.set_order(Order("nationality", descending=True))
    qtbot.waitUntil(lambda: area.model.complete)
    last = area.model.id_at(area.model.rowCount() - 1)
    assert area.select_id(last)
    switcher.apply("nl")
    with qtbot.waitSignal(area.model.loaded):
        pass
    qtbot.waitUntil(lambda: area.model.complete)
    assert area.current_id() == last
    assert area.model.row_of(last) >= 2


def test_a_record_chosen_while_the_rest_is_read_stays_chosen(
    qtbot,
    area: RecordArea,
    sample: Sample,
    switcher: LanguageSwitcher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(area.model, "FIRST", 2)
    area.model.set_order(Order("nationality", descending=True))
    qtbot.waitUntil(lambda: area.model.complete)
    assert area.select_id(area.model.id_at(area.model.rowCount() - 1))
    switcher.apply("nl")
    chosen = area.model.id_at(1)  # the user picks a row before the rest of the list is there
    area.select_id(chosen)
    qtbot.waitUntil(lambda: area.model.complete)
    assert area.current_id() == chosen
