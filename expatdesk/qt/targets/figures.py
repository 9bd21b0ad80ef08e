"""What the Targets area shows of each target: its figures per year, thresholds, statuses and
the texts that explain them (no widgets but the status label's style).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from expatdesk.i18n import N_, _, format_number, format_percent
from expatdesk.qt.appearance import colours

if TYPE_CHECKING:
    from expatdesk.reports.target_settings import Settings
    from expatdesk.reports.targets import Status, TargetsReport


@dataclass(frozen=True)
class Figure:
    """One target in one year, as the dashboard shows it."""

    year: int
    n: int
    value: float | None
    ci95: tuple[float, float] | None
    p_change: float | None
    status: Status
    reason: str  # why the status is what it is, in words (expatdesk.reports.verdicts)
    provisional: bool


@dataclass(frozen=True)
class Target:
    """How to read, format and judge one of the dashboard's targets."""

    key: str
    title: str  # N_() msgid
    share: bool  # a share (N, Q) shown as a percentage, or a grade (O, P)
    figures: Callable[[TargetsReport], list[Figure]]
    threshold: Callable[[Settings], float | None]


def _why(report: TargetsReport, letter: str, index: int) -> str:
    from expatdesk.reports.verdicts import explain

    return explain(report, letter, index)


def _n(report: TargetsReport) -> list[Figure]:
    return [
        Figure(
            y.year,
            y.denominator,
            y.value,
            y.ci95,
            y.p_change,
            y.status,
            _why(report, "N", index),
            y.provisional,
        )
        for index, y in enumerate(report.target_n)
    ]


def _o(item: str) -> Callable[[TargetsReport], list[Figure]]:
    def figures(report: TargetsReport) -> list[Figure]:
        result = []
        for index, y in enumerate(report.target_o):
            grades = getattr(y, item)
            result.append(
                Figure(
                    y.year,
                    grades.n,
                    grades.mean,
                    grades.ci95,
                    grades.p_change,
                    y.status,
                    _why(report, "O", index),
                    y.provisional,
                )
            )
        return result

    return figures


def _p(report: TargetsReport) -> list[Figure]:
    return [
        Figure(
            y.year,
            y.service.n,
            y.service.mean,
            y.service.ci95,
            y.service.p_change,
            y.status,
            _why(report, "P", index),
            y.provisional,
        )
        for index, y in enumerate(report.target_p)
    ]


def _q(report: TargetsReport) -> list[Figure]:
    return [
        Figure(
            y.year,
            y.n,
            y.value,
            y.ci95,
            y.p_change,
            y.status,
            _why(report, "Q", index),
            y.provisional,
        )
        for index, y in enumerate(report.target_q)
    ]


TARGETS = (
    Target(
        "N",
        N_("N · High-tech employers using the centre"),
        True,
        _n,
        lambda s: s.n_threshold,
    ),
    Target(
        "O-service",
        N_("O · Employers' grade for the service"),
        False,
        _o("service"),
        lambda s: s.o_threshold,
    ),
    Target(
        "O-added-value",
        N_("O · Employers' grade for the added value"),
        False,
        _o("added_value"),
        lambda s: s.o_threshold,
    ),
    Target(
        "P",
        N_("P · Expats' grade for the service"),
        False,
        _p,
        lambda s: s.p_threshold,
    ),
    Target(
        "Q",
        N_("Q · Expats intending to leave Twente"),
        True,
        _q,
        lambda s: None,
    ),
)

#: The symbol of each status (its colour is the colour role of the same name).
_STATUS_STYLE = {
    "met": ("met", "✔"),
    "not_met": ("not_met", "✘"),
    "insufficient_data": ("insufficient_data", "?"),
    "baseline": ("baseline", "◆"),
}


def format_value(target: Target, value: float | None) -> str:
    """A share to one decimal, a mean grade to two (7.72 and 7.74 differ where 7.7 does not)."""
    if value is None:
        return "–"
    return format_percent(value) if target.share else format_number(value, 2)


def threshold_text(target: Target, settings: Settings) -> str:
    """Both conditions of the target, as the agreement states them."""
    if target.key == "Q":
        return _("Target: a significant fall on the year before")
    if target.key == "N":
        from expatdesk.reports.verdicts import format_share_threshold

        return _(
            "Target: at least {value}, and from {year} on a significant rise on the year before"
        ).format(value=format_share_threshold(settings.n_threshold), year=settings.n_growth_from)
    threshold = target.threshold(settings)
    return _("Target: at least {value}, and higher than the year before").format(
        value=format_number(threshold, 1)
    )


def p_value_text(p_change: float | None) -> str:
    """A p-value as the figures dialog shows it: never 0.000 or 1.000."""
    if p_change is None:
        return "–"
    from expatdesk.reports.verdicts import NBSP, format_p

    return format_p(p_change).removeprefix("p" + NBSP).removeprefix("=" + NBSP)


def reason_text(figure: Figure, report: TargetsReport) -> str:
    """Why the verdict is what it is, with the provisional mark for a year not yet ended."""
    if not figure.provisional:
        return figure.reason
    from expatdesk.reports.verdicts import provisional_note

    note = provisional_note(report)
    return f"({note}) {figure.reason}"


def status_text(status: Status) -> str:
    """The status as symbol and word, readable without colour."""
    return f"{_STATUS_STYLE[status.value][1]} {status.label}"


def style_status(label: QLabel, status: Status) -> None:
    label.setText(status_text(status))
    label.setContentsMargins(6, 1, 6, 1)
    colours.badge(label, colours.Role(status.value))


def whole_grades(figures: list[Figure], threshold: float | None) -> tuple[float, float]:
    """The whole grades around the means and the threshold: the scale of a grade's trend."""
    known = [f.value for f in figures if f.value is not None]
    if threshold is not None:
        known.append(threshold)
    if not known:
        return 1.0, 10.0
    low = math.floor(min(known))
    return float(low), float(max(math.ceil(max(known)), low + 1))
