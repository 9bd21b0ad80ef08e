"""The kiosk: a whole questionnaire in English and in Dutch by tapping the big buttons, the next
person, and the lock that only the staff exit code opens."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QColor, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget
from sqlalchemy import select

from expatdesk import clock
from expatdesk.accounts.actor import SYSTEM
from expatdesk.common.changes import SURVEY_SAVED
from expatdesk.db.database import Database
from expatdesk.db.models import CURRENT_QUESTIONNAIRE, SurveyFacility, SurveyResponse
from expatdesk.errors import UserError
from expatdesk.i18n import _ as translate
from expatdesk.qt import msgbox
from expatdesk.qt.appearance import colours
from expatdesk.qt.kiosk import window as kiosk_module
from expatdesk.qt.kiosk.setup import ExitCodeDialog, KioskSetup, KioskSetupDialog
from expatdesk.qt.kiosk.window import KioskWindow
from expatdesk.qt.main_window import MainWindow
from expatdesk.qt.operations import change_bus
from expatdesk.surveys import responses as surveys
from tests.helpers.sample import Sample

CODE = "2468"

# --- helpers shared by these tests -------------------------------------------------------------


def tap(qtbot, button: QPushButton, *, large: bool = True) -> None:
    """Tap a visible button; the public's buttons are large touch targets."""
    assert button.isVisible(), button.objectName()
    assert not large or button.height() >= 60, f"{button.objectName()} is too small to tap"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def rows(database: Database) -> list[tuple[object, ...]]:
    with database.reading() as session:
        return [
            (
                row.respondent_type,
                row.expat_id,
                row.score_service,
                row.intends_to_leave,
                row.questionnaire_version,
                frozenset(
                    session.scalars(
                        select(SurveyFacility.facility_code).where(
                            SurveyFacility.response_id == row.id
                        )
                    )
                ),
            )
            for row in session.scalars(select(SurveyResponse).order_by(SurveyResponse.id))
        ]


def answer_exit_code(monkeypatch: pytest.MonkeyPatch, qtbot, code: str) -> list[ExitCodeDialog]:
    """Make the exit-code dialog get ``code`` typed and OK clicked."""
    asked: list[ExitCodeDialog] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, ExitCodeDialog)
        qtbot.addWidget(dialog)
        asked.append(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.code, code)
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(msgbox, "exec_dialog", run)
    return asked


@pytest.fixture
def kiosk(qtbot, sqlite_database: Database, sample: Sample, switcher) -> Iterator[KioskWindow]:
    window = KioskWindow(sqlite_database, KioskSetup(sample.expats["jose"], CODE, SYSTEM), switcher)
    qtbot.addWidget(window)
    window.showFullScreen()
    qtbot.waitExposed(window)
    yield window
    window._unlocked = True  # let the fixture close it


# --- a whole questionnaire ---------------------------------------------------------------------


def test_english_response_linked_then_next_person_is_anonymous(
    qtbot, kiosk: KioskWindow, sqlite_database: Database, sample: Sample
) -> None:
    assert kiosk.isFullScreen()
    assert kiosk.current_page() is kiosk.welcome
    assert "stored together with your name" in kiosk.welcome.text.text()
    assert "voluntary" in kiosk.welcome.text.text()
    tap(qtbot, kiosk.welcome.start)
    assert kiosk.current_page() is kiosk.service
    assert kiosk.service.title.text() == "How do you grade the service of the expat centre?"
    tap(qtbot, kiosk.service.choices["9"])
    tap(qtbot, kiosk.service.choices["8"])  # changed their mind: one grade only
    assert kiosk.service.selected() == ["8"]
    tap(qtbot, kiosk.service.next)
    assert kiosk.current_page() is kiosk.intention
    tap(qtbot, kiosk.intention.choices["unsure"])
    tap(qtbot, kiosk.intention.next)
    tap(qtbot, kiosk.facilities.choices["social_events"])
    tap(qtbot, kiosk.facilities.choices["housing_service"])
    assert kiosk.facilities.next.text() == "Finish"
    with qtbot.wait_signal(kiosk.saved):
        tap(qtbot, kiosk.facilities.next)
    assert kiosk.current_page() is kiosk.thanks
    assert rows(sqlite_database) == [
        (
            "expat",
            sample.expats["jose"],
            8,
            "unsure",
            CURRENT_QUESTIONNAIRE,
            frozenset({"social_events", "housing_service"}),
        )
    ]
    assert kiosk.thanks_timer.isActive()
    kiosk.thanks_timer.setInterval(10)
    kiosk.thanks_timer.start()
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.welcome)
    assert "anonymously" in kiosk.welcome.text.text()
    assert kiosk.service.selected() == []
    assert kiosk.facilities.selected() == []
    tap(qtbot, kiosk.welcome.start)
    tap(qtbot, kiosk.service.skip)
    tap(qtbot, kiosk.intention.choices["no"])
    tap(qtbot, kiosk.intention.next)
    with qtbot.wait_signal(kiosk.saved):
        tap(qtbot, kiosk.facilities.next)
    assert rows(sqlite_database)[1] == (
        "expat",
        None,
        None,
        "no",
        CURRENT_QUESTIONNAIRE,
        frozenset(),
    )


