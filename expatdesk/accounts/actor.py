"""Who is acting: the signed-in staff member, their role, and what the role may do.

Every service that writes takes an :class:`Actor` and calls :meth:`Actor.require` with the
:class:`Permission` the action needs, so a role is enforced in the service layer and not only by
hiding buttons. :func:`expatdesk.db.database.Database.transaction` stores the actor in the
session, and the audit trail (:mod:`expatdesk.db.audit`) writes down who did what.

Roles (issue "many desks, one database"): a desk officer works with expats, employers, cases and
surveys; a manager also deletes expats and employers (and merges duplicate expats, which deletes
one record), makes reports, changes the target settings and imports; an administrator also
manages staff accounts, erasure and retention.

Deleting clients is for managers because a delete cannot be undone: a desk officer who picked
the wrong row of a list and confirmed out of habit would lose a person with their family and
permits for good. An "Undo" for some seconds would not do: the delete also erases what the
audit trail kept of the person, it is one transaction among several desks on a shared
database (a colleague may reuse the freed BSN meanwhile), and on PostgreSQL the desk officer's
own login could still delete directly. Refusing the delete to the role, in the service and in
the database's grants (:mod:`expatdesk.db.roles`), holds everywhere. Cases and survey responses
are never deleted by anyone (they count for the targets: a case is closed, a response
corrected), and a client with any of them or with a service cannot be deleted at all; removing
a service or a task from an open case stays with the desk, a correction the trail keeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.exc import DBAPIError

from expatdesk.errors import UserError
from expatdesk.i18n import N_, _


class Permission(StrEnum):
    CLIENTS = "clients"  # expats, employers, cases, services, surveys
    DELETE_CLIENTS = "delete_clients"  # deleting or merging away expats and employers
    REPORTS = "reports"
    TARGET_SETTINGS = "target_settings"
    IMPORT = "import"
    STAFF = "staff"
    ERASURE = "erasure"
    RETENTION = "retention"


ROLE_LABELS: dict[str, str] = {
    "desk_officer": N_("Desk officer"),
    "manager": N_("Manager"),
    "administrator": N_("Administrator"),
}

_DESK = frozenset({Permission.CLIENTS})
_MANAGER = _DESK | {
    Permission.DELETE_CLIENTS,
    Permission.REPORTS,
    Permission.TARGET_SETTINGS,
    Permission.IMPORT,
}
ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "desk_officer": _DESK,
    "manager": _MANAGER,
    "administrator": _MANAGER | {Permission.STAFF, Permission.ERASURE, Permission.RETENTION},
}

_DENIED: dict[Permission, str] = {
    Permission.CLIENTS: N_("Your role may not work with client records."),
    Permission.DELETE_CLIENTS: N_(
        "Only managers and administrators may delete expats and employers."
    ),
    Permission.REPORTS: N_("Only managers and administrators may make reports."),
    Permission.TARGET_SETTINGS: N_("Only managers and administrators may change target settings."),
    Permission.IMPORT: N_("Only managers and administrators may import data."),
    Permission.STAFF: N_("Only administrators may manage staff accounts."),
    Permission.ERASURE: N_("Only administrators may erase personal data."),
    Permission.RETENTION: N_("Only administrators may apply the retention period."),
}


def denied_reason(permission: Permission) -> str:
    """Who may do what ``permission`` allows, in the active language."""
    return _(_DENIED[permission])


def role_label(role: str) -> str:
    """A role's name in the active language."""
    return _(ROLE_LABELS[role]) if role in ROLE_LABELS else role


class PermissionDeniedError(UserError):
    """The actor's role does not allow the action."""


@dataclass(frozen=True)
class Actor:
    """A staff member acting on the database.

    ``user_id`` is the ``staff_user`` row; ``None`` only for :data:`SYSTEM` (the command line's
    own work on a single-desk database, demo data, migrations).
    """

    user_id: int | None
    username: str
    display_name: str
    role: str

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS.get(self.role, frozenset())

    def require(self, permission: Permission) -> None:
        """Raise :class:`PermissionDeniedError` unless the role allows ``permission``."""
        if not self.can(permission):
            raise PermissionDeniedError(denied_reason(permission))


#: The command line and maintenance work on a single-desk database.
SYSTEM = Actor(user_id=None, username="system", display_name="ExpatDesk", role="administrator")


@contextmanager
def database_refusals() -> Iterator[None]:
    """A privilege the database refuses (PostgreSQL grants) becomes a message, not a crash."""
    try:
        yield
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) == "42501":  # insufficient_privilege
            reason = str(error.orig).strip().splitlines()[0]
            raise PermissionDeniedError(
                _("The database refused this: {reason}").format(reason=reason)
            ) from None
        raise
