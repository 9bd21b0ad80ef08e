"""One expat's page, as the expats area shows it beside the list (:mod:`expatdesk.qt.expats.area`).

Opening an expat loads the record (:func:`expatdesk.expats.read.load_expat`) and the newest
entries of its history (:func:`expatdesk.history.read.load_history`) as an :class:`ExpatPage`;
:func:`render` draws either that or a bare :class:`~expatdesk.expats.read.ExpatDetail`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from expatdesk import clock, i18n
from expatdesk.common.labels import relation_label, yes_no
from expatdesk.db.database import Database
from expatdesk.expats import read as expats
from expatdesk.expats.read import ExpatDetail
from expatdesk.history.read import History, load_history
from expatdesk.i18n import _
from expatdesk.qt.surveys import summary as survey_summary
from expatdesk.qt.widgets.detail_html import (
    HISTORY_SHOWN,
    DetailPage,
    add_cases,
    add_deliveries,
    add_history,
    add_timeline,
    linked,
    warning,
)
from expatdesk.timeline import expat_events


def _text(value: object) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class ExpatPage:
    """What the expat's page shows: the record and the newest entries of its history."""

    expat: ExpatDetail
    history: History


def load(database: Database, expat_id: int) -> ExpatPage | None:
    """The expat's record and its history's latest :data:`HISTORY_SHOWN` entries; ``None``
    when the expat no longer exists."""
    expat = expats.load_expat(database, expat_id)
    if expat is None:
        return None
    return ExpatPage(expat, load_history(database, "expat", expat_id, limit=HISTORY_SHOWN))


def render(record: ExpatDetail | ExpatPage, today: date | None = None) -> str:
    """The read-only HTML view of one expat. The BSN is only ever shown masked.

    The "History" section is there when ``record`` is an :class:`ExpatPage`.
    """
    today = today or clock.today()
    history = record.history if isinstance(record, ExpatPage) else None
    expat = record.expat if isinstance(record, ExpatPage) else record
    page = DetailPage(expat.name, expat.ref)
    if history is not None and history.anonymised_at is not None:
        page.paragraph(
            warning(
                _(
                    "The personal data of this expat was erased on {date}; what is left keeps "
                    "the reports' figures."
                ).format(date=i18n.format_date(history.anonymised_at.astimezone().date()))
            )
        )
    page.section(_("Personal details"))
    page.fields(
        [
            (_("Date of birth"), i18n.format_date(expat.date_of_birth)),
            (_("Nationality"), i18n.country_name(expat.nationality)),
            (_("E-mail"), expat.email),
            (_("Phone"), expat.phone),
            (_("BSN"), expat.bsn_masked),
            (_("Preferred language"), i18n.language_name(expat.preferred_language)),
        ]
    )
    page.section(_("Work and stay"))
    page.fields(
        [
            (
                _("Employer"),
                linked(
                    expat.employer_name,
                    None if expat.employer_id is None else ("employer", expat.employer_id),
                ),
            ),
            (_("Category"), _text(expat.category)),
            (_("Education level"), _text(expat.education_level)),
            (_("Arrival"), i18n.format_date(expat.arrival_date)),
            (_("Departure"), i18n.format_date(expat.departure_date)),
            (_("Municipality"), _text(expat.municipality)),
            (_("Survey consent"), _consent(expat)),
        ]
    )
    add_cases(page, expat.cases, empty=_("No cases for this expat."))
    add_timeline(
        page,
        expat_events(expat, today),
        unloaded=expat.delivery_count - len(expat.deliveries),
    )
    page.section(_("Family members"))
    page.table(
        [_("Relation"), _("Name"), _("Date of birth"), _("School")],
        [
            (
                relation_label(member.relation),
                member.name,
                i18n.format_date(member.date_of_birth),
                member.school,
            )
            for member in expat.family
        ],
        empty=_("No family members registered."),
        unbroken={2},
    )
    page.section(_("Permits"))
    newest_first = sorted(expat.permits, key=lambda permit: permit.valid_until, reverse=True)
    page.table(
        [_("Type"), _("Number"), _("Valid from"), _("Valid until")],
        [
            (
                str(permit.permit_type),
                permit.number,
                i18n.format_date(permit.valid_from),
                # Only a lapsed current permit is news; older ones were superseded.
                _valid_until(permit.valid_until, today, current=number == 0),
            )
            for number, permit in enumerate(newest_first)
        ],
        empty=_("No permits registered."),
        unbroken={1, 2, 3},
    )
    add_deliveries(
        page,
        expat.deliveries,
        expat.delivery_count,
        empty=_("No services delivered to this expat."),
        for_employer=False,
    )
    survey_summary.add_section(page, expat.surveys, employer=False)
    if expat.notes:
        page.section(_("Notes"))
        page.paragraph(expat.notes)
    if history is not None:
        add_history(page, history)
    return page.html()


def _consent(expat: ExpatDetail) -> str:
    if expat.survey_consent and expat.survey_consent_date:
        return _("Yes, since {date}").format(date=i18n.format_date(expat.survey_consent_date))
    return yes_no(expat.survey_consent)


def _valid_until(valid_until: date, today: date, *, current: bool) -> str:
    shown = i18n.format_date(valid_until)
    if current and valid_until < today:
        return warning(_("{date} (expired)").format(date=shown))
    return shown
