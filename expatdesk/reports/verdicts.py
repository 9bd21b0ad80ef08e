"""Verdicts in words: why a target is met or not in a year, from the codes of targets.md.

The dashboard and the PDF explain a verdict with :func:`explain`, which reads the entry's
``reasons`` (never the figures' own comparisons), so the screen, the paper and the JSON cannot
disagree. Every text is plain (not markup) and in the active language; means are given to two
decimals wherever a verdict rests on a comparison, so "7.7 ✗" beside "7.7 ✓" never puzzles.
"""

from __future__ import annotations

from expatdesk import i18n
from expatdesk.i18n import _
from expatdesk.reports.targets import (
    ItemFigures,
    NYear,
    OYear,
    PYear,
    QYear,
    Reason,
    Status,
    TargetsReport,
)

#: A space that never breaks a line: "p = 0,58" stays on one line.
NBSP = "\u00a0"

#: The targets by letter, as the JSON names them.
TARGETS = ("N", "O", "P", "Q")


def format_p(value: float) -> str:
    """A p-value for people: three decimals, never a misleading 0,000 or 1,000, never broken
    over two lines."""
    if value < 0.001:
        return NBSP.join(("p", "<", i18n.format_number(0.001, 3)))
    if value > 0.999:
        return NBSP.join(("p", ">", i18n.format_number(0.999, 3)))
    return NBSP.join(("p", "=", i18n.format_number(value, 3)))


def format_mean(value: float) -> str:
    """A mean grade to two decimals (7,72): one decimal hides why 7,7 can pass and 7,7 fail."""
    return i18n.format_number(value, 2)


def format_change(value: float) -> str:
    """A signed change in grade points, two decimals: +0,19 or −0,02."""
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + i18n.format_number(abs(value), 2)


def format_share_threshold(value: float) -> str:
    """A threshold share without needless decimals: 50% rather than 50,0%."""
    return i18n.format_percent(value, 0 if round(value * 100, 6).is_integer() else 1)


def provisional_note(report: TargetsReport) -> str:
    """ "provisional, up to 6 December 2026": how a year that has not ended is marked."""
    return _("provisional, up to {date}").format(date=i18n.format_date(report.data_through, "long"))


def _too_few(count: int, minimum: int, what: str) -> str:
    return _("{count} {what}; at least {minimum} are needed to judge a year.").format(
        what=what, count=i18n.format_number(count), minimum=i18n.format_number(minimum)
    )


def _sentence(first: str, rest: str = "") -> str:
    text = first + rest
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _join(first: tuple[bool, str], second: tuple[bool, str]) -> str:
    """Two conditions, joined by "but" when one holds and the other fails, else by "and"."""
    if first[0] == second[0]:
        return _("{first}, and {second}").format(first=first[1], second=second[1])
    return _("{first}, but {second}").format(first=first[1], second=second[1])


def explain_n(entry: NYear, report: TargetsReport) -> str:
    settings = report.settings
    if Reason.NOT_EVALUABLE in entry.reasons:
        return _too_few(entry.denominator, settings.min_n, _("attracting employers"))
    value = i18n.format_percent(entry.value, 1)
    threshold = format_share_threshold(settings.n_threshold)
    if Reason.BELOW_THRESHOLD in entry.reasons:
        level = (False, _("{value}, below {threshold}").format(value=value, threshold=threshold))
    else:
        level = (True, _("{value}, at least {threshold}").format(value=value, threshold=threshold))
    if entry.year < settings.n_growth_from:
        return _sentence(
            level[1],
            " "
            + _("(a significant rise is required from {year} on)").format(
                year=settings.n_growth_from
            ),
        )
    previous = entry.year - 1
    if entry.p_change is None:  # Y−1 not evaluable, or every employer alike in both years
        untested = _("no test against {year} possible").format(year=previous)
        return _sentence(_("{first}; {second}").format(first=level[1], second=untested))
    p = format_p(entry.p_change)
    if Reason.NO_SIGNIFICANT_GROWTH in entry.reasons:
        growth = (
            False,
            _("no significant rise on {year} ({p})").format(year=previous, p=p),
        )
    else:
        growth = (True, _("a significant rise on {year} ({p})").format(year=previous, p=p))
    return _sentence(_join(level, growth))


def _item_figure(name: str, item: ItemFigures, year: int) -> str:
    if item.mean is None:
        return _("{item}: no grades").format(item=name)
    if item.previous_mean is None:
        return _("{item} {mean}").format(item=name, mean=format_mean(item.mean))
    return _("{item} {mean} ({change} on {year})").format(
        item=name,
        mean=format_mean(item.mean),
        change=format_change(item.mean - item.previous_mean),
        year=year - 1,
    )


