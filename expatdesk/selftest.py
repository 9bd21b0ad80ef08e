"""``expatdesk selftest``: what IT runs after installing, and CI on the frozen build.

Each check works in a private temporary folder and leaves nothing behind: a new database is
created and migrated to this version, a targets report is rendered as PDF in Dutch and in English
with its fonts embedded, the catalogs answer in both languages, and (from :mod:`expatdesk.qt`)
the main window opens offscreen in both languages. A check that fails gives one line saying
which and why; the command exits 1 after all have run.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from expatdesk import clock, i18n
from expatdesk.db.database import Database, open_database
from expatdesk.db.migrate import head_revision, schema_state
from expatdesk.i18n import _

#: A check: given the open self-test database, raises :class:`SelfTestFailure` (or anything).
Check = Callable[[Database], None]


class SelfTestFailure(Exception):
    """A check found something wrong; the message says what."""


@dataclass(frozen=True)
class Outcome:
    name: str
    problem: str | None  # None: passed


def run_checks(checks: list[tuple[str, Check]], folder: Path) -> list[Outcome]:
    """Create the self-test database in ``folder`` and run every check on it."""
    outcomes = []
    database = open_database(str(folder / "selftest.sqlite3"), create=True)
    try:
        for name, check in checks:
            try:
                check(database)
            except Exception as error:  # a self-test reports every failure, whatever its kind
                outcomes.append(Outcome(name, f"{type(error).__name__}: {error}"))
            else:
                outcomes.append(Outcome(name, None))
    finally:
        database.dispose()
    return outcomes


@contextmanager
def private_folder() -> Iterator[Path]:
    """A temporary folder only this user can read, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="expatdesk-selftest-") as name:
        folder = Path(name)
        folder.chmod(0o700)
        yield folder


def check_migrations(database: Database) -> None:
    with database.engine.connect() as connection:
        state = schema_state(connection)
    if state.revision != head_revision() or not state.current:
        raise SelfTestFailure(
            _("the schema is at {found}, not at this version's {head}").format(
                found=state.revision, head=head_revision()
            )
        )


def check_catalogs(database: Database) -> None:
    del database
    for language, expected in (("nl", "Database aanmaken"), ("en", "Create database")):
        with i18n.using(language):
            found = _("Create database")
        if found != expected:
            raise SelfTestFailure(
                _("the {language} catalog gives {found!r} for 'Create database'").format(
                    language=language, found=found
                )
            )
    with i18n.using("nl"):
        if i18n.format_number(7.5, 1) != "7,5":
            raise SelfTestFailure(_("Dutch numbers are not written as 7,5"))


#: The fonts a report embeds (reportlab names subsets ``AAAAAA+DejaVuSans``).
REPORT_FONTS = ("DejaVuSans", "DejaVuSans-Bold")


def report_pdf(database: Database, language: str) -> bytes:
    from expatdesk.accounts.actor import SYSTEM
    from expatdesk.reports.pdf import render_targets_pdf
    from expatdesk.reports.target_settings import read_centre_name
    from expatdesk.reports.targets import targets_report

    year = clock.today().year - 1
    report = targets_report(database, SYSTEM, year, year)
    return render_targets_pdf(
        report,
        language=language,
        centre_name=read_centre_name(database),
        printed_on=clock.today(),
    )


def check_report(database: Database) -> None:
    for language in ("nl", "en"):
        pdf = report_pdf(database, language)
        if not pdf.startswith(b"%PDF-") or b"%%EOF" not in pdf[-64:]:
            raise SelfTestFailure(
                _("the {language} report is no complete PDF").format(language=language)
            )
        embedded = set(re.findall(rb"/FontName /[A-Z]{6}\+([\w-]+)", pdf))
        missing = [font for font in REPORT_FONTS if font.encode() not in embedded]
        if missing or b"/FontFile2" not in pdf:
            raise SelfTestFailure(
                _("the {language} report does not embed the fonts {fonts}").format(
                    language=language, fonts=", ".join(missing) or "DejaVuSans"
                )
            )


CORE_CHECKS: list[tuple[str, Check]] = [
    ("migrations", check_migrations),
    ("catalogs", check_catalogs),
    ("report", check_report),
]
