"""Privacy (GDPR): erasing an expat's personal data, on request or after restoring a backup.

Anonymising an expat (:func:`anonymise_expat`, on request;
:func:`~expatdesk.privacy.retention.apply_retention`, after the retention period) runs in ONE
transaction and keeps every figure of the targets report (``shared/spec/targets.md``) as it was.
The decision on what goes and what stays:

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
    kept (:data:`~expatdesk.privacy.trail.KEPT`) becomes ``"(erased)"``; the entries still say
    which fields changed. :mod:`expatdesk.privacy.trail` finds the entries and erases the values
    (on PostgreSQL through the owner's ``expatdesk_scrub_audit``). One entry records the erasure
    itself: when, by whom and why.

After the transaction, :mod:`expatdesk.privacy.purge` leaves nothing of the person readable in
the database's files. The retention period is :mod:`expatdesk.privacy.retention`; subject access
is :mod:`expatdesk.privacy.subject_access`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, func, inspect, or_, select, update
from sqlalchemy.orm import Session, selectinload

from expatdesk.accounts.actor import Actor, Permission, database_refusals
from expatdesk.common.concurrency import StaleRecordError, check_version, stale_guard
from expatdesk.common.validation import FieldError, ValidationError, clean, too_long
from expatdesk.db import audit, roles
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Case,
    CaseNote,
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
from expatdesk.documents import privacy as document_privacy
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.privacy.purge import purge
from expatdesk.privacy.trail import chunks, merged_away, scrub_trail
from expatdesk.text import case_search_key, expat_search_key, full_name

#: What an anonymised expat is called, in every list (stored: the same in every language).
ANONYMISED = "Anonymised"
#: The subject of an anonymised expat's cases.
ANONYMISED_SUBJECT = "Anonymised"
REASON_LIMIT = 500

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
    documents: int = 0  # attachments and letters on their cases and services


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
            documents=document_privacy.count_documents(session, expat_id),
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
        require_scrubbing(database, session)
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
        erasure, touched = anonymise(session, expat, why, moment)
        merged = merged_away(session, {expat_id})
        scrubbed = scrub_trail(session, database, {expat_id} | set(merged), touched)
        register(session, [erasure.ref, *merged.values()], moment.date())
    purge(database, [erasure.ref, *merged.values()])
    return _with_trail(erasure, scrubbed)


def _with_trail(erasure: Erasure, scrubbed: int) -> Erasure:
    return Erasure(**{**erasure.__dict__, "trail_entries": scrubbed})


def require_scrubbing(database: Database, session: Session) -> None:
    if not database.is_sqlite and not roles.has_scrub_function(session.connection()):
        raise UserError(
            _(
                "The database {name} must first be updated to this version of ExpatDesk by its "
                "owner (expatdesk init) before personal data can be erased."
            ).format(name=database.name)
        )


def _arrival_year(arrival: date | None) -> date | None:
    return None if arrival is None else date(arrival.year, 1, 1)


def anonymise(
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
        "case_document": document_privacy.erase_documents(session, expat_id),
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


# --- the register of erased persons ----------------------------------------------------------


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


# --- restoring a backup keeps every erasure ---------------------------------------------------


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
            erasure, parts = anonymise(session, expat, RESTORE_REASON, moment)
            refs.append(erasure.ref)
            for entity, part_ids in parts.items():
                touched.setdefault(entity, set()).update(part_ids)
        if ids:
            scrub_trail(session, database, ids | set(merged_away(session, ids)), touched)
    purge(database, refs, vacuum=True)
    return Restored(kept, tuple(refs))


#: The reason in the trail of an erasure made again after restoring a backup.
RESTORE_REASON = "Erased before; erased again after restoring a backup"
