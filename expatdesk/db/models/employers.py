"""Employers, their contact persons and their yearly hiring records."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from expatdesk.db.models.base import (
    Base,
    Timestamped,
)
from expatdesk.db.models.codes import Municipality
from expatdesk.text import employer_search_key


class Employer(Timestamped, Base):
    __tablename__ = "employer"
    __table_args__ = (
        CheckConstraint("kvk_number IS NULL OR length(kvk_number) = 8", name="kvk_8_digits"),
        Index(None, "name"),
        Index(None, "search_key"),
        Index(None, "high_tech"),
        Index(None, "municipality_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_ref: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    search_key: Mapped[str] = mapped_column(String(400), default="")
    kvk_number: Mapped[str | None] = mapped_column(String(8), unique=True)
    high_tech: Mapped[bool] = mapped_column(Boolean, default=False)
    municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipality.code"))
    recognised_sponsor: Mapped[bool] = mapped_column(Boolean, default=False)
    website: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    municipality: Mapped[Municipality | None] = relationship(lazy="raise")
    contacts: Mapped[list[ContactPerson]] = relationship(
        back_populates="employer",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="ContactPerson.name",
    )
    hiring: Mapped[list[HiringRecord]] = relationship(
        back_populates="employer",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="HiringRecord.year",
    )

    __mapper_args__ = {"version_id_col": version}


class ContactPerson(Timestamped, Base):
    __tablename__ = "contact_person"
    __table_args__ = (Index(None, "employer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer, default=1)

    employer: Mapped[Employer] = relationship(back_populates="contacts", lazy="raise")

    __mapper_args__ = {"version_id_col": version}


class HiringRecord(Timestamped, Base):
    """How many international knowledge workers an employer hired in a year (N's denominator)."""

    __tablename__ = "hiring_record"
    __table_args__ = (
        UniqueConstraint("employer_id", "year"),
        CheckConstraint("international_hires >= 0", name="hires_not_negative"),
        CheckConstraint("year >= 1900 AND year <= 2200", name="year_plausible"),
        Index(None, "year", "international_hires", "employer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    international_hires: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)

    employer: Mapped[Employer] = relationship(back_populates="hiring", lazy="raise")

    __mapper_args__ = {"version_id_col": version}


@event.listens_for(Employer, "before_insert")
@event.listens_for(Employer, "before_update")
def _employer_search_key(
    _mapper: Mapper[Employer], _connection: Connection, employer: Employer
) -> None:
    employer.search_key = employer_search_key(
        employer.name, employer.kvk_number, employer.employer_ref
    )
