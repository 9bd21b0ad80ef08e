"""Registering, changing and deleting employers, with their contact persons and yearly hiring.

Like :mod:`expatdesk.expats.write`: a frozen :class:`EmployerForm` holds every editable
field and, as tuples of small forms, the contact persons and the hiring records (how many
international knowledge workers the employer hired in a year, the N denominator of the targets
report). :func:`create_employer` and :func:`update_employer` check everything, then write the
employer, its contacts and its hiring in ONE transaction; a problem raises a
:class:`~expatdesk.common.validation.ValidationError` keyed by form field names
(``contacts[0].email``, ``hiring[2].year``) and nothing is written.

Finding an employer by what was typed is :mod:`expatdesk.employers.search`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from expatdesk import i18n
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.common import refs
from expatdesk.common.children import note_children_changed, removed_meanwhile, sync_children
from expatdesk.common.concurrency import check_version, stale_guard
from expatdesk.common.deletion import Deletion, client_history, count, counted
from expatdesk.common.labels import Label
from expatdesk.common.validation import (
    Problems,
    clean,
    digits_only,
    email_problem,
    kvk_problem,
    name_problem,
    required,
    too_long,
)
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Case,
    ContactPerson,
    Employer,
    Expat,
    HiringRecord,
    Municipality,
    ServiceDelivery,
    SurveyResponse,
)
from expatdesk.db.types import utcnow
from expatdesk.errors import UserError
from expatdesk.i18n import _, ngettext

#: The years a hiring record can be about (the database's CHECK constraint).
FIRST_YEAR = 1900
LAST_YEAR = 2200
_REF_PREFIX = "EMP-"
_REF_DIGITS = 6
_WEBSITE = re.compile(r"^(https?://)?[^\s/@]+\.[^\s/@]{2,}(/\S*)?$", re.IGNORECASE)


# --- forms ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactForm:
    """A contact person as the editor shows it; ``id``/``version`` are ``None`` for a new one."""

    name: str = ""
    job_title: str | None = None
    email: str | None = None
    phone: str | None = None
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class HiringForm:
    """International hires in one year; ``id``/``version`` are ``None`` for a new record."""

    year: int | None = None
    international_hires: int | None = None
    source: str | None = None
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class EmployerForm:
    """Every editable field of an employer, with contact persons and hiring records.

    ``id``, ``ref`` and ``version`` describe the stored record the form was loaded from and are
    not saved (:func:`update_employer` takes the version the form showed).
    """

    name: str = ""
    kvk_number: str | None = None
    high_tech: bool = False
    municipality_code: str | None = None
    recognised_sponsor: bool = False
    website: str | None = None
    notes: str | None = None
    contacts: tuple[ContactForm, ...] = ()
    hiring: tuple[HiringForm, ...] = ()
    id: int | None = None
    ref: str | None = None
    version: int | None = None


def municipalities(database: Database) -> tuple[Label, ...]:
    """Twente's fourteen municipalities and "outside Twente", in their display order."""
    with database.reading() as session:
        rows = session.scalars(select(Municipality).order_by(Municipality.sort_order))
        return tuple(Label.of(row) for row in rows)


# --- reading ----------------------------------------------------------------------------------


def _form_of(employer: Employer) -> EmployerForm:
    return EmployerForm(
        name=employer.name,
        kvk_number=employer.kvk_number,
        high_tech=employer.high_tech,
        municipality_code=employer.municipality_code,
        recognised_sponsor=employer.recognised_sponsor,
        website=employer.website,
        notes=employer.notes,
        contacts=tuple(
            ContactForm(
                name=contact.name,
                job_title=contact.job_title,
                email=contact.email,
                phone=contact.phone,
                id=contact.id,
                version=contact.version,
            )
            for contact in employer.contacts
        ),
        hiring=tuple(
            HiringForm(
                year=record.year,
                international_hires=record.international_hires,
                source=record.source,
                id=record.id,
                version=record.version,
            )
            for record in employer.hiring
        ),
        id=employer.id,
        ref=employer.employer_ref,
        version=employer.version,
    )


