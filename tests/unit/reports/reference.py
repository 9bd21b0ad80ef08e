"""The statistics of targets.md written out again, plainly, to check the report against.

Nothing here calls :mod:`expatdesk.reports`: proportions use ``math.erf``, grades are expanded
into lists and summarised with :mod:`statistics`, the Welch test runs on those raw lists with
``scipy.stats.ttest_ind`` (the report works from counts and its own formula).
"""

from __future__ import annotations

import math
import statistics
from typing import Any

import pytest
from scipy import stats

Z = 1.959964


def phi(z: float) -> float:
    """The standard normal distribution function."""
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def wilson(x: int, n: int) -> list[float]:
    p = x / n
    centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
    half = Z / (1 + Z**2 / n) * math.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2))
    return [max(0.0, centre - half), min(1.0, centre + half)]


def z_test(x1: int, n1: int, x0: int, n0: int, *, greater: bool) -> float:
    """One-sided pooled two-proportion z-test of share 1 against share 0."""
    pooled = (x1 + x0) / (n1 + n0)
    z = (x1 / n1 - x0 / n0) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
    return 1 - phi(z) if greater else phi(z)


def welch(later: list[int], earlier: list[int]) -> float:
    """One-sided Welch test on the raw grades, H1: mean(later) > mean(earlier)."""
    result = stats.ttest_ind(later, earlier, equal_var=False, alternative="greater")
    return float(result.pvalue)


def welch_by_formula(later: list[int], earlier: list[int]) -> float:
    """The same test written out: Welch's t, Welch–Satterthwaite df, the t tail from scipy.

    For samples where one has no variance, on which ``ttest_ind`` warns about precision.
    """
    v1 = statistics.variance(later) / len(later)
    v0 = statistics.variance(earlier) / len(earlier)
    t = (statistics.fmean(later) - statistics.fmean(earlier)) / math.sqrt(v1 + v0)
    df = (v1 + v0) ** 2 / (v1**2 / (len(later) - 1) + v0**2 / (len(earlier) - 1))
    return float(stats.t.sf(t, df))


def item(grades: list[int], p_change: float | None = None) -> dict[str, Any]:
    """ITEM of targets.md for a list of grades (blank grades already left out)."""
    n = len(grades)
    mean = statistics.fmean(grades) if n else None
    sd = statistics.stdev(grades) if n >= 2 else None
    ci95 = None
    if mean is not None and sd is not None:
        half = float(stats.t.ppf(0.975, n - 1)) * sd / math.sqrt(n)
        ci95 = [mean - half, mean + half]
    return {
        "n": n,
        "mean": mean,
        "sd": sd,
        "ci95": ci95,
        "share_7_or_higher": sum(grade >= 7 for grade in grades) / n if n else None,
        "distribution": {str(grade): grades.count(grade) for grade in range(1, 11)},
        "p_change": p_change,
    }


def approx(expected: Any) -> Any:
    """``expected`` with every float compared to 1e-9 relative (the JSON keeps all digits)."""
    if isinstance(expected, dict):
        return {key: approx(value) for key, value in expected.items()}
    if isinstance(expected, list):
        return [approx(value) for value in expected]
    if isinstance(expected, float):
        return pytest.approx(expected, rel=1e-9, abs=1e-12)
    return expected
