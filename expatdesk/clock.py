"""The app's one clock: every "today" and "now" in ExpatDesk comes from here.

Overdue tasks, permits ending, the dashboard, retention, provisional report years, demo data,
audit moments and file names all ask this module, never :func:`datetime.now` or
:meth:`date.today` (``tests/unit/test_clock.py`` keeps it so). That makes time an input:

- the app runs on the machine's clock;
- tests set it with :func:`set_moment` (the suite's autouse fixture starts every test at a fixed
  moment), and child processes inherit it through ``EXPATDESK_NOW`` (an ISO 8601 moment, e.g.
  ``2026-06-15T10:00:00+02:00``), which also lets a trainer demonstrate a given day.

A set clock keeps ticking from the moment it was given (measured on the monotonic clock), so two
saves in one test are still ordered in time and the audit trail reads as it would at a desk.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

ENVIRONMENT_VARIABLE = "EXPATDESK_NOW"


@dataclass(frozen=True)
class _SetClock:
    start: datetime  # aware
    started_at: float  # time.monotonic() when it was set

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.started_at)


_set: _SetClock | None = None
_environment_read = False


def parse_moment(text: str) -> datetime:
    """An ISO 8601 date or moment; a moment without an offset is in the machine's time zone.

    Raises :class:`ValueError` with the text when it is neither.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"not an ISO 8601 date or moment: {text!r}") from None
    if len(text.strip()) == 10:  # a plain date: ten in the morning, away from midnight
        moment = moment.replace(hour=10)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment


def _from_environment() -> None:
    global _environment_read
    _environment_read = True
    text = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if text and _set is None:
        set_moment(parse_moment(text))


def now() -> datetime:
    """Now, as an aware UTC datetime."""
    if not _environment_read:
        _from_environment()
    if _set is not None:
        return _set.now().astimezone(UTC)
    return datetime.now(UTC)


def local_now() -> datetime:
    """Now, as an aware datetime in the machine's time zone (for file names and "today")."""
    return now().astimezone()


def today() -> date:
    """Today's date where the desk is (the machine's time zone)."""
    return local_now().date()


def set_moment(moment: datetime | date) -> None:
    """Make the clock run from ``moment`` (a date means ten in the morning, local time)."""
    global _set, _environment_read
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day, 10)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    _set = _SetClock(moment, time.monotonic())
    _environment_read = True


def reset() -> None:
    """Back to the machine's clock (or to ``EXPATDESK_NOW`` when that is set)."""
    global _set, _environment_read
    _set = None
    _environment_read = False


def is_set() -> bool:
    """Whether the clock was set (by a test, or by ``EXPATDESK_NOW``)."""
    if not _environment_read:
        _from_environment()
    return _set is not None


def environment() -> dict[str, str]:
    """``EXPATDESK_NOW`` for a child process, so that it shares this clock (empty when unset)."""
    if not is_set():
        return {}
    return {ENVIRONMENT_VARIABLE: now().isoformat()}


@contextmanager
def moment(when: datetime | date) -> Iterator[None]:
    """Run a block at ``when``; the clock before it comes back afterwards."""
    global _set, _environment_read
    saved = (_set, _environment_read)
    set_moment(when)
    try:
        yield
    finally:
        _set, _environment_read = saved
