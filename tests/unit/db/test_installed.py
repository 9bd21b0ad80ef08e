"""The PostgreSQL owner's open installs the trail and the roles only when something differs.

Nothing changed: the open runs no DDL (the catalogue rows of the functions and grants stay the
same rows). Someone with the owner's rights (or a superuser) tampered with a trigger, a grant or a
function: the next owner's open notices it in the catalogue and repairs it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Connection, select, text
from sqlalchemy.exc import OperationalError

from expatdesk.accounts.actor import SYSTEM
from expatdesk.db import database as database_module
from expatdesk.db import installed, role_sql, roles, trail
from expatdesk.db.database import Database, open_database
from expatdesk.db.models import AuditEntry, Employer
from expatdesk.errors import DatabaseError
from tests.helpers import databases, staff

pytestmark = pytest.mark.postgres


@pytest.fixture
def database(request: pytest.FixtureRequest) -> Iterator[Database]:
    """The PostgreSQL test database, emptied, as its owner; whatever a test tampered with is
    installed again afterwards, and its staff logins are dropped."""
    shared: Database = request.getfixturevalue("_postgres_session")
    databases.truncate_postgres(shared)
    try:
        with staff.logins_dropped(shared):
            yield shared
    finally:
        with shared.engine.begin() as connection:
            roles.lock(connection)
            trail.install(connection)
            roles.secure(connection)
        databases.truncate_postgres(shared)


def _reopen(database: Database) -> None:
    """Open the database as its owner once more, as the app's start does."""
    open_database(databases.require_postgres_url()).dispose()


def _tamper(database: Database, *statements: str) -> list[str]:
    """Run ``statements`` as the owner; what the check then finds different."""
    with database.engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)
        return installed.differences(connection)


def _desk(database: Database) -> str:
    return roles.quote(roles.groups(str(database.url.database))["desk_officer"])


def _catalogue_rows(connection: Connection) -> list[tuple[object, ...]]:
    """The row versions (xmin) of what every full install rewrites: a trail function, the scrub
    function, the login functions and a table's grants."""
    return [
        tuple(row)
        for row in connection.execute(
            text(
                "SELECT proname, xmin::text FROM pg_proc WHERE proname IN"
                " ('expatdesk_trail_expat', 'expatdesk_scrub_audit', 'expatdesk_create_login')"
                " UNION ALL SELECT relname, xmin::text FROM pg_class WHERE relname = 'expat'"
                " AND relnamespace ="
                " (SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
                " ORDER BY 1"
            )
        )
    ]


def test_an_unchanged_database_opens_without_installing_anything(database: Database) -> None:
    with database.engine.connect() as connection:
        assert installed.differences(connection) == []
        before = _catalogue_rows(connection)
    assert len(before) == 4
    _reopen(database)
    with database.engine.connect() as connection:
        assert _catalogue_rows(connection) == before
    # A change the check sees is installed again, and the rows are new ones.
    group = roles.groups(str(database.url.database))["desk_officer"]
    assert _tamper(database, f"GRANT UPDATE ON audit_entry TO {_desk(database)}") == [
        f"extra UPDATE on audit_entry for {group}"
    ]
    _reopen(database)
    with database.engine.connect() as connection:
        assert installed.differences(connection) == []
        assert _catalogue_rows(connection) != before


def _trail_entries(database: Database) -> int:
    with database.reading() as session:
        return len(session.scalars(select(AuditEntry.id)).all())


@pytest.mark.parametrize(
    "statement",
    [
        "DROP TRIGGER expatdesk_trail ON employer",
        "ALTER TABLE employer DISABLE TRIGGER expatdesk_trail",
        "CREATE OR REPLACE FUNCTION expatdesk_trail_employer() RETURNS trigger LANGUAGE plpgsql"
        " AS $$ BEGIN RETURN NULL; END $$",
    ],
    ids=["dropped", "disabled", "emptied"],
)
def test_a_trail_trigger_taken_away_is_back_at_the_next_owners_open(
    database: Database, statement: str
) -> None:
    assert _tamper(database, statement)
    with database.transaction(SYSTEM) as session:
        session.add(Employer(employer_ref="EMP-1", name="Unseen"))
    assert _trail_entries(database) == 0  # the tampering worked
    _reopen(database)
    with database.transaction(SYSTEM) as session:
        session.add(Employer(employer_ref="EMP-2", name="Seen"))
    assert _trail_entries(database) == 1
    with database.engine.connect() as connection:
        assert installed.differences(connection) == []


