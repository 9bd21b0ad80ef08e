"""Targets N–Q (shared/spec/targets.md), one small data set per rule, on SQLite and PostgreSQL.

Every expected figure is worked out in the test: counts by hand, statistics with the plain
formulas of :mod:`tests.unit.reports.reference`, never with the report's own functions.
"""

from __future__ import annotations

import json
import random
from datetime import date
from typing import Any

import pytest

from expatdesk.accounts.actor import Actor, PermissionDeniedError
from expatdesk.db.database import Database
from expatdesk.reports.target_settings import DEFAULTS
from expatdesk.reports.targets import (
    Status,
    TargetsReport,
    compute_targets,
    targets_report,
)
from tests.conftest import TEST_NOW
from tests.unit.reports import reference
from tests.unit.reports.records import records, use_settings
from tests.unit.reports.reference import approx

#: The suite's current year (its clock; ``EXPATDESK_TEST_NOW`` moves it).
YEAR = TEST_NOW.astimezone().year

ALPHA = DEFAULTS.alpha


def _only(report: TargetsReport, target: str) -> dict[str, object]:
    entries = report.to_json()[target]
    assert len(entries) == 1
    entry: dict[str, object] = entries[0]
    return entry


# --- N ----------------------------------------------------------------------------------------


def test_n_counts_hiring_or_arrival_and_attributes_deliveries(database: Database) -> None:
    use_settings(database, min_n=2)
    with records(database) as add:
        hiring_only = add.employer()
        add.hiring(hiring_only, 2016, hires=3)
        add.delivery(date(2016, 5, 1), employer_id=hiring_only)

        arrival_only = add.employer()
        arrived = add.expat(employer_id=arrival_only, arrival=date(2016, 3, 1))
        add.delivery(date(2016, 6, 1), expat_id=arrived)  # no employer: the expat's counts

        both = add.employer()
        add.hiring(both, 2016, hires=1)
        both_expat = add.expat(employer_id=both, arrival=date(2016, 2, 1))
        add.delivery(date(2015, 12, 31), employer_id=both)  # the year before
        add.delivery(date(2017, 1, 1), expat_id=both_expat)  # the year after
        add.delivery(date(2016, 7, 1), employer_id=hiring_only, expat_id=both_expat)  # not both's

        not_high_tech = add.employer(high_tech=False)
        add.hiring(not_high_tech, 2016, hires=5)
        add.expat(employer_id=not_high_tech, arrival=date(2016, 4, 1))
        add.delivery(date(2016, 4, 2), employer_id=not_high_tech)

        no_hires = add.employer()
        add.hiring(no_hires, 2016, hires=0)
        add.delivery(date(2016, 8, 1), employer_id=no_hires)

        # Attracting in 2015 only: the year before the report, which N(2016) is compared with.
        hired_before = add.employer()
        add.hiring(hired_before, 2015, hires=2)
        add.expat(employer_id=hired_before, arrival=date(2017, 1, 1))
        arrived_before = add.employer()
        add.expat(employer_id=arrived_before, arrival=date(2015, 12, 31))
        add.expat(employer_id=None, arrival=date(2016, 1, 1))

    n = _only(compute_targets(database, 2016, 2016), "N")

    # D(2016) = {hiring_only, arrival_only, both}; U(2016) = {hiring_only, arrival_only}.
    # D(2015) = {hired_before, arrived_before}, U(2015) = {} (both's 2015 delivery: not in D).
    p_change = reference.z_test(2, 3, 0, 2, greater=True)
    assert p_change > ALPHA  # so the growth rule (2016 >= n_growth_from 2015) fails
    assert n == approx(
        {
            "year": 2016,
            "denominator": 3,
            "numerator": 2,
            "value": 2 / 3,
            "ci95": reference.wilson(2, 3),
            "p_change": p_change,
            "status": "not_met",
            "reasons": ["no_significant_growth"],
            "provisional": False,
        }
    )


