"""A manager adapts a letter's text in the app; a desk officer is not offered it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from expatdesk.accounts.actor import Actor
from expatdesk.cases import detail as case_detail
from expatdesk.db.database import Database
from expatdesk.documents import letters, templates
from expatdesk.qt.documents.letter_dialog import LetterDialog
from expatdesk.qt.documents.template_dialog import TemplateDialog
from tests.unit.documents.conftest import add_desk

MANAGER = Actor(None, "bram", "Bram Jansen", "manager")


def _save(dialog: TemplateDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_a_manager_adapts_the_dutch_text_and_the_next_letter_uses_it(
    qtbot, sqlite_database: Database
) -> None:
    desk = add_desk(sqlite_database)
    dialog = TemplateDialog(sqlite_database, MANAGER)
    qtbot.addWidget(dialog)
    dialog.languageCombo.setCurrentIndex(dialog.languageCombo.findData("nl"))
    assert dialog.subjectEdit.text() == "Documenten die nog nodig zijn voor uw aanvraag"
    assert "{documents}" in dialog.placeholdersLabel.text()

    dialog.bodyEdit.setPlainText("Beste {client_name},\n\nNog te brengen:\n\n{documents}\n\n{oeps}")
    _save(dialog)
    assert "uses {oeps}, which this letter does not know" in dialog.messageLabel.text()

    dialog.bodyEdit.setPlainText("Beste {client_name},\n\nNog te brengen:\n\n{documents}")
    with qtbot.waitSignal(dialog.saved):
        _save(dialog)
    assert dialog.messageLabel.text() == "Saved."
    dialog.subjectEdit.setText("Nog te brengen")
    _save(dialog)  # a second save of the same dialog: the version it stored
    assert templates.read_template(sqlite_database, "documents-needed", "nl").subject == (
        "Nog te brengen"
    )
    letter = letters.make_letter(sqlite_database, desk.officer, "documents-needed", desk.dutch_case)
    assert letter.subject == "Nog te brengen"


def test_only_managers_see_the_button(qtbot, sqlite_database: Database) -> None:
    desk = add_desk(sqlite_database)
    detail = case_detail.load_case(sqlite_database, desk.dutch_case)
    for actor, shown in ((desk.officer, False), (MANAGER, True)):
        dialog = LetterDialog(sqlite_database, actor, detail)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.templatesButton.isVisible() is shown
