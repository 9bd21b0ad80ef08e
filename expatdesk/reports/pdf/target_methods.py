"""The targets report's last page: the settings the verdicts used, and how they are made."""

from __future__ import annotations

from reportlab.platypus import Flowable

from expatdesk import i18n
from expatdesk.i18n import _
from expatdesk.reports.pdf import fonts
from expatdesk.reports.pdf.layout import BODY_WIDTH
from expatdesk.reports.pdf.target_base import (
    STATUS_LOOK,
    RendererBase,
    count_text,
    percent_text,
    threshold_text,
)
from expatdesk.reports.target_settings import DEFAULTS
from expatdesk.reports.targets import Status


class MethodsRenderer(RendererBase):
    """The methods page."""

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
                count_text(s.min_n),
                count_text(agreed.min_n),
                s.min_n != agreed.min_n,
                _(
                    "a year with fewer responses (O, P, Q) or employers (N) is not judged "
                    "and not compared"
                ),
            ),
            (
                _("Threshold for N"),
                percent_text(s.n_threshold),
                percent_text(agreed.n_threshold),
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
                threshold_text(s.o_threshold),
                threshold_text(agreed.o_threshold),
                s.o_threshold != agreed.o_threshold,
                _("both average grades of O must reach this"),
            ),
            (
                _("Threshold for P"),
                threshold_text(s.p_threshold),
                threshold_text(agreed.p_threshold),
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
            ("BACKGROUND", (1, row), (2, row), STATUS_LOOK[Status.NOT_MET][2])
            for row, (*_rest, changed, _meaning) in enumerate(settings, start=1)
            if changed
        ]
        counts_rows = [
            [
                self.year_cell(n.year),
                count_text(n.denominator),
                count_text(o.service.n),
                count_text(o.added_value.n),
                count_text(p.service.n),
                count_text(q.n),
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
        ).format(min_n=count_text(s.min_n))
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
