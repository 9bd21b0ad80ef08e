"""New references (common/refs.py): a reference another desk took meanwhile is skipped."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from expatdesk.accounts.actor import SYSTEM
from expatdesk.common import refs
from expatdesk.db.database import Database
from expatdesk.db.models import Base, ServiceDelivery
from tests.helpers.sample import Sample

ON = date(2026, 11, 20)


def _delivery(expat_id: int) -> ServiceDelivery:
    return ServiceDelivery(service_code="digid", delivered_on=ON, expat_id=expat_id)


def test_an_insert_that_meets_a_taken_reference_takes_the_next_one(
    database: Database, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    jose = sample.expats["jose"]
    with database.transaction(SYSTEM) as session:
        first = refs.insert_with_ref(
            session, _delivery(jose), ServiceDelivery.service_ref, "SRV-", 7
        )
    real = refs.new_id_and_ref
    calls: list[str] = []

    def racing(
        session: Session,
        model: type[Base],
        ref_column: InstrumentedAttribute[str],
        prefix: str,
        width: int,
        **options: Any,
    ) -> tuple[int, str]:
        new_id, ref = real(session, model, ref_column, prefix, width, **options)
        # The first time, another desk took the reference between the look and the insert.
        ref = first if not calls else ref
        calls.append(ref)
        return new_id, ref

    monkeypatch.setattr(refs, "new_id_and_ref", racing)
    with database.transaction(SYSTEM) as session:
        second = refs.insert_with_ref(
            session, _delivery(jose), ServiceDelivery.service_ref, "SRV-", 7
        )
    assert calls[0] == first
    assert second == calls[-1] != first
    with database.reading() as session:
        stored = set(session.scalars(select(ServiceDelivery.service_ref)))
        assert {first, second} <= stored
        count = session.scalar(select(func.count()).select_from(ServiceDelivery))
    assert count == len(stored)


def test_an_insert_refused_for_another_reason_is_not_retried(database: Database) -> None:
    refused: list[bool] = []

    def insert() -> None:
        with database.transaction(SYSTEM) as session:
            broken = ServiceDelivery(service_code="no such service", delivered_on=ON)
            refs.insert_with_ref(
                session,
                broken,
                ServiceDelivery.service_ref,
                "SRV-",
                7,
                refused=lambda: refused.append(True),
            )

    with pytest.raises(IntegrityError):
        insert()
    assert refused == [True]  # told once; the reference was free, so no second attempt


def test_a_registration_is_run_again_after_a_unique_conflict() -> None:
    attempts: list[int] = []

    def register() -> int:
        attempts.append(len(attempts))
        if len(attempts) < refs.CREATE_ATTEMPTS:
            raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))
        return 42

    assert refs.retrying_taken_refs(register) == 42
    assert len(attempts) == refs.CREATE_ATTEMPTS


def test_a_registration_gives_up_after_its_attempts() -> None:
    attempts: list[int] = []

    def register() -> int:
        attempts.append(1)
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))

    with pytest.raises(IntegrityError):
        refs.retrying_taken_refs(register)
    assert len(attempts) == refs.CREATE_ATTEMPTS
