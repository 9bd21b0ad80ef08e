"""Alembic: one head, upgrade from empty, downgrade with data present, models = migrated schema."""

from __future__ import annotations

import warnings
from datetime import date

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError

from expatdesk.db import search_index
from expatdesk.db.database import (
    SCHEMA_HEAD,
    Database,
    alembic_config,
    head_revision,
    make_engine,
    open_database,
)
from expatdesk.db.models import Base, Employer, Expat


def test_there_is_a_single_head() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1


def test_the_known_head_is_the_last_migration() -> None:
    assert head_revision() == SCHEMA_HEAD


def test_every_migration_has_a_downgrade() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    for revision in script.walk_revisions():
        assert revision.module.downgrade.__code__.co_code != (lambda: None).__code__.co_code, (
            revision.revision
        )


def test_models_equal_the_migrated_schema(database: Database) -> None:
    with database.engine.connect() as connection, warnings.catch_warnings():
        # SQLAlchemy cannot reflect SQLite's index on an expression (a search index, which
        # include_name leaves out anyway) and says so.
        warnings.filterwarnings(
            "ignore", "Skipped unsupported reflection of expression-based index ix_.*_search_tail"
        )
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_name": search_index.include_name},
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_upgrade_from_empty_creates_every_table(empty_url: URL) -> None:
    database = open_database(empty_url, create=True)
    try:
        tables = set(inspect(database.engine).get_table_names())
        assert set(Base.metadata.tables) | {"alembic_version"} == tables - (
            search_index.index_objects()
        )
    finally:
        database.dispose()


def test_downgrade_with_data_present_and_upgrade_again(empty_url: URL) -> None:
    database = open_database(empty_url, create=True)
    with database.transaction() as session:
        employer = Employer(employer_ref="E1", name="Demcon", high_tech=True)
        session.add(employer)
        session.flush()
        session.add(
            Expat(
                expat_ref="X1",
                given_name="Ana",
                family_name="Souza",
                employer_id=employer.id,
                arrival_date=date(2020, 3, 1),
            )
        )
    database.dispose()

    engine = make_engine(empty_url)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()

    database = open_database(empty_url, create=True)
    try:
        with database.reading() as session:
            assert session.execute(text("SELECT count(*) FROM expat")).scalar() == 0
            assert session.execute(text("SELECT count(*) FROM facility")).scalar() == 6
    finally:
        database.dispose()


def test_schema_constraints_hold_in_the_database(empty_url: URL) -> None:
    """CHECK constraints work even for a client that bypasses ExpatDesk."""
    open_database(empty_url, create=True).dispose()
    engine = create_engine(empty_url)
    bad_statements = [
        "INSERT INTO employer (employer_ref, name, search_key, high_tech, recognised_sponsor,"
        " version, created_at, updated_at, kvk_number)"
        " VALUES ('E9', 'X', 'x', true, false, 1, '2026-01-01', '2026-01-01', '123')",
        "INSERT INTO survey_response (response_ref, respondent_type, responded_on, score_service,"
        " questionnaire_version, version, created_at, updated_at)"
        " VALUES ('R1', 'expat', '2020-01-01', 11, 1, 1, '2026-01-01', '2026-01-01')",
        "INSERT INTO survey_response (response_ref, respondent_type, responded_on,"
        " questionnaire_version, version, created_at, updated_at)"
        " VALUES ('R2', 'tourist', '2020-01-01', 1, 1, '2026-01-01', '2026-01-01')",
    ]
    for statement in bad_statements:
        with engine.connect() as connection, pytest.raises(IntegrityError):
            connection.execute(text(statement))
    engine.dispose()
