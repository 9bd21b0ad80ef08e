"""Code-list labels, family relations and yes/no values, shown in the active language."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import QueryableAttribute

from expatdesk.db.models import CodeMixin
from expatdesk.i18n import N_, _, language, pick

#: A family member's relation to the expat (``expatdesk.db.models.RELATIONS``) and its name.
RELATION_NAMES = {"partner": N_("Partner"), "child": N_("Child")}


@dataclass(frozen=True)
class Label:
    """The English and Dutch label of a code; ``str()`` gives the one of the active language."""

    code: str
    en: str
    nl: str

    def __str__(self) -> str:
        return pick(self.en, self.nl)

    @classmethod
    def of(cls, row: CodeMixin) -> Label:
        """The label of a loaded code-list row."""
        return cls(row.code, row.label_en, row.label_nl)


def label(row: CodeMixin | None) -> Label | None:
    """The label of a loaded code-list row, or ``None`` when there is none."""
    return None if row is None else Label.of(row)


def label_column(table: type[CodeMixin]) -> QueryableAttribute[str]:
    """The label column of a code list in the active language, to sort on."""
    return table.label_nl if language() == "nl" else table.label_en


def picked(en: str | None, nl: str | None) -> str:
    """The label of the active language from a row's two label columns; ``""`` when unset."""
    if en is None or nl is None:
        return ""
    return pick(en, nl)


def yes_no(value: bool | None) -> str:
    """``Yes`` or ``No`` in the active language; ``""`` when unknown."""
    if value is None:
        return ""
    return _("Yes") if value else _("No")


def relation_label(relation: str) -> str:
    """A family member's relation (``partner``, ``child``) in the active language."""
    return _(RELATION_NAMES[relation]) if relation in RELATION_NAMES else relation
