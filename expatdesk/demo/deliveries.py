"""Service deliveries: to expats around their arrival and during their stay, and to employers.

An expat's services follow their category and household (a permit for a knowledge migrant,
school enrolment when there are children…). A service falls in a year in which the expat's
high-tech employer works with the centre, or is not delivered. Employers come in for advice too:
every high-tech employer that works with the centre in a year in which it hired internationals
gets at least one service attributed to it that year, which is what target N counts.
"""

from __future__ import annotations

from datetime import date

from expatdesk.demo.base import SERVICE_DELIVERY, Picker, Row
from expatdesk.demo.state import CATEGORIES, CHILDREN, PARTNER, World

AROUND_ARRIVAL, DURING_STAY = 0, 1
_PERMIT = {
    "knowledge_migrant": "permit_hsm", "blue_card": "permit_blue_card",
    "researcher": "permit_researcher", "search_year": "permit_search_year",
    "family": "permit_family",
}  # fmt: skip
_TAX_RULING = {
    "knowledge_migrant": 0.7, "blue_card": 0.7, "researcher": 0.5, "intra_company": 0.7,
    "eu_worker": 0.4, "cross_border": 0.3,
}  # fmt: skip
#: Relative to this many services, the weights below are scaled to the profile's number.
_WEIGHT_PER_EXPAT = 4.0
EMPLOYER_SERVICES = Picker(
    [("employer_advice", 60), ("tax_30_ruling", 10), ("permit_hsm", 10), ("welcome_event", 10),
     ("housing", 5), ("cross_border", 5)]
)  # fmt: skip
NOTES = ("Walk-in, no appointment.", "Follow-up by phone.", "Documents checked at the desk.")


def _services(category: str, household: int) -> tuple[tuple[str, int, float], ...]:
    """What an expat of ``category`` may come for: (service, when, weight)."""
    items: list[tuple[str, int, float]] = []
    if category in _PERMIT:
        items.append((_PERMIT[category], AROUND_ARRIVAL, 1.0))
    if category == "cross_border":
        items.append(("cross_border", AROUND_ARRIVAL, 1.0))
    else:
        items.append(("registration_brp", AROUND_ARRIVAL, 1.0))
        items.append(("digid", AROUND_ARRIVAL, 0.5))
        items.append(("housing", AROUND_ARRIVAL, 0.4))
    if category in _TAX_RULING:
        items.append(("tax_30_ruling", AROUND_ARRIVAL, _TAX_RULING[category]))
    items.append(("health_insurance", AROUND_ARRIVAL, 0.35))
    items.append(("welcome_event", DURING_STAY, 0.35))
    items.append(("language_course", DURING_STAY, 0.3))
    items.append(("driving_licence", DURING_STAY, 0.2))
    if household & PARTNER:
        items.append(("partner_career", DURING_STAY, 0.6))
        if category in _PERMIT:
            items.append(("permit_family", AROUND_ARRIVAL, 0.7))
    if household & CHILDREN:
        items.append(("school", AROUND_ARRIVAL, 0.9))
    return tuple(items)


def make_deliveries(world: World) -> None:
    """Services to expats (with those their cases planned), then to employers."""
    rng, calendar, profile = world.rng, world.calendar, world.profile
    rnd = rng.random
    today, base = calendar.today, calendar.base
    days, year_of, stamp = calendar.days, calendar.year_of, calendar.stamp
    first_day = calendar.year_start(calendar.first_year)
    first_year = calendar.first_year
    minutes = calendar.OFFICE_MINUTES
    years = world.years
    high_tech, uses, served = world.high_tech, world.uses, world.served
    scale = profile.services_per_expat / _WEIGHT_PER_EXPAT
    plans = {
        (category, household): tuple(
            (service, when, min(1.0, weight * scale))
            for service, when, weight in _services(category, household)
        )
        for category in CATEGORIES
        for household in range(4)
    }
    case_services = world.expat_case_services

    rows: list[Row] = []
    delivery_id = 0
    for position in range(world.expat_count):
        arrival = world.arrival[position]
        departure = world.departure[position]
        employer = world.employer_of[position]
        category = CATEGORIES[world.category[position]]
        end = min(departure or today, arrival + 1461)
        wanted: list[tuple[int, str, int]] = []
        for service, when, chance in plans[category, world.household[position]]:
            if rnd() >= chance:
                continue
            if when == AROUND_ARRIVAL:
                day = arrival - 40 + int(rnd() * 100)
            else:
                day = arrival + 30 + int(rnd() * max(1, end - arrival - 30))
            wanted.append((day, service, 0))
        for case_id, service, day in case_services.get(position, ()):
            wanted.append((day, service, case_id))
        if len(wanted) > 1:
            wanted.sort()
        expat_id = position + 1
        for day, service, case_id in wanted:
            if day > today:
                continue
            day = max(day, first_day)
            if employer:
                slot = (employer - 1) * years + year_of[day - base] - first_year
                if high_tech[employer - 1] and not uses[slot]:
                    continue
                served[slot] = 1
            delivery_id += 1
            created = stamp(day, int(rnd() * minutes))
            rows.append(
                (delivery_id, f"SRV-{delivery_id:07d}", service, days[day - base], expat_id,
                 employer if employer and rnd() < 0.08 else None, case_id or None,
                 NOTES[int(rnd() * 3)] if rnd() < 0.01 else None, 1, created, created)
            )  # fmt: skip
        if len(rows) >= profile.chunk:
            world.emit(SERVICE_DELIVERY, rows)
            rows = []

    # Employers: their cases' services, then walk-ins year by year.
    for case_id, position, service, day in world.employer_case_services:
        if day > today:
            continue
        served[position * years + year_of[day - base] - first_year] = 1
        delivery_id += 1
        created = stamp(day, int(rnd() * minutes))
        rows.append(
            (delivery_id, f"SRV-{delivery_id:07d}", service, days[day - base], None, position + 1,
             case_id, None, 1, created, created)
        )  # fmt: skip
    hiring, arrivals = world.hiring, world.arrivals
    for position in range(world.employer_count):
        start = world.employer_start[position]
        for year in range(year_of[start - base], calendar.last_year + 1):
            slot = position * years + year - first_year
            if high_tech[position]:
                if not uses[slot]:
                    continue
                attracted = hiring[slot] or arrivals[slot]
                if attracted and not served[slot]:
                    visits = 1 + (rnd() < 0.3)
                else:
                    visits = rnd() < (0.25 if attracted else 0.15)
            else:
                visits = rnd() < (0.4 if hiring[slot] else 0.2)
            if not visits:
                continue
            first = max(start, date(year, 1, 1).toordinal())
            last = calendar.year_end(year)
            for _ in range(visits):
                day = first + int(rnd() * (last - first + 1))
                served[slot] = 1
                delivery_id += 1
                created = stamp(day, int(rnd() * minutes))
                rows.append(
                    (delivery_id, f"SRV-{delivery_id:07d}", EMPLOYER_SERVICES.pick(rng),
                     days[day - base], None, position + 1, None, None, 1, created, created)
                )  # fmt: skip
            if len(rows) >= profile.chunk:
                world.emit(SERVICE_DELIVERY, rows)
                rows = []
    world.emit(SERVICE_DELIVERY, rows)
