"""Opening a document with the system's viewer, from a private temporary copy removed afterwards.

The copy is written into a folder of this session readable by its owner only (0700, made by
``tempfile.mkdtemp``), as a file of mode 0600, and handed to the viewer (``QDesktopServices``).
A viewer reads the file when it opens it, so each copy is removed after :data:`KEEP_SECONDS`,
and the folder with whatever is left when the app quits. Tests replace :attr:`Opener.show_url`.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices

from expatdesk.accounts.actor import Actor
from expatdesk.db.database import Database
from expatdesk.documents import store
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.private_files import PRIVATE_FILE_MODE

log = logging.getLogger(__name__)

#: How long a viewer has to read its copy before it is removed.
KEEP_SECONDS: float = 10 * 60


class Opener(QObject):
    """Writes private temporary copies of documents and opens them with the system viewer."""

    #: Shows a file: QDesktopServices.openUrl; tests replace it.
    show_url: Callable[[QUrl], bool] = staticmethod(QDesktopServices.openUrl)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder: Path | None = None
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.clean_up)

    @property
    def folder(self) -> Path:
        """This session's private folder of copies (made on first use, 0700)."""
        if self._folder is None or not self._folder.exists():
            self._folder = Path(tempfile.mkdtemp(prefix="expatdesk-documents-"))
        return self._folder

    def write_copy(
        self, database: Database, actor: Actor, document_id: int, file_name: str, content_type: str
    ) -> Path:
        """Write the document to a new private file (logged as opened); returns its path."""
        folder = Path(tempfile.mkdtemp(dir=self.folder))  # a folder per copy: names never clash
        stem = Path(file_name).stem or "document"
        path = folder / f"{stem}{store.SUFFIXES.get(content_type, '')}"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        try:
            with os.fdopen(descriptor, "wb") as target:
                store.read_document(database, actor, document_id, target, action="open_document")
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        QTimer.singleShot(round(KEEP_SECONDS * 1000), self, lambda: self.remove(folder))
        return path

    def open(
        self, database: Database, actor: Actor, document_id: int, file_name: str, content_type: str
    ) -> Path:
        """Open the document with the system's viewer; returns the temporary copy's path."""
        path = self.write_copy(database, actor, document_id, file_name, content_type)
        if not type(self).show_url(QUrl.fromLocalFile(str(path))):
            self.remove(path.parent)
            raise UserError(_("No program on this computer opens {name}.").format(name=file_name))
        return path

    def remove(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def clean_up(self) -> None:
        """Remove every copy of this session (the app quits)."""
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