def load_employer_form(database: Database, employer_id: int) -> EmployerForm | None:
    """The stored employer as a form to edit; ``None`` if it no longer exists."""
    with database.reading() as session:
        employer = session.get(
            Employer,
            employer_id,
            options=[selectinload(Employer.contacts), selectinload(Employer.hiring)],
        )
        return None if employer is None else _form_of(employer)


# --- checking ---------------------------------------------------------------------------------


def _contact_problems(problems: Problems, index: int, contact: ContactForm) -> None:
    key = f"contacts[{index}]."
    name = clean(contact.name)
    problems.add(key + "name", required(name) or too_long(name, 200) or name_problem(name))
    problems.add(key + "job_title", too_long(clean(contact.job_title), 200))
    email = clean(contact.email)
    problems.add(key + "email", email_problem(email))
    problems.add(key + "phone", too_long(clean(contact.phone), 40))


def contact_problems(contact: ContactForm) -> Problems:
    """The problems of one contact person on its own (keys without ``contacts[i].``)."""
    found = Problems()
    _contact_problems(found, 0, contact)
    return _unprefixed(found, "contacts[0].")


def _hiring_problems(
    problems: Problems, index: int, record: HiringForm, years: dict[int, int]
) -> None:
    """``years`` maps each year to the index of its first record in the form."""
    key = f"hiring[{index}]."
    if record.year is None:
        problems.add(key + "year", required(None))
    elif not FIRST_YEAR <= record.year <= LAST_YEAR:
        problems.add(
            key + "year",
            _("Give a year from {first} to {last}.").format(first=FIRST_YEAR, last=LAST_YEAR),
        )
    elif years.setdefault(record.year, index) != index:
        problems.add(
            key + "year",
            _("The hires of {year} are in the list already.").format(year=record.year),
        )
    if record.international_hires is None:
        problems.add(key + "international_hires", required(None))
    elif record.international_hires < 0:
        problems.add(key + "international_hires", _("The number of hires cannot be negative."))
    problems.add(key + "source", too_long(clean(record.source), 200))


def hiring_problems(record: HiringForm, others: tuple[HiringForm, ...] = ()) -> Problems:
    """The problems of one hiring record beside ``others`` (keys without ``hiring[i].``)."""
    found = Problems()
    years = {other.year: -1 for other in others if other.year is not None}
    _hiring_problems(found, 0, record, years)
    return _unprefixed(found, "hiring[0].")


def _unprefixed(problems: Problems, prefix: str) -> Problems:
    result = Problems()
    for error in problems:
        result.add(error.field.removeprefix(prefix), error.message)
    return result


def website_problem(website: str | None) -> str | None:
    if website is None:
        return None
    if len(website) > 300 or not _WEBSITE.match(website):
        return _("This is not a web address (www.example.nl).")
    return None


def _check(session: Session, form: EmployerForm, employer_id: int | None) -> None:
    problems = Problems()
    name = clean(form.name)
    problems.add("name", required(name) or too_long(name, 200) or name_problem(name))
    kvk = digits_only(form.kvk_number)
    problem = kvk_problem(kvk)
    problems.add("kvk_number", problem)
    if kvk is not None and problem is None:
        statement = select(Employer).where(Employer.kvk_number == kvk)
        if employer_id is not None:
            statement = statement.where(Employer.id != employer_id)
        owner = session.scalars(statement.limit(1)).first()
        if owner is not None:
            problems.add(
                "kvk_number",
                _("This KvK number belongs to {ref} {name}.").format(
                    ref=owner.employer_ref, name=owner.name
                ),
            )
    if form.municipality_code is not None and (
        session.get(Municipality, form.municipality_code) is None
    ):
        problems.add("municipality_code", _("Choose a municipality from the list."))
    problems.add("website", website_problem(clean(form.website)))
    for index, contact in enumerate(form.contacts):
        _contact_problems(problems, index, contact)
    years: dict[int, int] = {}
    for index, record in enumerate(form.hiring):
        _hiring_problems(problems, index, record, years)
    problems.raise_if_any()


