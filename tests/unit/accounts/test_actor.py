import pytest

from expatdesk.accounts.actor import SYSTEM, Actor, Permission, PermissionDeniedError, role_label
from expatdesk.i18n import using


def actor(role: str) -> Actor:
    return Actor(1, "someone", "Someone", role)


def test_each_role_may_do_what_the_issue_says() -> None:
    desk, manager, admin = actor("desk_officer"), actor("manager"), actor("administrator")
    assert desk.can(Permission.CLIENTS)
    assert not desk.can(Permission.REPORTS)
    assert manager.can(Permission.IMPORT)
    assert not manager.can(Permission.STAFF)
    assert all(admin.can(permission) for permission in Permission)
    assert not actor("unknown").can(Permission.CLIENTS)
    assert SYSTEM.can(Permission.ERASURE)


def test_a_refusal_is_a_translated_user_error() -> None:
    with pytest.raises(PermissionDeniedError, match="Only administrators may manage staff"):
        actor("manager").require(Permission.STAFF)
    with using("nl"), pytest.raises(PermissionDeniedError, match="Alleen beheerders"):
        actor("desk_officer").require(Permission.ERASURE)
    assert role_label("desk_officer") == "Desk officer"
