"""How much demo data each size holds, and the yearly trends that shape targets N–Q.

The trends are what a realistic centre might have seen: a slow start in 2012, growth, a dip in
2020, and satisfaction and retention that improve with ups and downs. They are chosen so that the
yearly report (``shared/spec/targets.md``) has targets met and not met: N passes 50 % from 2014
but does not rise significantly every year, the satisfaction means cross 7 and then sometimes
fall back, and the share of expats intending to leave falls, less so in some years, and is lower
among those who use the expat-oriented facilities.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Size = Literal["small", "large"]

FIRST_YEAR = 2012


@dataclass(frozen=True)
class Profile:
    """The numbers of one demo size."""

    employers: int
    expats: int
    #: Services delivered to an expat, on average (employer walk-ins and case services come on top).
    services_per_expat: float
    responses: int
    #: Share of the survey responses that come from employers.
    employer_response_share: float
    #: Employer responses in the first year, fewer than min_n so that year is not evaluable;
    #: None to scale the first year like the others.
    first_year_employer_responses: int | None
    cases: int
    #: Share of expats whose family members and permits are recorded (large keeps them modest).
    detail_share: float
    staff: int
    #: Rows handed to the database at a time.
    chunk: int


PROFILES: dict[str, Profile] = {
    "small": Profile(
        employers=300,
        expats=3_000,
        services_per_expat=1.85,
        responses=2_500,
        employer_response_share=0.2,
        first_year_employer_responses=8,
        cases=450,
        detail_share=1.0,
        staff=9,
        chunk=2_000,
    ),
    "large": Profile(
        employers=20_000,
        expats=500_000,
        services_per_expat=1.75,
        responses=2_000_000,
        employer_response_share=0.12,
        first_year_employer_responses=None,
        cases=20_000,
        detail_share=0.25,
        staff=13,
        chunk=20_000,
    ),
}


def trend(table: dict[int, float], year: int) -> float:
    """The value of a yearly table, holding the first and last values before and after it."""
    return table[min(max(year, min(table)), max(table))]


#: Relative numbers of expats arriving per year.
ARRIVALS = {
    2012: 0.55, 2013: 0.6, 2014: 0.66, 2015: 0.72, 2016: 0.8, 2017: 0.88, 2018: 0.95,
    2019: 1.0, 2020: 0.68, 2021: 0.86, 2022: 1.05, 2023: 1.1, 2024: 1.12, 2025: 1.1, 2026: 1.12,
}  # fmt: skip

#: Relative numbers of survey responses per year (the survey grew with the centre).
RESPONSES = {
    2012: 0.45, 2013: 0.55, 2014: 0.65, 2015: 0.75, 2016: 0.85, 2017: 0.9, 2018: 0.95,
    2019: 1.0, 2020: 0.8, 2021: 0.9, 2022: 1.0, 2023: 1.05, 2024: 1.1, 2025: 1.1, 2026: 1.1,
}  # fmt: skip

#: N: how far the use of the centre has spread among high-tech employers (adoption threshold).
ADOPTION = {
    2012: 0.18, 2013: 0.32, 2014: 0.48, 2015: 0.54, 2016: 0.6, 2017: 0.62, 2018: 0.68,
    2019: 0.72, 2020: 0.63, 2021: 0.7, 2022: 0.76, 2023: 0.8, 2024: 0.82, 2025: 0.84, 2026: 0.86,
}  # fmt: skip

#: P: expats' mean grade for the service.
EXPAT_SERVICE = {
    2012: 6.3, 2013: 6.6, 2014: 6.9, 2015: 7.15, 2016: 7.3, 2017: 7.25, 2018: 7.45,
    2019: 7.55, 2020: 7.15, 2021: 7.35, 2022: 7.5, 2023: 7.65, 2024: 7.6, 2025: 7.75, 2026: 7.85,
}  # fmt: skip

#: O: employers' mean grades for the service and for the added value.
EMPLOYER_SERVICE = {
    2012: 6.0, 2013: 6.4, 2014: 6.8, 2015: 7.15, 2016: 7.3, 2017: 7.5, 2018: 7.4, 2019: 7.6,
    2020: 7.3, 2021: 7.5, 2022: 7.7, 2023: 7.8, 2024: 7.7, 2025: 7.9, 2026: 8.0,
}  # fmt: skip
EMPLOYER_ADDED_VALUE = {
    2012: 6.0, 2013: 6.3, 2014: 6.7, 2015: 7.0, 2016: 7.1, 2017: 7.3, 2018: 7.3, 2019: 7.5,
    2020: 7.1, 2021: 7.3, 2022: 7.5, 2023: 7.6, 2024: 7.6, 2025: 7.8, 2026: 7.9,
}  # fmt: skip

#: Q: share of expats not using any facility who intend to leave Twente within 18 months.
LEAVE_WITHOUT_FACILITIES = {
    2012: 0.48, 2013: 0.46, 2014: 0.44, 2015: 0.42, 2016: 0.4, 2017: 0.39, 2018: 0.37,
    2019: 0.36, 2020: 0.4, 2021: 0.38, 2022: 0.35, 2023: 0.34, 2024: 0.33, 2025: 0.32, 2026: 0.31,
}  # fmt: skip
#: How much lower that share is among expats who use at least one facility.
FACILITY_EFFECT = 0.14
#: Q: share of expats who use at least one expat-oriented facility.
FACILITY_USE = {
    2012: 0.3, 2013: 0.34, 2014: 0.38, 2015: 0.42, 2016: 0.46, 2017: 0.5, 2018: 0.53,
    2019: 0.56, 2020: 0.45, 2021: 0.52, 2022: 0.6, 2023: 0.63, 2024: 0.66, 2025: 0.68, 2026: 0.7,
}  # fmt: skip
#: Share of "unsure" answers, and of blank answers, to the intention question.
UNSURE_SHARE = 0.18
BLANK_INTENTION = 0.06
BLANK_GRADE = 0.04
GRADE_SD = 1.3
#: The questionnaire was revised (to :data:`expatdesk.db.models.CURRENT_QUESTIONNAIRE`) this year.
QUESTIONNAIRE_2_FROM = 2018
