"""Attachments and letters on a case: kept in the database, streamed in bounded memory.

A document is a ``case_document`` row (what the trail sees: case, optional service delivery and
checklist item, title, file name, content type, size, SHA-256, who added it and when) and its
content in ``case_document_chunk`` rows of :data:`CHUNK_BYTES`. Both engines take and give a
document one chunk at a time, so a 20 MB scan never sits whole in memory; PostgreSQL keeps the
documents with the rest of the centre's data (its backups hold them), an SQLite desk in its file.

Rules, checked before anything is written:

- a file holds at most :data:`MAX_FILE_BYTES`, a case at most :data:`MAX_CASE_BYTES` in all;
- the content type is read from the content (:func:`sniff`), never from the name: PDF, JPEG,
  PNG, or a Word document (DOCX: a ZIP with ``[Content_Types].xml`` and a ``word/`` part);
- the case exists and is not closed (a letter may be kept on a closed case, as a note may);
  the service delivery is on the case; the checklist item is on that service's checklist (it is
  ticked off in the same transaction).

Adding and removing are in the trail (the database's triggers on ``case_document``); opening and
printing are reads, in the log of reads (``open_document``, ``print_document``;
:mod:`expatdesk.privacy.access_log`). Staff work with documents as with the case itself
(:attr:`~expatdesk.accounts.actor.Permission.CLIENTS`).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, aliased

from expatdesk import i18n
from expatdesk.accounts.actor import Actor, Permission, database_refusals
from expatdesk.common.concurrency import StaleRecordError, add_once
from expatdesk.common.validation import clean
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Case,
    ChecklistItem,
    DeliveryDocument,
    ServiceDelivery,
    StaffUser,
)
from expatdesk.db.models.documents import CaseDocument, CaseDocumentChunk
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.privacy import access_log

#: The size of one stored piece of a document.
CHUNK_BYTES = 1024 * 1024
#: The largest file that can be attached (20 MB).
MAX_FILE_BYTES = 20 * 1024 * 1024
#: The most all documents of one case may hold together.
MAX_CASE_BYTES = 100 * 1024 * 1024
TITLE_LIMIT = 200
FILE_NAME_LIMIT = 255

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: The accepted content types, with the suffix a temporary copy gets.
SUFFIXES: dict[str, str] = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png", DOCX: ".docx"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ZIP_SIGNATURE = b"PK\x03\x04"


def sniff(stream: BinaryIO) -> str | None:
    """The content type of the seekable ``stream`` by its content (``None``: none we accept).

    Reads the first bytes; for a ZIP only its central directory (``zipfile`` seeks to it), to
    tell a Word document from any other ZIP. Leaves the stream at its start.
    """
    stream.seek(0)
    head = stream.read(8)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(_PNG_SIGNATURE):
            return PNG
        if head.startswith(_ZIP_SIGNATURE):
            stream.seek(0)
            try:
                with zipfile.ZipFile(stream) as archive:
                    names = archive.namelist()
            except (zipfile.BadZipFile, OSError, ValueError):
                return None
            if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                return DOCX
        return None
    finally:
        stream.seek(0)


def megabytes(size: int) -> str:
    """``size`` bytes in MB (of 1,048,576 bytes) with one decimal, in the active language."""
    return i18n.format_number(size / (1024 * 1024), 1)


@dataclass(frozen=True)
class DocumentInfo:
    """A document on a case, as the case page lists it."""

    id: int
    case_id: int
    delivery_id: int | None
    checklist_item_id: int | None
    checklist_label: str | None  # in the active language
    kind: str  # "attachment" or "letter"
    title: str
    file_name: str
    content_type: str
    size: int
    sha256: str
    added_by: str | None
    added_at: datetime


class DocumentRefusedError(UserError):
    """A file that cannot be attached: too large, empty, or not of an accepted type."""


def _check_file(size: int, name: str, content_type: str | None) -> str:
    if size > MAX_FILE_BYTES:
        raise DocumentRefusedError(
            _("{name} is {size} MB; a file may be at most {limit} MB.").format(
                name=name, size=megabytes(size), limit=MAX_FILE_BYTES // (1024 * 1024)
            )
        )
    if size == 0:
        raise DocumentRefusedError(_("{name} is empty.").format(name=name))
    if content_type is None:
        raise DocumentRefusedError(
            _(
                "{name} is not a PDF, JPEG, PNG or Word (DOCX) file (checked by its content, "
                "not its name)."
            ).format(name=name)
        )
    return content_type


def _size_of(stream: BinaryIO) -> int:
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def _pieces(stream: BinaryIO) -> Iterator[bytes]:
    while True:
        piece = stream.read(CHUNK_BYTES)
        if not piece:
            return
        yield piece


def _sha256(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    for piece in _pieces(stream):
        digest.update(piece)
    stream.seek(0)
    return digest.hexdigest()


def _title(title: str | None, file_name: str) -> str:
    cleaned = clean(title) or clean(Path(file_name).stem) or file_name
    if len(cleaned) > TITLE_LIMIT:
        raise UserError(_("A title has at most {limit} characters.").format(limit=TITLE_LIMIT))
    return cleaned


def _file_name(name: str) -> str:
    base = Path(name).name.strip() or "document"
    if len(base) > FILE_NAME_LIMIT:
        suffix = Path(base).suffix[:16]
        base = base[: FILE_NAME_LIMIT - len(suffix)] + suffix
    return base


def _case_to_add_to(
    session: Session, database: Database, case_id: int, *, closed_allowed: bool = False
) -> Case:
    record = session.get(Case, case_id, with_for_update=not database.is_sqlite)
    if record is None:
        raise StaleRecordError(_("This case was deleted by someone else."), "case", case_id)
    if record.status == "closed" and not closed_allowed:
        raise UserError(_("This case is closed; reopen it to change it."))
    return record


def _check_links(
    session: Session, case_id: int, delivery_id: int | None, checklist_item_id: int | None
) -> None:
    delivery = None
    if delivery_id is not None:
        delivery = session.get(ServiceDelivery, delivery_id)
        if delivery is None or delivery.case_id != case_id:
            raise UserError(_("This service is not on this case."))
    if checklist_item_id is not None:
        item = session.get(ChecklistItem, checklist_item_id)
        if delivery is None or item is None or item.service_code != delivery.service_code:
            raise UserError(_("This document is not on the checklist of this service."))


def _check_case_total(session: Session, case_id: int, size: int) -> None:
    held = session.scalar(
        select(func.coalesce(func.sum(CaseDocument.size_bytes), 0)).where(
            CaseDocument.case_id == case_id
        )
    )
    if int(held or 0) + size > MAX_CASE_BYTES:
        raise DocumentRefusedError(
            _(
                "This case holds {held} MB of documents; with this file it would exceed "
                "{limit} MB. Remove a document first."
            ).format(held=megabytes(int(held or 0)), limit=MAX_CASE_BYTES // (1024 * 1024))
        )


def add_document(
    database: Database,
    actor: Actor,
    case_id: int,
    source: BinaryIO,
    *,
    file_name: str,
    title: str | None = None,
    delivery_id: int | None = None,
    checklist_item_id: int | None = None,
    kind: str = "attachment",
    request_key: str | None = None,
) -> int:
    """Keep the content of the seekable binary ``source`` on the case; returns the new id.

    One transaction: the row, its chunks and (with ``checklist_item_id``) the checklist tick.
    Refused with a one-line :class:`UserError` before anything is written when the file is too
    large, empty, of another type, or would take the case past its limit. ``source`` is read
    twice, a chunk at a time (for the SHA-256, then for storing); a file that changes meanwhile
    is refused and nothing is kept.
    """
    actor.require(Permission.CLIENTS)
    name = _file_name(file_name)
    size = _size_of(source)
    content_type = _check_file(size, name, sniff(source) if size else None)
    shown_title = _title(title, name)
    expected = _sha256(source)
    with database_refusals(), database.transaction(actor) as session:
        # A letter is kept also on a closed case (like a note): it records what was sent.
        _case_to_add_to(session, database, case_id, closed_allowed=kind == "letter")
        _check_links(session, case_id, delivery_id, checklist_item_id)
        _check_case_total(session, case_id, size)
        document = CaseDocument(
            case_id=case_id,
            delivery_id=delivery_id,
            checklist_item_id=checklist_item_id,
            kind=kind,
            title=shown_title,
            file_name=name,
            content_type=content_type,
            size_bytes=size,
            sha256=expected,
            added_by_id=actor.user_id,
        )
        add_once(session, document, request_key, _("This document was added already."))
        digest = hashlib.sha256()
        stored = 0
        for seq, piece in enumerate(_pieces(source)):
            digest.update(piece)
            stored += len(piece)
            session.execute(
                insert(CaseDocumentChunk).values(document_id=document.id, seq=seq, data=piece)
            )
        if stored != size or digest.hexdigest() != expected:
            raise UserError(
                _("{name} changed while it was being read; nothing was kept.").format(name=name)
            )
        if (
            checklist_item_id is not None
            and delivery_id is not None
            and session.get(DeliveryDocument, (delivery_id, checklist_item_id)) is None
        ):
            session.add(
                DeliveryDocument(
                    delivery_id=delivery_id,
                    checklist_item_id=checklist_item_id,
                    checked_by_id=actor.user_id,
                )
            )
        session.flush()
        return document.id


def add_file(database: Database, actor: Actor, case_id: int, path: Path, **options: object) -> int:
    """:func:`add_document` with the file at ``path`` (its name as the file name)."""
    try:
        with path.open("rb") as source:
            return add_document(
                database,
                actor,
                case_id,
                source,
                file_name=path.name,
                **options,  # type: ignore[arg-type]
            )
    except OSError as error:
        raise UserError(
            _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror or error)
        ) from None


def add_bytes(
    database: Database,
    actor: Actor,
    case_id: int,
    content: bytes,
    *,
    file_name: str,
    title: str | None = None,
    kind: str = "attachment",
) -> int:
    """:func:`add_document` with content in memory (a letter the app just wrote)."""
    return add_document(
        database, actor, case_id, io.BytesIO(content), file_name=file_name, title=title, kind=kind
    )


def _infos(session: Session, *conditions: object) -> list[DocumentInfo]:
    adder = aliased(StaffUser)
    rows = session.execute(
        select(CaseDocument, adder.display_name, ChecklistItem)
        .outerjoin(adder, adder.id == CaseDocument.added_by_id)
        .outerjoin(ChecklistItem, ChecklistItem.id == CaseDocument.checklist_item_id)
        .where(*conditions)  # type: ignore[arg-type]
        .order_by(CaseDocument.added_at.desc(), CaseDocument.id.desc())
    )
    return [
        DocumentInfo(
            id=document.id,
            case_id=document.case_id,
            delivery_id=document.delivery_id,
            checklist_item_id=document.checklist_item_id,
            checklist_label=None if item is None else i18n.pick(item.label_en, item.label_nl),
            kind=document.kind,
            title=document.title,
            file_name=document.file_name,
            content_type=document.content_type,
            size=document.size_bytes,
            sha256=document.sha256,
            added_by=name,
            added_at=document.added_at,
        )
        for document, name, item in rows
    ]


def case_documents(database: Database, case_id: int) -> list[DocumentInfo]:
    """The documents of a case, newest first."""
    with database.reading() as session:
        return _infos(session, CaseDocument.case_id == case_id)


def documents_in(session: Session, case_ids: list[int]) -> list[DocumentInfo]:
    """The documents of the cases ``case_ids``, newest first, in the caller's session."""
    if not case_ids:
        return []
    return _infos(session, CaseDocument.case_id.in_(case_ids))


