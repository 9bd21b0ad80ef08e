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
from datetime import date
from enum import StrEnum
from typing import Any

from expatdesk import clock
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.db.database import Database
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
from expatdesk.reports.target_settings import Settings, load_settings
from expatdesk.reports.target_years import check_years

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


class Reason(StrEnum):
    """Why a verdict is not ``met`` (targets.md, "Why a verdict is what it is").

    The value is the code in the JSON; the dashboard and the PDF put it in words
    (:mod:`expatdesk.reports.verdicts`), so the three never disagree.
    """

    NOT_EVALUABLE = "not_evaluable"
    BELOW_THRESHOLD = "below_threshold"
    NO_SIGNIFICANT_GROWTH = "no_significant_growth"
    SERVICE_BELOW_THRESHOLD = "service_below_threshold"
    ADDED_VALUE_BELOW_THRESHOLD = "added_value_below_threshold"
    SERVICE_NOT_HIGHER = "service_not_higher"
    ADDED_VALUE_NOT_HIGHER = "added_value_not_higher"
    NOT_HIGHER = "not_higher"
    NO_PREVIOUS_YEAR = "no_previous_year"
    NO_SIGNIFICANT_FALL = "no_significant_fall"


def _verdict(evaluable: bool, reasons: list[Reason]) -> tuple[Status, tuple[Reason, ...]]:
    """The status of an evaluable year is ``met`` exactly when nothing stands in its way."""
    if not evaluable:
        return Status.INSUFFICIENT_DATA, (Reason.NOT_EVALUABLE,)
    return (Status.NOT_MET if reasons else Status.MET), tuple(reasons)


