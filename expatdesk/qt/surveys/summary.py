"""Survey responses as text and as a section of a record's detail view."""

from __future__ import annotations

from collections.abc import Sequence

from expatdesk import i18n
from expatdesk.i18n import _
from expatdesk.qt.widgets.detail_html import DetailPage
from expatdesk.surveys.responses import Response, intention_label


def _grade(value: int | None) -> str:
    return _("not answered") if value is None else i18n.format_number(value)


def summary(response: Response) -> str:
    """One line: date, reference and grades, for the list to choose from."""
    answers = response.answers
    parts = [
        i18n.format_date(answers.responded_on),
        response.ref,
        _("service {grade}").format(grade=_grade(answers.score_service)),
    ]
    if answers.respondent_type == "employer":
        parts.append(_("added value {grade}").format(grade=_grade(answers.score_added_value)))
    return " · ".join(parts)


def add_section(page: DetailPage, responses: Sequence[Response], *, employer: bool) -> None:
    """The "Survey responses" section of an expat's or an employer's detail view."""
    page.section(_("Survey responses"))
    if employer:
        headers = [_("Date"), _("Service"), _("Added value"), _("Reference")]
        rows = [
            (
                i18n.format_date(response.answers.responded_on),
                i18n.format_number(response.answers.score_service),
                i18n.format_number(response.answers.score_added_value),
                response.ref,
            )
            for response in responses
        ]
        unbroken = {0, 1, 2, 3}
    else:
        headers = [_("Date"), _("Service"), _("Leaving Twente"), _("Facilities used")]
        rows = [
            (
                i18n.format_date(response.answers.responded_on),
                i18n.format_number(response.answers.score_service),
                intention_label(response.answers.intends_to_leave),
                i18n.join(str(label) for label in response.facility_labels),
            )
            for response in responses
        ]
        unbroken = {0, 1}
    page.table(headers, rows, empty=_("No survey responses registered."), unbroken=unbroken)
