"""The statistics of targets N–Q (``shared/spec/targets.md``), on counts rather than rows.

Everything here works on aggregates the database computed: a proportion is ``x`` of ``n``, a set
of grades is the number of responses per grade 1–10. The sample mean and standard deviation
follow exactly from those counts, so no response has to be read one by one.

Absent values are ``None`` (``null`` in the JSON); the rules that produce them:

- :func:`wilson`: ``None`` when ``n`` is 0 (there is no share to bound).
- :func:`pooled_z_test`: ``None`` when either sample is empty or the pooled share p̄ is 0 or 1
  (every answer alike in both years: the standard error is 0 and there is nothing to test).
- :func:`welch_greater`: ``None`` when either sample has fewer than 2 grades (no sample variance)
  or both variances are 0 (the t statistic is undefined).
- :class:`GradeSummary`: mean ``None`` when n = 0; sd and ci95 ``None`` when n < 2;
  share_7_or_higher ``None`` when n = 0 (0/0 is no share).

The distributions come from :mod:`scipy.special` (``ndtr`` for Φ, ``stdtr``/``stdtrit`` for
Student's t), not :mod:`scipy.stats`: importing the latter costs about a second, a third of the
time budget of a whole report. :func:`welch_greater` computes exactly what
``scipy.stats.ttest_ind_from_stats(..., equal_var=False, alternative="greater")`` does (Welch's t
and the Welch–Satterthwaite degrees of freedom); the tests hold the two against each other.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

#: The z of a two-sided 95% interval, as targets.md fixes it.
Z95 = 1.959964
#: The grades of the Dutch scale.
GRADES = tuple(range(1, 11))
#: A grade that counts as satisfied: "het cijfer 7 of hoger".
PASS_GRADE = 7

Interval = tuple[float, float]


@cache
def distributions() -> Any:
    """:mod:`scipy.special`, imported on first use.

    Importing it takes about 0.3 s (numpy with it); the report calls this while the database
    counts, so that the import costs no time of its own.
    """
    from scipy import special

    return special


def share(x: int, n: int) -> float | None:
    """``x / n``, or ``None`` when ``n`` is 0."""
    return x / n if n else None


def wilson(x: int, n: int, z: float = Z95) -> Interval | None:
    """The Wilson score interval of ``x`` successes in ``n`` trials.

    centre = (p + z²/2n) / (1 + z²/n), half width = z / (1 + z²/n) · √(p(1−p)/n + z²/4n²).
    At x = 0 the lower bound is 0 and at x = n the upper bound is 1, exactly in theory; they are
    set so, since rounding would give −1e−17 or 0.9999999999999999 (a bound beside the share).
    """
    if n <= 0:
        return None
    p = x / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = 0.0 if x == 0 else max(0.0, centre - half)
    high = 1.0 if x == n else min(1.0, centre + half)
    return low, high


def pooled_z_test(
    x1: int, n1: int, x0: int, n0: int, alternative: Literal["greater", "less"]
) -> float | None:
    """One-sided p-value of the pooled two-proportion z-test of share 1 against share 0.

    z = (p1 − p0) / √(p̄(1 − p̄)(1/n1 + 1/n0)), p̄ = (x1 + x0) / (n1 + n0);
    ``"greater"`` (H1: p1 > p0) gives 1 − Φ(z), ``"less"`` (H1: p1 < p0) gives Φ(z).
    """
    if n1 <= 0 or n0 <= 0:
        return None
    pooled = (x1 + x0) / (n1 + n0)
    if pooled <= 0 or pooled >= 1:
        return None
    z = (x1 / n1 - x0 / n0) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
    # 1 − Φ(z) = Φ(−z), without the cancellation of subtracting from 1 for large z.
    return float(distributions().ndtr(-z if alternative == "greater" else z))


def welch_greater(
    mean1: float, sd1: float, n1: int, mean0: float, sd0: float, n0: int
) -> float | None:
    """One-sided Welch t-test p-value, H1: mean 1 > mean 0 (sd are sample sd, ddof = 1).

    t = (mean1 − mean0) / √(v1 + v0) with v = sd²/n; degrees of freedom
    (v1 + v0)² / (v1²/(n1 − 1) + v0²/(n0 − 1)); p = 1 − F_t(t).
    """
    if n1 < 2 or n0 < 2 or (sd1 == 0 and sd0 == 0):
        return None
    v1, v0 = sd1 * sd1 / n1, sd0 * sd0 / n0
    t = (mean1 - mean0) / math.sqrt(v1 + v0)
    df = (v1 + v0) ** 2 / (v1 * v1 / (n1 - 1) + v0 * v0 / (n0 - 1))
    return float(distributions().stdtr(df, -t))  # 1 − F(t) = F(−t)


def t_interval(mean: float, sd: float, n: int) -> Interval:
    """mean ± t(0.975, n − 1) · sd / √n, for n ≥ 2."""
    half = float(distributions().stdtrit(n - 1, 0.975)) * sd / math.sqrt(n)
    return mean - half, mean + half


@dataclass(frozen=True)
class GradeSummary:
    """The statistics of one item's grades (1–10) in one year, computed from the counts.

    ``distribution`` holds the number of responses per grade, index 0 for grade 1 to index 9 for
    grade 10. ``p_change`` is not part of it: it compares two years (see :func:`welch_greater`).
    """

    n: int
    mean: float | None
    sd: float | None
    ci95: Interval | None
    share_7_or_higher: float | None
    distribution: tuple[int, ...]

    @classmethod
    def from_counts(cls, counts: Mapping[int, int]) -> GradeSummary:
        """Summarise ``{grade: number of responses}``; grades outside 1–10 are refused."""
        unknown = set(counts) - set(GRADES)
        if unknown:
            raise ValueError(f"grades outside 1-10: {sorted(unknown)}")
        distribution = tuple(int(counts.get(grade, 0)) for grade in GRADES)
        n = sum(distribution)
        if n == 0:
            return cls(0, None, None, None, None, distribution)
        mean = sum(g * c for g, c in zip(GRADES, distribution, strict=True)) / n
        passed = sum(c for g, c in zip(GRADES, distribution, strict=True) if g >= PASS_GRADE)
        if n < 2:
            return cls(n, mean, None, None, passed / n, distribution)
        # Sum of squared deviations from the mean, not Σg² − n·mean² (no cancellation).
        squares = sum(c * (g - mean) ** 2 for g, c in zip(GRADES, distribution, strict=True))
        sd = math.sqrt(squares / (n - 1))
        return cls(n, mean, sd, t_interval(mean, sd, n), passed / n, distribution)

    def count(self, grade: int) -> int:
        """How many responses gave ``grade``."""
        return self.distribution[grade - 1]


def welch_between(later: GradeSummary, earlier: GradeSummary) -> float | None:
    """:func:`welch_greater` of two years' summaries (H1: later mean > earlier mean)."""
    if later.mean is None or earlier.mean is None or later.sd is None or earlier.sd is None:
        return None
    return welch_greater(later.mean, later.sd, later.n, earlier.mean, earlier.sd, earlier.n)
