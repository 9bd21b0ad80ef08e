"""The main window: areas, menus, shortcuts, status bar, remembered geometry."""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from expatdesk import __version__
from expatdesk.accounts.actor import SYSTEM
from expatdesk.db.database import Database
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.main_window import MainWindow
from expatdesk.qt.settings import Settings


def status_text(window: MainWindow, name: str) -> str:
    label = window.statusBar().findChild(QLabel, name)
    assert isinstance(label, QLabel)
    return label.text()


def test_title_and_status_bar_name_the_database(
    window: MainWindow, sqlite_database: Database
) -> None:
    assert window.windowTitle() == f"ExpatDesk — {sqlite_database.name}"
    window.show_area(1)
    assert status_text(window, "databaseLabel") == f"Database: {sqlite_database.name}"
    assert status_text(window, "countLabel") == "5 expats"


def test_the_areas_start_at_home(window: MainWindow) -> None:
    navigation = window.ui.navigation
    assert [navigation.item(row).text() for row in range(navigation.count())] == [
        "Home",
        "Expats",
        "Employers",
        "Cases",
        "Targets",
        "Reports",
    ]
    assert window.current_area() is window.home_area
    assert window.ui.actionHome.isChecked()
    navigation.setCurrentRow(2)
    assert window.current_area() is window.employers_area
    assert window.ui.actionEmployers.isChecked()
    assert status_text(window, "countLabel") == "3 employers"


