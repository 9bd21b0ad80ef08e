"""Subject access (GDPR): everything held about one expat, as JSON and as a PDF for the person.

:func:`subject_access` gathers it as a JSON-ready dict (keys in English, dates in ISO form, code
values with their English and Dutch labels): the record with the BSN in full (it is the person's
own data; looking at it is written into the trail as ``view_bsn``), family members, permits,
cases with their notes and tasks, service deliveries, survey responses, the consent for survey
contact with its date, the documents on their cases (the letters sent are written beside the
export as PDF files), and the audit trail of all these records (found as
:func:`expatdesk.privacy.trail.trail_records` finds them for an erasure, records removed
since included). Staff with a role that works with client records may make the export.

:func:`export_subject_access` writes it as JSON and as a PDF for the person
(:mod:`expatdesk.reports.pdf.subject_access`), in their preferred language when that is Dutch or
English, else in English. Each file appears complete or not at all.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from expatdesk import i18n
from expatdesk.accounts.actor import Actor, Permission, database_refusals
from expatdesk.db import audit
from expatdesk.db.database import Database
from expatdesk.db.models import (
    AuditEntry,
    Case,
    CodeMixin,
    EducationLevel,
    Employer,
    Expat,
    ExpatCategory,
    Facility,
    Municipality,
    PermitType,
    ServiceDelivery,
    ServiceType,
    StaffUser,
    SurveyFacility,
    SurveyResponse,
)
from expatdesk.db.types import as_utc, utcnow
from expatdesk.documents import privacy as document_privacy
from expatdesk.errors import UserError
from expatdesk.history.values import FieldChange, Lookups, in_form_order, pairs
from expatdesk.i18n import _
from expatdesk.privacy import access_log
from expatdesk.privacy.trail import chunks, trail_records
from expatdesk.reports.target_settings import read_centre_name

JSON_FORMAT = "expatdesk-subject-access"
JSON_VERSION = 1
PDF_LANGUAGES = ("nl", "en")


def _code(row: CodeMixin | None) -> dict[str, str] | None:
    if row is None:
        return None
    return {"code": row.code, "en": row.label_en, "nl": row.label_nl}


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _when(value: datetime | None) -> str | None:
    return None if value is None else as_utc(value).isoformat(timespec="seconds")


def pdf_language(preferred: str | None) -> str:
    """The language of the person's PDF: their preferred one if Dutch or English, else English."""
    return preferred if preferred in PDF_LANGUAGES else "en"


def suggested_file_name(database: Database, expat_id: int) -> str:
    """The name under which to save an expat's export: ``EXP-000123-personal-data.pdf``."""
    with database.reading() as session:
        ref = session.scalar(select(Expat.expat_ref).where(Expat.id == expat_id))
    if ref is None:
        raise UserError(_("This expat no longer exists."))
    return f"{ref}-personal-data.pdf"


def subject_access(database: Database, actor: Actor, expat_id: int) -> dict[str, Any]:
    """Everything held about one expat, as a JSON-ready dict (keys in English, dates ISO).

    The BSN is in full: it is the person's own data. That it was shown is written into the
    trail (``view_bsn``, with purpose ``subject_access``) in the same transaction, before the
    trail is read, so the export lists it too.
    """
    actor.require(Permission.CLIENTS)
    centre = read_centre_name(database)
    with database_refusals(), database.transaction(actor) as session:
        expat = session.get(
            Expat,
            expat_id,
            options=[selectinload(Expat.family), selectinload(Expat.permits)],
        )
        if expat is None:
            raise UserError(_("This expat no longer exists."))
        if expat.bsn:
            audit.write(
                session,
                [
                    audit.entry(
                        session,
                        "view_bsn",
                        "expat",
                        expat_id,
                        {"purpose": [None, "subject_access"]},
                    )
                ],
            )
        access_log.log_in(session, actor, "subject_access", "expat", expat_id)
        data = _subject_data(session, expat)
        data["centre"] = centre
        data["generated_at"] = _when(utcnow())
        data["generated_by"] = actor.display_name
        return data


