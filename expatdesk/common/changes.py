"""What a write changed: the kinds of records, so that each view decides whether to read again.

A write from the GUI returns a :class:`Changes` with its result (see ``expatdesk.qt.operations``);
one signal announces it and every area asks ``changes.touches(...)`` for the kinds it shows. The
core knows nothing of views: a write states what it wrote, never whom to tell.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """The kinds of records a write can change."""

    EXPATS = "expats"
    EMPLOYERS = "employers"
    CASES = "cases"
    SURVEYS = "surveys"
    STAFF = "staff"
    SETTINGS = "settings"


@dataclass(frozen=True)
class Changes:
    """The kinds of records one write changed; ``Changes()`` is a write that changed nothing."""

    kinds: frozenset[Kind] = frozenset()

    @classmethod
    def of(cls, *kinds: Kind) -> Changes:
        return cls(frozenset(kinds))

    def touches(self, *kinds: Kind) -> bool:
        """Whether any of ``kinds`` changed."""
        return not self.kinds.isdisjoint(kinds)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds)

    def __bool__(self) -> bool:
        return bool(self.kinds)


#: What the common writes change: the kinds they write, not who shows them. A case's page, an
#: expat's page and the targets each decide for themselves that services and surveys concern them.
EXPAT_SAVED = Changes.of(Kind.EXPATS)
EMPLOYER_SAVED = Changes.of(Kind.EMPLOYERS)
CASE_CHANGED = Changes.of(Kind.CASES)  # opened, worked on, closed; a service delivered in it
SERVICE_DELIVERED = Changes.of(Kind.CASES)  # a walk-in: a service outside a case
SURVEY_SAVED = Changes.of(Kind.SURVEYS)
EXPATS_MERGED = Changes.of(Kind.EXPATS, Kind.CASES, Kind.SURVEYS)  # all moves to the one kept
PERSONAL_DATA_ERASED = Changes.of(Kind.EXPATS, Kind.CASES, Kind.SURVEYS)
RECORDS_IMPORTED = Changes.of(Kind.EXPATS, Kind.EMPLOYERS, Kind.CASES, Kind.SURVEYS)
SETTINGS_SAVED = Changes.of(Kind.SETTINGS)
STAFF_CHANGED = Changes.of(Kind.STAFF)
