"""Targets N–Q of the Techniekpact Twente per calendar year (``shared/spec/targets.md``).

:func:`compute_targets` reads the settings and the yearly counts in one read-only transaction
(:mod:`.target_queries`) and applies the rules of targets.md (:func:`build_report`, which needs no
database). The result is a tree of frozen dataclasses that a PDF renderer or a dashboard reads
directly; :meth:`TargetsReport.to_json` gives the JSON object of targets.md, key for key.

Decisions where targets.md leaves room, taken as a statistician would:

- A share with an empty denominator (N with no attracting employer, Q or a facilities group with
  no respondent) has value ``null`` and ci95 ``null``, not 0: 0/0 is no share.
- ``share_7_or_higher`` is ``null`` when the item has no grade in the year (n = 0), like its mean.
- The pooled z-tests give ``null`` when p̄ is 0 or 1 (every answer alike in both years: no
  variation, nothing to test). For N a null p_change, whether Y−1 is not evaluable or p̄ is 0
  or 1, satisfies the growth condition, as targets.md writes ("or p_change is null"): a share of
  100% two years running is met. For Q a null p_change between two evaluable years (p̄ 0 or 1)
  is no evidence of a fall, so the status is ``not_met``.
- Means are exact quotients of integer sums, so "mean ≥ threshold" and "mean(Y) > mean(Y−1)"
  are decided without rounding noise (a mean of exactly 7 reaches 7.0).
- ``p_vs_baseline`` tests H1: share(Y) < share(Y1), the direction Q aims at, like p_change.
- Facilities: a respondent counts as ``used`` when the response names at least one facility.
- O and P compare means plainly (mean(Y) > mean(Y−1)), as targets.md writes; the Welch p_change
  is reported beside it but does not decide the status.
- The Y−1 of the first year is read from the database like any other year, also when it lies
  before the requested range; only years Y1..Y2 appear in the report.
- N and the surveys are read in parallel, each in its own read-only transaction. On PostgreSQL
  these and the settings share one exported snapshot, so the report sees one state of the data.
  SQLite cannot share snapshots: each figure is consistent in itself, but a change saved while
  the report runs may show in N and not yet in O–Q (or the reverse).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from expatdesk.db.database import Database
from expatdesk.errors import UserError
from expatdesk.i18n import N_, _
from expatdesk.reports import target_queries as queries
from expatdesk.reports.stats import (
    GradeSummary,
    Interval,
    distributions,
    pooled_z_test,
    share,
    welch_between,
    wilson,
)
from expatdesk.services.actor import Actor, Permission
from expatdesk.services.target_settings import Settings, load_settings

#: The years a report may cover (those the database accepts for hiring records).
FIRST_YEAR, LAST_YEAR = 1900, 2200

Json = dict[str, Any]


class Status(StrEnum):
    """The verdict on a target in a year; the value is what the JSON shows."""

    MET = "met"
    NOT_MET = "not_met"
    INSUFFICIENT_DATA = "insufficient_data"
    BASELINE = "baseline"

    @property
    def label(self) -> str:
        """The status in the active language, for the PDF and the dashboard."""
        return _(_STATUS_LABELS[self])


_STATUS_LABELS = {
    Status.MET: N_("target met"),
    Status.NOT_MET: N_("target not met"),
    Status.INSUFFICIENT_DATA: N_("insufficient data"),
    Status.BASELINE: N_("baseline year"),
}


def _interval(value: Interval | None) -> list[float] | None:
    return None if value is None else [value[0], value[1]]


# --- N ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NYear:
    """N in one year: the share of attracting high-tech employers that used the centre."""

    year: int
    denominator: int
    numerator: int
    value: float | None
    ci95: Interval | None
    p_change: float | None
    status: Status

    def to_json(self) -> Json:
        return {
            "year": self.year,
            "denominator": self.denominator,
            "numerator": self.numerator,
            "value": self.value,
            "ci95": _interval(self.ci95),
            "p_change": self.p_change,
            "status": self.status.value,
        }


# --- O and P ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemFigures:
    """One graded item (1–10) in one year: ITEM of targets.md.

    ``distribution[g - 1]`` is the number of responses with grade ``g``; ``p_change`` is the
    one-sided Welch test against the year before (H1: the mean rose).
    """

    n: int
    mean: float | None
    sd: float | None
    ci95: Interval | None
    share_7_or_higher: float | None
    distribution: tuple[int, ...]
    p_change: float | None

    @classmethod
    def of(cls, grades: GradeSummary, p_change: float | None) -> ItemFigures:
        return cls(
            grades.n,
            grades.mean,
            grades.sd,
            grades.ci95,
            grades.share_7_or_higher,
            grades.distribution,
            p_change,
        )

    def to_json(self) -> Json:
        return {
            "n": self.n,
            "mean": self.mean,
            "sd": self.sd,
            "ci95": _interval(self.ci95),
            "share_7_or_higher": self.share_7_or_higher,
            "distribution": {
                str(grade): count for grade, count in enumerate(self.distribution, start=1)
            },
            "p_change": self.p_change,
        }


@dataclass(frozen=True)
class OYear:
    """O in one year: the employers' grades for the service and for its added value."""

    year: int
    service: ItemFigures
    added_value: ItemFigures
    status: Status

    def to_json(self) -> Json:
        return {
            "year": self.year,
            "service": self.service.to_json(),
            "added_value": self.added_value.to_json(),
            "status": self.status.value,
        }


