"""Files with personal data that ExpatDesk writes: readable by their owner only (0600).

Exports of records, lists and subject access hold names, e-mail addresses and more; they are
created private from the first byte (not made private after being written), in a temporary file
in the same folder that replaces the target when complete, so a reader sees the old file or the
whole new one.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from expatdesk.errors import UserError
from expatdesk.i18n import _

#: The permissions of every file ExpatDesk writes (the database and its copies too).
PRIVATE_FILE_MODE = 0o600


def write_file(path: Path, data: bytes, mode: int = PRIVATE_FILE_MODE) -> None:
    """Write ``data`` to ``path``, complete or not at all, created with ``mode`` (less the umask).

    Through a temporary file in the same folder and a rename: a reader sees the old file or the
    complete new one, never a partial one, also when the program is interrupted or the disk
    fills up. A :class:`UserError` names the path and the reason when it cannot be written.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise UserError(
            _("Cannot write {path}: {reason}").format(
                path=path, reason=error.strerror or str(error)
            )
        ) from None


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (mode 0600), complete or not at all."""
    write_file(path, data, PRIVATE_FILE_MODE)