def _reasons_json(reasons: tuple[Reason, ...]) -> list[str]:
    return [reason.value for reason in reasons]


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
    reasons: tuple[Reason, ...]
    provisional: bool

    def to_json(self) -> Json:
        return {
            "year": self.year,
            "denominator": self.denominator,
            "numerator": self.numerator,
            "value": self.value,
            "ci95": _interval(self.ci95),
            "p_change": self.p_change,
            "status": self.status.value,
            "reasons": _reasons_json(self.reasons),
            "provisional": self.provisional,
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
    #: The mean of Y−1 when both years are evaluable for the item (what "higher than last
    #: year" compared with); not part of the JSON, which has Y−1 as its own entry.
    previous_mean: float | None = None

    @classmethod
    def of(
        cls, grades: GradeSummary, p_change: float | None, previous_mean: float | None = None
    ) -> ItemFigures:
        return cls(
            grades.n,
            grades.mean,
            grades.sd,
            grades.ci95,
            grades.share_7_or_higher,
            grades.distribution,
            p_change,
            previous_mean,
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
    reasons: tuple[Reason, ...]
    provisional: bool

    def to_json(self) -> Json:
        return {
            "year": self.year,
            "service": self.service.to_json(),
            "added_value": self.added_value.to_json(),
            "status": self.status.value,
            "reasons": _reasons_json(self.reasons),
            "provisional": self.provisional,
        }


@dataclass(frozen=True)
class PYear:
    """P in one year: the expats' grades for the service."""

    year: int
    service: ItemFigures
    status: Status
    reasons: tuple[Reason, ...]
    provisional: bool

    def to_json(self) -> Json:
        return {
            "year": self.year,
            "service": self.service.to_json(),
            "status": self.status.value,
            "reasons": _reasons_json(self.reasons),
            "provisional": self.provisional,
        }


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
    reasons: tuple[Reason, ...]
    provisional: bool

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
            "reasons": _reasons_json(self.reasons),
            "provisional": self.provisional,
            "facilities": self.facilities.to_json(),
        }


# --- the report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetsReport:
    """Targets N–Q for the years ``year_from`` to ``year_to``, one entry per year in order.

    ``data_through`` is the day the report was made: the current year, not yet ended, is
    provisional (its entries carry ``provisional``).
    """

    year_from: int
    year_to: int
    settings: Settings
    target_n: tuple[NYear, ...]
    target_o: tuple[OYear, ...]
    target_p: tuple[PYear, ...]
    target_q: tuple[QYear, ...]
    data_through: date

    def to_json(self) -> Json:
        """The report as the JSON object of targets.md ("Machine-readable output")."""
        return {
            "report": "targets",
            "year_from": self.year_from,
            "year_to": self.year_to,
            "data_through": self.data_through.isoformat(),
            "settings": self.settings.to_json(),
            "N": [entry.to_json() for entry in self.target_n],
            "O": [entry.to_json() for entry in self.target_o],
            "P": [entry.to_json() for entry in self.target_p],
            "Q": [entry.to_json() for entry in self.target_q],
        }

    @property
    def provisional_year(self) -> int | None:
        """The year in the report that has not ended yet, if any."""
        return self.data_through.year if self.year_to >= self.data_through.year else None


def compute_targets(
    database: Database, year_from: int, year_to: int, *, today: date | None = None
) -> TargetsReport:
    """Targets N–Q for ``year_from`` to ``year_to`` with the settings stored in ``database``.

    ``today`` (default: :func:`expatdesk.clock.today`) is the report's ``data_through``.
    """
    today = today or clock.today()
    check_years(year_from, year_to, today)
    with database.reading() as session:
        queries.begin_reading(session)
        settings = load_settings(session)
        counts = queries.read_counts(
            database, year_from - 1, year_to, session, meanwhile=distributions
        )
    return build_report(year_from, year_to, settings, counts, data_through=today)


def targets_report(
    database: Database,
    actor: Actor,
    year_from: int,
    year_to: int,
    *,
    today: date | None = None,
) -> TargetsReport:
    """The targets report a manager or administrator asks for (:data:`Permission.REPORTS`):
    the GUI's Reports area and ``expatdesk report targets`` make it through here."""
    actor.require(Permission.REPORTS)
    return compute_targets(database, year_from, year_to, today=today)


def build_report(
    year_from: int,
    year_to: int,
    settings: Settings,
    counts: queries.TargetCounts,
    *,
    data_through: date | None = None,
) -> TargetsReport:
    """Apply the rules of targets.md to the counts of ``year_from - 1`` to ``year_to``.

    ``data_through`` (default: today) is the day the counts were read.
    """
    through = data_through or clock.today()
    check_years(year_from, year_to, through)
    years = range(year_from, year_to + 1)

    def provisional(year: int) -> bool:
        return year >= through.year

    return TargetsReport(
        year_from,
        year_to,
        settings,
        tuple(_n_year(y, settings, counts.employers, provisional(y)) for y in years),
        tuple(_o_year(y, settings, counts.employer_grades, provisional(y)) for y in years),
        tuple(_p_year(y, settings, counts.expat_answers, provisional(y)) for y in years),
        tuple(_q_year(y, year_from, settings, counts.expat_answers, provisional(y)) for y in years),
        through,
    )


def _n_year(
    year: int,
    settings: Settings,
    employers: Mapping[int, queries.EmployerCount],
    provisional: bool,
) -> NYear:
    now = employers.get(year, queries.EmployerCount())
    before = employers.get(year - 1, queries.EmployerCount())
    evaluable = now.attracting >= settings.min_n
    p_change = None
    if evaluable and before.attracting >= settings.min_n:
        p_change = pooled_z_test(
            now.served, now.attracting, before.served, before.attracting, "greater"
        )
    value = share(now.served, now.attracting)
    reasons = []
    if value is not None and value < settings.n_threshold:
        reasons.append(Reason.BELOW_THRESHOLD)
    if year >= settings.n_growth_from and p_change is not None and p_change >= settings.alpha:
        reasons.append(Reason.NO_SIGNIFICANT_GROWTH)
    status, why = _verdict(evaluable and value is not None, reasons)
    return NYear(
        year,
        now.attracting,
        now.served,
        value,
        wilson(now.served, now.attracting),
        p_change,
        status,
        why,
        provisional,
    )


@dataclass(frozen=True)
class _Item:
    """An item's figures in Y and how it stands against its threshold and Y−1."""

    figures: ItemFigures
    evaluable: bool
    below_threshold: bool
    not_higher: bool


def _item(
    now: Mapping[int, int], before: Mapping[int, int], threshold: float, settings: Settings
) -> _Item:
    """An item's figures in Y, whether Y is evaluable for it, and what keeps it from passing.

    It passes when its mean reaches ``threshold`` and, when Y−1 is evaluable for the item,
    mean(Y) > mean(Y−1) (a plain comparison of the means, as targets.md writes).
    """
    grades, previous = GradeSummary.from_counts(now), GradeSummary.from_counts(before)
    evaluable = grades.n >= settings.min_n
    previous_evaluable = previous.n >= settings.min_n
    p_change = welch_between(grades, previous) if evaluable and previous_evaluable else None
    below = grades.mean is None or grades.mean < threshold
    not_higher = previous_evaluable and (
        grades.mean is None or previous.mean is None or grades.mean <= previous.mean
    )
    compared = previous.mean if previous_evaluable else None
    return _Item(ItemFigures.of(grades, p_change, compared), evaluable, below, not_higher)


def _o_year(
    year: int,
    settings: Settings,
    grades: Mapping[int, queries.EmployerGrades],
    provisional: bool,
) -> OYear:
    empty = queries.EmployerGrades()
    now, before = grades.get(year, empty), grades.get(year - 1, empty)
    service = _item(now.service, before.service, settings.o_threshold, settings)
    added_value = _item(now.added_value, before.added_value, settings.o_threshold, settings)
    flags = [
        (service.below_threshold, Reason.SERVICE_BELOW_THRESHOLD),
        (added_value.below_threshold, Reason.ADDED_VALUE_BELOW_THRESHOLD),
        (service.not_higher, Reason.SERVICE_NOT_HIGHER),
        (added_value.not_higher, Reason.ADDED_VALUE_NOT_HIGHER),
    ]
    status, reasons = _verdict(
        service.evaluable and added_value.evaluable, [reason for flag, reason in flags if flag]
    )
    return OYear(year, service.figures, added_value.figures, status, reasons, provisional)


def _p_year(
    year: int,
    settings: Settings,
    answers: Mapping[int, queries.ExpatAnswers],
    provisional: bool,
) -> PYear:
    empty = queries.ExpatAnswers()
    now, before = answers.get(year, empty), answers.get(year - 1, empty)
    service = _item(now.service, before.service, settings.p_threshold, settings)
    flags = [
        (service.below_threshold, Reason.BELOW_THRESHOLD),
        (service.not_higher, Reason.NOT_HIGHER),
    ]
    status, reasons = _verdict(service.evaluable, [reason for flag, reason in flags if flag])
    return PYear(year, service.figures, status, reasons, provisional)


def _q_year(
    year: int,
    baseline: int,
    settings: Settings,
    answers: Mapping[int, queries.ExpatAnswers],
    provisional: bool,
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
    reasons: tuple[Reason, ...]
    if not evaluable(now):
        status, reasons = Status.INSUFFICIENT_DATA, (Reason.NOT_EVALUABLE,)
    elif not evaluable(before):
        status, reasons = Status.BASELINE, (Reason.NO_PREVIOUS_YEAR,)
    elif p_change is not None and p_change < settings.alpha:
        status, reasons = Status.MET, ()
    else:
        status, reasons = Status.NOT_MET, (Reason.NO_SIGNIFICANT_FALL,)

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
        reasons,
        provisional,
    )
