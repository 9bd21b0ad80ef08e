"""The targets report's section for each target (N, O, P, Q): what it means, a chart of the
years with their 95% intervals, the figures per year and the verdict per year."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from expatdesk import i18n
from expatdesk.i18n import _
from expatdesk.reports import verdicts
from expatdesk.reports.pdf import charts, fonts
from expatdesk.reports.pdf.layout import BODY_WIDTH, RULE
from expatdesk.reports.pdf.target_base import (
    DASH,
    RendererBase,
    count_text,
    grade_interval,
    grade_text,
    p_text,
    percent_interval,
    percent_text,
    share_with_interval,
    status_markup,
    threshold_text,
)
from expatdesk.reports.targets import ItemFigures, Status


class SectionsRenderer(RendererBase):
    """The four targets' sections."""

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
            _("threshold {value}").format(value=percent_text(settings.n_threshold)),
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
                count_text(y.denominator),
                count_text(y.numerator),
                percent_text(y.value),
                percent_interval(y.ci95),
                p_text(y.p_change),
                status_markup(y.status),
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
            _("threshold {value}").format(value=threshold_text(settings.o_threshold)),
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
                    count_text(y.service.n),
                    grade_text(y.service.mean),
                    grade_interval(y.service.ci95),
                    p_text(y.service.p_change),
                    count_text(y.added_value.n),
                    grade_text(y.added_value.mean),
                    grade_interval(y.added_value.ci95),
                    p_text(y.added_value.p_change),
                    status_markup(y.status),
                ]
            )
        widths = [30, 26, 54, 58, 50, 26, 54, 58, 50, BODY_WIDTH - 406]
        spans = [
            ("SPAN", (1, 0), (4, 0)),
            ("SPAN", (5, 0), (8, 0)),
            ("LINEAFTER", (4, 0), (4, -1), 0.5, RULE),
        ]
        return [
            *self.intro("O", threshold_text(settings.o_threshold)),
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
            _("threshold {value}").format(value=threshold_text(settings.p_threshold)),
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
                count_text(y.service.n),
                grade_text(y.service.mean),
                grade_interval(y.service.ci95),
                percent_text(y.service.share_7_or_higher),
                p_text(y.service.p_change),
                status_markup(y.status),
            ]
            for y in years
        ]
        widths = [30, 34, 54, 70, 62, 58, BODY_WIDTH - 308]
        return [
            *self.intro("P", threshold_text(settings.p_threshold)),
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
                rows.append([self.year_cell(year), fonts.markup(name), count_text(item.n), *shares])
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
                count_text(y.n),
                count_text(y.yes),
                percent_text(y.value),
                percent_interval(y.ci95),
                p_text(y.p_change),
                p_text(y.p_vs_baseline),
                status_markup(y.status),
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
                count_text(f.used.n),
                count_text(f.used.yes),
                share_with_interval(f.used.yes, f.used.n),
                count_text(f.not_used.n),
                count_text(f.not_used.yes),
                share_with_interval(f.not_used.yes, f.not_used.n),
                p_text(f.p_difference),
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