def test_n_compares_with_the_year_before_the_range(database: Database) -> None:
    with records(database) as add:
        add.attracting_employers(2014, total=20, served=6)
        add.attracting_employers(2015, total=20, served=14)

    report = compute_targets(database, 2015, 2015)

    p_change = reference.z_test(14, 20, 6, 20, greater=True)
    assert p_change < ALPHA
    assert _only(report, "N") == approx(
        {
            "year": 2015,
            "denominator": 20,
            "numerator": 14,
            "value": 0.7,
            "ci95": reference.wilson(14, 20),
            "p_change": p_change,
            "status": "met",
            "reasons": [],
            "provisional": False,
        }
    )


def test_n_statuses(database: Database) -> None:
    with records(database) as add:
        add.attracting_employers(2012, total=9, served=9)  # too few employers
        add.attracting_employers(2013, total=10, served=4)  # below the threshold
        add.attracting_employers(2014, total=10, served=10)  # before n_growth_from: share only
        add.attracting_employers(2015, total=12, served=12)  # p̄ = 1: no test, share decides
        add.attracting_employers(2016, total=30, served=16)  # fell significantly

    entries = compute_targets(database, 2012, 2016).to_json()["N"]

    assert [entry["year"] for entry in entries] == [2012, 2013, 2014, 2015, 2016]
    assert [entry["status"] for entry in entries] == [
        "insufficient_data",
        "not_met",
        "met",
        "met",
        "not_met",
    ]
    assert [entry["p_change"] for entry in entries[:2]] == [None, None]  # 2011, 2012: too few
    assert entries[2]["p_change"] == pytest.approx(
        reference.z_test(10, 10, 4, 10, greater=True), rel=1e-9
    )
    assert entries[3]["p_change"] is None  # p̄ = 1
    assert entries[4]["p_change"] == pytest.approx(
        reference.z_test(16, 30, 12, 12, greater=True), rel=1e-9
    )
    assert entries[0]["value"] == 1.0  # shown, though not judged


def test_n_must_rise_from_n_growth_from_on(database: Database) -> None:
    with records(database) as add:
        add.attracting_employers(2014, total=20, served=10)
        add.attracting_employers(2015, total=20, served=12)  # higher, but not significantly

    entries = compute_targets(database, 2014, 2015).to_json()["N"]

    p_change = reference.z_test(12, 20, 10, 20, greater=True)
    assert p_change > ALPHA
    assert entries[1]["p_change"] == pytest.approx(p_change, rel=1e-9)
    assert [entry["status"] for entry in entries] == ["met", "not_met"]  # 2015: growth counts


def test_n_without_attracting_employers_has_no_share(database: Database) -> None:
    assert _only(compute_targets(database, 2020, 2020), "N") == {
        "year": 2020,
        "denominator": 0,
        "numerator": 0,
        "value": None,
        "ci95": None,
        "p_change": None,
        "status": "insufficient_data",
        "reasons": ["not_evaluable"],
        "provisional": False,
    }


# --- O ----------------------------------------------------------------------------------------

SERVICE_2019 = [6, 7, 7, 8, 6, 7, 5, 8, 7, 6, None]
ADDED_2019 = [7, 7, 8, None, 6, 7, 8, 8, 9, None, 7]  # 9 grades: 2019 is not evaluable
SERVICE_2020 = [8, 7, 9, 8, 6, 9, 8, None, 7, 8, 10, 9, 8]
ADDED_2020 = [7, None, 8, 8, 7, 9, 6, 8, 7, 9, 8, 7, None]


def _graded(grades: list[int | None]) -> list[int]:
    return [grade for grade in grades if grade is not None]


