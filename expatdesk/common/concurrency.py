"""Optimistic locking: a save based on an old copy of a record is refused, never applied.

Every edited record carries a ``version`` (SQLAlchemy's ``version_id_col``). A form remembers the
version it showed; the service calls :func:`check_version` before it changes anything, and a
concurrent change between that check and the write makes the flush fail, which
:func:`stale_guard` turns into the same :class:`StaleRecordError`. The message says who changed
the record, when, and which fields, taken from the audit trail, so the user can reload knowing
what they will see; the form keeps what they typed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from expatdesk import i18n
from expatdesk.db import audit
from expatdesk.db.models import AuditEntry
from expatdesk.errors import AlreadySavedError, UserError
from expatdesk.i18n import N_, _

#: How the fields of the records are named in messages (a column not listed shows its own name).
FIELD_LABELS: dict[str, str] = {
    "given_name": N_("Given name"),
    "family_name": N_("Family name"),
    "date_of_birth": N_("Date of birth"),
    "nationality": N_("Nationality"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "bsn": N_("BSN"),
    "employer_id": N_("Employer"),
    "category_code": N_("Category"),
    "education_level_code": N_("Education level"),
    "arrival_date": N_("Arrival"),
    "departure_date": N_("Departure"),
    "municipality_code": N_("Municipality"),
    "preferred_language": N_("Preferred language"),
    "survey_consent": N_("Survey consent"),
    "survey_consent_date": N_("Survey consent"),
    "notes": N_("Notes"),
    "name": N_("Name"),
    "kvk_number": N_("KvK number"),
    "high_tech": N_("High-tech"),
    "recognised_sponsor": N_("Recognised sponsor"),
    "website": N_("Website"),
    "subject": N_("Subject"),
    "status": N_("Status"),
    "owner_id": N_("Owner"),
    "title": N_("Title"),
    "due_date": N_("Due date"),
    "done_at": N_("Done"),
    "family": N_("Family members"),
    "permits": N_("Permits"),
    "contacts": N_("Contact persons"),
    "hiring": N_("International hires"),
    "file_name": N_("File"),  # a document on a case (expatdesk.documents)
    "content_type": N_("File type"),
    "size_bytes": N_("Size in bytes"),
    "kind": N_("Kind"),
}


def field_label(column: str) -> str:
    """A column's name as the forms show it, in the active language."""
    return _(FIELD_LABELS[column]) if column in FIELD_LABELS else column.replace("_", " ")


class Versioned(Protocol):
    id: Any
    version: Any


class StaleRecordError(UserError):
    """Someone else changed or deleted the record since the form read it."""

    def __init__(self, message: str, entity: str, entity_id: int | None) -> None:
        super().__init__(message)
        self.entity = entity
        self.entity_id = entity_id


def _field_names(changes: str | None) -> list[str]:
    data = audit.changes_of(changes)
    return list(dict.fromkeys(field_label(name) for name in sorted(data)))


def stale_message(session: Session, entity: str, entity_id: int | None) -> str:
    """ "Anna changed this record on 26 Nov 2026 at 14:32 (e-mail, phone). …" from the trail."""
    latest = None
    if entity_id is not None:
        latest = session.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.entity == entity,
                AuditEntry.entity_id == entity_id,
                AuditEntry.action != "view_bsn",
            )
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(1)
        ).first()
    advice = _("Reload it to see the current version; what you typed is kept until you do.")
    if latest is None:
        return _("Someone else changed this record after you opened it.") + " " + advice
    when = i18n.format_datetime(latest.at)
    if latest.action == "delete":
        return _("{user} deleted this record on {when}.").format(user=latest.username, when=when)
    fields = _field_names(latest.changes)
    if fields:
        changed = _("{user} changed this record on {when} ({fields}).").format(
            user=latest.username, when=when, fields=i18n.join(fields)
        )
    else:
        changed = _("{user} changed this record on {when}.").format(user=latest.username, when=when)
    return changed + " " + advice


def check_version(session: Session, record: Versioned | None, version: int, entity: str) -> None:
    """Refuse a change to ``record`` when its stored version is not the one the form showed.

    ``record`` is ``None`` when it was deleted meanwhile.
    """
    if record is None:
        raise StaleRecordError(_("This record was deleted by someone else."), entity, None)
    if record.version != version:
        raise StaleRecordError(stale_message(session, entity, record.id), entity, record.id)


@contextmanager
def stale_guard(session: Session, entity: str, entity_id: int | None) -> Iterator[None]:
    """Turn a failed versioned flush (a concurrent change) into :class:`StaleRecordError`."""
    try:
        yield
    except StaleDataError:
        raise StaleRecordError(
            _("Someone else changed this record while you were saving it.")
            + " "
            + _("Reload it to see the current version; what you typed is kept until you do."),
            entity,
            entity_id,
        ) from None


# --- adding once --------------------------------------------------------------------------------


def new_request_key() -> str:
    """A key for a form that adds something, made when the form opens (32 hex digits)."""
    return uuid.uuid4().hex


class _Keyed(Protocol):
    id: Any
    request_key: Any


def refuse_repeat(
    session: Session, model: type[_Keyed], request_key: str | None, saved: str
) -> None:
    """Raise :class:`AlreadySavedError` (message ``saved``) if a row has ``request_key``.

    ``request_key`` is the key a form made when it opened (``None``: no form, nothing to check).
    """
    if request_key is None:
        return
    found = session.scalar(select(model.id).where(model.request_key == request_key))
    if found is not None:
        raise AlreadySavedError(saved, found)


def add_once(session: Session, record: _Keyed, request_key: str | None, saved: str) -> None:
    """Add ``record`` with ``request_key`` and flush it, unless that key was saved already.

    A second save with the same key (the first one's outcome was unclear) raises
    :class:`AlreadySavedError` and adds nothing: the unique index on the key refuses the second
    row, also when two saves race, and that refusal becomes the error. The key is not looked up
    first: a repeat is rare, and the look-up would cost every save a statement.
    """
    model = type(record)
    record.request_key = request_key
    try:
        with session.begin_nested():
            session.add(record)
            session.flush()
    except IntegrityError:
        refuse_repeat(session, model, request_key, saved)
        raise
