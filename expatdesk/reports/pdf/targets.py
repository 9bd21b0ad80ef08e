"""The pages of the targets report: cover, summary, one section per target, methods.

Every text is translated and every number formatted in the report's language
(:func:`render_targets_pdf` switches to it for the duration), so a Dutch report can be made from
an English screen. A status is always shown three ways: colour, symbol and word.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from expatdesk import i18n
from expatdesk.i18n import N_, _
from expatdesk.reports import verdicts
from expatdesk.reports.pdf import charts, fonts
from expatdesk.reports.stats import Interval
from expatdesk.reports.target_settings import DEFAULTS
from expatdesk.reports.targets import ItemFigures, Status, TargetsReport

#: The report's language as the PDF's /Lang tag.
PDF_LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}

#: The targets in the words of the Techniekpact (seed document, "Agendapunt 4").
ORIGINAL_WORDING = {
    "N": "Eind 2014 maakt 50% van de hightech bedrijven dat internationale kenniswerkers in die "
    "periode heeft aangetrokken, gebruik van de diensten van het expatcenter. Dit percentage "
    "neemt vervolgens jaarlijks significant toe.",
    "O": "De tevredenheid van deze bedrijven over de dienstverlening en toegevoegde waarde van het "
    "expatcenter krijgt het cijfer 7 of hoger en neemt jaarlijks toe.",
    "P": "De tevredenheid van expats over de dienstverlening van het expatcenter krijgt het "
    "cijfer 7 of hoger en neemt jaarlijks toe.",
    "Q": "De intentie bij expats om de carrière binnen 1,5 jaar buiten Twente voort te zetten, "
    "neemt significant af, door de aanwezigheid van op expats gerichte voorzieningen.",
}

_TITLES = {
    "N": N_("N — High-tech employers that use the expat centre"),
    "O": N_("O — Employers' satisfaction"),
    "P": N_("P — Expats' satisfaction"),
    "Q": N_("Q — Expats' intention to leave Twente"),
}

_MEANINGS = {
    "N": N_(
        "Of the high-tech employers that attracted international knowledge workers in a year, "
        "the share that used the centre's services in that year. It must reach {threshold}; "
        "from {year} on it must also rise significantly compared with the year before."
    ),
    "O": N_(
        "The employers' average grades (1 to 10) for the centre's service and for its added "
        "value. Both must be {threshold} or higher and higher than in the year before."
    ),
    "P": N_(
        "The expats' average grade (1 to 10) for the centre's service. It must be {threshold} "
        "or higher and higher than in the year before."
    ),
    "Q": N_(
        "The share of expats who intend to continue their career outside Twente within 18 "
        "months. It must fall significantly compared with the year before; the split by the "
        "use of expat-oriented facilities shows whether those facilities go with a lower share."
    ),
}

# --- look -------------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN

INK = HexColor("#222222")
MUTED = HexColor("#5A5A5A")
RULE = HexColor("#BBBBBB")
HEADER_FILL = HexColor("#E8EEF3")
QUOTE_FILL = HexColor("#F4F4F4")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=9, leading=12.5, textColor=INK)
    return {
        "body": base,
        "para": ParagraphStyle("para", base, fontSize=8.5, leading=11.5, spaceAfter=4),
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=10, textColor=MUTED),
        "cell": ParagraphStyle("cell", base, fontSize=7.5, leading=9.5, splitLongWords=0),
        "cell_head": ParagraphStyle(
            "cell_head", base, fontName=fonts.BOLD, fontSize=7, leading=9, splitLongWords=0
        ),
        "verdict": ParagraphStyle("verdict", base, fontSize=8, leading=10.5, splitLongWords=0),
        "quote": ParagraphStyle(
            "quote", base, fontSize=9, leading=12.5, leftIndent=6, rightIndent=6
        ),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName=fonts.BOLD,
            fontSize=15,
            leading=19,
            spaceAfter=8,
            keepWithNext=True,
        ),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=fonts.BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=True,
        ),
        "cover_title": ParagraphStyle(
            "cover_title", base, fontName=fonts.BOLD, fontSize=28, leading=34, spaceAfter=6
        ),
        "cover_subtitle": ParagraphStyle(
            "cover_subtitle", base, fontSize=15, leading=20, spaceAfter=24, textColor=MUTED
        ),
        "cover": ParagraphStyle("cover", base, fontSize=14, leading=20, spaceAfter=6),
        "cover_small": ParagraphStyle(
            "cover_small", base, fontSize=10.5, leading=15, textColor=MUTED
        ),
        "centred": ParagraphStyle("centred", base, fontSize=7.5, leading=9.5, alignment=TA_CENTER),
    }


#: Symbol, colour of the symbol, fill of the cell: never colour alone.
_STATUS_LOOK: dict[Status, tuple[str, Color, Color]] = {
    Status.MET: ("✓", charts.BLUE, HexColor("#DCEBF6")),
    Status.NOT_MET: ("✗", charts.VERMILLION, HexColor("#FBE5D6")),
    Status.INSUFFICIENT_DATA: ("–", MUTED, HexColor("#EEEEEE")),
    Status.BASELINE: ("○", INK, white),
}


def _status(status: Status) -> str:
    symbol, colour, _fill = _STATUS_LOOK[status]
    return f'<font color="{colour.hexval()}"><b>{symbol}</b></font> {fonts.markup(status.label)}'


def _bold(text: str) -> str:
    return f"<b>{fonts.markup(text)}</b>"


# --- numbers ----------------------------------------------------------------------------------

DASH = "–"


def _percent(value: float | None) -> str:
    return DASH if value is None else i18n.format_percent(value, 1)


def _grade(value: float | None) -> str:
    """A mean grade to two decimals: the verdicts compare means, and 7,7 hides 7,72 < 7,74."""
    return DASH if value is None else i18n.format_number(value, 2)


def _threshold_grade(value: float) -> str:
    return i18n.format_number(value, 1)


def _count(value: int) -> str:
    return i18n.format_number(value)


def _p(value: float | None) -> str:
    if value is None:
        return DASH
    if value < 0.001:
        return "&lt;&nbsp;" + i18n.format_number(0.001, 3)
    if value > 0.999:
        return "&gt;&nbsp;" + i18n.format_number(0.999, 3)
    return i18n.format_number(value, 3)


def _interval(value: Interval | None, form: Callable[[float], str]) -> str:
    return DASH if value is None else f"{form(value[0])}&nbsp;– {form(value[1])}"


def _share_with_interval(yes: int, n: int) -> str:
    """A share with its 95% Wilson interval below it, smaller."""
    from expatdesk.reports.stats import share, wilson

    value = share(yes, n)
    if value is None:
        return DASH
    return f"{_percent(value)}<br/><font size=6.5>{_percent_interval(wilson(yes, n))}</font>"


def _percent_interval(value: Interval | None) -> str:
    return _interval(value, lambda x: i18n.format_percent(x, 1))


def _grade_interval(value: Interval | None) -> str:
    return _interval(value, lambda x: i18n.format_number(x, 2))


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


class _Renderer:
    def __init__(
        self, report: TargetsReport, centre_name: str, printed_on: date, source: str | None
    ) -> None:
        fonts.register()
        self.report = report
        self.centre = centre_name
        self.printed_on = printed_on
        self.source = source
        self.styles = _styles()
        self.years = [str(year) for year in range(report.year_from, report.year_to + 1)]

    # helpers
    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(text, self.styles[style])

    def t(self, text: str, style: str = "body") -> Paragraph:
        """A paragraph of plain text (escaped, with the fallback font where needed)."""
        return self.p(fonts.markup(text), style)

    def year_cell(self, year: int) -> str:
        """A year, marked when it has not ended (its figures are provisional)."""
        if year == self.report.provisional_year:
            return f"{year}<super>*</super>"
        return str(year)

    def provisional_footnote(self) -> list[Flowable]:
        if self.report.provisional_year is None:
            return []
        return [
            Spacer(1, 2),
            self.p(
                "* "
                + fonts.markup(
                    _("{year}: {note}").format(
                        year=self.report.provisional_year,
                        note=verdicts.provisional_note(self.report),
                    )
                ),
                "small",
            ),
        ]

    def table(
        self,
        head: Sequence[Sequence[str]],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        extra: Sequence[tuple[Any, ...]] = (),
    ) -> Table:
        cells: list[list[Paragraph]] = [[self.p(c, "cell_head") for c in r] for r in head]
        cells += [[self.p(c, "cell") for c in r] for r in rows]
        table = Table(cells, colWidths=list(widths), repeatRows=len(head), hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # not Helvetica
                    ("BACKGROUND", (0, 0), (-1, len(head) - 1), HEADER_FILL),
                    ("LINEBELOW", (0, len(head) - 1), (-1, len(head) - 1), 0.8, INK),
                    ("LINEBELOW", (0, len(head)), (-1, -1), 0.3, RULE),
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

    def render(self, language: str) -> bytes:
        buffer = io.BytesIO()
        title = self.title()
        document = _Document(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + 6 * mm,
            title=f"{title}, {self.period()}",
            author=f"{self.centre} / ExpatDesk",
            subject=_("Targets N–Q of the Techniekpact Twente, {period}").format(
                period=self.period()
            ),
            creator="ExpatDesk",
            initialFontName=fonts.REGULAR,  # not Helvetica, which is not embedded
            lang=PDF_LANGUAGES[language],
        )
        footer = _Footer(f"{title}, {self.period()}", _("Page {page} of {pages}"))
        document.build(self.story(), canvasmaker=footer.canvas)
        return buffer.getvalue()

    def title(self) -> str:
        return _("Targets N–Q, Techniekpact Twente")

    def period(self) -> str:
        if self.report.year_from == self.report.year_to:
            return str(self.report.year_from)
        return f"{self.report.year_from}–{self.report.year_to}"

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
                "<br/>".join(f"{fonts.markup(name)}: {_count(count)}" for name, count in responses),
            ),
            (_("Report date"), i18n.format_date(self.printed_on, "long")),
            (
                _("Made with"),
                fonts.markup(_("ExpatDesk; figures and methods as described on the last page")),
            ),
        ]
        table = Table(
            [[self.p(_bold(label), "small"), self.p(value, "small")] for label, value in rows],
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

    def verdict_sentence(self, target: str, index: int) -> str:
        """Markup: the verdict's symbol and word, then why, in the report's language."""
        status = verdicts.status_of(self.report, target, index)
        return f"{_status(status)}. {fonts.markup(verdicts.explain(self.report, target, index))}"

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
                (_percent(n.value), n.status),
                (f"{_grade(o.service.mean)} / {_grade(o.added_value.mean)}", o.status),
                (_grade(p.service.mean), p.status),
                (_percent(q.value), q.status),
            ]
            row = [f"<b>{self.year_cell(year)}</b>"]
            for column, (value, status) in enumerate(values, start=1):
                shown = "" if value in (DASH, f"{DASH} / {DASH}") else f"<b>{value}</b><br/>"
                row.append(shown + _status(status))
                fills.append(
                    (
                        "BACKGROUND",
                        (column, index + 1),
                        (column, index + 1),
                        _STATUS_LOOK[status][2],
                    )
                )
            rows.append(row)
        year_width = 36.0
        width = (BODY_WIDTH - year_width) / 4
        legend = "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;".join(
            _status(status)
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

    def verdicts_per_year(self, target: str) -> list[Flowable]:
        """Each year's verdict and why; a run of years with the very same verdict and reason
        (years without data, on a long range) is one line."""
        runs: list[tuple[int, int, str]] = []
        for index in range(len(self.years)):
            year = self.report.year_from + index
            sentence = self.verdict_sentence(target, index)
            provisional = year == self.report.provisional_year
            if runs and runs[-1][2] == sentence and not provisional:
                runs[-1] = (runs[-1][0], year, sentence)
            else:
                runs.append((year, year, sentence))
        rows = [
            [
                self.p(
                    "<b>"
                    + (self.year_cell(first) if first == last else f"{first}–{last}")
                    + "</b>",
                    "verdict",
                ),
                self.p(sentence, "verdict"),
            ]
            for first, last, sentence in runs
        ]
        table = Table(rows, colWidths=[58, BODY_WIDTH - 58], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return [self.t(_("Verdict per year"), "h2"), table, *self.provisional_footnote()]

    # one section per target
    def intro(self, target: str, threshold: str) -> list[Flowable]:
        meaning = _(_MEANINGS[target]).format(
            threshold=threshold, year=self.report.settings.n_growth_from
        )
        quote = Table(
            [
                [self.p(_bold(_("Original wording (Dutch)")), "small")],
                [self.p(f"<i>“{fonts.markup(ORIGINAL_WORDING[target])}”</i>", "quote")],
            ],
            colWidths=[BODY_WIDTH],
        )
        quote.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                    ("BACKGROUND", (0, 0), (-1, -1), QUOTE_FILL),
                    ("LINEBEFORE", (0, 0), (0, -1), 2, charts.BLUE),
                ]
            )
        )
        return [
            self.t(_(_TITLES[target]), "h1"),
            quote,
            Spacer(1, 6),
            self.p(_bold(_("In this report:")) + " " + fonts.markup(meaning)),
        ]

    def chart_block(self, heading: str, drawing: Flowable) -> list[Flowable]:
        return [KeepTogether([self.t(heading, "h2"), drawing])]

    def axis_share(self, high: float = 1.0, title: str = "") -> charts.Axis:
        ticks = charts.nice_ticks(high)
        return charts.Axis(0.0, ticks[-1], ticks, lambda x: i18n.format_percent(x, 0), title)

    def axis_grade(self, series: Sequence[charts.Series], threshold: float) -> charts.Axis:
        """Whole grades over the range the means, their intervals and the threshold use."""
        values = [threshold - 0.5]  # the threshold line clear of the axis
        for line in series:
            for estimate in line.estimates:
                if estimate is not None:
                    values.append(estimate.value)
                    if estimate.interval is not None:
                        values += list(estimate.interval)
        whole = charts.whole_steps(values)
        return charts.Axis(
            whole.low,
            whole.high,
            whole.ticks,
            lambda x: i18n.format_number(x, 0),
            _("average grade (1–10)"),
        )

    def interval_chart(
        self, series: Sequence[charts.Series], axis: charts.Axis, threshold: charts.Threshold | None
    ) -> Flowable:
        return charts.interval_chart(
            series,
            self.years,
            axis,
            threshold=threshold,
            interval_label=_("95% interval"),
            open_label=_("insufficient data"),
            width=BODY_WIDTH,
            x_title=_("Year"),
        )

    def target_n(self) -> list[Flowable]:
        settings = self.report.settings
        estimates = [
            None
            if y.value is None
            else charts.Estimate(y.value, y.ci95, solid=y.status != Status.INSUFFICIENT_DATA)
            for y in self.report.target_n
        ]
        series = [charts.Series(_("share using the centre"), charts.BLUE, "circle", estimates)]
        threshold = charts.Threshold(
            settings.n_threshold,
            _("threshold {value}").format(value=_percent(settings.n_threshold)),
        )
        head = [
            [
                _("Year"),
                _("Attracting employers"),
                _("Using the centre"),
                _("Share"),
                _("95% interval"),
                _("p (rise)"),
                _("Status"),
            ]
        ]
        rows = [
            [
                self.year_cell(y.year),
                _count(y.denominator),
                _count(y.numerator),
                _percent(y.value),
                _percent_interval(y.ci95),
                _p(y.p_change),
                _status(y.status),
            ]
            for y in self.report.target_n
        ]
        widths = [36, 68, 62, 44, 82, 62, BODY_WIDTH - 354]
        return [
            *self.intro("N", verdicts.format_share_threshold(settings.n_threshold)),
            *self.chart_block(
                _("Share per year"),
                self.interval_chart(
                    series, self.axis_share(title=_("share of employers")), threshold
                ),
            ),
            self.t(_("Figures per year"), "h2"),
            self.table(head, rows, widths),
            *self.verdicts_per_year("N"),
            PageBreak(),
        ]

    def grade_estimates(
        self, items: Sequence[tuple[ItemFigures, Status]]
    ) -> list[charts.Estimate | None]:
        return [
            None
            if item.mean is None
            else charts.Estimate(item.mean, item.ci95, solid=item.n >= self.report.settings.min_n)
            for item, _status_ in items
        ]

    def target_o(self) -> list[Flowable]:
        settings = self.report.settings
        years = self.report.target_o
        series = [
            charts.Series(
                _("service"),
                charts.BLUE,
                "circle",
                self.grade_estimates([(y.service, y.status) for y in years]),
            ),
            charts.Series(
                _("added value"),
                charts.ORANGE,
                "square",
                self.grade_estimates([(y.added_value, y.status) for y in years]),
            ),
        ]
        threshold = charts.Threshold(
            settings.o_threshold,
            _("threshold {value}").format(value=_threshold_grade(settings.o_threshold)),
        )
        head = [
            ["", _("Service"), "", "", "", _("Added value"), "", "", "", ""],
            [
                _("Year"),
                "n",
                _("Mean"),
                _("95% interval"),
                _("p (rise)"),
                "n",
                _("Mean"),
                _("95% interval"),
                _("p (rise)"),
                _("Status"),
            ],
        ]
        rows = []
        for y in years:
            rows.append(
                [
                    self.year_cell(y.year),
                    _count(y.service.n),
                    _grade(y.service.mean),
                    _grade_interval(y.service.ci95),
                    _p(y.service.p_change),
                    _count(y.added_value.n),
                    _grade(y.added_value.mean),
                    _grade_interval(y.added_value.ci95),
                    _p(y.added_value.p_change),
                    _status(y.status),
                ]
            )
        widths = [30, 26, 54, 58, 50, 26, 54, 58, 50, BODY_WIDTH - 406]
        spans = [
            ("SPAN", (1, 0), (4, 0)),
            ("SPAN", (5, 0), (8, 0)),
            ("LINEAFTER", (4, 0), (4, -1), 0.5, RULE),
        ]
        return [
            *self.intro("O", _threshold_grade(settings.o_threshold)),
            *self.chart_block(
                _("Average grades per year"),
                self.interval_chart(
                    series, self.axis_grade(series, settings.o_threshold), threshold
                ),
            ),
            self.t(_("Figures per year"), "h2"),
            self.table(head, rows, widths, extra=spans),
            *self.verdicts_per_year("O"),
            *self.distribution(
                [
                    (_("service"), [(y.year, y.service) for y in years]),
                    (_("added value"), [(y.year, y.added_value) for y in years]),
                ]
            ),
            PageBreak(),
        ]

    def target_p(self) -> list[Flowable]:
        settings = self.report.settings
        years = self.report.target_p
        series = [
            charts.Series(
                _("service"),
                charts.BLUE,
                "circle",
                self.grade_estimates([(y.service, y.status) for y in years]),
            )
        ]
        threshold = charts.Threshold(
            settings.p_threshold,
            _("threshold {value}").format(value=_threshold_grade(settings.p_threshold)),
        )
        head = [
            [
                _("Year"),
                "n",
                _("Mean"),
                _("95% interval"),
                _("Grade 7 or higher"),
                _("p (rise)"),
                _("Status"),
            ]
        ]
        rows = [
            [
                self.year_cell(y.year),
                _count(y.service.n),
                _grade(y.service.mean),
                _grade_interval(y.service.ci95),
                _percent(y.service.share_7_or_higher),
                _p(y.service.p_change),
                _status(y.status),
            ]
            for y in years
        ]
        widths = [30, 34, 54, 70, 62, 58, BODY_WIDTH - 308]
        return [
            *self.intro("P", _threshold_grade(settings.p_threshold)),
            *self.chart_block(
                _("Average grade per year"),
                self.interval_chart(
                    series, self.axis_grade(series, settings.p_threshold), threshold
                ),
            ),
            self.t(_("Figures per year"), "h2"),
            self.table(head, rows, widths),
            *self.verdicts_per_year("P"),
            *self.distribution([(_("service"), [(y.year, y.service) for y in years])]),
            PageBreak(),
        ]

    def distribution(
        self, items: Sequence[tuple[str, Sequence[tuple[int, ItemFigures]]]], latest: int = 3
    ) -> list[Flowable]:
        """The share of each grade 1–10 in the latest years, per item."""
        head = [[_("Year"), _("Item"), "n", *[str(g) for g in range(1, 11)]]]
        rows = []
        for name, years in items:
            for year, item in years[-latest:]:
                shares = [
                    i18n.format_percent(count / item.n, 0) if item.n else DASH
                    for count in item.distribution
                ]
                rows.append([self.year_cell(year), fonts.markup(name), _count(item.n), *shares])
        rows.sort(key=lambda row: row[0])
        grade_width = (BODY_WIDTH - 34 - 86 - 34) / 10
        return [
            KeepTogether(
                [
                    self.t(_("Distribution of the grades (latest years)"), "h2"),
                    self.table(head, rows, [34, 86, 34] + [grade_width] * 10),
                    Spacer(1, 3),
                    self.t(
                        _(
                            "Share of the responses that gave each grade, from 1 (very poor) to 10 "
                            "(excellent)."
                        ),
                        "small",
                    ),
                ]
            )
        ]

    def target_q(self) -> list[Flowable]:
        years = self.report.target_q
        estimates = [
            None
            if y.value is None
            else charts.Estimate(y.value, y.ci95, solid=y.status != Status.INSUFFICIENT_DATA)
            for y in years
        ]
        series = [charts.Series(_("share intending to leave"), charts.BLUE, "circle", estimates)]
        highest = max([y.ci95[1] for y in years if y.ci95] + [0.1])
        head = [
            [
                _("Year"),
                "n",
                _("Intend to leave"),
                _("Share"),
                _("95% interval"),
                _("p (fall)"),
                _("p (vs. first year)"),
                _("Status"),
            ]
        ]
        rows = [
            [
                self.year_cell(y.year),
                _count(y.n),
                _count(y.yes),
                _percent(y.value),
                _percent_interval(y.ci95),
                _p(y.p_change),
                _p(y.p_vs_baseline),
                _status(y.status),
            ]
            for y in years
        ]
        widths = [30, 34, 60, 44, 80, 52, 66, BODY_WIDTH - 366]
        groups = [
            (_("used facilities"), charts.BLUE, [y.facilities.used.value for y in years]),
            (_("used none"), charts.ORANGE, [y.facilities.not_used.value for y in years]),
        ]
        bar_high = max([v for _n, _c, values in groups for v in values if v is not None] + [0.1])
        fac_head = [
            ["", _("Used facilities"), "", "", _("Used none"), "", "", ""],
            [
                _("Year"),
                "n",
                _("Intend to leave"),
                _("Share"),
                "n",
                _("Intend to leave"),
                _("Share"),
                _("p (lower with facilities)"),
            ],
        ]
        fac_rows = [
            [
                self.year_cell(y.year),
                _count(f.used.n),
                _count(f.used.yes),
                _share_with_interval(f.used.yes, f.used.n),
                _count(f.not_used.n),
                _count(f.not_used.yes),
                _share_with_interval(f.not_used.yes, f.not_used.n),
                _p(f.p_difference),
            ]
            for y in years
            for f in [y.facilities]
        ]
        fac_widths = [30, 34, 60, 62, 34, 60, 62, BODY_WIDTH - 342]
        spans = [
            ("SPAN", (1, 0), (3, 0)),
            ("SPAN", (4, 0), (6, 0)),
            ("LINEAFTER", (3, 0), (3, -1), 0.5, RULE),
            ("LINEAFTER", (6, 0), (6, -1), 0.5, RULE),
        ]
        return [
            *self.intro("Q", ""),
            *self.chart_block(
                _("Share intending to leave, per year"),
                self.interval_chart(series, self.axis_share(highest, _("share of expats")), None),
            ),
            self.t(_("Figures per year"), "h2"),
            self.table(head, rows, widths),
            *self.verdicts_per_year("Q"),
            CondPageBreak(200),
            *self.chart_block(
                _("Intention to leave by use of expat-oriented facilities"),
                charts.bar_chart(
                    groups,
                    self.years,
                    self.axis_share(bar_high, _("share intending to leave")),
                    width=BODY_WIDTH,
                    x_title=_("Year"),
                ),
            ),
            Spacer(1, 4),
            self.t(
                _(
                    "Of the expats who answered the question on leaving, those who used at least "
                    "one expat-oriented facility against those who used none: how many intend to "
                    "leave Twente within 18 months, and whether the share is significantly lower "
                    "among those who used facilities."
                ),
                "para",
            ),
            *self.provisional_footnote(),  # above the table: below, it may be left alone
            Spacer(1, 3),
            self.table(fac_head, fac_rows, fac_widths, extra=spans),
            PageBreak(),
        ]

    # methods
    def methods(self) -> list[Flowable]:
        s = self.report.settings
        agreed = DEFAULTS
        settings = [
            (
                _("Significance level"),
                i18n.format_number(s.alpha),
                i18n.format_number(agreed.alpha),
                s.alpha != agreed.alpha,
                _("a change counts as significant when p is below this"),
            ),
            (
                _("Fewest responses per year"),
                _count(s.min_n),
                _count(agreed.min_n),
                s.min_n != agreed.min_n,
                _(
                    "a year with fewer responses (O, P, Q) or employers (N) is not judged "
                    "and not compared"
                ),
            ),
            (
                _("Threshold for N"),
                _percent(s.n_threshold),
                _percent(agreed.n_threshold),
                s.n_threshold != agreed.n_threshold,
                _("the share N must reach"),
            ),
            (
                _("N must rise from"),
                str(s.n_growth_from),
                str(agreed.n_growth_from),
                s.n_growth_from != agreed.n_growth_from,
                _("from this year on, N must also rise significantly"),
            ),
            (
                _("Threshold for O"),
                _threshold_grade(s.o_threshold),
                _threshold_grade(agreed.o_threshold),
                s.o_threshold != agreed.o_threshold,
                _("both average grades of O must reach this"),
            ),
            (
                _("Threshold for P"),
                _threshold_grade(s.p_threshold),
                _threshold_grade(agreed.p_threshold),
                s.p_threshold != agreed.p_threshold,
                _("the average grade of P must reach this"),
            ),
        ]
        differs = _("differs from the agreement")
        settings_rows = [
            [
                fonts.markup(name),
                f"<b>{value}</b>" if changed else value,
                agreement + (f"<br/><b>{fonts.markup(differs)}</b>" if changed else ""),
                fonts.markup(meaning),
            ]
            for name, value, agreement, changed, meaning in settings
        ]
        settings_fills = [
            ("BACKGROUND", (1, row), (2, row), _STATUS_LOOK[Status.NOT_MET][2])
            for row, (*_rest, changed, _meaning) in enumerate(settings, start=1)
            if changed
        ]
        counts_rows = [
            [
                self.year_cell(n.year),
                _count(n.denominator),
                _count(o.service.n),
                _count(o.added_value.n),
                _count(p.service.n),
                _count(q.n),
            ]
            for n, o, p, q in zip(
                self.report.target_n,
                self.report.target_o,
                self.report.target_p,
                self.report.target_q,
                strict=True,
            )
        ]
        counts_head = [
            [
                _("Year"),
                _("N: attracting employers"),
                _("O: grades for service"),
                _("O: grades for added value"),
                _("P: grades for service"),
                _("Q: answers on leaving"),
            ]
        ]
        column = (BODY_WIDTH - 36) / 5
        alpha = i18n.format_number(s.alpha)
        plain = [
            _(
                "<b>n</b> is the number of employers (N) or responses (O, P, Q) a figure rests "
                "on. The fewer there are, the more a figure can move by chance alone."
            ),
            _(
                "<b>The 95% interval</b> shows how precise a figure is: the values that fit the "
                "answers we have. An interval made this way holds the true value in 95 of 100 "
                "cases. A wide interval means an uncertain figure."
            ),
            _(
                "<b>p</b> is the chance of finding a change at least this large in the "
                "direction the target asks for, if in truth nothing had changed. A small p "
                "means the change is hard to explain by chance."
            ),
            _(
                "<b>Significant</b> means that p is below {alpha}: the change is too large to "
                "be chance alone. N must rise significantly and Q must fall significantly; for "
                "O and P the agreement asks only for a higher average, so there p is given for "
                "information."
            ).format(alpha=alpha),
        ]
        technical = [
            _(
                "Shares (N, Q) have a Wilson score interval as their 95% interval "
                "(z = 1.959964). Whether a share rose (N) or fell (Q) compared with the year "
                "before is tested with a pooled one-sided two-proportion z-test; Q is also "
                "tested against the first year of the report, and the share of expats who used "
                "facilities against those who used none."
            ),
            _(
                "Average grades (O, P) have a t-interval as their 95% interval (mean ± t · sd / "
                "√n). The p beside an average comes from a one-sided Welch t-test; the target "
                "itself compares the averages as they are, as the wording asks."
            ),
        ]
        response = _(
            "A response counts for the year of its date. For O and P a grade left blank is "
            "missing for that item only. For Q only the answers yes, no and unsure count; a "
            "blank answer is left out. N counts the high-tech employers with international "
            "hires in the year or with an expat who arrived that year, and those of them with "
            "a service delivery in that year."
        )
        insufficient = _(
            "A year has insufficient data when it has fewer than {min_n} employers (N) or "
            "responses (O, P, Q; for O for either item). Such a year is not judged, and the "
            "year after it is not compared with it. For Q, a year whose previous year has "
            "insufficient data is a baseline year: there is nothing to compare it with, so it "
            "is neither met nor not met."
        ).format(min_n=_count(s.min_n))
        provisional: list[Flowable] = []
        if self.report.provisional_year is not None:
            provisional = [
                self.t(_("The current year"), "h2"),
                self.t(
                    _(
                        "{year} has not ended: its figures count the data up to {date} and "
                        "will change. Its verdicts are provisional."
                    ).format(
                        year=self.report.provisional_year,
                        date=i18n.format_date(self.report.data_through, "long"),
                    ),
                    "para",
                ),
            ]
        return [
            self.t(_("Methods"), "h1"),
            self.t(_("Settings used for this report"), "h2"),
            self.table(
                [[_("Setting"), _("Value"), _("Agreement"), _("Meaning")]],
                settings_rows,
                [120, 52, 78, BODY_WIDTH - 250],
                extra=settings_fills,
            ),
            self.t(_("How to read the figures"), "h2"),
            *[self.p(text, "para") for text in plain],
            self.t(_("Tests"), "h2"),
            *[self.t(text, "para") for text in technical],
            self.t(_("What counts"), "h2"),
            self.t(response, "para"),
            self.t(_("Insufficient data"), "h2"),
            self.t(insufficient, "para"),
            *provisional,
            self.t(_("Counts per year"), "h2"),
            self.table(counts_head, counts_rows, [36] + [column] * 5),
            *self.provisional_footnote(),
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
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        y = MARGIN - 2 * mm
        canvas.line(MARGIN, y + 10, PAGE_WIDTH - MARGIN, y + 10)
        canvas.setFont(fonts.REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, y, self.title)
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN,
            y,
            self.page_of.format(page=canvas.getPageNumber(), pages=total),
        )
        canvas.restoreState()
