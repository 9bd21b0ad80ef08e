"""Building the HTML of a read-only record view, every value escaped.

Qt's rich text understands a small part of HTML and CSS; :class:`DetailPage` sticks to that
part: a heading, sections of label/value rows, simple tables and a timeline.

A page links to other records with ``expatdesk://<kind>/<id>`` URLs (:func:`record_url`,
:func:`link`); the browser showing the page turns a clicked link back into ``(kind, id)`` with
:func:`record_of`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable, Sequence

from PySide6.QtGui import QGuiApplication, QPalette

from expatdesk import i18n
from expatdesk.cases.linked import CaseInfo, DeliveryInfo
from expatdesk.history.read import History
from expatdesk.i18n import _, ngettext
from expatdesk.qt.appearance import colours
from expatdesk.timeline import TimelineEvent

EMPTY = "—"
#: A break opportunity that takes no room: a long web address wraps after its dots and slashes
#: instead of anywhere in a word.
ZERO_WIDTH_SPACE = "\u200b"
_WEB_ADDRESS = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
_URL_BREAKS = re.compile(r"([/.\-]+)(?=.)")
#: The width of the label column, a share of the page's: the same in every section, so values
#: line up, and in a narrow pane the labels wrap, not the values (a fixed 150 pixels left a
#: narrow pane's values a letter per line).
LABEL_WIDTH = "40%"

#: The page's style; the colours of secondary text and of warnings come from the palette (see
#: :func:`style`).
STYLE = """
h2 {{ margin-top: 0; margin-bottom: 0; }}
h3 {{ margin-top: 16px; margin-bottom: 4px; }}
.subtitle {{ color: {muted}; }}
.label {{ color: {muted}; }}
th {{ color: {muted}; font-weight: normal; text-align: left; }}
.warning {{ color: {warning}; }}
.note {{ color: {muted}; }}
{links}
"""


def style() -> str:
    """:data:`STYLE` in the colours that read on a text view's background in the application's
    palette (a view re-renders its page when the palette changes)."""
    palette = QGuiApplication.palette()
    base = QPalette.ColorRole.Base
    return STYLE.format(
        muted=colours.css(colours.Role.MUTED, palette, base),
        warning=colours.css(colours.Role.ALERT, palette, base),
        links=colours.link_style(palette),
    )


#: The scheme of links between records.
SCHEME = "expatdesk"
RECORD_KINDS = ("expat", "employer", "case")
_RECORD_URL = re.compile(rf"^{SCHEME}://({'|'.join(RECORD_KINDS)})/([1-9][0-9]{{0,17}})/?$")


class Markup(str):
    """Text that is HTML already (made here from escaped parts): not escaped again."""


def escape(value: object) -> str:
    """``value`` as HTML text; an empty value as a dash; :class:`Markup` as it is."""
    if isinstance(value, Markup):
        return str(value)
    if value is None or value == "":
        return EMPTY
    return html.escape(str(value)).replace("\n", "<br>")


def breakable(value: object) -> object:
    """A web address as HTML that wraps only after its ``/``, ``.`` and ``-``; other values as
    they are."""
    if isinstance(value, Markup) or not isinstance(value, str) or not _WEB_ADDRESS.match(value):
        return value
    return Markup(_URL_BREAKS.sub(rf"\1{ZERO_WIDTH_SPACE}", escape(value)))


class DetailPage:
    """Collects the parts of a record's HTML page in order."""

    def __init__(self, title: str, subtitle: str = "") -> None:
        self._parts = [f"<h2>{escape(title)}</h2>"]
        if subtitle:
            self._parts.append(f'<p class="subtitle">{escape(subtitle)}</p>')

    def section(self, title: str) -> None:
        self._parts.append(f"<h3>{escape(title)}</h3>")

    def fields(self, rows: Iterable[tuple[str, object]]) -> None:
        """Rows of a label and a value (a web address wraps after its dots and slashes)."""
        cells = [
            f'<tr><td class="label" width="{LABEL_WIDTH}">{escape(label)}</td>'
            f"<td>{escape(breakable(value))}</td></tr>"
            for label, value in rows
        ]
        self._parts.append('<table cellspacing="0" cellpadding="3">' + "".join(cells) + "</table>")

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[object]],
        *,
        empty: str,
        unbroken: Collection[int] = (),
    ) -> None:
        """A table with a header row, or the text ``empty`` when there are no rows.

        The columns whose positions are in ``unbroken`` (dates, numbers) never wrap.
        """
        nowrap = ' style="white-space: nowrap"'
        body = [
            "<tr>"
            + "".join(
                f"<td{nowrap if column in unbroken else ''}>{escape(value)}</td>"
                for column, value in enumerate(row)
            )
            + "</tr>"
            for row in rows
        ]
        if not body:
            self.paragraph(empty)
            return
        head = "<tr>" + "".join(f"<th>{escape(header)}</th>" for header in headers) + "</tr>"
        self._parts.append(
            '<table cellspacing="0" cellpadding="3">' + head + "".join(body) + "</table>"
        )

    def paragraph(self, text: str) -> None:
        self._parts.append(f"<p>{escape(text)}</p>")

    def cards(
        self, cards: Iterable[tuple[str, str | None, Sequence[str | None]]], *, empty: str
    ) -> None:
        """Small blocks of a bold title, a grey subtitle and lines, one per person or thing.

        Narrow panes show these better than a table: each line has the whole width.
        """
        blocks = []
        for title, subtitle, details in cards:
            parts = [f"<b>{escape(title)}</b>"]
            if subtitle:
                parts.append(f'<span class="subtitle">{escape(subtitle)}</span>')
            parts += [escape(line) for line in details if line]
            blocks.append('<p style="margin-bottom: 6px">' + "<br>".join(parts) + "</p>")
        if not blocks:
            self.paragraph(empty)
            return
        self._parts.extend(blocks)

    def html(self) -> str:
        return (
            f"<html><head><style>{style()}</style></head><body>{''.join(self._parts)}</body></html>"
        )


