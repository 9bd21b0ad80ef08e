"""The statistics of targets N–Q, against closed forms, textbook values and scipy.stats."""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats as scipy_stats

from expatdesk.reports.stats import (
    Z95,
    GradeSummary,
    pooled_z_test,
    share,
    t_interval,
    welch_between,
    welch_greater,
    wilson,
)
from tests.unit.reports import reference


def test_z_is_the_one_targets_md_fixes() -> None:
    assert Z95 == 1.959964


# --- Wilson -----------------------------------------------------------------------------------


def test_wilson_of_none_and_all_have_closed_forms() -> None:
    z2 = 1.959964**2
    # x = 0: [0, z²/(n + z²)]; x = n: [n/(n + z²), 1].
    assert wilson(0, 10) == (0.0, pytest.approx(z2 / (10 + z2), rel=1e-12))
    assert wilson(10, 10) == (pytest.approx(10 / (10 + z2), rel=1e-12), 1.0)


def test_wilson_matches_the_formula_and_a_published_value() -> None:
    assert list(wilson(30, 80) or ()) == pytest.approx(reference.wilson(30, 80), rel=1e-12)
    # Newcombe (1998), example: 81 of 263 gives 0.2553 to 0.3662.
    low, high = wilson(81, 263) or (0, 0)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)


def test_wilson_without_observations_is_null() -> None:
    assert wilson(0, 0) is None
    assert share(0, 0) is None


@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_contains_the_share_and_stays_in_0_1(case: tuple[int, int]) -> None:
    x, n = case
    low, high = wilson(x, n) or (math.nan, math.nan)
    assert 0 <= low <= x / n <= high <= 1


# --- pooled two-proportion z-test -------------------------------------------------------------


def test_z_test_greater_and_less_by_erf() -> None:
    assert pooled_z_test(30, 60, 20, 60, "greater") == pytest.approx(
        reference.z_test(30, 60, 20, 60, greater=True), rel=1e-9
    )
    assert pooled_z_test(20, 60, 30, 60, "less") == pytest.approx(
        reference.z_test(20, 60, 30, 60, greater=False), rel=1e-9
    )


def test_z_test_by_hand() -> None:
    # p1 = 0.5, p0 = 0.3, p̄ = 0.4: z = 0.2 / √(0.24 · (2/50)) = 2.0412415; 1 − Φ(z) = 0.020613.
    assert pooled_z_test(25, 50, 15, 50, "greater") == pytest.approx(0.0206134, abs=1e-6)
    assert pooled_z_test(25, 50, 15, 50, "less") == pytest.approx(1 - 0.0206134, abs=1e-6)


@pytest.mark.parametrize(
    ("x1", "n1", "x0", "n0"), [(0, 10, 0, 12), (10, 10, 12, 12), (3, 0, 2, 10), (3, 10, 0, 0)]
)
def test_z_test_is_null_without_variation_or_observations(
    x1: int, n1: int, x0: int, n0: int
) -> None:
    assert pooled_z_test(x1, n1, x0, n0, "greater") is None
    assert pooled_z_test(x1, n1, x0, n0, "less") is None


def test_z_test_keeps_precision_far_in_the_tail() -> None:
    # z = 0.2 / √(0.25 · 0.002) = 8.944: 1 − Φ(z) ≈ 1.9e−19, which 1 − cdf would round to 0.
    z = 0.2 / math.sqrt(0.25 * 0.002)
    expected = 0.5 * math.erfc(z / math.sqrt(2))
    assert pooled_z_test(600, 1000, 400, 1000, "greater") == pytest.approx(expected, rel=1e-9)
    assert pooled_z_test(400, 1000, 600, 1000, "less") == pytest.approx(expected, rel=1e-9)


# --- Welch ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mean1", "sd1", "n1", "mean0", "sd0", "n0"),
    [
        (7.2, 1.1, 30, 6.8, 1.5, 25),
        (6.0, 2.0, 10, 7.0, 0.5, 40),
        (7.5, 0.0, 12, 7.0, 1.0, 12),  # one variance 0 is fine
        (7.0, 1.0, 2, 7.0, 1.0, 2),
    ],
)
def test_welch_equals_scipy_ttest_ind_from_stats(
    mean1: float, sd1: float, n1: int, mean0: float, sd0: float, n0: int
) -> None:
    expected = scipy_stats.ttest_ind_from_stats(
        mean1, sd1, n1, mean0, sd0, n0, equal_var=False, alternative="greater"
    ).pvalue
    assert welch_greater(mean1, sd1, n1, mean0, sd0, n0) == pytest.approx(expected, rel=1e-9)


