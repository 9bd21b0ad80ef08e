"""The expat centre's records (``shared/spec/domain.md``) as typed SQLAlchemy models.

Integrity lives in the database itself: foreign keys, unique ``*_ref`` columns, CHECK constraints
for grades, hires and dates, NOT NULL where a record is meaningless without the value. Every
relationship is ``lazy="raise"`` so that no view can trigger a hidden query: services load what
they show explicitly. Records that staff edit carry a ``version`` for optimistic locking.

``search_key`` holds the folded text that searches match (see :mod:`expatdesk.text`); the ORM
keeps it in step, bulk writers (demo, import) compute it with the same functions.

The code lists of domain.md (services, categories, education levels, facilities, municipalities,
permit types) are tables with an English and a Dutch label, filled by the migrations.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship

from expatdesk.db.types import UTCDateTime, utcnow
from expatdesk.text import employer_search_key, expat_search_key

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CASE_STATUSES = ("new", "in_progress", "waiting_client", "waiting_authority", "closed")
RESPONDENT_TYPES = ("expat", "employer")
LEAVE_INTENTIONS = ("yes", "no", "unsure")
RELATIONS = ("partner", "child")
ROLES = ("desk_officer", "manager", "administrator")
AUDIT_ACTIONS = ("create", "update", "delete", "view_bsn")


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


def _grade(column: str) -> str:
    return f"{column} IS NULL OR ({column} >= 1 AND {column} <= 10)"


#: Table option of every table with an id: SQLite never hands an id out twice (without it, a new
#: row gets ``max(id) + 1``, the id of a record deleted just before). PostgreSQL's sequences never
#: go back anyway. Migration 0006 rebuilt the tables of older databases with it.
_AUTOINCREMENT = {"sqlite_autoincrement": True}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RequestKeyed:
    """A record a form adds, with the key the form made when it opened (unique).

    A desk that saves again after an unclear failure (the connection broke during COMMIT) sends
    the same key: the database refuses a second row, and the app says it was already saved.
    Rows added otherwise (imports, the demo) have none.
    """

    request_key: Mapped[str | None] = mapped_column(String(32))


class Timestamped:
    """Creation and last-change moments, kept by the ORM."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


# --- code lists -------------------------------------------------------------------------------


class CodeMixin:
    """A code with an English and a Dutch label, in a fixed display order."""

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label_en: Mapped[str] = mapped_column(String(200))
    label_nl: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


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


# --- employers --------------------------------------------------------------------------------


class Employer(Timestamped, Base):
    __tablename__ = "employer"
    __table_args__ = (
        CheckConstraint("kvk_number IS NULL OR length(kvk_number) = 8", name="kvk_8_digits"),
        Index(None, "name"),
        Index(None, "search_key"),
        Index(None, "high_tech"),
        Index(None, "municipality_code"),
        _AUTOINCREMENT,
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
    __table_args__ = (
        Index(None, "employer_id"),
        _AUTOINCREMENT,
    )

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
        _AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    international_hires: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)

    employer: Mapped[Employer] = relationship(back_populates="hiring", lazy="raise")

    __mapper_args__ = {"version_id_col": version}


# --- expats -----------------------------------------------------------------------------------


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
        _AUTOINCREMENT,
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
        CheckConstraint(_in("relation", RELATIONS), name="relation_known"),
        Index(None, "expat_id"),
        _AUTOINCREMENT,
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
        _AUTOINCREMENT,
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


# --- staff ------------------------------------------------------------------------------------


class StaffUser(Timestamped, Base):
    __tablename__ = "staff_user"
    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role_known"),
        _AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(63), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(300))
    #: Failed sign-ins since the last good one, and when the last failed: logins slow down.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failed_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


# --- cases ------------------------------------------------------------------------------------


