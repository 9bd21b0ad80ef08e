"""Privacy (GDPR): erasing an expat's personal data, the retention period, and subject access.

Anonymising an expat (:func:`anonymise_expat`, on request; :func:`apply_retention`, after the
retention period) runs in ONE transaction and keeps every figure of the targets report
(``shared/spec/targets.md``) as it was. The decision on what goes and what stays:

What the report needs of an expat, and so what stays on the anonymised row:
    ``employer_id`` (N: the employer an arriving expat was attracted by, and the employer a
    delivery without one of its own is attributed to) and the YEAR of ``arrival_date`` (N's
    denominator counts arrivals per calendar year): the date becomes 1 January of that year, so
    the row no longer tells the day someone arrived. ``expat_ref`` stays too: it is the number
    the other records and the trail refer to, and it identifies nobody outside the centre.
What goes from the row:
    the names (the family name becomes ``Anonymised``, the given name empty, so every list shows
    "Anonymised"), date of birth, nationality, e-mail, phone, BSN, notes, preferred language,
    category, education level, municipality, departure date and the survey consent with its
    date. None of them is read by the targets report; together they would single a person out.
Records about the person:
    family members and permits are deleted (they are personal through and through); the
    expat's cases stay with status and dates (the retention period is counted from them) but
    their subject becomes ``Anonymised`` and their notes and tasks, free text that may hold
    anything, are deleted; service deliveries stay linked to the anonymised row (N counts them
    through its employer) with their notes cleared; survey responses stay linked as they are:
    grades, intention and facilities are what O, P and Q count, and they say nothing about who
    answered once the row is anonymous.
The audit trail:
    its entries stay (who did what when is the centre's accountability), but the values they
    kept of the erased data do not: in every entry about the expat, its family members,
    permits, cases, case notes, tasks and service deliveries, each value of a field that is not
    kept (:data:`KEPT`) becomes ``"(erased)"``; the entries still say which fields changed.
    Staff cannot change the trail; on SQLite the service rewrites the entries in the same
    transaction, on PostgreSQL it calls ``expatdesk_scrub_audit`` (:mod:`expatdesk.db.roles`),
    a ``SECURITY DEFINER`` function of the schema's owner that only the administrators' group
    may execute and that refuses anything but erasing values. One entry records the erasure
    itself: when, by whom and why.

The retention period (:func:`retention_candidates`) covers every expat: one is past it when none
of their cases is open and their last contact with the centre was more than ``retention_years``
years before today. The last contact is the latest of: the last opening or closing of one of
their cases, the last service delivered to them, their last survey response, and the last change
of their record. An expat who never had a case is selected too, from their last contact (most
records of a centre are walk-ins and registrations without a case).

Subject access lives in :mod:`expatdesk.privacy.subject_access`; it finds the trail of an
expat's records with :func:`trail_records`, as an erasure does.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, func, inspect, or_, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor, Permission, database_refusals
from expatdesk.common.centre_settings import DEFAULTS, read_setting, store_setting
from expatdesk.common.concurrency import StaleRecordError, check_version, stale_guard
from expatdesk.common.validation import FieldError, ValidationError, clean, too_long
from expatdesk.db import audit, roles, search_index
from expatdesk.db.database import Database, automatic_copies
from expatdesk.db.models import (
    AuditEntry,
    Case,
    CaseNote,
    CentreSettings,
    Employer,
    ErasedPerson,
    Expat,
    FamilyMember,
    Permit,
    ServiceDelivery,
    SurveyResponse,
    Task,
)
from expatdesk.db.types import utcnow
from expatdesk.errors import UserError
from expatdesk.history.read import ERASED
from expatdesk.i18n import _
from expatdesk.text import case_search_key, expat_search_key, full_name

log = logging.getLogger(__name__)

#: What an anonymised expat is called, in every list (stored: the same in every language).
ANONYMISED = "Anonymised"
#: The subject of an anonymised expat's cases.
ANONYMISED_SUBJECT = "Anonymised"
REASON_LIMIT = 500
RETENTION_RANGE = (1, 100)
#: How many audit entries are rewritten per statement.
_SCRUB_BATCH = 500

#: Per entity of the trail, the fields whose values survive an erasure; all others are erased.
KEPT: dict[str, frozenset[str]] = {
    "expat": frozenset(
        {"expat_ref", "employer_id", "anonymised_at", "erasure_reason", "merged_from", "purpose"}
        | {"family", "permits"}  # "(changed)" markers of update_expat
    ),
    "family_member": frozenset({"expat_id"}),
    "permit": frozenset({"expat_id"}),
    "case": frozenset(
        {"case_ref", "status", "expat_id", "employer_id", "owner_id", "opened_on", "closed_at"}
    ),
    "case_note": frozenset({"case_id", "author_id"}),
    "task": frozenset({"case_id", "due_date", "done_at"}),
    "service_delivery": frozenset(
        {"service_ref", "service_code", "delivered_on", "expat_id", "employer_id", "case_id"}
    ),
}


# --- what an erasure removes -----------------------------------------------------------------


@dataclass(frozen=True)
class ErasurePreview:
    """What erasing an expat would remove and keep, for the confirmation dialog."""

    id: int
    ref: str
    name: str
    version: int
    anonymised_at: datetime | None
    family_members: int
    permits: int
    cases: int
    case_notes: int
    tasks: int
    deliveries: int
    survey_responses: int


@dataclass(frozen=True)
class Erasure:
    """What an erasure did."""

    id: int
    ref: str
    family_members: int
    permits: int
    cases: int
    case_notes: int
    tasks: int
    deliveries_kept: int
    survey_responses_kept: int
    trail_entries: int  # audit entries whose erased values were removed


def _count(session: Session, condition: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count()).where(condition)) or 0


def erasure_preview(database: Database, actor: Actor, expat_id: int) -> ErasurePreview:
    """What anonymising the expat ``expat_id`` removes and keeps (administrators)."""
    actor.require(Permission.ERASURE)
    with database.reading() as session:
        expat = session.get(Expat, expat_id)
        if expat is None:
            raise UserError(_("This expat no longer exists."))
        case_ids = select(Case.id).where(Case.expat_id == expat_id).scalar_subquery()
        return ErasurePreview(
            id=expat.id,
            ref=expat.expat_ref,
            name=full_name(expat.given_name, expat.family_name),
            version=expat.version,
            anonymised_at=expat.anonymised_at,
            family_members=_count(session, FamilyMember.expat_id == expat_id),
            permits=_count(session, Permit.expat_id == expat_id),
            cases=_count(session, Case.expat_id == expat_id),
            case_notes=_count(session, CaseNote.case_id.in_(case_ids)),
            tasks=_count(session, Task.case_id.in_(case_ids)),
            deliveries=_count(session, ServiceDelivery.expat_id == expat_id),
            survey_responses=_count(session, SurveyResponse.expat_id == expat_id),
        )


@dataclass(frozen=True)
class Mention:
    """A text of another record that names the person: for the officer to review by hand (an
    erasure never edits it silently). ``entity`` and ``id`` open the record."""

    entity: str  # "expat", "employer", "case" or "service_delivery"
    id: int
    ref: str
    field: str
    #: The record to open for it: an expat, employer or case (a service opens its case, or its
    #: client when it has none).
    link: tuple[str, int]

    @property
    def label(self) -> str:
        """What the record is, in the active language."""
        kinds = {
            "expat": _("Expat {ref}: notes"),
            "employer": _("Employer {ref}: notes"),
            "case": _("Case {ref}: subject or notes"),
            "service_delivery": _("Service {ref}: notes"),
        }
        return kinds[self.entity].format(ref=self.ref)


def _terms(expat: Expat) -> list[str]:
    """What identifies the person in free text: full name, e-mail, phone, reference."""
    name = full_name(expat.given_name, expat.family_name).strip()
    terms = [name if expat.given_name and expat.family_name else "", expat.email or ""]
    terms += [expat.phone or "", expat.expat_ref]
    return [term.lower() for term in terms if len(term.strip()) >= 4]


def mentions(database: Database, actor: Actor, expat_id: int) -> list[Mention]:
    """The texts of OTHER records that mention the expat ``expat_id`` by name, e-mail, phone or
    reference (administrators, before an erasure)."""
    actor.require(Permission.ERASURE)
    with database.reading() as session:
        expat = session.get(Expat, expat_id)
        if expat is None:
            raise UserError(_("This expat no longer exists."))
        terms = _terms(expat)
        if not terms:
            return []

        def naming(*columns: Any) -> ColumnElement[bool]:
            return or_(
                *(
                    func.lower(column).contains(term, autoescape=True)
                    for column in columns
                    for term in terms
                )
            )

        found: list[Mention] = []
        for row in session.execute(
            select(Expat.id, Expat.expat_ref).where(Expat.id != expat_id, naming(Expat.notes))
        ):
            found.append(Mention("expat", row.id, row.expat_ref, "notes", ("expat", row.id)))
        for row in session.execute(
            select(Employer.id, Employer.employer_ref).where(naming(Employer.notes))
        ):
            found.append(
                Mention("employer", row.id, row.employer_ref, "notes", ("employer", row.id))
            )
        noted = select(CaseNote.case_id).where(naming(CaseNote.text))
        for row in session.execute(
            select(Case.id, Case.case_ref).where(
                or_(Case.expat_id.is_(None), Case.expat_id != expat_id),
                or_(naming(Case.subject), Case.id.in_(noted)),
            )
        ):
            found.append(Mention("case", row.id, row.case_ref, "notes", ("case", row.id)))
        for service in session.execute(
            select(
                ServiceDelivery.id,
                ServiceDelivery.service_ref,
                ServiceDelivery.case_id,
                ServiceDelivery.expat_id,
                ServiceDelivery.employer_id,
            ).where(
                or_(ServiceDelivery.expat_id.is_(None), ServiceDelivery.expat_id != expat_id),
                naming(ServiceDelivery.notes),
            )
        ):
            link: tuple[str, int] = (
                ("case", service.case_id)
                if service.case_id
                else ("expat", service.expat_id)
                if service.expat_id
                else ("employer", service.employer_id or 0)
            )
            found.append(
                Mention("service_delivery", service.id, service.service_ref, "notes", link)
            )
        return found


def _reason(reason: str) -> str:
    cleaned = clean(reason)
    problem = (
        _("Say why the personal data is erased (for instance: at the person's request).")
        if not cleaned
        else too_long(cleaned, REASON_LIMIT)
    )
    if problem:
        raise ValidationError([FieldError("reason", problem)])
    assert cleaned is not None
    return cleaned


def anonymise_expat(
    database: Database,
    actor: Actor,
    expat_id: int,
    version: int,
    reason: str,
    now: datetime | None = None,
) -> Erasure:
    """Erase the personal data of the expat ``expat_id`` as it stood at ``version``.

    See the module's documentation for what goes and what stays. Administrators only
    (:attr:`Permission.ERASURE`); ``reason`` is required and goes into the trail. Raises
    :class:`StaleRecordError` when someone changed the expat since ``version``, and
    :class:`UserError` when the expat is anonymised already.
    """
    actor.require(Permission.ERASURE)
    why = _reason(reason)
    moment = now or utcnow()
    with database_refusals(), database.transaction(actor) as session:
        _require_scrubbing(database, session)
        expat = session.get(
            Expat,
            expat_id,
            options=[selectinload(Expat.family), selectinload(Expat.permits)],
            with_for_update=not database.is_sqlite,
        )
        check_version(session, expat, version, "expat")
        assert expat is not None
        if expat.anonymised_at is not None:
            raise UserError(
                _("The personal data of {ref} was erased already.").format(ref=expat.expat_ref)
            )
        erasure, touched = _anonymise(session, expat, why, moment)
        merged = merged_away(session, {expat_id})
        scrubbed = _scrub_trail(session, database, {expat_id} | set(merged), touched)
        register(session, [erasure.ref, *merged.values()], moment.date())
    purge(database, [erasure.ref, *merged.values()])
    return _with_trail(erasure, scrubbed)


def _with_trail(erasure: Erasure, scrubbed: int) -> Erasure:
    return Erasure(**{**erasure.__dict__, "trail_entries": scrubbed})


def _require_scrubbing(database: Database, session: Session) -> None:
    if not database.is_sqlite and not roles.has_scrub_function(session.connection()):
        raise UserError(
            _(
                "The database {name} must first be updated to this version of ExpatDesk by its "
                "owner (expatdesk init) before personal data can be erased."
            ).format(name=database.name)
        )


def _arrival_year(arrival: date | None) -> date | None:
    return None if arrival is None else date(arrival.year, 1, 1)


def _anonymise(
    session: Session, expat: Expat, reason: str, moment: datetime
) -> tuple[Erasure, dict[str, set[int]]]:
    """Erase one loaded expat's personal data; returns what was done and the ids of the records
    whose trail must be scrubbed (before their rows went)."""
    expat_id, ref, version = expat.id, expat.expat_ref, expat.version
    cases = list(
        session.scalars(
            select(Case)
            .where(Case.expat_id == expat_id)
            .options(selectinload(Case.notes), selectinload(Case.tasks))
        )
    )
    deliveries = list(
        session.scalars(select(ServiceDelivery).where(ServiceDelivery.expat_id == expat_id))
    )
    touched: dict[str, set[int]] = {
        "family_member": {member.id for member in expat.family},
        "permit": {permit.id for permit in expat.permits},
        "case": {record.id for record in cases},
        "case_note": {note.id for record in cases for note in record.notes},
        "task": {task.id for record in cases for task in record.tasks},
        "service_delivery": {delivery.id for delivery in deliveries},
    }
    employer_names = {
        row.id: row.name
        for row in session.execute(
            select(Employer.id, Employer.name).where(
                Employer.id.in_({record.employer_id for record in cases if record.employer_id})
            )
        )
    }
    with stale_guard(session, "expat", expat_id):
        for member in list(expat.family):
            session.delete(member)
        for permit in list(expat.permits):
            session.delete(permit)
        for record in cases:
            for note in list(record.notes):
                session.delete(note)
            for task in list(record.tasks):
                session.delete(task)
            record.subject = ANONYMISED_SUBJECT
            record.search_key = case_search_key(
                record.case_ref,
                ANONYMISED_SUBJECT,
                ANONYMISED,
                employer_names.get(record.employer_id) if record.employer_id else None,
            )
        for delivery in deliveries:
            if delivery.notes is not None:
                delivery.notes = None
        session.flush()
    session.expunge(expat)
    changed = session.execute(
        update(Expat)
        .where(Expat.id == expat_id, Expat.version == version)
        .values(
            given_name="",
            family_name=ANONYMISED,
            search_key=expat_search_key("", ANONYMISED, None, ref),
            date_of_birth=None,
            nationality=None,
            email=None,
            phone=None,
            bsn=None,
            category_code=None,
            education_level_code=None,
            arrival_date=_arrival_year(expat.arrival_date),
            departure_date=None,
            municipality_code=None,
            preferred_language=None,
            survey_consent=False,
            survey_consent_date=None,
            notes=None,
            anonymised_at=moment,
            updated_at=moment,
            version=version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        raise StaleRecordError(
            _("Someone else changed this record while you were saving it.")
            + " "
            + _("Reload it to see the current version; what you typed is kept until you do."),
            "expat",
            expat_id,
        )
    changes = {
        "anonymised_at": [None, moment.isoformat(timespec="seconds")],
        "erasure_reason": [None, reason],
    }
    audit.write(session, [audit.entry(session, "update", "expat", expat_id, changes)])
    responses = _count(session, SurveyResponse.expat_id == expat_id)
    erasure = Erasure(
        id=expat_id,
        ref=ref,
        family_members=len(touched["family_member"]),
        permits=len(touched["permit"]),
        cases=len(cases),
        case_notes=len(touched["case_note"]),
        tasks=len(touched["task"]),
        deliveries_kept=len(deliveries),
        survey_responses_kept=responses,
        trail_entries=0,
    )
    return erasure, touched


# --- the person behind the record: merged-away records, the register ------------------------


def merged_away(session: Session, expat_ids: set[int]) -> dict[int, str]:
    """The ids and refs of the records that were merged into the expats ``expat_ids`` (and into
    those, and so on): the same person, whose trail an erasure cleans too.

    A merge writes ``merged_from`` on the kept record and a ``delete`` entry, with the ref, for
    the dropped one; that is all that is left of it.
    """
    found: dict[int, str] = {}
    todo = set(expat_ids)
    seen: set[int] = set()
    while todo:
        seen |= todo
        refs: set[str] = set()
        for chunk in chunks(sorted(todo), 900):
            rows = _trail_rows(
                session,
                "expat",
                and_(AuditEntry.entity_id.in_(chunk), AuditEntry.changes.like('%"merged_from"%')),
            )
            for _id, _entity_id, _action, changes in rows:
                value = loads(changes).get("merged_from")
                if isinstance(value, list) and len(value) == 2 and isinstance(value[1], str):
                    refs.add(value[1])
        todo = set()
        for ref in sorted(refs):
            pattern = f'%"expat_ref": [{json.dumps(ref, ensure_ascii=False)}, null]%'
            condition = and_(AuditEntry.action == "delete", AuditEntry.changes.like(pattern))
            for _id, entity_id, _action, _changes in _trail_rows(session, "expat", condition):
                if entity_id not in seen:
                    found[entity_id] = ref
                    todo.add(entity_id)
    return found


def register(session: Session, refs: Iterable[str], day: date) -> None:
    """Write the erased references into the register (ref and day, nothing else)."""
    for ref in sorted(set(refs)):
        if session.get(ErasedPerson, ref) is None:
            session.add(ErasedPerson(ref=ref, erased_on=day))
    session.flush()


def erased_refs(session: Session, refs: Iterable[str] | None = None) -> set[str]:
    """The references in the register (of those ``refs``, when given)."""
    statement = select(ErasedPerson.ref)
    if refs is None:
        return set(session.scalars(statement))
    found: set[str] = set()
    for chunk in chunks(sorted(set(refs)), 900):
        found.update(session.scalars(statement.where(ErasedPerson.ref.in_(chunk))))
    return found


# --- nothing recoverable afterwards -----------------------------------------------------------

#: The tables an erasure changes; PostgreSQL's VACUUM removes their old row versions.
ERASED_TABLES = (
    "expat",
    "family_member",
    "permit",
    "case_file",
    "case_note",
    "task",
    "service_delivery",
    "survey_response",
    "audit_entry",
)


#: The tables whose indexes hold personal values (names, e-mail, search keys): PostgreSQL
#: rebuilds them after an erasure.
REINDEXED_TABLES = ("expat", "case_file")


@dataclass(frozen=True)
class Purge:
    """What was done after an erasure so that nothing of it can be read back."""

    copies_removed: tuple[Path, ...] = ()
    vacuumed: bool = False
    #: False when a step failed (the erasure itself was committed before); the log says which.
    complete: bool = True


def purge(database: Database, refs: Sequence[str], *, vacuum: bool = False) -> Purge:
    """After an erasure committed: leave nothing of the erased persons readable.

    SQLite (``secure_delete`` is on for every connection, so what the erasure removed was
    overwritten): the search indexes are merged into one segment (FTS5 keeps the trigrams of
    removed text in older segments until then), the write-ahead log is checkpointed and
    truncated (it held earlier versions of the pages), and the copies ExpatDesk made itself next
    to the file (before migrating, before restoring) that still hold one of the persons are
    removed. PostgreSQL: the changed tables are vacuumed, and the indexes that hold names and
    e-mail addresses rebuilt, when the connecting role owns them; otherwise the owner's nightly
    ``vacuumdb`` and ``reindexdb`` (README) do it.
    """
    try:
        return _purge(database, refs, vacuum)
    except (sqlite3.Error, DBAPIError, OSError) as error:
        log.warning("cleaning up after an erasure failed: %s", type(error).__name__)
        return Purge(complete=False)


def _purge(database: Database, refs: Sequence[str], vacuum: bool) -> Purge:
    if database.is_sqlite:
        with database.engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            for fts in search_index.FTS_TABLES.values():
                driver.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
            if vacuum:  # a restored file: its free pages are the backup's, not zeroed
                driver.execute("VACUUM")
            busy = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:  # a long read kept the log: it is truncated at a later checkpoint
            log.warning("the write-ahead log could not be truncated after an erasure")
        copies = tuple(_remove_copies_holding(database, refs))
        return Purge(copies_removed=copies, complete=not busy)
    with database.engine.connect() as connection:
        owned = roles.is_owner(connection)
        connection.rollback()
        if not owned:
            return Purge()
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        for table in ERASED_TABLES:
            connection.exec_driver_sql(f"VACUUM {table}")
        # VACUUM frees the index entries but leaves their bytes in the pages: rebuilt, the
        # indexes of names, e-mail addresses and search keys hold nothing of the person.
        for table in REINDEXED_TABLES:
            connection.exec_driver_sql(f"REINDEX TABLE CONCURRENTLY {table}")
    return Purge(vacuumed=True)


def _remove_copies_holding(database: Database, refs: Sequence[str]) -> list[Path]:
    removed = []
    for copy in automatic_copies(Path(database.url.database or "")):
        if _holds_any(copy, refs):
            copy.unlink(missing_ok=True)
            removed.append(copy)
    return removed


def _holds_any(copy: Path, refs: Sequence[str]) -> bool:
    """Whether the SQLite file ``copy`` holds one of ``refs`` not anonymised (or can't tell)."""
    try:
        connection = sqlite3.connect(f"file:{copy}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return True
    try:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(expat)")}
        condition = " AND anonymised_at IS NULL" if "anonymised_at" in columns else ""
        for chunk in chunks(sorted(set(refs)), 900):
            marks = ", ".join("?" * len(chunk))
            row = connection.execute(
                f"SELECT 1 FROM expat WHERE expat_ref IN ({marks}){condition} LIMIT 1", chunk
            ).fetchone()
            if row is not None:
                return True
        return False
    except sqlite3.Error:
        return True
    finally:
        connection.close()


@dataclass(frozen=True)
class Restored:
    """What restoring a backup did: where the previous contents went, and the references of the
    register that the backup still held in full and that were erased again."""

    kept: Path
    erased_again: tuple[str, ...]


def restore_backup(database: Database, source: Path) -> Restored:
    """Restore the SQLite backup ``source`` over ``database`` (see :meth:`Database.restore_from`)
    keeping every erasure: the register of the current database is added to the restored one,
    and each person in it whom the backup still holds is erased again, in one transaction,
    before anyone can read them; then nothing of them is left in the file."""
    with database.reading() as session:
        tables = set(inspect(session.connection()).get_table_names())
        before: list[tuple[str, date]] = (
            [(row.ref, row.erased_on) for row in session.scalars(select(ErasedPerson))]
            if ErasedPerson.__tablename__ in tables
            else []
        )
    kept = database.restore_from(source)
    moment = utcnow()
    with database.transaction() as session:
        for ref, day in before:
            if session.get(ErasedPerson, ref) is None:
                session.add(ErasedPerson(ref=ref, erased_on=day))
        session.flush()
        registered = erased_refs(session)
        again = list(
            session.scalars(
                select(Expat)
                .where(Expat.expat_ref.in_(sorted(registered)), Expat.anonymised_at.is_(None))
                .options(selectinload(Expat.family), selectinload(Expat.permits))
                .order_by(Expat.id)
            )
        )
        refs: list[str] = []
        touched: dict[str, set[int]] = {}
        ids = {expat.id for expat in again}
        for expat in again:
            erasure, parts = _anonymise(session, expat, RESTORE_REASON, moment)
            refs.append(erasure.ref)
            for entity, part_ids in parts.items():
                touched.setdefault(entity, set()).update(part_ids)
        if ids:
            _scrub_trail(session, database, ids | set(merged_away(session, ids)), touched)
    purge(database, refs, vacuum=True)
    return Restored(kept, tuple(refs))


#: The reason in the trail of an erasure made again after restoring a backup.
RESTORE_REASON = "Erased before; erased again after restoring a backup"


# --- erasing values from the trail ------------------------------------------------------------


def _trail_rows(
    session: Session, entity: str, condition: ColumnElement[bool] | None = None
) -> Iterator[tuple[int, int, str, str | None]]:
    """``(id, entity_id, action, changes)`` of the entries of ``entity``, streamed."""
    statement = select(
        AuditEntry.id, AuditEntry.entity_id, AuditEntry.action, AuditEntry.changes
    ).where(AuditEntry.entity == entity)
    if condition is not None:
        statement = statement.where(condition)
    for row in session.execute(statement.execution_options(yield_per=2000)):
        yield row.id, row.entity_id, row.action, row.changes


def loads(changes: str | None) -> dict[str, Any]:
    if not changes:
        return {}
    try:
        data = json.loads(changes)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


#: Up to this many records, the trail is searched for the JSON that names them (``LIKE``, in
#: the database); for more, every entry of the kind is read and its JSON checked here.
_LIKE_LIMIT = 100


def _naming(key: str, parents: set[int]) -> ColumnElement[bool] | None:
    """A condition that holds for every entry whose JSON names one of ``parents`` in ``key``
    (as :func:`audit.entry` writes it: ``"key": [old, new]``), and for few others."""
    if len(parents) > _LIKE_LIMIT:
        return None
    return or_(
        *(
            AuditEntry.changes.like(pattern)
            for parent in sorted(parents)
            for pattern in (f'%"{key}": [{parent}, %', f'%"{key}": [%, {parent}]%')
        )
    )


def _linked(
    session: Session, entity: str, key: str, parents: set[int], known: set[int]
) -> set[int]:
    """``known`` (the records of ``parents`` that exist) and the ``entity`` records the trail
    says were deleted while they belonged to one of ``parents`` through ``key``.

    A deleted record's entry holds all its values, the link to its parent included; records
    that still exist are found in their tables, so only the (few) delete entries are read.
    """
    found = set(known)
    if not parents:
        return found
    # The trail's JSON is written by audit.entry alone (json.dumps), so the pair of a key is
    # found in the text without parsing every entry.
    pair = re.compile(rf'"{re.escape(key)}"\s*:\s*\[\s*(null|-?\d+)\s*,\s*(null|-?\d+)\s*\]')
    wanted = {str(parent) for parent in parents}
    deleted = AuditEntry.action == "delete"
    naming = _naming(key, parents)
    condition = deleted if naming is None else and_(deleted, naming)
    for _id, entity_id, _action, changes in _trail_rows(session, entity, condition):
        if entity_id in found or not changes:
            continue
        match = pair.search(changes)
        if match is not None and (match.group(1) in wanted or match.group(2) in wanted):
            found.add(entity_id)
    return found


def trail_records(
    session: Session, expat_ids: set[int], known: Mapping[str, set[int]] | None = None
) -> dict[str, set[int]]:
    """Every record of the trail that belongs to the expats ``expat_ids``: per entity, the ids
    of the expats themselves, their family members, permits, cases, the cases' notes and tasks,
    service deliveries and survey responses, also those removed since (found through the
    ``expat_id`` / ``case_id`` their entries name). ``known`` adds ids read before rows went."""
    known = known or {}
    current: dict[str, set[int]] = {
        "family_member": set(
            session.scalars(select(FamilyMember.id).where(FamilyMember.expat_id.in_(expat_ids)))
        ),
        "permit": set(session.scalars(select(Permit.id).where(Permit.expat_id.in_(expat_ids)))),
        "case": set(session.scalars(select(Case.id).where(Case.expat_id.in_(expat_ids)))),
        "service_delivery": set(
            session.scalars(
                select(ServiceDelivery.id).where(ServiceDelivery.expat_id.in_(expat_ids))
            )
        ),
        "survey_response": set(
            session.scalars(select(SurveyResponse.id).where(SurveyResponse.expat_id.in_(expat_ids)))
        ),
    }
    records: dict[str, set[int]] = {"expat": set(expat_ids)}
    for entity, ids in current.items():
        records[entity] = _linked(
            session, entity, "expat_id", expat_ids, ids | known.get(entity, set())
        )
    cases = records["case"]
    for entity, model in (("case_note", CaseNote), ("task", Task)):
        ids = (
            set(session.scalars(select(model.id).where(model.case_id.in_(cases))))
            if cases
            else set()
        )
        records[entity] = _linked(session, entity, "case_id", cases, ids | known.get(entity, set()))
    return records


def scrubbed(entity: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """An entry's changes with the values of every field not :data:`KEPT` erased."""
    kept = KEPT.get(entity)
    if kept is None:
        return dict(data)
    result: dict[str, Any] = {}
    for name, value in data.items():
        if name in kept:
            result[name] = value
        elif isinstance(value, list):
            result[name] = [None if side is None else ERASED for side in value]
        else:
            result[name] = None if value is None else ERASED
    return result


def _dumps(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _scrub_trail(
    session: Session,
    database: Database,
    expat_ids: set[int],
    known: Mapping[str, set[int]] | None = None,
) -> int:
    """Erase the values of personal fields from every entry about the expats; returns how many
    entries changed."""
    records = trail_records(session, expat_ids, known)
    updates: list[tuple[int, str]] = []
    for entity, ids in records.items():
        if entity not in KEPT or not ids:
            continue
        for chunk in chunks(sorted(ids), 900):
            rows = _trail_rows(session, entity, AuditEntry.entity_id.in_(chunk))
            for entry_id, _entity_id, _action, changes in rows:
                data = loads(changes)
                if not data:
                    continue
                clean_data = scrubbed(entity, data)
                if clean_data != data:
                    updates.append((entry_id, _dumps(clean_data)))
    for batch in chunks(updates, _SCRUB_BATCH):
        if database.is_sqlite:
            session.execute(
                update(AuditEntry).execution_options(synchronize_session=False),
                [{"id": entry_id, "changes": changes} for entry_id, changes in batch],
            )
        else:
            session.execute(
                text(
                    f"SELECT {roles.SCRUB_FUNCTION}"
                    "(CAST(:ids AS integer[]), CAST(:changes AS text[]))"
                ),
                {
                    "ids": [entry_id for entry_id, _changes in batch],
                    "changes": [changes for _entry_id, changes in batch],
                },
            )
    return len(updates)


def scrub_deleted(
    session: Session,
    database: Database,
    expat_ids: set[int],
    known: Mapping[str, set[int]] | None = None,
) -> int:
    """Erase the personal values from the trail of expats just deleted (or merged away), in the
    caller's transaction; returns how many entries changed.

    On PostgreSQL only roles that may execute :data:`roles.SCRUB_FUNCTION` can (the owner and
    the administrators); for others the entries wait for the erasure of the person or for the
    owner (:func:`clean_deleted_trail`), and ``0`` is returned.
    """
    if not _may_scrub(session, database):
        return 0
    return _scrub_trail(session, database, expat_ids, known)


def _may_scrub(session: Session, database: Database) -> bool:
    if database.is_sqlite:
        return True
    connection = session.connection()
    return roles.has_scrub_function(connection) and bool(
        connection.execute(
            text("SELECT has_function_privilege(:function, 'EXECUTE')"),
            {"function": f"{roles.SCRUB_FUNCTION}(integer[], text[])"},
        ).scalar()
    )


def clean_deleted_trail(database: Database) -> int:
    """Erase the personal values the trail still keeps of expats that were deleted by a login
    that could not clean it (a desk officer's, on PostgreSQL); returns how many entries changed.

    For the owner and administrators (``expatdesk init`` runs it on PostgreSQL). Records merged
    away are left alone: their person lives on in the record kept, and an erasure of that
    person cleans them (:func:`merged_away`).
    """
    with database.transaction() as session:
        if not _may_scrub(session, database):
            return 0
        rows = _trail_rows(
            session,
            "expat",
            and_(
                AuditEntry.action == "delete",
                AuditEntry.changes.like('%"family_name": [%'),
                AuditEntry.changes.not_like('%"family_name": ["(erased)", null]%'),
            ),
        )
        deleted = {
            entity_id: loads(changes).get("expat_ref") for _id, entity_id, _a, changes in rows
        }
        if not deleted:
            return 0
        merged: set[str] = set()
        merges = _trail_rows(session, "expat", AuditEntry.changes.like('%"merged_from"%'))
        for _id, _entity_id, _action, changes in merges:
            value = loads(changes).get("merged_from")
            if isinstance(value, list) and len(value) == 2 and isinstance(value[1], str):
                merged.add(value[1])
        ids = {
            expat_id
            for expat_id, ref in deleted.items()
            if not (isinstance(ref, list) and ref and ref[0] in merged)
        }
        return _scrub_trail(session, database, ids) if ids else 0


_T = TypeVar("_T")


def chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- retention --------------------------------------------------------------------------------


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


def as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


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
        _require_scrubbing(database, session)
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
            erasure, parts = _anonymise(session, expat, reason, moment)
            done.append(erasure.ref)
            for entity, part_ids in parts.items():
                touched.setdefault(entity, set()).update(part_ids)
        merged = merged_away(session, eligible) if eligible else {}
        entries = (
            _scrub_trail(session, database, eligible | set(merged), touched) if eligible else 0
        )
        register(session, [*done, *merged.values()], moment.date())
        skipped = tuple(expat_id for expat_id in wanted if expat_id not in eligible)
    if done:
        purge(database, [*done, *merged.values()])
    return RetentionResult(tuple(done), skipped, entries)
