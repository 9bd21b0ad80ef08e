"""The expats area: the list of expats and one expat's record."""

from __future__ import annotations

from datetime import date

from expatdesk import i18n
from expatdesk.i18n import _, ngettext
from expatdesk.qt import survey_summary
from expatdesk.qt.detail_html import DetailPage, warning
from expatdesk.qt.record_area import AreaSpec
from expatdesk.services import expats
from expatdesk.services.expats import ExpatDetail, relation_label
from expatdesk.services.labels import yes_no


def _text(value: object) -> str:
    return "" if value is None else str(value)


def render(expat: ExpatDetail, today: date | None = None) -> str:
    """The read-only HTML view of one expat. The BSN is only ever shown masked."""
    today = today or date.today()
    page = DetailPage(expat.name, expat.ref)
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
            (_("Employer"), expat.employer_name),
            (_("Category"), _text(expat.category)),
            (_("Education level"), _text(expat.education_level)),
            (_("Arrival"), i18n.format_date(expat.arrival_date)),
            (_("Departure"), i18n.format_date(expat.departure_date)),
            (_("Municipality"), _text(expat.municipality)),
            (_("Survey consent"), _consent(expat)),
        ]
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
    survey_summary.add_section(page, expat.surveys, employer=False)
    if expat.notes:
        page.section(_("Notes"))
        page.paragraph(expat.notes)
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


def spec() -> AreaSpec:
    return AreaSpec(
        name="expats",
        listing=expats.LISTING,
        load=expats.load_expat,
        render=render,
        count_text=lambda count: ngettext("{count} expat", "{count} expats", count).format(
            count=i18n.format_number(count)
        ),
        search_placeholder=lambda: _("Name, e-mail or reference"),
        search_name=lambda: _("Search expats"),
        table_name=lambda: _("Expats"),
        detail_name=lambda: _("Expat details"),
        no_selection=lambda: _("Select an expat to see the details."),
        nothing_found=lambda query: _("No expat matches “{query}”.").format(query=query),
        none_yet=lambda: _("No expats registered yet."),
    )
