"""Registering, changing and deleting expats, with their family members and permits.

An editor hands an :class:`~expatdesk.expats.forms.ExpatForm` to :func:`create_expat` or
:func:`update_expat`; each runs as ONE transaction that checks everything first
(:mod:`expatdesk.expats.forms`) and writes nothing when one check fails. Family members and
permits that the form no longer lists are removed, those without an ``id`` are added, and the
others are changed, in the same transaction (:func:`expatdesk.common.children.sync_children`).

:func:`reveal_bsn` gives the BSN to a staff member who asks for it and writes that into the audit
trail (``view_bsn``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.common import refs
from expatdesk.common.children import note_children_changed, removed_meanwhile, sync_children
from expatdesk.common.concurrency import check_version, stale_guard
from expatdesk.common.deletion import Deletion, client_history, count, counted
from expatdesk.common.validation import clean, digits_only
from expatdesk.db import audit
from expatdesk.db.database import Database
from expatdesk.db.models import Case, Expat, FamilyMember, Permit, ServiceDelivery, SurveyResponse
from expatdesk.db.types import utcnow
from expatdesk.errors import UserError
from expatdesk.expats.forms import ExpatForm, FamilyMemberForm, PermitForm, bsn_lookup, check
from expatdesk.i18n import _, ngettext
from expatdesk.privacy.purge import purge
from expatdesk.privacy.trail import scrub_deleted
from expatdesk.text import full_name

_REF_PREFIX = "EXP-"
_REF_DIGITS = 6


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


def _apply_family(session: Session, expat: Expat, forms: tuple[FamilyMemberForm, ...]) -> bool:
    """Add, change and remove family members as ``forms`` says; whether anything changed."""
    return sync_children(
        session,
        expat.family,
        forms,
        entity="family_member",
        new=FamilyMember,
        fill=_set_member,
        removed=lambda: removed_meanwhile(
            _("Someone else removed a family member of this expat after you opened it."),
            "expat",
            expat.id,
        ),
    )


def _apply_permits(session: Session, expat: Expat, forms: tuple[PermitForm, ...]) -> bool:
    """Add, change and remove permits as ``forms`` says; whether anything changed."""
    return sync_children(
        session,
        expat.permits,
        forms,
        entity="permit",
        new=Permit,
        fill=_set_permit,
        removed=lambda: removed_meanwhile(
            _("Someone else removed a permit of this expat after you opened it."),
            "expat",
            expat.id,
        ),
    )


def create_expat(
    database: Database, actor: Actor, form: ExpatForm, today: date | None = None
) -> int:
    """Register a new expat with family members and permits; returns the new id.

    The reference is the next free ``EXP-000123``. Raises :class:`ValidationError` and writes
    nothing when a field cannot be saved.
    """
    actor.require(Permission.CLIENTS)
    today = today or clock.today()
    bsn_lookup(database, actor, form)

    def register() -> int:
        with database.transaction(actor) as session:
            check(session, form, today, None)
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

    # Another desk may register an expat with the same reference at the same moment: checked
    # again (a BSN they took is reported as such), the next reference is taken.
    return refs.retrying_taken_refs(register)


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
    bsn_lookup(database, actor, form)
    with database.transaction(actor) as session:
        # One statement: an expat has few family members and permits.
        expat = session.get(
            Expat, expat_id, options=[joinedload(Expat.family), joinedload(Expat.permits)]
        )
        check_version(session, expat, version, "expat")
        assert expat is not None
        refuse_anonymised(expat.anonymised_at is not None)
        check(session, form, today, expat)
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
            note_children_changed(session, "expat", expat_id, family=family, permits=permits)


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


def _deletion(session: Session, expat: Expat) -> Deletion:
    """What deleting ``expat`` takes with it, and what stops it (other records refer to it)."""
    name = full_name(expat.given_name, expat.family_name)
    going = counted(
        (
            (
                ngettext("{count} family member", "{count} family members", len(expat.family)),
                len(expat.family),
            ),
            (ngettext("{count} permit", "{count} permits", len(expat.permits)), len(expat.permits)),
        )
    )
    cases = count(session, Case.expat_id, expat.id)
    deliveries = count(session, ServiceDelivery.expat_id, expat.id)
    responses = count(session, SurveyResponse.expat_id, expat.id)
    blocking = counted(client_history(cases, deliveries, responses))
    refusal = (
        _("{name} cannot be deleted: other records refer to this expat ({records}).").format(
            name=name, records=i18n.join(blocking)
        )
        if blocking
        else ""
    )
    return Deletion(expat.expat_ref, name, expat.version or 0, going, refusal)


def expat_deletion(database: Database, expat_id: int) -> Deletion | None:
    """What deleting the expat would take with it (family members, permits) or why it may not
    be deleted, for the question before a delete; ``None`` when the expat no longer exists."""
    with database.reading() as session:
        expat = session.get(
            Expat, expat_id, options=[selectinload(Expat.family), selectinload(Expat.permits)]
        )
        return None if expat is None else _deletion(session, expat)


def delete_expat(database: Database, actor: Actor, expat_id: int, version: int) -> None:
    """Delete the expat with family members and permits, if nothing else refers to it.

    Only managers and administrators may (:data:`Permission.DELETE_CLIENTS`). Refused with a
    :class:`UserError` that counts the cases, service deliveries and survey responses that
    still refer to the expat.
    """
    actor.require(Permission.CLIENTS)
    actor.require(Permission.DELETE_CLIENTS)
    with database.transaction(actor) as session:
        expat = session.get(
            Expat,
            expat_id,
            options=[selectinload(Expat.family), selectinload(Expat.permits)],
        )
        check_version(session, expat, version, "expat")
        assert expat is not None
        refusal = _deletion(session, expat).refusal
        if refusal:
            raise UserError(refusal)
        touched = {
            "family_member": {member.id for member in expat.family},
            "permit": {permit.id for permit in expat.permits},
        }
        with stale_guard(session, "expat", expat_id):
            session.delete(expat)
            session.flush()
        # Deleting a person deletes what the trail kept of them too (its delete entry included).
        scrub_deleted(session, database, {expat_id}, touched)
    if database.is_sqlite:
        purge(database, [])


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
