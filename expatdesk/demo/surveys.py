"""Survey responses of expats and employers, with the facilities expats used.

Each year the centre surveys the expats who agreed to it and its employers; some answer
anonymously. Grades are drawn around the year's mean (targets O and P), the intention to leave
from the year's share, lower for those who use a facility (target Q), and more expats use
facilities every year. In the first year, fewer than ten employers answer in the small demo, so
the report has a year it cannot judge.
"""

from __future__ import annotations

import random
from datetime import date
from math import erf, sqrt

from expatdesk.db.models import CURRENT_QUESTIONNAIRE
from expatdesk.demo.base import SURVEY_FACILITY, SURVEY_RESPONSE, Picker, Row, spread
from expatdesk.demo.profiles import (
    BLANK_GRADE,
    BLANK_INTENTION,
    EMPLOYER_ADDED_VALUE,
    EMPLOYER_SERVICE,
    EXPAT_SERVICE,
    FACILITY_EFFECT,
    FACILITY_USE,
    GRADE_SD,
    LEAVE_WITHOUT_FACILITIES,
    QUESTIONNAIRE_2_FROM,
    RESPONSES,
    UNSURE_SHARE,
    trend,
)
from expatdesk.demo.state import World

FACILITIES = Picker(
    [("expat_centre", 30), ("social_events", 22), ("language_course", 20),
     ("international_school", 12), ("housing_service", 10), ("partner_programme", 6)]
)  # fmt: skip
MIN_PER_YEAR = 15  # responses of each kind in every year (but the first, see the profile)
ANONYMOUS = 0.15
RANDOM_GRADES = 0.03


def grade_weights(mean: float, sd: float = GRADE_SD) -> list[tuple[int, float]]:
    """Chances of grades 1–10: a normal distribution around ``mean``, rounded and cut at 1 and
    10, mixed with a few grades given at random (someone is always very unhappy)."""

    def below(x: float) -> float:
        return 0.5 * (1 + erf((x - mean) / (sd * sqrt(2))))

    weights = []
    for grade in range(1, 11):
        low = 0.0 if grade == 1 else below(grade - 0.5)
        high = 1.0 if grade == 10 else below(grade + 0.5)
        weights.append((grade, (1 - RANDOM_GRADES) * (high - low) + RANDOM_GRADES / 10))
    return weights


def _answers(use_share: float, leave: float) -> Picker[tuple[bool, str | None]]:
    """Whether facilities were used, and the answer to the intention question."""
    items: list[tuple[tuple[bool, str | None], float]] = []
    for used, chance in ((True, use_share), (False, 1 - use_share)):
        share = leave - FACILITY_EFFECT if used else leave
        answered = chance * (1 - BLANK_INTENTION)
        items += [
            ((used, None), chance * BLANK_INTENTION),
            ((used, "yes"), answered * share),
            ((used, "unsure"), answered * UNSURE_SHARE),
            ((used, "no"), answered * (1 - share - UNSURE_SHARE)),
        ]
    return Picker(items, bits=12)


def _facility_sets(rng: random.Random) -> list[tuple[str, ...]]:
    """4,096 draws of the facilities one expat used (one to three), to pick from."""
    sets = []
    for _ in range(4096):
        chosen = {FACILITIES.pick(rng)}
        for _ in range((rng.random() < 0.35) + (rng.random() < 0.1)):
            chosen.add(FACILITIES.pick(rng))
        sets.append(tuple(sorted(chosen)))
    return sets


