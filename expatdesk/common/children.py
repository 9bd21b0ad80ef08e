"""The rows a record's form lists (an expat's family members and permits, an employer's contact
persons and yearly hiring records) saved against the stored ones: one way for all four.

The form's rows carry the id and version of the row they show, or ``None`` for a new one.
:func:`sync_children` adds the new rows, changes the shown ones and deletes the rows the form no
longer lists, in the caller's transaction; a row removed by someone else since the form opened,
or changed meanwhile, is refused with :class:`StaleRecordError` like a change of the record.
"""

from __future__ import annotations

from collections.abc import Callable, MutableSequence, Sequence
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session

from expatdesk.common.concurrency import StaleRecordError, check_version
from expatdesk.db import audit
from expatdesk.i18n import _


class ChildRow(Protocol):
    """A form's row: the id and version of the stored row it shows (``None``: a new row)."""

    @property
    def id(self) -> int | None: ...

    @property
    def version(self) -> int | None: ...


class StoredChild(Protocol):
    id: int
    version: int


_Row = TypeVar("_Row", bound=ChildRow)
_Child = TypeVar("_Child", bound=StoredChild)


def removed_meanwhile(what: str, entity: str, entity_id: int) -> StaleRecordError:
    """The refusal of a save that shows a row someone else removed: ``what`` happened, and what
    to do about it."""
    advice = _("Reload it to see the current version; what you typed is kept until you do.")
    return StaleRecordError(what + " " + advice, entity, entity_id)


def sync_children(
    session: Session,
    children: MutableSequence[_Child],
    rows: Sequence[_Row],
    *,
    entity: str,
    new: Callable[[], _Child],
    fill: Callable[[_Child, _Row], None],
    removed: Callable[[], StaleRecordError],
    replaced: Callable[[_Child, _Row], bool] | None = None,
) -> bool:
    """Make the stored ``children`` (a record's loaded relationship) what the form's ``rows``
    say; returns whether anything changed.

    ``entity`` is the children's name in the trail (for the stale-version message), ``new``
    makes an empty child, ``fill`` copies a row into a child, ``removed`` is the error for a row
    whose child someone else removed. A child for which ``replaced`` holds (a hiring record
    moved to another year) is deleted and added anew; the deletions are flushed first, so a
    unique value can pass from one child to another in one save. Children are deleted
    explicitly, not as orphans at flush, so that the trail sees them go.
    """
    stored = {child.id: child for child in children}
    shown = {row.id: row for row in rows if row.id is not None}
    for row in rows:
        if row.id is None:
            continue
        if row.id not in stored:
            raise removed()
        check_version(session, stored[row.id], row.version or 0, entity)
    changed = False
    for child in list(children):
        kept = shown.get(child.id)
        if kept is None or (replaced is not None and replaced(child, kept)):
            children.remove(child)
            session.delete(child)
            changed = True
    if changed and replaced is not None:
        session.flush()
    remaining = {child.id: child for child in children}
    for row in rows:
        existing = remaining.get(row.id) if row.id is not None else None
        if existing is None:
            child = new()
            fill(child, row)
            children.append(child)
            changed = True
            continue
        fill(existing, row)
        changed = changed or session.is_modified(existing)
    return changed


def note_children_changed(session: Session, entity: str, entity_id: int, **parts: bool) -> None:
    """An audit entry on the record saying which of its kinds of children changed (not how):
    ``family=True`` writes ``"family": ["(changed)", "(changed)"]``. A stale editor of the
    record then learns from the trail who changed it."""
    changes = {name: ["(changed)", "(changed)"] for name, changed in parts.items() if changed}
    audit.write(session, [audit.entry(session, "update", entity, entity_id, changes)])
