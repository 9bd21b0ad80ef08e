"""Is this expat registered already? The records that look like the same person.

Registering an expat who is already in the database splits their history over two records, so the
desk is warned first (issue 3, "Duplicates"). An existing record is a candidate when it has

- the same e-mail address, in any mix of upper and lower case;
- the same BSN (only the digits count: ``1234.56.782`` is ``123456782``);
- the same name and the same date of birth, without regard to accents, case, hyphens, or which
  words were typed as given and which as family name ("José García" is "jose garcia" is
  "Garcia, Jose" typed the other way round), nor to letters of other scripts that look the same
  (a Cyrillic "е" in "Jansеn", :func:`expatdesk.text.skeleton`).

Each rule reads an index, so the check costs a few milliseconds on half a million expats: the BSN
is a unique column, the names are compared in Python among the few dozen expats born on the same
day (``ix_expat_date_of_birth``), and the e-mail address is looked up in ``ix_expat_email`` as a
handful of ranges, one per way of writing its first letters in upper and lower case, since a
plain ``lower(email) = ...`` would read every row. Those ranges rely on the index sorting by code
point, as SQLite always does and PostgreSQL does with the ``C`` collations; on a PostgreSQL
database with a language's collation the e-mail comparison reads the table instead.

Anonymised records (personal data erased) are never candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from weakref import WeakKeyDictionary

from sqlalchemy import ColumnElement, Engine, TextClause, bindparam, func, select, text
from sqlalchemy.orm import Session

from expatdesk.accounts.actor import Actor
from expatdesk.db.database import Database
from expatdesk.db.models import Expat
from expatdesk.i18n import N_, _
from expatdesk.privacy import access_log
from expatdesk.text import full_name, mask_bsn, skeleton

SAME_BSN = N_("same BSN")
SAME_EMAIL = N_("same e-mail address")
SAME_NAME_AND_BIRTH = N_("same name and date of birth")
#: The order in which a candidate's reasons are listed: the surest first.
_REASONS = (SAME_BSN, SAME_EMAIL, SAME_NAME_AND_BIRTH)

#: At most this many ranges are read for one e-mail address.
MAX_EMAIL_RANGES = 64
#: Sorts after every character that can follow a prefix.
_LAST_CHARACTER = "\U0010ffff"
_NOT_DIGITS = re.compile(r"\D")
_NAME_SEPARATORS = re.compile(r"[\s\-‐‑‒–—]+")

_sorted_by_code_point: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()


@dataclass(frozen=True)
class DuplicateCandidate:
    """An existing expat that may be the one being registered, and why (translated texts)."""

    expat_id: int
    ref: str
    name: str
    date_of_birth: date | None
    email: str | None
    bsn_masked: str | None
    reasons: tuple[str, ...]


def find_expat_duplicates(
    database: Database,
    *,
    email: str | None,
    bsn: str | None,
    given_name: str | None,
    family_name: str | None,
    date_of_birth: date | None,
    exclude_id: int | None = None,
    actor: Actor | None = None,
) -> list[DuplicateCandidate]:
    """The existing expats that share the e-mail, the BSN, or the name and date of birth.

    ``exclude_id`` is the record being edited, which is no duplicate of itself. The surest
    candidates come first (most reasons, then by ref); an empty list means no warning.
    """
    email = (email or "").strip()
    bsn = _NOT_DIGITS.sub("", bsn or "")
    name = name_key(given_name, family_name)
    found: dict[int, set[str]] = {}
    if bsn:  # logged, and limited: tried with candidates it would unmask a BSN
        access_log.bsn_lookup(database, actor)
    with database.reading() as session:
        if bsn:
            for expat_id in session.scalars(select(Expat.id).where(Expat.bsn == bsn)):
                found.setdefault(expat_id, set()).add(SAME_BSN)
        if email:
            for expat_id in _same_email(database, session, email):
                found.setdefault(expat_id, set()).add(SAME_EMAIL)
        if name and date_of_birth is not None:
            born = session.execute(
                select(Expat.id, Expat.given_name, Expat.family_name).where(
                    Expat.date_of_birth == date_of_birth
                )
            )
            for expat_id, other_given, other_family in born:
                if name_key(other_given, other_family) == name:
                    found.setdefault(expat_id, set()).add(SAME_NAME_AND_BIRTH)
        if exclude_id is not None:
            found.pop(exclude_id, None)
        if not found:
            return []
        rows = session.execute(
            select(
                Expat.id,
                Expat.expat_ref,
                Expat.given_name,
                Expat.family_name,
                Expat.date_of_birth,
                Expat.email,
                Expat.bsn,
            ).where(Expat.id.in_(found), Expat.anonymised_at.is_(None))
        ).all()
    candidates = [
        DuplicateCandidate(
            expat_id=row.id,
            ref=row.expat_ref,
            name=full_name(row.given_name, row.family_name),
            date_of_birth=row.date_of_birth,
            email=row.email,
            bsn_masked=mask_bsn(row.bsn),
            reasons=tuple(_(reason) for reason in _REASONS if reason in found[row.id]),
        )
        for row in rows
    ]
    candidates.sort(key=lambda candidate: (-len(candidate.reasons), candidate.ref))
    return candidates


def name_key(given_name: str | None, family_name: str | None) -> tuple[str, ...]:
    """A person's name as the duplicate check compares it: the folded words, in sorted order.

    >>> name_key("José", "García-López") == name_key("garcia lopez", "JOSE")
    True
    """
    words = _NAME_SEPARATORS.split(skeleton(f"{given_name or ''} {family_name or ''}"))
    return tuple(sorted(word for word in words if word))


# --- e-mail -----------------------------------------------------------------------------------


def case_prefixes(value: str, limit: int = MAX_EMAIL_RANGES) -> list[str]:
    """Every way of writing the start of ``value`` in upper and lower case, at most ``limit``.

    The prefix is as long as the limit allows: characters without case (digits, ``.``, ``@``)
    do not add ways, so ``"j.s@x"`` gives 8 prefixes of all five characters.

    >>> case_prefixes("ab1c", limit=4)
    ['AB1', 'Ab1', 'aB1', 'ab1']
    """
    prefixes = [""]
    for character in value:
        forms = sorted({character, character.lower(), character.upper(), character.casefold()})
        if len(prefixes) * len(forms) > limit:
            break
        prefixes = [prefix + form for prefix in prefixes for form in forms]
    return prefixes


def _same_email(database: Database, session: Session, email: str) -> list[int]:
    """The ids of the expats whose e-mail address equals ``email`` but for case."""
    wanted = email.casefold()
    condition: ColumnElement[bool] | TextClause
    if _sorts_by_code_point(database, session):
        # As text: SQLAlchemy takes longer to build 64 ranges as expressions than to run them.
        prefixes = case_prefixes(email)
        condition = text(
            " OR ".join(f"(email >= :low{n} AND email < :high{n})" for n in range(len(prefixes)))
        ).bindparams(
            *(bindparam(f"low{n}", prefix) for n, prefix in enumerate(prefixes)),
            *(bindparam(f"high{n}", prefix + _LAST_CHARACTER) for n, prefix in enumerate(prefixes)),
        )
    else:
        condition = func.lower(Expat.email) == email.lower()
    rows = session.execute(select(Expat.id, Expat.email).where(condition))
    return [expat_id for expat_id, stored in rows if stored and stored.casefold() == wanted]


def _sorts_by_code_point(database: Database, session: Session) -> bool:
    """Whether the database's text order is that of the code points (once per engine).

    In such an order everything that begins with a prefix lies between the prefix and the prefix
    followed by the last character; a language's collation ignores punctuation and case at first.
    """
    known = _sorted_by_code_point.get(database.engine)
    if known is None:
        known = database.is_sqlite or bool(  # SQLite: the BINARY collation of every column
            session.execute(text("SELECT 'B' < 'a' AND 'Z' < '_' AND 'a-c' < 'ab'")).scalar()
        )
        _sorted_by_code_point[database.engine] = known
    return known
