"""The employers area: the list of employers and one employer's record."""

from __future__ import annotations

from expatdesk import i18n
from expatdesk.i18n import _, ngettext
from expatdesk.qt import survey_summary
from expatdesk.qt.detail_html import DetailPage
from expatdesk.qt.record_area import AreaSpec
from expatdesk.services import employers
from expatdesk.services.employers import EmployerDetail
from expatdesk.services.labels import yes_no


def render(employer: EmployerDetail) -> str:
    """The read-only HTML view of one employer."""
    page = DetailPage(employer.name, employer.ref)
    page.section(_("Details"))
    page.fields(
        [
            (_("KvK number"), employer.kvk_number),
            (_("High-tech"), yes_no(employer.high_tech)),
            (
                _("Municipality"),
                "" if employer.municipality is None else str(employer.municipality),
            ),
            (_("Recognised sponsor"), yes_no(employer.recognised_sponsor)),
            (_("Website"), employer.website),
            (_("Expats"), i18n.format_number(employer.expat_count)),
        ]
    )
    page.section(_("Contact persons"))
    page.cards(
        [
            (contact.name, contact.job_title, [contact.email, contact.phone])
            for contact in employer.contacts
        ],
        empty=_("No contact persons registered."),
    )
    page.section(_("International hires per year"))
    page.table(
        [_("Year"), _("International hires"), _("Source")],
        [
            (str(record.year), i18n.format_number(record.international_hires), record.source)
            for record in employer.hiring
        ],
        empty=_("No hiring figures registered."),
        unbroken={0, 1},
    )
    survey_summary.add_section(page, employer.surveys, employer=True)
    if employer.notes:
        page.section(_("Notes"))
        page.paragraph(employer.notes)
    return page.html()


def spec() -> AreaSpec:
    return AreaSpec(
        name="employers",
        listing=employers.LISTING,
        load=employers.load_employer,
        render=render,
        count_text=lambda count: ngettext("{count} employer", "{count} employers", count).format(
            count=i18n.format_number(count)
        ),
        search_placeholder=lambda: _("Name, KvK number or reference"),
        search_name=lambda: _("Search employers"),
        table_name=lambda: _("Employers"),
        detail_name=lambda: _("Employer details"),
        no_selection=lambda: _("Select an employer to see the details."),
        nothing_found=lambda query: _("No employer matches “{query}”.").format(query=query),
        none_yet=lambda: _("No employers registered yet."),
    )
