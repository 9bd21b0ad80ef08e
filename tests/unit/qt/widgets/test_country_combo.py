"""Countries and languages chosen by typing part of their name, in the UI language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from expatdesk import i18n
from expatdesk.expats import vocabulary as expat_vocabulary
from expatdesk.qt.widgets.country_combo import CountryCombo, LanguageCombo, SearchCombo

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def suggestions(combo: SearchCombo) -> list[str]:
    model = combo.suggester.completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_matches_contain_the_words_accents_ignored_prefix_first(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    combo = CountryCombo(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    combo.setFocus()
    line_edit = combo.lineEdit()
    qtbot.keyClicks(line_edit, "NETH")
    assert suggestions(combo) == ["Netherlands", "Caribbean Netherlands"]
    line_edit.clear()
    qtbot.keyClicks(line_edit, "ivoire")
    assert suggestions(combo) == ["Côte d’Ivoire"]
    line_edit.clear()
    qtbot.keyClicks(line_edit, "united st")
    assert "United States" in suggestions(combo)
    assert "United Kingdom" not in suggestions(combo)
    qtbot.keyClick(combo.popup, Qt.Key.Key_Return)  # the best match, without arrow keys
    assert combo.entered() in ("US", "UM")


def test_no_pseudo_countries_and_codes_work(qtbot) -> None:
    combo = CountryCombo()
    qtbot.addWidget(combo)
    names = [combo.itemText(row) for row in range(combo.count())]
    assert "European Union" not in names
    assert "Unknown Region" not in names
    combo.set_code("nl")
    assert combo.currentText() == "Netherlands"
    assert combo.entered() == "NL"
    combo.set_code("QQ")  # a stored code no longer listed stays visible
    assert combo.currentText() == "QQ"
    assert not combo.is_known()
    combo.set_code(None)
    assert combo.entered() is None
    assert combo.is_known()


def test_names_follow_the_language(qtbot) -> None:
    combo = CountryCombo()
    qtbot.addWidget(combo)
    combo.set_code("DE")
    i18n.set_language("nl")
    combo.set_items(expat_vocabulary.nationalities())
    assert combo.currentText() == "Duitsland"
    assert combo.entered() == "DE"
    assert combo.itemText(0) == "Afghanistan"


def test_languages_list_dutch_and_english_first(qtbot) -> None:
    combo = LanguageCombo()
    qtbot.addWidget(combo)
    assert [combo.itemData(0), combo.itemData(1)] == ["nl", "en"]
    combo.setEditText("spanish")
    assert combo.entered() == "es"
