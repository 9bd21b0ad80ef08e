"""Registering, changing and deleting expats, with their family members and permits.

A form travels as a frozen :class:`ExpatForm` that holds every editable field of an expat and,
as tuples of small forms, the family members and permits. An editor loads it with
:func:`load_expat_form`, changes it, and hands it back to :func:`create_expat` or
:func:`update_expat`; each runs as ONE transaction that checks everything first (raising a
:class:`~expatdesk.common.validation.ValidationError` whose field keys are the form's field
names, ``family[1].given_name`` or ``permits[0].valid_until`` for the nested ones) and writes
nothing when one check fails. Family members and permits that the form no longer lists are
removed, those without an ``id`` are added, and the others are changed, in the same transaction.

The form never carries a BSN in clear: ``bsn_masked`` is what a view shows, ``new_bsn`` what the
user typed over it (``None``: unchanged, ``""``: remove). :func:`reveal_bsn` gives the BSN to a
staff member who asks for it and writes that into the audit trail (``view_bsn``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from babel import Locale
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import QueryableAttribute, Session, joinedload, selectinload

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.common import refs
from expatdesk.common.concurrency import StaleRecordError, check_version, stale_guard
from expatdesk.common.labels import Label
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
from expatdesk.db import audit
from expatdesk.db.database import Database
from expatdesk.db.models import (
    RELATIONS,
    Case,
    CodeMixin,
    EducationLevel,
    Employer,
    Expat,
    ExpatCategory,
    FamilyMember,
    Municipality,
    Permit,
    PermitType,
    ServiceDelivery,
    SurveyResponse,
)
from expatdesk.db.types import utcnow
from expatdesk.errors import UserError
from expatdesk.i18n import _, ngettext
from expatdesk.privacy import access_log
from expatdesk.privacy import erasure as privacy
from expatdesk.text import full_name, mask_bsn

#: Babel's territories that are no country anyone has as a nationality.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"})
#: How often a new expat is tried again when a concurrent registration took its reference.
_CREATE_ATTEMPTS = 3
#: The languages the language choice lists first.
FIRST_LANGUAGES = ("nl", "en")
_ENGLISH = Locale("en")
_REF_PREFIX = "EXP-"
_REF_DIGITS = 6


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


@dataclass(frozen=True)
class ExpatChoices:
    """The code lists an expat form chooses from, in their display order."""

    categories: tuple[Label, ...]
    education_levels: tuple[Label, ...]
    municipalities: tuple[Label, ...]
    permit_types: tuple[Label, ...]


def _labels(session: Session, table: type[CodeMixin]) -> tuple[Label, ...]:
    rows = session.scalars(select(table).order_by(table.sort_order, table.code))
    return tuple(Label.of(row) for row in rows)


def choices(database: Database) -> ExpatChoices:
    """Categories, education levels, municipalities (Twente's 14 and outside) and permit types."""
    with database.reading() as session:
        return ExpatChoices(
            categories=_labels(session, ExpatCategory),
            education_levels=_labels(session, EducationLevel),
            municipalities=_labels(session, Municipality),
            permit_types=_labels(session, PermitType),
        )


def nationalities() -> list[tuple[str, str]]:
    """The countries a nationality can be, as ``(code, name)`` sorted by name in the UI language."""
    return list(_nationalities(i18n.language()))


@cache
def _nationalities(language: str) -> tuple[tuple[str, str], ...]:
    del language  # the cache key: i18n.countries() names them in the active language
    return tuple((code, name) for code, name in i18n.countries() if code not in NOT_COUNTRIES)


@cache
def country_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes a nationality can have."""
    codes = {code for code in _ENGLISH.territories if isinstance(code, str)}
    return frozenset(code for code in codes if len(code) == 2 and code.isalpha()) - NOT_COUNTRIES


@cache
def language_codes() -> frozenset[str]:
    """The ISO 639-1 (two-letter) language codes."""
    codes = {code for code in _ENGLISH.languages if isinstance(code, str)}
    return frozenset(code for code in codes if len(code) == 2 and code.isalpha())


def languages() -> list[tuple[str, str]]:
    """The languages an expat can prefer, as ``(code, name)`` in the UI language.

    Dutch and English, the centre's own languages, come first; the others by name.
    """
    return list(_languages(i18n.language()))


@cache
def _languages(language: str) -> tuple[tuple[str, str], ...]:
    del language  # the cache key: the names are those of the active language
    from expatdesk.text import fold

    names = i18n.locale().languages
    first = [(code, str(names.get(code, code))) for code in FIRST_LANGUAGES]
    others = sorted(
        (
            (code, str(names.get(code, code)))
            for code in language_codes()
            if code not in FIRST_LANGUAGES
        ),
        key=lambda pair: fold(pair[1]),
    )
    return tuple(first + others)


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
                selectinload(Expat.family),
                selectinload(Expat.permits),
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


def _check(session: Session, form: ExpatForm, today: date, stored: Expat | None) -> None:
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
    permit_types = set(session.scalars(select(PermitType.code)))
    for index, permit in enumerate(form.permits):
        _permit_problems(problems, index, permit, permit_types)
    problems.raise_if_any()


def _bsn_lookup(database: Database, actor: Actor | None, form: ExpatForm) -> None:
    """Log (and limit) the lookup :func:`_check` makes of a new, valid BSN, in a transaction of
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
    _bsn_lookup(database, actor, form)
    with database.reading() as session:
        stored = None if expat_id is None else session.get(Expat, expat_id)
        _check(session, form, today or clock.today(), stored)


# --- writing ----------------------------------------------------------------------------------


def _set_fields(expat: Expat, form: ExpatForm, today: date) -> None:
    expat.given_name = clean(form.given_name) or ""
    expat.family_name = clean(form.family_name) or ""
    expat.date_of_birth = form.date_of_birth
    nationality = clean(form.nationality)
    expat.nationality = nationality.upper() if nationality else None
    expat.email = clean(form.email)
    expat.phone = clean(form.phone)
    if form.new_bsn is not None:
        expat.bsn = digits_only(form.new_bsn)
    expat.employer_id = form.employer_id
    expat.category_code = form.category_code
    expat.education_level_code = form.education_level_code
    expat.arrival_date = form.arrival_date
    expat.departure_date = form.departure_date
    expat.municipality_code = form.municipality_code
    language = clean(form.preferred_language)
    expat.preferred_language = language.lower() if language else None
    expat.survey_consent = form.survey_consent
    expat.survey_consent_date = (form.survey_consent_date or today) if form.survey_consent else None
    expat.notes = clean(form.notes)


def _set_member(member: FamilyMember, form: FamilyMemberForm) -> None:
    member.relation = form.relation
    member.given_name = clean(form.given_name) or ""
    member.family_name = clean(form.family_name)
    member.date_of_birth = form.date_of_birth
    member.school = clean(form.school)


def _set_permit(permit: Permit, form: PermitForm) -> None:
    assert form.permit_type_code is not None  # checked before
    assert form.valid_until is not None
    permit.permit_type_code = form.permit_type_code
    permit.number = clean(form.number)
    permit.valid_from = form.valid_from
    permit.valid_until = form.valid_until


def _removed_meanwhile(what: str) -> str:
    return (
        what + " " + _("Reload it to see the current version; what you typed is kept until you do.")
    )


def _apply_family(session: Session, expat: Expat, forms: tuple[FamilyMemberForm, ...]) -> bool:
    """Add, change and remove family members as ``forms`` says; whether anything changed."""
    stored = {member.id: member for member in expat.family}
    kept = {form.id for form in forms if form.id is not None}
    changed = False
    for member in [member for member in expat.family if member.id not in kept]:
        expat.family.remove(member)
        session.delete(member)  # deleted now, not as an orphan at flush: the trail sees it
        changed = True
    for form in forms:
        if form.id is None:
            member = FamilyMember()
            _set_member(member, form)
            expat.family.append(member)
            changed = True
            continue
        if form.id not in stored:
            raise StaleRecordError(
                _removed_meanwhile(
                    _("Someone else removed a family member of this expat after you opened it.")
                ),
                "expat",
                expat.id,
            )
        member = stored[form.id]
        check_version(session, member, form.version or 0, "family_member")
        _set_member(member, form)
        changed = changed or session.is_modified(member)
    return changed


def _apply_permits(session: Session, expat: Expat, forms: tuple[PermitForm, ...]) -> bool:
    """Add, change and remove permits as ``forms`` says; whether anything changed."""
    stored = {permit.id: permit for permit in expat.permits}
    kept = {form.id for form in forms if form.id is not None}
    changed = False
    for permit in [permit for permit in expat.permits if permit.id not in kept]:
        expat.permits.remove(permit)
        session.delete(permit)
        changed = True
    for form in forms:
        if form.id is None:
            permit = Permit()
            _set_permit(permit, form)
            expat.permits.append(permit)
            changed = True
            continue
        if form.id not in stored:
            raise StaleRecordError(
                _removed_meanwhile(
                    _("Someone else removed a permit of this expat after you opened it.")
                ),
                "expat",
                expat.id,
            )
        permit = stored[form.id]
        check_version(session, permit, form.version or 0, "permit")
        _set_permit(permit, form)
        changed = changed or session.is_modified(permit)
    return changed


def create_expat(
    database: Database, actor: Actor, form: ExpatForm, today: date | None = None
) -> int:
    """Register a new expat with family members and permits; returns the new id.

    The reference is the next free ``EXP-000123``. Raises :class:`ValidationError` and writes
    nothing when a field cannot be saved.
    """
    actor.require(Permission.CLIENTS)
    today = today or clock.today()
    _bsn_lookup(database, actor, form)
    for attempt in range(_CREATE_ATTEMPTS):
        try:
            with database.transaction(actor) as session:
                _check(session, form, today, None)
                new_id, ref = refs.new_id_and_ref(
                    session, Expat, Expat.expat_ref, _REF_PREFIX, _REF_DIGITS, person=True
                )
                expat = Expat(id=new_id, expat_ref=ref, family=[], permits=[])
                _set_fields(expat, form, today)
                session.add(expat)
                # Everything on a new expat is new, whatever ids the form carries.
                new_family = tuple(replace(m, id=None, version=None) for m in form.family)
                new_permits = tuple(replace(p, id=None, version=None) for p in form.permits)
                _apply_family(session, expat, new_family)
                _apply_permits(session, expat, new_permits)
                session.flush()
                return expat.id
        except IntegrityError:
            # Another desk registered an expat with the same reference at the same moment:
            # check again (a BSN they took is reported as such) and take the next reference.
            if attempt == _CREATE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def update_expat(
    database: Database,
    actor: Actor,
    expat_id: int,
    version: int,
    form: ExpatForm,
    today: date | None = None,
) -> None:
    """Save ``form`` over the expat ``expat_id`` as it stood at ``version``.

    Family members and permits are added, changed and removed in the same transaction; any such
    change also counts as a change of the expat, so a concurrent edit of its family or permits is
    refused like one of its own fields. Raises :class:`StaleRecordError` when someone else
    changed the expat since ``version``, :class:`ValidationError` when a field cannot be saved.
    """
    actor.require(Permission.CLIENTS)
    today = today or clock.today()
    _bsn_lookup(database, actor, form)
    with database.transaction(actor) as session:
        expat = session.get(
            Expat,
            expat_id,
            options=[selectinload(Expat.family), selectinload(Expat.permits)],
        )
        check_version(session, expat, version, "expat")
        assert expat is not None
        refuse_anonymised(expat.anonymised_at is not None)
        _check(session, form, today, expat)
        with stale_guard(session, "expat", expat_id):
            _set_fields(expat, form, today)
            own = session.is_modified(expat, include_collections=False)
            family = _apply_family(session, expat, form.family)
            permits = _apply_permits(session, expat, form.permits)
            if (family or permits) and not own:
                expat.updated_at = utcnow()  # a new version, so other editors see the change
            session.flush()
        if (family or permits) and not own:
            # The trail names the expat as changed too, so a stale editor learns who did it.
            _note_changed(session, "expat", expat_id, family=family, permits=permits)


def _note_changed(session: Session, entity: str, entity_id: int, **parts: bool) -> None:
    """An audit entry saying which linked records of ``entity`` changed (not how)."""
    changes = {name: ["(changed)", "(changed)"] for name, changed in parts.items() if changed}
    audit.write(session, [audit.entry(session, "update", entity, entity_id, changes)])


def _count(session: Session, column: QueryableAttribute[int | None], record_id: int) -> int:
    return session.scalar(select(func.count()).where(column == record_id)) or 0


def _counted(text: str, count: int) -> str:
    return text.format(count=i18n.format_number(count))


def refuse_anonymised(anonymised: bool) -> None:
    """An expat whose personal data was erased is not edited again (the erasure would be undone
    bit by bit); their survey answers and services keep counting as they are."""
    if anonymised:
        raise UserError(
            _("This expat's personal data was erased; the record can no longer be changed.")
        )


def is_anonymised(database: Database, expat_id: int) -> bool:
    with database.reading() as session:
        return session.scalar(select(Expat.anonymised_at).where(Expat.id == expat_id)) is not None


def delete_expat(database: Database, actor: Actor, expat_id: int, version: int) -> None:
    """Delete the expat with family members and permits, if nothing else refers to it.

    Refused with a :class:`UserError` that counts the cases, service deliveries and survey
    responses that still refer to the expat.
    """
    actor.require(Permission.CLIENTS)
    with database.transaction(actor) as session:
        expat = session.get(
            Expat,
            expat_id,
            options=[selectinload(Expat.family), selectinload(Expat.permits)],
        )
        check_version(session, expat, version, "expat")
        assert expat is not None
        cases = _count(session, Case.expat_id, expat_id)
        deliveries = _count(session, ServiceDelivery.expat_id, expat_id)
        responses = _count(session, SurveyResponse.expat_id, expat_id)
        records = [
            _counted(text, count)
            for text, count in (
                (ngettext("{count} case", "{count} cases", cases), cases),
                (
                    ngettext("{count} service delivery", "{count} service deliveries", deliveries),
                    deliveries,
                ),
                (
                    ngettext("{count} survey response", "{count} survey responses", responses),
                    responses,
                ),
            )
            if count
        ]
        if records:
            raise UserError(
                _(
                    "{name} cannot be deleted: other records refer to this expat ({records})."
                ).format(
                    name=full_name(expat.given_name, expat.family_name), records=i18n.join(records)
                )
            )
        touched = {
            "family_member": {member.id for member in expat.family},
            "permit": {permit.id for permit in expat.permits},
        }
        with stale_guard(session, "expat", expat_id):
            session.delete(expat)
            session.flush()
        # Deleting a person deletes what the trail kept of them too (its delete entry included).
        privacy.scrub_deleted(session, database, {expat_id}, touched)
    if database.is_sqlite:
        privacy.purge(database, [])


def reveal_bsn(database: Database, actor: Actor, expat_id: int) -> str | None:
    """The expat's BSN in clear, for a staff member who asked to see it.

    Looking is written into the audit trail as ``view_bsn`` (with the masked BSN only), so it
    shows who saw whose BSN and when (no digits of it). ``None``, and no entry, when the expat
    has no BSN.
    """
    actor.require(Permission.CLIENTS)
    with database.transaction(actor) as session:
        bsn = session.scalar(select(Expat.bsn).where(Expat.id == expat_id))
        if bsn is None:
            if session.get(Expat, expat_id) is None:
                raise UserError(_("This expat no longer exists."))
            return None
        # The entry says who looked, at whose BSN and when; never the number itself.
        audit.write(session, [audit.entry(session, "view_bsn", "expat", expat_id, None)])
        return bsn
