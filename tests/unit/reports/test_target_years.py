"""The years a targets report may cover: checked before anything is read."""

from __future__ import annotations

import pytest

from expatdesk.errors import UserError
from expatdesk.reports.target_years import check_years
from tests.conftest import TEST_NOW

YEAR = TEST_NOW.astimezone().year


@pytest.mark.parametrize(
    ("year_from", "year_to", "message"),
    [
        (2016, 2015, "comes after"),
        (1899, 2015, "cannot be before 1900"),
        (2015, YEAR + 1, f"cannot go beyond {YEAR}: there are no figures for {YEAR + 1} yet"),
        (2012, 2200, f"cannot go beyond {YEAR}"),
        (YEAR - 50, YEAR, f"at most 50 years; {YEAR - 50}–{YEAR} is 51 years"),
    ],
)
def test_years_out_of_order_or_range_are_refused(
    year_from: int, year_to: int, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        check_years(year_from, year_to)


def test_fifty_years_up_to_this_year_are_a_report() -> None:
    check_years(YEAR - 49, YEAR)
    check_years(1900, 1949)
    check_years(YEAR, YEAR)
