"""What a role may not do stays in sight: the action is greyed out and says who may.

An action hidden from a desk officer leaves them guessing whether it exists and whom to ask; a
disabled one with the reason in its tooltip and status tip ("Only administrators may erase
personal data.") answers both. The services refuse it anyway (:meth:`Actor.require`).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from expatdesk.accounts.actor import Actor, Permission, denied_reason
from expatdesk.qt.forms.ui_main_window import Ui_MainWindow


def role_actions(ui: Ui_MainWindow) -> dict[QAction, Permission]:
    """The main window's actions that some roles may not take, with what they need."""
    return {
        ui.actionDelete: Permission.DELETE_CLIENTS,
        ui.actionMerge: Permission.DELETE_CLIENTS,
        ui.actionStaffAccounts: Permission.STAFF,
        ui.actionErasePersonalData: Permission.ERASURE,
        ui.actionRetention: Permission.RETENTION,
        ui.actionImport: Permission.IMPORT,
        ui.actionTargetSettings: Permission.TARGET_SETTINGS,
    }


def show_what_the_role_may(actor: Actor, actions: Mapping[QAction, Permission]) -> None:
    """Enable each action the role allows; disable the others and say who may (again after a
    change of language: the reasons are translated). An action that also depends on what is
    shown (delete needs a list of expats or employers) is enabled by its window only where
    :meth:`Actor.can` too."""
    for action, permission in actions.items():
        allowed = actor.can(permission)
        action.setVisible(True)
        action.setEnabled(allowed)
        reason = "" if allowed else denied_reason(permission)
        action.setToolTip(reason or action.text().replace("&", "").rstrip("…"))
        action.setStatusTip(reason)
        for widget in action.associatedObjects():
            if isinstance(widget, QMenu):
                widget.setToolTipsVisible(True)  # a disabled item's tooltip is its reason
