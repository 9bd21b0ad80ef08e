"""The employers area: the list of employers and, beside it, the selected employer's page.

The page (:mod:`expatdesk.qt.employers.page`) is imported when the first employer is shown,
after the list has painted, as the expats area does with its page (start-up, issue 18).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from expatdesk import i18n
from expatdesk.common.changes import Kind
from expatdesk.db.database import Database
from expatdesk.employers import read as employers
from expatdesk.i18n import _, ngettext
from expatdesk.qt.widgets.record_area import AreaSpec

if TYPE_CHECKING:
    from expatdesk.employers.read import EmployerDetail
    from expatdesk.qt.employers.page import EmployerPage


def load(database: Database, employer_id: int) -> EmployerPage | None:
    """The employer's page (:func:`expatdesk.qt.employers.page.load`)."""
    from expatdesk.qt.employers import page

    return page.load(database, employer_id)


def render(record: EmployerDetail | EmployerPage) -> str:
    """The employer's page as HTML (:func:`expatdesk.qt.employers.page.render`)."""
    from expatdesk.qt.employers import page

    return page.render(record)


def spec() -> AreaSpec:
    return AreaSpec(
        name="employers",
        kind=Kind.EMPLOYERS,
        listing=employers.LISTING,
        load=load,
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
