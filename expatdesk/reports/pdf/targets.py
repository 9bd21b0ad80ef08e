"""The pages of the targets report: cover, summary, one section per target, methods.

Every text is translated and every number formatted in the report's language
(:func:`render_targets_pdf` switches to it for the duration), so a Dutch report can be made from
an English screen. A status is always shown three ways: colour, symbol and word. The sections
are in :mod:`.target_sections`, the methods page in :mod:`.target_methods`, what they are all made
of in :mod:`.target_base`, and the look the subject access PDF shares in :mod:`.layout`.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from expatdesk import i18n
from expatdesk.i18n import _
from expatdesk.reports import verdicts
from expatdesk.reports.pdf import fonts, layout
from expatdesk.reports.pdf.layout import BODY_WIDTH, RULE
from expatdesk.reports.pdf.target_base import (
    DASH,
    STATUS_LOOK,
    bold,
    count_text,
    grade_text,
    percent_text,
    status_markup,
)
from expatdesk.reports.pdf.target_methods import MethodsRenderer
from expatdesk.reports.pdf.target_sections import SectionsRenderer
from expatdesk.reports.targets import Status, TargetsReport

# --- the document -----------------------------------------------------------------------------


def render_targets_pdf(
    report: TargetsReport,
    *,
    language: str,
    centre_name: str,
    printed_on: date,
    source: str | None = None,
) -> bytes:
    """The report as an A4 PDF in ``language`` (``"nl"`` or ``"en"``), fonts embedded.

    ``source`` names the database the figures come from, for the colophon.
    """
    with i18n.using(language):
        return _Renderer(report, centre_name, printed_on, source).render(language)


class _Document(SimpleDocTemplate):  # type: ignore[misc]
    """A document whose first-level headings become the PDF's outline (bookmarks)."""

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Paragraph) and flowable.style.name in ("h1", "cover_title"):
            text = flowable.getPlainText()
            key = f"section-{len(self._outline_keys)}"
            self._outline_keys.append(key)
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0, closed=False)

    def build(self, *args: Any, **kwargs: Any) -> None:
        self._outline_keys: list[str] = []
        super().build(*args, **kwargs)