def _grades_verdict(
    entry: OYear | PYear,
    items: list[tuple[str, ItemFigures, Reason, Reason]],
    threshold: float,
) -> str:
    figures = "; ".join(_item_figure(name, item, entry.year) for name, item, _b, _h in items)
    grade = i18n.format_number(threshold, 1)
    failing: list[str] = []
    for name, _item, below, _not_higher in items:
        if below in entry.reasons:
            failing.append(
                _("{item} below {threshold}").format(item=name, threshold=grade)
                if len(items) > 1
                else _("below {threshold}").format(threshold=grade)
            )
    for name, _item, _below, not_higher in items:
        if not_higher in entry.reasons:
            failing.append(
                _("{item} not higher than in {year}").format(item=name, year=entry.year - 1)
                if len(items) > 1
                else _("not higher than in {year}").format(year=entry.year - 1)
            )
    if failing:
        return _sentence(figures, ": " + i18n.join(failing))
    compared = any(item.previous_mean is not None for _n, item, _b, _h in items)
    if compared:
        met = _("at least {threshold} and higher than in {year}").format(
            threshold=grade, year=entry.year - 1
        )
    else:
        met = _("at least {threshold}; {year} has insufficient data to compare with").format(
            threshold=grade, year=entry.year - 1
        )
    return _sentence(figures, ": " + met)


def explain_o(entry: OYear, report: TargetsReport) -> str:
    settings = report.settings
    if Reason.NOT_EVALUABLE in entry.reasons:
        count = min(entry.service.n, entry.added_value.n)
        return _too_few(count, settings.min_n, _("responses"))
    return _grades_verdict(
        entry,
        [
            (
                _("service"),
                entry.service,
                Reason.SERVICE_BELOW_THRESHOLD,
                Reason.SERVICE_NOT_HIGHER,
            ),
            (
                _("added value"),
                entry.added_value,
                Reason.ADDED_VALUE_BELOW_THRESHOLD,
                Reason.ADDED_VALUE_NOT_HIGHER,
            ),
        ],
        settings.o_threshold,
    )


def explain_p(entry: PYear, report: TargetsReport) -> str:
    settings = report.settings
    if Reason.NOT_EVALUABLE in entry.reasons:
        return _too_few(entry.service.n, settings.min_n, _("responses"))
    return _grades_verdict(
        entry,
        [(_("service"), entry.service, Reason.BELOW_THRESHOLD, Reason.NOT_HIGHER)],
        settings.p_threshold,
    )


def explain_q(entry: QYear, report: TargetsReport) -> str:
    settings = report.settings
    if Reason.NOT_EVALUABLE in entry.reasons:
        return _too_few(entry.n, settings.min_n, _("answers"))
    value = i18n.format_percent(entry.value, 1)
    previous = entry.year - 1
    if Reason.NO_PREVIOUS_YEAR in entry.reasons:
        text = _(
            "{value}; {year} has insufficient data to compare with, so this is the baseline year"
        ).format(value=value, year=previous)
    elif entry.p_change is None:
        text = _("{value}: no fall on {year} (the same share, nothing to test)").format(
            value=value, year=previous
        )
    elif Reason.NO_SIGNIFICANT_FALL in entry.reasons:
        text = _("{value}: no significant fall on {year} ({p})").format(
            value=value, year=previous, p=format_p(entry.p_change)
        )
    else:
        text = _("{value}: a significant fall on {year} ({p})").format(
            value=value, year=previous, p=format_p(entry.p_change)
        )
    first = report.target_q[0]
    if entry.p_vs_baseline is not None and first.value is not None:
        significant = entry.p_vs_baseline < settings.alpha
        against = (
            _("against {year} ({value}) a significant fall ({p})")
            if significant
            else _("against {year} ({value}) no significant fall ({p})")
        ).format(
            year=first.year,
            value=i18n.format_percent(first.value, 1),
            p=format_p(entry.p_vs_baseline),
        )
        text = _("{first}; {second}").format(first=text, second=against)
    return _sentence(text)


def explain(report: TargetsReport, target: str, index: int) -> str:
    """Why ``target`` (``"N"``..``"Q"``) has its status in the report's ``index``-th year."""
    if target == "N":
        return explain_n(report.target_n[index], report)
    if target == "O":
        return explain_o(report.target_o[index], report)
    if target == "P":
        return explain_p(report.target_p[index], report)
    if target == "Q":
        return explain_q(report.target_q[index], report)
    raise ValueError(f"no target {target!r}")


def entry_of(report: TargetsReport, target: str, index: int) -> NYear | OYear | PYear | QYear:
    """The ``index``-th year entry of ``target``."""
    entries: dict[
        str, tuple[NYear, ...] | tuple[OYear, ...] | tuple[PYear, ...] | tuple[QYear, ...]
    ]
    entries = {
        "N": report.target_n,
        "O": report.target_o,
        "P": report.target_p,
        "Q": report.target_q,
    }
    return entries[target][index]


def status_of(report: TargetsReport, target: str, index: int) -> Status:
    return entry_of(report, target, index).status
