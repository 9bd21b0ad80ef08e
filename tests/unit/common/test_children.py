"""One way to save a form's rows against a record's stored children (common/children.py).

The expat's family members and permits and the employer's contact persons and hiring records
all go through :func:`sync_children`; these tests drive it directly on an employer's contacts and
hiring records, on both engines.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from expatdesk.accounts.actor import SYSTEM
from expatdesk.common.children import removed_meanwhile, sync_children
from expatdesk.common.concurrency import StaleRecordError
from expatdesk.db.database import Database
from expatdesk.db.models import ContactPerson, Employer, HiringRecord
from expatdesk.employers import write as employer_records
from expatdesk.employers.write import ContactForm, EmployerForm, HiringForm
from tests.helpers.sample import Sample


def _set_contact(contact: ContactPerson, form: ContactForm) -> None:
    contact.name = form.name


def _set_hiring(record: HiringRecord, form: HiringForm) -> None:
    assert form.year is not None
    assert form.international_hires is not None
    record.year = form.year
    record.international_hires = form.international_hires


def _removed() -> StaleRecordError:
    return removed_meanwhile("A contact person was removed.", "employer", 0)


def _load(database: Database, employer_id: int) -> EmployerForm:
    form = employer_records.load_employer_form(database, employer_id)
    assert form is not None
    return form


def _sync_contacts(database: Database, employer_id: int, rows: tuple[ContactForm, ...]) -> bool:
    with database.transaction(SYSTEM) as session:
        employer = session.get(Employer, employer_id, options=[selectinload(Employer.contacts)])
        assert employer is not None
        return sync_children(
            session,
            employer.contacts,
            rows,
            entity="contact_person",
            new=ContactPerson,
            fill=_set_contact,
            removed=_removed,
        )


def _contact_names(database: Database, employer_id: int) -> list[str]:
    with database.reading() as session:
        return list(
            session.scalars(
                select(ContactPerson.name)
                .where(ContactPerson.employer_id == employer_id)
                .order_by(ContactPerson.name)
            )
        )


def test_the_rows_as_they_are_change_nothing(database: Database, sample: Sample) -> None:
    thales = sample.employers["thales"]
    rows = _load(database, thales).contacts
    assert _sync_contacts(database, thales, rows) is False
    assert _contact_names(database, thales) == ["Arjen Smit", "Ingrid Bakker"]


def test_rows_are_added_changed_and_removed(database: Database, sample: Sample) -> None:
    thales = sample.employers["thales"]
    arjen, _ingrid = _load(database, thales).contacts
    rows = (replace(arjen, name="Arjen Smit-de Boer"), ContactForm("Noor Visser"))
    assert _sync_contacts(database, thales, rows) is True
    assert _contact_names(database, thales) == ["Arjen Smit-de Boer", "Noor Visser"]


def test_a_row_removed_meanwhile_is_refused_and_nothing_is_saved(
    database: Database, sample: Sample
) -> None:
    thales = sample.employers["thales"]
    arjen, ingrid = _load(database, thales).contacts
    assert _sync_contacts(database, thales, (arjen,)) is True  # another desk removes Ingrid
    with pytest.raises(StaleRecordError, match="A contact person was removed") as raised:
        _sync_contacts(database, thales, (replace(arjen, name="Changed"), ingrid))
    assert raised.value.entity == "employer"
    assert _contact_names(database, thales) == ["Arjen Smit"]


def test_a_row_changed_meanwhile_is_refused_with_its_own_entity(
    database: Database, sample: Sample
) -> None:
    thales = sample.employers["thales"]
    arjen, ingrid = _load(database, thales).contacts
    _sync_contacts(database, thales, (replace(arjen, name="Arjen S."), ingrid))
    with pytest.raises(StaleRecordError) as raised:
        _sync_contacts(database, thales, (replace(arjen, name="Arjen Smit jr."), ingrid))
    assert raised.value.entity == "contact_person"
    assert raised.value.entity_id == arjen.id
    assert _contact_names(database, thales) == ["Arjen S.", "Ingrid Bakker"]


def test_a_replaced_child_is_deleted_first_so_a_unique_value_can_move(
    database: Database, sample: Sample
) -> None:
    thales = sample.employers["thales"]
    first, second = _load(database, thales).hiring  # 2024 and 2025
    rows = (replace(first, year=2025), replace(second, year=2024))
    with database.transaction(SYSTEM) as session:
        employer = session.get(Employer, thales, options=[selectinload(Employer.hiring)])
        assert employer is not None
        old_ids = {record.id for record in employer.hiring}
        changed = sync_children(
            session,
            employer.hiring,
            rows,
            entity="hiring_record",
            new=HiringRecord,
            fill=_set_hiring,
            removed=_removed,
            replaced=lambda record, row: row.year != record.year,
        )
        session.flush()
        stored = {(record.year, record.international_hires) for record in employer.hiring}
        new_ids = {record.id for record in employer.hiring}
    assert changed is True
    assert stored == {(2024, second.international_hires), (2025, first.international_hires)}
    assert not old_ids & new_ids  # both were replaced by new rows
