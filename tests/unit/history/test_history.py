"""A record's history on both engines: its own entries and its parts', readable, newest first."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import update

from expatdesk import i18n
from expatdesk.accounts.actor import SYSTEM
from expatdesk.db.database import Database
from expatdesk.db.models import AuditEntry, StaffUser
from expatdesk.employers import write as employer_records
from expatdesk.expats import forms as expat_forms
from expatdesk.expats import write as expat_records
from expatdesk.expats.forms import FamilyMemberForm, PermitForm
from expatdesk.history.read import HistoryEntry, load_history, record_history
from expatdesk.privacy import erasure as privacy
from tests.helpers.sample import Sample
from tests.unit.privacy.test_privacy import staff_actor


def lines(entry: HistoryEntry) -> list[str]:
    return [change.text() for change in entry.details]


def test_an_expats_history_with_its_family_members_and_permits(
    database: Database, sample: Sample
) -> None:
    jose = sample.expats["jose"]
    anna = staff_actor(database, "anna", "desk_officer", "Anna de Vries")
    form = expat_forms.load_expat_form(database, jose)
    assert form is not None
    assert form.version is not None
    lucia = form.family[0]
    expat_records.update_expat(
        database,
        anna,
        jose,
        form.version,
        replace(
            form,
            email="jose@example.org",
            category_code="researcher",
            nationality="MX",
            family=(
                replace(lucia, date_of_birth=date(1991, 3, 1)),
                FamilyMemberForm(relation="child", given_name="Sofía", family_name="García"),
            ),
            permits=(
                *form.permits,
                PermitForm(
                    permit_type_code="blue_card",
                    number="BC-1",
                    valid_from=None,
                    valid_until=date(2030, 1, 1),
                ),
            ),
        ),
        today=date(2026, 11, 26),
    )
    expat_records.reveal_bsn(database, anna, jose)
    gone = staff_actor(database, "kees", "desk_officer", "Kees")  # his account is removed later
    form = expat_forms.load_expat_form(database, jose)
    assert form is not None
    assert form.version is not None
    expat_records.update_expat(database, gone, jose, form.version, replace(form, phone=None))
    with database.transaction() as session:
        session.execute(update(AuditEntry).values(staff_user_id=None).where(
            AuditEntry.staff_user_id == gone.user_id))  # fmt: skip
        session.delete(session.get(StaffUser, gone.user_id))

    history = record_history(database, "expat", jose)

    summary = [(entry.who, entry.what) for entry in history]
    assert summary[:2] == [("kees", "Changed"), ("Anna de Vries", "Showed the BSN")]
    middle = sorted(summary[2:7])
    assert middle == sorted(
        [
            ("Anna de Vries", "Changed"),
            ("Anna de Vries", "Changed family member Lucía Pérez (Partner)"),
            ("Anna de Vries", "Removed family member Mateo García (Child)"),
            ("Anna de Vries", "Added family member Sofía García (Child)"),
            ("Anna de Vries", "Added permit BC-1 (EU Blue Card)"),
        ]
    )
    assert summary[-1] == ("system", "Registered")
    assert len(history) == 11  # 1 + 2 family + 1 permit created; 5 changes; BSN; phone
    by_what = {entry.what: entry for entry in history}
    changed = next(
        entry for entry in history if entry.what == "Changed" and entry.who == "Anna de Vries"
    )
    assert lines(changed) == [
        "Nationality: Spain → Mexico",
        "E-mail: jose.garcia@example.es → jose@example.org",
        "Category: Highly skilled migrant → Researcher",
    ]
    assert lines(by_what["Changed family member Lucía Pérez (Partner)"]) == [
        "Date of birth: 1 Mar 1991"
    ]
    assert lines(by_what["Removed family member Mateo García (Child)"]) == []
    assert lines(by_what["Added permit BC-1 (EU Blue Card)"]) == [
        "Permit type: EU Blue Card",
        "Number: BC-1",
        "Valid until: 1 Jan 2030",
    ]
    assert lines(history[0]) == ["Phone: +31 6 1234 5678 (removed)"]
    registered = history[-1]
    assert "BSN: *****6782" in lines(registered)  # masked, as the trail keeps it
    assert "Employer: Thales Nederland" in lines(registered)
    with i18n.using("nl"):  # the texts are made when read, in the language of the moment
        assert lines(changed)[0] == "Nationaliteit: Spanje → Mexico"


def test_the_newest_entries_and_how_many_there_are(database: Database, sample: Sample) -> None:
    lars = sample.expats["lars"]
    for number in range(5):
        form = expat_forms.load_expat_form(database, lars)
        assert form is not None
        assert form.version is not None
        expat_records.update_expat(
            database, SYSTEM, lars, form.version, replace(form, phone=f"+31 6 000{number}")
        )
    history = load_history(database, "expat", lars, limit=3)
    assert history.total == 6
    assert [lines(entry) for entry in history.entries] == [
        ["Phone: +31 6 0003 → +31 6 0004"],
        ["Phone: +31 6 0002 → +31 6 0003"],
        ["Phone: +31 6 0001 → +31 6 0002"],
    ]
    assert history.anonymised_at is None
    other = load_history(database, "expat", sample.expats["anna"])
    assert [entry.what for entry in other.entries] == ["Registered"]  # not Lars's entries


def test_an_erased_expats_history_shows_what_happened_but_no_values(
    database: Database, sample: Sample
) -> None:
    jose = sample.expats["jose"]
    form = expat_forms.load_expat_form(database, jose)
    assert form is not None
    assert form.version is not None
    privacy.anonymise_expat(database, SYSTEM, jose, form.version, "At his request")

    history = load_history(database, "expat", jose)

    assert history.anonymised_at is not None
    erased = history.entries[0]
    assert erased.what == "Erased the personal data"
    assert lines(erased) == ["Reason: At his request"]
    whats = [entry.what for entry in history.entries]
    assert whats.count("Removed family member") == 2
    assert "Removed permit" in whats
    registered = history.entries[-1]
    assert "Given name: (erased)" in lines(registered)
    assert "BSN: (erased)" in lines(registered)


def test_an_employers_history_with_contact_persons_and_hires(
    database: Database, sample: Sample
) -> None:
    thales = sample.employers["thales"]
    form = employer_records.load_employer_form(database, thales)
    assert form is not None
    assert form.version is not None
    ingrid = next(contact for contact in form.contacts if contact.name == "Ingrid Bakker")
    employer_records.update_employer(
        database,
        SYSTEM,
        thales,
        form.version,
        replace(
            form,
            contacts=(replace(ingrid, job_title="HR manager"),),
            hiring=(*form.hiring, replace(form.hiring[0], id=None, version=None, year=2026)),
        ),
    )

    history = record_history(database, "employer", thales)

    whats = [entry.what for entry in history]
    assert set(whats[:4]) == {
        "Changed",  # the employer: its contacts and hires changed
        "Changed contact person Ingrid Bakker",
        "Removed contact person Arjen Smit",
        "Added international hires 2026",
    }
    noted = history[whats.index("Changed")]
    assert lines(noted) == ["Contact persons: (changed)", "International hires: (changed)"]
    assert "Registered" in whats
    assert "Added contact person Ingrid Bakker" in whats
    assert "Added international hires 2024" in whats
    assert len(record_history(database, "employer", sample.employers["bakery"])) == 1