def test_o_items_their_blank_grades_and_the_welch_test(database: Database) -> None:
    with records(database) as add:
        add.employer_grades(2019, SERVICE_2019, ADDED_2019)
        add.employer_grades(2020, SERVICE_2020, ADDED_2020)
        add.expat_grades(2020, [1] * 12)  # expats' grades are P's, not O's

    o = _only(compute_targets(database, 2020, 2020), "O")

    service, service_before = _graded(SERVICE_2020), _graded(SERVICE_2019)
    added = _graded(ADDED_2020)
    assert (len(service), len(service_before), len(added)) == (12, 10, 11)
    assert len(_graded(ADDED_2019)) == 9
    assert o == approx(
        {
            "year": 2020,
            "service": reference.item(service, reference.welch(service, service_before)),
            "added_value": reference.item(added, None),  # 2019 not evaluable: no comparison
            "status": "met",
            "reasons": [],
            "provisional": False,
        }
    )


def test_o_needs_both_items_evaluable(database: Database) -> None:
    with records(database) as add:
        add.employer_grades(2020, [8] * 12, [9] * 9 + [None] * 3)

    o = _only(compute_targets(database, 2020, 2020), "O")
    assert o["status"] == "insufficient_data"
    assert o["added_value"] == approx(reference.item([9] * 9))


def test_o_needs_each_mean_to_rise_where_the_year_before_is_evaluable(
    database: Database,
) -> None:
    with records(database) as add:
        add.employer_grades(2019, [8] * 10, [7] * 10)
        add.employer_grades(2020, [8] * 10, [7] * 10)  # service: 8 → 8, no rise
        add.employer_grades(2021, [9] * 10, [6] * 5 + [9] * 5)  # added value 7.5: reaches 7
        add.employer_grades(2022, [9, 10] * 5, [6] * 6 + [9] * 4)  # added value 7.2 < 7.5

    entries = compute_targets(database, 2020, 2022).to_json()["O"]

    assert [entry["status"] for entry in entries] == ["not_met", "met", "not_met"]
    # Zero variance in both years: no Welch test; one of them varies: a test.
    assert entries[0]["service"]["p_change"] is None
    assert entries[0]["added_value"]["p_change"] is None
    assert entries[1]["service"]["p_change"] is None
    assert entries[1]["added_value"]["sd"] == pytest.approx(1.5811388300841898, rel=1e-12)
    assert entries[1]["added_value"]["p_change"] == pytest.approx(
        reference.welch_by_formula([6] * 5 + [9] * 5, [7] * 10), rel=1e-9
    )


def test_o_below_the_threshold_is_not_met(database: Database) -> None:
    with records(database) as add:
        add.employer_grades(2020, [7] * 10, [6] * 5 + [8] * 4 + [7])  # added value 6.9

    o = _only(compute_targets(database, 2020, 2020), "O")
    assert o["added_value"]["mean"] == pytest.approx(6.9)
    assert o["status"] == "not_met"


# --- P ----------------------------------------------------------------------------------------


def test_p_figures_and_statuses(database: Database) -> None:
    year_2019 = [9, 9, 10, 9, 9]  # 5 grades: not evaluable, though higher than 2020
    year_2020 = [7, 8, 6, 9, 7, 8, 8, 7, 9, 6, 7]
    year_2021 = [9] * 10  # higher mean, no variance
    year_2022 = [8, 9, 7, 10, 6, 9, 8, 5, 9, 7]  # lower mean
    with records(database) as add:
        add.expat_grades(2019, year_2019)
        add.expat_grades(2020, [*year_2020, None, None])  # blank grades left out
        add.expat_grades(2021, year_2021)
        add.expat_grades(2022, year_2022)
        add.employer_grades(2020, [1] * 10, [1] * 10)  # employers' grades are O's

    entries = compute_targets(database, 2019, 2022).to_json()["P"]

    assert [entry["status"] for entry in entries] == [
        "insufficient_data",
        "met",  # 2019 not evaluable: the threshold alone decides, not 2019's higher mean
        "met",
        "not_met",
    ]
    assert entries[1]["service"] == approx(reference.item(year_2020))
    # One year without variance: Welch still defined; against 2020 by the formula.
    assert entries[2]["service"]["p_change"] == pytest.approx(
        reference.welch_by_formula(year_2021, year_2020), rel=1e-9
    )
    assert entries[3]["service"] == approx(
        reference.item(year_2022, reference.welch_by_formula(year_2022, year_2021))
    )


