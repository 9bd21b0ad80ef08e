"""Message boxes, and the one place a modal dialog runs its own event loop.

Every modal dialog runs through :func:`exec_dialog`, which tests replace (see
``tests/unit/qt/conftest.py``), so no test ever blocks on a dialog waiting for a click.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

log = logging.getLogger(__name__)


def exec_dialog(dialog: QDialog) -> int:
    """Run ``dialog`` modally and return its result code."""
    return dialog.exec()


def message(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    *,
    informative: str = "",
) -> QMessageBox:
    """Show a message with an OK button, modally; returns the box after it was closed."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if informative:
        box.setInformativeText(informative)
    exec_dialog(box)
    return box


def error(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """Tell the user about an error they can act on."""
    log.error("%s: %s", title, text)
    return message(parent, QMessageBox.Icon.Critical, title, text)


def information(
    parent: QWidget | None, title: str, text: str, *, informative: str = ""
) -> QMessageBox:
    return message(parent, QMessageBox.Icon.Information, title, text, informative=informative)
