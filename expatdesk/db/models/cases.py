"""Cases with their notes and tasks, and the services delivered (with their checklists)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from expatdesk.db.models.base import (
    CASE_STATUSES,
    Base,
    RequestKeyed,
    Timestamped,
    in_check,
)
from expatdesk.db.models.codes import ServiceType
from expatdesk.db.models.employers import Employer
from expatdesk.db.models.expats import Expat
from expatdesk.db.models.staff import StaffUser
from expatdesk.db.types import UTCDateTime, utcnow


class Case(Timestamped, Base):
    """An expat's or employer's request, from intake to closure."""

    __tablename__ = "case_file"  # "case" is an SQL keyword
    __table_args__ = (
        CheckConstraint(in_check("status", CASE_STATUSES), name="status_known"),
        CheckConstraint("expat_id IS NOT NULL OR employer_id IS NOT NULL", name="has_client"),
        CheckConstraint(
            "closed_at IS NULL OR status = 'closed'", name="closed_at_only_when_closed"
        ),
        Index(None, "status", "owner_id"),
        Index(None, "search_key"),
        Index(None, "expat_id"),
        Index(None, "employer_id"),
        Index(None, "owner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_ref: Mapped[str] = mapped_column(String(64), unique=True)
    subject: Mapped[str] = mapped_column(String(300))
    #: Folded ref, subject and client name that the cases list searches (expatdesk.text).
    search_key: Mapped[str] = mapped_column(String(800), default="", server_default="")
    status: Mapped[str] = mapped_column(String(20), default="new")
    expat_id: Mapped[int | None] = mapped_column(ForeignKey("expat.id"))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employer.id"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    opened_on: Mapped[date] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    expat: Mapped[Expat | None] = relationship(lazy="raise")
    employer: Mapped[Employer | None] = relationship(lazy="raise")
    owner: Mapped[StaffUser | None] = relationship(lazy="raise")
    notes: Mapped[list[CaseNote]] = relationship(
        back_populates="case",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="CaseNote.created_at",
    )
    tasks: Mapped[list[Task]] = relationship(
        back_populates="case",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="Task.due_date",
    )

    __mapper_args__ = {"version_id_col": version}


class CaseNote(RequestKeyed, Base):
    __tablename__ = "case_note"
    __table_args__ = (
        Index(None, "case_id"),
        Index(None, "request_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="notes", lazy="raise")
    author: Mapped[StaffUser | None] = relationship(lazy="raise")


class Task(RequestKeyed, Timestamped, Base):
    __tablename__ = "task"
    __table_args__ = (
        Index(None, "case_id"),
        Index(None, "due_date", "done_at"),
        Index(None, "request_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date | None] = mapped_column(Date)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    case: Mapped[Case] = relationship(back_populates="tasks", lazy="raise")

    __mapper_args__ = {"version_id_col": version}


class ServiceDelivery(RequestKeyed, Timestamped, Base):
    """One service of the catalogue, delivered on a date, to an expat and/or an employer."""

    __tablename__ = "service_delivery"
    __table_args__ = (
        CheckConstraint("expat_id IS NOT NULL OR employer_id IS NOT NULL", name="has_client"),
        Index(None, "delivered_on", "employer_id", "expat_id"),
        Index(None, "expat_id"),
        Index(None, "employer_id"),
        Index(None, "case_id"),
        Index(None, "request_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_ref: Mapped[str] = mapped_column(String(64), unique=True)
    service_code: Mapped[str] = mapped_column(ForeignKey("service_type.code"))
    delivered_on: Mapped[date] = mapped_column(Date)
    expat_id: Mapped[int | None] = mapped_column(ForeignKey("expat.id"))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employer.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"))
    notes: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    service_type: Mapped[ServiceType] = relationship(lazy="raise")
    expat: Mapped[Expat | None] = relationship(lazy="raise")
    employer: Mapped[Employer | None] = relationship(lazy="raise")
    case: Mapped[Case | None] = relationship(lazy="raise")
    documents: Mapped[list[DeliveryDocument]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}


class ChecklistItem(Base):
    """A document the desk collects for a service (e.g. a passport for a permit), in both languages.

    The checklists are data (migration 0004 fills them), so the centre can change them without a
    new release.
    """

    __tablename__ = "checklist_item"
    __table_args__ = (
        UniqueConstraint("service_code", "position"),
        Index(None, "service_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_code: Mapped[str] = mapped_column(ForeignKey("service_type.code"))
    position: Mapped[int] = mapped_column(Integer)
    label_en: Mapped[str] = mapped_column(String(200))
    label_nl: Mapped[str] = mapped_column(String(200))


class DeliveryDocument(Base):
    """A checklist document ticked off for one service delivered on a case."""

    __tablename__ = "delivery_document"
    __table_args__ = (Index(None, "checklist_item_id"),)

    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("service_delivery.id", ondelete="CASCADE"), primary_key=True
    )
    checklist_item_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_item.id"), primary_key=True
    )
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    item: Mapped[ChecklistItem] = relationship(lazy="raise")