def test_p_counts_the_year_by_the_response_date(database: Database) -> None:
    with records(database) as add:
        for _ in range(10):
            add.expat_response(date(2018, 12, 31), service=3)
            add.expat_response(date(2019, 1, 1), service=5)
            add.expat_response(date(2019, 12, 31), service=6)
            add.expat_response(date(2020, 1, 1), service=8)
            add.expat_response(date(2020, 12, 31), service=9)
            add.expat_response(date(2021, 1, 1), service=1)

    entries = compute_targets(database, 2019, 2020).to_json()["P"]
    assert [entry["service"]["mean"] for entry in entries] == [5.5, 8.5]
    assert [entry["service"]["n"] for entry in entries] == [20, 20]
    assert entries[0]["service"]["p_change"] is not None  # 2018 was read for the comparison


# --- Q ----------------------------------------------------------------------------------------


def test_q_counts_unsure_leaves_out_blanks_and_splits_by_facilities(
    database: Database,
) -> None:
    with records(database) as add:
        add.intentions(2018, yes=3, no=7, unsure=2, facility="housing_service")
        add.expat_response(
            date(2018, 3, 3), leave="no", facilities=["international_school", "social_events"]
        )
        add.intentions(2018, yes=7, no=4, unsure=1)
        add.expat_response(date(2018, 4, 4), service=8, facilities=["language_course"])  # blank
        add.expat_response(date(2018, 4, 5), service=9)  # blank
        add.employer_response(date(2018, 4, 6), 8, 8)  # employers have no intention

    q = _only(compute_targets(database, 2018, 2018), "Q")

    assert q == approx(
        {
            "year": 2018,
            "n": 25,
            "yes": 10,
            "value": 10 / 25,
            "ci95": reference.wilson(10, 25),
            "p_change": None,
            "p_vs_baseline": None,
            "status": "baseline",
            "reasons": ["no_previous_year"],
            "provisional": False,
            "facilities": {
                "used": {"n": 13, "yes": 3, "value": 3 / 13},
                "not_used": {"n": 12, "yes": 7, "value": 7 / 12},
                "p_difference": reference.z_test(3, 13, 7, 12, greater=False),
            },
        }
    )


def test_q_facilities_groups_too_small_to_compare(database: Database) -> None:
    with records(database) as add:
        add.intentions(2018, yes=2, no=7, facility="expat_centre")  # 9 < min_n
        add.intentions(2018, yes=5, no=10)

    q = _only(compute_targets(database, 2018, 2018), "Q")
    assert q["facilities"] == approx(
        {
            "used": {"n": 9, "yes": 2, "value": 2 / 9},
            "not_used": {"n": 15, "yes": 5, "value": 5 / 15},
            "p_difference": None,
        }
    )


def test_q_statuses_change_and_baseline(database: Database) -> None:
    with records(database) as add:
        add.intentions(2018, yes=10, no=10)  # before the range
        add.intentions(2019, yes=12, no=10, unsure=8)
        add.intentions(2020, yes=1, no=4)  # too few
        add.intentions(2021, yes=6, no=30, unsure=4)
        add.intentions(2022, yes=2, no=30, unsure=8)

    entries = compute_targets(database, 2019, 2022).to_json()["Q"]

    p_2019 = reference.z_test(12, 30, 10, 20, greater=False)
    p_2022 = reference.z_test(2, 40, 6, 40, greater=False)
    assert p_2019 > ALPHA
    assert p_2022 > ALPHA
    expected = [
        [2019, p_2019, None, "not_met"],  # the first year: compared with 2018, not a baseline
        [2020, None, None, "insufficient_data"],
        [2021, None, reference.z_test(6, 40, 12, 30, greater=False), "baseline"],
        [2022, p_2022, reference.z_test(2, 40, 12, 30, greater=False), "not_met"],
    ]
    actual = [
        [entry["year"], entry["p_change"], entry["p_vs_baseline"], entry["status"]]
        for entry in entries
    ]
    assert actual == approx(expected)
    assert [entry["n"] for entry in entries] == [30, 5, 40, 40]
    assert entries[3]["p_vs_baseline"] < ALPHA  # 5% against 40%: a significant fall


