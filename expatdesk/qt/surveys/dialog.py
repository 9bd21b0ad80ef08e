"""The desk's survey form: staff type in a paper or telephone response, or correct one.

The respondent is the expat or employer selected in the main window (the default), any other
expat or employer found by typing beside the respondent box (:class:`RespondentSearch`), or
nobody (anonymous). A question left on "Not answered" is stored blank. Saving checks the answers
in the service; a refused answer shows its message beside the field, saves nothing and keeps
what was typed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel, QWidget

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor
from expatdesk.common.changes import SURVEY_SAVED
from expatdesk.common.concurrency import new_request_key
from expatdesk.common.db_errors import Refusal
from expatdesk.db.database import Database
from expatdesk.errors import AlreadySavedError
from expatdesk.i18n import _
from expatdesk.qt import msgbox
from expatdesk.qt.acting import given_or_inherited
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.forms.ui_survey_dialog import Ui_SurveyDialog
from expatdesk.qt.operations import is_writing, run_write
from expatdesk.qt.surveys.chooser import RespondentSearch
from expatdesk.qt.widgets.date_field import format_problem
from expatdesk.qt.widgets.field_messages import FieldMessages
from expatdesk.surveys import responses as surveys
from expatdesk.surveys.responses import Answers, InvalidAnswerError, Response

log = logging.getLogger(__name__)


class SurveyDialog(QDialog):
    """Record a new response (``response=None``) or correct ``response``.

    ``respondents`` maps ``expat``/``employer`` to the selected record's ``(id, name)``, or to
    ``None`` when none is selected; the respondent box offers that record, the records found
    by typing in the search box beside it, and "Anonymous".

    Signals:
        saved(object): the stored :class:`~expatdesk.surveys.responses.Response`.
    """

    saved = Signal(object)

    def __init__(
        self,
        database: Database,
        respondents: dict[str, tuple[int, str] | None],
        parent: QWidget | None = None,
        *,
        respondent_type: str = "expat",
        response: Response | None = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_SurveyDialog()
        self.ui.setupUi(self)
        colours.follow(self)
        scaling.keep_room(self)
        self._database = database
        self._actor = given_or_inherited(actor, parent)
        self._respondents = dict(respondents)
        self._response = response
        self._request_key = new_request_key()  # a second save after an unclear failure adds nothing
        if response is not None:
            answers = response.answers
            if answers.respondent_id is not None:
                self._respondents[answers.respondent_type] = (
                    answers.respondent_id,
                    response.respondent_name or "",
                )
            respondent_type = answers.respondent_type
        self._facilities = surveys.facilities(database)
        self.facility_boxes: dict[str, QCheckBox] = {}
        for number, facility in enumerate(self._facilities):
            box = QCheckBox(self.ui.facilitiesBox)
            box.setObjectName(f"facility_{facility.code}")
            self.ui.facilitiesLayout.addWidget(box, number // 2, number % 2)
            self.facility_boxes[facility.code] = box
        self._errors: dict[str, QLabel] = {
            "respondent": self.ui.respondentError,
            "responded_on": self.ui.respondedOnError,
            "score_service": self.ui.scoreServiceError,
            "score_added_value": self.ui.scoreAddedValueError,
            "intends_to_leave": self.ui.intendsToLeaveError,
        }
        self._inputs: dict[str, QWidget] = {
            "respondent_type": self.ui.respondentType,
            "respondent": self.ui.respondent,
            "responded_on": self.ui.respondedOn,
            "score_service": self.ui.scoreService,
            "score_added_value": self.ui.scoreAddedValue,
            "intends_to_leave": self.ui.intendsToLeave,
        }
        for combo in (self.ui.respondentType, self.ui.scoreService, self.ui.scoreAddedValue):
            combo.setMaxVisibleItems(12)
        # The range is wide on purpose: the service explains a date it refuses.
        self.ui.respondedOn.set_value(clock.today())
        self._fill_combos()
        self.ui.respondentType.setCurrentIndex(1 if respondent_type == "employer" else 0)
        self.finder = RespondentSearch(
            database,
            self.ui.respondentSearch,
            self.ui.respondent,
            self.respondent_type,
            lambda: self._respondents.get(self.respondent_type()),
        )
        self.finder.fill(None)
        self.ui.respondentType.currentIndexChanged.connect(self._type_changed)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        previous: QWidget = self.ui.intendsToLeave
        for box in self.facility_boxes.values():
            self.setTabOrder(previous, box)
            previous = box
        if response is not None:
            self._show(response.answers)
        self._retranslate()
        self.clear_errors()
        self._show_questions_of_type()

    # --- filling ------------------------------------------------------------------------------

    def _fill_combos(self) -> None:
        """Set the items (their data stays; the texts are set in :meth:`_retranslate`)."""
        self.ui.respondentType.addItem("", "expat")
        self.ui.respondentType.addItem("", "employer")
        for combo in (self.ui.scoreService, self.ui.scoreAddedValue):
            combo.addItem("", None)
            for grade in surveys.GRADES:
                combo.addItem("", grade)
        self.ui.intendsToLeave.addItem("", None)
        for intention in surveys.INTENTIONS:
            self.ui.intendsToLeave.addItem("", intention)

    def _show(self, answers: Answers) -> None:
        on = answers.responded_on
        self.ui.respondedOn.set_value(on)
        _select(self.ui.respondent, answers.respondent_id)
        _select(self.ui.scoreService, answers.score_service)
        _select(self.ui.scoreAddedValue, answers.score_added_value)
        _select(self.ui.intendsToLeave, answers.intends_to_leave)
        for code, box in self.facility_boxes.items():
            box.setChecked(code in answers.facilities)

    def _type_changed(self) -> None:
        self.finder.retranslate()
        self.finder.search_now(keep_choice=False)  # the other type's matches, or its selected
        self._show_questions_of_type()

    def _show_questions_of_type(self) -> None:
        expat = self.respondent_type() == "expat"
        employer_only: list[QWidget] = [self.ui.scoreAddedValueLabel, self.ui.scoreAddedValue]
        expat_only: list[QWidget] = [
            self.ui.intendsToLeaveLabel,
            self.ui.intendsToLeave,
            self.ui.facilitiesBox,
        ]
        for widget in employer_only:
            widget.setVisible(not expat)
        for widget in expat_only:
            widget.setVisible(expat)

    # --- reading what was entered -------------------------------------------------------------

    def respondent_type(self) -> str:
        return str(self.ui.respondentType.currentData() or "expat")

    def answers(self) -> Answers:
        """The answers as entered; the questions hidden for this respondent type are blank."""
        expat = self.respondent_type() == "expat"
        return Answers(
            respondent_type=self.respondent_type(),
            respondent_id=self.ui.respondent.currentData(),
            responded_on=self.ui.respondedOn.value(),  # type: ignore[arg-type]
            score_service=self.ui.scoreService.currentData(),
            score_added_value=None if expat else self.ui.scoreAddedValue.currentData(),
            intends_to_leave=self.ui.intendsToLeave.currentData() if expat else None,
            facilities=frozenset(
                code for code, box in self.facility_boxes.items() if expat and box.isChecked()
            ),
        )

    @property
    def messages(self) -> FieldMessages:
        return FieldMessages(self._errors, self._inputs, self.ui.formError)

    def error_text(self, field: str) -> str:
        return self.messages.text(field)

    def clear_errors(self) -> None:
        self.messages.clear()

    # --- saving -------------------------------------------------------------------------------

    def is_saving(self) -> bool:
        return is_writing(self)

    def accept(self) -> None:
        """Save off the GUI thread; stays open with a message beside the field when an answer
        is refused."""
        if self.is_saving():
            return
        self.clear_errors()
        problem = self._date_problem()
        if problem:  # typed, not yet a date: said before anything is asked of the database
            self.messages.show([("responded_on", problem)])
            return
        database, actor, answers = self._database, self._actor, self.answers()
        response, request_key = self._response, self._request_key

        def write() -> Response:
            if response is None:
                return surveys.record_response(database, actor, answers, request_key=request_key)
            return surveys.correct_response(
                database, actor, response.id, answers, expected_version=response.version
            )

        run_write(self, write, SURVEY_SAVED, done=self._stored, refused=self._refused)

    def _date_problem(self) -> str:
        """What is wrong with the response date as typed ("" when nothing)."""
        field = self.ui.respondedOn
        if not field.is_valid():
            return format_problem()
        if field.value() is None:
            return _("This field is required.")
        return ""

    def _refused(self, refusal: Refusal) -> None:
        error = refusal.error
        if isinstance(error, AlreadySavedError):  # an earlier try was saved after all
            msgbox.information(self, self.windowTitle(), str(error))
            found = surveys.load_response(self._database, error.record_id)
            if found is not None:
                self._stored(found)
            return
        self.messages.show_refusal(refusal)
        if not isinstance(error, InvalidAnswerError):
            msgbox.error(self, self.windowTitle(), refusal.message)

    def _stored(self, stored: Response) -> None:
        log.info("survey response %s saved", stored.ref)
        self._response = stored
        self.saved.emit(stored)
        super().accept()

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        if self._response is None:
            self.setWindowTitle(_("Record survey response"))
        else:
            self.setWindowTitle(_("Correct survey response {ref}").format(ref=self._response.ref))
        for index, kind in enumerate(surveys.RESPONDENTS):
            self.ui.respondentType.setItemText(index, surveys.respondent_label(kind))
        self.finder.retranslate()
        anonymous = _index(self.ui.respondent, None)
        if anonymous >= 0:
            self.ui.respondent.setItemText(anonymous, _("Anonymous"))
        for combo in (self.ui.scoreService, self.ui.scoreAddedValue, self.ui.intendsToLeave):
            combo.setItemText(0, _("Not answered"))
        for index in range(1, self.ui.scoreService.count()):
            text = i18n.format_number(index)
            self.ui.scoreService.setItemText(index, text)
            self.ui.scoreAddedValue.setItemText(index, text)
        for index, intention in enumerate(surveys.INTENTIONS, start=1):
            self.ui.intendsToLeave.setItemText(index, surveys.intention_label(intention))
        for facility in self._facilities:
            self.facility_boxes[facility.code].setText(str(facility))


def _index(combo: QComboBox, value: object) -> int:
    for index in range(combo.count()):
        if combo.itemData(index) == value:
            return index
    return -1


def _select(combo: QComboBox, value: object) -> None:
    index = _index(combo, value)
    if index >= 0:
        combo.setCurrentIndex(index)
