"""The demo world while it is generated: what later steps need to know about earlier ones.

Kept compact (byte arrays and integer arrays indexed by employer or expat position) so that half a
million expats cost a few megabytes; the rows themselves are handed to the database in batches and
forgotten.
"""

from __future__ import annotations

import random
from array import array
from dataclasses import dataclass, field

from expatdesk.demo.base import Calendar, Emit, WeightedIndex
from expatdesk.demo.profiles import Profile

#: The expat categories, in the order of the code table; expats store an index into this.
CATEGORIES = (
    "knowledge_migrant", "blue_card", "researcher", "eu_worker", "cross_border", "search_year",
    "short_stay", "intra_company", "student", "family", "self_employed",
)  # fmt: skip
CATEGORY_INDEX = {code: index for index, code in enumerate(CATEGORIES)}

PARTNER = 1  # household flags of an expat
CHILDREN = 2


@dataclass
class World:
    """Everything generated so far that later steps refer to.

    Employers and expats are numbered from 0 by position; their ids are position + 1. Per
    employer and year (``e * years + y``): ``uses`` says whether a high-tech employer works with
    the centre that year, ``arrivals`` counts its expats arriving, ``hiring`` whether it hired
    internationals, ``served`` whether a service was attributed to it.
    """

    rng: random.Random
    calendar: Calendar
    profile: Profile
    emit: Emit
    staff_first_id: int
    existing_usernames: frozenset[str]

    employer_count: int = 0
    employer_start: list[int] = field(default_factory=list)
    #: Names, for the search keys of the cases (references to the pooled strings: 8 bytes each).
    employer_name: list[str] = field(default_factory=list)
    high_tech: bytearray = field(default_factory=bytearray)
    sponsor: bytearray = field(default_factory=bytearray)
    employer_weights: WeightedIndex = field(default_factory=lambda: WeightedIndex([1.0]))
    hiring_propensity: list[float] = field(default_factory=list)
    uses: bytearray = field(default_factory=bytearray)
    arrivals: array[int] = field(default_factory=lambda: array("i"))
    hiring: bytearray = field(default_factory=bytearray)
    served: bytearray = field(default_factory=bytearray)

    expat_count: int = 0
    arrival: array[int] = field(default_factory=lambda: array("i"))
    departure: array[int] = field(default_factory=lambda: array("i"))  # 0: still here
    employer_of: array[int] = field(default_factory=lambda: array("i"))  # 0: none, else id
    given_name: list[str] = field(default_factory=list)
    family_name: list[str] = field(default_factory=list)
    category: bytearray = field(default_factory=bytearray)
    household: bytearray = field(default_factory=bytearray)
    consent: bytearray = field(default_factory=bytearray)

    desk_officers: list[int] = field(default_factory=list)
    managers: list[int] = field(default_factory=list)
    #: Services of planned cases: per expat position, (case id, service code, day).
    expat_case_services: dict[int, list[tuple[int, str, int]]] = field(default_factory=dict)
    #: Services of employer cases: (case id, employer position, service code, day).
    employer_case_services: list[tuple[int, int, str, int]] = field(default_factory=list)

    @property
    def years(self) -> int:
        return len(self.calendar.years)

    def year_index(self, ordinal: int) -> int:
        return self.calendar.year(ordinal) - self.calendar.first_year
