"""One employer's page, as the employers area shows it beside the list.

Opening an employer loads the record and the newest entries of its history (contact persons and
international hires included) as an :class:`EmployerPage`; :func:`render` draws either that or a
bare :class:`~expatdesk.employers.read.EmployerDetail`.
"""

from __future__ import annotations

from dataclasses import dataclass

from expatdesk import i18n
from expatdesk.common.labels import yes_no
from expatdesk.db.database import Database
from expatdesk.employers import read as employers
from expatdesk.employers.read import EmployerDetail
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
)
from expatdesk.timeline import employer_events


@dataclass(frozen=True)
class EmployerPage:
    """What the employer's page shows: the record and the newest entries of its history."""

    employer: EmployerDetail
    history: History


def load(database: Database, employer_id: int) -> EmployerPage | None:
    """The employer's record and its history's latest :data:`HISTORY_SHOWN` entries; ``None``
    when the employer no longer exists."""
    employer = employers.load_employer(database, employer_id)
    if employer is None:
        return None
    return EmployerPage(
        employer, load_history(database, "employer", employer_id, limit=HISTORY_SHOWN)
    )


def render(record: EmployerDetail | EmployerPage) -> str:
    """The read-only HTML view of one employer (with its history for an :class:`EmployerPage`)."""
    history = record.history if isinstance(record, EmployerPage) else None
    employer = record.employer if isinstance(record, EmployerPage) else record
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
    add_cases(page, employer.cases, empty=_("No cases for this employer."))
    add_timeline(
        page,
        employer_events(employer),
        unloaded=employer.delivery_count - len(employer.deliveries),
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
    add_deliveries(
        page,
        employer.deliveries,
        employer.delivery_count,
        empty=_("No services delivered to this employer."),
        for_employer=True,
    )
    survey_summary.add_section(page, employer.surveys, employer=True)
    if employer.notes:
        page.section(_("Notes"))
        page.paragraph(employer.notes)
    if history is not None:
        add_history(page, history)
    return page.html()