def test_dutch_response_after_switching_on_the_screen(
    qtbot, kiosk: KioskWindow, sqlite_database: Database
) -> None:
    english = kiosk.service.title.text()
    tap(qtbot, kiosk.welcome.language_buttons["nl"])
    qtbot.waitUntil(lambda: kiosk.welcome.start.text() == "Beginnen")
    assert "vrijwillig" in kiosk.welcome.text.text()
    tap(qtbot, kiosk.welcome.start)
    assert kiosk.service.title.text() != english
    assert kiosk.service.title.text() == (
        "Welk cijfer geeft u de dienstverlening van het expatcentrum?"
    )
    assert kiosk.service.progress.text() == "Vraag 1 van 3"
    tap(qtbot, kiosk.service.choices["7"])
    tap(qtbot, kiosk.service.next)
    assert kiosk.intention.choices["yes"].text() == "Ja"
    tap(qtbot, kiosk.intention.choices["yes"])
    tap(qtbot, kiosk.intention.back)  # back and forth keeps the answers
    assert kiosk.service.selected() == ["7"]
    tap(qtbot, kiosk.service.next)
    tap(qtbot, kiosk.intention.next)
    assert kiosk.facilities.choices["language_course"].text() == "Taalcursus"
    tap(qtbot, kiosk.facilities.choices["language_course"])
    assert kiosk.facilities.next.text() == "Afronden"
    with qtbot.wait_signal(kiosk.saved):
        tap(qtbot, kiosk.facilities.next)
    assert kiosk.thanks.title.text() == "Bedankt voor uw antwoorden!"
    assert rows(sqlite_database)[0][2:] == (
        7,
        "yes",
        CURRENT_QUESTIONNAIRE,
        frozenset({"language_course"}),
    )
    kiosk.next_person()  # what the timer does: the next person starts in the staff's language
    qtbot.waitUntil(lambda: kiosk.welcome.start.text() == "Start")


def answer_all(qtbot, kiosk: KioskWindow) -> None:
    """Grade 6, "no", no facilities: up to the "Finish" button."""
    tap(qtbot, kiosk.welcome.start)
    tap(qtbot, kiosk.service.choices["6"])
    tap(qtbot, kiosk.service.next)
    tap(qtbot, kiosk.intention.choices["no"])
    tap(qtbot, kiosk.intention.next)
    assert kiosk.current_page() is kiosk.facilities