class Case(Timestamped, Base):
    """An expat's or employer's request, from intake to closure."""

    __tablename__ = "case_file"  # "case" is an SQL keyword
    __table_args__ = (
        CheckConstraint(_in("status", CASE_STATUSES), name="status_known"),
        CheckConstraint("expat_id IS NOT NULL OR employer_id IS NOT NULL", name="has_client"),
        CheckConstraint(
            "closed_at IS NULL OR status = 'closed'", name="closed_at_only_when_closed"
        ),
        Index(None, "status", "owner_id"),
        Index(None, "search_key"),
        Index(None, "expat_id"),
        Index(None, "employer_id"),
        Index(None, "owner_id"),
        _AUTOINCREMENT,
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
        _AUTOINCREMENT,
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
        _AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date | None] = mapped_column(Date)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    case: Mapped[Case] = relationship(back_populates="tasks", lazy="raise")

    __mapper_args__ = {"version_id_col": version}


# --- services and surveys ---------------------------------------------------------------------


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
        _AUTOINCREMENT,
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
        _AUTOINCREMENT,
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


class SurveyResponse(RequestKeyed, Timestamped, Base):
    """An expat's or an employer's grades, and an expat's intention to leave Twente."""

    __tablename__ = "survey_response"
    __table_args__ = (
        CheckConstraint(_in("respondent_type", RESPONDENT_TYPES), name="respondent_type_known"),
        CheckConstraint(_grade("score_service"), name="score_service_grade"),
        CheckConstraint(_grade("score_added_value"), name="score_added_value_grade"),
        CheckConstraint(
            "intends_to_leave IS NULL OR " + _in("intends_to_leave", LEAVE_INTENTIONS),
            name="intends_to_leave_known",
        ),
        CheckConstraint(
            "respondent_type = 'expat' OR (expat_id IS NULL AND intends_to_leave IS NULL)",
            name="employer_answers",
        ),
        CheckConstraint(
            "respondent_type = 'employer' OR (employer_id IS NULL AND score_added_value IS NULL)",
            name="expat_answers",
        ),
        Index(None, "respondent_type", "responded_on"),
        Index(None, "expat_id"),
        Index(None, "employer_id"),
        Index(None, "request_key", unique=True),
        _AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_ref: Mapped[str] = mapped_column(String(64), unique=True)
    respondent_type: Mapped[str] = mapped_column(String(10))
    expat_id: Mapped[int | None] = mapped_column(ForeignKey("expat.id"))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employer.id"))
    responded_on: Mapped[date] = mapped_column(Date)
    score_service: Mapped[int | None] = mapped_column(Integer)
    score_added_value: Mapped[int | None] = mapped_column(Integer)
    intends_to_leave: Mapped[str | None] = mapped_column(String(10))
    questionnaire_version: Mapped[int] = mapped_column(Integer, default=1)
    version: Mapped[int] = mapped_column(Integer, default=1)

    expat: Mapped[Expat | None] = relationship(lazy="raise")
    employer: Mapped[Employer | None] = relationship(lazy="raise")
    facilities: Mapped[list[SurveyFacility]] = relationship(
        lazy="raise", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class SurveyFacility(Base):
    """A facility an expat said they used (``facilities_used``)."""

    __tablename__ = "survey_response_facility"
    __table_args__ = (Index(None, "facility_code"),)

    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_response.id", ondelete="CASCADE"), primary_key=True
    )
    facility_code: Mapped[str] = mapped_column(ForeignKey("facility.code"), primary_key=True)


# --- audit ------------------------------------------------------------------------------------


class AuditEntry(Base):
    """Who did what to which record, and which fields changed from what to what."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        CheckConstraint(_in("action", AUDIT_ACTIONS), name="action_known"),
        Index(None, "entity", "entity_id"),
        Index(None, "at"),
        _AUTOINCREMENT,
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
ACCESS_ACTIONS = ("view_record", "export_list", "subject_access", "lookup_bsn")


class AccessLog(Base):
    """Who read which personal data when (BIO 8.15, the "logboek dataverwerkingen"): an expat's
    record opened, a list with personal data exported, a subject-access export, a lookup by BSN.
    Names which record, never its data."""

    __tablename__ = "access_log"
    __table_args__ = (
        CheckConstraint(_in("action", ACCESS_ACTIONS), name="action_known"),
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


# --- derived columns --------------------------------------------------------------------------


@event.listens_for(Expat, "before_insert")
@event.listens_for(Expat, "before_update")
def _expat_search_key(_mapper: Mapper[Expat], _connection: Connection, expat: Expat) -> None:
    expat.search_key = expat_search_key(
        expat.given_name, expat.family_name, expat.email, expat.expat_ref
    )


@event.listens_for(Employer, "before_insert")
@event.listens_for(Employer, "before_update")
def _employer_search_key(
    _mapper: Mapper[Employer], _connection: Connection, employer: Employer
) -> None:
    employer.search_key = employer_search_key(
        employer.name, employer.kvk_number, employer.employer_ref
    )


# --- settings ---------------------------------------------------------------------------------


class TargetSettings(Timestamped, Base):
    """The settings of the targets report (``shared/spec/targets.md``): one row, ``id = 1``.

    The migration that creates the table inserts the defaults of targets.md; a manager changes
    them through :mod:`expatdesk.reports.target_settings`, which validates them with messages
    for the user. The CHECK constraints repeat the sane ranges so that no other client can store
    settings the report cannot work with.
    """

    __tablename__ = "target_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("alpha > 0 AND alpha < 1", name="alpha_between_0_and_1"),
        CheckConstraint("min_n >= 2", name="min_n_at_least_2"),
        CheckConstraint("n_threshold >= 0 AND n_threshold <= 1", name="n_threshold_share"),
        CheckConstraint(
            "n_growth_from >= 1900 AND n_growth_from <= 2200", name="n_growth_from_plausible"
        ),
        CheckConstraint("o_threshold >= 1 AND o_threshold <= 10", name="o_threshold_grade"),
        CheckConstraint("p_threshold >= 1 AND p_threshold <= 10", name="p_threshold_grade"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    alpha: Mapped[float] = mapped_column(Double)
    min_n: Mapped[int] = mapped_column(Integer)
    n_threshold: Mapped[float] = mapped_column(Double)
    n_growth_from: Mapped[int] = mapped_column(Integer)
    o_threshold: Mapped[float] = mapped_column(Double)
    p_threshold: Mapped[float] = mapped_column(Double)
    #: The centre's name as the printed reports show it (migration 0003); not a statistical
    #: setting, so :class:`~expatdesk.reports.target_settings.Settings` does not carry it.
    centre_name: Mapped[str] = mapped_column(String(200), server_default="Expat Center Twente")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class CentreSettings(Timestamped, Base):
    """How the centre runs the application: one row, ``id = 1`` (migration 0004 inserts it)."""

    __tablename__ = "centre_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint(
            "retention_years >= 1 AND retention_years <= 100", name="retention_plausible"
        ),
        CheckConstraint(
            "idle_lock_minutes >= 1 AND idle_lock_minutes <= 1440", name="idle_lock_plausible"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    #: Years after an expat's last case was closed before their personal data is erased.
    retention_years: Mapped[int] = mapped_column(Integer, server_default="7")
    #: Minutes without input after which a session locks.
    idle_lock_minutes: Mapped[int] = mapped_column(Integer, server_default="15")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


# The targets report counts survey answers per year by seeking each combination of answers in
# this index (expatdesk.reports.target_queries); it covers every column the count reads.
Index(
    "ix_survey_response_answers",
    SurveyResponse.respondent_type,
    SurveyResponse.intends_to_leave,
    SurveyResponse.score_service,
    SurveyResponse.score_added_value,
    SurveyResponse.responded_on,
)