def _subject_data(session: Session, expat: Expat) -> dict[str, Any]:
    def coded(table: type[CodeMixin], code: str | None) -> dict[str, str] | None:
        return None if code is None else _code(session.get(table, code))

    employer = session.get(Employer, expat.employer_id) if expat.employer_id else None
    staff = {
        row.id: row.display_name
        for row in session.execute(select(StaffUser.id, StaffUser.display_name))
    }
    person = {
        "ref": expat.expat_ref,
        "given_name": expat.given_name,
        "family_name": expat.family_name,
        "date_of_birth": _day(expat.date_of_birth),
        "nationality": expat.nationality,
        "email": expat.email,
        "phone": expat.phone,
        "bsn": expat.bsn,
        "employer": None
        if employer is None
        else {"ref": employer.employer_ref, "name": employer.name},
        "category": coded(ExpatCategory, expat.category_code),
        "education_level": coded(EducationLevel, expat.education_level_code),
        "arrival_date": _day(expat.arrival_date),
        "departure_date": _day(expat.departure_date),
        "municipality": coded(Municipality, expat.municipality_code),
        "preferred_language": expat.preferred_language,
        "notes": expat.notes,
        "registered_at": _when(expat.created_at),
        "last_changed_at": _when(expat.updated_at),
        "anonymised_at": _when(expat.anonymised_at),
    }
    family = [
        {
            "relation": member.relation,
            "given_name": member.given_name,
            "family_name": member.family_name,
            "date_of_birth": _day(member.date_of_birth),
            "school": member.school,
            "registered_at": _when(member.created_at),
        }
        for member in expat.family
    ]
    permits = [
        {
            "type": coded(PermitType, permit.permit_type_code),
            "number": permit.number,
            "valid_from": _day(permit.valid_from),
            "valid_until": _day(permit.valid_until),
        }
        for permit in expat.permits
    ]
    cases = []
    for record in session.scalars(
        select(Case)
        .where(Case.expat_id == expat.id)
        .options(selectinload(Case.notes), selectinload(Case.tasks))
        .order_by(Case.opened_on, Case.id)
    ):
        cases.append(
            {
                "ref": record.case_ref,
                "subject": record.subject,
                "status": record.status,
                "opened_on": _day(record.opened_on),
                "closed_at": _when(record.closed_at),
                "owner": staff.get(record.owner_id) if record.owner_id else None,
                "notes": [
                    {
                        "written_at": _when(note.created_at),
                        "author": staff.get(note.author_id) if note.author_id else None,
                        "text": note.text,
                    }
                    for note in record.notes
                ],
                "tasks": [
                    {
                        "title": task.title,
                        "due_date": _day(task.due_date),
                        "done_at": _when(task.done_at),
                    }
                    for task in record.tasks
                ],
            }
        )
    services = {row.code: row for row in session.scalars(select(ServiceType))}
    case_refs = {
        row.id: row.case_ref
        for row in session.execute(
            select(Case.id, Case.case_ref)
            .join(ServiceDelivery, ServiceDelivery.case_id == Case.id)
            .where(ServiceDelivery.expat_id == expat.id)
        )
    }
    deliveries = [
        {
            "ref": delivery.service_ref,
            "service": _code(services.get(delivery.service_code)),
            "delivered_on": _day(delivery.delivered_on),
            "case": case_refs.get(delivery.case_id) if delivery.case_id else None,
            "notes": delivery.notes,
        }
        for delivery in session.scalars(
            select(ServiceDelivery)
            .where(ServiceDelivery.expat_id == expat.id)
            .order_by(ServiceDelivery.delivered_on, ServiceDelivery.id)
        )
    ]
    facilities = {row.code: row for row in session.scalars(select(Facility))}
    responses = []
    for response in session.scalars(
        select(SurveyResponse)
        .where(SurveyResponse.expat_id == expat.id)
        .options(selectinload(SurveyResponse.facilities))
        .order_by(SurveyResponse.responded_on, SurveyResponse.id)
    ):
        responses.append(
            {
                "ref": response.response_ref,
                "responded_on": _day(response.responded_on),
                "score_service": response.score_service,
                "intends_to_leave": response.intends_to_leave,
                "facilities_used": [
                    _code(facilities.get(used.facility_code))
                    for used in sorted(response.facilities, key=_facility_code)
                ],
                "questionnaire_version": response.questionnaire_version,
            }
        )
    return {
        "format": JSON_FORMAT,
        "format_version": JSON_VERSION,
        "language": pdf_language(expat.preferred_language),
        "person": person,
        "consent": {
            "survey_contact": bool(expat.survey_consent),
            "since": _day(expat.survey_consent_date),
        },
        "family_members": family,
        "permits": permits,
        "cases": cases,
        "service_deliveries": deliveries,
        "survey_responses": responses,
        "documents": document_privacy.documents_of(session, expat.id),
        "audit_trail": _trail_of(session, expat.id, staff, pdf_language(expat.preferred_language)),
    }


