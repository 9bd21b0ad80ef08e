"""The file dialogs of the app, in one place that tests replace (like :mod:`msgbox`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def save_file_name(parent: QWidget | None, title: str, suggested: Path, filter: str) -> Path | None:
    """Ask where to save; ``None`` when the user cancels."""
    name, _selected = QFileDialog.getSaveFileName(parent, title, str(suggested), filter)
    return Path(name) if name else None


def open_file_name(parent: QWidget | None, title: str, folder: Path, filter: str) -> Path | None:
    """Ask which file to open; ``None`` when the user cancels."""
    name, _selected = QFileDialog.getOpenFileName(parent, title, str(folder), filter)
    return Path(name) if name else None
