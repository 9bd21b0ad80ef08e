"""The look both PDFs share: the A4 page and its margins, colours, the body text, tables, footer.

The targets report (:mod:`.targets`) and the subject access export (:mod:`.subject_access`) are
laid out with these, so they look like one family: DejaVu Sans embedded (:mod:`.fonts`, never
Helvetica), dark ink, a light blue table head ruled in ink, thin grey rules between rows, and a
small grey footer under a hairline.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Table, TableStyle

from expatdesk.reports.pdf import fonts

#: The report's language as the PDF's /Lang tag.
PDF_LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN
#: The footer's room below the body.
FOOTER_ROOM = 6 * mm

INK = HexColor("#222222")
MUTED = HexColor("#5A5A5A")
RULE = HexColor("#BBBBBB")
HEADER_FILL = HexColor("#E8EEF3")
QUOTE_FILL = HexColor("#F4F4F4")


def body_style() -> ParagraphStyle:
    """The body text every other style derives from."""
    return ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=9, leading=12.5, textColor=INK)


def small_style(base: ParagraphStyle) -> ParagraphStyle:
    """Small grey text: notes, legends, labels."""
    return ParagraphStyle("small", base, fontSize=7.5, leading=10, textColor=MUTED)


def document(
    buffer: io.BytesIO,
    *,
    title: str,
    author: str,
    subject: str,
    language: str,
    template: type[SimpleDocTemplate] = SimpleDocTemplate,
) -> SimpleDocTemplate:
    """An A4 document with the shared margins and metadata, in ``language`` (``nl``/``en``)."""
    return template(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + FOOTER_ROOM,
        title=title,
        author=author,
        subject=subject,
        creator="ExpatDesk",
        initialFontName=fonts.REGULAR,  # not Helvetica, which is not embedded
        lang=PDF_LANGUAGES[language],
    )


def data_table(
    cells: Sequence[Sequence[Flowable]],
    widths: Sequence[float],
    *,
    head_rows: int = 1,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A table of figures or records: ``head_rows`` head rows on a light fill, ruled below in
    ink and repeated on every page, thin rules between the rows; ``extra`` adds style commands."""
    table = Table(
        [list(row) for row in cells], colWidths=list(widths), repeatRows=head_rows, hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # not Helvetica
                ("BACKGROUND", (0, 0), (-1, head_rows - 1), HEADER_FILL),
                ("LINEBELOW", (0, head_rows - 1), (-1, head_rows - 1), 0.8, INK),
                ("LINEBELOW", (0, head_rows), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                *extra,
            ]
        )
    )
    return table


def draw_footer(canvas: Canvas, left: str, right: str | None = None) -> None:
    """The footer under a hairline: ``left`` at the left margin, ``right`` at the right one."""
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    y = MARGIN - 2 * mm
    canvas.line(MARGIN, y + 10, PAGE_WIDTH - MARGIN, y + 10)
    canvas.setFont(fonts.REGULAR, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, y, left)
    if right is not None:
        canvas.drawRightString(PAGE_WIDTH - MARGIN, y, right)
    canvas.restoreState()
