"""The expat centre's records (``shared/spec/domain.md``) as typed SQLAlchemy models.

Integrity lives in the database itself: foreign keys, unique ``*_ref`` columns, CHECK constraints
for grades, hires and dates, NOT NULL where a record is meaningless without the value. Every
relationship is ``lazy="raise"`` so that no view can trigger a hidden query: services load what
they show explicitly. Records that staff edit carry a ``version`` for optimistic locking.

``search_key`` holds the folded text that searches match (see :mod:`expatdesk.text`); the ORM
keeps it in step, bulk writers (demo, import) compute it with the same functions.

The code lists of domain.md (services, categories, education levels, facilities, municipalities,
permit types) are tables with an English and a Dutch label, filled by the migrations.

The models live by feature in the modules of this package (:mod:`.base`, :mod:`.codes`,
:mod:`.employers`, :mod:`.expats`, :mod:`.staff`, :mod:`.cases`, :mod:`.surveys`, :mod:`.audit`,
:mod:`.settings`, :mod:`.documents`); this module gathers them, so callers import ``from
expatdesk.db.models``."""

from __future__ import annotations

from expatdesk.db.models.audit import (
    ACCESS_ACTIONS,
    AccessLog,
    AuditActor,
    AuditEntry,
    ErasedPerson,
)
from expatdesk.db.models.base import (
    AUDIT_ACTIONS,
    CASE_STATUSES,
    LEAVE_INTENTIONS,
    NAMING_CONVENTION,
    RELATIONS,
    RESPONDENT_TYPES,
    ROLES,
    Base,
    CodeMixin,
    RequestKeyed,
    Timestamped,
)
from expatdesk.db.models.cases import (
    Case,
    CaseNote,
    ChecklistItem,
    DeliveryDocument,
    ServiceDelivery,
    Task,
)
from expatdesk.db.models.codes import (
    EducationLevel,
    ExpatCategory,
    Facility,
    Municipality,
    PermitType,
    ServiceType,
)
from expatdesk.db.models.documents import (
    DOCUMENT_KINDS,
    CaseDocument,
    CaseDocumentChunk,
    LetterTemplate,
)
from expatdesk.db.models.employers import (
    ContactPerson,
    Employer,
    HiringRecord,
)
from expatdesk.db.models.expats import (
    Expat,
    FamilyMember,
    Permit,
)
from expatdesk.db.models.settings import (
    CentreSettings,
    TargetSettings,
)
from expatdesk.db.models.staff import (
    StaffUser,
)
from expatdesk.db.models.surveys import (
    CURRENT_QUESTIONNAIRE,
    SurveyFacility,
    SurveyResponse,
)

__all__ = [
    "ACCESS_ACTIONS",
    "AUDIT_ACTIONS",
    "CASE_STATUSES",
    "CURRENT_QUESTIONNAIRE",
    "DOCUMENT_KINDS",
    "LEAVE_INTENTIONS",
    "NAMING_CONVENTION",
    "RELATIONS",
    "RESPONDENT_TYPES",
    "ROLES",
    "AccessLog",
    "AuditActor",
    "AuditEntry",
    "Base",
    "Case",
    "CaseDocument",
    "CaseDocumentChunk",
    "CaseNote",
    "CentreSettings",
    "ChecklistItem",
    "CodeMixin",
    "ContactPerson",
    "DeliveryDocument",
    "EducationLevel",
    "Employer",
    "ErasedPerson",
    "Expat",
    "ExpatCategory",
    "Facility",
    "FamilyMember",
    "HiringRecord",
    "LetterTemplate",
    "Municipality",
    "Permit",
    "PermitType",
    "RequestKeyed",
    "ServiceDelivery",
    "ServiceType",
    "StaffUser",
    "SurveyFacility",
    "SurveyResponse",
    "TargetSettings",
    "Task",
    "Timestamped",
]
