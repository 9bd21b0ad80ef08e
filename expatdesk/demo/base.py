"""What the demo generators share: the tables they fill, a calendar of date strings, pickers.

Rows are plain tuples in the column order of a :class:`TableSpec`. Dates are ISO strings
(``2014-03-05``) and moments naive-UTC strings (``2014-03-05 09:12:44.000000``), the forms
SQLAlchemy writes to SQLite and PostgreSQL parses in ``COPY``; both are cheap to make from integer
day numbers (ordinals), which is what the generators compute with.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from typing import Generic, TypeVar

from expatdesk.demo.profiles import FIRST_YEAR

Row = tuple[object, ...]
T = TypeVar("T")

_STAMPED = ("version", "created_at", "updated_at")


@dataclass(frozen=True)
class TableSpec:
    """A table and the columns, in order, of the rows written to it."""

    name: str
    columns: tuple[str, ...]


EMPLOYER = TableSpec(
    "employer",
    ("id", "employer_ref", "name", "search_key", "kvk_number", "high_tech", "municipality_code",
     "recognised_sponsor", "website", "notes", *_STAMPED),
)  # fmt: skip
CONTACT_PERSON = TableSpec(
    "contact_person",
    ("id", "employer_id", "name", "job_title", "email", "phone", *_STAMPED),
)
HIRING_RECORD = TableSpec(
    "hiring_record", ("id", "employer_id", "year", "international_hires", "source", *_STAMPED)
)
EXPAT = TableSpec(
    "expat",
    ("id", "expat_ref", "given_name", "family_name", "search_key", "date_of_birth", "nationality",
     "email", "phone", "bsn", "employer_id", "category_code", "education_level_code",
     "arrival_date", "departure_date", "municipality_code", "preferred_language",
     "survey_consent", "survey_consent_date", "notes", *_STAMPED),
)  # fmt: skip
FAMILY_MEMBER = TableSpec(
    "family_member",
    ("id", "expat_id", "relation", "given_name", "family_name", "date_of_birth", "school",
     *_STAMPED),
)  # fmt: skip
PERMIT = TableSpec(
    "permit",
    ("id", "expat_id", "permit_type_code", "number", "valid_from", "valid_until", *_STAMPED),
)
STAFF_USER = TableSpec(
    "staff_user",
    ("id", "username", "display_name", "role", "active", "password_hash", *_STAMPED),
)
CASE = TableSpec(
    "case_file",
    ("id", "case_ref", "subject", "search_key", "status", "expat_id", "employer_id", "owner_id",
     "opened_on", "closed_at", *_STAMPED),
)  # fmt: skip
CASE_NOTE = TableSpec("case_note", ("id", "case_id", "author_id", "created_at", "text"))
TASK = TableSpec("task", ("id", "case_id", "title", "due_date", "done_at", *_STAMPED))
SERVICE_DELIVERY = TableSpec(
    "service_delivery",
    ("id", "service_ref", "service_code", "delivered_on", "expat_id", "employer_id", "case_id",
     "notes", *_STAMPED),
)  # fmt: skip
SURVEY_RESPONSE = TableSpec(
    "survey_response",
    ("id", "response_ref", "respondent_type", "expat_id", "employer_id", "responded_on",
     "score_service", "score_added_value", "intends_to_leave", "questionnaire_version",
     *_STAMPED),
)  # fmt: skip
SURVEY_FACILITY = TableSpec("survey_response_facility", ("response_id", "facility_code"))
AUDIT_ENTRY = TableSpec(
    "audit_entry",
    ("id", "at", "staff_user_id", "username", "action", "entity", "entity_id", "changes"),
)

#: Every table the demo writes, parents before children.
TABLES = (
    EMPLOYER, CONTACT_PERSON, EXPAT, FAMILY_MEMBER, PERMIT, HIRING_RECORD, STAFF_USER, CASE,
    CASE_NOTE, TASK, SERVICE_DELIVERY, SURVEY_RESPONSE, SURVEY_FACILITY, AUDIT_ENTRY,
)  # fmt: skip

#: Receives the rows of one table, a batch at a time.
Emit = Callable[[TableSpec, list[Row]], None]


class Calendar:
    """Day numbers (ordinals) between 1940 and ten years from ``today``, as strings.

    ``day(o)`` is the ISO date, ``stamp(o, k)`` a moment during office hours (07:00–16:59 UTC;
    ``0 <= k < 1024`` picks the minute); a moment of ``today`` or later is midnight of ``today``,
    so that no record was created in the future.
    """

    OFFICE_MINUTES = 1024  # slots spread over the 600 minutes of office hours

    def __init__(self, today: date) -> None:
        self.today = today.toordinal()
        self.first_year = FIRST_YEAR
        self.last_year = today.year
        self.years = range(FIRST_YEAR, today.year + 1)
        self.base = date(1940, 1, 1).toordinal()
        end = self.today + 3660
        self.days: list[str] = []
        self.year_of: list[int] = []
        day = date(1940, 1, 1)
        for _ in range(self.base, end + 1):
            self.days.append(day.isoformat())
            self.year_of.append(day.year)
            day += timedelta(days=1)
        self.minutes = [
            f" {7 + minute // 60:02d}:{minute % 60:02d}:{(slot * 37) % 60:02d}.000000"
            for slot in range(self.OFFICE_MINUTES)
            for minute in (slot * 600 // self.OFFICE_MINUTES,)
        ]
        self.today_stamp = self.days[self.today - self.base] + " 00:00:00.000000"

    def year_start(self, year: int) -> int:
        return date(year, 1, 1).toordinal()

    def year_end(self, year: int) -> int:
        """The last day of ``year`` that is not after today."""
        return min(date(year, 12, 31).toordinal(), self.today)

    def day(self, ordinal: int) -> str:
        return self.days[ordinal - self.base]

    def year(self, ordinal: int) -> int:
        return self.year_of[ordinal - self.base]

    def stamp(self, ordinal: int, minute: int) -> str:
        if ordinal >= self.today:
            return self.today_stamp
        return self.days[ordinal - self.base] + self.minutes[minute]


class Picker(Generic[T]):
    """Draws items with given weights in constant time, from a table of 2**bits slots."""

    def __init__(self, items: Sequence[tuple[T, float]], bits: int = 12) -> None:
        total = sum(weight for _item, weight in items)
        size = 1 << bits
        slots: list[T] = []
        cumulative = 0.0
        for item, weight in items:
            cumulative += weight
            slots.extend([item] * (round(cumulative / total * size) - len(slots)))
        self.slots = slots
        self.bits = bits

    def pick(self, rng: random.Random) -> T:
        return self.slots[rng.getrandbits(self.bits)]


class WeightedIndex:
    """Draws an index ``0 <= i < limit`` with probability proportional to ``weights[i]``."""

    def __init__(self, weights: Sequence[float]) -> None:
        self.cumulative = list(accumulate(weights))

    def pick(self, rng: random.Random, limit: int) -> int:
        return bisect_right(self.cumulative, rng.random() * self.cumulative[limit - 1], 0, limit)


def spread(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into whole parts proportional to ``weights`` (largest remainder)."""
    whole = sum(weights)
    exact = [total * weight / whole for weight in weights]
    parts = [int(value) for value in exact]
    order = sorted(range(len(weights)), key=lambda i: parts[i] - exact[i])
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts
