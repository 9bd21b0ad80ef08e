"""The values of the audit trail as a history shows them: readable, in the active language.

An entry's JSON (:func:`expatdesk.db.audit.changes_of`) gives per field ``[old, new]``
(:func:`pairs`); :class:`Lookups` turns the raw values into what is shown: code values as their
labels, dates formatted, an employer by its name, markers such as "(erased)" translated. The
texts are made each time they are read (:class:`FieldChange`, :class:`Coded`), so a page drawn
again after a language switch speaks the new language. Subject access
(:mod:`expatdesk.privacy.subject_access`) shows the trail with the same values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from expatdesk import i18n
from expatdesk.cases.statuses import status_label
from expatdesk.common.concurrency import FIELD_LABELS, field_label
from expatdesk.common.labels import Label, relation_label
from expatdesk.db.audit import ERASED
from expatdesk.db.models import (
    CodeMixin,
    EducationLevel,
    Employer,
    ExpatCategory,
    Municipality,
    PermitType,
    ServiceType,
    StaffUser,
)
from expatdesk.i18n import N_, _
from expatdesk.surveys.responses import intention_label, respondent_label

_MARKERS = {
    ERASED: N_("(erased)"),
    "(changed)": N_("(changed)"),
    "(set)": N_("(set)"),
}

#: Fields the trail writes that no form shows, named for the history.
_EXTRA_LABELS = {
    "anonymised_at": N_("Anonymised"),
    "erasure_reason": N_("Reason"),
    "merged_from": N_("Merged from"),
    "expat_ref": N_("Reference"),
    "employer_ref": N_("Reference"),
    "relation": N_("Relation"),
    "school": N_("School"),
    "permit_type_code": N_("Permit type"),
    "number": N_("Number"),
    "valid_from": N_("Valid from"),
    "valid_until": N_("Valid until"),
    "job_title": N_("Job title"),
    "year": N_("Year"),
    "international_hires": N_("International hires"),
    "source": N_("Source"),
    "purpose": N_("Purpose"),
    "survey_consent_date": N_("Survey consent since"),
    "case_ref": N_("Case"),
    "opened_on": N_("Opened"),
    "closed_at": N_("Closed"),
    "text": N_("Note"),
    "author_id": N_("Author"),
    "service_ref": N_("Reference"),
    "service_code": N_("Service"),
    "delivered_on": N_("Delivered on"),
    "response_ref": N_("Reference"),
    "respondent_type": N_("Respondent"),
    "responded_on": N_("Date of the response"),
    "score_service": N_("Grade for the service"),
    "score_added_value": N_("Grade for the added value"),
    "intends_to_leave": N_("Intends to leave Twente"),
    "questionnaire_version": N_("Questionnaire version"),
    "checklist_item_id": N_("Document"),
}
#: The order in which an entry's fields are listed: as the forms show them, the rest after.
_FIELD_ORDER = {name: rank for rank, name in enumerate([*FIELD_LABELS, *_EXTRA_LABELS])}

_DATES = frozenset(
    {
        "date_of_birth",
        "arrival_date",
        "departure_date",
        "survey_consent_date",
        "valid_from",
        "valid_until",
        "due_date",
        "opened_on",
        "delivered_on",
        "responded_on",
    }
)
_MOMENTS = frozenset({"anonymised_at", "done_at", "closed_at", "checked_at"})
_CODE_TABLES: dict[str, type[CodeMixin]] = {
    "category_code": ExpatCategory,
    "education_level_code": EducationLevel,
    "municipality_code": Municipality,
    "permit_type_code": PermitType,
    "service_code": ServiceType,
}


@dataclass(frozen=True)
class Coded:
    """A code shown through a translation made when it is read (a country, a relation…)."""

    kind: str  # "country", "language", "relation", "status", "marker", "respondent"
    code: str

    def __str__(self) -> str:
        if self.kind == "country":
            return i18n.country_name(self.code)
        if self.kind == "language":
            return i18n.language_name(self.code)
        if self.kind == "relation":
            return relation_label(self.code)
        if self.kind == "status":
            return status_label(self.code)
        if self.kind == "intention":
            return intention_label(self.code)
        if self.kind == "respondent":
            return respondent_label(self.code)
        if self.kind == "marker":
            return _(_MARKERS[self.code]) if self.code in _MARKERS else self.code
        return self.code


Value = str | int | float | bool | date | datetime | Label | Coded | None


def value_text(value: Value) -> str:
    """A value of a change as the history shows it, in the active language."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return i18n.format_datetime(value, "short")
    if isinstance(value, date):
        return i18n.format_date(value)
    if isinstance(value, (int, float)):
        return i18n.format_number(value)
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    """One field of an entry: its value before and after (``None`` where there was none)."""

    field: str
    old: Value
    new: Value

    @property
    def label(self) -> str:
        """The field's name in the active language."""
        if self.field in _EXTRA_LABELS:
            return _(_EXTRA_LABELS[self.field])
        return field_label(self.field)

    @property
    def old_text(self) -> str:
        return value_text(self.old)

    @property
    def new_text(self) -> str:
        return value_text(self.new)

    def text(self) -> str:
        """ "E-mail: a@example.nl → b@example.nl"; one side only when the other is empty."""
        old, new = self.old_text, self.new_text
        if old == new and new:  # "(changed)" or "(erased)" on both sides
            return f"{self.label}: {new}"
        if old and new:
            return f"{self.label}: {old} → {new}"
        if new:
            return f"{self.label}: {new}"
        if old:
            return _("{field}: {value} (removed)").format(field=self.label, value=old)
        return self.label


