"""The main window: areas, menus, shortcuts, status bar, remembered geometry."""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from expatdesk import __version__
from expatdesk.db.database import Database
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.main_window import MainWindow
from expatdesk.qt.settings import Settings
from expatdesk.services.actor import SYSTEM


def status_text(window: MainWindow, name: str) -> str:
    label = window.statusBar().findChild(QLabel, name)
    assert isinstance(label, QLabel)
    return label.text()


def test_title_and_status_bar_name_the_database(
    window: MainWindow, sqlite_database: Database
) -> None:
    assert window.windowTitle() == f"ExpatDesk — {sqlite_database.name}"
    assert status_text(window, "databaseLabel") == f"Database: {sqlite_database.name}"
    assert status_text(window, "countLabel") == "5 expats"


def test_the_areas_are_expats_and_employers(window: MainWindow) -> None:
    navigation = window.ui.navigation
    assert [navigation.item(row).text() for row in range(navigation.count())] == [
        "Expats",
        "Employers",
        "Targets",
        "Reports",
    ]
    assert window.current_area() is window.expats_area
    navigation.setCurrentRow(1)
    assert window.current_area() is window.employers_area
    assert window.ui.actionEmployers.isChecked()
    assert status_text(window, "countLabel") == "3 employers"


def test_view_menu_and_shortcuts_switch_areas(qtbot, window: MainWindow) -> None:
    assert window.ui.actionExpats.shortcut() == QKeySequence("Ctrl+1")
    assert window.ui.actionEmployers.shortcut() == QKeySequence("Ctrl+2")
    assert window.ui.actionSearch.shortcut() == QKeySequence("Ctrl+F")
    with qtbot.wait_active(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() is window.employers_area
    assert window.ui.navigation.currentRow() == 1
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.employers_area.ui.searchEdit.hasFocus()
    window.ui.actionExpats.trigger()
    assert window.current_area() is window.expats_area
    assert window.ui.actionExpats.isChecked()
    assert not window.ui.actionEmployers.isChecked()
    window.ui.actionSearch.trigger()
    assert window.expats_area.ui.searchEdit.hasFocus()


def test_status_bar_counts_the_search_results(qtbot, window: MainWindow) -> None:
    qtbot.keyClicks(window.expats_area.ui.searchEdit, "muller")
    qtbot.wait_until(lambda: status_text(window, "countLabel") == "1 expat")


def test_every_menu_item_does_something(window: MainWindow) -> None:
    menus = [window.ui.menuFile, window.ui.menuView, window.ui.menuLanguage, window.ui.menuHelp]
    for menu in menus:
        for action in menu.actions():
            if action.isSeparator():
                continue
            assert action.text(), menu.title()
            assert action.receivers(SIGNAL("triggered(bool)")) > 0, action.text()


def test_about_shows_the_version(window: MainWindow, dialogs: list[QDialog]) -> None:
    window.ui.actionAbout.trigger()
    (box,) = dialogs
    assert isinstance(box, QMessageBox)
    assert box.windowTitle() == "About ExpatDesk"
    assert box.text() == f"ExpatDesk {__version__}"
    assert "expat centre" in box.informativeText()


def test_quit_closes_the_window(qtbot, window: MainWindow) -> None:
    window.ui.actionQuit.trigger()
    assert not window.isVisible()


def test_geometry_is_remembered(
    qtbot, window: MainWindow, sqlite_database: Database, settings: Settings, switcher
) -> None:
    window.resize(700, 500)  # within the offscreen screen of 800 × 600
    window.close()
    assert not settings.main_window_geometry.isEmpty()
    again = MainWindow(sqlite_database, Settings.open(settings.path.parent), switcher, SYSTEM)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)


def test_language_menu_is_exclusive_and_shows_the_active_language(
    window: MainWindow, switcher: LanguageSwitcher
) -> None:
    assert window.ui.actionEnglish.isChecked()
    assert not window.ui.actionDutch.isChecked()
    assert window.ui.actionDutch.text() == "Nederlands"
    assert window.ui.actionEnglish.text() == "English"


def test_columns_sort_order_and_split_are_remembered(
    qtbot, window: MainWindow, sqlite_database: Database, settings: Settings, switcher
) -> None:
    area = window.expats_area
    header = area.ui.table.horizontalHeader()
    ref = area.model.listing.index("ref")
    area.ui.table.sortByColumn(ref, Qt.SortOrder.DescendingOrder)
    header.resizeSection(1, 333)
    window.close()
    again = MainWindow(sqlite_database, Settings.open(settings.path.parent), switcher, SYSTEM)
    qtbot.addWidget(again)
    area = again.expats_area
    header = area.ui.table.horizontalHeader()
    assert header.sectionSize(1) == 333
    assert header.sortIndicatorSection() == ref
    assert area.model.order.key == "ref"
    assert area.model.order.descending
    assert area.model.data(area.model.index(0, ref)) == "EXP-0005"