@dataclass(frozen=True)
class PYear:
    """P in one year: the expats' grades for the service."""

    year: int
    service: ItemFigures
    status: Status

    def to_json(self) -> Json:
        return {"year": self.year, "service": self.service.to_json(), "status": self.status.value}


# --- Q ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """Q respondents of one group: ``yes`` of ``n`` intend to leave; ``value`` is the share."""

    n: int
    yes: int
    value: float | None

    @classmethod
    def of(cls, answers: queries.Answers) -> Group:
        return cls(answers.n, answers.yes, share(answers.yes, answers.n))

    def to_json(self) -> Json:
        return {"n": self.n, "yes": self.yes, "value": self.value}


@dataclass(frozen=True)
class Facilities:
    """Q respondents who used an expat-oriented facility against those who did not.

    ``p_difference``: one-sided pooled z-test, H1: share(used) < share(not_used).
    """

    used: Group
    not_used: Group
    p_difference: float | None

    def to_json(self) -> Json:
        return {
            "used": self.used.to_json(),
            "not_used": self.not_used.to_json(),
            "p_difference": self.p_difference,
        }


@dataclass(frozen=True)
class QYear:
    """Q in one year: the share of expats intending to leave Twente within 18 months."""

    year: int
    n: int
    yes: int
    value: float | None
    ci95: Interval | None
    p_change: float | None
    p_vs_baseline: float | None
    status: Status
    facilities: Facilities

    def to_json(self) -> Json:
        return {
            "year": self.year,
            "n": self.n,
            "yes": self.yes,
            "value": self.value,
            "ci95": _interval(self.ci95),
            "p_change": self.p_change,
            "p_vs_baseline": self.p_vs_baseline,
            "status": self.status.value,
            "facilities": self.facilities.to_json(),
        }


# --- the report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetsReport:
    """Targets N–Q for the years ``year_from`` to ``year_to``, one entry per year in order."""

    year_from: int
    year_to: int
    settings: Settings
    target_n: tuple[NYear, ...]
    target_o: tuple[OYear, ...]
    target_p: tuple[PYear, ...]
    target_q: tuple[QYear, ...]

    def to_json(self) -> Json:
        """The report as the JSON object of targets.md ("Machine-readable output")."""
        return {
            "report": "targets",
            "year_from": self.year_from,
            "year_to": self.year_to,
            "settings": self.settings.to_json(),
            "N": [entry.to_json() for entry in self.target_n],
            "O": [entry.to_json() for entry in self.target_o],
            "P": [entry.to_json() for entry in self.target_p],
            "Q": [entry.to_json() for entry in self.target_q],
        }


def check_years(year_from: int, year_to: int) -> None:
    """Refuse a range that is reversed or outside the plausible years, with a message."""
    for year in (year_from, year_to):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise UserError(
                _("The year {year} is outside the years {first} to {last}.").format(
                    year=year, first=FIRST_YEAR, last=LAST_YEAR
                )
            )
    if year_from > year_to:
        raise UserError(
            _("The first year ({first}) comes after the last year ({last}).").format(
                first=year_from, last=year_to
            )
        )


def compute_targets(database: Database, year_from: int, year_to: int) -> TargetsReport:
    """Targets N–Q for ``year_from`` to ``year_to`` with the settings stored in ``database``."""
    check_years(year_from, year_to)
    with database.reading() as session:
        queries.begin_reading(session)
        settings = load_settings(session)
        counts = queries.read_counts(
            database, year_from - 1, year_to, session, meanwhile=distributions
        )
    return build_report(year_from, year_to, settings, counts)


def targets_report(database: Database, actor: Actor, year_from: int, year_to: int) -> TargetsReport:
    """The targets report a manager or administrator asks for (:data:`Permission.REPORTS`):
    the GUI's Reports area and ``expatdesk report targets`` make it through here."""
    actor.require(Permission.REPORTS)
    return compute_targets(database, year_from, year_to)


def build_report(
    year_from: int, year_to: int, settings: Settings, counts: queries.TargetCounts
) -> TargetsReport:
    """Apply the rules of targets.md to the counts of ``year_from - 1`` to ``year_to``."""
    check_years(year_from, year_to)
    years = range(year_from, year_to + 1)
    return TargetsReport(
        year_from,
        year_to,
        settings,
        tuple(_n_year(year, settings, counts.employers) for year in years),
        tuple(_o_year(year, settings, counts.employer_grades) for year in years),
        tuple(_p_year(year, settings, counts.expat_answers) for year in years),
        tuple(_q_year(year, year_from, settings, counts.expat_answers) for year in years),
    )


