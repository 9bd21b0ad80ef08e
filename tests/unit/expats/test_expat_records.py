"""Registering, changing and deleting expats with family and permits, on both engines."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Row, func, select, update

from expatdesk import i18n
from expatdesk.accounts.actor import Actor, PermissionDeniedError
from expatdesk.common.concurrency import StaleRecordError
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.db.models import (
    AuditEntry,
    Case,
    Expat,
    FamilyMember,
    Permit,
    ServiceDelivery,
    StaffUser,
    SurveyResponse,
)
from expatdesk.errors import UserError
from expatdesk.expats import forms as expat_forms
from expatdesk.expats import vocabulary as expat_vocabulary
from expatdesk.expats import write as expat_records
from expatdesk.expats.forms import ExpatForm, FamilyMemberForm, PermitForm
from tests.helpers.sample import JOSE_BSN, Sample

TODAY = date(2026, 11, 26)
#: Two more BSNs that pass the eleven-test.
BSN_A = "111222333"
BSN_B = "232262536"


@pytest.fixture
def anna(database: Database) -> Actor:
    """A desk officer with a staff account, so the trail names her."""
    with database.transaction() as session:
        user = StaffUser(username="anna", display_name="Anna de Vries", role="desk_officer")
        session.add(user)
        session.flush()
        return Actor(user.id, "anna", "Anna de Vries", "desk_officer")


@pytest.fixture
def bram(database: Database) -> Actor:
    """A manager: only managers and administrators delete clients."""
    with database.transaction() as session:
        user = StaffUser(username="bram", display_name="Bram Jansen", role="manager")
        session.add(user)
        session.flush()
        return Actor(user.id, "bram", "Bram Jansen", "manager")


def _form(**changes: object) -> ExpatForm:
    values: dict[str, object] = {
        "given_name": "Sofia",
        "family_name": "Rossi",
        "date_of_birth": date(1991, 5, 17),
        "nationality": "IT",
        "email": "sofia.rossi@example.it",
        "arrival_date": date(2026, 9, 1),
        "municipality_code": "enschede",
        "category_code": "researcher",
        "education_level_code": "phd",
        "preferred_language": "it",
    }
    values.update(changes)
    return ExpatForm(**values)  # type: ignore[arg-type]


def _count(database: Database, model: type) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


_ENTRY = (
    AuditEntry.action,
    AuditEntry.entity,
    AuditEntry.username,
    AuditEntry.staff_user_id,
    AuditEntry.changes,
)


def _trail(database: Database, entity: str, entity_id: int) -> list[Row[Any]]:
    """The audit entries of one record, oldest first (plain rows, readable after the session)."""
    with database.reading() as session:
        return list(
            session.execute(
                select(*_ENTRY)
                .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
                .order_by(AuditEntry.id)
            )
        )


def _problems(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {problem.field: problem.message for problem in error.value.errors}


# --- creating ---------------------------------------------------------------------------------


def test_create_stores_the_expat_family_and_permits_in_one_go(
    database: Database, sample: Sample, anna: Actor
) -> None:
    form = _form(
        new_bsn="111 222 333",
        employer_id=sample.employers["university"],
        survey_consent=True,
        notes="  Came through the PhD programme.  ",
        family=(
            FamilyMemberForm("partner", "Marco", "Bianchi"),
            FamilyMemberForm("child", "Giulia", "Bianchi", date(2020, 3, 4), "Het Stedelijk"),
        ),
        permits=(PermitForm("researcher", "NL-1", date(2026, 8, 15), date(2030, 8, 14)),),
    )
    expat_id = expat_records.create_expat(database, anna, form, today=TODAY)
    loaded = expat_forms.load_expat_form(database, expat_id)
    assert loaded is not None
    assert loaded.ref == f"EXP-{expat_id:06d}"
    assert loaded.version == 1
    assert (loaded.given_name, loaded.family_name, loaded.nationality) == ("Sofia", "Rossi", "IT")
    assert loaded.bsn_masked == "*****2333"
    assert loaded.new_bsn is None
    assert loaded.employer_name == "Universiteit Twente"
    assert loaded.survey_consent is True
    assert loaded.survey_consent_date == TODAY  # ticking consent records the day
    assert loaded.notes == "Came through the PhD programme."
    assert [(m.relation, m.name, m.school) for m in loaded.family] == [
        ("partner", "Marco Bianchi", None),
        ("child", "Giulia Bianchi", "Het Stedelijk"),
    ]
    assert all(m.id is not None and m.version == 1 for m in loaded.family)
    assert [(p.permit_type_code, p.number, p.valid_until) for p in loaded.permits] == [
        ("researcher", "NL-1", date(2030, 8, 14))
    ]
    with database.reading() as session:
        assert session.scalar(select(Expat.bsn).where(Expat.id == expat_id)) == BSN_A


def test_create_writes_the_trail_with_the_bsn_masked(
    database: Database, sample: Sample, anna: Actor
) -> None:
    form = _form(new_bsn=BSN_A, family=(FamilyMemberForm("partner", "Marco"),))
    expat_id = expat_records.create_expat(database, anna, form, today=TODAY)
    (created,) = _trail(database, "expat", expat_id)
    assert (created.action, created.username, created.staff_user_id) == (
        "create",
        "anna",
        anna.user_id,
    )
    changes = json.loads(created.changes or "{}")
    assert changes["bsn"] == [None, "*****2333"]
    assert changes["given_name"] == [None, "Sofia"]
    with database.reading() as session:
        everything = " ".join(c or "" for c in session.scalars(select(AuditEntry.changes)))
        member_id = session.scalar(select(FamilyMember.id).where(FamilyMember.expat_id == expat_id))
    assert BSN_A not in everything
    assert [entry.action for entry in _trail(database, "family_member", member_id or 0)] == [
        "create"
    ]


def test_new_references_follow_the_demo_format_and_skip_taken_ones(
    database: Database, sample: Sample, anna: Actor
) -> None:
    with database.transaction() as session:
        # An imported expat holds the reference the next registration would get.
        imported = Expat(expat_ref="", given_name="Imported", family_name="Person")
        session.add(imported)
        session.flush()
        imported.expat_ref = f"EXP-{imported.id + 1:06d}"
        imported_id = imported.id
    first = expat_records.create_expat(database, anna, _form(), today=TODAY)
    second = expat_records.create_expat(database, anna, _form(), today=TODAY)
    refs = [getattr(expat_forms.load_expat_form(database, i), "ref", None) for i in (first, second)]
    assert refs == [f"EXP-{imported_id + 2:06d}", f"EXP-{imported_id + 3:06d}"]


def test_a_role_without_client_work_may_not_write(database: Database, sample: Sample) -> None:
    outsider = Actor(None, "guest", "Guest", "visitor")
    with pytest.raises(PermissionDeniedError, match="may not work with client records"):
        expat_records.create_expat(database, outsider, _form(), today=TODAY)
    with pytest.raises(PermissionDeniedError):
        expat_records.reveal_bsn(database, outsider, sample.expats["jose"])
    with pytest.raises(PermissionDeniedError):
        expat_records.delete_expat(database, outsider, sample.expats["priya"], 1)
    assert _count(database, Expat) == 5


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"given_name": "  "}, "given_name", "This field is required."),
        ({"family_name": ""}, "family_name", "This field is required."),
        ({"given_name": "x" * 101}, "given_name", "At most 100 characters."),
        ({"date_of_birth": date(2027, 1, 1)}, "date_of_birth", "This date lies in the future."),
        (
            {"date_of_birth": date(1899, 12, 31)},
            "date_of_birth",
            "This date lies before 1900; check the year.",
        ),
        (
            {"arrival_date": date(1991, 5, 17)},
            "arrival_date",
            "The arrival must lie after the date of birth.",
        ),
        (
            {"departure_date": date(2026, 8, 31)},
            "departure_date",
            "The departure cannot lie before the arrival.",
        ),
        ({"email": "sofia@"}, "email", "This is not an e-mail address (name@example.nl)."),
        ({"new_bsn": "12345678"}, "new_bsn", "A BSN has 9 digits."),
        (
            {"new_bsn": "123.456.789"},
            "new_bsn",
            "This is not a valid BSN (it fails the eleven-test); check the digits.",
        ),
        ({"nationality": "XX"}, "nationality", "Choose a country from the list."),
        ({"nationality": "EU"}, "nationality", "Choose a country from the list."),
        (
            {"municipality_code": "zwolle"},
            "municipality_code",
            "Choose a municipality from the list.",
        ),
        ({"category_code": "tourist"}, "category_code", "Choose a category from the list."),
        (
            {"education_level_code": "mba"},
            "education_level_code",
            "Choose an education level from the list.",
        ),
        ({"preferred_language": "xx"}, "preferred_language", "Choose a language from the list."),
        ({"preferred_language": "nld"}, "preferred_language", "Choose a language from the list."),
        (
            {"survey_consent": True, "survey_consent_date": date(2026, 11, 28)},
            "survey_consent_date",
            "This date lies in the future.",
        ),
        (
            {"employer_id": 999_999},
            "employer_id",
            "This employer no longer exists; choose another.",
        ),
        (
            {"family": (FamilyMemberForm("partner", ""),)},
            "family[0].given_name",
            "This field is required.",
        ),
        (
            {"given_name": "So\u202efia"},
            "given_name",
            "Remove the invisible or control character U+202E (character 3).",
        ),
        (
            {"family_name": "Ros\x00si"},
            "family_name",
            "Remove the invisible or control character U+0000 (character 4).",
        ),
        (
            {"family": (FamilyMemberForm("child", "Giu\u200blia"),)},
            "family[0].given_name",
            "Remove the invisible or control character U+200B (character 4).",
        ),
        (
            {"family": (FamilyMemberForm("child", "A"), FamilyMemberForm("cousin", "B"))},
            "family[1].relation",
            "Choose partner or child.",
        ),
        (
            {"family": (FamilyMemberForm("partner", "Marco", school="UT"),)},
            "family[0].school",
            "Only a child has a school; leave it blank for a partner.",
        ),
        (
            {"family": (FamilyMemberForm("child", "Giulia", date_of_birth=date(2027, 2, 1)),)},
            "family[0].date_of_birth",
            "This date lies in the future.",
        ),
        (
            {"permits": (PermitForm(None, valid_until=date(2030, 1, 1)),)},
            "permits[0].permit_type_code",
            "Choose the type of permit.",
        ),
        (
            {"permits": (PermitForm("visa", valid_until=date(2030, 1, 1)),)},
            "permits[0].permit_type_code",
            "Choose a type of permit from the list.",
        ),
        (
            {
                "permits": (
                    PermitForm("hsm", valid_until=date(2030, 1, 1)),
                    PermitForm("hsm", valid_from=date(2026, 1, 1)),
                    PermitForm("hsm", valid_from=date(2026, 1, 1), valid_until=date(2026, 1, 1)),
                )
            },
            "permits[1].valid_until",
            "This field is required.",
        ),
        (
            {"permits": (PermitForm("hsm", None, date(2026, 1, 2), date(2026, 1, 1)),)},
            "permits[0].valid_until",
            "The permit must be valid until after it is valid from.",
        ),
    ],
)
def test_each_rule_names_its_field_and_nothing_is_written(
    database: Database,
    sample: Sample,
    anna: Actor,
    changes: dict[str, object],
    field: str,
    message: str,
) -> None:
    counts = [_count(database, model) for model in (Expat, FamilyMember, Permit, AuditEntry)]
    with pytest.raises(ValidationError) as error:
        expat_records.create_expat(database, anna, _form(**changes), today=TODAY)
    assert _problems(error)[field] == message
    assert error.value.for_field(field) == message
    with pytest.raises(ValidationError):
        expat_forms.check_expat(database, _form(**changes), today=TODAY)
    jose = expat_forms.load_expat_form(database, sample.expats["jose"])
    assert jose is not None
    assert jose.version is not None
    with pytest.raises(ValidationError) as on_update:
        expat_records.update_expat(
            database, anna, jose.id or 0, jose.version, _form(**changes), today=TODAY
        )
    assert on_update.value.for_field(field) == message
    assert [
        _count(database, model) for model in (Expat, FamilyMember, Permit, AuditEntry)
    ] == counts
    assert expat_forms.load_expat_form(database, sample.expats["jose"]) == jose


def test_every_problem_is_reported_at_once(database: Database, sample: Sample, anna: Actor) -> None:
    form = _form(
        given_name="",
        email="nope",
        permits=(PermitForm("hsm"), PermitForm("hsm", valid_until=date(2030, 1, 1))),
    )
    with pytest.raises(ValidationError) as error:
        expat_records.create_expat(database, anna, form, today=TODAY)
    assert _problems(error) == {
        "given_name": "This field is required.",
        "email": "This is not an e-mail address (name@example.nl).",
        "permits[0].valid_until": "This field is required.",
    }


def test_a_bsn_of_another_expat_is_refused_with_its_owner(
    database: Database, sample: Sample, anna: Actor
) -> None:
    with pytest.raises(ValidationError) as error:
        expat_records.create_expat(database, anna, _form(new_bsn="1234 56 782"), today=TODAY)
    assert _problems(error) == {"new_bsn": "This BSN belongs to EXP-0001 José García."}
    # José keeping his own BSN is no conflict.
    jose = expat_forms.load_expat_form(database, sample.expats["jose"])
    assert jose is not None
    assert jose.version is not None
    expat_records.update_expat(
        database, anna, sample.expats["jose"], jose.version, replace(jose, new_bsn=JOSE_BSN), TODAY
    )


def test_the_language_and_country_are_stored_as_codes(
    database: Database, sample: Sample, anna: Actor
) -> None:
    expat_id = expat_records.create_expat(
        database, anna, _form(nationality="nl", preferred_language="NL"), today=TODAY
    )
    loaded = expat_forms.load_expat_form(database, expat_id)
    assert loaded is not None
    assert (loaded.nationality, loaded.preferred_language) == ("NL", "nl")


def test_single_item_checks_for_the_sub_dialogs() -> None:
    assert [
        (e.field, e.message)
        for e in expat_forms.family_problems(FamilyMemberForm("partner", "", school="X"), TODAY)
    ] == [
        ("given_name", "This field is required."),
        ("school", "Only a child has a school; leave it blank for a partner."),
    ]
    assert [
        (e.field, e.message)
        for e in expat_forms.permit_problems(
            PermitForm("hsm", "N-1", date(2026, 1, 1), date(2025, 1, 1)), {"hsm"}
        )
    ] == [("valid_until", "The permit must be valid until after it is valid from.")]
    assert not expat_forms.permit_problems(PermitForm("hsm", valid_until=TODAY), {"hsm"})


def test_choices_and_languages_in_the_ui_language(database: Database) -> None:
    found = expat_vocabulary.choices(database)
    assert [label.code for label in found.municipalities][:2] == ["almelo", "borne"]
    assert found.municipalities[-1].code == "outside_twente"
    assert len(found.municipalities) == 15
    assert found.permit_types[0].code == "hsm"
    assert [code for code, _name in expat_vocabulary.languages()[:2]] == ["nl", "en"]
    assert expat_vocabulary.languages()[0] == ("nl", "Dutch")
    nationalities = dict(expat_vocabulary.nationalities())
    assert nationalities["DE"] == "Germany"
    assert "EU" not in nationalities
    assert "ZZ" not in nationalities


# --- updating ---------------------------------------------------------------------------------


def test_update_adds_changes_and_removes_family_and_permits_in_one_save(
    database: Database, sample: Sample, anna: Actor
) -> None:
    jose_id = sample.expats["jose"]
    jose = expat_forms.load_expat_form(database, jose_id)
    assert jose is not None
    assert jose.version == 1
    partner, child = jose.family
    changed = replace(
        jose,
        email="jose@example.nl",
        family=(
            replace(child, school="Het Erasmus"),
            FamilyMemberForm("child", "Elena", "García", date(2026, 6, 1)),
        ),
        permits=(),
    )
    expat_records.update_expat(database, anna, jose_id, jose.version, changed, today=TODAY)
    loaded = expat_forms.load_expat_form(database, jose_id)
    assert loaded is not None
    assert loaded.email == "jose@example.nl"
    assert loaded.version == 2
    assert [(m.given_name, m.school) for m in loaded.family] == [
        ("Mateo", "Het Erasmus"),
        ("Elena", None),
    ]
    assert loaded.family[0].version == 2
    assert loaded.permits == ()
    assert loaded.bsn_masked == jose.bsn_masked  # new_bsn None keeps the BSN
    assert _count(database, Permit) == 0
    actions = [(entry.action, entry.entity) for entry in _audit_since(database, 0)]
    assert ("update", "expat") in actions
    assert ("delete", "family_member") in actions
    assert ("create", "family_member") in actions
    assert ("update", "family_member") in actions
    assert ("delete", "permit") in actions
    assert partner.id not in {m.id for m in loaded.family}


def _audit_since(database: Database, after_id: int) -> list[Row[Any]]:
    with database.reading() as session:
        return list(
            session.execute(select(*_ENTRY).where(AuditEntry.id > after_id).order_by(AuditEntry.id))
        )


def test_a_change_to_family_alone_gives_the_expat_a_new_version(
    database: Database, sample: Sample, anna: Actor
) -> None:
    jose = expat_forms.load_expat_form(database, sample.expats["jose"])
    assert jose is not None
    assert jose.version is not None
    added = replace(jose, permits=(*jose.permits, PermitForm("hsm", None, None, date(2027, 1, 1))))
    expat_records.update_expat(database, anna, sample.expats["jose"], jose.version, added, TODAY)
    loaded = expat_forms.load_expat_form(database, sample.expats["jose"])
    assert loaded is not None
    assert loaded.version == jose.version + 1
    assert len(loaded.permits) == 2
    # The first editor's copy is now stale: a save from it is refused, not merged.
    with pytest.raises(StaleRecordError, match="anna changed this record"):
        expat_records.update_expat(database, anna, sample.expats["jose"], jose.version, jose, TODAY)


def test_saving_an_unchanged_form_writes_nothing(
    database: Database, sample: Sample, anna: Actor
) -> None:
    jose = expat_forms.load_expat_form(database, sample.expats["jose"])
    assert jose is not None
    assert jose.version is not None
    before = _count(database, AuditEntry)
    expat_records.update_expat(database, anna, sample.expats["jose"], jose.version, jose, TODAY)
    assert _count(database, AuditEntry) == before
    assert expat_forms.load_expat_form(database, sample.expats["jose"]) == jose


def test_new_bsn_replaces_or_removes_the_stored_one(
    database: Database, sample: Sample, anna: Actor
) -> None:
    jose_id = sample.expats["jose"]
    jose = expat_forms.load_expat_form(database, jose_id)
    assert jose is not None
    assert jose.version is not None
    expat_records.update_expat(
        database, anna, jose_id, jose.version, replace(jose, new_bsn="232-262-536"), TODAY
    )
    changed = expat_forms.load_expat_form(database, jose_id)
    assert changed is not None
    assert changed.version is not None
    assert changed.bsn_masked == "*****2536"
    (entry,) = [e for e in _trail(database, "expat", jose_id) if e.action == "update"]
    assert json.loads(entry.changes or "{}") == {"bsn": ["*****6782", "*****2536"]}
    expat_records.update_expat(
        database, anna, jose_id, changed.version, replace(changed, new_bsn=""), TODAY
    )
    removed = expat_forms.load_expat_form(database, jose_id)
    assert removed is not None
    assert removed.bsn_masked is None
    assert expat_records.reveal_bsn(database, anna, jose_id) is None


def test_a_stored_date_is_not_refused_again_but_a_changed_one_is(
    database: Database, sample: Sample, anna: Actor
) -> None:
    jose = expat_forms.load_expat_form(database, sample.expats["jose"])
    assert jose is not None
    assert jose.version is not None
    # The sample's consent is dated the day after TODAY: saving other changes is not refused.
    assert jose.survey_consent_date == date(2026, 11, 27)
    expat_records.update_expat(
        database, anna, sample.expats["jose"], jose.version, replace(jose, phone="1"), TODAY
    )
    with pytest.raises(ValidationError) as error:
        expat_records.update_expat(
            database,
            anna,
            sample.expats["jose"],
            jose.version + 1,
            replace(jose, survey_consent_date=date(2026, 11, 28)),
            TODAY,
        )
    assert _problems(error) == {"survey_consent_date": "This date lies in the future."}


def test_withdrawn_consent_clears_its_date(database: Database, sample: Sample, anna: Actor) -> None:
    jose = expat_forms.load_expat_form(database, sample.expats["jose"])
    assert jose is not None
    assert jose.version is not None
    assert jose.survey_consent
    expat_records.update_expat(
        database,
        anna,
        sample.expats["jose"],
        jose.version,
        replace(jose, survey_consent=False),
        TODAY,
    )
    loaded = expat_forms.load_expat_form(database, sample.expats["jose"])
    assert loaded is not None
    assert (loaded.survey_consent, loaded.survey_consent_date) == (False, None)


def test_a_stale_version_is_refused_with_who_and_what(
    database: Database, sample: Sample, anna: Actor
) -> None:
    jose_id = sample.expats["jose"]
    jose = expat_forms.load_expat_form(database, jose_id)
    assert jose is not None
    assert jose.version is not None
    expat_records.update_expat(
        database, anna, jose_id, jose.version, replace(jose, phone="+31 6 0000 0000"), TODAY
    )
    with pytest.raises(StaleRecordError) as error:
        expat_records.update_expat(
            database, anna, jose_id, jose.version, replace(jose, email="x@example.nl"), TODAY
        )
    message = str(error.value)
    assert message.startswith("anna changed this record on ")
    assert "(Phone)" in message
    assert "what you typed is kept" in message
    assert (error.value.entity, error.value.entity_id) == ("expat", jose_id)
    loaded = expat_forms.load_expat_form(database, jose_id)
    assert loaded is not None
    assert loaded.email == jose.email


def test_a_family_member_removed_meanwhile_makes_the_save_stale(
    database: Database, sample: Sample, anna: Actor
) -> None:
    jose_id = sample.expats["jose"]
    jose = expat_forms.load_expat_form(database, jose_id)
    assert jose is not None
    assert jose.version is not None
    with database.transaction() as session:
        session.execute(
            update(FamilyMember)
            .where(FamilyMember.id == jose.family[0].id)
            .values(school=None, version=FamilyMember.version + 1)
        )
    with pytest.raises(StaleRecordError):
        expat_records.update_expat(database, anna, jose_id, jose.version, jose, TODAY)
    with database.transaction() as session:
        session.execute(FamilyMember.__table__.delete().where(FamilyMember.id == jose.family[0].id))
    fresh_version = jose.version
    with pytest.raises(StaleRecordError, match="removed a family member"):
        expat_records.update_expat(database, anna, jose_id, fresh_version, jose, TODAY)


def test_updating_a_deleted_expat_says_so(
    database: Database, sample: Sample, anna: Actor, bram: Actor
) -> None:
    priya = expat_forms.load_expat_form(database, sample.expats["priya"])
    assert priya is not None
    assert priya.version is not None
    expat_records.delete_expat(database, bram, sample.expats["priya"], priya.version)
    with pytest.raises(StaleRecordError, match="deleted by someone else") as error:
        expat_records.update_expat(
            database, anna, sample.expats["priya"], priya.version, priya, TODAY
        )
    assert error.value.entity_id is None
    assert expat_forms.load_expat_form(database, sample.expats["priya"]) is None


# --- deleting ---------------------------------------------------------------------------------


def test_delete_removes_family_and_permits_and_writes_the_trail(
    database: Database, sample: Sample, bram: Actor
) -> None:
    jose_id = sample.expats["jose"]
    jose = expat_forms.load_expat_form(database, jose_id)
    assert jose is not None
    assert jose.version is not None
    expat_records.delete_expat(database, bram, jose_id, jose.version)
    assert expat_forms.load_expat_form(database, jose_id) is None
    assert (_count(database, FamilyMember), _count(database, Permit)) == (0, 0)
    deleted = [entry for entry in _trail(database, "expat", jose_id) if entry.action == "delete"]
    assert len(deleted) == 1
    # The trail says what was deleted, but keeps no personal value of the deleted person.
    changes = json.loads(deleted[0].changes or "{}")
    assert changes["bsn"] == ["(erased)", None]
    assert changes["given_name"] == ["(erased)", None]
    assert changes["expat_ref"][1] is None
    entities = {(e.action, e.entity) for e in _audit_since(database, 0)}
    assert {("delete", "family_member"), ("delete", "permit")} <= entities
    everything = " ".join(entry.changes or "" for entry in _audit_since(database, 0))
    for value in ("García", "6782", "Lucía"):
        assert value not in everything


def test_delete_is_refused_while_records_refer_to_the_expat(
    database: Database, sample: Sample, bram: Actor
) -> None:
    jose_id = sample.expats["jose"]
    with database.transaction() as session:
        session.add_all(
            [
                Case(case_ref="C-1", subject="Permit", expat_id=jose_id, opened_on=TODAY),
                Case(case_ref="C-2", subject="Housing", expat_id=jose_id, opened_on=TODAY),
                ServiceDelivery(
                    service_ref="S-1", service_code="digid", delivered_on=TODAY, expat_id=jose_id
                ),
                SurveyResponse(
                    response_ref="R-1",
                    respondent_type="expat",
                    expat_id=jose_id,
                    responded_on=TODAY,
                ),
            ]
        )
    jose = expat_forms.load_expat_form(database, jose_id)
    assert jose is not None
    assert jose.version is not None
    before = _count(database, AuditEntry)
    deletion = expat_records.expat_deletion(database, jose_id)
    assert deletion is not None
    with pytest.raises(UserError) as error:
        expat_records.delete_expat(database, bram, jose_id, jose.version)
    assert (
        str(error.value)
        == deletion.refusal
        == (
            "José García cannot be deleted: other records refer to this expat "
            "(2 cases, 1 service delivery and 1 survey response)."
        )
    )
    assert expat_forms.load_expat_form(database, jose_id) == jose
    assert _count(database, AuditEntry) == before


def test_delete_with_a_stale_version_is_refused(
    database: Database, sample: Sample, anna: Actor, bram: Actor
) -> None:
    priya = expat_forms.load_expat_form(database, sample.expats["priya"])
    assert priya is not None
    assert priya.version is not None
    expat_records.update_expat(
        database, anna, sample.expats["priya"], priya.version, replace(priya, phone="1"), TODAY
    )
    with pytest.raises(StaleRecordError, match="anna changed this record"):
        expat_records.delete_expat(database, bram, sample.expats["priya"], priya.version)
    assert expat_forms.load_expat_form(database, sample.expats["priya"]) is not None


def test_a_desk_officer_may_not_delete_an_expat(
    database: Database, sample: Sample, anna: Actor
) -> None:
    jose_id = sample.expats["jose"]
    jose = expat_forms.load_expat_form(database, jose_id)
    assert jose is not None
    assert jose.version is not None
    before = _count(database, AuditEntry)
    with pytest.raises(
        PermissionDeniedError, match="Only managers and administrators may delete expats"
    ):
        expat_records.delete_expat(database, anna, jose_id, jose.version)
    assert expat_forms.load_expat_form(database, jose_id) == jose
    assert _count(database, AuditEntry) == before


def test_the_deletion_counts_what_goes_with_the_expat(database: Database, sample: Sample) -> None:
    jose_id = sample.expats["jose"]
    jose = expat_forms.load_expat_form(database, jose_id)
    assert jose is not None
    deletion = expat_records.expat_deletion(database, jose_id)
    assert deletion is not None
    assert (deletion.name, deletion.ref, deletion.version) == (jose.name, jose.ref, jose.version)
    family, permits = len(jose.family), len(jose.permits)
    assert (family, permits) == (2, 1)
    assert deletion.going == ("2 family members", "1 permit")
    assert deletion.refusal == ""
    with i18n.using("nl"):
        assert expat_records.expat_deletion(database, jose_id).going == (  # type: ignore[union-attr]
            "2 gezinsleden",
            "1 vergunning",
        )
    assert expat_records.expat_deletion(database, 10_000) is None


# --- the BSN in clear -------------------------------------------------------------------------


def test_reveal_bsn_is_written_into_the_trail_without_the_number(
    database: Database, sample: Sample, anna: Actor
) -> None:
    jose_id = sample.expats["jose"]
    assert expat_records.reveal_bsn(database, anna, jose_id) == JOSE_BSN
    (viewed,) = [e for e in _trail(database, "expat", jose_id) if e.action == "view_bsn"]
    assert (viewed.username, viewed.staff_user_id) == ("anna", anna.user_id)
    assert viewed.changes is None
    # An expat without a BSN shows nothing, so nothing was seen.
    assert expat_records.reveal_bsn(database, anna, sample.expats["anna"]) is None
    assert [e.action for e in _trail(database, "expat", sample.expats["anna"])] == ["create"]
    with pytest.raises(UserError, match="no longer exists"):
        expat_records.reveal_bsn(database, anna, 999_999)