def check_employer(database: Database, form: EmployerForm, employer_id: int | None = None) -> None:
    """Raise :class:`ValidationError` if ``form`` cannot be saved; writes nothing."""
    with database.reading() as session:
        _check(session, form, employer_id)


# --- writing ----------------------------------------------------------------------------------


def _set_fields(employer: Employer, form: EmployerForm) -> None:
    employer.name = clean(form.name) or ""
    employer.kvk_number = digits_only(form.kvk_number)
    employer.high_tech = form.high_tech
    employer.municipality_code = form.municipality_code
    employer.recognised_sponsor = form.recognised_sponsor
    employer.website = clean(form.website)
    employer.notes = clean(form.notes)


def _set_contact(contact: ContactPerson, form: ContactForm) -> None:
    contact.name = clean(form.name) or ""
    contact.job_title = clean(form.job_title)
    contact.email = clean(form.email)
    contact.phone = clean(form.phone)


def _set_hiring(record: HiringRecord, form: HiringForm) -> None:
    assert form.year is not None  # checked before
    assert form.international_hires is not None
    record.year = form.year
    record.international_hires = form.international_hires
    record.source = clean(form.source)


def _apply_contacts(session: Session, employer: Employer, forms: tuple[ContactForm, ...]) -> bool:
    """Add, change and remove contact persons as ``forms`` says; whether anything changed."""
    return sync_children(
        session,
        employer.contacts,
        forms,
        entity="contact_person",
        new=ContactPerson,
        fill=_set_contact,
        removed=lambda: removed_meanwhile(
            _("Someone else removed a contact person of this employer after you opened it."),
            "employer",
            employer.id,
        ),
    )


def _apply_hiring(session: Session, employer: Employer, forms: tuple[HiringForm, ...]) -> bool:
    """Add, change and remove hiring records as ``forms`` says; whether anything changed.

    Removed records, and records whose year changes, go first (a record that moves to another
    year is replaced), so that a year can pass from one record to another in one save without
    meeting the one-record-per-year constraint.
    """
    return sync_children(
        session,
        employer.hiring,
        forms,
        entity="hiring_record",
        new=HiringRecord,
        fill=_set_hiring,
        removed=lambda: removed_meanwhile(
            _("Someone else removed a hiring record of this employer after you opened it."),
            "employer",
            employer.id,
        ),
        replaced=lambda record, form: form.year != record.year,
    )


def create_employer(database: Database, actor: Actor, form: EmployerForm) -> int:
    """Register a new employer with contact persons and hiring records; returns the new id.

    The reference is the next free ``EMP-000123``. Raises :class:`ValidationError` and writes
    nothing when a field cannot be saved.
    """
    actor.require(Permission.CLIENTS)

    def register() -> int:
        with database.transaction(actor) as session:
            _check(session, form, None)
            new_id, ref = refs.new_id_and_ref(
                session, Employer, Employer.employer_ref, _REF_PREFIX, _REF_DIGITS
            )
            employer = Employer(id=new_id, employer_ref=ref, contacts=[], hiring=[])
            _set_fields(employer, form)
            session.add(employer)
            # Everything on a new employer is new, whatever ids the form carries.
            _apply_contacts(
                session,
                employer,
                tuple(replace(c, id=None, version=None) for c in form.contacts),
            )
            _apply_hiring(
                session, employer, tuple(replace(h, id=None, version=None) for h in form.hiring)
            )
            session.flush()
            return employer.id

    # Another desk may take the same reference (or KvK number) at the same moment: checked
    # again, a KvK number they took is reported, and the next reference is taken.
    return refs.retrying_taken_refs(register)


