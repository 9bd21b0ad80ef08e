"""What the privacy dialogs share: asking whether the signed-in role may, a wait cursor, counts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from expatdesk import i18n
from expatdesk.accounts.actor import Actor, Permission, PermissionDeniedError
from expatdesk.qt import msgbox


@contextmanager
def waiting() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def denied_message(actor: Actor, permission: Permission) -> str:
    """The message with which the services refuse ``actor`` the ``permission``."""
    try:
        actor.require(permission)
    except PermissionDeniedError as error:
        return str(error)
    return ""


def allowed(parent: QWidget | None, title: str, actor: Actor, permission: Permission) -> bool:
    """Whether ``actor`` may; if not, says so."""
    denied = denied_message(actor, permission)
    if denied:
        msgbox.error(parent, title, denied)
    return not denied


def counted(text: str, count: int) -> str:
    """``text`` (from ``ngettext``) with ``{count}`` filled in, in the active locale."""
    return text.format(count=i18n.format_number(count))
