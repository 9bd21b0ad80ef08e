"""Expats, their family members and their permits."""

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
    event,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from expatdesk.db.models.base import (
    RELATIONS,
    Base,
    Timestamped,
    in_check,
)
from expatdesk.db.models.codes import EducationLevel, ExpatCategory, Municipality, PermitType
from expatdesk.db.models.employers import Employer
from expatdesk.db.types import UTCDateTime
from expatdesk.text import expat_search_key


class Expat(Timestamped, Base):
    __tablename__ = "expat"
    __table_args__ = (
        CheckConstraint(
            "nationality IS NULL OR length(nationality) = 2", name="nationality_alpha2"
        ),
        CheckConstraint(
            "preferred_language IS NULL OR length(preferred_language) = 2",
            name="language_alpha2",
        ),
        CheckConstraint("bsn IS NULL OR length(bsn) = 9", name="bsn_9_digits"),
        CheckConstraint(
            "arrival_date IS NULL OR date_of_birth IS NULL OR arrival_date > date_of_birth",
            name="arrival_after_birth",
        ),
        CheckConstraint(
            "departure_date IS NULL OR arrival_date IS NULL OR departure_date >= arrival_date",
            name="departure_after_arrival",
        ),
        Index(None, "family_name", "given_name"),
        Index(None, "given_name"),
        Index(None, "search_key"),
        Index(None, "employer_id"),
        Index(None, "arrival_date", "employer_id"),
        Index(None, "nationality"),
        Index(None, "municipality_code"),
        Index(None, "category_code"),
        Index(None, "email"),
        Index(None, "date_of_birth"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    expat_ref: Mapped[str] = mapped_column(String(64), unique=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    search_key: Mapped[str] = mapped_column(String(600), default="")
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    nationality: Mapped[str | None] = mapped_column(String(2))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    bsn: Mapped[str | None] = mapped_column(String(9), unique=True)
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employer.id"))
    category_code: Mapped[str | None] = mapped_column(ForeignKey("expat_category.code"))
    education_level_code: Mapped[str | None] = mapped_column(ForeignKey("education_level.code"))
    arrival_date: Mapped[date | None] = mapped_column(Date)
    departure_date: Mapped[date | None] = mapped_column(Date)
    municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipality.code"))
    preferred_language: Mapped[str | None] = mapped_column(String(2))
    survey_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    survey_consent_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    #: When the personal data was erased on request or after the retention period.
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    employer: Mapped[Employer | None] = relationship(lazy="raise")
    category: Mapped[ExpatCategory | None] = relationship(lazy="raise")
    education_level: Mapped[EducationLevel | None] = relationship(lazy="raise")
    municipality: Mapped[Municipality | None] = relationship(lazy="raise")
    family: Mapped[list[FamilyMember]] = relationship(
        back_populates="expat",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="FamilyMember.id",
    )
    permits: Mapped[list[Permit]] = relationship(
        back_populates="expat",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="Permit.valid_until",
    )

    __mapper_args__ = {"version_id_col": version}


class FamilyMember(Timestamped, Base):
    """An expat's partner or child (with the child's school)."""

    __tablename__ = "family_member"
    __table_args__ = (
        CheckConstraint(in_check("relation", RELATIONS), name="relation_known"),
        Index(None, "expat_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    expat_id: Mapped[int] = mapped_column(ForeignKey("expat.id", ondelete="CASCADE"))
    relation: Mapped[str] = mapped_column(String(20))
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str | None] = mapped_column(String(100))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    school: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)

    expat: Mapped[Expat] = relationship(back_populates="family", lazy="raise")

    __mapper_args__ = {"version_id_col": version}


class Permit(Timestamped, Base):
    __tablename__ = "permit"
    __table_args__ = (
        CheckConstraint(
            "valid_from IS NULL OR valid_until > valid_from", name="valid_until_after_from"
        ),
        Index(None, "valid_until"),
        Index(None, "expat_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    expat_id: Mapped[int] = mapped_column(ForeignKey("expat.id", ondelete="CASCADE"))
    permit_type_code: Mapped[str] = mapped_column(ForeignKey("permit_type.code"))
    number: Mapped[str | None] = mapped_column(String(40))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)

    expat: Mapped[Expat] = relationship(back_populates="permits", lazy="raise")
    permit_type: Mapped[PermitType] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}


@event.listens_for(Expat, "before_insert")
@event.listens_for(Expat, "before_update")
def _expat_search_key(_mapper: Mapper[Expat], _connection: Connection, expat: Expat) -> None:
    expat.search_key = expat_search_key(
        expat.given_name, expat.family_name, expat.email, expat.expat_ref
    )
