"""Building the HTML of a read-only record view, every value escaped.

Qt's rich text understands a small part of HTML and CSS; :class:`DetailPage` sticks to that
part: a heading, sections of label/value rows, and simple tables.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable, Sequence

EMPTY = "—"
#: The width of the label column, in pixels: the same in every section, so values line up.
LABEL_WIDTH = 150

GREY = "#5f6368"
STYLE = f"""
h2 {{ margin-top: 0; margin-bottom: 0; }}
h3 {{ margin-top: 16px; margin-bottom: 4px; }}
.subtitle {{ color: {GREY}; }}
.label {{ color: {GREY}; }}
th {{ color: {GREY}; font-weight: normal; text-align: left; }}
.warning {{ color: #b00020; }}
"""


class Markup(str):
    """Text that is HTML already (made here from escaped parts): not escaped again."""


def escape(value: object) -> str:
    """``value`` as HTML text; an empty value as a dash; :class:`Markup` as it is."""
    if isinstance(value, Markup):
        return str(value)
    if value is None or value == "":
        return EMPTY
    return html.escape(str(value)).replace("\n", "<br>")


class DetailPage:
    """Collects the parts of a record's HTML page in order."""

    def __init__(self, title: str, subtitle: str = "") -> None:
        self._parts = [f"<h2>{escape(title)}</h2>"]
        if subtitle:
            self._parts.append(f'<p class="subtitle">{escape(subtitle)}</p>')

    def section(self, title: str) -> None:
        self._parts.append(f"<h3>{escape(title)}</h3>")

    def fields(self, rows: Iterable[tuple[str, object]]) -> None:
        """Rows of a label and a value."""
        cells = [
            f'<tr><td class="label" width="{LABEL_WIDTH}">{escape(label)}</td>'
            f"<td>{escape(value)}</td></tr>"
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
                parts.append(f'<span style="color: {GREY}">{escape(subtitle)}</span>')
            parts += [escape(line) for line in details if line]
            blocks.append('<p style="margin-bottom: 6px">' + "<br>".join(parts) + "</p>")
        if not blocks:
            self.paragraph(empty)
            return
        self._parts.extend(blocks)

    def html(self) -> str:
        return (
            f"<html><head><style>{STYLE}</style></head><body>{''.join(self._parts)}</body></html>"
        )


def warning(text: str) -> Markup:
    """``text``, escaped and shown as a warning."""
    return Markup(f'<span class="warning">{escape(text)}</span>')
