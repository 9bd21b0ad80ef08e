"""Finding an employer by what was typed: the one search every employer picker asks.

:func:`find_employers` gives a handful of matches for the text typed so far (name, KvK number or
ref, every word, case- and accent-insensitively), fast among tens of thousands of employers;
:func:`employer_choice` gives one employer for a picker that starts with it chosen; and
:func:`choice_text` is the one way a picker shows a match: the name, then ref and KvK number to
tell alike names apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from expatdesk.common.listing import matching
from expatdesk.db.database import Database
from expatdesk.db.models import Employer

#: How many employers :func:`find_employers` returns by default.
MATCHES = 20


@dataclass(frozen=True)
class EmployerChoice:
    """An employer as a picker lists it."""

    id: int
    ref: str
    name: str
    kvk_number: str | None


def choice_text(choice: EmployerChoice) -> str:
    """A match as a picker shows it: ``Name (ref, KvK number)``; just the name without either."""
    kvk = f"KvK {choice.kvk_number}" if choice.kvk_number else ""
    details = [part for part in (choice.ref, kvk) if part]
    return f"{choice.name} ({', '.join(details)})" if details else choice.name


def find_employers(database: Database, text: str, limit: int = MATCHES) -> list[EmployerChoice]:
    """The first ``limit`` employers (by name) whose name, KvK number or ref contains ``text``.

    Every word of ``text`` must occur, case- and accent-insensitively; an empty text matches all.
    """
    statement = (
        select(Employer.id, Employer.employer_ref, Employer.name, Employer.kvk_number)
        .where(*matching(Employer.search_key, text))
        .order_by(Employer.name, Employer.id)
        .limit(limit)
    )
    with database.reading() as session:
        return [EmployerChoice(*row) for row in session.execute(statement)]


def employer_choice(database: Database, employer_id: int) -> EmployerChoice | None:
    """One employer as a picker shows it; ``None`` if it no longer exists."""
    statement = select(
        Employer.id, Employer.employer_ref, Employer.name, Employer.kvk_number
    ).where(Employer.id == employer_id)
    with database.reading() as session:
        row = session.execute(statement).first()
        return None if row is None else EmployerChoice(*row)
