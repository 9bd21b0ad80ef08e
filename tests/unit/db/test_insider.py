"""A curious insider on PostgreSQL: two centres' databases on one server, each set up as the README
says, and staff of both connecting with plain psycopg (as psql would) to try what ExpatDesk's
windows never offer. Each attack is refused by the server.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.engine import URL

from expatdesk.accounts import sign_in as signing
from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import SYSTEM
from expatdesk.db import roles
from expatdesk.db.database import Database, open_database
from expatdesk.db.models import AuditEntry, Expat, StaffUser
from tests.helpers import databases, staff
from tests.helpers.staff import PASSWORD

pytestmark = pytest.mark.postgres


@dataclass
class Centre:
    database: Database
    owner: str

    @property
    def name(self) -> str:
        return str(self.database.url.database)

    def connect(self, username: str, database: str | None = None) -> psycopg.Connection:
        """A plain psycopg connection as this centre's staff member ``username``."""
        url = self.database.url
        return psycopg.connect(
            host=url.host,
            port=url.port,
            dbname=database or self.name,
            user=roles.login_name(self.name, username),
            password=PASSWORD,
            autocommit=True,
        )


@pytest.fixture
def centres(request: pytest.FixtureRequest) -> Iterator[tuple[Centre, Centre]]:
    """Centre A (the test database, owned by the test's role) and centre B (a second database
    on the same server with an owner of its own, as the README sets it up), each with one login
    of every role under the same names."""
    shared: Database = request.getfixturevalue("_postgres_session")
    databases.truncate_postgres(shared)
    url: URL = databases.require_postgres_url()
    with staff.logins_dropped(shared), _second_centre(url) as (scratch, owner_b):
        other = open_database(scratch, create=True)
        try:
            pair = (Centre(shared, str(url.username)), Centre(other, owner_b))
            for centre in pair:
                for short, role in STAFF.items():
                    accounts.create_staff(
                        centre.database, SYSTEM, staff.name(short), short.title(), role, PASSWORD
                    )
            yield pair
        finally:
            other.dispose()
    databases.truncate_postgres(shared)


@contextmanager
def _second_centre(url: URL) -> Iterator[tuple[URL, str]]:
    """A database and its owner (``CREATEROLE``, as the README says), dropped afterwards with
    every role of the database."""
    owner = f"{staff.RUN}_owner_b"
    name = f"expatdesk_b_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        verifier = roles._encrypted(connection, owner, PASSWORD)
        connection.exec_driver_sql(f"CREATE ROLE {q(owner)} LOGIN CREATEROLE PASSWORD '{verifier}'")
        connection.exec_driver_sql(f"GRANT {q(owner)} TO CURRENT_USER")  # to create its database
        connection.exec_driver_sql(f"CREATE DATABASE {q(name)} OWNER {q(owner)}")
    try:
        yield url.set(database=name, username=owner, password=PASSWORD), owner
    finally:
        with admin.connect() as connection:
            databases._wait_for_other_roles_to_leave(connection, name)
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {q(name)} WITH (FORCE)")
            databases.drop_roles_of(connection, name)
            connection.exec_driver_sql(f"DROP ROLE IF EXISTS {q(owner)}")
        admin.dispose()


#: The staff of each centre: one login of every role.
STAFF = {"boss": "administrator", "mgr": "manager", "desk": "desk_officer"}


def refusal(connection: psycopg.Connection, statement: str) -> str:
    """The server's refusal of ``statement`` (which must be refused)."""
    with pytest.raises(psycopg.Error) as error:
        connection.execute(statement)
    return str(error.value).splitlines()[0]


def q(name: str) -> str:
    return roles.quote(name)


def test_staff_cannot_reach_the_other_centre(centres: tuple[Centre, Centre]) -> None:
    a, b = centres
    desk, boss = staff.name("desk"), staff.name("boss")
    for username in (desk, boss):
        with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
            a.connect(username, database=b.name)
        with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
            b.connect(username, database=a.name)
    # Both centres have a "desk"; each signs in to its own database as its own login.
    for centre in centres:
        with centre.connect(desk) as connection:
            assert connection.execute("SELECT current_user").fetchone() == (
                roles.login_name(centre.name, desk),
            )
        signed_in = signing.sign_in(centre.database.url, desk, PASSWORD)
        assert signed_in.actor.username == desk
        signed_in.database.dispose()
    with a.connect(boss) as connection:
        assert "permission denied" in refusal(
            connection, f"SET ROLE {q(roles.groups(b.name)['administrator'])}"
        )
        assert "permission denied" in refusal(
            connection, f"ALTER ROLE {q(roles.login_name(b.name, desk))} PASSWORD 'x'"
        )