@pytest.mark.parametrize(
    ("grant", "grantee", "table", "privilege"),
    [
        ("GRANT UPDATE, DELETE ON audit_entry TO {desk}", "desk", "audit_entry", "UPDATE"),
        ("GRANT INSERT ON service_type TO {desk}", "desk", "service_type", "INSERT"),
        ("GRANT SELECT ON staff_user TO PUBLIC", "public", "staff_user", "SELECT"),
    ],
)
def test_an_extra_grant_is_taken_back_at_the_next_owners_open(
    database: Database, grant: str, grantee: str, table: str, privilege: str
) -> None:
    assert _tamper(database, grant.format(desk=_desk(database)))
    group = roles.groups(str(database.url.database))["desk_officer"]
    check = text("SELECT has_table_privilege(:role, :table, :privilege)")
    arguments = {"role": group if grantee == "desk" else grantee, "table": table}
    arguments["privilege"] = privilege
    with database.engine.connect() as connection:
        assert connection.execute(check, arguments).scalar()
    _reopen(database)
    with database.engine.connect() as connection:
        assert not connection.execute(check, arguments).scalar()
        assert installed.differences(connection) == []


def test_a_revoked_grant_is_given_back_at_the_next_owners_open(database: Database) -> None:
    assert _tamper(database, f"REVOKE INSERT ON expat FROM {_desk(database)}")
    _reopen(database)
    group = roles.groups(str(database.url.database))["desk_officer"]
    with database.engine.connect() as connection:
        assert connection.execute(
            text("SELECT has_table_privilege(:role, 'expat', 'INSERT')"), {"role": group}
        ).scalar()


def test_a_changed_audit_function_is_replaced_at_the_next_owners_open(
    database: Database,
) -> None:
    """Someone with the owner's rights makes the trigger on ``audit_entry`` keep whatever name a
    client writes: a desk officer could then add entries in someone else's name."""
    forging = (
        "CREATE OR REPLACE FUNCTION expatdesk_audit_who() RETURNS trigger LANGUAGE plpgsql"
        " AS $$ BEGIN RETURN NEW; END $$"
    )
    assert _tamper(database, forging) == ["function expatdesk_audit_who() changed"]
    anna = staff.add(database, "anna", "desk_officer")
    _reopen(database)
    desk = open_database(staff.url_of(database, anna.username))
    try:
        with desk.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit_entry (at, staff_user_id, username, action, entity,"
                    " entity_id) VALUES ('2001-01-01', NULL, 'marieke', 'delete', 'expat', 1)"
                )
            )
    finally:
        desk.dispose()
    with database.reading() as session:
        forged = session.execute(
            select(AuditEntry.username, AuditEntry.staff_user_id)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).one()
    assert tuple(forged) == (anna.username, anna.user_id)
    with database.engine.connect() as connection:
        body = connection.execute(
            text("SELECT prosrc FROM pg_proc WHERE proname = 'expatdesk_audit_who'")
        ).scalar_one()
    assert (
        body
        == installed.parse(role_sql.AUDIT_FUNCTION.format(schema='"public"'))[
            roles.WHO_FUNCTION
        ].body
    )


