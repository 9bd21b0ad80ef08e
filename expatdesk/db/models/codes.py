"""The code lists of domain.md (services, categories, education levels, facilities,
municipalities, permit types): tables with an English and a Dutch label, filled by the migrations.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
)
from sqlalchemy.orm import Mapped, mapped_column

from expatdesk.db.models.base import (
    Base,
    CodeMixin,
)


class ServiceType(CodeMixin, Base):
    """The service catalogue (``service_code``)."""

    __tablename__ = "service_type"


class ExpatCategory(CodeMixin, Base):
    """The target groups of the one-stop shop (``category``)."""

    __tablename__ = "expat_category"


class EducationLevel(CodeMixin, Base):
    __tablename__ = "education_level"


class Facility(CodeMixin, Base):
    """Expat-oriented facilities (``facilities_used``)."""

    __tablename__ = "facility"


class Municipality(CodeMixin, Base):
    """Twente's fourteen municipalities and "outside Twente"."""

    __tablename__ = "municipality"
    in_twente: Mapped[bool] = mapped_column(Boolean, default=True)


class PermitType(CodeMixin, Base):
    __tablename__ = "permit_type"