def _facility_code(used: SurveyFacility) -> str:
    return used.facility_code


#: Fields of the trail that only link a record to another; the export leaves them out of the
#: readable details (the JSON keeps them).
_LINKS = frozenset({"expat_id", "case_id", "response_id", "delivery_id"}) | {
    "checklist_item_id",  # a document's bookkeeping (expatdesk.documents)
    "added_by_id",
    "added_at",
    "sha256",
}


def _trail_of(
    session: Session, expat_id: int, staff: Mapping[int, str], language: str
) -> list[dict[str, Any]]:
    """Every entry about the expat's records, oldest first, as the trail keeps it (BSN masked),
    with its changes also as readable lines in ``language``."""
    records = trail_records(session, {expat_id})
    rows: list[AuditEntry] = []
    for entity, ids in records.items():
        for chunk in chunks(sorted(ids), 900):
            rows += session.scalars(
                select(AuditEntry).where(
                    AuditEntry.entity == entity, AuditEntry.entity_id.in_(chunk)
                )
            )
    rows.sort(key=lambda row: (row.at, row.id))
    changes = [audit.changes_of(row.changes) for row in rows]
    values = Lookups.read(session, changes)
    entries = []
    with i18n.using(language):
        for row, data in zip(rows, changes, strict=True):
            details = [
                change.text()
                for change in in_form_order(
                    FieldChange(name, values.shown(name, old), values.shown(name, new))
                    for name, (old, new) in pairs(data)
                    if name not in _LINKS
                )
            ]
            entries.append(
                {
                    "at": _when(row.at),
                    "by": staff.get(row.staff_user_id, row.username)
                    if row.staff_user_id is not None
                    else row.username,
                    "action": row.action,
                    "record": row.entity,
                    "record_id": row.entity_id,
                    "changes": data or None,
                    "details": details,
                }
            )
    return entries


@dataclass(frozen=True)
class SubjectAccessFiles:
    """Where :func:`export_subject_access` wrote the export."""

    pdf: Path
    json: Path
    language: str


def export_subject_access(
    database: Database, actor: Actor, expat_id: int, pdf_path: Path
) -> SubjectAccessFiles:
    """Write everything held about one expat to ``pdf_path`` (for the person) and beside it,
    with the suffix ``.json``, as JSON. Each file appears complete or not at all; when one
    cannot be written, neither is left behind."""
    from expatdesk.reports.pdf.subject_access import render_subject_access_pdf

    data = subject_access(database, actor, expat_id)
    language = str(data["language"])
    pdf = render_subject_access_pdf(data, language=language)
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8") + b"\n"
    pdf_path = pdf_path if pdf_path.suffix.lower() == ".pdf" else pdf_path.with_suffix(".pdf")
    json_path = pdf_path.with_suffix(".json")
    with database.reading() as session:  # the letters sent, as files beside the export
        letters = [
            (pdf_path.with_name(f"{pdf_path.stem}-{name}"), content)
            for name, content in document_privacy.letters_of(session, expat_id)
        ]
    _write_both([(pdf_path, pdf), (json_path, body), *letters])
    return SubjectAccessFiles(pdf_path, json_path, language)


def _write_both(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write each file under a temporary name, then rename them all into place."""
    written: list[tuple[Path, Path]] = []
    try:
        for target, content in files:
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            written.append((Path(name), target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
        placed: list[Path] = []
        try:
            for partial, target in written:
                os.replace(partial, target)
                placed.append(target)
        except OSError:
            for target in placed:
                target.unlink(missing_ok=True)
            raise
    except OSError as error:
        for partial, _target in written:
            partial.unlink(missing_ok=True)
        raise UserError(
            _("Cannot write {path}: {reason}").format(
                path=files[0][0].parent, reason=error.strerror or error
            )
        ) from None
