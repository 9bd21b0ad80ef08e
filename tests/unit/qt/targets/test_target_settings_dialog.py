"""The target settings dialog: shows the stored settings, checks them inline, saves them once."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from expatdesk.accounts.actor import SYSTEM
from expatdesk.db.database import Database
from expatdesk.qt.main_window import MainWindow
from expatdesk.qt.targets.settings_dialog import TargetSettingsDialog
from expatdesk.reports.target_settings import (
    DEFAULTS,
    read_centre_name,
    read_settings,
    update_settings,
)
from tests.unit.qt.targets_data import add_targets_data


def make_dialog(qtbot, database: Database) -> TargetSettingsDialog:
    dialog = TargetSettingsDialog(database, actor=SYSTEM)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def ok(qtbot, dialog: TargetSettingsDialog) -> None:
    button = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    assert button.text() == "OK"
    button.click()
    qtbot.waitUntil(lambda: not dialog.is_saving())  # the save runs off the GUI thread


def test_shows_the_stored_settings(qtbot, sqlite_database: Database, switcher) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    assert dialog.entered() == read_settings(sqlite_database).settings
    assert dialog.ui.nThreshold.value() == 50.0
    assert dialog.ui.centreName.text() == read_centre_name(sqlite_database)
    assert dialog.ui.alpha.accessibleName() == "Significance level (alpha)"


def test_invalid_alpha_is_named_inline_and_nothing_is_saved(
    qtbot, sqlite_database: Database, switcher
) -> None:
    before = read_settings(sqlite_database)
    dialog = make_dialog(qtbot, sqlite_database)
    dialog.ui.alpha.setValue(0)
    dialog.ui.minN.setValue(20)
    ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.ui.alphaError.isVisible()
    assert "alpha" in dialog.error_text("alpha")
    assert dialog.error_text("min_n") == ""
    assert dialog.focusWidget() is dialog.ui.alpha
    assert read_settings(sqlite_database) == before


def test_a_valid_change_is_stored(qtbot, sqlite_database: Database, switcher) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    dialog.ui.alpha.setValue(0.01)
    dialog.ui.nThreshold.setValue(62.5)
    dialog.ui.oThreshold.setValue(7.5)
    dialog.ui.centreName.setText("  Expat Centre   East  ")
    with qtbot.waitSignal(dialog.saved):
        ok(qtbot, dialog)
    assert not dialog.isVisible()
    stored = read_settings(sqlite_database).settings
    assert (stored.alpha, stored.n_threshold, stored.o_threshold) == (0.01, 0.625, 7.5)
    assert stored.min_n == DEFAULTS.min_n
    assert read_centre_name(sqlite_database) == "Expat Centre East"


def test_a_change_meanwhile_is_refused_and_reloaded(
    qtbot, sqlite_database: Database, switcher, dialogs
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    saved = read_settings(sqlite_database)
    update_settings(
        sqlite_database, SYSTEM, saved.settings.__class__(**{**DEFAULTS.to_json(), "min_n": 30})
    )
    dialog.ui.alpha.setValue(0.02)
    ok(qtbot, dialog)
    assert dialog.isVisible()
    assert isinstance(dialogs[0], QMessageBox)
    assert "in the meantime" in dialogs[0].text()
    assert dialog.ui.minN.value() == 30
    assert dialog.ui.alpha.value() == DEFAULTS.alpha
    assert read_settings(sqlite_database).settings.alpha == DEFAULTS.alpha


def test_menu_opens_the_dialog_and_the_dashboard_follows(
    qtbot, window: MainWindow, sqlite_database: Database, dialogs
) -> None:
    add_targets_data(sqlite_database)
    window.ui.actionTargets.trigger()
    assert window.current_area() is window.targets_area
    qtbot.waitUntil(lambda: window.targets_area.report is not None, timeout=20000)
    window.ui.actionTargetSettings.trigger()
    dialog = dialogs[-1]
    assert isinstance(dialog, TargetSettingsDialog)
    dialog.ui.pThreshold.setValue(9.0)
    with qtbot.waitSignal(window.targets_area.refreshed, timeout=20000):
        dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    report = window.targets_area.report
    assert report is not None
    assert report.settings.p_threshold == 9.0
    assert window.targets_area.cards["P"].thresholdLabel.text() == (
        "Target: at least 9.0, and higher than the year before"
    )


def test_reports_area_opens_the_settings(window: MainWindow, dialogs) -> None:
    window.ui.actionReports.trigger()
    assert window.current_area() is window.reports_area
    window.reports_area.settingsButton.click()
    assert isinstance(dialogs[-1], TargetSettingsDialog)
