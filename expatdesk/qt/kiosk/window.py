"""The kiosk: a locked, full-screen questionnaire that expats fill in themselves at the desk.

Welcome (privacy notice, language) → the grade for the service → the intention to leave Twente
→ the facilities used → thanks; a few seconds later the kiosk starts over, empty and anonymous.
Each completed questionnaire is saved through :mod:`expatdesk.surveys.responses`, off the GUI
thread (:func:`expatdesk.qt.operations.run_write`): the kiosk shows "Saving…" and takes no taps
meanwhile, thanks the visitor once the answers are stored, and says in the visitor's language
when they could not be (the answers stay, to try again).

Nobody leaves the kiosk without the staff exit code: closing, Escape and Alt-key shortcuts are
refused; the small "Staff" button asks for the code
(:class:`~expatdesk.qt.kiosk.setup.ExitCodeDialog`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor
from expatdesk.common.changes import SURVEY_SAVED
from expatdesk.common.concurrency import new_request_key
from expatdesk.common.db_errors import Problem, Refusal
from expatdesk.db.database import Database
from expatdesk.i18n import _
from expatdesk.qt import msgbox
from expatdesk.qt.acting import given_or_inherited
from expatdesk.qt.bindings import event_filter
from expatdesk.qt.kiosk.pages import ChoicePage, ThanksPage, WelcomePage, button, style
from expatdesk.qt.kiosk.setup import ExitAttempts, ExitCodeDialog, KioskSetup
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.operations import is_writing, run_write
from expatdesk.surveys import responses as surveys
from expatdesk.surveys.responses import Answers, Response

log = logging.getLogger(__name__)

#: How long the thank-you screen stays before the kiosk is ready for the next person.
THANKS_MS = 6000
#: A questionnaire left alone this long is abandoned: its answers go, the next visitor starts anew.
IDLE_RESET_MS = 90_000


class KioskWindow(QWidget):
    """The full-screen questionnaire.

    Signals:
        saved(object): a completed questionnaire was stored (the ``Response``).
        left(): staff left the kiosk with the exit code; the window has closed.
    """

    saved = Signal(object)
    left = Signal()

    def __init__(
        self,
        database: Database,
        setup: KioskSetup,
        switcher: LanguageSwitcher,
        parent: QWidget | None = None,
        *,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._restyle()
        self._database = database
        self._actor = given_or_inherited(actor or setup.actor, parent)
        self._exit_code = setup.exit_code
        self._exit_attempts = ExitAttempts()
        self._expat_id = setup.expat_id
        self._switcher = switcher
        self._staff_language = i18n.language()
        self._unlocked = False
        self._facilities = surveys.facilities(database)

        self.stack = QStackedWidget(self)
        self.welcome = WelcomePage(self)
        self.service = ChoicePage(
            "servicePage", [str(grade) for grade in surveys.GRADES], columns=5, parent=self
        )
        self.service.texts = lambda: (
            _("How do you grade the service of the expat centre?"),
            _("1 is very poor, 10 is excellent."),
        )
        self.service.choice_text = lambda choice: i18n.format_number(int(choice))
        self.intention = ChoicePage(
            "intentionPage", list(surveys.INTENTIONS), columns=3, parent=self
        )
        self.intention.texts = lambda: (
            _("Do you intend to continue your career outside Twente within the next 18 months?"),
            "",
        )
        self.intention.choice_text = surveys.intention_label
        self.facilities = ChoicePage(
            "facilitiesPage",
            [facility.code for facility in self._facilities],
            columns=2,
            multiple=True,
            parent=self,
        )
        self.facilities.texts = lambda: (
            _("Which of these facilities for expats have you used?"),
            _("Tap all that apply, then “Finish”."),
        )
        labels = {facility.code: facility for facility in self._facilities}
        self.facilities.choice_text = lambda code: str(labels[code])
        self.thanks = ThanksPage(self)
        self.questions = [self.service, self.intention, self.facilities]
        for page in (self.welcome, *self.questions, self.thanks):
            self.stack.addWidget(page)

        self.staff_button = button("staffButton", self, role="quiet")
        self.error = QLabel(self)
        self.error.setObjectName("saveError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        # Large text on a small screen scrolls rather than being cut off.
        self.page_area = QScrollArea(self)
        self.page_area.setObjectName("kioskScroll")
        self.page_area.setFrameShape(QFrame.Shape.NoFrame)
        self.page_area.setWidgetResizable(True)
        self.page_area.setWidget(self.stack)
        self.page_area.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        layout.addWidget(self.page_area, 1)
        layout.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.staff_button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        bottom.addWidget(self.staff_button)
        layout.addLayout(bottom)

        self.thanks_timer = QTimer(self)
        self.thanks_timer.setSingleShot(True)
        self.thanks_timer.setInterval(THANKS_MS)
        self.thanks_timer.timeout.connect(self.next_person)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(IDLE_RESET_MS)
        self.idle_timer.timeout.connect(self._abandoned)
        app = QCoreApplication.instance()
        if app is not None:  # every tap or key anywhere on the kiosk counts as the visitor's
            app.installEventFilter(self)

        self.welcome.start.clicked.connect(lambda: self._go(1))
        for code, widget in self.welcome.language_buttons.items():
            widget.clicked.connect(lambda _checked=False, c=code: self._switcher.apply(c))
        for number, page in enumerate(self.questions, start=1):
            page.back.clicked.connect(lambda _checked=False, n=number: self._go(n - 1))
            page.skip.clicked.connect(lambda _checked=False, p=page: self._skip(p))
            page.next.clicked.connect(lambda _checked=False, n=number: self._forward(n))
        self.staff_button.clicked.connect(self.request_exit)
        self._retranslate()
        self.next_person(linked=self._expat_id is not None)

    # --- the flow -----------------------------------------------------------------------------

    def current_page(self) -> QWidget:
        page = self.stack.currentWidget()
        assert page is not None
        return page

    def next_person(self, *, linked: bool = False) -> None:
        """An empty questionnaire; anonymous unless this is the linked first response."""
        self.thanks_timer.stop()
        self._request_key = new_request_key()  # one questionnaire, saved once however often sent
        if not linked:
            self._expat_id = None
        self.welcome.linked = self._expat_id is not None
        for page in self.questions:
            page.set_selected([])
        self.error.hide()
        if i18n.language() != self._staff_language:
            self._switcher.apply(self._staff_language)
        self._retranslate()
        self._go(0)

    def _go(self, number: int) -> None:
        self.error.hide()
        self.stack.setCurrentIndex(number)
        page = self.current_page()
        if page in self.questions:
            page.next.setFocus()
            self.idle_timer.start()
        else:
            self.idle_timer.stop()

    def _abandoned(self) -> None:
        """Nobody touched the questionnaire for a while: forget the half answers."""
        if self.current_page() in self.questions and not self.is_saving():
            log.info("kiosk questionnaire abandoned; starting anew")
            self.next_person()

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self.idle_timer.isActive():
            self.idle_timer.start()  # the visitor is still there
        return False

    def _skip(self, page: ChoicePage) -> None:
        page.set_selected([])
        self._forward(self.questions.index(page) + 1)

    def _forward(self, number: int) -> None:
        if number < len(self.questions):
            self._go(number + 1)
        else:
            self.finish()

    def answers(self) -> Answers:
        service = self.service.selected()
        intention = self.intention.selected()
        return Answers(
            respondent_type="expat",
            respondent_id=self._expat_id,
            responded_on=clock.today(),
            score_service=int(service[0]) if service else None,
            intends_to_leave=intention[0] if intention else None,
            facilities=frozenset(self.facilities.selected()),
        )

    def is_saving(self) -> bool:
        """Whether the answers are being saved (off the GUI thread)."""
        return is_writing(self)

    def finish(self) -> None:
        """Save the questionnaire off the GUI thread, then thank the respondent; on failure
        stay, answers kept."""
        if self.is_saving():
            return
        self.error.hide()
        database, actor, answers = self._database, self._actor, self.answers()
        request_key = self._request_key
        self.idle_timer.stop()  # the visitor has finished: nothing is abandoned while saving
        run_write(
            self,
            lambda: surveys.record_response(database, actor, answers, request_key=request_key),
            SURVEY_SAVED,
            done=self._stored,
            refused=self._refused,
        )

    def _stored(self, response: Response) -> None:
        log.info("kiosk response %s saved", response.ref)
        self.saved.emit(response)
        self._thank()

    def _refused(self, refusal: Refusal) -> None:
        if refusal.problem is Problem.ALREADY_SAVED:  # an earlier try was saved after all
            log.info("kiosk response was saved by an earlier try")
            self._thank()
            return
        log.error("kiosk response not saved: %s", refusal.message)
        self.error.setText(
            _("Your answers could not be saved: {reason}").format(reason=refusal.message)
        )
        self.error.show()
        if self.current_page() in self.questions:
            self.idle_timer.start()  # still there to try again; or gone, and reset in time

    def _thank(self) -> None:
        self.idle_timer.stop()
        self.stack.setCurrentWidget(self.thanks)
        self.thanks_timer.start()

    # --- the lock -----------------------------------------------------------------------------

    def request_exit(self) -> bool:
        """Ask for the exit code; leave the kiosk when it is right."""
        dialog = ExitCodeDialog(self._exit_code, self, self._exit_attempts)
        if msgbox.exec_dialog(dialog) != ExitCodeDialog.DialogCode.Accepted:
            return False
        self._unlocked = True
        self.thanks_timer.stop()
        if i18n.language() != self._staff_language:
            self._switcher.apply(self._staff_language)
        self.close()
        self.left.emit()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._unlocked:
            self.idle_timer.stop()
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            super().closeEvent(event)
        else:
            event.ignore()

    def event(self, event: QEvent) -> bool:
        refusable = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        if event.type() in refusable and isinstance(event, QKeyEvent) and _refused(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _refused(event):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.FontChange,
        ):
            self._restyle()
        super().changeEvent(event)

    def _restyle(self) -> None:
        """The kiosk's style sheet for the application's palette and font as they are now."""
        sheet = style(QApplication.palette(), QApplication.font())
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def _retranslate(self) -> None:
        self.setWindowTitle(_("Questionnaire"))
        self.staff_button.setText(_("Staff"))
        self.staff_button.setAccessibleName(_("Staff: leave the kiosk"))
        count = len(self.questions)
        for number, page in enumerate(self.questions, start=1):
            page.retranslate()
            page.progress.setText(
                _("Question {number} of {count}").format(
                    number=i18n.format_number(number), count=i18n.format_number(count)
                )
            )
        self.facilities.next.setText(_("Finish"))
        self.welcome.retranslate()
        self.thanks.retranslate()


#: What shows that a visitor is at the kiosk.
_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.Wheel,
    }
)


def _refused(event: QKeyEvent) -> bool:
    """Escape, and any Alt or Meta combination (Alt+F4, Alt+Tab), are not for the public."""
    if event.key() == Qt.Key.Key_Escape:
        return True
    modifiers = event.modifiers()
    return bool(
        modifiers & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier)
    ) or (
        event.key() in (Qt.Key.Key_F4, Qt.Key.Key_W, Qt.Key.Key_Q)
        and bool(modifiers & Qt.KeyboardModifier.ControlModifier)
    )
