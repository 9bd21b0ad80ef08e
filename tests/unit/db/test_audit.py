"""The audit trail written by every ORM flush (expatdesk.db.audit)."""

import json
from datetime import date

from sqlalchemy import select

from expatdesk.accounts.actor import Actor
from expatdesk.db.database import Database
from expatdesk.db.models import AuditEntry, Expat, StaffUser


def entries(database: Database) -> list[AuditEntry]:
    with database.reading() as session:
        found = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        session.expunge_all()
        return found


def test_create_update_delete_are_written_with_who_and_the_field_changes(
    database: Database,
) -> None:
    with database.transaction() as session:
        user = StaffUser(username="anna", display_name="Anna de Vries", role="desk_officer")
        session.add(user)
    actor = Actor(user.id, "anna", "Anna de Vries", "desk_officer")
    with database.transaction(actor) as session:
        expat = Expat(
            expat_ref="E-1", given_name="José", family_name="García", bsn="111222333",
            date_of_birth=date(1990, 1, 2),
        )  # fmt: skip
        session.add(expat)
    with database.transaction(actor) as session:
        stored = session.get_one(Expat, expat.id)
        stored.family_name = "García López"
        stored.bsn = "123456782"
    with database.transaction(actor) as session:
        session.delete(session.get_one(Expat, expat.id))

    trail = [entry for entry in entries(database) if entry.entity == "expat"]
    assert [entry.action for entry in trail] == ["create", "update", "delete"]
    assert {entry.username for entry in trail} == {"anna"}
    assert {entry.staff_user_id for entry in trail} == {user.id}
    assert {entry.entity_id for entry in trail} == {expat.id}
    created = json.loads(trail[0].changes or "")
    assert created["given_name"] == [None, "José"]
    assert created["date_of_birth"] == [None, "1990-01-02"]
    assert created["bsn"] == [None, "*****2333"]
    assert json.loads(trail[1].changes or "") == {
        "family_name": ["García", "García López"],
        "bsn": ["*****2333", "*****6782"],
    }
    assert json.loads(trail[2].changes or "")["family_name"] == ["García López", None]
    everything = " ".join(entry.changes or "" for entry in entries(database))
    assert "111222333" not in everything
    assert "123456782" not in everything
    assert "search_key" not in everything
    assert "version" not in everything


def test_without_an_actor_the_system_is_named(database: Database) -> None:
    with database.transaction() as session:
        session.add(Expat(expat_ref="E-2", given_name="Li", family_name="Wei"))
    (entry,) = entries(database)
    assert (entry.username, entry.staff_user_id, entry.action) == ("system", None, "create")


def test_a_rolled_back_change_leaves_no_entry(database: Database) -> None:
    class Stop(Exception):
        pass

    try:
        with database.transaction() as session:
            session.add(Expat(expat_ref="E-3", given_name="Li", family_name="Wei"))
            session.flush()
            raise Stop
    except Stop:
        pass
    assert entries(database) == []


def test_a_password_hash_is_never_written(database: Database) -> None:
    with database.transaction() as session:
        session.add(
            StaffUser(username="b", display_name="B", role="manager", password_hash="scrypt$x")
        )
    with database.transaction() as session:
        user = session.scalars(select(StaffUser)).one()
        user.password_hash = "scrypt$y"
    created, updated = entries(database)
    assert "scrypt" not in (created.changes or "") + (updated.changes or "")
    assert json.loads(updated.changes or "") == {"password_hash": ["(changed)", "(changed)"]}