def make_responses(world: World) -> None:
    """Survey responses year by year, in date order, each batch followed by its facilities."""
    rng, calendar, profile = world.rng, world.calendar, world.profile
    rnd, bits = rng.random, rng.getrandbits
    base, days, minutes = calendar.base, calendar.days, calendar.minutes
    today_stamp, today = calendar.today_stamp, calendar.today
    arrival, departure, consent = world.arrival, world.departure, world.consent
    employer_start, high_tech, uses = world.employer_start, world.high_tech, world.uses
    expats, employers, years = world.expat_count, world.employer_count, world.years
    facility_sets = _facility_sets(rng)

    weights = []
    for year in calendar.years:
        start, end = calendar.year_start(year), calendar.year_end(year)
        full = date(year, 12, 31).toordinal() - start + 1
        weights.append(trend(RESPONSES, year) * (end - start + 1) / full)
    per_year = spread(profile.responses, weights)

    responses: list[Row] = []
    facilities: list[Row] = []
    append, add_facilities = responses.append, facilities.extend
    response_id = 0
    low = high = limit = 0  # expats arrived 5 years to 2 weeks ago; employers registered
    for y, (year, count) in enumerate(zip(calendar.years, per_year, strict=True)):
        from_employers = max(MIN_PER_YEAR, round(count * profile.employer_response_share))
        if y == 0 and profile.first_year_employer_responses is not None:
            from_employers = profile.first_year_employer_responses
        total = from_employers + max(MIN_PER_YEAR, count - from_employers)
        by_employer = bytearray(total)
        for index in rng.sample(range(total), from_employers):
            by_employer[index] = 1
        start = calendar.year_start(year)
        span = calendar.year_end(year) - start + 1
        dates = sorted([start + int(rnd() * span) for _ in range(total)])
        expat_grades = _with_blanks(trend(EXPAT_SERVICE, year))
        service_grades = _with_blanks(trend(EMPLOYER_SERVICE, year))
        value_grades = _with_blanks(trend(EMPLOYER_ADDED_VALUE, year))
        answers = _answers(trend(FACILITY_USE, year), trend(LEAVE_WITHOUT_FACILITIES, year))
        expat_slots, service_slots = expat_grades.slots, service_grades.slots
        value_slots, answer_slots = value_grades.slots, answers.slots
        questionnaire = CURRENT_QUESTIONNAIRE if year >= QUESTIONNAIRE_2_FROM else 1
        for index, day in enumerate(dates):
            response_id += 1
            created = today_stamp if day >= today else days[day - base] + minutes[bits(10)]
            ref = f"RSP-{response_id:07d}"
            if by_employer[index]:
                while limit < employers and employer_start[limit] <= day:
                    limit += 1
                employer = None
                if rnd() >= ANONYMOUS and limit:
                    for _ in range(2):
                        candidate = int(rnd() * limit)
                        if not high_tech[candidate] or uses[candidate * years + y]:
                            employer = candidate + 1
                            break
                append(
                    (response_id, ref, "employer", None, employer, days[day - base],
                     service_slots[bits(12)], value_slots[bits(12)], None, questionnaire, 1,
                     created, created)
                )  # fmt: skip
                continue
            while low < expats and arrival[low] < day - 1826:
                low += 1
            while high < expats and arrival[high] <= day - 14:
                high += 1
            expat = None
            if high > low and rnd() >= ANONYMOUS:
                for _ in range(2):
                    candidate = low + int(rnd() * (high - low))
                    leaving = departure[candidate]
                    if consent[candidate] and (not leaving or leaving > day):
                        expat = candidate + 1
                        break
            used, intention = answer_slots[bits(12)]
            append(
                (response_id, ref, "expat", expat, None, days[day - base],
                 expat_slots[bits(12)], None, intention, questionnaire, 1, created, created)
            )  # fmt: skip
            if used:
                add_facilities([(response_id, code) for code in facility_sets[bits(12)]])
            if len(responses) >= profile.chunk:
                world.emit(SURVEY_RESPONSE, responses)
                world.emit(SURVEY_FACILITY, facilities)
                responses, facilities = [], []
                append, add_facilities = responses.append, facilities.extend
    world.emit(SURVEY_RESPONSE, responses)
    world.emit(SURVEY_FACILITY, facilities)


def _with_blanks(mean: float) -> Picker[int | None]:
    """Grades around ``mean``, and now and then no grade at all."""
    items: list[tuple[int | None, float]] = [(None, BLANK_GRADE)]
    items += [(grade, weight * (1 - BLANK_GRADE)) for grade, weight in grade_weights(mean)]
    return Picker(items, bits=12)
