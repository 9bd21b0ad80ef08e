"""The merge dialog: find the other record, choose values, confirm; cancel changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QRadioButton
from sqlalchemy import func, select

from expatdesk import clock
from expatdesk.accounts.actor import Actor
from expatdesk.db.database import Database
from expatdesk.db.models import Case, Expat, ServiceDelivery, StaffUser
from expatdesk.expats.merge import LinkCounts
from expatdesk.qt import msgbox
from expatdesk.qt.expats.merge_dialog import MergeDialog, moves_text
from tests.helpers.sample import Sample


@dataclass(frozen=True)
class Records:
    keep: int
    drop: int


@pytest.fixture
def anna(sqlite_database: Database) -> Actor:
    with sqlite_database.transaction() as session:
        # A manager: a merge deletes a record, which only managers and administrators may.
        user = StaffUser(username="anna", display_name="Anna de Vries", role="manager")
        session.add(user)
        session.flush()
        return Actor(user.id, "anna", "Anna de Vries", "manager")


@pytest.fixture
def records(sqlite_database: Database, sample: Sample) -> Records:
    """José García (kept) and his second record, with a case and two services."""
    with sqlite_database.transaction() as session:
        expat = Expat(
            expat_ref="EXP-0010",
            given_name="Jose",
            family_name="Garcia Lopez",
            date_of_birth=date(1990, 4, 12),
            nationality="ES",
            email="jose@thales.example",
            arrival_date=date(2026, 10, 1),
            municipality_code="hengelo",
        )
        session.add(expat)
        session.flush()
        case = Case(
            case_ref="CASE-0100", subject="Permit", expat_id=expat.id, opened_on=clock.today()
        )
        session.add(case)
        session.flush()
        session.add_all(
            [
                ServiceDelivery(
                    service_ref=f"SRV-010{number}",
                    service_code="housing",
                    delivered_on=date(2026, 10, 2),
                    expat_id=expat.id,
                    case_id=case.id if number else None,
                )
                for number in range(2)
            ]
        )
        return Records(sample.expats["jose"], expat.id)


def make_dialog(
    qtbot, database: Database, actor: Actor, keep: int, other: int | None = None
) -> MergeDialog:
    dialog = MergeDialog(database, actor, keep, None, other_id=other)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def find(qtbot, dialog: MergeDialog, text: str) -> None:
    """Type into the search field as a user does, and wait for the results."""
    dialog.ui.searchEdit.setFocus()
    qtbot.keyClicks(dialog.ui.searchEdit, text)
    qtbot.waitUntil(lambda: dialog.ui.otherList.topLevelItemCount() > 0)


def click(qtbot, radio: QRadioButton) -> None:
    """Click a radio button on its indicator."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


def found_refs(dialog: MergeDialog) -> list[str]:
    tree = dialog.ui.otherList
    return [tree.topLevelItem(row).text(0) for row in range(tree.topLevelItemCount())]