def in_form_order(changes: Iterable[FieldChange]) -> tuple[FieldChange, ...]:
    """``changes`` in the order the forms show their fields, the others after them."""
    return tuple(
        sorted(changes, key=lambda change: _FIELD_ORDER.get(change.field, len(_FIELD_ORDER)))
    )


def pairs(data: Mapping[str, Any]) -> list[tuple[str, tuple[Any, Any]]]:
    pairs = []
    for name, value in data.items():
        if isinstance(value, list) and len(value) == 2:
            pairs.append((name, (value[0], value[1])))
        else:
            pairs.append((name, (None, value)))
    return pairs


@dataclass
class Lookups:
    """The labels of the codes, and the names of the employers and staff, that entries name."""

    labels: dict[tuple[str, str], Label] = field(default_factory=dict)
    employers: dict[int, str] = field(default_factory=dict)
    staff: dict[int, str] = field(default_factory=dict)

    @classmethod
    def read(cls, session: Session, entries: Iterable[Mapping[str, Any]]) -> Lookups:
        codes: dict[str, set[str]] = {}
        employers: set[int] = set()
        staff: set[int] = set()
        for data in entries:
            for name, (old, new) in pairs(data):
                for value in (old, new):
                    if name in _CODE_TABLES and isinstance(value, str):
                        codes.setdefault(name, set()).add(value)
                    elif name == "employer_id" and isinstance(value, int):
                        employers.add(value)
                    elif name in ("owner_id", "author_id") and isinstance(value, int):
                        staff.add(value)
        lookups = cls()
        for name, wanted in codes.items():
            table = _CODE_TABLES[name]
            for row in session.scalars(select(table).where(table.code.in_(sorted(wanted)))):
                lookups.labels[(name, row.code)] = Label.of(row)
        if employers:
            lookups.employers = dict(
                session.execute(
                    select(Employer.id, Employer.name).where(Employer.id.in_(sorted(employers)))
                ).all()
            )
        if staff:
            lookups.staff = dict(
                session.execute(
                    select(StaffUser.id, StaffUser.display_name).where(
                        StaffUser.id.in_(sorted(staff))
                    )
                ).all()
            )
        return lookups

    def shown(self, name: str, value: Any) -> Value:
        """A raw JSON value of the field ``name`` as a value the history shows."""
        if value is None:
            return None
        if isinstance(value, str) and value in _MARKERS:
            return Coded("marker", value)
        if name in _DATES and isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value
        if name in _MOMENTS and isinstance(value, str):
            try:
                return datetime.fromisoformat(value)
            except ValueError:
                return value
        if name in _CODE_TABLES and isinstance(value, str):
            return self.labels.get((name, value), value)
        if name == "employer_id" and isinstance(value, int):
            return self.employers.get(value, f"#{value}")
        if name in ("owner_id", "author_id") and isinstance(value, int):
            return self.staff.get(value, f"#{value}")
        if name == "nationality" and isinstance(value, str):
            return Coded("country", value)
        if name == "preferred_language" and isinstance(value, str):
            return Coded("language", value)
        if name == "relation" and isinstance(value, str):
            return Coded("relation", value)
        if name == "status" and isinstance(value, str):
            return Coded("status", value)
        if name == "intends_to_leave" and isinstance(value, str):
            return Coded("intention", value)
        if name == "respondent_type" and isinstance(value, str):
            return Coded("respondent", value)
        if name == "questionnaire_version" and isinstance(value, int):
            return str(value)
        if name == "year" or (name.endswith("_id") and isinstance(value, int)):
            return str(value) if name == "year" else f"#{value}"
        if isinstance(value, (str, int, float, bool)):
            return value
        return str(value)
