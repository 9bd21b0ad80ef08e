"""Who the widgets act for: the signed-in staff member of the window they belong to.

A dialog or area that writes passes an :class:`~expatdesk.accounts.actor.Actor` to the services.
It is given one explicitly, or finds it on the nearest window above it that has an ``actor``
(the main window keeps the signed-in staff member there).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from expatdesk.accounts.actor import Actor


def actor_of(widget: QWidget | None) -> Actor:
    """The actor of the nearest widget from ``widget`` upwards that has one."""
    current = widget
    while current is not None:
        actor = getattr(current, "actor", None)
        if isinstance(actor, Actor):
            return actor
        current = current.parentWidget()
    raise LookupError("no signed-in staff member above this widget: pass the actor explicitly")


def given_or_inherited(actor: Actor | None, parent: QWidget | None) -> Actor:
    """``actor`` if given, else the actor of ``parent``'s window."""
    return actor if actor is not None else actor_of(parent)
