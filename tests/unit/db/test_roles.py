"""PostgreSQL roles: each staff member's own connection can do what their role allows, no more.

Every test connects as real login roles (made for the test, dropped after it) and tries the
statements directly, as another client than ExpatDesk would.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator

import pytest
from alembic import command
from sqlalchemy import Connection, create_engine, select, text
from sqlalchemy.exc import ProgrammingError

from expatdesk.accounts import idle
from expatdesk.accounts import sign_in as signing
from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import SYSTEM, Actor
from expatdesk.db import roles
from expatdesk.db.database import Database, open_database
from expatdesk.db.migrate import alembic_config
from expatdesk.db.models import AuditEntry, Employer
from expatdesk.employers import write as employer_records
from expatdesk.errors import DatabaseError
from expatdesk.reports import target_settings
from expatdesk.reports.target_settings import DEFAULTS
from tests.helpers import databases, staff
from tests.helpers.staff import PASSWORD

pytestmark = pytest.mark.postgres


@pytest.fixture
def database(request: pytest.FixtureRequest) -> Iterator[Database]:
    """The PostgreSQL test database, emptied, as its owner; staff logins dropped afterwards."""
    shared: Database = request.getfixturevalue("_postgres_session")
    databases.truncate_postgres(shared)
    with staff.logins_dropped(shared):
        yield shared
    databases.truncate_postgres(shared)


Connect = Callable[..., Database]


@pytest.fixture
def connect(database: Database) -> Iterator[Connect]:
    """``connect(actor)``: a Database connected as the actor's own login."""
    opened: list[Database] = []

    def as_(actor: Actor, password: str = PASSWORD) -> Database:
        opened.append(open_database(staff.url_of(database, actor.username, password)))
        return opened[-1]

    yield as_
    for each in opened:
        each.dispose()


def refused(connection: Connection, statement: str) -> str:
    """The database's refusal of ``statement`` (which must be refused)."""
    savepoint = connection.begin_nested()
    with pytest.raises(ProgrammingError) as error:
        connection.execute(text(statement))
    savepoint.rollback()
    return str(error.value.orig).splitlines()[0]


def allowed(connection: Connection, statement: str) -> None:
    savepoint = connection.begin_nested()
    connection.execute(text(statement))
    savepoint.rollback()


def test_the_group_roles_belong_to_the_database_and_inherit(database: Database) -> None:
    with database.engine.connect() as connection:
        name = roles.current_database(connection)
        groups = roles.groups(name)
        assert list(groups.values()) == [
            f"{name}:desk_officer",
            f"{name}:manager",
            f"{name}:administrator",
        ]
        rows = connection.execute(
            text(
                "SELECT rolname, rolcanlogin, rolcreaterole FROM pg_roles"
                " WHERE rolname = ANY(:names)"
            ),
            {"names": list(groups.values())},
        ).all()
        assert len(rows) == 3
        assert not any(login or create for _name, login, create in rows)
        assert roles.is_owner(connection)
        assert connection.execute(
            text("SELECT pg_has_role(:admin, :desk, 'USAGE')"),
            {"admin": groups["administrator"], "desk": groups["desk_officer"]},
        ).scalar()
        assert not connection.execute(
            text("SELECT pg_has_role(:desk, :manager, 'USAGE')"),
            {"manager": groups["manager"], "desk": groups["desk_officer"]},
        ).scalar()
        # Only the owner and this database's groups may connect.
        connectors = connection.execute(
            text(
                "SELECT r.rolname FROM pg_roles r"
                " WHERE has_database_privilege(r.oid, current_database(), 'CONNECT')"
                " AND NOT r.rolsuper AND r.rolname <> current_user"
                " AND NOT pg_has_role(r.oid, current_user, 'MEMBER')"
            )
        ).scalars()
        assert set(connectors) <= set(groups.values()) | _logins_of(connection, name)


def _logins_of(connection: Connection, database: str) -> set[str]:
    return set(
        connection.execute(
            text("SELECT rolname FROM pg_roles WHERE starts_with(rolname, :prefix)"),
            {"prefix": database + "/"},
        ).scalars()
    )


