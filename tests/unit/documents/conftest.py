"""A desk with cases to put documents on: a desk officer, an expat who prefers Dutch and one who
prefers Japanese, each with a case and a residence permit service (with its checklist)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from expatdesk.accounts.actor import Actor
from expatdesk.cases import detail as case_detail
from expatdesk.cases import workflow as cases
from expatdesk.db.database import Database
from expatdesk.db.models import Expat, StaffUser

TODAY = date(2026, 11, 26)


@dataclass(frozen=True)
class Desk:
    officer: Actor
    dutch_case: int
    japanese_case: int
    dutch_delivery: int
    japanese_delivery: int
    dutch_expat: int
    japanese_expat: int


def add_desk(database: Database) -> Desk:
    with database.transaction() as session:
        officer = StaffUser(username="anna", display_name="Anna de Vries", role="desk_officer")
        sanne = Expat(
            expat_ref="EXP-0101",
            given_name="Sanne",
            family_name="de Boer",
            preferred_language="nl",
            nationality="NL",
        )
        haruto = Expat(
            expat_ref="EXP-0102",
            given_name="Haruto",
            family_name="Sato",
            preferred_language="ja",
            nationality="JP",
        )
        session.add_all([officer, sanne, haruto])
        session.flush()
        actor = Actor(officer.id, "anna", "Anna de Vries", "desk_officer")
        ids = (sanne.id, haruto.id)
    case_ids = [
        cases.open_case(
            database,
            actor,
            subject="Highly skilled migrant permit",
            expat_id=expat_id,
            owner_id=actor.user_id,
            services=["permit_hsm"],
            today=TODAY,
        )
        for expat_id in ids
    ]
    deliveries = [case_detail.load_case(database, case_id).services[0].id for case_id in case_ids]
    return Desk(actor, case_ids[0], case_ids[1], deliveries[0], deliveries[1], *ids)


@pytest.fixture
def desk(database: Database) -> Desk:
    return add_desk(database)