def warning(text: str) -> Markup:
    """``text``, escaped and shown as a warning."""
    return Markup(f'<span class="warning">{escape(text)}</span>')


# --- links between records --------------------------------------------------------------------


def record_url(kind: str, record_id: int) -> str:
    """The URL of a record's page: ``expatdesk://case/12``."""
    if kind not in RECORD_KINDS:
        raise ValueError(f"unknown record kind {kind!r}")
    return f"{SCHEME}://{kind}/{int(record_id)}"


def record_of(url: str) -> tuple[str, int] | None:
    """The ``(kind, id)`` a record URL points at; ``None`` for any other URL."""
    match = _RECORD_URL.match(url.strip())
    if match is None:
        return None
    return match.group(1), int(match.group(2))


def link(text: object, kind: str, record_id: int) -> Markup:
    """``text``, escaped, as a link to a record."""
    return Markup(f'<a href="{record_url(kind, record_id)}">{escape(text)}</a>')


def linked(text: object, target: tuple[str, int] | None) -> object:
    """``text`` as a link to ``target`` when there is one, else as it is."""
    if target is None or text is None or text == "":
        return text
    return link(text, *target)


def note(text: str) -> Markup:
    """``text``, escaped, in the grey of secondary information."""
    return Markup(f'<span class="note">{escape(text)}</span>')


# --- the sections of linked records ----------------------------------------------------------

#: A page shows at most this many timeline events, the newest.
TIMELINE_LIMIT = 100
#: A page shows this many entries of the record's history, the newest.
HISTORY_SHOWN = 20


def add_cases(page: DetailPage, cases: Sequence[CaseInfo], *, empty: str) -> None:
    """The "Cases" section: each case links to its page; open cases first, the newest first."""
    page.section(_("Cases"))
    ordered = sorted(cases, key=lambda case: not case.is_open)  # stable: newest first within
    page.table(
        [_("Case"), _("Subject"), _("Status"), _("Opened")],
        [
            (
                link(case.ref, "case", case.id),
                case.subject,
                case.status_label,
                i18n.format_date(case.opened_on),
            )
            for case in ordered
        ],
        empty=empty,
        unbroken={0, 3},
    )