def _n_year(year: int, settings: Settings, employers: Mapping[int, queries.EmployerCount]) -> NYear:
    now = employers.get(year, queries.EmployerCount())
    before = employers.get(year - 1, queries.EmployerCount())
    evaluable = now.attracting >= settings.min_n
    p_change = None
    if evaluable and before.attracting >= settings.min_n:
        p_change = pooled_z_test(
            now.served, now.attracting, before.served, before.attracting, "greater"
        )
    value = share(now.served, now.attracting)
    if not evaluable or value is None:
        status = Status.INSUFFICIENT_DATA
    elif value >= settings.n_threshold and (
        year < settings.n_growth_from or p_change is None or p_change < settings.alpha
    ):
        status = Status.MET
    else:
        status = Status.NOT_MET
    return NYear(
        year,
        now.attracting,
        now.served,
        value,
        wilson(now.served, now.attracting),
        p_change,
        status,
    )


def _item(
    now: Mapping[int, int], before: Mapping[int, int], threshold: float, settings: Settings
) -> tuple[ItemFigures, bool, bool]:
    """An item's figures in Y, whether Y is evaluable for it, and whether it passes.

    It passes when its mean reaches ``threshold`` and, when Y−1 is evaluable for the item,
    mean(Y) > mean(Y−1) (a plain comparison of the means, as targets.md writes).
    """
    grades, previous = GradeSummary.from_counts(now), GradeSummary.from_counts(before)
    evaluable = grades.n >= settings.min_n
    previous_evaluable = previous.n >= settings.min_n
    p_change = welch_between(grades, previous) if evaluable and previous_evaluable else None
    reaches = grades.mean is not None and grades.mean >= threshold
    rose = not previous_evaluable or (
        grades.mean is not None and previous.mean is not None and grades.mean > previous.mean
    )
    return ItemFigures.of(grades, p_change), evaluable, reaches and rose


def _o_year(year: int, settings: Settings, grades: Mapping[int, queries.EmployerGrades]) -> OYear:
    empty = queries.EmployerGrades()
    now, before = grades.get(year, empty), grades.get(year - 1, empty)
    service, service_evaluable, service_passes = _item(
        now.service, before.service, settings.o_threshold, settings
    )
    added_value, added_value_evaluable, added_value_passes = _item(
        now.added_value, before.added_value, settings.o_threshold, settings
    )
    if not (service_evaluable and added_value_evaluable):
        status = Status.INSUFFICIENT_DATA
    elif service_passes and added_value_passes:
        status = Status.MET
    else:
        status = Status.NOT_MET
    return OYear(year, service, added_value, status)


def _p_year(year: int, settings: Settings, answers: Mapping[int, queries.ExpatAnswers]) -> PYear:
    empty = queries.ExpatAnswers()
    now, before = answers.get(year, empty), answers.get(year - 1, empty)
    service, evaluable, passes = _item(now.service, before.service, settings.p_threshold, settings)
    if not evaluable:
        status = Status.INSUFFICIENT_DATA
    elif passes:
        status = Status.MET
    else:
        status = Status.NOT_MET
    return PYear(year, service, status)


def _q_year(
    year: int, baseline: int, settings: Settings, answers: Mapping[int, queries.ExpatAnswers]
) -> QYear:
    empty = queries.ExpatAnswers()
    this = answers.get(year, empty)
    now = this.leaving
    before = answers.get(year - 1, empty).leaving
    first = answers.get(baseline, empty).leaving

    def evaluable(group: queries.Answers) -> bool:
        return group.n >= settings.min_n

    def falls(later: queries.Answers, earlier: queries.Answers) -> float | None:
        """H1: share(later) < share(earlier); null unless both are evaluable."""
        if not (evaluable(later) and evaluable(earlier)):
            return None
        return pooled_z_test(later.yes, later.n, earlier.yes, earlier.n, "less")

    p_change = falls(now, before)
    p_vs_baseline = None if year == baseline else falls(now, first)
    if not evaluable(now):
        status = Status.INSUFFICIENT_DATA
    elif not evaluable(before):
        status = Status.BASELINE
    elif p_change is not None and p_change < settings.alpha:
        status = Status.MET
    else:
        status = Status.NOT_MET

    p_difference = None
    if evaluable(this.used) and evaluable(this.not_used):
        p_difference = pooled_z_test(
            this.used.yes, this.used.n, this.not_used.yes, this.not_used.n, "less"
        )
    facilities = Facilities(Group.of(this.used), Group.of(this.not_used), p_difference)
    return QYear(
        year,
        now.n,
        now.yes,
        share(now.yes, now.n),
        wilson(now.yes, now.n),
        p_change,
        p_vs_baseline,
        status,
        facilities,
    )
