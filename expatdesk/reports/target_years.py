"""The years a targets report may cover: from :data:`FIRST_YEAR` up to the current year, at most
:data:`MOST_YEARS` of them, the first not after the last.

Checked before anything is read (:func:`expatdesk.reports.targets.compute_targets`, the command
line), so that a bad range ends with one clear message.
"""

from __future__ import annotations

from datetime import date

from expatdesk import clock
from expatdesk.errors import UserError
from expatdesk.i18n import _

#: The first year a report may cover (the first the database accepts for hiring records); the
#: last is the current year, and a report spans at most :data:`MOST_YEARS` years.
FIRST_YEAR = 1900
MOST_YEARS = 50


class YearsError(UserError):
    """A range of years no report can have; the command line ends with exit code 2, as for any
    other bad argument."""

    exit_code = 2


def check_years(year_from: int, year_to: int, today: date | None = None) -> None:
    """Refuse a range that is reversed, ends after the current year, starts before
    :data:`FIRST_YEAR` or spans more than :data:`MOST_YEARS` years, with a message."""
    current = (today or clock.today()).year
    if year_from > year_to:
        raise YearsError(
            _("The first year ({first}) comes after the last year ({last}).").format(
                first=year_from, last=year_to
            )
        )
    if year_to > current:
        raise YearsError(
            _(
                "The report cannot go beyond {current}: there are no figures for {year} yet. "
                "Choose {current} or an earlier year as the last year."
            ).format(current=current, year=year_to)
        )
    if year_from < FIRST_YEAR:
        raise YearsError(_("The first year cannot be before {first}.").format(first=FIRST_YEAR))
    if year_to - year_from + 1 > MOST_YEARS:
        raise YearsError(
            _(
                "A report covers at most {most} years; {first}–{last} is {count} years. "
                "Choose a shorter range."
            ).format(most=MOST_YEARS, first=year_from, last=year_to, count=year_to - year_from + 1)
        )
