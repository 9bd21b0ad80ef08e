"""The documents of a person under the privacy rules: erased with them, listed for them.

An erasure (and the retention period, which erases the same way) removes every document on the
person's cases and on the services delivered to them, content and all
(:func:`erase_documents`, called by :mod:`expatdesk.privacy.erasure` in its transaction); the
trail keeps that they existed, with the values of their title, file name and checksum erased
(``KEPT`` there). Subject access lists them and hands over the letters sent
(:func:`documents_of`, :func:`letters_of`).
"""

from __future__ import annotations

import io
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from expatdesk.db.models import Case, ServiceDelivery
from expatdesk.db.models.documents import CaseDocument
from expatdesk.documents.store import copy_content, remove_in

#: The fields of a document's trail entries whose values survive an erasure.
KEPT_FIELDS = frozenset(
    {
        "case_id",
        "delivery_id",
        "checklist_item_id",
        "kind",
        "content_type",
        "size_bytes",
        "added_by_id",
        "added_at",
    }
)


def _of_person(expat_id: int) -> Any:
    cases = select(Case.id).where(Case.expat_id == expat_id)
    deliveries = select(ServiceDelivery.id).where(ServiceDelivery.expat_id == expat_id)
    return or_(CaseDocument.case_id.in_(cases), CaseDocument.delivery_id.in_(deliveries))


def erase_documents(session: Session, expat_id: int) -> set[int]:
    """Remove the documents of the expat's cases and services; returns their ids (for the
    trail to scrub)."""
    ids = set(session.scalars(select(CaseDocument.id).where(_of_person(expat_id))))
    remove_in(session, ids)
    return ids


def count_documents(session: Session, expat_id: int) -> int:
    """How many documents an erasure of the expat removes."""
    return session.scalar(select(func.count()).where(_of_person(expat_id))) or 0


def documents_of(session: Session, expat_id: int) -> list[dict[str, Any]]:
    """The documents held about the expat, JSON-ready, oldest first."""
    rows = session.execute(
        select(CaseDocument, Case.case_ref)
        .join(Case, Case.id == CaseDocument.case_id)
        .where(_of_person(expat_id))
        .order_by(CaseDocument.added_at, CaseDocument.id)
    )
    return [
        {
            "case": case_ref,
            "kind": document.kind,
            "title": document.title,
            "file_name": document.file_name,
            "content_type": document.content_type,
            "size": document.size_bytes,
            "sha256": document.sha256,
            "added_at": document.added_at.isoformat(timespec="seconds"),
        }
        for document, case_ref in rows
    ]


def letters_of(session: Session, expat_id: int) -> list[tuple[str, bytes]]:
    """The letters sent to the expat: (file name, PDF), oldest first. Letters are small PDFs the
    app made, so they are read whole."""
    letters = []
    for document in session.scalars(
        select(CaseDocument)
        .where(_of_person(expat_id), CaseDocument.kind == "letter")
        .order_by(CaseDocument.added_at, CaseDocument.id)
    ):
        buffer = io.BytesIO()
        copy_content(session, document, buffer)
        letters.append((document.file_name, buffer.getvalue()))
    return letters
