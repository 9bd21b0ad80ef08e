"""A case's statuses, their names and the steps allowed between them.

``new`` → ``in_progress`` → ``waiting_client`` / ``waiting_authority`` → ``closed``, and a closed
case can be reopened (back to ``in_progress``); :func:`expatdesk.cases.workflow.set_status` refuses
every other step. Here, below every feature that shows a status (the timeline, the history, the
home page), so that they name a status without importing the case services.
"""

from __future__ import annotations

from expatdesk.db.models import CASE_STATUSES
from expatdesk.i18n import N_, _

STATUSES: dict[str, str] = {
    "new": N_("New"),
    "in_progress": N_("In progress"),
    "waiting_client": N_("Waiting for the client"),
    "waiting_authority": N_("Waiting for an authority"),
    "closed": N_("Closed"),
}
assert tuple(STATUSES) == CASE_STATUSES

#: The statuses a case may go to from each status, in the order a page offers them.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("in_progress",),
    "in_progress": ("waiting_client", "waiting_authority", "closed"),
    "waiting_client": ("in_progress", "waiting_authority", "closed"),
    "waiting_authority": ("in_progress", "waiting_client", "closed"),
    "closed": ("in_progress",),
}


def status_label(status: str) -> str:
    """A status in the active language."""
    return _(STATUSES[status]) if status in STATUSES else status


def allowed_transitions(status: str) -> tuple[str, ...]:
    """The statuses a case in ``status`` may be set to."""
    return TRANSITIONS.get(status, ())
