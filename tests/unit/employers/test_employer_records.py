"""Registering, changing and deleting employers with contacts and hiring, on both engines."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Row, func, select

from expatdesk.accounts.actor import Actor, PermissionDeniedError
from expatdesk.common.concurrency import StaleRecordError
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.db.models import (
    AuditEntry,
    Case,
    ContactPerson,
    Employer,
    HiringRecord,
    ServiceDelivery,
    StaffUser,
    SurveyResponse,
)
from expatdesk.employers import write as employer_records
from expatdesk.employers.write import ContactForm, EmployerForm, HiringForm
from expatdesk.errors import UserError
from tests.helpers.sample import Sample

TODAY = date(2026, 11, 26)


@pytest.fixture
def anna(database: Database) -> Actor:
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


def _form(**changes: object) -> EmployerForm:
    values: dict[str, object] = {
        "name": "Demcon",
        "kvk_number": "0603 1234",
        "high_tech": True,
        "municipality_code": "enschede",
        "website": "https://www.demcon.com",
    }
    values.update(changes)
    return EmployerForm(**values)  # type: ignore[arg-type]


def _count(database: Database, model: type) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _entries(database: Database) -> list[Row[Any]]:
    with database.reading() as session:
        return list(
            session.execute(
                select(
                    AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.changes
                ).order_by(AuditEntry.id)
            )
        )


def _load(database: Database, employer_id: int) -> EmployerForm:
    form = employer_records.load_employer_form(database, employer_id)
    assert form is not None
    assert form.version is not None
    return form


def _problems(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {problem.field: problem.message for problem in error.value.errors}


# --- creating ---------------------------------------------------------------------------------


def test_create_stores_the_employer_contacts_and_hiring(
    database: Database, sample: Sample, anna: Actor
) -> None:
    form = _form(
        recognised_sponsor=True,
        notes=" Sponsor since 2019. ",
        contacts=(ContactForm("Eva Jansen", "HR manager", "eva@demcon.com", "+31 88 115 2000"),),
        hiring=(HiringForm(2025, 12, "annual survey"), HiringForm(2024, 0)),
    )
    employer_id = employer_records.create_employer(database, anna, form)
    loaded = _load(database, employer_id)
    assert loaded.ref == f"EMP-{employer_id:06d}"
    assert (loaded.name, loaded.kvk_number, loaded.high_tech, loaded.recognised_sponsor) == (
        "Demcon",
        "06031234",
        True,
        True,
    )
    assert (loaded.municipality_code, loaded.website, loaded.notes) == (
        "enschede",
        "https://www.demcon.com",
        "Sponsor since 2019.",
    )
    assert [(c.name, c.job_title, c.email) for c in loaded.contacts] == [
        ("Eva Jansen", "HR manager", "eva@demcon.com")
    ]
    assert [(h.year, h.international_hires, h.source) for h in loaded.hiring] == [
        (2024, 0, None),
        (2025, 12, "annual survey"),
    ]
    actions = [(e.action, e.entity) for e in _entries(database) if e.entity_id and e.action]
    assert ("create", "employer") in actions
    assert actions.count(("create", "hiring_record")) >= 2


def test_a_role_without_client_work_may_not_write(database: Database, sample: Sample) -> None:
    outsider = Actor(None, "guest", "Guest", "visitor")
    with pytest.raises(PermissionDeniedError):
        employer_records.create_employer(database, outsider, _form())
    with pytest.raises(PermissionDeniedError):
        employer_records.delete_employer(database, outsider, sample.employers["bakery"], 1)
    assert _count(database, Employer) == 3


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": " "}, "name", "This field is required."),
        ({"name": "x" * 201}, "name", "At most 200 characters."),
        ({"kvk_number": "1234567"}, "kvk_number", "A KvK number has exactly 8 digits."),
        ({"kvk_number": "1234567A"}, "kvk_number", "A KvK number has exactly 8 digits."),
        (
            {"kvk_number": "0603 5234"},
            "kvk_number",
            "This KvK number belongs to EMP-0001 Thales Nederland.",
        ),
        (
            {"municipality_code": "zwolle"},
            "municipality_code",
            "Choose a municipality from the list.",
        ),
        ({"website": "demcon"}, "website", "This is not a web address (www.example.nl)."),
        (
            {"website": "http://my site.nl"},
            "website",
            "This is not a web address (www.example.nl).",
        ),
        ({"contacts": (ContactForm(""),)}, "contacts[0].name", "This field is required."),
        (
            {"contacts": (ContactForm("Eva"), ContactForm("Bo", email="bo@"))},
            "contacts[1].email",
            "This is not an e-mail address (name@example.nl).",
        ),
        ({"hiring": (HiringForm(None, 3),)}, "hiring[0].year", "This field is required."),
        ({"hiring": (HiringForm(1899, 3),)}, "hiring[0].year", "Give a year from 1900 to 2200."),
        ({"hiring": (HiringForm(2201, 3),)}, "hiring[0].year", "Give a year from 1900 to 2200."),
        (
            {"hiring": (HiringForm(2025, 3), HiringForm(2024, 1), HiringForm(2025, 4))},
            "hiring[2].year",
            "The hires of 2025 are in the list already.",
        ),
        (
            {"hiring": (HiringForm(2025, None),)},
            "hiring[0].international_hires",
            "This field is required.",
        ),
        (
            {"hiring": (HiringForm(2025, -1),)},
            "hiring[0].international_hires",
            "The number of hires cannot be negative.",
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
    models = (Employer, ContactPerson, HiringRecord, AuditEntry)
    counts = [_count(database, model) for model in models]
    with pytest.raises(ValidationError) as error:
        employer_records.create_employer(database, anna, _form(**changes))
    assert _problems(error)[field] == message
    with pytest.raises(ValidationError):
        employer_records.check_employer(database, _form(**changes))
    bakery = _load(database, sample.employers["bakery"])
    with pytest.raises(ValidationError) as on_update:
        employer_records.update_employer(
            database, anna, sample.employers["bakery"], bakery.version or 0, _form(**changes)
        )
    assert on_update.value.for_field(field) == message
    assert [_count(database, model) for model in models] == counts
    assert _load(database, sample.employers["bakery"]) == bakery


def test_valid_websites_and_an_employer_keeping_its_own_kvk(
    database: Database, sample: Sample, anna: Actor
) -> None:
    for website in ("www.example.nl", "example.nl", "https://example.nl/jobs?x=1", "HTTP://A.BC"):
        assert employer_records.website_problem(website) is None
    thales = _load(database, sample.employers["thales"])
    employer_records.update_employer(
        database,
        anna,
        sample.employers["thales"],
        thales.version or 0,
        replace(thales, name="Thales"),
    )
    assert _load(database, sample.employers["thales"]).name == "Thales"


def test_single_item_checks_for_the_sub_dialogs() -> None:
    assert [(e.field, e.message) for e in employer_records.contact_problems(ContactForm(""))] == [
        ("name", "This field is required.")
    ]
    others = (HiringForm(2024, 3, id=1),)
    assert [
        (e.field, e.message) for e in employer_records.hiring_problems(HiringForm(2024, 1), others)
    ] == [("year", "The hires of 2024 are in the list already.")]
    assert not employer_records.hiring_problems(HiringForm(2025, 1), others)


# --- updating ---------------------------------------------------------------------------------


def test_update_adds_changes_and_removes_contacts_and_hiring_in_one_save(
    database: Database, sample: Sample, anna: Actor
) -> None:
    thales_id = sample.employers["thales"]
    thales = _load(database, thales_id)
    arjen, ingrid = thales.contacts  # ordered by name
    assert (arjen.name, ingrid.name) == ("Arjen Smit", "Ingrid Bakker")
    first, second = thales.hiring
    changed = replace(
        thales,
        high_tech=False,
        contacts=(replace(ingrid, phone="+31 74 248 1111"), ContactForm("Noor Visser")),
        hiring=(replace(second, international_hires=60), HiringForm(2026, 5)),
    )
    employer_records.update_employer(database, anna, thales_id, thales.version or 0, changed)
    loaded = _load(database, thales_id)
    assert loaded.version == (thales.version or 0) + 1
    assert loaded.high_tech is False
    assert [(c.name, c.phone) for c in loaded.contacts] == [
        ("Ingrid Bakker", "+31 74 248 1111"),
        ("Noor Visser", None),
    ]
    assert [(h.year, h.international_hires) for h in loaded.hiring] == [(2025, 60), (2026, 5)]
    actions = {(e.action, e.entity) for e in _entries(database)}
    assert {
        ("delete", "contact_person"),
        ("create", "contact_person"),
        ("update", "contact_person"),
        ("delete", "hiring_record"),
        ("update", "hiring_record"),
    } <= actions
    assert first.id not in {h.id for h in loaded.hiring}


def test_a_year_can_pass_from_one_hiring_record_to_another(
    database: Database, sample: Sample, anna: Actor
) -> None:
    thales_id = sample.employers["thales"]
    thales = _load(database, thales_id)
    first, second = thales.hiring  # 2024: 41, 2025: 57
    swapped = replace(thales, hiring=(replace(first, year=2025), replace(second, year=2024)))
    employer_records.update_employer(database, anna, thales_id, thales.version or 0, swapped)
    loaded = _load(database, thales_id)
    assert [(h.year, h.international_hires) for h in loaded.hiring] == [(2024, 57), (2025, 41)]
    # Removing 2025 and adding it again in one save works too.
    again = replace(loaded, hiring=(loaded.hiring[0], HiringForm(2025, 1)))
    employer_records.update_employer(database, anna, thales_id, loaded.version or 0, again)
    assert [(h.year, h.international_hires) for h in _load(database, thales_id).hiring] == [
        (2024, 57),
        (2025, 1),
    ]


def test_a_change_to_contacts_alone_makes_other_copies_stale(
    database: Database, sample: Sample, anna: Actor
) -> None:
    thales_id = sample.employers["thales"]
    thales = _load(database, thales_id)
    employer_records.update_employer(
        database,
        anna,
        thales_id,
        thales.version or 0,
        replace(thales, contacts=thales.contacts[:1]),
    )
    assert _load(database, thales_id).version == (thales.version or 0) + 1
    with pytest.raises(
        StaleRecordError, match=r"^anna changed this record on .*\(Contact persons\)\."
    ) as error:
        employer_records.update_employer(database, anna, thales_id, thales.version or 0, thales)
    assert (error.value.entity, error.value.entity_id) == ("employer", thales_id)
    assert len(_load(database, thales_id).contacts) == 1


def test_an_unchanged_form_writes_nothing(database: Database, sample: Sample, anna: Actor) -> None:
    thales = _load(database, sample.employers["thales"])
    before = _count(database, AuditEntry)
    employer_records.update_employer(
        database, anna, sample.employers["thales"], thales.version or 0, thales
    )
    assert _count(database, AuditEntry) == before
    assert _load(database, sample.employers["thales"]) == thales


# --- deleting ---------------------------------------------------------------------------------


def test_delete_removes_contacts_and_hiring(
    database: Database, sample: Sample, bram: Actor
) -> None:
    with database.transaction() as session:
        employer = Employer(employer_ref="EMP-0099", name="Solo BV")
        employer.contacts = [ContactPerson(name="Kim")]
        employer.hiring = [HiringRecord(year=2025, international_hires=2)]
        session.add(employer)
        session.flush()
        solo_id = employer.id
    solo = _load(database, solo_id)
    deletion = employer_records.employer_deletion(database, solo_id)
    assert deletion is not None
    assert deletion.going == ("1 contact person", "hiring figures for 1 year")
    assert (deletion.name, deletion.ref, deletion.refusal) == ("Solo BV", "EMP-0099", "")
    employer_records.delete_employer(database, bram, solo_id, solo.version or 0)
    assert employer_records.load_employer_form(database, solo_id) is None
    deleted = {(e.action, e.entity) for e in _entries(database) if e.action == "delete"}
    assert deleted == {
        ("delete", "employer"),
        ("delete", "contact_person"),
        ("delete", "hiring_record"),
    }


def test_delete_is_refused_while_records_refer_to_the_employer(
    database: Database, sample: Sample, bram: Actor
) -> None:
    university_id = sample.employers["university"]
    with database.transaction() as session:
        session.add_all(
            [
                Case(case_ref="C-1", subject="Sponsor", employer_id=university_id, opened_on=TODAY),
                ServiceDelivery(
                    service_ref="S-1",
                    service_code="employer_advice",
                    delivered_on=TODAY,
                    employer_id=university_id,
                ),
                ServiceDelivery(
                    service_ref="S-2",
                    service_code="employer_advice",
                    delivered_on=TODAY,
                    employer_id=university_id,
                ),
                SurveyResponse(
                    response_ref="R-1",
                    respondent_type="employer",
                    employer_id=university_id,
                    responded_on=TODAY,
                ),
            ]
        )
    university = _load(database, university_id)
    before = _count(database, AuditEntry)
    with pytest.raises(UserError) as error:
        employer_records.delete_employer(database, bram, university_id, university.version or 0)
    assert str(error.value) == (
        "Universiteit Twente cannot be deleted: other records refer to this employer "
        "(2 expats, 1 case, 2 service deliveries and 1 survey response)."
    )
    assert _load(database, university_id) == university
    assert _count(database, AuditEntry) == before


def test_delete_with_a_stale_version_is_refused(
    database: Database, sample: Sample, anna: Actor, bram: Actor
) -> None:
    bakery = _load(database, sample.employers["bakery"])
    employer_records.update_employer(
        database, anna, sample.employers["bakery"], bakery.version or 0, replace(bakery, notes="x")
    )
    with pytest.raises(StaleRecordError, match=r"anna changed this record .*\(Notes\)"):
        employer_records.delete_employer(
            database, bram, sample.employers["bakery"], bakery.version or 0
        )
    assert employer_records.load_employer_form(database, sample.employers["bakery"]) is not None


def test_a_desk_officer_may_not_delete_an_employer(
    database: Database, sample: Sample, anna: Actor
) -> None:
    bakery = _load(database, sample.employers["bakery"])
    with pytest.raises(
        PermissionDeniedError, match="Only managers and administrators may delete expats and"
    ):
        employer_records.delete_employer(
            database, anna, sample.employers["bakery"], bakery.version or 0
        )
    assert _load(database, sample.employers["bakery"]) == bakery


# --- code lists -------------------------------------------------------------------------------


def test_municipalities_end_with_outside_twente(database: Database) -> None:
    assert [label.code for label in employer_records.municipalities(database)][-1] == (
        "outside_twente"
    )


def test_audit_of_a_collection_only_change_names_the_parts(
    database: Database, sample: Sample, anna: Actor
) -> None:
    bakery = _load(database, sample.employers["bakery"])
    employer_records.update_employer(
        database,
        anna,
        sample.employers["bakery"],
        bakery.version or 0,
        replace(bakery, hiring=(HiringForm(2025, 1),)),
    )
    last = [e for e in _entries(database) if e.entity == "employer"][-1]
    assert last.action == "update"
    assert json.loads(last.changes) == {"hiring": ["(changed)", "(changed)"]}