def test_q_significant_fall_is_met(database: Database) -> None:
    with records(database) as add:
        add.intentions(2019, yes=25, no=25)
        add.intentions(2020, yes=10, no=35, unsure=5)

    q = _only(compute_targets(database, 2020, 2020), "Q")
    p_change = reference.z_test(10, 50, 25, 50, greater=False)
    assert p_change < ALPHA
    assert q["p_change"] == pytest.approx(p_change, rel=1e-9)
    assert q["status"] == "met"


def test_q_without_variation_is_not_met(database: Database) -> None:
    with records(database) as add:
        add.intentions(2019, no=12)
        add.intentions(2020, no=10, unsure=5)

    q = _only(compute_targets(database, 2020, 2020), "Q")
    assert (q["value"], q["p_change"], q["status"]) == (0.0, None, "not_met")
    assert q["ci95"] == approx(reference.wilson(0, 15))


# --- settings ---------------------------------------------------------------------------------


def test_settings_in_the_database_change_the_figures(database: Database) -> None:
    with records(database) as add:
        add.attracting_employers(2020, total=6, served=3)
        add.employer_grades(2020, [8] * 6, [7] * 6)
        add.expat_grades(2020, [8, 8, 7, 9, 8, 8])
        add.intentions(2019, yes=3, no=3)
        add.intentions(2020, yes=1, no=6)

    before = compute_targets(database, 2020, 2020)
    assert before.settings == DEFAULTS
    assert {entry.status for entry in before.target_n + before.target_o + before.target_p} == {
        Status.INSUFFICIENT_DATA
    }
    assert before.target_q[0].status is Status.INSUFFICIENT_DATA

    stored = use_settings(
        database, alpha=0.5, min_n=5, n_threshold=0.5, o_threshold=7.5, p_threshold=8.5
    )
    after = compute_targets(database, 2020, 2020)

    assert after.settings == stored
    assert after.to_json()["settings"] == {
        "alpha": 0.5,
        "min_n": 5,
        "n_threshold": 0.5,
        "n_growth_from": 2015,
        "o_threshold": 7.5,
        "p_threshold": 8.5,
    }
    assert after.target_n[0].status is Status.MET  # 3 of 6 = 0.5; 2019 not evaluable
    assert after.target_o[0].status is Status.NOT_MET  # added value 7 < 7.5
    assert after.target_p[0].status is Status.NOT_MET  # 8 < 8.5
    q_p = reference.z_test(1, 7, 3, 6, greater=False)
    assert q_p < 0.5
    assert after.target_q[0].p_change == pytest.approx(q_p, rel=1e-9)
    assert after.target_q[0].status is Status.MET  # p < alpha = 0.5


# --- the report as a whole --------------------------------------------------------------------

ITEM_KEYS = ["n", "mean", "sd", "ci95", "share_7_or_higher", "distribution", "p_change"]