class _Renderer(SectionsRenderer, MethodsRenderer):
    def render(self, language: str) -> bytes:
        buffer = io.BytesIO()
        title = self.title()
        document = layout.document(
            buffer,
            title=f"{title}, {self.period()}",
            author=f"{self.centre} / ExpatDesk",
            subject=_("Targets N–Q of the Techniekpact Twente, {period}").format(
                period=self.period()
            ),
            language=language,
            template=_Document,
        )
        footer = _Footer(f"{title}, {self.period()}", _("Page {page} of {pages}"))
        document.build(self.story(), canvasmaker=footer.canvas)
        return buffer.getvalue()

    def title(self) -> str:
        return _("Targets N–Q, Techniekpact Twente")

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        story += self.cover()
        story += self.summary()
        story += self.target_n()
        story += self.target_o()
        story += self.target_p()
        story += self.target_q()
        story += self.methods()
        return story

    # cover and summary
    def colophon(self) -> Table:
        report = self.report
        responses = [
            (_("Attracting high-tech employers (N)"), sum(y.denominator for y in report.target_n)),
            (
                _("Employers' grades for the service (O)"),
                sum(y.service.n for y in report.target_o),
            ),
            (
                _("Employers' grades for the added value (O)"),
                sum(y.added_value.n for y in report.target_o),
            ),
            (_("Expats' grades for the service (P)"), sum(y.service.n for y in report.target_p)),
            (_("Expats' answers on leaving Twente (Q)"), sum(y.n for y in report.target_q)),
        ]
        through = i18n.format_date(report.data_through, "long")
        if report.provisional_year is not None:
            through = _("{date} ({year} is provisional: the year has not ended)").format(
                date=through, year=report.provisional_year
            )
        rows = [
            (_("Expat centre"), fonts.markup(self.centre)),
            (_("Period"), self.period()),
            (_("Data through"), fonts.markup(through)),
            (_("Source"), fonts.markup(self.source or _("the ExpatDesk database"))),
            (
                _("Counted in the period"),
                "<br/>".join(
                    f"{fonts.markup(name)}: {count_text(count)}" for name, count in responses
                ),
            ),
            (_("Report date"), i18n.format_date(self.printed_on, "long")),
            (
                _("Made with"),
                fonts.markup(_("ExpatDesk; figures and methods as described on the last page")),
            ),
        ]
        table = Table(
            [[self.p(bold(label), "small"), self.p(value, "small")] for label, value in rows],
            colWidths=[40 * mm, BODY_WIDTH - 40 * mm],
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                    ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return table

    def cover(self) -> list[Flowable]:
        return [
            Spacer(1, 45 * mm),
            self.t(_("Targets N–Q"), "cover_title"),
            self.t(
                _("Techniekpact Twente, agenda item 4: international knowledge workers"),
                "cover_subtitle",
            ),
            self.t(self.centre, "cover"),
            self.t(_("Period: {period}").format(period=self.period()), "cover"),
            self.t(
                _("Figures up to {date}").format(
                    date=i18n.format_date(self.report.data_through, "long")
                ),
                "cover_small",
            ),
            Spacer(1, 70 * mm),
            self.colophon(),
            PageBreak(),
        ]

    def summary(self) -> list[Flowable]:
        report = self.report
        last = len(self.years) - 1
        latest = report.year_to
        heading = _("In {year}").format(year=latest)
        if report.provisional_year == latest:
            heading = _("In {year} ({note})").format(
                year=latest, note=verdicts.provisional_note(report)
            )
        names = {
            "N": _("N, high-tech employers using the centre"),
            "O": _("O, employers' satisfaction"),
            "P": _("P, expats' satisfaction"),
            "Q": _("Q, expats' intention to leave Twente"),
        }
        sentences = [
            self.p(
                f"<b>{fonts.markup(names[target])}</b> — {self.verdict_sentence(target, last)}",
                "para",
            )
            for target in verdicts.TARGETS
        ]
        head = [[_("Year"), "N", "O", "P", "Q"]]
        rows: list[list[str]] = []
        fills: list[tuple[Any, ...]] = []
        for index, year in enumerate(range(report.year_from, report.year_to + 1)):
            n, o, p, q = (
                report.target_n[index],
                report.target_o[index],
                report.target_p[index],
                report.target_q[index],
            )
            values = [
                (percent_text(n.value), n.status),
                (f"{grade_text(o.service.mean)} / {grade_text(o.added_value.mean)}", o.status),
                (grade_text(p.service.mean), p.status),
                (percent_text(q.value), q.status),
            ]
            row = [f"<b>{self.year_cell(year)}</b>"]
            for column, (value, status) in enumerate(values, start=1):
                shown = "" if value in (DASH, f"{DASH} / {DASH}") else f"<b>{value}</b><br/>"
                row.append(shown + status_markup(status))
                fills.append(
                    (
                        "BACKGROUND",
                        (column, index + 1),
                        (column, index + 1),
                        STATUS_LOOK[status][2],
                    )
                )
            rows.append(row)
        year_width = 36.0
        width = (BODY_WIDTH - year_width) / 4
        legend = "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;".join(
            status_markup(status)
            for status in (Status.MET, Status.NOT_MET, Status.INSUFFICIENT_DATA, Status.BASELINE)
        )
        return [
            self.t(_("Summary"), "h1"),
            self.t(heading, "h2"),
            *sentences,
            self.t(_("Per year"), "h2"),
            self.t(
                _(
                    "Each target in each year: the value and whether the target was met. "
                    "N and Q are shares of employers and expats; O shows the average grades "
                    "for service / added value, P the average grade for service. Why a year "
                    "is met or not is explained year by year in each target's section."
                )
            ),
            Spacer(1, 6),
            self.table(
                head,
                rows,
                [year_width] + [width] * 4,
                extra=[*fills, ("GRID", (1, 1), (-1, -1), 0.3, RULE)],
            ),
            Spacer(1, 6),
            self.p(legend, "small"),
            *self.provisional_footnote(),
            PageBreak(),
        ]


class _Footer:
    """A canvas class that writes "Page x of y" once the number of pages is known."""

    def __init__(self, title: str, page_of: str) -> None:
        self.title = title
        self.page_of = page_of

    def canvas(self, *args: Any, **kwargs: Any) -> Canvas:
        footer = self

        class _Numbered(Canvas):  # type: ignore[misc]
            def __init__(self, *a: Any, **k: Any) -> None:
                super().__init__(*a, **k)
                self._pages: list[dict[str, Any]] = []

            def showPage(self) -> None:
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                total = len(self._pages)
                for state in self._pages:
                    self.__dict__.update(state)
                    footer.draw(self, total)
                    super().showPage()
                super().save()

        return _Numbered(*args, **kwargs)

    def draw(self, canvas: Canvas, total: int) -> None:
        if canvas.getPageNumber() == 1:
            return  # the cover carries no running title or page number
        layout.draw_footer(
            canvas, self.title, self.page_of.format(page=canvas.getPageNumber(), pages=total)
        )
