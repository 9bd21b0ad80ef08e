"""Shared by the tests of the cases: staff that open and work cases, and small readers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from expatdesk.accounts.actor import Actor
from expatdesk.cases import workflow as cases
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.db.models import AuditEntry, Case, StaffUser
from tests.helpers.sample import Sample

TODAY = date(2026, 11, 26)
CLOSED_MESSAGE = "This case is closed; reopen it to change it."
#: The statuses by their English names, in their order.
LABELS = {
    "new": "New",
    "in_progress": "In progress",
    "waiting_client": "Waiting for the client",
    "waiting_authority": "Waiting for an authority",
    "closed": "Closed",
}


@dataclass(frozen=True)
class Staff:
    anna: Actor
    bram: Actor
    former_id: int


def add_staff(database: Database) -> Staff:
    """Anna (desk officer), Bram (manager) and Carla, who left."""
    with database.transaction() as session:
        users = [
            StaffUser(username="anna", display_name="Anna de Vries", role="desk_officer"),
            StaffUser(username="bram", display_name="Bram Jansen", role="manager"),
            StaffUser(
                username="carla", display_name="Carla Smit", role="desk_officer", active=False
            ),
        ]
        session.add_all(users)
        session.flush()
        ids = [user.id for user in users]
    return Staff(
        anna=Actor(ids[0], "anna", "Anna de Vries", "desk_officer"),
        bram=Actor(ids[1], "bram", "Bram Jansen", "manager"),
        former_id=ids[2],
    )


def open_case(database: Database, actor: Actor, sample: Sample, **kwargs: object) -> int:
    """José's residence permit case, owned by ``actor``, unless ``kwargs`` say otherwise."""
    values: dict[str, object] = {
        "subject": "Residence permit application",
        "expat_id": sample.expats["jose"],
        "owner_id": actor.user_id,
        "today": TODAY,
    }
    values.update(kwargs)
    return cases.open_case(database, actor, **values)  # type: ignore[arg-type]


def force_status(database: Database, case_id: int, status: str) -> None:
    """Put a case in ``status`` directly, as if it had got there step by step."""
    with database.transaction() as session:
        record = session.get(Case, case_id)
        assert record is not None
        record.status = status
        record.closed_at = datetime(2026, 11, 1, tzinfo=UTC) if status == "closed" else None


def audit_rows(database: Database, entity: str) -> list[tuple[str, str, int]]:
    with database.reading() as session:
        return [
            (row.action, row.username, row.entity_id)
            for row in session.scalars(
                select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
            )
        ]


def count_rows(database: Database, model: type) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def messages(error: ValidationError) -> dict[str, str]:
    return {problem.field: problem.message for problem in error.errors}
