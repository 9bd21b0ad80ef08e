"""An expat's form: what an editor shows and hands back, read from the record and checked.

A form travels as a frozen :class:`ExpatForm` that holds every editable field of an expat and,
as tuples of small forms, the family members and permits. An editor loads it with
:func:`load_expat_form`, changes it, and hands it back to
:func:`~expatdesk.expats.write.create_expat` or :func:`~expatdesk.expats.write.update_expat`.
The checks (:func:`check_expat`, and the same inside every save) raise a
:class:`~expatdesk.common.validation.ValidationError` whose field keys are the form's field names,
``family[1].given_name`` or ``permits[0].valid_until`` for the nested ones.

The form never carries a BSN in clear: ``bsn_masked`` is what a view shows, ``new_bsn`` what the
user typed over it (``None``: unchanged, ``""``: remove).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from expatdesk import clock
from expatdesk.accounts.actor import Actor
from expatdesk.common.validation import (
    Problems,
    bsn_problem,
    clean,
    date_problem,
    digits_only,
    email_problem,
    name_problem,
    required,
    too_long,
)
from expatdesk.db.database import Database
from expatdesk.db.models import (
    RELATIONS,
    CodeMixin,
    EducationLevel,
    Employer,
    Expat,
    ExpatCategory,
    Municipality,
    PermitType,
)
from expatdesk.expats.vocabulary import country_codes, language_codes
from expatdesk.i18n import _
from expatdesk.privacy import access_log
from expatdesk.text import full_name, mask_bsn

# --- forms ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FamilyMemberForm:
    """A partner or child as the editor shows it; ``id``/``version`` are ``None`` for a new one."""

    relation: str = "partner"
    given_name: str = ""
    family_name: str | None = None
    date_of_birth: date | None = None
    school: str | None = None  # a child's school
    id: int | None = None
    version: int | None = None

    @property
    def name(self) -> str:
        return full_name(self.given_name, self.family_name)


@dataclass(frozen=True)
class PermitForm:
    """A permit as the editor shows it; ``id``/``version`` are ``None`` for a new one."""

    permit_type_code: str | None = None
    number: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class ExpatForm:
    """Every editable field of an expat, with family members and permits.

    ``id``, ``ref``, ``version`` and ``employer_name`` describe the stored record the form was
    loaded from and are not saved (:func:`update_expat` takes the version the form showed).
    ``bsn_masked`` is the stored BSN as it may be shown; ``new_bsn`` is a BSN typed over it:
    ``None`` keeps the stored one, ``""`` removes it. Typed digits may be grouped with spaces,
    dots or dashes.
    """

    given_name: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    nationality: str | None = None
    email: str | None = None
    phone: str | None = None
    bsn_masked: str | None = None
    new_bsn: str | None = None
    employer_id: int | None = None
    category_code: str | None = None
    education_level_code: str | None = None
    arrival_date: date | None = None
    departure_date: date | None = None
    municipality_code: str | None = None
    preferred_language: str | None = None
    survey_consent: bool = False
    survey_consent_date: date | None = None
    notes: str | None = None
    family: tuple[FamilyMemberForm, ...] = ()
    permits: tuple[PermitForm, ...] = ()
    id: int | None = None
    ref: str | None = None
    version: int | None = None
    employer_name: str | None = None

    @property
    def name(self) -> str:
        return full_name(self.given_name, self.family_name)


# --- reading ----------------------------------------------------------------------------------


def _form_of(expat: Expat) -> ExpatForm:
    return ExpatForm(
        given_name=expat.given_name,
        family_name=expat.family_name,
        date_of_birth=expat.date_of_birth,
        nationality=expat.nationality,
        email=expat.email,
        phone=expat.phone,
        bsn_masked=mask_bsn(expat.bsn),
        new_bsn=None,
        employer_id=expat.employer_id,
        category_code=expat.category_code,
        education_level_code=expat.education_level_code,
        arrival_date=expat.arrival_date,
        departure_date=expat.departure_date,
        municipality_code=expat.municipality_code,
        preferred_language=expat.preferred_language,
        survey_consent=expat.survey_consent,
        survey_consent_date=expat.survey_consent_date,
        notes=expat.notes,
        family=tuple(
            FamilyMemberForm(
                relation=member.relation,
                given_name=member.given_name,
                family_name=member.family_name,
                date_of_birth=member.date_of_birth,
                school=member.school,
                id=member.id,
                version=member.version,
            )
            for member in expat.family
        ),
        permits=tuple(
            PermitForm(
                permit_type_code=permit.permit_type_code,
                number=permit.number,
                valid_from=permit.valid_from,
                valid_until=permit.valid_until,
                id=permit.id,
                version=permit.version,
            )
            for permit in expat.permits
        ),
        id=expat.id,
        ref=expat.expat_ref,
        version=expat.version,
        employer_name=expat.employer.name if expat.employer is not None else None,
    )


def load_expat_form(database: Database, expat_id: int) -> ExpatForm | None:
    """The stored expat as a form to edit; ``None`` if it no longer exists."""
    with database.reading() as session:
        expat = session.get(
            Expat,
            expat_id,
            options=[
                joinedload(Expat.employer),
                joinedload(Expat.family),
                joinedload(Expat.permits),
            ],
        )
        return None if expat is None else _form_of(expat)


# --- checking ---------------------------------------------------------------------------------


def _code_problem(session: Session, table: type[CodeMixin], code: str | None) -> bool:
    """Whether ``code`` is given but not in the code list ``table``."""
    return code is not None and session.get(table, code) is None


def _family_problems(problems: Problems, index: int, member: FamilyMemberForm, today: date) -> None:
    key = f"family[{index}]."
    if member.relation not in RELATIONS:
        problems.add(key + "relation", _("Choose partner or child."))
    given = clean(member.given_name)
    problems.add(key + "given_name", required(given) or too_long(given, 100) or name_problem(given))
    family = clean(member.family_name)
    problems.add(key + "family_name", too_long(family, 100) or name_problem(family))
    problems.add(key + "date_of_birth", date_problem(member.date_of_birth, today))
    school = clean(member.school)
    problems.add(key + "school", too_long(school, 200))
    if school is not None and member.relation == "partner":
        problems.add(key + "school", _("Only a child has a school; leave it blank for a partner."))


def family_problems(member: FamilyMemberForm, today: date | None = None) -> Problems:
    """The problems of one family member on its own (keys without the ``family[i].`` prefix)."""
    found = Problems()
    _family_problems(found, 0, member, today or clock.today())
    return _unprefixed(found, "family[0].")


def _permit_problems(
    problems: Problems, index: int, permit: PermitForm, permit_types: Iterable[str]
) -> None:
    key = f"permits[{index}]."
    if permit.permit_type_code is None:
        problems.add(key + "permit_type_code", _("Choose the type of permit."))
    elif permit.permit_type_code not in set(permit_types):
        problems.add(key + "permit_type_code", _("Choose a type of permit from the list."))
    problems.add(key + "number", too_long(clean(permit.number), 40))
    problems.add(key + "valid_from", date_problem(permit.valid_from, date.max))
    problems.add(
        key + "valid_until",
        required(permit.valid_until) or date_problem(permit.valid_until, date.max),
    )
    if (
        permit.valid_from is not None
        and permit.valid_until is not None
        and permit.valid_until <= permit.valid_from
    ):
        problems.add(
            key + "valid_until", _("The permit must be valid until after it is valid from.")
        )


def permit_problems(permit: PermitForm, permit_types: Iterable[str]) -> Problems:
    """The problems of one permit on its own (keys without the ``permits[i].`` prefix)."""
    found = Problems()
    _permit_problems(found, 0, permit, permit_types)
    return _unprefixed(found, "permits[0].")


def _unprefixed(problems: Problems, prefix: str) -> Problems:
    result = Problems()
    for error in problems:
        result.add(error.field.removeprefix(prefix), error.message)
    return result


def _bsn_owner(session: Session, bsn: str, expat_id: int | None) -> Expat | None:
    statement = select(Expat).where(Expat.bsn == bsn)
    if expat_id is not None:
        statement = statement.where(Expat.id != expat_id)
    return session.scalars(statement.limit(1)).first()


def check(session: Session, form: ExpatForm, today: date, stored: Expat | None) -> None:
    """Raise :class:`ValidationError` for every field of ``form`` that cannot be saved.

    ``stored`` is the expat the form changes (``None`` for a new one). A date it already holds
    is not checked against ``today`` again: a record is not refused for what nobody touched.
    """
    expat_id = None if stored is None else stored.id

    def new_date_problem(name: str, value: date | None, *, future_allowed: bool = False) -> None:
        if stored is not None and value is not None and getattr(stored, name) == value:
            return
        problems.add(name, date_problem(value, today, future_allowed=future_allowed))

    problems = Problems()
    given, family = clean(form.given_name), clean(form.family_name)
    problems.add("given_name", required(given) or too_long(given, 100) or name_problem(given))
    problems.add("family_name", required(family) or too_long(family, 100) or name_problem(family))
    new_date_problem("date_of_birth", form.date_of_birth)
    nationality = clean(form.nationality)
    if nationality is not None and nationality.upper() not in country_codes():
        problems.add("nationality", _("Choose a country from the list."))
    email = clean(form.email)
    problems.add("email", email_problem(email))
    problems.add("phone", too_long(clean(form.phone), 40))
    if form.new_bsn is not None:
        bsn = digits_only(form.new_bsn)
        problem = bsn_problem(bsn)
        problems.add("new_bsn", problem)
        if bsn is not None and problem is None:
            owner = _bsn_owner(session, bsn, expat_id)
            if owner is not None:
                problems.add(
                    "new_bsn",
                    _("This BSN belongs to {ref} {name}.").format(
                        ref=owner.expat_ref, name=full_name(owner.given_name, owner.family_name)
                    ),
                )
    if form.employer_id is not None and session.get(Employer, form.employer_id) is None:
        problems.add("employer_id", _("This employer no longer exists; choose another."))
    if _code_problem(session, ExpatCategory, form.category_code):
        problems.add("category_code", _("Choose a category from the list."))
    if _code_problem(session, EducationLevel, form.education_level_code):
        problems.add("education_level_code", _("Choose an education level from the list."))
    if _code_problem(session, Municipality, form.municipality_code):
        problems.add("municipality_code", _("Choose a municipality from the list."))
    new_date_problem("arrival_date", form.arrival_date, future_allowed=True)
    if (
        form.arrival_date is not None
        and form.date_of_birth is not None
        and form.arrival_date <= form.date_of_birth
    ):
        problems.add("arrival_date", _("The arrival must lie after the date of birth."))
    new_date_problem("departure_date", form.departure_date, future_allowed=True)
    if (
        form.departure_date is not None
        and form.arrival_date is not None
        and form.departure_date < form.arrival_date
    ):
        problems.add("departure_date", _("The departure cannot lie before the arrival."))
    language = clean(form.preferred_language)
    if language is not None and language.lower() not in language_codes():
        problems.add("preferred_language", _("Choose a language from the list."))
    if form.survey_consent:
        new_date_problem("survey_consent_date", form.survey_consent_date)
    for index, member in enumerate(form.family):
        _family_problems(problems, index, member, today)
    permit_types = set(session.scalars(select(PermitType.code))) if form.permits else set()
    for index, permit in enumerate(form.permits):
        _permit_problems(problems, index, permit, permit_types)
    problems.raise_if_any()


def bsn_lookup(database: Database, actor: Actor | None, form: ExpatForm) -> None:
    """Log (and limit) the lookup :func:`check` makes of a new, valid BSN, in a transaction of
    its own: a refused save still looked the BSN up."""
    if form.new_bsn is None:
        return
    bsn = digits_only(form.new_bsn)
    if bsn is not None and bsn_problem(bsn) is None:
        access_log.bsn_lookup(database, actor)


def check_expat(
    database: Database,
    form: ExpatForm,
    expat_id: int | None = None,
    today: date | None = None,
    actor: Actor | None = None,
) -> None:
    """Raise :class:`ValidationError` if ``form`` cannot be saved; writes nothing but the log of
    a BSN lookup (:mod:`.access_log`).

    The editor checks first, so that input errors are shown before a duplicate warning.
    """
    bsn_lookup(database, actor, form)
    with database.reading() as session:
        stored = None if expat_id is None else session.get(Expat, expat_id)
        check(session, form, today or clock.today(), stored)