def state(database: Database, records: Records) -> tuple[object, ...]:
    """What a merge would change: both records and where the linked rows point."""
    with database.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(Expat)),
            session.scalar(select(func.count()).where(Case.expat_id == records.drop)),
            session.scalar(select(func.count()).where(ServiceDelivery.expat_id == records.drop)),
            session.get_one(Expat, records.keep).email,
            session.get_one(Expat, records.keep).version,
        )


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Answer the confirmation with "Merge"; the texts asked are listed."""
    asked: list[tuple[str, str]] = []

    def confirm(dialog: QDialog) -> int:
        assert isinstance(dialog, QMessageBox)
        asked.append((dialog.text(), dialog.informativeText()))
        button = dialog.findChild(QPushButton, "confirmMerge")
        assert button is not None
        assert dialog.defaultButton() is not button  # Enter alone does not merge
        button.click()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(msgbox, "exec_dialog", confirm)
    return asked


# --- finding and choosing ---------------------------------------------------------------------


def test_opened_on_the_record_to_keep_it_finds_the_other(
    qtbot, sqlite_database: Database, anna: Actor, records: Records
) -> None:
    dialog = make_dialog(qtbot, sqlite_database, anna, records.keep)
    assert dialog.windowTitle() == "Merge expat records"
    assert dialog.ui.keepLabel.text() == (
        "The record kept: EXP-0001 José García. Find the other record of the same person."
    )
    assert not dialog.mergeButton.isEnabled()
    assert dialog.ui.searchEdit.hasFocus()
    find(qtbot, dialog, "garcia")
    assert found_refs(dialog) == ["EXP-0010"]  # the kept record is not offered
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert dialog.other_id == records.drop
    assert dialog.ui.keepLabel.text() == (
        "Keep EXP-0001 José García and merge EXP-0010 Jose Garcia Lopez into it."
    )
    assert dialog.ui.movesLabel.text() == (
        "Moves from EXP-0010 to EXP-0001: 1 case and 2 service deliveries."
    )
    assert dialog.mergeButton.isEnabled()
    assert dialog.radio("email", from_other=False).text() == "jose.garcia@example.es"
    assert dialog.radio("email", from_other=True).text() == "jose@thales.example"
    assert dialog.radio("email", from_other=True).accessibleName() == (
        "E-mail: jose@thales.example, from EXP-0010"
    )
    assert dialog.radio("arrival_date", from_other=True).text() == "1 Oct 2026"
    with pytest.raises(KeyError):
        dialog.radio("date_of_birth", from_other=True)  # the same in both: nothing to choose
    assert dialog.take_from_drop() == frozenset()


def test_enter_in_the_search_goes_to_the_results_and_tab_to_the_choices(
    qtbot, sqlite_database: Database, anna: Actor, records: Records, sample: Sample
) -> None:
    dialog = make_dialog(qtbot, sqlite_database, anna, sample.expats["anna"])
    qtbot.keyClicks(dialog.ui.searchEdit, "jose")
    qtbot.keyClick(dialog.ui.searchEdit, Qt.Key.Key_Return)
    assert found_refs(dialog) == ["EXP-0001", "EXP-0010"]
    assert dialog.ui.otherList.hasFocus()
    assert dialog.other_id == records.keep
    qtbot.keyClick(dialog.ui.otherList, Qt.Key.Key_Down)
    assert dialog.other_id == records.drop
    assert dialog.isVisible()  # Enter and the arrows never merge
    qtbot.keyClick(dialog.ui.otherList, Qt.Key.Key_Tab)
    first = dialog.radio("given_name", from_other=False)
    assert first.hasFocus()
    qtbot.keyClick(first, Qt.Key.Key_Right)  # the arrows move within a field's pair
    assert dialog.radio("given_name", from_other=True).isChecked()
    assert dialog.take_from_drop() == frozenset({"given_name"})


def test_enter_never_merges(
    qtbot,
    sqlite_database: Database,
    anna: Actor,
    records: Records,
    confirmations: list[tuple[str, str]],
) -> None:
    """The confirmation would be answered with "Merge" here: Enter must not even ask."""
    before = state(sqlite_database, records)
    dialog = make_dialog(qtbot, sqlite_database, anna, records.keep)
    with qtbot.assert_not_emitted(dialog.merged):
        qtbot.keyClicks(dialog.ui.searchEdit, "garcia")
        qtbot.keyClick(dialog.ui.searchEdit, Qt.Key.Key_Return)
        assert dialog.preview is not None
        assert dialog.mergeButton.isEnabled()
        assert dialog.ui.otherList.hasFocus()
        qtbot.keyClick(dialog.ui.otherList, Qt.Key.Key_Return)
        qtbot.keyClick(dialog.ui.otherList, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
        dialog.ui.searchEdit.setFocus()
        qtbot.keyClick(dialog.ui.searchEdit, Qt.Key.Key_Return)
    assert not dialog.mergeButton.isDefault()
    assert confirmations == []
    assert dialog.isVisible()
    assert state(sqlite_database, records) == before


def test_the_other_record_can_be_given_and_the_sides_swapped(
    qtbot, sqlite_database: Database, anna: Actor, records: Records
) -> None:
    dialog = make_dialog(qtbot, sqlite_database, anna, records.keep, records.drop)
    assert dialog.preview is not None
    assert found_refs(dialog) == ["EXP-0010"]
    qtbot.mouseClick(dialog.ui.swapButton, Qt.MouseButton.LeftButton)
    assert (dialog.keep_id, dialog.other_id) == (records.drop, records.keep)
    assert found_refs(dialog) == ["EXP-0001"]
    assert dialog.ui.keepLabel.text() == (
        "Keep EXP-0010 Jose Garcia Lopez and merge EXP-0001 José García into it."
    )
    assert dialog.ui.movesLabel.text() == (
        "Moves from EXP-0001 to EXP-0010: 2 family members and 1 permit."
    )


# --- merging ----------------------------------------------------------------------------------


def test_choose_fields_confirm_and_the_records_are_merged(
    qtbot,
    sqlite_database: Database,
    anna: Actor,
    records: Records,
    confirmations: list[tuple[str, str]],
) -> None:
    dialog = make_dialog(qtbot, sqlite_database, anna, records.keep, records.drop)
    click(qtbot, dialog.radio("email", from_other=True))
    dialog.radio("arrival_date", from_other=True).setFocus()
    qtbot.keyClick(dialog.radio("arrival_date", from_other=True), Qt.Key.Key_Space)
    assert dialog.take_from_drop() == frozenset({"email", "arrival_date"})
    with qtbot.wait_signal(dialog.merged) as merged:
        qtbot.mouseClick(dialog.mergeButton, Qt.MouseButton.LeftButton)
    assert merged.args == [records.keep]
    assert confirmations == [
        (
            "Merge EXP-0010 into EXP-0001? This cannot be undone.",
            "Moves from EXP-0010 to EXP-0001: 1 case and 2 service deliveries.",
        )
    ]
    assert dialog.result() == QDialog.DialogCode.Accepted
    with sqlite_database.reading() as session:
        assert session.get(Expat, records.drop) is None
        kept = session.get_one(Expat, records.keep)
        assert (kept.email, kept.arrival_date, kept.given_name) == (
            "jose@thales.example",
            date(2026, 10, 1),
            "José",
        )
        assert session.scalar(select(func.count()).where(ServiceDelivery.expat_id == kept.id)) == 2
        assert session.scalar(select(func.count()).where(Case.expat_id == kept.id)) == 1


def test_declining_the_confirmation_changes_nothing(
    qtbot, sqlite_database: Database, anna: Actor, records: Records, dialogs: list[QDialog]
) -> None:
    before = state(sqlite_database, records)
    dialog = make_dialog(qtbot, sqlite_database, anna, records.keep, records.drop)
    dialog.choose("email", from_other=True)
    with qtbot.assert_not_emitted(dialog.merged):
        qtbot.mouseClick(dialog.mergeButton, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.is_merging())  # the merge runs off the GUI thread
    [question] = dialogs
    assert isinstance(question, QMessageBox)
    assert question.text() == "Merge EXP-0010 into EXP-0001? This cannot be undone."
    assert dialog.isVisible()
    assert state(sqlite_database, records) == before


def test_cancel_changes_nothing(
    qtbot, sqlite_database: Database, anna: Actor, records: Records, dialogs: list[QDialog]
) -> None:
    before = state(sqlite_database, records)
    dialog = make_dialog(qtbot, sqlite_database, anna, records.keep, records.drop)
    dialog.choose("email", from_other=True)
    with qtbot.assert_not_emitted(dialog.merged):
        qtbot.keyClick(dialog.ui.searchEdit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert dialogs == []
    assert state(sqlite_database, records) == before


def test_a_record_changed_meanwhile_is_shown_anew_and_the_choices_kept(
    qtbot,
    sqlite_database: Database,
    anna: Actor,
    records: Records,
    monkeypatch: pytest.MonkeyPatch,
    confirmations: list[tuple[str, str]],
) -> None:
    dialog = make_dialog(qtbot, sqlite_database, anna, records.keep, records.drop)
    dialog.choose("email", from_other=True)
    with sqlite_database.transaction(anna) as session:
        session.get_one(Expat, records.drop).phone = "+31 53 000 0000"
    errors: list[str] = []
    monkeypatch.setattr(msgbox, "error", lambda _parent, _title, text: errors.append(text))
    with qtbot.assert_not_emitted(dialog.merged):
        qtbot.mouseClick(dialog.mergeButton, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.is_merging())  # the merge runs off the GUI thread
    assert errors
    assert errors[0].startswith("anna changed this record on ")
    assert dialog.error_text() == errors[0]
    assert dialog.isVisible()
    assert dialog.preview is not None
    assert dialog.preview.drop.version == 2
    assert dialog.radio("phone", from_other=True).text() == "+31 53 000 0000"
    assert dialog.take_from_drop() == frozenset({"email"})
    with qtbot.wait_signal(dialog.merged):
        qtbot.mouseClick(dialog.mergeButton, Qt.MouseButton.LeftButton)
    with sqlite_database.reading() as session:
        assert session.get_one(Expat, records.keep).email == "jose@thales.example"


def test_choices_that_do_not_fit_are_explained(
    qtbot,
    sqlite_database: Database,
    anna: Actor,
    records: Records,
    confirmations: list[tuple[str, str]],
) -> None:
    with sqlite_database.transaction() as session:
        other = session.get_one(Expat, records.drop)
        other.date_of_birth = date(2026, 11, 26)
        other.arrival_date = None
    dialog = make_dialog(qtbot, sqlite_database, anna, records.keep, records.drop)
    dialog.choose("date_of_birth", from_other=True)
    with qtbot.assert_not_emitted(dialog.merged):
        qtbot.mouseClick(dialog.mergeButton, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.is_merging())  # the merge runs off the GUI thread
    assert dialog.error_text() == (
        "With these choices the arrival would not lie after the date of birth."
    )
    assert dialog.isVisible()


def test_a_deleted_record_to_keep_is_said(
    qtbot, sqlite_database: Database, anna: Actor, sample: Sample
) -> None:
    dialog = make_dialog(qtbot, sqlite_database, anna, 987654)
    assert dialog.error_text() == "This expat record no longer exists; someone else deleted it."
    assert not dialog.ui.searchEdit.isEnabled()
    assert not dialog.mergeButton.isEnabled()


# --- language ---------------------------------------------------------------------------------


def test_values_follow_a_language_switch(
    qtbot, sqlite_database: Database, anna: Actor, records: Records, switcher
) -> None:
    dialog = make_dialog(qtbot, sqlite_database, anna, records.keep, records.drop)
    dialog.choose("arrival_date", from_other=True)
    switcher.apply("nl")
    qtbot.waitUntil(lambda: dialog.radio("arrival_date", from_other=True).text() == "1 okt 2026")
    assert dialog.take_from_drop() == frozenset({"arrival_date"})
    tree = dialog.ui.otherList
    assert tree.topLevelItem(0).text(2) == "12 apr 1990"
    switcher.apply("en")
    qtbot.waitUntil(lambda: dialog.radio("arrival_date", from_other=True).text() == "1 Oct 2026")
    assert dialog.ui.movesLabel.text().startswith("Moves from EXP-0010")


def test_moves_text_names_each_kind_in_the_singular_or_plural() -> None:
    assert moves_text(LinkCounts()) == ""
    assert moves_text(LinkCounts(permits=1)) == "1 permit"
    assert moves_text(LinkCounts(cases=2, survey_responses=1, other=3)) == (
        "2 cases, 1 survey response and 3 other linked records"
    )