NEW_EMPLOYER = (
    "INSERT INTO employer (employer_ref, name, high_tech, recognised_sponsor, search_key,"
    " version, created_at, updated_at)"
    " VALUES ('EMP-1', 'Bakkerij', false, false, '', 1, now(), now())"
)
DESK_REFUSED = [
    "UPDATE target_settings SET min_n = 12",
    "UPDATE centre_settings SET idle_lock_minutes = 1",
    "INSERT INTO staff_user (username, display_name, role, active, failed_logins, version,"
    " created_at, updated_at) VALUES ('mallory', 'M', 'administrator', true, 0, 1, now(), now())",
    "UPDATE staff_user SET role = 'administrator'",
    "DELETE FROM staff_user",
    "UPDATE audit_entry SET username = 'someone else'",
    "DELETE FROM audit_entry",
    "UPDATE service_type SET label_en = 'x'",
    "DELETE FROM checklist_item",
    "UPDATE alembic_version SET version_num = '9999'",
    "CREATE TABLE sneaky (id integer)",
]


def test_a_desk_officer_works_with_clients_and_nothing_else(
    database: Database, connect: Connect
) -> None:
    anna = staff.add(database, "anna", "desk_officer")
    desk = connect(anna)
    with desk.engine.connect() as connection:
        allowed(connection, NEW_EMPLOYER)
        allowed(connection, "UPDATE expat SET notes = 'x'")
        allowed(connection, "DELETE FROM case_note")
        for table in ("target_settings", "centre_settings", "staff_user", "audit_entry",
                      "service_type", "checklist_item"):  # fmt: skip
            allowed(connection, f"SELECT * FROM {table}")
        for statement in DESK_REFUSED:
            assert "permission denied" in refused(connection, statement), statement
        assert "permission denied to create role" in refused(connection, "CREATE ROLE mallory")
        assert connection.execute(text("SELECT current_user")).scalar() == staff.login(
            database, anna.username
        )


def test_only_managers_delete_expats_and_employers_in_the_database(
    database: Database, connect: Connect
) -> None:
    anna = staff.add(database, "anna", "desk_officer")
    erik = staff.add(database, "erik", "manager")
    with database.transaction() as session:
        employer = Employer(employer_ref="EMP-1", name="Bakkerij Ölmez")
        session.add(employer)
        session.flush()
        employer_id, version = employer.id, employer.version
    desk = connect(anna)
    with desk.engine.connect() as connection:
        for table in ("expat", "employer"):
            assert f"permission denied for table {table}" in refused(
                connection, f"DELETE FROM {table}"
            )
        allowed(connection, "UPDATE employer SET notes = 'x'")
        allowed(connection, "DELETE FROM permit")  # an expat's own permits, as the editor does
    # Even a service that forgot to check the role cannot get past the database.
    with (
        pytest.raises(ProgrammingError, match="permission denied for table employer"),
        desk.transaction(anna) as session,
    ):
        session.delete(session.get_one(Employer, employer_id))
    manager = connect(erik)
    with manager.engine.connect() as connection:
        allowed(connection, "DELETE FROM expat")
    employer_records.delete_employer(manager, erik, employer_id, version)
    with database.reading() as session:
        assert session.get(Employer, employer_id) is None


def test_the_desk_officers_writes_through_the_services_work(
    database: Database, connect: Connect
) -> None:
    anna = staff.add(database, "anna", "desk_officer")
    desk = connect(anna)
    with desk.transaction(anna) as session:
        session.add(Employer(employer_ref="EMP-1", name="Bakkerij Ölmez"))
    with pytest.raises(ProgrammingError, match="permission denied for table target_settings"):
        # Even a service that forgot to check the role cannot get past the database.
        target_settings.update_settings(desk, SYSTEM, dataclasses.replace(DEFAULTS, min_n=12))
    assert target_settings.read_settings(database).settings == DEFAULTS


def test_a_manager_changes_target_settings_but_not_staff(
    database: Database, connect: Connect
) -> None:
    erik = staff.add(database, "erik", "manager")
    manager = connect(erik)
    saved = target_settings.update_settings(manager, erik, dataclasses.replace(DEFAULTS, min_n=12))
    assert saved.settings.min_n == 12
    assert target_settings.read_settings(database).settings.min_n == 12
    with manager.engine.connect() as connection:
        allowed(connection, "UPDATE target_settings SET min_n = 13")
        for statement in DESK_REFUSED[1:]:
            assert "permission denied" in refused(connection, statement), statement


