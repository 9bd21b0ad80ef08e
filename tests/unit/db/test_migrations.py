"""Alembic: one head, upgrade from empty, downgrade with data present, models = migrated schema."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError

from expatdesk.db import search_index
from expatdesk.db.database import Database, open_database
from expatdesk.db.engine import make_engine
from expatdesk.db.migrate import SCHEMA_HEAD, alembic_config, head_revision
from expatdesk.db.models import Base, Case, Employer, Expat
from expatdesk.text import case_search_key


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


def test_every_sqlite_table_with_an_id_never_hands_one_out_twice(
    sqlite_database: Database,
) -> None:
    """AUTOINCREMENT on every table whose id SQLite numbers: the models leave the option to
    the migrations (expatdesk/db/models/base.py), so this is where it is checked."""
    # access_log is appended to only (nothing deletes from it), so max(id) + 1 is always new.
    numbered = [
        table.name
        for table in Base.metadata.sorted_tables
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement is not False
        if table.name != "access_log"
    ]
    assert len(numbered) > 15
    with sqlite_database.engine.connect() as connection:
        for name in numbered:
            definition = connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
            ).scalar()
            assert definition is not None, name
            assert "AUTOINCREMENT" in definition, name


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


def _at_0005_with_data(path: str) -> Engine:
    """An SQLite file migrated to 0005 holding an employer, two expats (the newest deleted, as
    the trail says), a family member and a search index."""
    engine = make_engine(URL.create("sqlite", database=path))
    with engine.connect() as connection:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        with connection.begin():
            command.upgrade(alembic_config(connection), "0005")
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO employer (id, employer_ref, name, search_key, high_tech,"
            " recognised_sponsor, version, created_at, updated_at)"
            " VALUES (1, 'E1', 'Demcon', 'demcon e1', 1, 0, 1, '2026-01-01', '2026-01-01')"
        )
        for expat_id, name in ((1, "Souza"), (2, "Jansen")):
            connection.exec_driver_sql(
                "INSERT INTO expat (id, expat_ref, given_name, family_name, search_key,"
                " employer_id, survey_consent, version, created_at, updated_at)"
                f" VALUES ({expat_id}, 'X{expat_id}', 'Ana', '{name}', 'ana {name.lower()}', 1,"
                " 0, 1, '2026-01-01', '2026-01-01')"
            )
        connection.exec_driver_sql(
            "INSERT INTO family_member (id, expat_id, relation, given_name, version, created_at,"
            " updated_at) VALUES (1, 1, 'child', 'Lia', 1, '2026-01-01', '2026-01-01')"
        )
        connection.exec_driver_sql(
            "INSERT INTO audit_entry (at, username, action, entity, entity_id, changes)"
            " VALUES ('2026-01-02', 'system', 'delete', 'expat', 3, NULL)"
        )
        connection.exec_driver_sql("DELETE FROM expat WHERE id = 2")
    return engine


def test_the_sqlite_upgrade_rebuilds_the_tables_keeping_rows_indexes_and_search(
    tmp_path: Path,
) -> None:
    path = str(tmp_path / "old.sqlite3")
    engine = _at_0005_with_data(path)
    with engine.connect() as connection:
        before = set(
            connection.exec_driver_sql(
                "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).all()
        )
    engine.dispose()

    database = open_database(path)
    try:
        with database.transaction() as session:
            connection = session.connection()
            after = set(
                connection.exec_driver_sql(
                    "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                ).all()
            )
            # nothing of 0005 lost (tables, indexes, the search triggers); later migrations add
            # the register, the log of reads, the trail's triggers and the request keys
            assert before <= after
            assert ("table", "erased_person") in after
            assert ("index", "ix_survey_response_request_key") in after
            definition = connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'expat'"
            ).scalar()
            assert "AUTOINCREMENT" in definition
            assert connection.exec_driver_sql("SELECT count(*) FROM family_member").scalar() == 1
            # The search index and its triggers work on the rebuilt table.
            found = connection.exec_driver_sql(
                "SELECT rowid FROM expat_search WHERE expat_search MATCH '\"sou\"'"
            ).all()
            assert found == [(1,)]
            session.add(
                Expat(expat_ref="X9", given_name="Bo", family_name="Kowalski", employer_id=1)
            )
            session.flush()
            new_id = connection.exec_driver_sql(
                "SELECT id FROM expat WHERE expat_ref = 'X9'"
            ).scalar()
            # Neither the deleted expat's id (2) nor the one the trail named (3) comes back.
            assert new_id == 4
            found = connection.exec_driver_sql(
                "SELECT rowid FROM expat_search WHERE expat_search MATCH '\"kow\"'"
            ).all()
            assert found == [(4,)]
    finally:
        database.dispose()


def test_a_deleted_newest_row_never_gives_its_id_again(database: Database) -> None:
    with database.transaction() as session:
        employer = Employer(employer_ref="E1", name="Demcon")
        session.add(employer)
        session.flush()
        first = employer.id
    with database.transaction() as session:
        session.execute(text("DELETE FROM employer WHERE id = :id"), {"id": first})
    with database.transaction() as session:
        again = Employer(employer_ref="E2", name="Thales")
        session.add(again)
        session.flush()
        assert again.id > first


def _umlaut_migration() -> tuple[str, str]:
    """The revision that writes umlauts out in search keys, and the one before it."""
    scripts = ScriptDirectory.from_config(alembic_config())
    for script in scripts.walk_revisions():
        if script.path.endswith("_umlaut_search_keys.py"):
            assert isinstance(script.down_revision, str)
            return script.revision, script.down_revision
    raise AssertionError("no umlaut migration")


def test_search_keys_learn_and_forget_the_umlauts_written_out(empty_url: URL) -> None:
    revision, before = _umlaut_migration()
    database = open_database(empty_url, create=True)
    with database.transaction() as session:
        employer = Employer(employer_ref="E1", name="Müller Präzision", high_tech=True)
        session.add(employer)
        session.flush()
        expat = Expat(expat_ref="X1", given_name="Jürgen", family_name="Schäfer")
        plain = Expat(expat_ref="X2", given_name="Ana", family_name="Souza")
        session.add_all([expat, plain])
        session.flush()
        session.add(
            Case(
                case_ref="C1",
                subject="Visum",
                search_key=case_search_key("C1", "Visum", "Jürgen Schäfer", "Müller Präzision"),
                expat_id=expat.id,
                employer_id=employer.id,
                opened_on=date(2026, 3, 1),
            )
        )
    database.dispose()

    def keys() -> list[str]:
        with engine.connect() as connection:
            return [
                connection.execute(text(f"SELECT search_key FROM {table} ORDER BY id"))
                .scalars()
                .all()
                for table in ("employer", "expat", "case_file")
            ]

    engine = make_engine(empty_url)
    try:
        assert keys() == [
            ["muller prazision e1 mueller praezision"],
            ["jurgen schafer x1 juergen schaefer", "ana souza x2"],
            ["c1 visum jurgen schafer muller prazision juergen schaefer mueller praezision"],
        ]
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), before)
        assert keys() == [
            ["muller prazision e1"],
            ["jurgen schafer x1", "ana souza x2"],
            ["c1 visum jurgen schafer muller prazision"],
        ]
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
        assert keys()[1] == ["jurgen schafer x1 juergen schaefer", "ana souza x2"]
        assert keys()[2] == [
            "c1 visum jurgen schafer muller prazision juergen schaefer mueller praezision"
        ]
    finally:
        engine.dispose()
