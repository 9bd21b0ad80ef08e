"""Writes from the GUI: off the GUI thread, a busy form, one announcement, areas that decide."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from expatdesk.common.changes import SURVEY_SAVED, Changes, Kind
from expatdesk.common.db_errors import Problem, Refusal
from expatdesk.common.validation import FieldError, ValidationError
from expatdesk.errors import AlreadySavedError
from expatdesk.qt.expats.editor import ExpatEditor
from expatdesk.qt.main_window import MainWindow
from expatdesk.qt.operations import Write, change_bus, is_writing, run_write
from tests.unit.qt.surveys.test_survey_dialog import choose, open_recording, save


class Form(QDialog):
    """A form with one field and a Save button, as the desk's forms have."""

    def __init__(self) -> None:
        super().__init__()
        self.field = QLineEdit(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.buttons)
        self.results: list[object] = []
        self.refused: list[Refusal] = []

    def save_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def run(self, write: Callable[[], object], changes: Changes = SURVEY_SAVED) -> bool:
        return run_write(
            self, write, changes, done=self.results.append, refused=self.refused.append
        )


@pytest.fixture
def form(qtbot) -> Form:
    form = Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def test_a_write_runs_off_the_gui_thread_while_the_form_is_busy(qtbot, form: Form) -> None:
    release = threading.Event()
    threads: list[int] = []

    def write() -> int:
        threads.append(threading.get_ident())
        assert release.wait(timeout=10)
        return 42

    form.field.setText("typed")
    assert form.run(write)
    qtbot.waitUntil(lambda: threads != [])
    assert threads != [threading.get_ident()]
    # Busy: nothing can be submitted twice, nothing typed changes, it shows.
    assert is_writing(form)
    assert not form.run(lambda: 0)
    assert not form.save_button().isEnabled()
    assert form.cursor().shape() == Qt.CursorShape.BusyCursor
    saving = form.findChild(QLabel, "savingLabel")
    assert saving is not None
    assert saving.isVisible()
    assert saving.text() == "Saving…"
    qtbot.keyClicks(form.field, "more")
    assert form.field.text() == "typed"
    assert form.results == []

    with qtbot.waitSignal(change_bus().changed) as announced:
        release.set()
    assert announced.args == [SURVEY_SAVED, form]
    assert form.results == [42]
    assert not is_writing(form)
    assert form.save_button().isEnabled()
    assert form.cursor().shape() != Qt.CursorShape.BusyCursor
    qtbot.waitUntil(lambda: form.findChild(QLabel, "savingLabel") is None)
    qtbot.keyClicks(form.field, "!")
    assert form.field.text() == "typed!"


def test_a_refused_write_comes_back_to_the_form_and_announces_nothing(qtbot, form: Form) -> None:
    def refuse() -> None:
        raise ValidationError([FieldError("name", "This field is required.")])

    with qtbot.assertNotEmitted(change_bus().changed):
        assert form.run(refuse)
        qtbot.waitUntil(lambda: form.refused != [])
    (refusal,) = form.refused
    assert refusal.problem is Problem.INVALID
    assert [error.field for error in refusal.field_errors] == ["name"]
    assert form.results == []
    assert form.save_button().isEnabled()


def test_a_save_the_database_already_had_is_announced(qtbot, form: Form) -> None:
    def saved_before() -> None:
        raise AlreadySavedError("This response was saved already.", 7)

    with qtbot.waitSignal(change_bus().changed):
        form.run(saved_before)
    qtbot.waitUntil(lambda: not is_writing(form))
    assert [refusal.problem for refusal in form.refused] == [Problem.ALREADY_SAVED]


def test_a_bug_reaches_the_event_loop_with_its_traceback(qtbot, form: Form) -> None:
    def bug() -> None:
        raise ZeroDivisionError("division by zero")

    with qtbot.captureExceptions() as exceptions:
        form.run(bug)
        qtbot.waitUntil(lambda: not is_writing(form))
    assert [type(error) for _kind, error, _tb in exceptions] == [ZeroDivisionError]
    assert form.refused == []
    assert form.save_button().isEnabled()  # the form can be used again


