"""Expats with their family members and residence permits.

Expats are numbered in order of arrival, from January 2012 to today, more every year but fewer in
2020. Where they come from decides their name (in Latin or their own script), whether they need a
residence permit (British citizens do from 2021), and the categories they fall in; the category
decides the employer (a recognised sponsor for a knowledge migrant), the education level, the age
and how long they stay. A high-tech employer only gets expats through the centre in the years it
works with it, which is what makes target N come out as the adoption trend says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from expatdesk.demo import names
from expatdesk.demo.base import EXPAT, FAMILY_MEMBER, PERMIT, Picker, Row, spread
from expatdesk.demo.names import BREXIT_YEAR, NameGroup
from expatdesk.demo.profiles import ARRIVALS, trend
from expatdesk.demo.state import CATEGORY_INDEX, CHILDREN, PARTNER, World
from expatdesk.text import expat_search_key

EU_CATEGORIES = Picker(
    [("eu_worker", 74), ("researcher", 10), ("cross_border", 4), ("family", 4),
     ("self_employed", 4), ("student", 4)]
)  # fmt: skip
NEIGHBOUR_CATEGORIES = Picker(  # Germans and Belgians: many cross the border every day
    [("eu_worker", 55), ("cross_border", 25), ("researcher", 10), ("family", 4),
     ("self_employed", 3), ("student", 3)]
)  # fmt: skip
PERMIT_CATEGORIES = Picker(
    [("knowledge_migrant", 44), ("researcher", 14), ("blue_card", 6), ("search_year", 9),
     ("intra_company", 6), ("student", 6), ("family", 9), ("self_employed", 2),
     ("short_stay", 4)]
)  # fmt: skip
NEEDS_EMPLOYER = frozenset(
    {"knowledge_migrant", "blue_card", "researcher", "intra_company", "short_stay",
     "cross_border"}
)  # fmt: skip
NEEDS_SPONSOR = frozenset({"knowledge_migrant", "researcher"})
EDUCATION: dict[str, Picker[str | None]] = {
    "researcher": Picker([("phd", 70), ("wo", 30)]),
    "student": Picker([("hbo", 45), ("wo", 55)]),
    "search_year": Picker([("wo", 70), ("hbo", 25), ("phd", 5)]),
    "cross_border": Picker([("hbo", 40), ("mbo4", 35), ("wo", 25)]),
    "eu_worker": Picker([("wo", 40), ("hbo", 35), ("mbo4", 15), ("phd", 10)]),
    "family": Picker([("wo", 35), ("hbo", 30), ("mbo4", 20), (None, 15)]),
}
DEFAULT_EDUCATION: Picker[str | None] = Picker([("wo", 55), ("hbo", 25), ("phd", 15), ("mbo4", 5)])
#: Age at arrival: (youngest, span) in years, skewed towards the young.
AGES = {"researcher": (23, 22), "student": (18, 10), "search_year": (22, 10), "family": (20, 40)}
DEFAULT_AGE = (23, 35)
#: Chance of having left (for those here long enough), and the stay: (shortest, span) in days.
STAYS = {
    "short_stay": (0.95, 60, 300),
    "student": (0.6, 300, 1200),
    "search_year": (0.5, 180, 400),
    "researcher": (0.55, 365, 1500),
}
DEFAULT_STAY = (0.3, 365, 2600)
MUNICIPALITIES = Picker(
    [("enschede", 38), ("hengelo", 18), ("almelo", 9), ("borne", 4), ("oldenzaal", 4),
     ("hof_van_twente", 2), ("rijssen_holten", 2), ("wierden", 2), ("hellendoorn", 2),
     ("haaksbergen", 2), ("losser", 2), ("dinkelland", 1), ("tubbergen", 1), ("twenterand", 1),
     ("outside_twente", 4), (None, 3)]
)  # fmt: skip
PERMIT_TYPES = {
    "knowledge_migrant": "hsm", "blue_card": "blue_card", "researcher": "researcher",
    "search_year": "search_year", "family": "family", "intra_company": "ict", "student": "study",
    "self_employed": "self_employed", "short_stay": "single_permit",
}  # fmt: skip
#: Validity of a permit in years, by type: the choices.
VALIDITY = {
    "hsm": (1, 2, 3, 5, 5), "blue_card": (4,), "researcher": (1, 2, 3, 4), "search_year": (1,),
    "family": (5,), "ict": (3,), "study": (1, 2, 3, 4), "self_employed": (2,),
    "single_permit": (1, 2), "eu_long_term": (5,),
}  # fmt: skip
EXPAT_NOTES = (
    "Prefers appointments in the afternoon.",
    "Partner is looking for work in Twente.",
    "Asked about the waiting list of the international school.",
    "Follow up on the 30% ruling decision.",
    "Speaks some Dutch and likes to practise at the desk.",
)
SCHOOLS = Picker(
    [(school, 3) for school in names.INTERNATIONAL_SCHOOLS]
    + [(school, 1) for school in names.LOCAL_SCHOOLS]
)
NEIGHBOURS = frozenset({"DE", "BE"})
#: Half of those from here prefer their own language at the desk; the others, English or Dutch.
OWN_LANGUAGE = {"DE": "de", "AT": "de", "CH": "de", "BE": "nl"}
PARTNER_GROUPS = ("german", "english", "spanish", "italian", "polish", "indian_latin")


@dataclass(frozen=True)
class _Origin:
    """A nationality, ready for drawing an expat from it."""

    code: str
    latin: NameGroup
    native: NameGroup | None
    native_share: float
    eu: bool
    categories: Picker[str]  # for citizens with free movement


def _origins() -> Picker[_Origin]:
    origins = []
    for nat in names.NATIONALITIES:
        origin = _Origin(
            code=nat.code,
            latin=names.group(nat.latin),
            native=names.group(nat.native) if nat.native else None,
            native_share=nat.native_share,
            eu=nat.eu,
            categories=NEIGHBOUR_CATEGORIES if nat.code in NEIGHBOURS else EU_CATEGORIES,
        )
        origins.append((origin, float(nat.weight)))
    return Picker(origins, bits=14)


def make_expats(world: World) -> None:
    """Expats in order of arrival, each batch followed by its family members and permits."""
    rng, calendar, profile = world.rng, world.calendar, world.profile
    rnd, bits = rng.random, rng.getrandbits
    today, base = calendar.today, calendar.base
    days, year_of, minutes = calendar.days, calendar.year_of, calendar.minutes
    first_year = calendar.first_year
    origins = _origins().slots
    permit_categories = PERMIT_CATEGORIES.slots
    municipalities = MUNICIPALITIES.slots
    domains = Picker([(domain, 1.0) for domain in names.EMAIL_DOMAINS], bits=6).slots
    pick_employer = world.employer_weights.pick
    employer_start = world.employer_start
    high_tech, sponsor, uses = world.high_tech, world.sponsor, world.uses
    arrived = world.arrivals  # per employer and year
    years = world.years
    detail = profile.detail_share

    arrival_days = _arrival_days(world)
    world.expat_count = len(arrival_days)
    emails: Counter[str] = Counter()
    bsns: set[int] = set()
    expats: list[Row] = []
    relatives = _Relatives(world)
    permits = _Permits(world)
    limit = 0  # employers registered by the day of arrival
    for position, arrival in enumerate(arrival_days):
        expat_id = position + 1
        ref = f"EXP-{expat_id:06d}"
        year = year_of[arrival - base]
        origin = origins[bits(14)]
        eu = origin.eu and (origin.code != "GB" or year < BREXIT_YEAR)
        category = origin.categories.slots[bits(12)] if eu else permit_categories[bits(12)]
        native = origin.native
        group = native if native is not None and rnd() < origin.native_share else origin.latin
        male = bits(1)
        first_names = group.male if male else group.female
        given = first_names[int(rnd() * len(first_names))]
        k = int(rnd() * len(group.family))
        surname = group.family[k] if male else group.family_female[k]

        employer_id = 0
        if (
            category in NEEDS_EMPLOYER
            or (category == "eu_worker" and rnd() < 0.92)
            or (category == "search_year" and rnd() < 0.3)
        ):
            while limit < len(employer_start) and employer_start[limit] <= arrival:
                limit += 1
            if limit:
                slot = year - first_year
                for _ in range(8):
                    e = pick_employer(rng, limit)
                    if high_tech[e] and not uses[e * years + slot]:
                        continue
                    if category in NEEDS_SPONSOR and not sponsor[e]:
                        continue
                    break
                employer_id = e + 1
                arrived[e * years + slot] += 1

        education = EDUCATION.get(category, DEFAULT_EDUCATION).slots[bits(12)]
        youngest, span = AGES.get(category, DEFAULT_AGE)
        age_days = int((youngest + span * rnd() ** 1.6) * 365.25)
        birth = arrival - age_days
        leave, shortest, stay = STAYS.get(category, DEFAULT_STAY)
        departure = 0
        if arrival < today - 120 and rnd() < leave:
            departure = arrival + shortest + int(rnd() * stay)
            if departure >= today:
                departure = 0
        if category == "cross_border":
            municipality: str | None = "outside_twente"
        else:
            municipality = municipalities[bits(12)]
        if origin.code in OWN_LANGUAGE and rnd() < 0.5:
            language = OWN_LANGUAGE[origin.code]
        else:
            language = "nl" if rnd() < 0.12 else "en"

        email = None
        if rnd() < 0.92:
            if rnd() < 0.7:
                local = f"{given.ascii}.{surname.ascii}"
            else:
                local = f"{given.ascii[0]}{surname.ascii}"
            domain = domains[bits(6)]
            email = f"{local}@{domain}"
            seen = emails[email]
            emails[email] = seen + 1
            if seen:
                email = f"{local}{seen + 1}@{domain}"
        phone = None
        if rnd() < 0.75:
            number = str(10_000_000 + int(rnd() * 90_000_000))
            if category == "cross_border":
                phone = f"+49 15{number[:1]} {number[1:]}"
            else:
                phone = f"+31 6 {number[:4]} {number[4:]}"
        bsn = None
        registered = category != "short_stay" and municipality not in (None, "outside_twente")
        if registered and rnd() < 0.85:
            bsn = _bsn(rnd, bsns)
        consent = rnd() < 0.7
        consent_day = days[min(arrival + int(rnd() * 30), today) - base] if consent else None
        note = EXPAT_NOTES[int(rnd() * len(EXPAT_NOTES))] if rnd() < 0.02 else None
        if arrival < today:
            created = days[arrival - base] + minutes[bits(10)]
        else:
            created = calendar.today_stamp
        expats.append(
            (expat_id, ref, given.written, surname.written,
             expat_search_key(given.written, surname.written, email, ref), days[birth - base],
             origin.code, email, phone, bsn, employer_id or None, category, education,
             days[arrival - base], days[departure - base] if departure else None, municipality,
             language, consent, consent_day, note, 1, created, created)
        )  # fmt: skip

        household = 0
        if category != "family" and age_days > 8766 and rnd() < detail * 0.42:
            household = relatives.add(expat_id, group, male, k, birth, arrival, departure, created)
        if not eu and category in PERMIT_TYPES and rnd() < detail:
            permits.add(expat_id, PERMIT_TYPES[category], arrival, departure)
        world.arrival.append(arrival)
        world.departure.append(departure)
        world.employer_of.append(employer_id)
        world.given_name.append(given.written)
        world.family_name.append(surname.written)
        world.category.append(CATEGORY_INDEX[category])
        world.household.append(household)
        world.consent.append(consent)
        if len(expats) >= profile.chunk:
            world.emit(EXPAT, expats)
            relatives.flush()
            permits.flush()
            expats = []
    world.emit(EXPAT, expats)
    relatives.flush()
    permits.flush()


class _Relatives:
    """Partners and children, with the children's schools."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.rows: list[Row] = []
        self.last_id = 0

    def add(self, expat_id: int, group: NameGroup, male: int, family: int, birth: int,
            arrival: int, departure: int, created: str) -> int:  # fmt: skip
        """A partner, often with children; returns the household flags.

        ``family`` is the position of the expat's family name in ``group``: a partner who took
        it, and the children, get its male or female form. A child born here is recorded some
        days after the birth.
        """
        rng, calendar = self.world.rng, self.world.calendar
        rnd = rng.random
        day = calendar.day
        household = PARTNER
        partner_group = group if rnd() < 0.75 else names.group(rng.choice(PARTNER_GROUPS))
        partner_female = bool(male) ^ (rnd() < 0.08)
        partner_names = partner_group.female if partner_female else partner_group.male
        partner = partner_names[int(rnd() * len(partner_names))]
        if rnd() < 0.3:
            partner_family = (group.family_female if partner_female else group.family)[family]
        else:
            partner_family = partner_group.family[int(rnd() * len(partner_group.family))]
        self.last_id += 1
        self.rows.append(
            (self.last_id, expat_id, "partner", partner.written, partner_family.written,
             day(birth + int((rnd() - 0.5) * 3600)), None, 1, created, created)
        )  # fmt: skip
        if rnd() < 0.55:
            household |= CHILDREN
            earliest = birth + 8766  # at 24
            here = departure or calendar.today
            latest = min(here, birth + 16436)  # at 45
            for _ in range(1 + (rnd() < 0.5) + (rnd() < 0.15)):
                if latest <= earliest:
                    break
                child_birth = earliest + int(rnd() * (latest - earliest))
                son = rnd() < 0.5
                child_names = group.male if son else group.female
                child = child_names[int(rnd() * len(child_names))]
                surname = (group.family if son else group.family_female)[family]
                school = SCHOOLS.pick(rng) if 4 <= (here - child_birth) / 365.25 < 18 else None
                if child_birth > arrival:
                    added = calendar.stamp(child_birth + 14, int(rnd() * calendar.OFFICE_MINUTES))
                else:
                    added = created
                self.last_id += 1
                self.rows.append(
                    (self.last_id, expat_id, "child", child.written, surname.written,
                     day(child_birth), school, 1, added, added)
                )  # fmt: skip
        return household

    def flush(self) -> None:
        self.world.emit(FAMILY_MEMBER, self.rows)
        self.rows = []