def update_employer(
    database: Database, actor: Actor, employer_id: int, version: int, form: EmployerForm
) -> None:
    """Save ``form`` over the employer ``employer_id`` as it stood at ``version``.

    Contact persons and hiring records are added, changed and removed in the same transaction,
    and count as a change of the employer (its version goes up). Raises
    :class:`StaleRecordError` when someone else changed the employer since ``version``,
    :class:`ValidationError` when a field cannot be saved.
    """
    actor.require(Permission.CLIENTS)
    with database.transaction(actor) as session:
        employer = session.get(
            Employer,
            employer_id,
            options=[selectinload(Employer.contacts), selectinload(Employer.hiring)],
        )
        check_version(session, employer, version, "employer")
        assert employer is not None
        _check(session, form, employer_id)
        with stale_guard(session, "employer", employer_id):
            _set_fields(employer, form)
            own = session.is_modified(employer, include_collections=False)
            contacts = _apply_contacts(session, employer, form.contacts)
            hiring = _apply_hiring(session, employer, form.hiring)
            if (contacts or hiring) and not own:
                employer.updated_at = utcnow()  # a new version, so other editors see the change
            session.flush()
        if (contacts or hiring) and not own:
            # The trail names the employer as changed too, so a stale editor learns who did it.
            note_children_changed(
                session, "employer", employer_id, contacts=contacts, hiring=hiring
            )


def _deletion(session: Session, employer: Employer) -> Deletion:
    """What deleting ``employer`` takes with it, and what stops it (other records refer to it)."""
    contacts, hiring = len(employer.contacts), len(employer.hiring)
    going = counted(
        (
            (ngettext("{count} contact person", "{count} contact persons", contacts), contacts),
            (
                ngettext(
                    "hiring figures for {count} year", "hiring figures for {count} years", hiring
                ),
                hiring,
            ),
        )
    )
    expats = count(session, Expat.employer_id, employer.id)
    cases = count(session, Case.employer_id, employer.id)
    deliveries = count(session, ServiceDelivery.employer_id, employer.id)
    responses = count(session, SurveyResponse.employer_id, employer.id)
    blocking = counted(
        [
            (ngettext("{count} expat", "{count} expats", expats), expats),
            *client_history(cases, deliveries, responses),
        ]
    )
    refusal = (
        _("{name} cannot be deleted: other records refer to this employer ({records}).").format(
            name=employer.name, records=i18n.join(blocking)
        )
        if blocking
        else ""
    )
    return Deletion(employer.employer_ref, employer.name, employer.version or 0, going, refusal)


def _with_children(session: Session, employer_id: int) -> Employer | None:
    return session.get(
        Employer,
        employer_id,
        options=[selectinload(Employer.contacts), selectinload(Employer.hiring)],
    )


def employer_deletion(database: Database, employer_id: int) -> Deletion | None:
    """What deleting the employer would take with it (contact persons, hiring records) or why it
    may not be deleted, for the question before a delete; ``None`` when it no longer exists."""
    with database.reading() as session:
        employer = _with_children(session, employer_id)
        return None if employer is None else _deletion(session, employer)


def delete_employer(database: Database, actor: Actor, employer_id: int, version: int) -> None:
    """Delete the employer with contact persons and hiring records, if nothing refers to it.

    Only managers and administrators may (:data:`Permission.DELETE_CLIENTS`). Refused with a
    :class:`UserError` that counts the expats, cases, service deliveries and survey responses
    that still refer to the employer.
    """
    actor.require(Permission.CLIENTS)
    actor.require(Permission.DELETE_CLIENTS)
    with database.transaction(actor) as session:
        employer = _with_children(session, employer_id)
        check_version(session, employer, version, "employer")
        assert employer is not None
        refusal = _deletion(session, employer).refusal
        if refusal:
            raise UserError(refusal)
        with stale_guard(session, "employer", employer_id):
            session.delete(employer)
            session.flush()
