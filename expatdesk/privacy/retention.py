"""The retention period: expats whose personal data is erased after years without contact.

The retention period (:func:`retention_candidates`) covers every expat: one is past it when none
of their cases is open and their last contact with the centre was more than ``retention_years``
years before today. The last contact is the latest of: the last opening or closing of one of
their cases, the last service delivered to them, their last survey response, and the last change
of their record. An expat who never had a case is selected too, from their last contact (most
records of a centre are walk-ins and registrations without a case).

:func:`apply_retention` anonymises them as an erasure does (:mod:`expatdesk.privacy.erasure`),
in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor, Permission, database_refusals
from expatdesk.common.centre_settings import DEFAULTS, read_setting, store_setting
from expatdesk.common.validation import FieldError, ValidationError
from expatdesk.db.database import Database
from expatdesk.db.models import Case, CentreSettings, Expat, ServiceDelivery, SurveyResponse
from expatdesk.db.types import as_utc, utcnow
from expatdesk.i18n import _
from expatdesk.privacy.erasure import anonymise, register, require_scrubbing
from expatdesk.privacy.purge import purge
from expatdesk.privacy.trail import merged_away, scrub_trail
from expatdesk.text import full_name

RETENTION_RANGE = (1, 100)


def read_retention_years(database: Database) -> int:
    """Years after the last contact before an expat's personal data is erased."""
    return read_setting(database, "retention_years")


def update_retention_years(database: Database, actor: Actor, years: int) -> int:
    """Store the retention period (administrators); returns what is now stored."""
    actor.require(Permission.RETENTION)
    low, high = RETENTION_RANGE
    if not low <= years <= high:
        raise ValidationError(
            [
                FieldError(
                    "retention_years",
                    _("Between {low} and {high} years.").format(low=low, high=high),
                )
            ]
        )
    return store_setting(database, actor, "retention_years", years)


@dataclass(frozen=True)
class RetentionCandidate:
    """An expat past the retention period, and why."""

    id: int
    ref: str
    name: str
    cases: int
    last_closed: date | None  # the last closing of one of their cases (None: no case)
    last_contact: date  # the latest of that, deliveries, survey responses and record changes

    @property
    def why(self) -> str:
        """The reason, in the active language."""
        if self.last_closed is None:
            return _("No case; last contact on {contact}.").format(
                contact=i18n.format_date(self.last_contact)
            )
        if self.last_contact > self.last_closed:
            return _("Last case closed on {closed}; last contact on {contact}.").format(
                closed=i18n.format_date(self.last_closed),
                contact=i18n.format_date(self.last_contact),
            )
        return _("Last case closed on {closed}; no contact since.").format(
            closed=i18n.format_date(self.last_closed)
        )


