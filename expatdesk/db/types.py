"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from expatdesk import clock


class UTCDateTime(TypeDecorator[datetime]):
    """A moment stored as naive UTC and returned as an aware UTC ``datetime``.

    SQLite has no time zones, PostgreSQL's ``timestamp with time zone`` converts on the way out;
    storing naive UTC in ``timestamp without time zone`` gives both the same values.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UTCDateTime needs an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # pragma: no cover - SQLite returns datetime via the type
            value = datetime.fromisoformat(value)
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


def as_utc(moment: datetime) -> datetime:
    """``moment``, taken as UTC when it is naive (as SQLite hands back a computed moment)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """Now, as an aware UTC datetime, from the app's clock."""
    return clock.now()
