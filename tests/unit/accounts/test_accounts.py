"""Staff accounts on both engines: hashing, signing in, throttling, the first administrator, staff
management for each role, own passwords, the idle lock."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select, text

from expatdesk.accounts import idle, passwords
from expatdesk.accounts import sign_in as signing
from expatdesk.accounts import staff as accounts
from expatdesk.accounts.actor import SYSTEM, Actor, PermissionDeniedError
from expatdesk.accounts.sign_in import AccountDisabledError, ThrottledError, WrongCredentialsError
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.db.models import AuditEntry, StaffUser
from expatdesk.errors import UserError
from tests.helpers import staff
from tests.helpers.staff import PASSWORD, name

#: The one message of every refused sign-in.
REFUSED = "Wrong username or password, or too many failed attempts: wait a moment and try again."

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _logins(database: Database) -> Iterator[None]:
    with staff.logins_dropped(database):
        yield


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


# --- hashing ----------------------------------------------------------------------------------


def test_a_password_is_stored_as_an_scrypt_hash_with_its_parameters() -> None:
    stored = passwords.hash_password("geheim wachtwoord")
    scheme, n, r, p, salt, key = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert (len(salt), len(key)) == (24, 44)  # 16 and 32 bytes in base64
    assert "geheim" not in stored
    assert passwords.check_password("geheim wachtwoord", stored)
    assert not passwords.check_password("geheim wachtwoord ", stored)
    assert not passwords.check_password("", stored)
    assert passwords.hash_password("geheim wachtwoord") != stored  # a fresh salt every time


def test_the_parameters_are_read_from_the_stored_text() -> None:
    salt = bytes(range(16))
    key = hashlib.scrypt(b"old password", salt=salt, n=2**10, r=8, p=1, dklen=32)
    import base64

    stored = f"scrypt$1024$8$1${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"
    assert passwords.check_password("old password", stored)
    assert not passwords.check_password("old passwort", stored)


@pytest.mark.parametrize(
    "stored",
    [None, "", "plain text", "md5$abc", "scrypt$1000$8$1$AAAA$AAAA", "scrypt$x$8$1$AA==$AA=="],
)
def test_unreadable_hashes_match_nothing_but_cost_the_same_work(
    stored: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = hashlib.scrypt

    def counting(*args: object, **kwargs: object) -> bytes:
        calls.append(int(kwargs["n"]))  # type: ignore[call-overload]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    passwords.check_password("warm up the dummy hash", None)
    monkeypatch.setattr(passwords.hashlib, "scrypt", counting)
    assert not passwords.check_password("anything", stored)
    assert calls == [passwords.SCRYPT_N]


def test_the_delay_doubles_up_to_five_minutes() -> None:
    assert [passwords.delay(n).total_seconds() for n in range(0, 6)] == [0, 1, 2, 4, 8, 16]
    assert passwords.delay(9).total_seconds() == 256
    assert passwords.delay(10).total_seconds() == 300
    assert passwords.delay(1000).total_seconds() == 300


# --- the first administrator ------------------------------------------------------------------


def test_a_new_database_asks_for_its_first_administrator_once(database: Database) -> None:
    assert accounts.needs_first_administrator(database)
    admin = accounts.create_first_administrator(
        database, f"  {name('Marieke').upper()} ", "Marieke  Lansink", PASSWORD
    )
    assert admin.username == name("marieke")
    assert admin.display_name == "Marieke Lansink"
    assert admin.role == "administrator"
    assert admin.user_id is not None
    assert not accounts.needs_first_administrator(database)
    with pytest.raises(UserError, match="has its first administrator already"):
        accounts.create_first_administrator(database, name("other"), "Other", PASSWORD)
    assert signing.authenticate(database, name("marieke"), PASSWORD, now=T0) == admin


def test_the_first_administrator_is_checked_like_any_account(database: Database) -> None:
    with pytest.raises(ValidationError) as refused:
        accounts.create_first_administrator(database, "9lives", " ", "short")
    assert refused.value.for_field("username") == (
        "A username has 2 to 63 characters: lower-case letters, digits, '.', '_' or '-', "
        "beginning with a letter."
    )
    assert refused.value.for_field("display_name") == "This field is required."
    assert refused.value.for_field("password") == "A password needs at least 12 characters."
    assert accounts.needs_first_administrator(database)


# --- signing in -------------------------------------------------------------------------------


def test_the_right_password_signs_in_as_the_staff_member(database: Database) -> None:
    anna = staff.add(database, "anna", "desk_officer")
    signed_in = signing.authenticate(database, name("anna").upper(), PASSWORD, now=T0)
    assert signed_in == anna
    assert signed_in.role == "desk_officer"


def test_a_wrong_password_and_an_unknown_user_get_the_same_message(database: Database) -> None:
    staff.add(database, "anna", "desk_officer")
    with pytest.raises(WrongCredentialsError) as wrong:
        signing.authenticate(database, name("anna"), "not the password", now=T0)
    with pytest.raises(WrongCredentialsError) as unknown:
        signing.authenticate(database, name("nobody"), PASSWORD, now=T0)
    assert str(wrong.value) == str(unknown.value) == REFUSED


def test_failed_sign_ins_slow_down_and_a_good_one_resets(database: Database) -> None:
    staff.add(database, "anna", "desk_officer")
    user = name("anna")
    with pytest.raises(WrongCredentialsError):
        signing.authenticate(database, user, "wrong one", now=at(0))
    # Even the right password must wait for the delay.
    with pytest.raises(ThrottledError) as throttled:
        signing.authenticate(database, user, PASSWORD, now=at(0.2))
    assert str(throttled.value) == REFUSED
    with pytest.raises(WrongCredentialsError):
        signing.authenticate(database, user, "wrong two", now=at(1))
    with pytest.raises(ThrottledError, match="too many failed attempts"):
        signing.authenticate(database, user, PASSWORD, now=at(1))
    with pytest.raises(WrongCredentialsError):
        signing.authenticate(database, user, "wrong three", now=at(3))
    with pytest.raises(ThrottledError) as throttled:
        signing.authenticate(database, user, PASSWORD, now=at(4.5))
    assert throttled.value.seconds == 3  # 4 seconds after the failure at 3 s, rounded up
    assert signing.authenticate(database, user, PASSWORD, now=at(7)).username == user
    # Reset: one failure costs one second again.
    with pytest.raises(WrongCredentialsError):
        signing.authenticate(database, user, "wrong again", now=at(100))
    with pytest.raises(ThrottledError, match="too many failed attempts"):
        signing.authenticate(database, user, PASSWORD, now=at(100.5))


def test_unknown_users_are_throttled_like_known_ones(database: Database) -> None:
    ghost = name("ghost")
    with pytest.raises(WrongCredentialsError):
        signing.authenticate(database, ghost, "guess one", now=at(0))
    with pytest.raises(ThrottledError, match="too many failed attempts"):
        signing.authenticate(database, ghost, "guess two", now=at(0.5))
    with pytest.raises(WrongCredentialsError):
        signing.authenticate(database, ghost, "guess two", now=at(1))
    with pytest.raises(ThrottledError, match="too many failed attempts"):
        signing.authenticate(database, ghost, "guess three", now=at(1))


def test_a_disabled_account_is_refused(database: Database) -> None:
    admin = staff.add(database, "admin", "administrator")
    anna = staff.add(database, "anna", "desk_officer")
    (account,) = [a for a in accounts.list_staff(database, admin) if a.username == anna.username]
    accounts.set_active(database, admin, account.id, False, account.version)
    with pytest.raises(AccountDisabledError) as refused:
        signing.authenticate(database, anna.username, PASSWORD, now=T0)
    assert str(refused.value) == (
        "This account is disabled. Ask an administrator to enable it again."
    )
    # A wrong password still gets the ordinary message: nothing is given away.
    with pytest.raises(WrongCredentialsError):
        signing.authenticate(database, anna.username, "wrong password", now=at(10))


def test_sign_in_returns_the_database_to_work_in(database: Database) -> None:
    anna = staff.add(database, "anna", "manager")
    target = database if database.is_sqlite else database.url
    signed_in = signing.sign_in(target, anna.username, PASSWORD, now=T0)
    try:
        assert signed_in.actor == anna
        assert not signed_in.first_administrator_needed
        if database.is_sqlite:
            assert signed_in.database is database
        else:  # connected as the staff member's own role
            with signed_in.database.reading() as session:
                assert session.scalar(text("SELECT current_user")) == staff.login(
                    database, anna.username
                )
    finally:
        if signed_in.database is not database:
            signed_in.database.dispose()


def test_a_refused_sign_in_is_throttled(database: Database) -> None:
    anna = staff.add(database, "anna", "desk_officer")
    target = database if database.is_sqlite else database.url
    with pytest.raises(WrongCredentialsError):
        signing.sign_in(target, anna.username, "not the password", now=at(0))
    with pytest.raises(ThrottledError, match="too many failed attempts"):
        signing.sign_in(target, anna.username, PASSWORD, now=at(0.5))
    signed_in = signing.sign_in(target, anna.username, PASSWORD, now=at(1))
    if signed_in.database is not database:
        signed_in.database.dispose()
    assert signed_in.actor == anna


def test_on_postgres_the_owner_signs_in_only_to_make_the_first_administrator(
    database: Database,
) -> None:
    if database.is_sqlite:
        pytest.skip("SQLite has no owner role")
    owner, password = database.url.username or "", database.url.password or ""
    first = signing.sign_in(database.url, owner, str(password), now=T0)
    try:
        assert first.first_administrator_needed
        assert first.actor == Actor(None, owner, owner, "administrator")
        admin = accounts.create_first_administrator(
            first.database, name("marieke"), "Marieke", PASSWORD
        )
    finally:
        first.database.dispose()
    with pytest.raises(UserError, match="owns the database but has no staff account"):
        signing.sign_in(database.url, owner, str(password), now=T0)
    signed_in = signing.sign_in(database.url, admin.username, PASSWORD, now=T0)
    signed_in.database.dispose()
    assert signed_in.actor == admin


def test_the_command_line_acts_as_the_connecting_role(database: Database) -> None:
    if database.is_sqlite:
        assert signing.connection_actor(database) == SYSTEM
        return
    with database.reading() as session:
        owner = session.scalar(text("SELECT current_user"))
    assert signing.connection_actor(database) == Actor(None, owner, owner, "administrator")
    anna = staff.add(database, "anna", "desk_officer")
    from expatdesk.db.database import open_database

    as_anna = open_database(staff.url_of(database, anna.username))
    try:
        assert signing.connection_actor(as_anna) == anna
    finally:
        as_anna.dispose()


# --- staff management -------------------------------------------------------------------------


def test_only_administrators_manage_staff(database: Database) -> None:
    admin = staff.add(database, "admin", "administrator")
    for role in ("desk_officer", "manager"):
        someone = staff.add(database, role.replace("_", ""), role)
        (account,) = [a for a in accounts.list_staff(database, admin) if a.id == someone.user_id]
        attempts: list[tuple[Callable[..., object], tuple[object, ...]]] = [
            (accounts.list_staff, ()),
            (accounts.create_staff, (name("new"), "New", "desk_officer", PASSWORD)),
            (accounts.change_role, (account.id, "administrator", account.version)),
            (accounts.set_active, (admin.user_id, False, 1)),
            (accounts.reset_password, (admin.user_id, "x" * 12)),
            (idle.update_idle_lock_minutes, (5,)),
        ]
        for function, arguments in attempts:
            with pytest.raises(PermissionDeniedError) as refused:
                function(database, someone, *arguments)
            assert str(refused.value) == "Only administrators may manage staff accounts."
    names = [a.username for a in accounts.list_staff(database, admin)]
    assert name("new") not in names
    assert idle.read_idle_lock_minutes(database) == 15


def test_an_administrator_creates_accounts_with_checked_values(database: Database) -> None:
    admin = staff.add(database, "admin", "administrator")
    created = accounts.create_staff(
        database, admin, name("Koen"), " Koen  Wessels ", "manager", "a good long password"
    )
    assert (created.username, created.display_name, created.role, created.active) == (
        name("koen"),
        "Koen Wessels",
        "manager",
        True,
    )
    assert created.role_label == "Manager"
    assert signing.authenticate(database, name("koen"), "a good long password", now=T0).role == (
        "manager"
    )
    with pytest.raises(ValidationError) as refused:
        accounts.create_staff(database, admin, name("koen"), "Koen", "manager", PASSWORD)
    assert refused.value.for_field("username") == "There is an account with this username already."
    with pytest.raises(ValidationError) as refused:
        accounts.create_staff(database, admin, "system", "", "boss", name("x"))
    assert refused.value.for_field("username") == "This username is reserved; choose another."
    assert refused.value.for_field("display_name") == "This field is required."
    assert refused.value.for_field("role") == "Choose a role."
    with pytest.raises(ValidationError) as refused:
        accounts.create_staff(database, admin, name("lieke"), "Lieke", "desk_officer", "tiny")
    assert refused.value.errors[0].field == "password"
    with pytest.raises(ValidationError, match="must not be the username"):
        accounts.create_staff(
            database, admin, name("lieke"), "Lieke", "desk_officer", name("lieke")
        )
    assert [a.username for a in accounts.list_staff(database, admin)] == [
        name("admin"),
        name("koen"),
    ]


def test_the_password_hash_is_stored_only_on_sqlite(database: Database) -> None:
    anna = staff.add(database, "anna", "desk_officer")
    with database.reading() as session:
        stored = session.scalar(select(StaffUser.password_hash).where(StaffUser.id == anna.user_id))
    if database.is_sqlite:
        assert (stored or "").startswith("scrypt$16384$8$1$")
    else:
        assert stored is None  # the server keeps the password


def test_change_role_disable_and_enable(database: Database) -> None:
    admin = staff.add(database, "admin", "administrator")
    anna = staff.add(database, "anna", "desk_officer")
    (account,) = [a for a in accounts.list_staff(database, admin) if a.id == anna.user_id]
    promoted = accounts.change_role(database, admin, account.id, "manager", account.version)
    assert promoted.role == "manager"
    assert signing.authenticate(database, anna.username, PASSWORD, now=T0).role == "manager"
    with pytest.raises(UserError, match="changed this record"):
        accounts.change_role(database, admin, account.id, "desk_officer", account.version)
    disabled = accounts.set_active(database, admin, account.id, False, promoted.version)
    assert not disabled.active
    assert [a.username for a in accounts.list_staff(database, admin)][-1] == anna.username
    with pytest.raises(AccountDisabledError):
        signing.authenticate(database, anna.username, PASSWORD, now=at(1))
    enabled = accounts.set_active(database, admin, account.id, True, disabled.version)
    assert enabled.active
    assert signing.authenticate(database, anna.username, PASSWORD, now=at(2)) == Actor(
        anna.user_id, anna.username, anna.display_name, "manager"
    )


def test_changes_to_accounts_are_in_the_audit_trail(database: Database) -> None:
    admin = staff.add(database, "admin", "administrator")
    anna = staff.add(database, "anna", "desk_officer")
    (account,) = [a for a in accounts.list_staff(database, admin) if a.id == anna.user_id]
    accounts.change_role(database, admin, account.id, "manager", account.version)
    with database.reading() as session:
        entry = session.execute(
            select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.username, AuditEntry.changes)
            .where(AuditEntry.entity == "staff_user")
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).one()
    assert tuple(entry) == (
        "update",
        anna.user_id,
        admin.username,
        '{"role": ["desk_officer", "manager"]}',
    )


def test_one_active_administrator_always_stays(database: Database) -> None:
    admin = staff.add(database, "admin", "administrator")
    listed = {a.username: a for a in accounts.list_staff(database, SYSTEM)}
    mine = listed[admin.username]
    with pytest.raises(UserError, match="cannot disable your own account"):
        accounts.set_active(database, admin, mine.id, False, mine.version)
    with pytest.raises(UserError, match="cannot change your own role"):
        accounts.change_role(database, admin, mine.id, "manager", mine.version)
    with pytest.raises(UserError, match="at least one active administrator"):
        accounts.set_active(database, SYSTEM, mine.id, False, mine.version)
    with pytest.raises(UserError, match="at least one active administrator"):
        accounts.change_role(database, SYSTEM, mine.id, "manager", mine.version)
    other = staff.add(database, "other", "administrator")
    demoted = accounts.change_role(database, admin, other.user_id or 0, "manager", 1)
    assert demoted.role == "manager"


def test_an_administrator_resets_a_password(database: Database) -> None:
    admin = staff.add(database, "admin", "administrator")
    anna = staff.add(database, "anna", "desk_officer")
    with pytest.raises(WrongCredentialsError):
        signing.authenticate(database, anna.username, "forgotten it", now=at(0))
    with pytest.raises(ValidationError, match="at least 12 characters"):
        accounts.reset_password(database, admin, anna.user_id or 0, "short")
    accounts.reset_password(database, admin, anna.user_id or 0, "a brand new password")
    # The reset also clears the failed sign-ins: no waiting.
    assert signing.authenticate(database, anna.username, "a brand new password", now=at(0.1))
    with pytest.raises(WrongCredentialsError):
        signing.authenticate(database, anna.username, PASSWORD, now=at(10))


# --- own password -----------------------------------------------------------------------------


def test_everyone_changes_their_own_password(database: Database) -> None:
    anna = staff.add(database, "anna", "desk_officer")
    with pytest.raises(ValidationError) as refused:
        accounts.change_own_password(database, anna, "not my password", "something new 1", at(0))
    assert refused.value.for_field("current") == "This is not your current password."
    with pytest.raises(ValidationError) as refused:
        accounts.change_own_password(database, anna, PASSWORD, "short", at(10))
    assert refused.value.for_field("new") == "A password needs at least 12 characters."
    with pytest.raises(ValidationError, match="other than the current one"):
        accounts.change_own_password(database, anna, PASSWORD, PASSWORD, at(20))
    accounts.change_own_password(database, anna, PASSWORD, "something new 1", at(30))
    assert signing.authenticate(database, anna.username, "something new 1", now=at(40)) == anna
    with pytest.raises(WrongCredentialsError):
        signing.authenticate(database, anna.username, PASSWORD, now=at(50))
    with pytest.raises(UserError, match="no password of its own"):
        accounts.change_own_password(database, SYSTEM, "x", "something new 2", at(60))


def test_unlock_checks_the_signed_in_users_password(database: Database) -> None:
    anna = staff.add(database, "anna", "desk_officer")
    signing.unlock(database, anna, PASSWORD, now=at(0))
    with pytest.raises(WrongCredentialsError):
        signing.unlock(database, anna, "wrong password", now=at(1))
    with pytest.raises(ThrottledError):
        signing.unlock(database, anna, PASSWORD, now=at(1.5))
    signing.unlock(database, anna, PASSWORD, now=at(2))


# --- idle lock --------------------------------------------------------------------------------


def test_the_idle_lock_minutes(database: Database) -> None:
    admin = staff.add(database, "admin", "administrator")
    assert idle.read_idle_lock_minutes(database) == 15
    assert idle.update_idle_lock_minutes(database, admin, 5) == 5
    assert idle.read_idle_lock_minutes(database) == 5
    for wrong in (0, 1441):
        with pytest.raises(ValidationError) as refused:
            idle.update_idle_lock_minutes(database, admin, wrong)
        assert refused.value.for_field("idle_lock_minutes") == "Between 1 and 1440 minutes."
    assert idle.read_idle_lock_minutes(database) == 5


def test_an_unknown_user_a_wrong_password_and_a_throttled_account_cost_the_same(
    sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same message and the same work: one scrypt derivation and one write transaction."""
    staff.add(sqlite_database, "anna", "desk_officer")
    counted = {"hashes": 0, "commits": 0}
    derive = passwords._derive

    def counting_derive(*arguments: Any) -> bytes:
        counted["hashes"] += 1
        return derive(*arguments)

    monkeypatch.setattr(passwords, "_derive", counting_derive)
    event.listen(sqlite_database.engine, "commit", lambda _connection: _count(counted))

    def cost(username: str, password: str, moment: float) -> tuple[str, int, int]:
        counted.update(hashes=0, commits=0)
        with pytest.raises(WrongCredentialsError) as refused:
            signing.authenticate(sqlite_database, username, password, now=at(moment))
        return str(refused.value), counted["hashes"], counted["commits"]

    unknown = cost(name("nobody"), PASSWORD, 0)
    wrong = cost(name("anna"), "not the password", 0)
    throttled = cost(name("anna"), PASSWORD, 0.5)  # the right password, but too soon
    assert unknown == wrong == throttled == (REFUSED, 1, 1)


def _count(counted: dict[str, int]) -> None:
    counted["commits"] += 1


def test_new_passwords_are_long_varied_and_uncommon() -> None:
    problem = accounts.password_problem
    assert problem("kort-kort-1") == "A password needs at least 12 characters."
    assert problem("z" * 20) == (
        "A password of one character repeated is guessed at once; choose another."
    )
    for common in ("Welkom2026!!!", "P@ssw0rd2026", "qwertyuiopas", "123456789012",
                   "abcabcabcabc", "wachtwoord-2026", "Twente123456", "expatdesk2026"):  # fmt: skip
        assert problem(common) is not None, common
        assert "common word or pattern" in (problem(common) or ""), common
    assert "common word or pattern" in (problem("anna-anna-2026", "anna") or "")
    assert problem("correct horse battery") is None
    assert problem("Fietsen-langs-de-Dinkel") is None
    assert "common-passwords.txt" in str(passwords.COMMON_PASSWORDS)
    assert len(passwords.common_passwords()) > 300