def add_deliveries(
    page: DetailPage,
    deliveries: Sequence[DeliveryInfo],
    total: int,
    *,
    empty: str,
    for_employer: bool,
) -> None:
    """The "Services delivered" section, the newest first; a delivery on a case links to it.

    On an employer's page a column names the expat (linked) the service was for.
    """
    page.section(_("Services delivered"))
    if 0 < len(deliveries) < total:
        page.paragraph(
            ngettext(
                "The newest {shown} of {count} service delivery.",
                "The newest {shown} of {count} service deliveries.",
                total,
            ).format(shown=i18n.format_number(len(deliveries)), count=i18n.format_number(total))
        )
    headers = [_("Date"), _("Service"), _("Case")]
    if for_employer:
        headers.append(_("Expat"))
    rows = []
    for delivery in deliveries:
        row: list[object] = [
            i18n.format_date(delivery.delivered_on),
            str(delivery.service),
            None if delivery.case_id is None else link(delivery.case_ref, "case", delivery.case_id),
        ]
        if for_employer:
            row.append(
                None
                if delivery.expat_id is None
                else link(delivery.expat_name, "expat", delivery.expat_id)
            )
        rows.append(row)
    page.table(headers, rows, empty=empty, unbroken={0, 2})


def add_timeline(page: DetailPage, events: Sequence[TimelineEvent], *, unloaded: int = 0) -> None:
    """The "Timeline" section: everything linked to the record, newest first.

    ``unloaded``: how many older events the record holds beyond ``events`` (service deliveries
    past the loader's limit), so the note counts them too.
    """
    page.section(_("Timeline"))
    shown = events[:TIMELINE_LIMIT]
    total = len(events) + unloaded
    if len(shown) < total:
        page.paragraph(
            _("The latest {shown} of {count} events.").format(
                shown=i18n.format_number(len(shown)), count=i18n.format_number(total)
            )
        )
    page.table(
        [_("Date"), _("Event")],
        timeline_rows(shown),
        empty=_("Nothing happened yet."),
        unbroken={0},
    )


# --- timelines --------------------------------------------------------------------------------


def timeline_rows(events: Iterable[TimelineEvent]) -> list[tuple[Markup, Markup]]:
    """Rows of (date, what happened) for :meth:`DetailPage.table`, from timeline events.

    An event that opens another record links its title there. A marked event (a current permit
    that expired or expires soon) shows its detail as a warning, in words, not only in colour.
    """
    rows = []
    for event in events:
        day = str(event.date.year) if event.year_only else i18n.format_date(event.date)
        what = escape(linked(event.title, event.link))
        if event.detail:
            what += "<br>" + (warning(event.detail) if event.mark else note(event.detail))
        rows.append((Markup(escape(day)), Markup(what)))
    return rows


# --- history ----------------------------------------------------------------------------------


def add_history(page: DetailPage, history: History) -> None:
    """The "History" section: who changed what and when, newest first, the latest
    :data:`HISTORY_SHOWN` entries with a note of how many there are in all."""
    page.section(_("History"))
    shown = history.entries[:HISTORY_SHOWN]
    if len(shown) < history.total:
        page.paragraph(
            ngettext(
                "The latest {shown} of {count} change.",
                "The latest {shown} of {count} changes.",
                history.total,
            ).format(shown=i18n.format_number(len(shown)), count=i18n.format_number(history.total))
        )
    rows = []
    for entry in shown:
        what = escape(entry.what)
        lines = [escape(change.text()) for change in entry.details]
        if lines:
            what += "<br>" + note_markup("<br>".join(lines))
        rows.append((i18n.format_datetime(entry.at, "short"), entry.who, Markup(what)))
    page.table(
        [_("When"), _("Who"), _("What")],
        rows,
        empty=_("No changes recorded."),
        unbroken={0},
    )


def note_markup(markup: str) -> Markup:
    """HTML that is escaped already, in the grey of secondary information."""
    return Markup(f'<span class="note">{markup}</span>')
