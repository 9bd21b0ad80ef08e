"""The app's one clock: set by tests, inherited by child processes, and the only one read."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

import expatdesk
from expatdesk import clock
from tests.conftest import TEST_NOW

PACKAGE = Path(expatdesk.__file__).parent
ROOT = PACKAGE.parent

#: Calls that read the machine's clock. ``expatdesk/clock.py`` alone may make them.
MACHINE_CLOCK_READS = {
    ("date", "today"),
    ("datetime", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("QDate", "currentDate"),
    ("QDateTime", "currentDateTime"),
    ("QDateTime", "currentDateTimeUtc"),
    ("QDateTime", "currentSecsSinceEpoch"),
    ("QDateTime", "currentMSecsSinceEpoch"),
    ("QTime", "currentTime"),
    ("time", "time"),
    ("time", "localtime"),
    ("time", "gmtime"),
}


def _clock_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
        if (name, node.func.attr) in MACHINE_CLOCK_READS:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}.{node.func.attr}()")
    return found


def test_only_the_clock_reads_the_machines_clock() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "clock.py" and path.parent == PACKAGE:
            continue
        offenders += _clock_reads(path)
    assert offenders == []


def test_no_test_reads_the_machines_clock() -> None:
    offenders = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path != Path(__file__):
            offenders += _clock_reads(path)
    assert offenders == []


def test_the_suite_runs_at_a_set_moment() -> None:
    assert clock.is_set()
    assert clock.today() == TEST_NOW.astimezone().date()
    assert os.environ[clock.ENVIRONMENT_VARIABLE] == TEST_NOW.isoformat()


def test_a_set_clock_ticks_on_from_its_moment() -> None:
    moment = datetime(2028, 2, 29, 23, 59, 59, tzinfo=UTC)
    clock.set_moment(moment)
    first = clock.now()
    second = clock.now()
    assert moment <= first <= second < moment + timedelta(seconds=5)
    assert first.tzinfo is UTC


def test_a_date_means_ten_in_the_morning_local_time() -> None:
    clock.set_moment(date(2030, 12, 31))
    assert clock.today() == date(2030, 12, 31)
    assert clock.local_now().hour == 10


def test_today_is_the_date_where_the_desk_is() -> None:
    # 23:30 in Amsterdam on New Year's Eve is already 1 January nowhere west of it, but the desk's
    # date follows the machine's zone: the moment converted, not the moment's own date.
    late = datetime(2026, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=1)))
    clock.set_moment(late)
    assert clock.today() == late.astimezone().date()
    assert clock.now() >= late


def test_a_block_runs_at_another_moment_and_the_clock_comes_back() -> None:
    before = clock.today()
    with clock.moment(date(2012, 1, 2)):
        assert clock.today() == date(2012, 1, 2)
    assert clock.today() == before


def test_parse_moment_takes_dates_and_moments_and_refuses_the_rest() -> None:
    assert clock.parse_moment("2026-02-28").date() == date(2026, 2, 28)
    assert clock.parse_moment("2026-02-28T23:45:00+01:00").utcoffset() == timedelta(hours=1)
    assert clock.parse_moment("2026-02-28T23:45").tzinfo is not None
    with pytest.raises(ValueError, match="'yesterday'"):
        clock.parse_moment("yesterday")


def test_child_processes_share_the_clock() -> None:
    clock.set_moment(datetime(2031, 6, 1, 9, 0, tzinfo=UTC))
    code = "from expatdesk import clock; print(clock.today().isoformat(), clock.is_set())"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **clock.environment()},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.split() == [clock.today().isoformat(), "True"]


def test_without_a_set_moment_it_is_the_machines_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clock.ENVIRONMENT_VARIABLE)
    clock.reset()
    assert not clock.is_set()
    assert clock.environment() == {}
    # the one place a test may look at the machine's clock: to see that the app's clock is it
    machine = datetime.now(UTC)
    assert abs(clock.now() - machine) < timedelta(seconds=5)