def _document(session: Session, document_id: int) -> CaseDocument:
    document = session.get(CaseDocument, document_id)
    if document is None:
        raise StaleRecordError(
            _("This document was removed by someone else."), "case_document", document_id
        )
    return document


def copy_content(session: Session, document: CaseDocument, target: BinaryIO) -> None:
    """Write the document's content to ``target`` a chunk at a time, checking its SHA-256."""
    digest = hashlib.sha256()
    count = session.scalar(select(func.count()).where(CaseDocumentChunk.document_id == document.id))
    for seq in range(int(count or 0)):
        piece = session.scalar(
            select(CaseDocumentChunk.data).where(
                CaseDocumentChunk.document_id == document.id, CaseDocumentChunk.seq == seq
            )
        )
        if piece is None:
            break
        digest.update(piece)
        target.write(piece)
        del piece
    if digest.hexdigest() != document.sha256:
        raise UserError(
            _("The stored copy of {name} is damaged (its checksum differs).").format(
                name=document.file_name
            )
        )


def read_document(
    database: Database, actor: Actor, document_id: int, target: BinaryIO, *, action: str
) -> DocumentInfo:
    """Write the content of the document to ``target`` and log the read as ``action``
    (``"open_document"`` or ``"print_document"``) in the same transaction; returns what it is."""
    actor.require(Permission.CLIENTS)
    if action not in ("open_document", "print_document"):
        raise ValueError(action)
    with database_refusals(), database.transaction(actor) as session:
        document = _document(session, document_id)
        copy_content(session, document, target)
        access_log.log_in(session, actor, action, "case_document", document_id)
        return _infos(session, CaseDocument.id == document_id)[0]


def remove_document(database: Database, actor: Actor, document_id: int) -> None:
    """Remove a document and its content from its case (in the trail as a deletion)."""
    actor.require(Permission.CLIENTS)
    with database_refusals(), database.transaction(actor) as session:
        document = _document(session, document_id)
        _case_to_add_to(session, database, document.case_id)
        session.execute(
            delete(CaseDocumentChunk).where(CaseDocumentChunk.document_id == document_id)
        )
        session.delete(document)
        session.flush()


def remove_in(session: Session, document_ids: set[int]) -> None:
    """Remove the documents ``document_ids`` with their content in the caller's transaction
    (an erasure)."""
    ids = sorted(document_ids)
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        session.execute(delete(CaseDocumentChunk).where(CaseDocumentChunk.document_id.in_(batch)))
        session.execute(delete(CaseDocument).where(CaseDocument.id.in_(batch)))