@pytest.mark.parametrize("outcome", ["done", "refused"])
def test_a_finished_write_lets_go_of_the_form_in_the_gui_thread(
    qtbot, form: Form, monkeypatch: pytest.MonkeyPatch, outcome: str
) -> None:
    """The worker thread drops its reference to a write last; had the write still held the
    form (or a closure over it), a form whose last reference that was would be destroyed in the
    worker thread, which corrupts the GUI thread's animation timers (a crash seen in the suite,
    in ``QUnifiedTimer::updateAnimationTimers``, with a line edit's clear-button fade running).
    """
    started: list[Write] = []
    start = Write.start

    def keep(write: Write) -> None:
        started.append(write)
        start(write)

    monkeypatch.setattr(Write, "start", keep)

    def write() -> int:
        if outcome == "refused":
            raise ValidationError([FieldError("field", "No.")])
        return 42

    form.run(lambda: write() and form.field.text() is not None)  # a closure over the form
    qtbot.waitUntil(lambda: bool(form.results or form.refused))
    [finished] = started
    assert (finished._form, finished._write, finished._done, finished._refused) == (
        None,
        None,
        None,
        None,
    )
    assert not is_writing(form)


def test_nothing_changed_is_not_announced(qtbot, form: Form) -> None:
    with qtbot.assertNotEmitted(change_bus().changed):
        form.run(lambda: None, Changes())
        qtbot.waitUntil(lambda: form.results == [None])


# --- the areas decide --------------------------------------------------------------------------


class Refreshes:
    """Which areas of a window read their list again."""

    def __init__(self, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
        self.read: list[str] = []
        areas = {
            "expats": window.expats_area,
            "employers": window.employers_area,
            "cases": window.cases_area,
            "home": window.home_area,
            "targets": window.targets_area,
        }
        for name, area in areas.items():
            original = area.refresh

            def refresh(name: str = name, original: Callable[[], None] = original) -> None:
                self.read.append(name)
                original()

            monkeypatch.setattr(area, "refresh", refresh)


def test_a_saved_survey_computes_the_targets_again_and_reads_no_list(
    qtbot, window: MainWindow, dialogs: list[QDialog], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A survey response counts towards the targets (Q), but is in no list."""
    window.ui.actionTargets.trigger()
    targets = window.targets_area
    qtbot.waitUntil(lambda: targets.report is not None and not targets.is_busy(), timeout=20000)
    refreshes = Refreshes(window, monkeypatch)
    dialog = open_recording(qtbot, window, dialogs)
    choose(qtbot, dialog.ui.respondent, "Anonymous")
    choose(qtbot, dialog.ui.scoreService, "9")
    with qtbot.waitSignal(targets.refreshed, timeout=20000):
        save(qtbot, dialog)
    assert refreshes.read == ["targets"]


def test_a_saved_expat_reads_the_expats_and_home_again_not_the_cases(
    qtbot, window: MainWindow, dialogs: list[QDialog], monkeypatch: pytest.MonkeyPatch
) -> None:
    window.ui.actionExpats.trigger()
    refreshes = Refreshes(window, monkeypatch)
    editor = window.new_record()
    assert isinstance(editor, ExpatEditor)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.ui.givenName, "Sofia")
    qtbot.keyClicks(editor.ui.familyName, "Rossi")
    with qtbot.waitSignal(editor.saved) as saved:
        qtbot.mouseClick(
            editor.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save),
            Qt.MouseButton.LeftButton,
        )
    assert refreshes.read == ["expats"]  # Home and the targets are not shown: read when shown
    qtbot.waitUntil(lambda: window.expats_area.current_id() == saved.args[0])
    assert "Sofia Rossi" in window.expats_area.ui.detail.toPlainText()
    assert window.ui.statusBar.currentMessage() == "Saved"


def test_home_reads_itself_again_when_shown_and_a_case_changes(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = window.home_area
    assert window.current_area() is home
    qtbot.waitUntil(lambda: home.dashboard is not None and not home.is_busy())
    refreshes = Refreshes(window, monkeypatch)
    with qtbot.waitSignal(home.loaded):
        change_bus().announce(Changes.of(Kind.CASES))
    assert sorted(refreshes.read) == ["cases", "home"]
    refreshes.read.clear()
    change_bus().announce(Changes.of(Kind.STAFF))
    assert refreshes.read == []