def test_an_administrator_manages_staff_from_their_own_login(
    database: Database, connect: Connect
) -> None:
    marieke = staff.add(database, "marieke", "administrator")
    admin = connect(marieke)
    with admin.engine.connect() as connection:
        allowed(connection, "UPDATE centre_settings SET idle_lock_minutes = 5")
        allowed(connection, "UPDATE staff_user SET display_name = 'M. Lansink'")
        for statement in DESK_REFUSED[5:]:  # the trail, code lists, schema stay the owner's
            assert "permission denied" in refused(connection, statement), statement
    created = accounts.create_staff(
        admin, marieke, staff.name("sanne"), "Sanne", "desk_officer", "sanne's password"
    )
    sanne = Actor(created.id, created.username, created.display_name, created.role)
    assert signing.authenticate(database, sanne.username, "sanne's password") == sanne
    with connect(sanne, "sanne's password").engine.connect() as connection:
        assert "permission denied" in refused(connection, DESK_REFUSED[0])
    promoted = accounts.change_role(admin, marieke, created.id, "manager", created.version)
    with connect(sanne, "sanne's password").engine.connect() as connection:
        allowed(connection, DESK_REFUSED[0])  # a manager now
        assert roles.group_of(connection, sanne.username) == "manager"
    accounts.set_active(admin, marieke, created.id, False, promoted.version)
    with pytest.raises(signing.AccountDisabledError):
        signing.authenticate(database, sanne.username, "sanne's password")
    with pytest.raises(DatabaseError, match="not permitted to log in"):
        connect(sanne, "sanne's password")
    idle.update_idle_lock_minutes(admin, marieke, 7)
    assert idle.read_idle_lock_minutes(database) == 7


def test_the_trail_names_the_connected_role_whatever_the_client_claims(
    database: Database, connect: Connect
) -> None:
    anna = staff.add(database, "anna", "desk_officer")
    desk = connect(anna)
    with desk.transaction(SYSTEM) as session:  # claims to be the system
        employer = Employer(employer_ref="EMP-1", name="Bakkerij Ölmez")
        session.add(employer)
        session.flush()
        employer_id = employer.id
    with desk.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_entry (at, staff_user_id, username, action, entity, entity_id)"
                " VALUES ('2001-01-01', NULL, 'marieke', 'delete', 'expat', 1)"
            )
        )
    with database.reading() as session:
        rows = session.execute(
            select(
                AuditEntry.username, AuditEntry.staff_user_id, AuditEntry.entity_id, AuditEntry.at
            ).order_by(AuditEntry.id)
        ).all()
    created, forged = rows[-2:]
    assert (created.username, created.staff_user_id, created.entity_id) == (
        anna.username,
        anna.user_id,
        employer_id,
    )
    assert (forged.username, forged.staff_user_id) == (anna.username, anna.user_id)
    assert forged.at.year > 2001
    # The owner (migrations, maintenance, the command line) writes what the app says.
    with database.transaction(SYSTEM) as session:
        session.add(Employer(employer_ref="EMP-2", name="Tweede"))
    with database.reading() as session:
        assert (
            session.scalars(
                select(AuditEntry.username).order_by(AuditEntry.id.desc()).limit(1)
            ).one()
            == "system"
        )


def test_own_password_changes_on_the_own_login_only(database: Database, connect: Connect) -> None:
    anna = staff.add(database, "anna", "desk_officer")
    with database.engine.connect() as connection:
        owner = roles.current_user(connection)
        with pytest.raises(RuntimeError, match="not as"):
            roles.change_own_password(connection, anna.username, "whatever it is")
    # The owner's connection is used, yet only anna's password changes.
    accounts.change_own_password(database, anna, PASSWORD, "anna's new password")
    connect(anna, "anna's new password").dispose()
    with pytest.raises(DatabaseError, match="password authentication failed"):
        connect(anna)
    with database.engine.connect() as connection:
        assert roles.current_user(connection) == owner