def retention_cutoff(today: date, years: int) -> date:
    """The day ``years`` years before ``today`` (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def retention_candidates(database: Database, today: date | None = None) -> list[RetentionCandidate]:
    """The expats past the retention period (see the module's documentation), by ref."""
    today = today or clock.today()
    with database.reading() as session:
        years = _retention_years_in(session)
        return _candidates(session, retention_cutoff(today, years))


def _retention_years_in(session: Session) -> int:
    row = session.get(CentreSettings, 1)
    return DEFAULTS["retention_years"] if row is None else int(row.retention_years)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _candidates(
    session: Session, cutoff: date, only: Iterable[int] | None = None
) -> list[RetentionCandidate]:
    """The candidates with a last contact before ``cutoff`` (among ``only``, when given)."""
    start = _moment(cutoff)
    recent_case = (
        select(Case.id)
        .where(
            Case.expat_id == Expat.id,
            or_(Case.status != "closed", Case.closed_at >= start, Case.opened_on >= cutoff),
        )
        .exists()
    )
    later_delivery = (
        select(ServiceDelivery.id)
        .where(ServiceDelivery.expat_id == Expat.id, ServiceDelivery.delivered_on >= cutoff)
        .exists()
    )
    later_response = (
        select(SurveyResponse.id)
        .where(SurveyResponse.expat_id == Expat.id, SurveyResponse.responded_on >= cutoff)
        .exists()
    )

    def latest(column: Any, key: Any) -> Any:
        return select(func.max(column)).where(key == Expat.id).scalar_subquery()

    # The dates of the last contacts, read for the candidates only (the WHERE comes first).
    statement = select(
        Expat.id,
        Expat.expat_ref,
        Expat.given_name,
        Expat.family_name,
        Expat.updated_at,
        latest(ServiceDelivery.delivered_on, ServiceDelivery.expat_id).label("delivered"),
        latest(SurveyResponse.responded_on, SurveyResponse.expat_id).label("responded"),
        latest(Case.closed_at, Case.expat_id).label("closed"),
        latest(Case.opened_on, Case.expat_id).label("opened"),
        select(func.count(Case.id))
        .where(Case.expat_id == Expat.id)
        .scalar_subquery()
        .label("cases"),
    ).where(
        Expat.anonymised_at.is_(None),
        Expat.updated_at < start,
        ~recent_case,
        ~later_delivery,
        ~later_response,
    )
    if only is not None:
        statement = statement.where(Expat.id.in_(sorted(set(only))))
    candidates = []
    for row in session.execute(statement.order_by(Expat.expat_ref)):
        last_closed = _day_of(row.closed)
        days = [as_utc(row.updated_at).date(), last_closed, _day_of(row.delivered)]
        days += [_day_of(row.responded), _day_of(row.opened)]
        candidates.append(
            RetentionCandidate(
                row.id,
                row.expat_ref,
                full_name(row.given_name, row.family_name),
                int(row.cases or 0),
                last_closed,
                max(day for day in days if day is not None),
            )
        )
    return candidates


def _day_of(value: date | datetime | str | None) -> date | None:
    """A date or moment read by a scalar subquery (SQLite hands back its text) as a date."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
    if isinstance(value, datetime):
        return as_utc(value).date()
    return value


@dataclass(frozen=True)
class RetentionResult:
    """What applying the retention period did: the refs anonymised, and those skipped because
    they are no longer past it (a case was opened meanwhile, say) or no longer exist."""

    anonymised: tuple[str, ...]
    skipped: tuple[int, ...]
    trail_entries: int


def apply_retention(
    database: Database, actor: Actor, ids: Iterable[int], today: date | None = None
) -> RetentionResult:
    """Anonymise the expats ``ids`` that are still past the retention period (administrators,
    after confirming the list of :func:`retention_candidates`), in one transaction."""
    actor.require(Permission.RETENTION)
    today = today or clock.today()
    wanted = sorted(set(ids))
    if not wanted:
        return RetentionResult((), (), 0)
    moment = utcnow()
    with database_refusals(), database.transaction(actor) as session:
        require_scrubbing(database, session)
        years = _retention_years_in(session)
        reason = f"Retention period of {years} years passed"
        eligible = {
            candidate.id
            for candidate in _candidates(session, retention_cutoff(today, years), wanted)
        }
        done: list[str] = []
        touched: dict[str, set[int]] = {}
        for expat_id in sorted(eligible):
            expat = session.get(
                Expat,
                expat_id,
                options=[selectinload(Expat.family), selectinload(Expat.permits)],
                with_for_update=not database.is_sqlite,
            )
            assert expat is not None
            erasure, parts = anonymise(session, expat, reason, moment)
            done.append(erasure.ref)
            for entity, part_ids in parts.items():
                touched.setdefault(entity, set()).update(part_ids)
        merged = merged_away(session, eligible) if eligible else {}
        entries = scrub_trail(session, database, eligible | set(merged), touched) if eligible else 0
        register(session, [*done, *merged.values()], moment.date())
        skipped = tuple(expat_id for expat_id in wanted if expat_id not in eligible)
    if done:
        purge(database, [*done, *merged.values()])
    return RetentionResult(tuple(done), skipped, entries)
