"""Switching the language while the app runs: every window at once, and remembered."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QPushButton

from expatdesk import i18n
from expatdesk.qt.app import choose_language
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.main_window import MainWindow
from expatdesk.qt.settings import Settings


def test_form_strings_come_from_the_gettext_catalogs(switcher: LanguageSwitcher) -> None:
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    switcher.apply("nl")
    assert QCoreApplication.translate("MainWindow", "&File") == i18n._("&File") == "&Bestand"
    assert QCoreApplication.translate("AnyContext", "&File") == "&Bestand"  # context ignored
    assert QCoreApplication.translate("MainWindow", "not in any catalog") == "not in any catalog"


def test_qt_translates_its_own_standard_buttons(switcher: LanguageSwitcher) -> None:
    switcher.apply("nl")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
    switcher.apply("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def _file_dialog_texts() -> list[str]:
    dialog = QFileDialog(None, "x", "", "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    try:
        return [label.text() for label in dialog.findChildren(QLabel)] + [
            button.text() for button in dialog.findChildren(QPushButton)
        ]
    finally:
        dialog.deleteLater()


def test_qt_file_dialogs_speak_dutch_entirely(switcher: LanguageSwitcher) -> None:
    english = _file_dialog_texts()
    assert "&Look in:" in english
    switcher.apply("nl")
    dutch = _file_dialog_texts()
    assert "&Zoeken in:" in dutch
    assert "Bestands&type:" in dutch
    assert set(dutch).isdisjoint(english)  # no label or button stayed English


def test_apply_does_not_remember_but_switch_does(
    switcher: LanguageSwitcher, settings: Settings
) -> None:
    switcher.apply("nl")
    assert settings.language is None
    switcher.switch("nl")
    assert settings.language == "nl"
    assert Settings.open(settings.path.parent).language == "nl"


def test_uninstall_removes_the_translators(switcher: LanguageSwitcher) -> None:
    switcher.apply("nl")
    switcher.uninstall()
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_the_language_menu_switches_every_window_at_once(
    qtbot, window: MainWindow, switcher: LanguageSwitcher, settings: Settings
) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    buttons.show()
    box = QMessageBox(
        QMessageBox.Icon.Question, "ExpatDesk", "?", QMessageBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    box.show()
    window.employers_area.select_id(1)
    window.show_area(2)
    area = window.employers_area

    with qtbot.wait_signal(switcher.languageChanged):
        window.ui.actionDutch.trigger()

    def all_dutch() -> None:
        assert window.ui.menuFile.title() == "&Bestand"
        assert window.ui.menuView.title() == "Beel&d"
        assert window.ui.menuLanguage.title() == "&Taal"
        assert window.ui.actionQuit.text() == "&Afsluiten"
        assert window.ui.navigation.item(2).text() == "Werkgevers"
        assert area.model.headerData(1, Qt.Orientation.Horizontal) == "Naam"
        assert "Contactpersonen" in area.ui.detail.toPlainText()
        assert area.ui.searchLabel.text() == "&Zoeken:"
        assert area.ui.searchEdit.accessibleName() == "Werkgevers zoeken"
        count = window.statusBar().findChild(QLabel, "countLabel")
        assert count.text() == "3 werkgevers"
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuleren"
        assert box.button(QMessageBox.StandardButton.Cancel).text() == "Annuleren"

    qtbot.wait_until(all_dutch)
    assert window.ui.actionDutch.isChecked()
    assert not window.ui.actionEnglish.isChecked()
    assert window.expats_area.model.headerData(3, Qt.Orientation.Horizontal) == "Nationaliteit"
    assert settings.language == "nl"
    assert choose_language(None, Settings.open(settings.path.parent)) == "nl"

    window.ui.actionEnglish.trigger()
    qtbot.wait_until(lambda: window.ui.menuFile.title() == "&File")
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    assert settings.language == "en"


def test_the_detail_dates_follow_the_language(
    qtbot, window: MainWindow, switcher: LanguageSwitcher
) -> None:
    area = window.expats_area
    area.select_id(1)  # José, arrived 26 November 2026
    assert "26 Nov 2026" in area.ui.detail.toPlainText()
    switcher.switch("nl")
    qtbot.wait_until(lambda: "26 nov 2026" in area.ui.detail.toPlainText())
    assert "Spanje" in area.ui.detail.toPlainText()


def test_choose_language(settings: Settings, monkeypatch) -> None:
    monkeypatch.setenv("EXPATDESK_LANG", "nl")
    assert choose_language(None, settings) == "nl"  # nothing remembered: the system's
    settings.language = "en"
    assert choose_language(None, settings) == "en"  # remembered
    assert choose_language("nl", settings) == "nl"  # asked for
