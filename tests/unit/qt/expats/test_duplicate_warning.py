"""The duplicate warning: the candidates listed, open / register anyway / cancel, by keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from expatdesk.expats.duplicates import DuplicateCandidate
from expatdesk.qt import msgbox
from expatdesk.qt.expats.duplicate_warning import (
    DuplicateChoice,
    DuplicateWarning,
    ask_about_duplicates,
)

JOSE = DuplicateCandidate(
    expat_id=11,
    ref="EXP-0001",
    name="José García",
    date_of_birth=date(1990, 4, 12),
    email="jose.garcia@example.es",
    bsn_masked="*****6782",
    reasons=("same BSN", "same e-mail address"),
)
TWIN = DuplicateCandidate(
    expat_id=42,
    ref="EXP-0042",
    name="Jose Garcia",
    date_of_birth=date(1990, 4, 12),
    email=None,
    bsn_masked=None,
    reasons=("same name and date of birth",),
)


@pytest.fixture
def warning(qtbot) -> DuplicateWarning:
    dialog = DuplicateWarning([JOSE, TWIN])
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def rows(dialog: DuplicateWarning) -> list[list[str]]:
    tree = dialog.candidates
    result = []
    for row in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(row)
        assert item is not None
        result.append([item.text(column) for column in range(tree.columnCount())])
    return result


def test_lists_the_candidates_with_the_first_selected(warning: DuplicateWarning) -> None:
    assert warning.windowTitle() == "Possible duplicate"
    assert warning.message.text().startswith(
        "2 expats who may be the same person are registered already."
    )
    header = warning.candidates.headerItem()
    assert [header.text(column) for column in range(6)] == [
        "Ref.",
        "Name",
        "Date of birth",
        "BSN",
        "E-mail",
        "Why",
    ]
    assert rows(warning) == [
        [
            "EXP-0001",
            "José García",
            "12 Apr 1990",
            "*****6782",
            "jose.garcia@example.es",
            "same BSN and same e-mail address",
        ],
        ["EXP-0042", "Jose Garcia", "12 Apr 1990", "", "", "same name and date of birth"],
    ]
    assert warning.selected_id() == 11
    assert warning.candidates.hasFocus()
    assert warning.openButton.isDefault()
    assert warning.candidates.accessibleName() == "Existing records"
    assert warning.choice() == DuplicateChoice("cancel")


def test_one_candidate_is_named_in_the_singular(qtbot) -> None:
    dialog = DuplicateWarning([TWIN])
    qtbot.addWidget(dialog)
    assert dialog.message.text().startswith(
        "An expat who may be the same person is registered already."
    )


def test_enter_opens_the_record_chosen_with_the_arrow_keys(
    qtbot, warning: DuplicateWarning
) -> None:
    qtbot.keyClick(warning.candidates, Qt.Key.Key_Down)
    assert warning.selected_id() == 42
    with qtbot.wait_signal(warning.chosen) as signal:
        qtbot.keyClick(warning.candidates, Qt.Key.Key_Return)
    assert signal.args == [DuplicateChoice("open", 42)]
    assert warning.result() == QDialog.DialogCode.Accepted
    assert warning.choice() == DuplicateChoice("open", 42)


def test_double_click_opens_that_record(qtbot, warning: DuplicateWarning) -> None:
    item = warning.candidates.topLevelItem(1)
    assert item is not None
    viewport = warning.candidates.viewport()
    centre = warning.candidates.visualItemRect(item).center()
    # A view opens on a double click only where the preceding press was.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    assert warning.choice() == DuplicateChoice("open", 42)
    assert not warning.isVisible()


def test_register_anyway(qtbot, warning: DuplicateWarning) -> None:
    qtbot.mouseClick(warning.registerButton, Qt.MouseButton.LeftButton)
    assert warning.choice() == DuplicateChoice("save")
    assert warning.result() == QDialog.DialogCode.Accepted


def test_tab_reaches_register_anyway_and_space_presses_it(qtbot, warning: DuplicateWarning) -> None:
    qtbot.keyClick(warning.candidates, Qt.Key.Key_Tab)
    assert warning.openButton.hasFocus()
    qtbot.keyClick(warning.openButton, Qt.Key.Key_Tab)
    assert warning.registerButton.hasFocus()
    qtbot.keyClick(warning.registerButton, Qt.Key.Key_Space)
    assert warning.choice() == DuplicateChoice("save")


def test_escape_cancels(qtbot, warning: DuplicateWarning) -> None:
    qtbot.keyClick(warning.candidates, Qt.Key.Key_Down)
    with qtbot.wait_signal(warning.chosen) as signal:
        qtbot.keyClick(warning.candidates, Qt.Key.Key_Escape)
    assert signal.args == [DuplicateChoice("cancel")]
    assert warning.result() == QDialog.DialogCode.Rejected


def test_cancel_button_cancels(qtbot, warning: DuplicateWarning) -> None:
    qtbot.mouseClick(warning.cancelButton, Qt.MouseButton.LeftButton)
    assert warning.choice() == DuplicateChoice("cancel")


def test_ask_runs_the_dialog_through_exec_dialog(
    qtbot, monkeypatch: pytest.MonkeyPatch, dialogs: list[QDialog]
) -> None:
    assert ask_about_duplicates(None, [JOSE]) == DuplicateChoice("cancel")
    assert isinstance(dialogs[-1], DuplicateWarning)

    def choose_open(dialog: QDialog) -> int:
        assert isinstance(dialog, DuplicateWarning)
        qtbot.addWidget(dialog)
        dialog.openButton.click()
        return dialog.result()

    monkeypatch.setattr(msgbox, "exec_dialog", choose_open)
    assert ask_about_duplicates(None, [TWIN, JOSE]) == DuplicateChoice("open", 42)


def test_no_candidates_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="no duplicate candidates"):
        DuplicateWarning([])


def test_dates_follow_a_language_switch(qtbot, warning: DuplicateWarning, switcher) -> None:
    switcher.apply("nl")
    qtbot.waitUntil(lambda: rows(warning)[0][2] == "12 apr 1990")
    switcher.apply("en")
    qtbot.waitUntil(lambda: rows(warning)[0][2] == "12 Apr 1990")


def test_merge_is_offered_only_when_asked(qtbot) -> None:
    plain = DuplicateWarning([JOSE])
    qtbot.addWidget(plain)
    assert plain.mergeButton.isHidden()
    dialog = DuplicateWarning([JOSE, TWIN], can_merge=True)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    assert dialog.mergeButton.isVisible()
    assert dialog.mergeButton.text() == "&Merge…"
    qtbot.keyClick(dialog.candidates, Qt.Key.Key_Down)
    qtbot.mouseClick(dialog.mergeButton, Qt.MouseButton.LeftButton)
    assert dialog.choice() == DuplicateChoice("merge", 42)


def test_ask_can_offer_the_merge(
    qtbot, monkeypatch: pytest.MonkeyPatch, dialogs: list[QDialog]
) -> None:
    def choose_merge(dialog: QDialog) -> int:
        assert isinstance(dialog, DuplicateWarning)
        qtbot.addWidget(dialog)
        dialog.mergeButton.click()
        return dialog.result()

    monkeypatch.setattr(msgbox, "exec_dialog", choose_merge)
    assert ask_about_duplicates(None, [JOSE], can_merge=True) == DuplicateChoice("merge", 11)