@pytest.mark.parametrize("short", list(STAFF))
def test_no_staff_login_has_a_path_to_the_owner_or_the_server(
    centres: tuple[Centre, Centre], short: str
) -> None:
    a, b = centres
    desk = staff.name("desk")
    with a.connect(staff.name(short)) as connection:
        assert connection.execute(
            "SELECT rolcreaterole, rolcreatedb, rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone() == (False, False, False)
        attacks = {
            f"GRANT {q(a.owner)} TO CURRENT_USER": "must have admin option",
            f"SET ROLE {q(a.owner)}": "permission denied",
            "GRANT pg_execute_server_program TO CURRENT_USER": "must have admin option",
            "COPY (SELECT 1) TO PROGRAM 'true'": "must be superuser",
            "CREATE ROLE mallory LOGIN": "permission denied",
            "ALTER ROLE CURRENT_USER CREATEROLE": "permission denied",
            f"ALTER ROLE {q(a.owner)} PASSWORD 'x'": "permission denied",
            f"ALTER ROLE {q(b.owner)} PASSWORD 'x'": "permission denied",
            f"GRANT {q(b.owner)} TO CURRENT_USER": "must have admin option",
            f"SET ROLE {q(b.owner)}": "permission denied",
            f"ALTER ROLE {q(roles.login_name(a.name, desk))} NOLOGIN": "permission denied",
            f"GRANT {q(roles.groups(a.name)['administrator'])} TO"
            f" {q(roles.login_name(a.name, desk))}": "must have admin option",
            "DELETE FROM audit_entry": "permission denied",
            "UPDATE audit_entry SET username = 'x'": "permission denied",
            "TRUNCATE audit_entry": "permission denied",
            "TRUNCATE expat": "permission denied",
            "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_who": "must be owner",
            "ALTER TABLE expat ADD COLUMN sneaky text": "must be owner",
            "DROP TRIGGER audit_entry_who ON audit_entry": "must be owner",
            "ALTER TABLE expat DISABLE TRIGGER expatdesk_trail": "must be owner",
            "DROP TRIGGER expatdesk_trail ON survey_response": "must be owner",
            "ALTER FUNCTION expatdesk_trail_expat() RENAME TO gone": "must be owner",
            "SET session_replication_role = replica": "permission denied",
            "CREATE TABLE sneaky (id integer)": "permission denied",
            "CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql AS 'SELECT 1'": "permission denied",
            "CREATE OR REPLACE FUNCTION expatdesk_staff_login(text, boolean) RETURNS text"
            " LANGUAGE sql AS 'SELECT $1'": "permission denied for schema",
            "ALTER FUNCTION expatdesk_create_login(text, text, text) OWNER TO CURRENT_USER": (
                "must be owner"
            ),
            f"ALTER DATABASE {q(a.name)} OWNER TO CURRENT_USER": "must be owner",
            "CREATE TEMPORARY TABLE scratch (id integer)": "permission denied",
            "SELECT expatdesk_staff_login('x', false)": "permission denied",
            "SELECT expatdesk_scrub_audit(ARRAY[-1], ARRAY['{}'])": (
                "permission denied" if short != "boss" else "no audit entry -1"
            ),
            f"SET ROLE {q(roles.groups(b.name)['desk_officer'])}": "permission denied",
            "SET ROLE pg_read_server_files": "permission denied",
            "COPY expat TO '/tmp/expats.csv'": "must be superuser",
            "SELECT pg_read_file('/etc/passwd')": "permission denied",
            "ALTER ROLE CURRENT_USER SET session_replication_role = replica": "permission denied",
            "LOAD 'auto_explain'": "is not allowed",
            "CREATE EXTENSION IF NOT EXISTS dblink": "permission denied",
        }
        if short != "boss":  # the administrators' group and its functions stay out of reach
            attacks[f"SET ROLE {q(roles.groups(a.name)['administrator'])}"] = "permission denied"
            attacks["SELECT expatdesk_set_login_allowed('x', true)"] = "permission denied"
        for statement, expected in attacks.items():
            assert expected in refusal(connection, statement), statement
        # Granting what one holds without the grant option only warns, and grants nothing.
        connection.execute("GRANT SELECT ON expat TO PUBLIC")
        connection.execute(f"GRANT CONNECT ON DATABASE {q(a.name)} TO PUBLIC")
        assert connection.execute(
            "SELECT has_table_privilege('public', 'expat', 'SELECT'),"
            " has_database_privilege('public', current_database(), 'CONNECT')"
        ).fetchone() == (False, False)


def test_the_login_functions_refuse_everything_but_this_databases_staff(
    centres: tuple[Centre, Centre],
) -> None:
    a, _b = centres
    boss, desk = staff.name("boss"), staff.name("desk")
    verifier = "SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy"
    with a.connect(boss) as connection:
        attacks = {
            # a role other than ExpatDesk's, or a name that would leave the database's prefix
            f"SELECT expatdesk_create_login('mallory', 'superuser', '{verifier}')": (
                "not an ExpatDesk role"
            ),
            f"SELECT expatdesk_create_login('../{a.owner}', 'administrator', '{verifier}')": (
                "not a staff username"
            ),
            f"SELECT expatdesk_create_login('Mallory', 'administrator', '{verifier}')": (
                "not a staff username"
            ),
            f"SELECT expatdesk_create_login('{'m' * 60}', 'administrator', '{verifier}')": (
                "longer than 63 bytes"
            ),
            "SELECT expatdesk_create_login('mallory', 'administrator', 'plain password')": (
                "SCRAM-SHA-256 verifier"
            ),
            f"SELECT expatdesk_create_login('{desk}', 'desk_officer', '{verifier}')": (
                "exists already"
            ),
            # roles that are no staff login of this database
            f"SELECT expatdesk_set_login_password('{a.owner}', '{verifier}')": (
                "is no staff login of this database"
            ),
            f"SELECT expatdesk_set_login_password('postgres', '{verifier}')": (
                "is no staff login of this database"
            ),
            "SELECT expatdesk_set_login_allowed('pg_execute_server_program', true)": (
                "is no staff login of this database"
            ),
            "SELECT expatdesk_set_login_group('nobody', 'manager')": (
                "is no staff login of this database"
            ),
            f"SELECT expatdesk_set_login_group('{desk}', 'pg_execute_server_program')": (
                "not an ExpatDesk role"
            ),
            f"SELECT expatdesk_set_login_group('{desk}', NULL)": "not an ExpatDesk role",
        }
        for statement, expected in attacks.items():
            assert expected in refusal(connection, statement), statement
        # What they are for works, and gives nothing beyond this database's groups.
        connection.execute(
            f"SELECT expatdesk_create_login('mallory', 'desk_officer', '{verifier}')"
        )
        mallory = roles.login_name(a.name, "mallory")
        assert connection.execute(
            "SELECT rolcanlogin, rolcreaterole, rolsuper FROM pg_roles WHERE rolname = %s",
            (mallory,),
        ).fetchone() == (True, False, False)
        connection.execute("SELECT expatdesk_set_login_group('mallory', 'administrator')")
        assert [
            row[0]
            for row in connection.execute(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
                " JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s",
                (mallory,),
            )
        ] == [roles.groups(a.name)["administrator"]]
        connection.execute("SELECT expatdesk_set_login_allowed('mallory', false)")
    with a.database.engine.begin() as owner:
        owner.exec_driver_sql(f"DROP ROLE {q(mallory)}")
    with a.connect(desk) as connection:
        assert "permission denied for function" in refusal(
            connection, f"SELECT expatdesk_set_login_password('{boss}', '{verifier}')"
        )
        assert "permission denied for function" in refusal(
            connection, f"SELECT expatdesk_create_login('eve', 'administrator', '{verifier}')"
        )


def test_direct_sql_by_a_staff_login_is_in_the_trail_under_that_login(
    centres: tuple[Centre, Centre],
) -> None:
    a, _b = centres
    desk = staff.name("desk")
    with a.database.transaction(SYSTEM) as session:
        session.add(Expat(expat_ref="E-1", given_name="José", family_name="García"))
    with a.connect(desk) as connection:
        # Claiming to be someone else, or asking for no trail, changes nothing for staff.
        connection.execute("SET expatdesk.username = 'marieke'")
        connection.execute("SET expatdesk.user_id = '1'")
        connection.execute("SET expatdesk.trail = 'off'")
        connection.execute(
            "UPDATE expat SET bsn = '111222333', notes = 'gelezen' WHERE expat_ref = 'E-1'"
        )
        for number in range(3):
            connection.execute(
                "INSERT INTO survey_response (response_ref, respondent_type, responded_on,"
                " score_service, questionnaire_version, version, created_at, updated_at)"
                " VALUES (%s, 'expat', '2026-11-20', 10, 1, 1, now(), now())",
                (f"FAKE-{number}",),
            )
        connection.execute("DELETE FROM survey_response WHERE response_ref = 'FAKE-2'")
    with a.database.reading() as session:
        desk_id = session.scalar(select(StaffUser.id).where(StaffUser.username == desk))
        rows = session.execute(
            select(AuditEntry.username, AuditEntry.staff_user_id, AuditEntry.action,
                   AuditEntry.entity, AuditEntry.changes)
            .where(AuditEntry.entity.in_(("expat", "survey_response")))
            .order_by(AuditEntry.id)
        ).all()  # fmt: skip
    assert [(row.username, row.action, row.entity) for row in rows] == [
        ("system", "create", "expat"),
        (desk, "update", "expat"),
        (desk, "create", "survey_response"),
        (desk, "create", "survey_response"),
        (desk, "create", "survey_response"),
        (desk, "delete", "survey_response"),
    ]
    assert {row.staff_user_id for row in rows[1:]} == {desk_id}
    assert json.loads(rows[1].changes) == {
        "bsn": [None, "*****2333"],
        "notes": [None, "gelezen"],
    }
