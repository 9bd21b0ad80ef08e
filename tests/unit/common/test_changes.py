"""What a write changed: kinds combined and asked about."""

from __future__ import annotations

from expatdesk.common.changes import (
    CASE_CHANGED,
    SETTINGS_SAVED,
    SURVEY_SAVED,
    Changes,
    Kind,
)


def test_a_change_touches_only_its_kinds() -> None:
    assert SURVEY_SAVED.touches(Kind.SURVEYS)
    assert SURVEY_SAVED.touches(Kind.STAFF, Kind.SURVEYS)
    assert not SURVEY_SAVED.touches(Kind.CASES, Kind.EXPATS, Kind.SETTINGS)
    assert not Changes().touches(*Kind)
    assert not Changes()
    assert SETTINGS_SAVED


def test_changes_combine() -> None:
    both = CASE_CHANGED | SETTINGS_SAVED
    assert both.kinds == {Kind.CASES, Kind.SETTINGS}
    assert Changes.of(Kind.STAFF) == Changes(frozenset({Kind.STAFF}))