class _Permits:
    """Residence permits, renewed until the expat leaves or beyond today."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.rows: list[Row] = []
        self.last_id = 0

    def add(self, expat_id: int, kind: str, arrival: int, departure: int) -> None:
        calendar = self.world.calendar
        rnd = self.world.rng.random
        start = arrival - int(rnd() * 30)
        stop = departure or calendar.today
        while True:
            validity = VALIDITY[kind]
            until = start + int(365.25 * validity[int(rnd() * len(validity))])
            created = calendar.stamp(start, int(rnd() * calendar.OFFICE_MINUTES))
            self.last_id += 1
            self.rows.append(
                (self.last_id, expat_id, kind, f"W{10_000_000 + int(rnd() * 90_000_000)}",
                 calendar.day(start), calendar.day(until), 1, created, created)
            )  # fmt: skip
            if until >= stop:
                return
            if kind == "search_year":
                kind = "hsm"
            elif kind == "study":
                kind = "search_year" if rnd() < 0.5 else "hsm"
            elif until - arrival >= 1826 and rnd() < 0.5:
                kind = "eu_long_term"
            start = until

    def flush(self) -> None:
        self.world.emit(PERMIT, self.rows)
        self.rows = []


def _arrival_days(world: World) -> list[int]:
    """Arrival days of all expats, sorted: so many per year, the current year up to today."""
    calendar, rng = world.calendar, world.rng
    weights = []
    for year in calendar.years:
        start, end = calendar.year_start(year), calendar.year_end(year)
        full = date(year, 12, 31).toordinal() - start + 1
        weights.append(trend(ARRIVALS, year) * (end - start + 1) / full)
    days: list[int] = []
    for year, count in zip(calendar.years, spread(world.profile.expats, weights), strict=True):
        start = calendar.year_start(year)
        span = calendar.year_end(year) - start + 1
        days.extend(sorted(start + int(rng.random() * span) for _ in range(count)))
    return days


def _bsn(rnd: Callable[[], float], taken: set[int]) -> str:
    """A new, unique citizen service number that passes the eleven-test."""
    while True:
        number = 10_000_000 + int(rnd() * 90_000_000)
        total = 0
        rest = number
        for weight in range(2, 10):
            total += (rest % 10) * weight
            rest //= 10
        check = total % 11
        if check == 10:
            continue
        bsn = number * 10 + check
        if bsn not in taken:
            taken.add(bsn)
            return str(bsn)
