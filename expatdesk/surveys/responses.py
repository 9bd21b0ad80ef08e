"""Survey responses: recorded at the desk or in the kiosk, corrected, listed per respondent.

A response is an expat's or an employer's answers to the centre's questionnaire
(``shared/spec/targets.md``, targets O, P and Q). The answers travel as a frozen :class:`Answers`;
:func:`record_response` checks them and stores them in one transaction with a new, unique
``response_ref`` and the :data:`CURRENT_QUESTIONNAIRE` version. A check that fails raises
:class:`InvalidAnswerError` naming the field, so a form can show the message beside it.
:func:`correct_response` changes a stored response, refusing it when someone else changed the
response since it was read (optimistic locking on ``version``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from expatdesk import clock
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.common.concurrency import add_once
from expatdesk.common.labels import Label
from expatdesk.db.database import Database
from expatdesk.db.models import (
    CURRENT_QUESTIONNAIRE,
    LEAVE_INTENTIONS,
    RESPONDENT_TYPES,
    Employer,
    Expat,
    Facility,
    SurveyFacility,
    SurveyResponse,
)
from expatdesk.errors import UserError
from expatdesk.i18n import N_, _
from expatdesk.text import full_name

#: The earliest date a response can have.
EARLIEST_DATE = date(2000, 1, 1)
GRADES = range(1, 11)
INTENTIONS: dict[str, str] = {"yes": N_("Yes"), "no": N_("No"), "unsure": N_("Unsure")}
RESPONDENTS: dict[str, str] = {"expat": N_("Expat"), "employer": N_("Employer")}
_REF_ATTEMPTS = 20

assert tuple(INTENTIONS) == LEAVE_INTENTIONS
assert tuple(RESPONDENTS) == RESPONDENT_TYPES


class InvalidAnswerError(UserError):
    """An answer the database would not accept; ``field`` names the form field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Answers:
    """What a respondent answered; ``None`` is "not answered".

    ``respondent_id`` is the expat's or the employer's id (by ``respondent_type``), or ``None``
    for an anonymous response.
    """

    respondent_type: str
    respondent_id: int | None
    responded_on: date
    score_service: int | None = None
    score_added_value: int | None = None
    intends_to_leave: str | None = None
    facilities: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Response:
    """A stored response, as a view shows it and a form corrects it."""

    id: int
    ref: str
    version: int
    questionnaire_version: int
    respondent_name: str | None
    answers: Answers
    facility_labels: tuple[Label, ...]


def intention_label(intention: str | None) -> str:
    """``yes``/``no``/``unsure`` in the active language; ``""`` when not answered."""
    return "" if intention is None else _(INTENTIONS.get(intention, intention))


def respondent_label(respondent_type: str) -> str:
    return _(RESPONDENTS.get(respondent_type, respondent_type))


def facilities(database: Database) -> list[Label]:
    """The expat-oriented facilities, in their display order."""
    with database.reading() as session:
        rows = session.scalars(select(Facility).order_by(Facility.sort_order, Facility.code))
        return [Label.of(row) for row in rows]


# --- checking ---------------------------------------------------------------------------------


def validate(session: Session, answers: Answers, today: date | None = None) -> None:
    """Raise :class:`InvalidAnswerError` for the first answer the database would refuse."""
    today = today or clock.today()
    kind = answers.respondent_type
    if kind not in RESPONDENT_TYPES:
        raise InvalidAnswerError(
            "respondent_type", _("Choose whether an expat or an employer responded.")
        )
    if answers.responded_on > today:
        raise InvalidAnswerError("responded_on", _("The response date lies in the future."))
    if answers.responded_on < EARLIEST_DATE:
        raise InvalidAnswerError(
            "responded_on", _("The response date lies before 2000; check the year.")
        )
    for name, grade, text in (
        ("score_service", answers.score_service, N_("The grade for the service must be 1 to 10.")),
        (
            "score_added_value",
            answers.score_added_value,
            N_("The grade for the added value must be 1 to 10."),
        ),
    ):
        if grade is not None and grade not in GRADES:
            raise InvalidAnswerError(name, _(text))
    if kind == "expat" and answers.score_added_value is not None:
        raise InvalidAnswerError(
            "score_added_value", _("Only employers grade the added value; leave it blank.")
        )
    if kind == "employer" and answers.intends_to_leave is not None:
        raise InvalidAnswerError(
            "intends_to_leave", _("Only expats answer the question about leaving Twente.")
        )
    if answers.intends_to_leave is not None and answers.intends_to_leave not in LEAVE_INTENTIONS:
        raise InvalidAnswerError("intends_to_leave", _("Unknown answer about leaving Twente."))
    if answers.respondent_id is not None:
        model = Expat if kind == "expat" else Employer
        if session.get(model, answers.respondent_id) is None:
            message = (
                _("This expat no longer exists; record the response anonymously.")
                if kind == "expat"
                else _("This employer no longer exists; record the response anonymously.")
            )
            raise InvalidAnswerError("respondent", message)
    if answers.facilities:
        known = set(session.scalars(select(Facility.code)))
        if not answers.facilities <= known:
            raise InvalidAnswerError("facilities", _("Unknown facility."))


# --- writing ----------------------------------------------------------------------------------


def _new_ref(session: Session, on: date) -> str:
    for _attempt in range(_REF_ATTEMPTS):
        ref = f"RSP-{on:%Y%m%d}-{secrets.token_hex(3).upper()}"
        taken = session.scalar(select(SurveyResponse.id).where(SurveyResponse.response_ref == ref))
        if taken is None:
            return ref
    raise UserError(_("Could not find a free response reference; try again."))  # pragma: no cover


