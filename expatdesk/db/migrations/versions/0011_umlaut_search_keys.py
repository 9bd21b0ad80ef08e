"""Search keys hold the German spelling of words with umlauts too: "mueller" finds Müller.

Only the keys of records with an umlaut in a searched field change
(:func:`expatdesk.text.searchable`): expats, employers, and the cases of either (a case's key
holds its client's name). The keys are derived data, so they are computed with the app's own
functions; the database's triggers keep the search indexes in step, and the trail leaves
search keys out.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 19:30:00
"""

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

from expatdesk.text import fold, full_name, searchable

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The umlauts, composed and as a combining diaeresis after the letter.
_MARKS = ("ä", "ö", "ü", "Ä", "Ö", "Ü", "\u0308")

_expat = sa.table(
    "expat",
    sa.column("id", sa.Integer),
    sa.column("given_name", sa.String),
    sa.column("family_name", sa.String),
    sa.column("email", sa.String),
    sa.column("expat_ref", sa.String),
    sa.column("search_key", sa.String),
)
_employer = sa.table(
    "employer",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("kvk_number", sa.String),
    sa.column("employer_ref", sa.String),
    sa.column("search_key", sa.String),
)
_case = sa.table(
    "case_file",
    sa.column("id", sa.Integer),
    sa.column("case_ref", sa.String),
    sa.column("subject", sa.String),
    sa.column("expat_id", sa.Integer),
    sa.column("employer_id", sa.Integer),
    sa.column("search_key", sa.String),
)


def _has_umlaut(*columns: sa.ColumnElement[str]) -> sa.ColumnElement[bool]:
    return sa.or_(*(column.like(f"%{mark}%") for column in columns for mark in _MARKS))


def _joined(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


def _rekey(key: Callable[[str], str]) -> None:
    bind = op.get_bind()
    updates: dict[sa.TableClause, list[dict[str, object]]] = {_expat: [], _employer: [], _case: []}
    expats = bind.execute(
        sa.select(_expat).where(
            _has_umlaut(_expat.c.given_name, _expat.c.family_name, _expat.c.email)
        )
    ).all()
    for row in expats:
        text = _joined(row.given_name, row.family_name, row.email, row.expat_ref)
        updates[_expat].append({"key_id": row.id, "key": key(text)})
    employers = bind.execute(sa.select(_employer).where(_has_umlaut(_employer.c.name))).all()
    for row in employers:
        text = _joined(row.name, row.kvk_number, row.employer_ref)
        updates[_employer].append({"key_id": row.id, "key": key(text)})
    cases = bind.execute(
        sa.select(
            _case.c.id,
            _case.c.case_ref,
            _case.c.subject,
            _expat.c.id.label("expat_found"),
            _expat.c.given_name,
            _expat.c.family_name,
            _employer.c.name,
        )
        .select_from(_case)
        .outerjoin(_expat, _expat.c.id == _case.c.expat_id)
        .outerjoin(_employer, _employer.c.id == _case.c.employer_id)
        .where(
            _has_umlaut(
                _case.c.subject, _expat.c.given_name, _expat.c.family_name, _employer.c.name
            )
        )
    ).all()
    for row in cases:
        client = full_name(row.given_name, row.family_name) if row.expat_found else None
        text = _joined(row.case_ref, row.subject, client, row.name)
        updates[_case].append({"key_id": row.id, "key": key(text)})
    for table, rows in updates.items():
        if rows:
            bind.execute(
                table.update()
                .where(table.c.id == sa.bindparam("key_id"))
                .values(search_key=sa.bindparam("key")),
                rows,
            )


def upgrade() -> None:
    _rekey(searchable)


def downgrade() -> None:
    _rekey(fold)
