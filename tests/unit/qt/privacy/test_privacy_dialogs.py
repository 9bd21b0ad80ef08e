"""The privacy dialogs: erasing an expat, exporting their data, and the retention period, driven
with the keyboard and the mouse as staff would."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox
from sqlalchemy import select, update

from expatdesk.accounts.actor import SYSTEM, Actor
from expatdesk.cases import workflow as cases
from expatdesk.common.changes import PERSONAL_DATA_ERASED
from expatdesk.common.validation import FieldError, ValidationError
from expatdesk.db.database import Database
from expatdesk.db.models import Case, Expat
from expatdesk.errors import UserError
from expatdesk.expats import forms as expat_forms
from expatdesk.expats import write as expat_records
from expatdesk.privacy import erasure as privacy
from expatdesk.privacy import retention
from expatdesk.qt import files, msgbox
from expatdesk.qt.operations import change_bus, is_writing
from expatdesk.qt.privacy import dialogs as privacy_dialogs
from expatdesk.qt.privacy import retention as retention_dialogs
from expatdesk.qt.privacy.dialogs import EraseDialog
from expatdesk.qt.privacy.retention import RetentionDialog
from tests.helpers.sample import JOSE_BSN, Sample
from tests.unit.qt.desk_helpers import held

DESK = Actor(None, "anna", "Anna", "desk_officer")
MANAGER = Actor(None, "erik", "Erik", "manager")


@dataclass(frozen=True)
class Stored:
    family_name: str
    bsn: str | None
    anonymised_at: datetime | None


def stored(database: Database, expat_id: int) -> Stored:
    with database.reading() as session:
        expat = session.get(Expat, expat_id)
        assert expat is not None
        return Stored(expat.family_name, expat.bsn, expat.anonymised_at)


def messages(dialogs: list[QDialog]) -> list[tuple[str, str]]:
    return [(box.windowTitle(), box.text()) for box in dialogs if isinstance(box, QMessageBox)]


def erase_dialog(qtbot, database: Database, expat_id: int) -> EraseDialog:
    dialog = EraseDialog(database, SYSTEM, privacy.erasure_preview(database, SYSTEM, expat_id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# --- erasing ----------------------------------------------------------------------------------


def test_the_erase_dialog_explains_and_erases_once_the_ref_is_typed(
    qtbot, sqlite_database: Database, sample: Sample
) -> None:
    jose = sample.expats["jose"]
    dialog = erase_dialog(qtbot, sqlite_database, jose)
    assert dialog.windowTitle() == "Erase personal data of EXP-0001"
    assert "Erase the personal data of José García (EXP-0001)?" in dialog.ui.introLabel.text()
    goes = dialog.ui.goesLabel.text()
    assert "• 2 family members are deleted." in goes
    assert "• 1 permit is deleted." in goes
    assert "BSN" in goes
    stays = dialog.ui.staysLabel.text()
    assert "employer and the year of arrival" in stays
    assert "• 0 survey responses stay, anonymously." in stays
    assert dialog.ui.confirmLabel.text() == "&Type EXP-0001 to confirm:"
    assert dialog.ui.confirmLabel.buddy() is dialog.ui.confirmEdit
    assert dialog.focusWidget() is dialog.ui.reason
    assert not dialog.eraseButton.isEnabled()

    qtbot.keyClicks(dialog.ui.reason, "At his request by e-mail")
    qtbot.keyClick(dialog.ui.reason, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.ui.confirmEdit
    qtbot.keyClicks(dialog.ui.confirmEdit, "EXP-000")
    assert not dialog.eraseButton.isEnabled()
    qtbot.keyClicks(dialog.ui.confirmEdit, "1")
    assert dialog.eraseButton.isEnabled()
    with qtbot.wait_signal(dialog.erased) as erased:
        qtbot.mouseClick(dialog.eraseButton, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert erased.args[0].ref == "EXP-0001"
    expat = stored(sqlite_database, jose)
    assert (expat.family_name, expat.bsn) == ("Anonymised", None)
    assert expat.anonymised_at is not None


def test_the_erase_dialog_links_the_records_that_mention_the_person(
    qtbot, sqlite_database: Database, sample: Sample
) -> None:
    jose, anna = sample.expats["jose"], sample.expats["anna"]
    with sqlite_database.transaction() as session:
        record = session.get(Expat, anna)
        assert record is not None
        record.notes = "Came to the desk with José García."
    plain = erase_dialog(qtbot, sqlite_database, sample.expats["wei"])
    assert not plain.mentionsBox.isVisibleTo(plain)  # nobody mentions Wei

    mentions = privacy.mentions(sqlite_database, SYSTEM, jose)
    dialog = EraseDialog(
        sqlite_database,
        SYSTEM,
        privacy.erasure_preview(sqlite_database, SYSTEM, jose),
        None,
        mentions,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.mentionsBox.isVisibleTo(dialog)
    assert dialog.mentionsBox.title() == "Other records that mention this person"
    assert f'<a href="expat:{anna}">Expat EXP-0002: notes</a>' in dialog.mentionsLabel.text()
    with qtbot.wait_signal(dialog.openRecordRequested) as opened:
        dialog.open_mention(f"expat:{anna}")
    assert opened.args == ["expat", anna]
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert stored(sqlite_database, jose).anonymised_at is None
    with sqlite_database.reading() as session:
        assert session.scalar(select(Expat.notes).where(Expat.id == anna)) == (
            "Came to the desk with José García."
        )


def test_a_refused_erasure_keeps_the_dialog_open_with_the_reason(
    qtbot, sqlite_database: Database, sample: Sample, dialogs: list[QDialog]
) -> None:
    jose = sample.expats["jose"]
    dialog = erase_dialog(qtbot, sqlite_database, jose)
    form = expat_forms.load_expat_form(sqlite_database, jose)
    assert form is not None
    assert form.version is not None
    expat_records.update_expat(  # someone else changes José meanwhile
        sqlite_database, SYSTEM, jose, form.version, replace(form, phone="+31 6 1111 2222")
    )
    qtbot.keyClicks(dialog.ui.reason, "Request")
    qtbot.keyClicks(dialog.ui.confirmEdit, "exp-0001")  # the case does not matter
    qtbot.mouseClick(dialog.eraseButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_erasing())

    assert dialog.isVisible()
    assert dialog.error_text("form").startswith("system changed this record on")
    assert messages(dialogs) == [("Erase personal data of EXP-0001", dialog.error_text("form"))]
    assert stored(sqlite_database, jose).family_name == "García"


def test_the_erasure_runs_off_the_gui_thread_while_the_dialog_is_busy(
    qtbot, sqlite_database: Database, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    jose = sample.expats["jose"]
    release = threading.Event()
    threads: list[int] = []
    anonymise = privacy.anonymise_expat

    def held(*args: Any) -> privacy.Erasure:
        threads.append(threading.get_ident())
        assert release.wait(timeout=10)
        return anonymise(*args)

    monkeypatch.setattr(privacy, "anonymise_expat", held)
    dialog = erase_dialog(qtbot, sqlite_database, jose)
    qtbot.keyClicks(dialog.ui.reason, "Request")
    qtbot.keyClicks(dialog.ui.confirmEdit, "EXP-0001")
    qtbot.mouseClick(dialog.eraseButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: threads != [])

    assert threads != [threading.get_ident()]
    assert dialog.is_erasing()
    assert dialog.cursor().shape() == Qt.CursorShape.BusyCursor
    cancel = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel is not None
    assert not cancel.isEnabled()
    qtbot.keyClick(dialog.ui.reason, Qt.Key.Key_Escape)  # not closed meanwhile
    dialog.reject()
    assert dialog.isVisible()
    assert dialog.ui.reason.text() == "Request"
    with qtbot.wait_signal(dialog.erased):
        release.set()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert stored(sqlite_database, jose).family_name == "Anonymised"


def test_escape_cancels_the_erasure(qtbot, sqlite_database: Database, sample: Sample) -> None:
    dialog = erase_dialog(qtbot, sqlite_database, sample.expats["jose"])
    qtbot.keyClicks(dialog.ui.reason, "Request")
    qtbot.keyClick(dialog.ui.reason, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert stored(sqlite_database, sample.expats["jose"]).anonymised_at is None


def driving(monkeypatch: pytest.MonkeyPatch, drive: Callable[[QDialog], None]) -> list[QDialog]:
    """Run modal dialogs by ``drive`` (which may accept them) instead of blocking."""
    shown: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        shown.append(dialog)
        drive(dialog)
        return int(dialog.result())

    monkeypatch.setattr(msgbox, "exec_dialog", run)
    return shown


def test_erase_expat_asks_and_erases(
    qtbot, sqlite_database: Database, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    def drive(dialog: QDialog) -> None:
        if isinstance(dialog, EraseDialog):
            qtbot.addWidget(dialog)
            dialog.ui.reason.setText("At her request")
            dialog.ui.confirmEdit.setText("EXP-0002")
            dialog.eraseButton.click()
            qtbot.waitUntil(lambda: not dialog.is_erasing())

    shown = driving(monkeypatch, drive)
    assert privacy_dialogs.erase_expat(None, sqlite_database, SYSTEM, sample.expats["anna"])
    assert [type(dialog) for dialog in shown] == [EraseDialog]
    assert stored(sqlite_database, sample.expats["anna"]).family_name == "Anonymised"

    # A second time there is nothing left to erase: it says so.
    assert not privacy_dialogs.erase_expat(None, sqlite_database, SYSTEM, sample.expats["anna"])
    (box,) = shown[1:]
    assert isinstance(box, QMessageBox)
    assert box.text().startswith("The personal data of EXP-0002 was erased on ")


def test_erase_expat_refuses_desk_officers_and_managers(
    sqlite_database: Database, sample: Sample, dialogs: list[QDialog]
) -> None:
    for actor in (DESK, MANAGER):
        assert not privacy_dialogs.erase_expat(None, sqlite_database, actor, sample.expats["jose"])
    assert (
        messages(dialogs)
        == [("Erase personal data", "Only administrators may erase personal data.")] * 2
    )
    assert not privacy_dialogs.erase_expat(None, sqlite_database, SYSTEM, 999_999)
    assert messages(dialogs)[-1] == ("Erase personal data", "This expat no longer exists.")


# --- subject access ---------------------------------------------------------------------------


def test_the_export_asks_where_and_writes_both_files(
    sqlite_database: Database,
    sample: Sample,
    dialogs: list[QDialog],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[Path] = []

    def choose(_parent, _title, suggested: Path, _filter) -> Path:
        asked.append(suggested)
        return tmp_path / "jose"

    monkeypatch.setattr(files, "save_file_name", choose)
    assert privacy_dialogs.export_subject_access(None, sqlite_database, DESK, sample.expats["jose"])

    assert asked[0].name == "EXP-0001-personal-data.pdf"
    assert (tmp_path / "jose.pdf").read_bytes().startswith(b"%PDF")
    data = json.loads((tmp_path / "jose.json").read_text(encoding="utf-8"))
    assert data["person"]["bsn"] == JOSE_BSN
    (box,) = [dialog for dialog in dialogs if isinstance(dialog, QMessageBox)]
    assert box.text() == "Saved jose.pdf (for the person, in English) and jose.json."
    assert "BSN in full" in box.informativeText()


def test_a_cancelled_or_failed_export_writes_nothing(
    sqlite_database: Database,
    sample: Sample,
    dialogs: list[QDialog],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(files, "save_file_name", lambda *_args: None)
    assert not privacy_dialogs.export_subject_access(
        None, sqlite_database, DESK, sample.expats["jose"]
    )
    assert dialogs == []
    missing = tmp_path / "gone" / "jose.pdf"
    monkeypatch.setattr(files, "save_file_name", lambda *_args: missing)
    assert not privacy_dialogs.export_subject_access(
        None, sqlite_database, DESK, sample.expats["jose"]
    )
    ((title, text),) = messages(dialogs)
    assert title == "Export personal data"
    assert text.startswith("Cannot write ")
    assert not missing.parent.exists()


# --- retention --------------------------------------------------------------------------------


def long_ago(database: Database, expat_ids: list[int]) -> None:
    """Close a case of each expat, and move that (opening and closing) and the record's last
    change back to 2010."""
    for expat_id in expat_ids:
        case_id = cases.open_case(database, SYSTEM, subject="Intake", expat_id=expat_id)
        for status in ("in_progress", "closed"):
            with database.reading() as session:
                version = session.scalars(select(Case.version).where(Case.id == case_id)).one()
            cases.set_status(database, SYSTEM, case_id, status, expected_version=version)
    old = datetime(2010, 5, 1, tzinfo=UTC)
    with database.transaction() as session:
        session.execute(
            update(Case)
            .where(Case.expat_id.in_(expat_ids))
            .values(closed_at=old, opened_on=date(2010, 4, 1))
        )
        session.execute(
            update(Expat)
            .where(Expat.id.in_(expat_ids))
            .values(updated_at=old)
            .execution_options(synchronize_session=False)
        )


def retention_dialog(qtbot, database: Database, actor: Actor = SYSTEM) -> RetentionDialog:
    dialog = RetentionDialog(database, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def accept_confirmations(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    """Answer every question with its destructive button, and OK every message."""

    def drive(dialog: QDialog) -> None:
        if isinstance(dialog, QMessageBox):
            for button in dialog.buttons():
                if dialog.buttonRole(button) == QMessageBox.ButtonRole.DestructiveRole:
                    button.click()

    return driving(monkeypatch, drive)


def test_the_retention_dialog_lists_and_anonymises_the_ticked_expats(
    qtbot, sqlite_database: Database, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    jose, anna = sample.expats["jose"], sample.expats["anna"]
    long_ago(sqlite_database, [jose, anna])
    dialog = retention_dialog(qtbot, sqlite_database)
    assert dialog.ui.years.value() == 7
    assert dialog.focusWidget() is dialog.ui.years
    tree = dialog.ui.candidates
    rows = [
        [tree.topLevelItem(row).text(column) for column in range(4)]
        for row in range(tree.topLevelItemCount())
    ]
    assert rows == [
        ["EXP-0001", "José García", "1", "Last case closed on 1 May 2010; no contact since."],
        ["EXP-0002", "Anna Müller", "1", "Last case closed on 1 May 2010; no contact since."],
    ]
    assert dialog.ui.countLabel.text() == "2 expats past the retention period; 0 selected"
    assert not dialog.ui.anonymiseButton.isEnabled()

    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Space)  # ticks the current row, José
    assert dialog.checked_ids() == [jose]
    assert dialog.ui.countLabel.text() == "2 expats past the retention period; 1 selected"
    shown = accept_confirmations(monkeypatch)
    with qtbot.wait_signal(dialog.anonymised) as done:
        qtbot.mouseClick(dialog.ui.anonymiseButton, Qt.MouseButton.LeftButton)
        assert dialog.is_busy()  # the work runs off the GUI thread; the dialog waits for it
        assert dialog.ui.countLabel.text() == "Anonymising 1 expat…"
        assert not dialog.ui.anonymiseButton.isEnabled()

    assert done.args == [1]
    assert not dialog.is_busy()
    question, told = shown
    assert isinstance(question, QMessageBox)
    assert question.text().startswith("Erase the personal data of 1 expat?")
    assert isinstance(told, QMessageBox)
    assert told.text() == "The personal data of 1 expat was erased."
    assert stored(sqlite_database, jose).family_name == "Anonymised"
    assert stored(sqlite_database, anna).family_name == "Müller"
    assert [c.ref for c in dialog.candidates()] == ["EXP-0002"]  # the list was read again


def test_declining_the_question_anonymises_nobody(
    qtbot, sqlite_database: Database, sample: Sample, dialogs: list[QDialog]
) -> None:
    long_ago(sqlite_database, [sample.expats["jose"]])
    dialog = retention_dialog(qtbot, sqlite_database)
    qtbot.mouseClick(dialog.ui.selectAllButton, Qt.MouseButton.LeftButton)
    assert dialog.checked_ids() == [sample.expats["jose"]]
    assert dialog.anonymise_selected() is False
    assert len(dialogs) == 1  # the question, answered "Cancel"
    assert stored(sqlite_database, sample.expats["jose"]).anonymised_at is None
    qtbot.mouseClick(dialog.ui.selectNoneButton, Qt.MouseButton.LeftButton)
    assert dialog.checked_ids() == []


def test_the_period_is_saved_with_the_keyboard_and_the_list_follows(
    qtbot, sqlite_database: Database, sample: Sample
) -> None:
    long_ago(sqlite_database, [sample.expats["jose"]])
    dialog = retention_dialog(qtbot, sqlite_database)
    assert dialog.ui.candidates.topLevelItemCount() == 1
    dialog.ui.years.selectAll()
    qtbot.keyClicks(dialog.ui.years, "30")
    qtbot.keyClick(dialog.ui.years, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not is_writing(dialog))
    assert retention.read_retention_years(sqlite_database) == 30
    assert dialog.ui.candidates.topLevelItemCount() == 0
    assert dialog.ui.countLabel.text() == "0 expats past the retention period"
    assert dialog.ui.yearsLabel.buddy() is dialog.ui.years


def test_the_period_is_saved_off_the_gui_thread_while_the_dialog_is_busy(
    qtbot, sqlite_database: Database, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_ago(sqlite_database, [sample.expats["jose"]])
    release, threads = held(monkeypatch, retention, "update_retention_years")
    dialog = retention_dialog(qtbot, sqlite_database)
    dialog.ui.years.setValue(30)
    qtbot.mouseClick(dialog.ui.saveYearsButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: threads != [])

    assert threads != [threading.get_ident()]
    assert is_writing(dialog)
    assert dialog.cursor().shape() == Qt.CursorShape.BusyCursor
    assert not dialog.save_years()  # not twice
    dialog.reject()
    assert dialog.isVisible()
    assert dialog.ui.candidates.topLevelItemCount() == 1
    with qtbot.assertNotEmitted(change_bus().changed):  # no view shows the period
        release.set()
        qtbot.waitUntil(lambda: not is_writing(dialog))
    assert retention.read_retention_years(sqlite_database) == 30
    assert dialog.ui.candidates.topLevelItemCount() == 0


def test_a_refused_period_is_shown_beside_it(
    qtbot, sqlite_database: Database, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> int:
        raise ValidationError([FieldError("retention_years", "Between 1 and 50 years.")])

    monkeypatch.setattr(retention, "update_retention_years", refuse)
    dialog = retention_dialog(qtbot, sqlite_database)
    dialog.ui.years.setValue(30)
    assert dialog.save_years()
    qtbot.waitUntil(lambda: not is_writing(dialog))
    assert dialog.error_text("retention_years") == "Between 1 and 50 years."
    assert dialog.ui.years.value() == 30  # what was typed stays
    assert retention.read_retention_years(sqlite_database) == 7


def test_the_anonymising_runs_off_the_gui_thread_and_is_announced(
    qtbot, sqlite_database: Database, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_ago(sqlite_database, [sample.expats["jose"]])
    release, threads = held(monkeypatch, retention, "apply_retention")
    dialog = retention_dialog(qtbot, sqlite_database)
    qtbot.mouseClick(dialog.ui.selectAllButton, Qt.MouseButton.LeftButton)
    accept_confirmations(monkeypatch)
    assert dialog.anonymise_selected()
    qtbot.waitUntil(lambda: threads != [])

    assert threads != [threading.get_ident()]
    assert dialog.is_busy()
    assert dialog.cursor().shape() == Qt.CursorShape.BusyCursor
    assert not dialog.anonymise_selected()  # not twice
    dialog.reject()
    assert dialog.isVisible()
    with qtbot.waitSignal(change_bus().changed) as announced:
        release.set()
    assert announced.args == [PERSONAL_DATA_ERASED, dialog]
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert stored(sqlite_database, sample.expats["jose"]).family_name == "Anonymised"


def test_only_administrators_apply_the_retention_period(
    qtbot, sqlite_database: Database, sample: Sample, dialogs: list[QDialog]
) -> None:
    assert retention_dialogs.open_retention_dialog(None, sqlite_database, MANAGER) is None
    assert messages(dialogs) == [
        ("Retention period", "Only administrators may apply the retention period.")
    ]
    dialog = retention_dialog(qtbot, sqlite_database, DESK)
    assert not dialog.ui.years.isEnabled()
    assert not dialog.ui.saveYearsButton.isEnabled()
    assert not dialog.ui.anonymiseButton.isEnabled()
    assert dialog.error_text("form") == "Only administrators may apply the retention period."
    opened = retention_dialogs.open_retention_dialog(None, sqlite_database, SYSTEM)
    assert isinstance(opened, RetentionDialog)
    qtbot.addWidget(opened)


def test_a_failed_anonymisation_is_told_and_the_dialog_stays_usable(
    qtbot,
    sqlite_database: Database,
    sample: Sample,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    long_ago(sqlite_database, [sample.expats["jose"]])
    dialog = retention_dialog(qtbot, sqlite_database)
    qtbot.mouseClick(dialog.ui.selectAllButton, Qt.MouseButton.LeftButton)

    def refuse(*_args: object) -> object:
        raise UserError("The database is read-only.")

    monkeypatch.setattr(retention, "apply_retention", refuse)
    shown = accept_confirmations(monkeypatch)
    assert dialog.anonymise_selected()
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert dialog.error_text("form") == "The database is read-only."
    assert messages(shown)[-1] == ("Anonymise expats", "The database is read-only.")
    assert dialog.ui.anonymiseButton.isEnabled()
    assert stored(sqlite_database, sample.expats["jose"]).anonymised_at is None
