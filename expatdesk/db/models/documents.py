"""The tables of the documents on a case (migration 0010).

``case_document`` holds what the trail may see: the case, optionally the service delivery and
the checklist item the document proves, title, file name, content type, size, SHA-256, who added
it and when. The content is in ``case_document_chunk``, in pieces of
:data:`expatdesk.documents.store.CHUNK_BYTES`, so that both engines take and give a document in
bounded memory; that table is not audited, so no byte of a document reaches the trail.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from expatdesk.db.models.base import Base, RequestKeyed
from expatdesk.db.types import UTCDateTime, utcnow

#: What a document is: an attachment added by hand, or a letter the app wrote.
DOCUMENT_KINDS = ("attachment", "letter")


class CaseDocument(RequestKeyed, Base):
    """A file kept on a case (and optionally on one of its service deliveries)."""

    __tablename__ = "case_document"
    __table_args__ = (
        CheckConstraint("kind IN ('attachment', 'letter')", name="kind_known"),
        CheckConstraint("size_bytes >= 0", name="size_not_negative"),
        CheckConstraint("length(sha256) = 64", name="sha256_hex"),
        Index(None, "case_id"),
        Index(None, "delivery_id"),
        Index(None, "request_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    #: The service the document belongs to; a removed service leaves it on the case.
    delivery_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_delivery.id", ondelete="SET NULL")
    )
    #: The checklist document it proves (ticked off when it was added).
    checklist_item_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_item.id"))
    kind: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(200))
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CaseDocumentChunk(Base):
    """One piece of a document's content, in order of ``seq`` (from 0)."""

    __tablename__ = "case_document_chunk"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("case_document.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class LetterTemplate(Base):
    """The text of one letter in one language, with placeholders (``{client_name}``), that the
    centre adapts (:mod:`expatdesk.documents.templates`); migration 0010 fills the defaults."""

    __tablename__ = "letter_template"
    __table_args__ = (
        UniqueConstraint("name", "language"),
        CheckConstraint("language IN ('nl', 'en')", name="language_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(2))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
