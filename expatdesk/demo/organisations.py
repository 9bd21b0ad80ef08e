"""Employers with their contact persons and yearly hiring records, and the centre's staff.

Two thirds of the employers are high-tech. Their ids follow the order in which they came to the
centre: the region's big knowledge employers first, in January 2012, then a stream of newcomers
every year. Each high-tech employer has an *affinity*: the year the centre's reach (the adoption
trend behind target N) passes it, it starts working with the centre, give or take a year.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterator
from datetime import date
from itertools import count, product

from expatdesk.demo import names
from expatdesk.demo.base import (
    CONTACT_PERSON,
    EMPLOYER,
    HIRING_RECORD,
    STAFF_USER,
    Picker,
    Row,
    WeightedIndex,
)
from expatdesk.demo.names import ascii_slug
from expatdesk.demo.profiles import ADOPTION, trend
from expatdesk.demo.state import World
from expatdesk.text import employer_search_key

MUNICIPALITIES = (
    ("enschede", 30), ("hengelo", 20), ("almelo", 12), ("borne", 4), ("oldenzaal", 5),
    ("hof_van_twente", 4), ("rijssen_holten", 5), ("wierden", 3), ("hellendoorn", 3),
    ("haaksbergen", 3), ("losser", 2), ("dinkelland", 2), ("tubbergen", 2), ("twenterand", 3),
)  # fmt: skip
AREA_CODES = {
    "enschede": "53", "hengelo": "74", "almelo": "546", "borne": "74", "oldenzaal": "541",
    "hof_van_twente": "547", "rijssen_holten": "548", "wierden": "546", "hellendoorn": "548",
    "haaksbergen": "53", "losser": "53", "dinkelland": "541", "tubbergen": "546",
    "twenterand": "546",
}  # fmt: skip
GERMAN_AREA_CODES = ("2562", "5921", "5922", "2561", "2871", "591")  # Gronau, Nordhorn…
EMPLOYER_NOTES = (
    "Prefers contact by e-mail.",
    "Hires mainly PhD graduates; interested in the partner career programme.",
    "New HR contact since the reorganisation.",
    "Asked for a presentation for new international staff.",
    "Considering an application as recognised sponsor.",
)
HIRING_SOURCES = (
    "Employer survey {year}",
    "Reported by the employer",
    "Labour market monitor {year}",
)

ANCHOR, TECH, OTHER, FOREIGN = range(4)


def make_employers(world: World) -> None:
    """Employers and their contact persons; decides who works with the centre in which year."""
    rng, calendar, profile = world.rng, world.calendar, world.profile
    rnd = rng.random
    total = profile.employers
    anchors = min(len(names.ANCHOR_EMPLOYERS), max(3, total // 40))
    foreign = min(len(names.FOREIGN_STEMS) * len(names.FOREIGN_TRADES), round(total * 0.01))
    high_tech = round(total * 2 / 3)
    regular = total - anchors - foreign
    kinds = [TECH] * (high_tech - anchors) + [OTHER] * (regular - high_tech + anchors)
    rng.shuffle(kinds)
    kinds += [FOREIGN] * foreign
    first = calendar.year_start(calendar.first_year)
    later = calendar.year_start(calendar.first_year + 1)
    starts = []
    for kind in kinds:
        if rnd() < 0.4 and kind != FOREIGN:
            start = first + 9 + int(rnd() * (later - first - 9))
        else:
            start = later + int(rnd() * (calendar.today - later))
        starts.append((start, kind))
    starts.sort()
    entries = [(first + i, ANCHOR) for i in range(anchors)] + starts

    tech_names = _unique_names(rng, names.COMPANY_STEMS, names.TECH_TRADES, names.TECH_FORMS)
    other_names = _unique_names(rng, names.OTHER_TRADES, names.COMPANY_STEMS, names.OTHER_FORMS)
    foreign_names = _unique_names(rng, names.FOREIGN_STEMS, names.FOREIGN_TRADES, ("",))
    kvk_numbers = iter(rng.sample(range(10_000_000, 100_000_000), total - foreign))
    municipality = Picker(MUNICIPALITIES)
    domestic = names.group("german")

    world.employer_count = total
    years = world.years
    world.uses = bytearray(total * years)
    world.arrivals = array("i", bytes(4 * total * years))
    world.hiring = bytearray(total * years)
    world.served = bytearray(total * years)
    weights: list[float] = []
    employers: list[Row] = []
    contacts: list[Row] = []
    contact_id = 0
    adoption = [trend(ADOPTION, year) for year in calendar.years]
    for position, (start, kind) in enumerate(entries):
        employer_id = position + 1
        ref = f"EMP-{employer_id:06d}"
        if kind == ANCHOR:
            name = names.ANCHOR_EMPLOYERS[position]
            slug = ascii_slug(name.removesuffix(" B.V.").removesuffix(" N.V."))
        elif kind == TECH:
            name, slug = next(tech_names)
        elif kind == OTHER:
            name, slug = next(other_names)
        else:
            name, slug = next(foreign_names)
        is_tech = kind in (ANCHOR, TECH)
        kvk = None if kind == FOREIGN else f"{next(kvk_numbers):08d}"
        place = "outside_twente" if kind == FOREIGN else municipality.pick(rng)
        sponsor = kind == ANCHOR or rnd() < (0.6 if kind == TECH else 0.12 if kind == OTHER else 0)
        website = f"https://www.{slug}.example" if kind == ANCHOR or rnd() < 0.8 else None
        note = rng.choice(EMPLOYER_NOTES) if rnd() < 0.05 else None
        stamp = calendar.stamp(start, int(rnd() * calendar.OFFICE_MINUTES))
        employers.append(
            (employer_id, ref, name, employer_search_key(name, kvk, ref), kvk, is_tech, place,
             sponsor, website, note, 1, stamp, stamp)
        )  # fmt: skip
        world.employer_start.append(start)
        world.employer_name.append(name)
        world.high_tech.append(is_tech)
        world.sponsor.append(sponsor)
        if kind == ANCHOR:
            weight, propensity = 0.0, 1.0
        else:
            weight = min(rng.paretovariate(1.3), 60.0)
            weight *= 1.0 if kind == TECH else 0.5 if kind == FOREIGN else 0.25
            propensity = 0.25 + 0.5 * rnd() if kind == TECH else 0.1 if kind == OTHER else 0.3
        weights.append(weight)
        world.hiring_propensity.append(propensity)

        # Which years it works with the centre (only high-tech employers count for target N).
        row = position * years
        affinity = 0.05 * rnd() if kind == ANCHOR else rnd()
        for y in range(years):
            world.uses[row + y] = (not is_tech) or affinity + 0.16 * (rnd() - 0.5) < adoption[y]

        people = 3 + int(rnd() * 2) if kind == ANCHOR else 1 + (rnd() < 0.45) + (rnd() < 0.15)
        for _ in range(people):
            contact_id += 1
            if kind == FOREIGN:
                given = rng.choice(domestic.male + domestic.female)
                family = rng.choice(domestic.family)
                area = rng.choice(GERMAN_AREA_CODES)
                phone = f"+49 {area} {100_000 + int(rnd() * 900_000)}"
            else:
                given = rng.choice(names.DUTCH_GIVEN)
                family = rng.choice(names.DUTCH_FAMILY)
                area = AREA_CODES[place]
                low = 10 ** (8 - len(area))
                phone = f"+31 {area} {low + int(rnd() * 9 * low)}"
            contacts.append(
                (contact_id, employer_id, f"{given.written} {family.written}",
                 rng.choice(names.CONTACT_TITLES),
                 f"{given.ascii}.{family.ascii}@{slug}.example", phone, 1, stamp, stamp)
            )  # fmt: skip
        if len(employers) >= profile.chunk:
            world.emit(EMPLOYER, employers)
            world.emit(CONTACT_PERSON, contacts)
            employers, contacts = [], []
    world.emit(EMPLOYER, employers)
    world.emit(CONTACT_PERSON, contacts)

    # The big knowledge employers together take on about a fifth of the employed expats.
    anchor_weight = 0.2 * sum(weights) / (0.8 * anchors)
    for position in range(anchors):
        weights[position] = anchor_weight * (1.5 if position == 0 else 1.0)
    world.employer_weights = WeightedIndex(weights)


def make_hiring_records(world: World) -> None:
    """Yearly international hires: the expats who came through the centre, and others."""
    rng, calendar = world.rng, world.calendar
    rnd = rng.random
    years = world.years
    rows: list[Row] = []
    record_id = 0
    weights = world.employer_weights.cumulative
    for position in range(world.employer_count):
        size = weights[position] - (weights[position - 1] if position else 0.0)
        propensity = world.hiring_propensity[position]
        start_year = calendar.year(world.employer_start[position])
        for year in range(start_year, calendar.last_year + 1):
            y = year - calendar.first_year
            slot = position * years + y
            extra = 0
            if rnd() < propensity:
                extra = 1 + int(rnd() * rnd() * min(3.0 + size, 40.0))
            hires = world.arrivals[slot] + extra
            if hires == 0 and rnd() < 0.6:
                continue  # no report for this year
            world.hiring[slot] = hires > 0
            record_id += 1
            source = rng.choice(HIRING_SOURCES).format(year=year)
            reported = min(date(year + 1, 1, 10).toordinal() + int(rnd() * 80), calendar.today)
            stamp = calendar.stamp(reported, int(rnd() * calendar.OFFICE_MINUTES))
            rows.append((record_id, position + 1, year, hires, source, 1, stamp, stamp))
        if len(rows) >= world.profile.chunk:
            world.emit(HIRING_RECORD, rows)
            rows = []
    world.emit(HIRING_RECORD, rows)


def make_staff(world: World) -> None:
    """The centre's own staff: an administrator, managers and desk officers, without passwords."""
    calendar, rng = world.calendar, world.rng
    rows: list[Row] = []
    staff_id = world.staff_first_id - 1
    people = names.STAFF[: world.profile.staff]
    for number, (given, family, role) in enumerate(people):
        username = f"{ascii_slug(given)}.{ascii_slug(family)}"
        if username in world.existing_usernames:
            continue
        staff_id += 1
        joined = calendar.year_start(calendar.first_year) + (0 if number < 5 else 400 * number)
        stamp = calendar.stamp(min(joined, calendar.today), int(rng.random() * 600))
        active = number < len(people) - 1 or len(people) < 9  # the last one has left
        rows.append((staff_id, username, f"{given} {family}", role, active, None, 1, stamp, stamp))
        if active and role == "desk_officer":
            world.desk_officers.append(staff_id)
        elif active and role == "manager":
            world.managers.append(staff_id)
    world.emit(STAFF_USER, rows)


def _unique_names(
    rng: random.Random, first: tuple[str, ...], second: tuple[str, ...], forms: tuple[str, ...]
) -> Iterator[tuple[str, str]]:
    """Company names ``first second form`` in random order, each once, with a web-address slug.

    When more are needed than there are combinations, the rest get a number.
    """
    combinations = list(product(first, second, forms))
    rng.shuffle(combinations)
    for round_ in count(1):
        for a, b, form in combinations:
            base = f"{a} {b}" if round_ == 1 else f"{a} {b} {round_}"
            yield base + form, ascii_slug(base)
