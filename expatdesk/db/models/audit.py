"""The audit trail, the register of erased persons, the log of reads, and the trail's actor."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from expatdesk.db.models.base import (
    AUDIT_ACTIONS,
    Base,
    in_check,
)
from expatdesk.db.types import UTCDateTime, utcnow


class AuditEntry(Base):
    """Who did what to which record, and which fields changed from what to what."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        CheckConstraint(in_check("action", AUDIT_ACTIONS), name="action_known"),
        Index(None, "entity", "entity_id"),
        Index(None, "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    username: Mapped[str] = mapped_column(String(63))
    action: Mapped[str] = mapped_column(String(10))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    changes: Mapped[str | None] = mapped_column(Text)  # JSON: {"field": [old, new]}


class ErasedPerson(Base):
    """The register of erasures: the reference of a person whose personal data was erased and
    the day, nothing else. Restoring a backup and importing a file consult it, so that an erased
    person never comes back (:mod:`expatdesk.privacy.erasure`)."""

    __tablename__ = "erased_person"

    ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    erased_on: Mapped[date] = mapped_column(Date)


#: What the log of reads records (``access_log``).
ACCESS_ACTIONS = (
    "view_record",
    "export_list",
    "subject_access",
    "lookup_bsn",
    "open_document",  # an attachment or letter opened (expatdesk.documents)
    "print_document",
)


class AccessLog(Base):
    """Who read which personal data when (BIO 8.15, the "logboek dataverwerkingen"): an expat's
    record opened, a list with personal data exported, a subject-access export, a lookup by BSN.
    Names which record, never its data."""

    __tablename__ = "access_log"
    __table_args__ = (
        CheckConstraint(in_check("action", ACCESS_ACTIONS), name="action_known"),
        Index(None, "username", "action", "at"),
        Index(None, "entity", "entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    username: Mapped[str] = mapped_column(String(63))
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    rows: Mapped[int | None] = mapped_column(Integer)  # of an exported list


class AuditActor(Base):
    """Who acts in the current SQLite transaction, for the trail's triggers (expatdesk.db.trail):
    written first in a transaction and removed before its commit, so never stored. Unused on
    PostgreSQL, where the triggers know the connecting role."""

    __tablename__ = "audit_actor"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    staff_user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(63))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    trail_off: Mapped[bool] = mapped_column(Boolean, default=False)