@pytest.mark.parametrize(
    ("statement", "found"),
    [
        (
            "GRANT EXECUTE ON FUNCTION expatdesk_scrub_audit(integer[], text[]) TO {desk}",
            "privileges on function expatdesk_scrub_audit(integer[], text[])",
        ),
        (
            "ALTER FUNCTION expatdesk_create_login(text, text, text) RESET search_path",
            "function expatdesk_create_login(text, text, text) changed",
        ),
        ("DROP FUNCTION expatdesk_scram(text) CASCADE", "function expatdesk_scram(text) missing"),
        ("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_who", "trigger audit_entry_who"),
        ("REVOKE USAGE ON SCHEMA public FROM {desk}", "may not use the schema"),
        ("GRANT CREATE ON SCHEMA public TO PUBLIC", "PUBLIC may create in the schema"),
        (
            "DROP TRIGGER expatdesk_trail ON expat;"
            " CREATE TRIGGER expatdesk_trail AFTER INSERT OR UPDATE OR DELETE ON expat"
            " FOR EACH ROW WHEN (false) EXECUTE FUNCTION expatdesk_trail_expat()",
            "trigger expatdesk_trail on expat",
        ),
    ],
    ids=[
        "scrub-grant",
        "login-search-path",
        "helper-dropped",
        "who-disabled",
        "usage",
        "create",
        "trail-conditional",
    ],
)
def test_the_check_sees_it_and_the_open_repairs_it(
    database: Database, statement: str, found: str
) -> None:
    statements = statement.format(desk=_desk(database)).split("; ")
    assert any(found in difference for difference in _tamper(database, *statements))
    _reopen(database)
    with database.engine.connect() as connection:
        assert installed.differences(connection) == []


# --- the check beside the app's start -------------------------------------------------------------


def _beside(monkeypatch: pytest.MonkeyPatch, before_check: Callable[[], None]) -> list[str]:
    """Make the owner's check call ``before_check`` first; the threads it ran in."""
    ran_in: list[str] = []
    real = database_module._outdated

    def outdated(connection: Connection) -> bool:
        ran_in.append(threading.current_thread().name)
        before_check()
        return real(connection)

    monkeypatch.setattr(database_module, "_outdated", outdated)
    return ran_in


def test_the_app_opens_before_the_owners_check_and_writes_wait_for_it(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's start leaves the check to a thread (start-up, issue 18); a write that comes
    before the check has repaired the trail waits for it, and is in the trail."""
    assert _tamper(database, "DROP TRIGGER expatdesk_trail ON employer")
    release = threading.Event()
    ran_in = _beside(monkeypatch, lambda: release.wait(30))
    opened = open_database(databases.require_postgres_url(), check_beside=True)
    try:
        assert opened.owner_check is not None  # the open did not wait for it

        def write() -> None:
            with opened.transaction(SYSTEM) as session:
                session.add(Employer(employer_ref="EMP-1", name="Seen"))

        writer = threading.Thread(target=write)
        writer.start()
        writer.join(0.3)
        assert writer.is_alive()  # waiting for the check
        release.set()
        writer.join(30)
        assert not writer.is_alive()
    finally:
        release.set()
        opened.dispose()
    assert ran_in == ["owner-check"]
    assert _trail_entries(database) == 1
    with database.engine.connect() as connection:
        assert installed.differences(connection) == []


def test_a_failed_check_beside_the_start_is_run_again_by_the_next_write(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _tamper(database, "ALTER TABLE employer DISABLE TRIGGER expatdesk_trail")
    failures = [OperationalError("SELECT", {}, Exception("the server went away"))]

    def fail_once() -> None:
        if failures:
            raise failures.pop()

    ran_in = _beside(monkeypatch, fail_once)
    opened = open_database(databases.require_postgres_url(), check_beside=True)
    try:
        with opened.transaction(SYSTEM) as session:
            session.add(Employer(employer_ref="EMP-1", name="Seen"))
        with opened.transaction(SYSTEM) as session:  # checked once is enough
            session.add(Employer(employer_ref="EMP-2", name="Seen too"))
    finally:
        opened.dispose()
    assert ran_in == ["owner-check", threading.current_thread().name]
    assert _trail_entries(database) == 2


def test_a_check_that_fails_again_fails_the_write_with_a_message(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail() -> None:
        raise OperationalError("SELECT", {}, Exception("connection refused"))

    _beside(monkeypatch, fail)
    opened = open_database(databases.require_postgres_url(), check_beside=True)
    try:
        with pytest.raises(DatabaseError), opened.transaction(SYSTEM) as session:
            session.add(Employer(employer_ref="EMP-1", name="Unsaved"))
    finally:
        opened.dispose()
    with database.reading() as session:
        assert session.scalars(select(Employer.id)).all() == []
