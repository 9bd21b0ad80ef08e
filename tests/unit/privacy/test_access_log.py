"""The log of reads (expatdesk.privacy.access_log): who opened, exported or looked up what."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import ProgrammingError

from expatdesk import clock
from expatdesk.accounts.actor import SYSTEM, Actor
from expatdesk.common.list_export import export_list
from expatdesk.db.database import Database, open_database
from expatdesk.db.models import AccessLog
from expatdesk.expats import duplicates
from expatdesk.expats import read as expats
from expatdesk.privacy import access_log, subject_access
from expatdesk.privacy.access_log import BSN_LOOKUPS_PER_HOUR, TooManyBsnLookupsError
from tests.helpers import staff
from tests.helpers.sample import JOSE_BSN, Sample

ANNA = Actor(None, "anna", "Anna", "desk_officer")


def entries(database: Database) -> list[tuple[str, str, str, int | None, int | None]]:
    with database.reading() as session:
        return [
            (row.username, row.action, row.entity, row.entity_id, row.rows)
            for row in session.scalars(select(AccessLog).order_by(AccessLog.id))
        ]


def _lookup(database: Database, actor: Actor, bsn: str = JOSE_BSN) -> list[int]:
    found = duplicates.find_expat_duplicates(
        database,
        email=None,
        bsn=bsn,
        given_name=None,
        family_name=None,
        date_of_birth=None,
        actor=actor,
    )
    return [candidate.expat_id for candidate in found]


def test_reads_of_personal_data_are_logged(
    database: Database, sample: Sample, tmp_path: Path
) -> None:
    access_log.record_opened(database, ANNA, "expat", sample.expats["jose"])
    assert export_list(database, expats.LISTING, tmp_path / "l.csv", actor=ANNA) == 5
    admin = Actor(None, "admin", "Admin", "administrator")
    subject_access.subject_access(database, admin, sample.expats["jose"])
    assert _lookup(database, ANNA) == [sample.expats["jose"]]
    duplicates.find_expat_duplicates(
        database, email="x@example.org", bsn=None, given_name=None, family_name=None,
        date_of_birth=None, actor=ANNA,
    )  # fmt: skip
    assert entries(database) == [
        ("anna", "view_record", "expat", sample.expats["jose"], None),
        ("anna", "export_list", "expats", None, 5),
        ("admin", "subject_access", "expat", sample.expats["jose"], None),
        ("anna", "lookup_bsn", "expat", None, None),  # no BSN, not even masked
    ]


def test_bsn_lookups_are_limited_per_hour(database: Database, sample: Sample) -> None:
    with database.transaction() as session:  # lookups of the last hour, made earlier
        for _ in range(BSN_LOOKUPS_PER_HOUR - 1):
            access_log.log_in(session, ANNA, "lookup_bsn", "expat")
    assert _lookup(database, ANNA) == [sample.expats["jose"]]  # the last one allowed
    with pytest.raises(TooManyBsnLookupsError, match="60 BSNs in the last hour"):
        _lookup(database, ANNA, "111222333")
    with pytest.raises(TooManyBsnLookupsError):
        duplicates.find_expat_duplicates(
            database, email=None, bsn="123456782", given_name=None, family_name=None,
            date_of_birth=None, actor=ANNA,
        )  # fmt: skip
    # Refusals are not counted; others may still look up; an hour later anna may again.
    assert len(entries(database)) == BSN_LOOKUPS_PER_HOUR
    assert _lookup(database, Actor(None, "erik", "Erik", "desk_officer")) == [sample.expats["jose"]]
    clock.set_moment(clock.now() + timedelta(hours=1, seconds=1))
    assert _lookup(database, ANNA) == [sample.expats["jose"]]


@pytest.mark.postgres
def test_on_postgres_the_log_names_the_login_and_staff_cannot_change_it(
    request: pytest.FixtureRequest,
) -> None:
    shared: Database = request.getfixturevalue("_postgres_session")
    with staff.logins_dropped(shared):
        anna = staff.add(shared, "anna", "desk_officer")
        as_anna = open_database(staff.url_of(shared, anna.username))
        try:
            access_log.log(as_anna, SYSTEM, "view_record", "expat", 1)  # claims to be the system
            with as_anna.engine.connect() as connection:
                for statement in ("UPDATE access_log SET username = 'x'", "DELETE FROM access_log"):
                    with pytest.raises(ProgrammingError, match="permission denied"):
                        connection.execute(text(statement))
                    connection.rollback()
        finally:
            as_anna.dispose()
        assert entries(shared)[-1][:2] == (anna.username, "view_record")
