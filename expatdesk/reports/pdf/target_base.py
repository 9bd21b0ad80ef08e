"""What every page of the targets report is made of: its texts, styles, numbers and verdicts.

:class:`RendererBase` holds the report and the primitives (paragraphs, tables, the verdicts per
year, a target's introduction, the charts' axes) that the sections (:mod:`.target_sections`), the
methods page (:mod:`.target_methods`) and the cover and summary (:mod:`.targets`) are built from.
Numbers are formatted in the active language; a status is always shown three ways: colour,
symbol and word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from expatdesk import i18n
from expatdesk.i18n import N_, _
from expatdesk.reports import verdicts
from expatdesk.reports.pdf import charts, fonts, layout
from expatdesk.reports.pdf.layout import BODY_WIDTH, INK, MUTED, QUOTE_FILL
from expatdesk.reports.stats import Interval, share, wilson
from expatdesk.reports.targets import Status, TargetsReport

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

TITLES = {
    "N": N_("N — High-tech employers that use the expat centre"),
    "O": N_("O — Employers' satisfaction"),
    "P": N_("P — Expats' satisfaction"),
    "Q": N_("Q — Expats' intention to leave Twente"),
}

MEANINGS = {
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


def styles() -> dict[str, ParagraphStyle]:
    base = layout.body_style()
    return {
        "body": base,
        "para": ParagraphStyle("para", base, fontSize=8.5, leading=11.5, spaceAfter=4),
        "small": layout.small_style(base),
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
STATUS_LOOK: dict[Status, tuple[str, Color, Color]] = {
    Status.MET: ("✓", charts.BLUE, HexColor("#DCEBF6")),
    Status.NOT_MET: ("✗", charts.VERMILLION, HexColor("#FBE5D6")),
    Status.INSUFFICIENT_DATA: ("–", MUTED, HexColor("#EEEEEE")),
    Status.BASELINE: ("○", INK, white),
}


def status_markup(status: Status) -> str:
    symbol, colour, _fill = STATUS_LOOK[status]
    return f'<font color="{colour.hexval()}"><b>{symbol}</b></font> {fonts.markup(status.label)}'


def bold(text: str) -> str:
    return f"<b>{fonts.markup(text)}</b>"


# --- numbers ----------------------------------------------------------------------------------

DASH = "–"


def percent_text(value: float | None) -> str:
    return DASH if value is None else i18n.format_percent(value, 1)


def grade_text(value: float | None) -> str:
    """A mean grade to two decimals: the verdicts compare means, and 7,7 hides 7,72 < 7,74."""
    return DASH if value is None else i18n.format_number(value, 2)


def threshold_text(value: float) -> str:
    return i18n.format_number(value, 1)


def count_text(value: int) -> str:
    return i18n.format_number(value)


def p_text(value: float | None) -> str:
    if value is None:
        return DASH
    if value < 0.001:
        return "&lt;&nbsp;" + i18n.format_number(0.001, 3)
    if value > 0.999:
        return "&gt;&nbsp;" + i18n.format_number(0.999, 3)
    return i18n.format_number(value, 3)


def interval_text(value: Interval | None, form: Callable[[float], str]) -> str:
    return DASH if value is None else f"{form(value[0])}&nbsp;– {form(value[1])}"


def share_with_interval(yes: int, n: int) -> str:
    """A share with its 95% Wilson interval below it, smaller."""
    value = share(yes, n)
    if value is None:
        return DASH
    return f"{percent_text(value)}<br/><font size=6.5>{percent_interval(wilson(yes, n))}</font>"


def percent_interval(value: Interval | None) -> str:
    return interval_text(value, lambda x: i18n.format_percent(x, 1))


def grade_interval(value: Interval | None) -> str:
    return interval_text(value, lambda x: i18n.format_number(x, 2))


class RendererBase:
    """The report, its styles and the primitives every page of the report is made of."""

    def __init__(
        self, report: TargetsReport, centre_name: str, printed_on: date, source: str | None
    ) -> None:
        fonts.register()
        self.report = report
        self.centre = centre_name
        self.printed_on = printed_on
        self.source = source
        self.styles = styles()
        self.years = [str(year) for year in range(report.year_from, report.year_to + 1)]

    # paragraphs and tables
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
        return layout.data_table(cells, widths, head_rows=len(head), extra=extra)

    def period(self) -> str:
        if self.report.year_from == self.report.year_to:
            return str(self.report.year_from)
        return f"{self.report.year_from}–{self.report.year_to}"

    def verdict_sentence(self, target: str, index: int) -> str:
        """Markup: the verdict's symbol and word, then why, in the report's language."""
        status = verdicts.status_of(self.report, target, index)
        return (
            f"{status_markup(status)}. {fonts.markup(verdicts.explain(self.report, target, index))}"
        )

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
        meaning = _(MEANINGS[target]).format(
            threshold=threshold, year=self.report.settings.n_growth_from
        )
        quote = Table(
            [
                [self.p(bold(_("Original wording (Dutch)")), "small")],
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
            self.t(_(TITLES[target]), "h1"),
            quote,
            Spacer(1, 6),
            self.p(bold(_("In this report:")) + " " + fonts.markup(meaning)),
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