def test_the_answers_are_saved_off_the_gui_thread_and_thanked_once_saved(
    qtbot,
    kiosk: KioskWindow,
    sqlite_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    threads: list[int] = []
    record = surveys.record_response

    def held(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        assert release.wait(timeout=10)
        return record(*args, **kwargs)

    monkeypatch.setattr(surveys, "record_response", held)
    answer_all(qtbot, kiosk)
    tap(qtbot, kiosk.facilities.next)
    qtbot.waitUntil(lambda: threads != [])

    assert threads != [threading.get_ident()]
    assert kiosk.is_saving()
    assert kiosk.current_page() is kiosk.facilities  # no thanks before the answers are stored
    assert kiosk.cursor().shape() == Qt.CursorShape.BusyCursor
    saving = kiosk.findChild(QLabel, "savingLabel")
    assert saving is not None
    assert saving.isVisible()
    assert not kiosk.idle_timer.isActive()  # not abandoned while saving
    tap(qtbot, kiosk.facilities.back)  # taps do nothing meanwhile
    assert kiosk.current_page() is kiosk.facilities
    kiosk.finish()  # nor is it sent twice
    assert len(threads) == 1
    with qtbot.waitSignal(change_bus().changed) as announced:
        release.set()
    assert announced.args == [SURVEY_SAVED, kiosk]
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.thanks)
    assert kiosk.thanks_timer.isActive()
    assert [row[2:4] for row in rows(sqlite_database)] == [(6, "no")]


def test_a_refused_save_is_said_in_the_visitors_language_and_the_answers_stay(
    qtbot,
    kiosk: KioskWindow,
    sqlite_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> object:
        raise UserError(translate("This expat no longer exists."))  # translated when raised

    monkeypatch.setattr(surveys, "record_response", refuse)
    tap(qtbot, kiosk.welcome.language_buttons["nl"])
    qtbot.waitUntil(lambda: kiosk.welcome.start.text() == "Beginnen")
    answer_all(qtbot, kiosk)
    tap(qtbot, kiosk.facilities.choices["language_course"])
    tap(qtbot, kiosk.facilities.next)
    qtbot.waitUntil(lambda: not kiosk.is_saving())

    assert kiosk.current_page() is kiosk.facilities
    assert kiosk.error.isVisible()
    assert kiosk.error.text() == (
        "Uw antwoorden konden niet worden opgeslagen: Deze expat bestaat niet meer."
    )
    assert kiosk.service.selected() == ["6"]
    assert kiosk.facilities.selected() == ["language_course"]
    assert kiosk.idle_timer.isActive()  # a visitor who walked away is still forgotten in time
    assert rows(sqlite_database) == []

    monkeypatch.undo()
    with qtbot.wait_signal(kiosk.saved):  # tried again: saved
        tap(qtbot, kiosk.facilities.next)
    assert kiosk.current_page() is kiosk.thanks
    assert not kiosk.error.isVisible()
    kiosk.next_person()
    qtbot.waitUntil(lambda: kiosk.welcome.start.text() == "Start")


# --- by keyboard only --------------------------------------------------------------------------


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> QWidget:
    """Press ``key`` where the focus is (as a keyboard does); returns the focus after it."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifier)
    after = QApplication.focusWidget()
    assert after is not None
    return after


def tab_to(qtbot, target: QWidget, key: Qt.Key = Qt.Key.Key_Tab) -> int:
    """Press Tab (or ``key``) until ``target`` has the focus; returns how many presses it took."""
    for presses in range(1, 16):
        modifier = (
            Qt.KeyboardModifier.ShiftModifier
            if key == Qt.Key.Key_Backtab
            else Qt.KeyboardModifier.NoModifier
        )
        if press(qtbot, key, modifier) is target:
            return presses
    raise AssertionError(f"{key.name} never reached {target.objectName()}")


def test_a_grade_and_an_answer_are_chosen_by_keyboard_only(
    qtbot, kiosk: KioskWindow, sqlite_database: Database, sample: Sample
) -> None:
    kiosk.activateWindow()
    qtbot.waitUntil(kiosk.isActiveWindow)
    tab_to(qtbot, kiosk.welcome.start)
    press(qtbot, Qt.Key.Key_Space)
    assert kiosk.current_page() is kiosk.service
    grades = kiosk.service.choices
    # the ten grades are one Tab stop: Shift+Tab from "Next" passes Skip and Back to grade 1
    assert tab_to(qtbot, grades["1"], Qt.Key.Key_Backtab) == 3
    for _grade in range(6):
        press(qtbot, Qt.Key.Key_Right)  # the arrow moves and chooses, as with radio buttons
    assert grades["7"].hasFocus()
    assert kiosk.service.selected() == ["7"]
    assert press(qtbot, Qt.Key.Key_Up) is grades["2"]  # five to a row
    assert press(qtbot, Qt.Key.Key_Down) is grades["7"]
    assert press(qtbot, Qt.Key.Key_Left) is grades["6"]
    assert press(qtbot, Qt.Key.Key_Right) is grades["7"]
    assert kiosk.service.selected() == ["7"]
    assert press(qtbot, Qt.Key.Key_Tab) is kiosk.service.back  # one stop: on to Back
    assert press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier) is grades["7"]
    tab_to(qtbot, kiosk.service.next)
    press(qtbot, Qt.Key.Key_Space)
    assert kiosk.current_page() is kiosk.intention
    answers = kiosk.intention.choices
    tab_to(qtbot, answers["yes"], Qt.Key.Key_Backtab)
    assert not answers["yes"].isChecked()  # Tab alone chooses nothing
    assert press(qtbot, Qt.Key.Key_Right) is answers["no"]
    assert kiosk.intention.selected() == ["no"]
    tab_to(qtbot, kiosk.intention.next)
    press(qtbot, Qt.Key.Key_Space)
    facilities = list(kiosk.facilities.choices.values())
    tab_to(qtbot, facilities[0], Qt.Key.Key_Backtab)
    press(qtbot, Qt.Key.Key_Right)  # several answers: the arrow only moves …
    assert kiosk.facilities.selected() == []
    press(qtbot, Qt.Key.Key_Space)  # … and Space ticks
    assert kiosk.facilities.selected() == [list(kiosk.facilities.choices)[1]]
    assert kiosk.answers().score_service == 7
    assert kiosk.answers().intends_to_leave == "no"


# --- the lock ----------------------------------------------------------------------------------


def test_closing_and_escape_are_refused(qtbot, kiosk: KioskWindow) -> None:
    event = QCloseEvent()
    QApplication.sendEvent(kiosk, event)
    assert not event.isAccepted()
    assert kiosk.isVisible()
    assert kiosk.close() is False
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    qtbot.keyClick(kiosk, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(kiosk, Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier)
    assert kiosk.isVisible()
    override = QKeyEvent(
        QEvent.Type.ShortcutOverride, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier
    )
    QApplication.sendEvent(kiosk, override)
    assert override.isAccepted()


def test_wrong_code_stays_right_code_leaves(
    qtbot, kiosk: KioskWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_exit_code(monkeypatch, qtbot, "1111")
    tap(qtbot, kiosk.staff_button, large=False)
    assert asked[-1].error.text() == "Wrong code."
    assert kiosk.isVisible()
    answer_exit_code(monkeypatch, qtbot, CODE)
    with qtbot.wait_signal(kiosk.left):
        tap(qtbot, kiosk.staff_button, large=False)
    assert not kiosk.isVisible()


def test_wrong_codes_make_the_next_try_wait_longer_each_time(
    qtbot, kiosk: KioskWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_exit_code(monkeypatch, qtbot, "1111")
    for _try in range(3):
        tap(qtbot, kiosk.staff_button, large=False)
        assert asked[-1].error.text() == "Wrong code."
    # Now even the right code waits: 1 second, then 2, 4 … after each further wrong try.
    answer_exit_code(monkeypatch, qtbot, CODE)
    tap(qtbot, kiosk.staff_button, large=False)
    assert kiosk.isVisible()
    later = clock.now() + timedelta(seconds=2)
    clock.set_moment(later)
    asked = answer_exit_code(monkeypatch, qtbot, "2222")
    tap(qtbot, kiosk.staff_button, large=False)
    assert asked[-1].error.text() == "Wrong code."
    tap(qtbot, kiosk.staff_button, large=False)
    assert asked[-1].error.text() == ("Too many wrong codes: wait 2 seconds before the next try.")
    clock.set_moment(later + timedelta(seconds=3))
    answer_exit_code(monkeypatch, qtbot, CODE)
    with qtbot.wait_signal(kiosk.left):
        tap(qtbot, kiosk.staff_button, large=False)
    assert not kiosk.isVisible()


def test_started_from_the_menu_and_left_with_the_code(
    qtbot,
    window: MainWindow,
    sample: Sample,
    sqlite_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.expats_area.select_id(sample.expats["anna"])

    def set_up(dialog: QDialog) -> int:
        assert isinstance(dialog, KioskSetupDialog)
        qtbot.addWidget(dialog)
        assert dialog.linked.isChecked()
        assert "Anna Müller" in dialog.linked.text()
        qtbot.keyClicks(dialog.code, CODE)
        qtbot.keyClicks(dialog.repeat, "9999")
        dialog.accept()
        assert dialog.error.text().startswith("The two exit codes differ")
        qtbot.keyClicks(dialog.repeat, CODE)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(msgbox, "exec_dialog", set_up)
    window.ui.actionStartKiosk.trigger()
    kiosk = window.kiosk
    assert kiosk is not None
    qtbot.addWidget(kiosk)
    assert kiosk.isFullScreen()
    assert not window.isVisible()
    tap(qtbot, kiosk.welcome.start)
    tap(qtbot, kiosk.service.choices["10"])
    tap(qtbot, kiosk.service.next)
    tap(qtbot, kiosk.intention.skip)
    with qtbot.wait_signal(kiosk.saved):
        tap(qtbot, kiosk.facilities.skip)
    assert rows(sqlite_database) == [
        ("expat", sample.expats["anna"], 10, None, CURRENT_QUESTIONNAIRE, frozenset())
    ]
    answer_exit_code(monkeypatch, qtbot, CODE)
    tap(qtbot, kiosk.staff_button, large=False)
    assert window.isVisible()
    assert window.kiosk is None
    assert "Survey responses" in window.expats_area.ui.detail.toPlainText()


def test_short_exit_code_is_refused(qtbot) -> None:
    dialog = KioskSetupDialog(None)
    qtbot.addWidget(dialog)
    assert not dialog.linked.isEnabled()
    assert dialog.anonymous.isChecked()
    qtbot.keyClicks(dialog.code, "12")
    qtbot.keyClicks(dialog.repeat, "12")
    dialog.accept()
    assert dialog.setup is None
    assert dialog.error.text() == "The exit code must be at least 4 digits."


def test_thanks_waits_a_few_seconds() -> None:
    assert 3000 <= kiosk_module.THANKS_MS <= 15000


def test_an_abandoned_questionnaire_is_reset_for_the_next_visitor(
    qtbot, kiosk: KioskWindow, sqlite_database: Database
) -> None:
    assert not kiosk.idle_timer.isActive()  # nobody is answering on the welcome page
    assert kiosk.idle_timer.interval() == 90_000
    tap(qtbot, kiosk.welcome.start)
    tap(qtbot, kiosk.service.choices["1"])
    assert kiosk.idle_timer.isActive()
    kiosk.idle_timer.setInterval(300)
    kiosk.idle_timer.start()
    for _ in range(3):  # a visitor who keeps tapping is never interrupted
        qtbot.wait(150)
        tap(qtbot, kiosk.service.choices["2"])
    assert kiosk.current_page() is kiosk.service
    assert kiosk.service.selected() == ["2"]
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.welcome, timeout=3000)
    assert kiosk.service.selected() == []
    assert "anonymously" in kiosk.welcome.text.text()  # the linked visitor has gone
    assert not kiosk.idle_timer.isActive()
    assert rows(sqlite_database) == []  # half answers are never saved


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_after_wrong_codes_the_message_and_the_buttons_are_whole(
    qtbot, kiosk: KioskWindow, qapp: QApplication, scale: float
) -> None:
    normal = QFont(qapp.font())
    larger = QFont(normal)
    larger.setPointSizeF(normal.pointSizeF() * scale)
    qapp.setFont(larger)
    try:
        dialog = ExitCodeDialog(CODE, kiosk)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for _try in range(4):  # "Wrong code." three times, then the longer "wait" message
            qtbot.keyClicks(dialog.code, "1111")
            qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
        assert dialog.error.text().startswith("Too many wrong codes")

        def whole() -> bool:
            error = dialog.error
            return error.height() >= error.heightForWidth(error.width()) and all(
                dialog.rect().contains(button.geometry().translated(dialog.buttons.pos()))
                and button.height() >= button.minimumSizeHint().height()
                for button in dialog.buttons.buttons()
            )

        qtbot.waitUntil(whole)
        # The staff's dialog has ordinary buttons, not the kiosk's large ones for the public.
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.height() < kiosk.welcome.start.height()
    finally:
        qapp.setFont(normal)


def test_the_kiosk_follows_the_palette_and_the_text_size(
    qtbot, kiosk: KioskWindow, qapp: QApplication
) -> None:
    palette, font = QPalette(qapp.palette()), QFont(qapp.font())
    title = kiosk.welcome.title
    try:
        before = title.fontInfo().pointSizeF()
        assert before >= font.pointSizeF() * 2  # a title is large, relative to the user's text
        larger = QFont(font)
        larger.setPointSizeF(font.pointSizeF() * 2)
        qapp.setFont(larger)
        qtbot.waitUntil(lambda: title.fontInfo().pointSizeF() >= before * 1.9)
        dark = QPalette(QColor(40, 40, 40))
        qapp.setPalette(dark)
        qtbot.waitUntil(lambda: kiosk.grab().toImage().pixelColor(2, 2) == QColor(40, 40, 40))
        # The text on the window is the palette's, readable on it (not the old fixed dark blue).
        text = kiosk.welcome.title.palette().color(QPalette.ColorRole.WindowText)
        assert colours.contrast(text, QColor(40, 40, 40)) >= 4.5
    finally:
        qapp.setPalette(palette)
        qapp.setFont(font)
