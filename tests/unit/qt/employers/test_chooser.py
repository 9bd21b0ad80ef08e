"""The one employer picker (expat editor, employer list filter, open-case and walk-in forms): typing
suggests employers from the database, the keyboard takes one, Enter never reaches the form's
default button before an employer is taken, and an empty field is no employer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QVBoxLayout

from expatdesk.db.database import Database
from expatdesk.qt.employers.chooser import EmployerChooser
from tests.helpers.sample import Sample
from tests.unit.qt.employers.picking import pick_employer

# The suggestions are a popup, which the offscreen platform cannot raise.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


class _Form(QDialog):
    """A form with the chooser, a field after it and a default button, like the desk forms."""

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.chooser = EmployerChooser(self)
        self.chooser.set_database(database)
        self.after = QLineEdit(self)
        self.save = QPushButton("Save", self)
        self.save.setDefault(True)
        self.save.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (self.chooser, self.after, self.save):
            layout.addWidget(widget)


@pytest.fixture
def form(qtbot, sqlite_database: Database, sample: Sample) -> _Form:
    form = _Form(sqlite_database)
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def _suggested(qtbot, chooser: EmployerChooser, text: str) -> list[str]:
    chooser.setFocus()
    chooser.selectAll()
    with qtbot.waitSignal(chooser.suggestionsShown):
        qtbot.keyClicks(chooser, text)
    model = chooser.suggestions
    return [model.item(row).text() for row in range(model.rowCount())]


def test_typing_finds_by_name_kvk_or_ref_without_accents(qtbot, form: _Form) -> None:
    chooser = form.chooser
    assert _suggested(qtbot, chooser, "OLMEZ") == ["Bakkerij Ölmez (EMP-0003)"]
    assert _suggested(qtbot, chooser, "06035234") == ["Thales Nederland (EMP-0001, KvK 06035234)"]
    assert _suggested(qtbot, chooser, "emp-0002") == [
        "Universiteit Twente (EMP-0002, KvK 50130536)"
    ]
    assert _suggested(qtbot, chooser, "twente univ") == [
        "Universiteit Twente (EMP-0002, KvK 50130536)"
    ]
    with qtbot.waitSignal(chooser.suggestionsShown) as shown:
        qtbot.keyClicks(chooser, "x")  # "twente univx"
    assert shown.args == [0]
    assert not chooser.popup.isVisible()


def test_arrows_and_enter_take_a_suggestion_without_pressing_the_default_button(
    qtbot, form: _Form, sample: Sample
) -> None:
    chooser = form.chooser
    assert _suggested(qtbot, chooser, "e")[:2] == [
        "Bakkerij Ölmez (EMP-0003)",
        "Thales Nederland (EMP-0001, KvK 06035234)",
    ]
    qtbot.waitUntil(chooser.popup.isVisible)
    with (
        qtbot.assertNotEmitted(form.accepted),
        qtbot.waitSignal(chooser.employerChanged) as changed,
    ):
        qtbot.keyClick(chooser.popup, Qt.Key.Key_Down)
        qtbot.keyClick(chooser.popup, Qt.Key.Key_Down)
        qtbot.keyClick(chooser.popup, Qt.Key.Key_Return)
    assert changed.args == [sample.employers["thales"]]
    assert (chooser.text(), chooser.employer_id()) == ("Thales Nederland", changed.args[0])
    assert chooser.is_resolved()
    assert form.isVisible()
    # Taken: Tab goes on to the next field, and Enter is the form's again.
    qtbot.keyClick(chooser, Qt.Key.Key_Tab)
    assert form.after.hasFocus()
    chooser.setFocus()
    with qtbot.waitSignal(form.accepted):
        qtbot.keyClick(chooser, Qt.Key.Key_Return)


def test_enter_before_any_is_highlighted_takes_the_first(
    qtbot, form: _Form, sample: Sample
) -> None:
    with qtbot.assertNotEmitted(form.accepted):
        pick_employer(qtbot, form.chooser, "twente")
    assert form.chooser.employer_id() == sample.employers["university"]
    assert form.isVisible()


def test_typed_text_that_is_no_choice_keeps_enter_and_searches_again(
    qtbot, form: _Form, sample: Sample
) -> None:
    chooser = form.chooser
    pick_employer(qtbot, chooser, "thales")
    with qtbot.waitSignal(chooser.suggestionsShown):
        qtbot.keyClicks(chooser, " Hengelo")  # typed over the choice: no choice any more
    assert chooser.employer_id() is None
    assert not chooser.is_resolved()
    qtbot.keyClick(chooser.popup, Qt.Key.Key_Escape)
    with qtbot.assertNotEmitted(form.accepted), qtbot.waitSignal(chooser.suggestionsShown):
        qtbot.keyClick(chooser, Qt.Key.Key_Return)
        qtbot.keyClick(chooser, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert form.isVisible()


def test_an_empty_field_is_no_employer(qtbot, form: _Form, sample: Sample) -> None:
    chooser = form.chooser
    pick_employer(qtbot, chooser, "olmez")
    assert chooser.employer_id() == sample.employers["bakery"]
    with qtbot.waitSignal(chooser.employerChanged) as changed:
        qtbot.keyClick(chooser, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(chooser, Qt.Key.Key_Delete)
    assert changed.args == [None]
    assert (chooser.text(), chooser.employer_id(), chooser.toolTip()) == ("", None, "")
    assert chooser.is_resolved()
    qtbot.waitUntil(lambda: chooser.suggestions.rowCount() == 0)  # nothing to suggest
    assert not chooser.popup.isVisible()


def test_a_preset_employer_shows_with_its_ref_and_kvk(qtbot, form: _Form, sample: Sample) -> None:
    chooser = form.chooser
    with qtbot.assertNotEmitted(chooser.employerChanged):
        chooser.choose(sample.employers["thales"])
    assert (chooser.text(), chooser.employer_id()) == (
        "Thales Nederland",
        sample.employers["thales"],
    )
    assert chooser.toolTip() == "Thales Nederland (EMP-0001, KvK 06035234)"
    chooser.choose(999_999)  # gone meanwhile: no employer
    assert (chooser.text(), chooser.employer_id()) == ("", None)
    chooser.choose(sample.employers["bakery"])
    chooser.choose(None)
    assert (chooser.text(), chooser.employer_id()) == ("", None)


def test_dutch(qtbot, form: _Form, switcher) -> None:
    assert form.chooser.placeholderText() == "Type part of the name, KvK number or reference"
    switcher.apply("nl")
    qtbot.waitUntil(
        lambda: (
            form.chooser.placeholderText()
            == "Typ een deel van de naam, het KvK-nummer of de referentie"
        )
    )


def test_the_suggestions_are_as_wide_as_their_text_in_a_narrow_field(
    qtbot, form: _Form, sample: Sample
) -> None:
    """A list filter's chooser is narrow; the employers' names in its suggestions were cut."""
    chooser = form.chooser
    chooser.setFixedWidth(120)
    assert _suggested(qtbot, chooser, "twente") == ["Universiteit Twente (EMP-0002, KvK 50130536)"]
    qtbot.waitUntil(chooser.popup.isVisible)
    popup = chooser.popup
    text = popup.fontMetrics().horizontalAdvance("Universiteit Twente (EMP-0002, KvK 50130536)")
    assert popup.width() > chooser.width()
    assert popup.viewport().width() >= text
