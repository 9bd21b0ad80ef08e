"""The expats area: the list of expats and, beside it, the selected expat's page.

The page (:mod:`expatdesk.qt.expats.page`: the record, its timeline and its history) is imported
when the first expat is shown, which is after the list has painted: 13 ms less before the first
paint at start-up (issue 18).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from expatdesk import i18n
from expatdesk.common.changes import Kind
from expatdesk.db.database import Database
from expatdesk.expats import read as expats
from expatdesk.i18n import _, ngettext
from expatdesk.qt.widgets.record_area import AreaSpec

if TYPE_CHECKING:
    from expatdesk.expats.read import ExpatDetail
    from expatdesk.qt.expats.page import ExpatPage


def load(database: Database, expat_id: int) -> ExpatPage | None:
    """The expat's page (:func:`expatdesk.qt.expats.page.load`)."""
    from expatdesk.qt.expats import page

    return page.load(database, expat_id)


def render(record: ExpatDetail | ExpatPage, today: date | None = None) -> str:
    """The expat's page as HTML (:func:`expatdesk.qt.expats.page.render`)."""
    from expatdesk.qt.expats import page

    return page.render(record, today)


def spec() -> AreaSpec:
    return AreaSpec(
        name="expats",
        kind=Kind.EXPATS,
        listing=expats.LISTING,
        load=load,
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