def test_granting_again_changes_nothing(database: Database) -> None:
    with database.engine.connect() as connection:
        groups = roles.groups(roles.current_database(connection))

    def privileges() -> list[tuple[str, str, str]]:
        with database.engine.connect() as connection:
            return [
                tuple(row)
                for row in connection.execute(
                    text(
                        "SELECT grantee, table_name, privilege_type"
                        " FROM information_schema.role_table_grants"
                        " WHERE grantee = ANY(:groups)"
                        " AND table_schema = current_schema()"
                        " ORDER BY 1, 2, 3"
                    ),
                    {"groups": list(groups.values())},
                )
            ]

    before = privileges()
    assert (groups["desk_officer"], "audit_entry", "INSERT") in before
    assert (groups["desk_officer"], "audit_entry", "UPDATE") not in before
    assert (groups["manager"], "target_settings", "UPDATE") in before
    assert (groups["administrator"], "staff_user", "INSERT") in before
    with database.engine.begin() as connection:
        assert roles.secure(connection)
    assert privileges() == before


def test_upgrading_moves_the_old_shared_logins_to_the_database(database: Database) -> None:
    """A database of ExpatDesk 0005 with a staff login as that version made it (named after the
    username, in the group roles every database shared, an administrator with CREATEROLE): only
    the owner migrates it, and the login becomes this database's own, password kept."""
    url = databases.require_postgres_url()
    old_name = staff.name("boss")
    with databases.scratch_postgres_database(url) as scratch:
        engine = create_engine(scratch)
        try:
            with engine.begin() as connection:
                command.upgrade(alembic_config(connection), "0005")
                for group in roles.OLD_GROUPS:
                    if not roles.role_exists(connection, group):
                        connection.exec_driver_sql(f'CREATE ROLE "{group}" NOLOGIN')
                    connection.exec_driver_sql(f'GRANT USAGE ON SCHEMA public TO "{group}"')
                    connection.exec_driver_sql(
                        f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{group}"'
                    )
                verifier = roles._encrypted(connection, old_name, PASSWORD)
                connection.exec_driver_sql(
                    f"CREATE ROLE \"{old_name}\" LOGIN CREATEROLE PASSWORD '{verifier}'"
                )
                connection.exec_driver_sql(
                    f'GRANT expatdesk_administrator, expatdesk_desk_officer TO "{old_name}"'
                    " WITH ADMIN OPTION"
                )
                connection.execute(
                    text(
                        "INSERT INTO staff_user (username, display_name, role, active,"
                        " failed_logins, version, created_at, updated_at)"
                        " VALUES (:name, 'Boss', 'administrator', true, 0, 1, now(), now())"
                    ),
                    {"name": old_name},
                )
            old_url = scratch.set(username=old_name, password=PASSWORD)
            with pytest.raises(DatabaseError) as refused_open:
                open_database(old_url)
            assert "must first be updated to this version of ExpatDesk by its owner" in str(
                refused_open.value
            )
            owner = open_database(scratch, create=True)  # migrates, moves the login, grants
            login = roles.login_name(str(scratch.database), old_name)
            with owner.engine.connect() as connection:
                assert not roles.role_exists(connection, old_name)
                assert roles.group_of(connection, old_name) == "administrator"
                assert not connection.execute(
                    text("SELECT rolcreaterole FROM pg_roles WHERE rolname = :name"),
                    {"name": login},
                ).scalar()
                assert not any(
                    roles._is_member(connection, login, group) for group in roles.OLD_GROUPS
                )
            boss = open_database(scratch.set(username=login, password=PASSWORD))
            assert signing.connection_actor(boss).username == old_name
            boss.dispose()
            with pytest.raises(DatabaseError, match="password authentication failed"):
                open_database(old_url)
            # The server ends a closed connection's process a moment later; dropping the
            # database must not find it (the owner may not end another role's processes).
            assert _gone(owner, login)
            owner.dispose()
        finally:
            with engine.begin() as connection:
                connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{old_name}"')
            engine.dispose()


def _gone(database: Database, username: str, seconds: float = 10) -> bool:
    """Whether ``username``'s connections to ``database`` end within ``seconds``."""
    deadline = time.monotonic() + seconds
    with database.engine.connect() as connection:
        while time.monotonic() < deadline:
            left = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE usename = :user AND datname = current_database()"
                ),
                {"user": username},
            ).scalar()
            connection.rollback()
            if not left:
                return True
            time.sleep(0.02)
    return False