def test_json_has_the_shape_of_targets_md(database: Database) -> None:
    with records(database) as add:
        add.attracting_employers(2013, total=10, served=5)
        add.employer_grades(2014, [7, 8] * 6, [8, 9] * 6)
        add.expat_grades(2015, [9] * 3)
        add.intentions(2016, yes=4, no=8, facility="expat_centre")

    document = compute_targets(database, 2013, 2016).to_json()
    document = json.loads(json.dumps(document, allow_nan=False))  # plain JSON, no NaN

    assert list(document) == [
        "report",
        "year_from",
        "year_to",
        "data_through",
        "settings",
        "N",
        "O",
        "P",
        "Q",
    ]
    assert (document["report"], document["year_from"], document["year_to"]) == (
        "targets",
        2013,
        2016,
    )
    assert list(document["settings"]) == [
        "alpha",
        "min_n",
        "n_threshold",
        "n_growth_from",
        "o_threshold",
        "p_threshold",
    ]
    for target in "NOPQ":
        assert [entry["year"] for entry in document[target]] == [2013, 2014, 2015, 2016]
    verdict = ["status", "reasons", "provisional"]
    n_keys = ["year", "denominator", "numerator", "value", "ci95", "p_change", *verdict]
    assert all(list(entry) == n_keys for entry in document["N"])
    for entry in document["O"]:
        assert list(entry) == ["year", "service", "added_value", *verdict]
        assert list(entry["service"]) == ITEM_KEYS
        assert list(entry["added_value"]) == ITEM_KEYS
        assert list(entry["service"]["distribution"]) == [str(grade) for grade in range(1, 11)]
    for entry in document["P"]:
        assert list(entry) == ["year", "service", *verdict]
        assert list(entry["service"]) == ITEM_KEYS
    q_keys = ["year", "n", "yes", "value", "ci95", "p_change", "p_vs_baseline", *verdict]
    for entry in document["Q"]:
        assert list(entry) == [*q_keys, "facilities"]
        assert list(entry["facilities"]) == ["used", "not_used", "p_difference"]
        assert list(entry["facilities"]["used"]) == ["n", "yes", "value"]

    n_2013 = document["N"][0]
    assert isinstance(n_2013["ci95"], list)
    assert len(n_2013["ci95"]) == 2
    assert document["N"][1]["ci95"] is None
    assert document["O"][1]["service"]["distribution"]["7"] == 6
    assert document["P"][2]["service"]["sd"] == 0.0
    assert document["Q"][3]["facilities"]["not_used"] == {"n": 0, "yes": 0, "value": None}
    statuses = {entry["status"] for target in "NOPQ" for entry in document[target]}
    assert statuses <= {status.value for status in Status}


def _expected_reasons(
    target: str, entry: dict[str, Any], before: dict[str, Any] | None, settings: dict[str, Any]
) -> list[str]:
    """The reasons of targets.md worked out from the JSON figures alone (``before``: Y−1)."""
    min_n, alpha = settings["min_n"], settings["alpha"]
    if target == "N":
        if entry["denominator"] < min_n:
            return ["not_evaluable"]
        reasons = []
        if entry["value"] < settings["n_threshold"]:
            reasons.append("below_threshold")
        growth_year = entry["year"] >= settings["n_growth_from"]
        if growth_year and entry["p_change"] is not None and entry["p_change"] >= alpha:
            reasons.append("no_significant_growth")
        return reasons
    if target in "OP":
        items = ["service", "added_value"] if target == "O" else ["service"]
        if any(entry[item]["n"] < min_n for item in items):
            return ["not_evaluable"]
        threshold = settings["o_threshold" if target == "O" else "p_threshold"]
        below = [item for item in items if entry[item]["mean"] < threshold]
        not_higher = [
            item
            for item in items
            if before is not None
            and before[item]["n"] >= min_n
            and entry[item]["mean"] <= before[item]["mean"]
        ]
        if target == "P":
            return ["below_threshold"] * len(below) + ["not_higher"] * len(not_higher)
        return [f"{item}_below_threshold" for item in below] + [
            f"{item}_not_higher" for item in not_higher
        ]
    if entry["n"] < min_n:
        return ["not_evaluable"]
    if before is None or before["n"] < min_n:
        return ["no_previous_year"]
    if entry["p_change"] is not None and entry["p_change"] < alpha:
        return []
    return ["no_significant_fall"]


EXPECTED_STATUS = {"not_evaluable": "insufficient_data", "no_previous_year": "baseline"}


