"""The targets report's settings: defaults from the migration, validated updates, the CHECKs."""

from __future__ import annotations

import dataclasses
import math

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError

from expatdesk.accounts.actor import SYSTEM, Actor, PermissionDeniedError
from expatdesk.db.database import Database, open_database
from expatdesk.db.models import AuditEntry
from expatdesk.errors import UserError
from expatdesk.reports.target_settings import (
    DEFAULTS,
    InvalidSettingError,
    SavedSettings,
    Settings,
    read_settings,
    update_centre_name,
    update_settings,
    validate,
)


def test_the_defaults_are_those_of_targets_md() -> None:
    assert DEFAULTS.to_json() == {
        "alpha": 0.05,
        "min_n": 10,
        "n_threshold": 0.5,
        "n_growth_from": 2015,
        "o_threshold": 7.0,
        "p_threshold": 7.0,
    }


def test_the_migration_stores_the_defaults_as_the_only_row(empty_url: URL) -> None:
    database = open_database(empty_url, create=True)
    try:
        with database.reading() as session:
            rows = session.execute(
                text(
                    "SELECT id, alpha, min_n, n_threshold, n_growth_from, o_threshold,"
                    " p_threshold, version FROM target_settings"
                )
            ).all()
        assert [tuple(row) for row in rows] == [(1, 0.05, 10, 0.5, 2015, 7.0, 7.0, 1)]
        assert read_settings(database).settings == DEFAULTS
    finally:
        database.dispose()


def test_update_then_read(database: Database) -> None:
    changed = dataclasses.replace(DEFAULTS, alpha=0.1, min_n=25, n_growth_from=2018)
    saved = update_settings(database, SYSTEM, changed)
    assert saved.settings == changed
    again = read_settings(database)
    assert again == saved
    newer = update_settings(
        database,
        SYSTEM,
        dataclasses.replace(changed, p_threshold=7.5),
        expected_version=saved.version,
    )
    assert newer.version == saved.version + 1
    assert read_settings(database).settings.p_threshold == 7.5


def test_a_stale_version_is_refused_and_changes_nothing(database: Database) -> None:
    first = update_settings(database, SYSTEM, dataclasses.replace(DEFAULTS, min_n=12))
    update_settings(database, SYSTEM, dataclasses.replace(DEFAULTS, min_n=13))
    with pytest.raises(UserError, match="in the meantime"):
        update_settings(
            database,
            SYSTEM,
            dataclasses.replace(DEFAULTS, min_n=14),
            expected_version=first.version,
        )
    assert read_settings(database).settings.min_n == 13


def test_a_missing_row_reads_as_the_defaults_and_is_created_again(database: Database) -> None:
    with database.transaction() as session:
        session.execute(text("DELETE FROM target_settings"))
    assert read_settings(database) == read_settings(database)
    assert read_settings(database).settings == DEFAULTS
    assert read_settings(database).version == 0
    saved = update_settings(database, SYSTEM, dataclasses.replace(DEFAULTS, alpha=0.01))
    assert read_settings(database) == saved
    assert saved.settings.alpha == 0.01


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("alpha", 0.0),
        ("alpha", 1.0),
        ("alpha", math.nan),
        ("alpha", True),
        ("min_n", 1),
        ("min_n", 10.5),
        ("n_threshold", -0.01),
        ("n_threshold", 1.01),
        ("n_threshold", math.inf),
        ("n_growth_from", 1899),
        ("n_growth_from", 2201),
        ("o_threshold", 0.5),
        ("o_threshold", 10.5),
        ("p_threshold", 0.99),
        ("p_threshold", "7"),
    ],
)
def test_invalid_settings_name_their_field_and_store_nothing(
    database: Database, field: str, value: object
) -> None:
    bad = dataclasses.replace(DEFAULTS, **{field: value})
    with pytest.raises(InvalidSettingError) as error:
        update_settings(database, SYSTEM, bad)
    assert error.value.field == field
    assert f"({field})" in str(error.value)
    assert read_settings(database).settings == DEFAULTS


@pytest.mark.parametrize(
    "settings",
    [
        Settings(alpha=1e-9, min_n=2, n_threshold=0.0, n_growth_from=1900, o_threshold=1.0,
                 p_threshold=1.0),
        Settings(alpha=0.999, min_n=100000, n_threshold=1.0, n_growth_from=2200,
                 o_threshold=10.0, p_threshold=10.0),
    ],
)  # fmt: skip
def test_the_edges_of_every_range_are_accepted(database: Database, settings: Settings) -> None:
    validate(settings)
    assert update_settings(database, SYSTEM, settings).settings == settings


@pytest.mark.parametrize(
    "assignment",
    [
        "alpha = 0",
        "alpha = 1",
        "min_n = 1",
        "n_threshold = 1.5",
        "n_growth_from = 1800",
        "o_threshold = 11",
        "p_threshold = 0",
    ],
)
def test_the_database_refuses_what_the_service_refuses(database: Database, assignment: str) -> None:
    update_settings(database, SYSTEM, DEFAULTS)  # make sure the row exists
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.execute(text(f"UPDATE target_settings SET {assignment}"))


def test_the_table_holds_one_row_only(database: Database) -> None:
    update_settings(database, SYSTEM, DEFAULTS)
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.execute(
            text(
                "INSERT INTO target_settings (id, alpha, min_n, n_threshold, n_growth_from,"
                " o_threshold, p_threshold, version, created_at, updated_at)"
                " VALUES (2, 0.05, 10, 0.5, 2015, 7, 7, 1, '2026-01-01', '2026-01-01')"
            )
        )


def test_migration_0002_downgrades_and_upgrades_an_existing_database(empty_url: URL) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from expatdesk.db.engine import make_engine
    from expatdesk.db.migrate import alembic_config

    database = open_database(empty_url, create=True)
    update_settings(database, SYSTEM, dataclasses.replace(DEFAULTS, min_n=30))
    database.dispose()
    engine = make_engine(empty_url)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    assert "target_settings" not in inspect(engine).get_table_names()
    engine.dispose()

    database = open_database(empty_url, create=True)  # an 0001 database, migrated on opening
    try:
        assert read_settings(database) == SavedSettings(DEFAULTS, 1)
    finally:
        database.dispose()


@pytest.mark.parametrize("role", ["manager", "administrator"])
def test_managers_and_administrators_change_the_settings(database: Database, role: str) -> None:
    actor = Actor(None, "erik", "Erik", role)
    assert update_settings(database, actor, dataclasses.replace(DEFAULTS, min_n=11)).settings == (
        dataclasses.replace(DEFAULTS, min_n=11)
    )
    assert update_centre_name(database, actor, "Expat Centre East") == "Expat Centre East"
    with database.reading() as session:
        who = session.scalars(
            select(AuditEntry.username).where(AuditEntry.entity == "target_settings")
        )
        assert set(who) == {"erik"}


def test_a_desk_officer_may_not_change_the_settings(database: Database) -> None:
    desk = Actor(None, "sanne", "Sanne", "desk_officer")
    before = read_settings(database)
    message = "Only managers and administrators may change target settings."
    with pytest.raises(PermissionDeniedError, match=message):
        update_settings(database, desk, dataclasses.replace(DEFAULTS, min_n=11))
    with pytest.raises(PermissionDeniedError, match=message):
        update_centre_name(database, desk, "Expat Centre East")
    assert read_settings(database) == before