def test_view_menu_and_shortcuts_switch_areas(qtbot, window: MainWindow) -> None:
    assert window.ui.actionHome.shortcut() == QKeySequence("Ctrl+1")
    assert window.ui.actionExpats.shortcut() == QKeySequence("Ctrl+2")
    assert window.ui.actionEmployers.shortcut() == QKeySequence("Ctrl+3")
    assert window.ui.actionCases.shortcut() == QKeySequence("Ctrl+4")
    assert window.ui.actionSearch.shortcut() == QKeySequence("Ctrl+F")
    with qtbot.wait_active(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() is window.employers_area
    assert window.ui.navigation.currentRow() == 2
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.employers_area.ui.searchEdit.hasFocus()
    window.ui.actionExpats.trigger()
    assert window.current_area() is window.expats_area
    assert window.ui.actionExpats.isChecked()
    assert not window.ui.actionEmployers.isChecked()
    window.ui.actionSearch.trigger()
    assert window.expats_area.ui.searchEdit.hasFocus()


def test_status_bar_counts_the_search_results(qtbot, window: MainWindow) -> None:
    window.show_area(1)
    qtbot.keyClicks(window.expats_area.ui.searchEdit, "muller")
    qtbot.wait_until(lambda: status_text(window, "countLabel") == "1 expat")


def test_every_menu_item_does_something(window: MainWindow) -> None:
    menus = [
        window.ui.menuFile,
        window.ui.menuView,
        window.ui.menuRecords,
        window.ui.menuLanguage,
        window.ui.menuHelp,
    ]
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
    window.resize(770, 560)  # within the offscreen screen of 800 × 600
    window.close()
    assert not settings.main_window_geometry.isEmpty()
    again = MainWindow(sqlite_database, Settings.open(settings.path.parent), switcher, SYSTEM)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (770, 560)


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


def test_open_record_shows_it_in_its_area_even_when_the_search_hides_it(
    qtbot, window: MainWindow, sample
) -> None:
    window.show_area(1)
    qtbot.keyClicks(window.expats_area.ui.searchEdit, "muller")
    qtbot.wait_until(lambda: window.expats_area.model.rowCount() == 1)
    window.open_record("expat", sample.expats["jose"])
    assert window.current_area() is window.expats_area
    qtbot.wait_until(lambda: window.expats_area.current_id() == sample.expats["jose"])
    assert window.expats_area.ui.searchEdit.text() == ""
    window.open_record("employer", sample.employers["university"])
    assert window.current_area() is window.employers_area
    assert window.employers_area.current_id() == sample.employers["university"]


def test_a_link_on_a_record_page_opens_the_linked_record(qtbot, window: MainWindow, sample) -> None:
    window.show_area(1)
    area = window.expats_area
    area.show_record(sample.expats["jose"])
    qtbot.wait_until(lambda: area.current_id() == sample.expats["jose"])
    employer_id = sample.employers["university"]
    area.ui.detail.anchorClicked.emit(QUrl(f"expatdesk://employer/{employer_id}"))
    assert window.current_area() is window.employers_area
    assert window.employers_area.current_id() == employer_id


def test_new_edit_and_delete_act_on_the_area_shown(
    window: MainWindow, sample, dialogs: list[QDialog]
) -> None:
    from expatdesk.qt.cases.open_case_dialog import OpenCaseDialog
    from expatdesk.qt.employers.editor import EmployerEditor
    from expatdesk.qt.expats.editor import ExpatEditor

    window.show_area(1)
    window.expats_area.show_record(sample.expats["jose"])
    window.ui.actionNew.trigger()
    window.ui.actionEdit.trigger()
    window.show_area(2)
    window.ui.actionNew.trigger()
    window.show_area(3)
    window.ui.actionNew.trigger()
    kinds = [type(dialog) for dialog in dialogs]
    assert kinds == [ExpatEditor, ExpatEditor, EmployerEditor, OpenCaseDialog]
    assert dialogs[0].windowTitle() == "New expat"
    assert dialogs[1].windowTitle() != "New expat"
    assert not window.ui.actionEdit.isEnabled()  # the cases area edits on the case page


def test_actions_follow_the_role(
    qtbot, sqlite_database: Database, settings: Settings, switcher
) -> None:
    from expatdesk.accounts.actor import Actor

    desk = MainWindow(
        sqlite_database, settings, switcher, Actor(None, "desk", "Desk", "desk_officer")
    )
    qtbot.addWidget(desk)
    # What the role may not do stays in sight, greyed out, saying who may.
    ui = desk.ui
    for action, reason in [
        (ui.actionStaffAccounts, "Only administrators may manage staff accounts."),
        (ui.actionErasePersonalData, "Only administrators may erase personal data."),
        (ui.actionRetention, "Only administrators may apply the retention period."),
        (ui.actionImport, "Only managers and administrators may import data."),
        (ui.actionTargetSettings, "Only managers and administrators may change target settings."),
    ]:
        assert action.isVisible()
        assert not action.isEnabled()
        assert action.toolTip() == action.statusTip() == reason
    assert ui.menuFile.toolTipsVisible()
    assert desk.ui.navigation.isRowHidden(desk.areas.index(desk.reports_area))
    switcher.switch("nl")
    qtbot.waitUntil(
        lambda: (
            ui.actionImport.statusTip()
            == "Alleen managers en beheerders mogen gegevens importeren."
        )
    )
    switcher.switch("en")
    admin = MainWindow(sqlite_database, settings, switcher, SYSTEM)
    qtbot.addWidget(admin)
    assert admin.ui.actionStaffAccounts.isVisible()
    assert admin.ui.actionStaffAccounts.isEnabled()
    assert admin.ui.actionStaffAccounts.statusTip() == ""
    assert not admin.ui.navigation.isRowHidden(admin.areas.index(admin.reports_area))


def test_deleting_and_merging_clients_is_for_managers(
    qtbot, sqlite_database: Database, settings: Settings, switcher
) -> None:
    from expatdesk.accounts.actor import Actor

    desk = MainWindow(
        sqlite_database, settings, switcher, Actor(None, "desk", "Desk", "desk_officer")
    )
    qtbot.addWidget(desk)
    ui = desk.ui
    reason = "Only managers and administrators may delete expats and employers."
    for number in (1, 2):  # expats, employers: where delete would act
        desk.show_area(number)
        assert ui.actionEdit.isEnabled()
        for action in (ui.actionDelete, ui.actionMerge):
            assert action.isVisible()
            assert not action.isEnabled()
            assert action.toolTip() == action.statusTip() == reason
        assert not ui.actionErasePersonalData.isEnabled()  # an area does not enable it either
    switcher.switch("nl")
    qtbot.waitUntil(
        lambda: (
            ui.actionDelete.statusTip()
            == "Alleen managers en beheerders mogen expats en werkgevers verwijderen."
        )
    )
    assert not ui.actionDelete.isEnabled()
    switcher.switch("en")
    manager = MainWindow(
        sqlite_database, settings, switcher, Actor(None, "bram", "Bram", "manager")
    )
    qtbot.addWidget(manager)
    manager.show_area(0)
    assert not manager.ui.actionDelete.isEnabled()  # nothing to delete on the home page
    manager.show_area(1)
    assert manager.ui.actionDelete.isEnabled()
    assert manager.ui.actionMerge.isEnabled()
    assert manager.ui.actionDelete.statusTip() == ""
    assert not manager.ui.actionErasePersonalData.isEnabled()  # administrators only
    switcher.switch("nl")
    qtbot.waitUntil(lambda: manager.ui.actionDelete.text() != "&Delete…")
    assert manager.ui.actionDelete.isEnabled()  # a new language keeps what the area allows
    manager.show_area(0)
    switcher.switch("en")
    qtbot.waitUntil(lambda: manager.ui.actionDelete.text() == "&Delete…")
    assert not manager.ui.actionDelete.isEnabled()


def test_the_cases_filters_are_remembered(
    qtbot, window: MainWindow, sqlite_database: Database, settings: Settings, switcher
) -> None:
    area = window.cases_area
    status = area.ui.statusFilter
    status.setCurrentIndex(status.findData("closed"))
    owner = area.ui.ownerFilter
    owner.setCurrentIndex(owner.findData("*"))
    window.close()
    again = MainWindow(sqlite_database, Settings.open(settings.path.parent), switcher, SYSTEM)
    qtbot.addWidget(again)
    assert again.cases_area.ui.statusFilter.currentData() == "closed"
    assert again.cases_area.ui.ownerFilter.currentData() == "*"
    assert again.cases_area.filters() == {"status": "closed"}