def test_reasons_follow_from_the_figures_for_every_rule(database: Database) -> None:
    """Ten years of varied data (none in 2009): every entry's reasons, worked out from its
    figures and those of the year before, and every code of targets.md occurs."""
    rng = random.Random(5)
    with records(database) as add:
        for year in range(2010, 2020):
            if year == 2014:
                continue  # a gap: 2015 has no year before it to compare with
            total = rng.choice([6, 14, 30, 40])
            add.attracting_employers(
                year, total=total, served=round(total * rng.uniform(0.3, 0.95))
            )
            low, high = rng.choice([(5, 9), (6, 10), (6, 9), (7, 10)])
            service = [rng.randint(low, high) for _ in range(rng.choice([8, 12, 20]))]
            added = [rng.randint(low, high) if rng.random() > 0.1 else None for _ in service]
            add.employer_grades(year, service, added)
            low, high = rng.choice([(4, 9), (6, 10), (7, 10)])
            add.expat_grades(year, [rng.randint(low, high) for _ in range(rng.choice([6, 25]))])
            n = rng.choice([8, 30, 60, 90])
            yes = round(n * rng.uniform(0.02, 0.6))
            add.intentions(year, yes=yes, no=n - yes)

    document = compute_targets(database, 2010, 2019).to_json()
    seen: set[str] = set()
    for target in "NOPQ":
        entries = document[target]
        for index, entry in enumerate(entries):
            before = entries[index - 1] if index else None
            expected = _expected_reasons(target, entry, before, document["settings"])
            assert entry["reasons"] == expected, (target, entry["year"])
            status = "met" if not expected else EXPECTED_STATUS.get(expected[0], "not_met")
            assert entry["status"] == status, (target, entry["year"])
            seen |= {f"{target}:{code}" for code in expected}
            seen |= {f"{target}:met"} if not expected else set()
    every_rule = {
        *(f"{target}:not_evaluable" for target in "NOPQ"),
        *(f"{target}:met" for target in "NOPQ"),
        "N:below_threshold",
        "N:no_significant_growth",
        "O:service_below_threshold",
        "O:added_value_below_threshold",
        "O:service_not_higher",
        "O:added_value_not_higher",
        "P:below_threshold",
        "P:not_higher",
        "Q:no_previous_year",
        "Q:no_significant_fall",
    }
    assert every_rule <= seen, sorted(every_rule - seen)


def test_status_labels_are_translated() -> None:
    from expatdesk import i18n

    assert Status.NOT_MET.label == "target not met"
    assert Status.BASELINE.label == "baseline year"
    i18n.set_language("nl")
    assert all(status.label for status in Status)  # Dutch, once the catalog has them


def test_the_current_year_is_provisional_and_data_through_is_today(database: Database) -> None:
    document = compute_targets(database, YEAR - 2, YEAR).to_json()
    assert document["data_through"] == TEST_NOW.astimezone().date().isoformat()  # the clock
    for target in "NOPQ":
        assert [entry["provisional"] for entry in document[target]] == [False, False, True]


def test_an_in_memory_database_is_read_in_one_session() -> None:
    """Its data lives in one connection: the parts cannot be read in threads of their own."""
    from expatdesk.db.database import open_database

    database = open_database("sqlite://")
    try:
        with records(database) as add:
            add.attracting_employers(2020, total=10, served=6)
            add.intentions(2020, yes=3, no=9)
        report = compute_targets(database, 2020, 2020)
    finally:
        database.dispose()
    assert (report.target_n[0].denominator, report.target_n[0].numerator) == (10, 6)
    assert (report.target_q[0].n, report.target_q[0].yes) == (12, 3)


def test_only_managers_and_administrators_make_reports(database: Database) -> None:
    desk = Actor(None, "sanne", "Sanne", "desk_officer")
    with pytest.raises(PermissionDeniedError, match="Only managers and administrators may make"):
        targets_report(database, desk, 2020, 2020)
    for role in ("manager", "administrator"):
        report = targets_report(database, Actor(None, "erik", "Erik", role), 2020, 2020)
        assert report.to_json() == compute_targets(database, 2020, 2020).to_json()