def test_welch_by_hand() -> None:
    # v1 = 1/10, v0 = 4/10: t = 1/√0.5 = 1.41421; df = 0.25 / (0.01/9 + 0.16/9) = 13.2353.
    # One-sided p of t(13.2353) at 1.41421: 0.0902.
    assert welch_greater(8.0, 1.0, 10, 7.0, 2.0, 10) == pytest.approx(0.0902, abs=5e-4)


def test_welch_is_null_when_both_variances_are_0_or_a_sample_is_too_small() -> None:
    assert welch_greater(8.0, 0.0, 10, 7.0, 0.0, 10) is None
    assert welch_greater(8.0, 1.0, 1, 7.0, 1.0, 10) is None
    one = GradeSummary.from_counts({8: 1})
    many = GradeSummary.from_counts({7: 5, 8: 5})
    assert welch_between(many, one) is None
    assert welch_between(many, GradeSummary.from_counts({})) is None


def test_welch_between_summaries_equals_welch_on_the_raw_grades() -> None:
    later = [8, 8, 9, 7, 6, 10, 9, 8, 7, 8, 9, 5]
    earlier = [6, 7, 7, 8, 5, 6, 7, 6, 9, 4]
    p = welch_between(
        GradeSummary.from_counts(_counts(later)), GradeSummary.from_counts(_counts(earlier))
    )
    assert p == pytest.approx(reference.welch(later, earlier), rel=1e-9)


# --- grades -----------------------------------------------------------------------------------


def _counts(grades: list[int]) -> dict[int, int]:
    return {grade: grades.count(grade) for grade in set(grades)}


def test_grade_summary_from_counts_equals_the_raw_statistics() -> None:
    grades = [7, 8, 8, 6, 9, 10, 7, 3, 8, 7]
    summary = GradeSummary.from_counts(_counts(grades))
    assert summary.n == 10
    assert summary.mean == pytest.approx(statistics.fmean(grades), rel=1e-12)
    assert summary.sd == pytest.approx(statistics.stdev(grades), rel=1e-12)
    assert summary.share_7_or_higher == 8 / 10
    assert summary.distribution == (0, 0, 1, 0, 0, 1, 3, 3, 1, 1)
    assert summary.count(8) == 3
    # t(0.975, 9) = 2.262157 (tables).
    half = 2.2621571627982 * statistics.stdev(grades) / math.sqrt(10)
    mean = statistics.fmean(grades)
    assert summary.ci95 == (pytest.approx(mean - half), pytest.approx(mean + half))


def test_t_interval_uses_the_t_quantile() -> None:
    # t(0.975, 19) = 2.093024 (tables): 7 ± 2.093024 · 1.5 / √20.
    low, high = t_interval(7.0, 1.5, 20)
    assert high - 7.0 == pytest.approx(2.0930240544 * 1.5 / math.sqrt(20), rel=1e-9)
    assert 7.0 - low == pytest.approx(high - 7.0, rel=1e-12)


def test_grade_summary_edge_cases() -> None:
    empty = GradeSummary.from_counts({})
    assert (empty.n, empty.mean, empty.sd, empty.ci95, empty.share_7_or_higher) == (
        0,
        None,
        None,
        None,
        None,
    )
    assert empty.distribution == (0,) * 10
    single = GradeSummary.from_counts({6: 1})
    assert (single.n, single.mean, single.sd, single.ci95, single.share_7_or_higher) == (
        1,
        6.0,
        None,
        None,
        0.0,
    )
    constant = GradeSummary.from_counts({8: 12})
    assert (constant.mean, constant.sd, constant.ci95) == (8.0, 0.0, (8.0, 8.0))


def test_grades_outside_1_to_10_are_refused() -> None:
    with pytest.raises(ValueError, match="outside 1-10"):
        GradeSummary.from_counts({0: 1, 11: 2})


@given(st.lists(st.integers(1, 10), min_size=2, max_size=300))
def test_grade_summary_matches_statistics_for_any_grades(grades: list[int]) -> None:
    summary = GradeSummary.from_counts(_counts(grades))
    assert summary.mean == pytest.approx(statistics.fmean(grades), rel=1e-12)
    assert summary.sd == pytest.approx(statistics.stdev(grades), rel=1e-9, abs=1e-12)
