"""Where a report goes: its formats, and writing a file so that it is never half written.

:data:`TARGET_FORMATS` maps each ``--format`` of ``expatdesk report targets`` to the function
that renders the report as bytes; a new format is one more entry. This module imports nothing
heavy, so the command line can build its options from it without loading the statistics.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from expatdesk import clock, i18n
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.private_files import write_file
from expatdesk.reports.target_settings import DEFAULT_CENTRE_NAME

if TYPE_CHECKING:
    from expatdesk.reports.targets import TargetsReport


def targets_json(report: TargetsReport) -> bytes:
    """The report as the JSON of targets.md: UTF-8, indented, numbers unrounded, no NaN."""
    text = json.dumps(report.to_json(), indent=2, ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode("utf-8")


def targets_pdf(
    report: TargetsReport,
    *,
    centre_name: str | None = None,
    printed_on: date | None = None,
    source: str | None = None,
) -> bytes:
    """The report as the printable PDF, in the active language (reportlab loaded only now).

    Without ``centre_name`` the default name of migration 0003; without ``printed_on`` today;
    ``source`` names the database in the colophon.
    """
    from expatdesk.reports.pdf import render_targets_pdf

    return render_targets_pdf(
        report,
        language=i18n.language(),
        centre_name=centre_name or DEFAULT_CENTRE_NAME,
        printed_on=printed_on or clock.today(),
        source=source,
    )


#: The formats of ``expatdesk report targets --format``, the first being the default.
TARGET_FORMATS: dict[str, Callable[[TargetsReport], bytes]] = {
    "json": targets_json,
    "pdf": targets_pdf,
}
#: The formats that are never written to standard output: ``-o FILE`` is required.
FILE_ONLY_FORMATS = frozenset({"pdf"})


def _cannot_write(path: Path, reason: str) -> UserError:
    return UserError(_("Cannot write {path}: {reason}").format(path=path, reason=reason))


def check_writable(path: Path) -> None:
    """Refuse, before any work is done, a target that cannot be written."""
    if path.is_dir():
        raise _cannot_write(path, os.strerror(errno.EISDIR))
    folder = path.parent
    if not folder.is_dir():
        raise _cannot_write(path, os.strerror(errno.ENOENT))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _cannot_write(path, os.strerror(errno.EACCES))


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader sees the old file or the complete new one, never a partial one, also when the
    program is interrupted or the disk fills up. The file gets the usual permissions (0666 less
    the umask), not those of a private temporary file.
    """
    write_file(path, data, 0o666)  # reports hold no personal data: the usual permissions