def _apply(response: SurveyResponse, answers: Answers) -> None:
    response.respondent_type = answers.respondent_type
    response.expat_id = answers.respondent_id if answers.respondent_type == "expat" else None
    response.employer_id = answers.respondent_id if answers.respondent_type == "employer" else None
    response.responded_on = answers.responded_on
    response.score_service = answers.score_service
    response.score_added_value = answers.score_added_value
    response.intends_to_leave = answers.intends_to_leave
    current = {item.facility_code for item in response.facilities}
    response.facilities = [
        item for item in response.facilities if item.facility_code in answers.facilities
    ] + [SurveyFacility(facility_code=code) for code in sorted(answers.facilities - current)]


def record_response(
    database: Database,
    actor: Actor,
    answers: Answers,
    today: date | None = None,
    *,
    request_key: str | None = None,
) -> Response:
    """Check and store a new response; returns it as stored.

    The returned response is made from the flushed row before the COMMIT, so nothing after a
    successful COMMIT can turn it into an error. ``request_key``: the key the form made when it
    opened; a response saved with it already raises :class:`~expatdesk.errors.AlreadySavedError`
    and adds nothing (a desk that saves again after "check whether the change was saved" never
    counts twice in O–Q).
    """
    actor.require(Permission.CLIENTS)
    with database.transaction(actor) as session:
        validate(session, answers, today)
        response = SurveyResponse(
            response_ref=_new_ref(session, today or clock.today()),
            questionnaire_version=CURRENT_QUESTIONNAIRE,
            facilities=[],
        )
        _apply(response, answers)
        add_once(session, response, request_key, _("This survey response was already saved."))
        (stored,) = _as_responses(session, [response])  # as flushed: nothing to read back
    return stored


def correct_response(
    database: Database,
    actor: Actor,
    response_id: int,
    answers: Answers,
    *,
    expected_version: int,
    today: date | None = None,
) -> Response:
    """Store corrected answers, if nobody changed the response since ``expected_version``."""
    actor.require(Permission.CLIENTS)
    try:
        with database.transaction(actor) as session:
            response = session.get(
                SurveyResponse, response_id, options=[selectinload(SurveyResponse.facilities)]
            )
            if response is None:
                raise UserError(_("This survey response no longer exists."))
            if response.version != expected_version:
                raise UserError(_changed_meanwhile())
            validate(session, answers, today)
            _apply(response, answers)
            session.flush()
    except StaleDataError:
        raise UserError(_changed_meanwhile()) from None
    loaded = load_response(database, response_id)
    assert loaded is not None
    return loaded


def _changed_meanwhile() -> str:
    return _("Someone else changed this survey response in the meantime; open it again.")


# --- reading ----------------------------------------------------------------------------------


def _responses(session: Session, condition: ColumnElement[bool]) -> list[Response]:
    statement = (
        select(SurveyResponse).options(selectinload(SurveyResponse.facilities)).where(condition)
    )
    statement = statement.order_by(SurveyResponse.responded_on.desc(), SurveyResponse.id.desc())
    return _as_responses(session, list(session.scalars(statement)))


def _as_responses(session: Session, rows: list[SurveyResponse]) -> list[Response]:
    """``rows`` (with their facilities loaded) as the views show them."""
    listed = session.scalars(select(Facility).order_by(Facility.sort_order, Facility.code))
    labels = {row.code: Label.of(row) for row in listed}
    order = {code: number for number, code in enumerate(labels)}
    expat_ids = {row.expat_id for row in rows if row.expat_id is not None}
    employer_ids = {row.employer_id for row in rows if row.employer_id is not None}
    names: dict[tuple[str, int], str] = {}
    if expat_ids:
        for expat in session.scalars(select(Expat).where(Expat.id.in_(expat_ids))):
            names["expat", expat.id] = full_name(expat.given_name, expat.family_name)
    if employer_ids:
        for employer in session.scalars(select(Employer).where(Employer.id.in_(employer_ids))):
            names["employer", employer.id] = employer.name
    result = []
    for row in rows:
        codes = sorted((item.facility_code for item in row.facilities), key=lambda c: order[c])
        respondent_id = row.expat_id if row.respondent_type == "expat" else row.employer_id
        result.append(
            Response(
                id=row.id,
                ref=row.response_ref,
                version=row.version,
                questionnaire_version=row.questionnaire_version,
                respondent_name=(
                    None
                    if respondent_id is None
                    else names.get((row.respondent_type, respondent_id))
                ),
                answers=Answers(
                    respondent_type=row.respondent_type,
                    respondent_id=respondent_id,
                    responded_on=row.responded_on,
                    score_service=row.score_service,
                    score_added_value=row.score_added_value,
                    intends_to_leave=row.intends_to_leave,
                    facilities=frozenset(codes),
                ),
                facility_labels=tuple(labels[code] for code in codes),
            )
        )
    return result


def load_response(database: Database, response_id: int) -> Response | None:
    """One response; ``None`` if it no longer exists."""
    with database.reading() as session:
        found = _responses(session, SurveyResponse.id == response_id)
        return found[0] if found else None


def responses_of_expat(database: Database, expat_id: int) -> list[Response]:
    """An expat's responses, newest first."""
    with database.reading() as session:
        return responses_in(session, "expat", expat_id)


def responses_of_employer(database: Database, employer_id: int) -> list[Response]:
    """An employer's responses, newest first."""
    with database.reading() as session:
        return responses_in(session, "employer", employer_id)


def responses_in(session: Session, respondent_type: str, respondent_id: int) -> list[Response]:
    """The responses of one respondent inside an open session (for the detail loaders)."""
    column = SurveyResponse.expat_id if respondent_type == "expat" else SurveyResponse.employer_id
    return _responses(session, column == respondent_id)
