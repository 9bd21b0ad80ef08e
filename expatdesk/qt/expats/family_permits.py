"""The small dialogs of an expat's family members and permits, and the date fields they share
with the expat editor.

Each dialog checks its own fields when OK is pressed (:class:`~expatdesk.qt.widgets.record_editor.
ItemDialog`); the editor keeps what they return until it saves the expat.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from expatdesk.common.labels import Label, relation_label
from expatdesk.common.validation import Problems, clean
from expatdesk.expats import forms as expat_forms
from expatdesk.expats.forms import FamilyMemberForm, PermitForm
from expatdesk.i18n import N_, _
from expatdesk.qt.widgets.date_field import DateField, format_problem
from expatdesk.qt.widgets.item_dialogs import ItemDialog
from expatdesk.qt.widgets.record_editor import (
    fill_labels,
    retranslate_labels,
    select_code,
)


def date_state(field: DateField) -> object:
    """A date field's value for comparing: the date, or the text when it is no date."""
    try:
        return field.value()
    except ValueError:
        return field.text()


def read_date(field: DateField) -> date | None:
    """A date field's date; ``None`` when empty or no date (reported by input checks)."""
    return field.value() if field.is_valid() else None


def date_problem(problems: Problems, key: str, field: DateField) -> None:
    if not field.is_valid():
        problems.add(key, format_problem())


# --- family members and permits -----------------------------------------------------------------


class FamilyMemberDialog(ItemDialog):
    """A partner or child: relation, names, date of birth and (for a child) the school."""

    def __init__(self, member: FamilyMemberForm | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FamilyMemberDialog")
        self._new = member is None
        self.relation = QComboBox(self)
        self.relation.addItem("", "partner")
        self.relation.addItem("", "child")
        self.given_name = QLineEdit(self)
        self.given_name.setMaxLength(100)
        self.family_name = QLineEdit(self)
        self.family_name.setMaxLength(100)
        self.date_of_birth = DateField(self)
        self.school = QLineEdit(self)
        self.school.setMaxLength(200)
        self.add_field("relation", N_("&Relation"), self.relation, N_("Relation"))
        self.add_field("given_name", N_("&Given name"), self.given_name, N_("Given name"))
        self.add_field("family_name", N_("&Family name"), self.family_name, N_("Family name"))
        self.add_field(
            "date_of_birth", N_("Date of &birth"), self.date_of_birth, N_("Date of birth")
        )
        self.add_field("school", N_("&School"), self.school, N_("School"))
        self.finish_layout()
        member = member or FamilyMemberForm()
        select_code(self.relation, member.relation)
        self.given_name.setText(member.given_name)
        self.family_name.setText(member.family_name or "")
        self.date_of_birth.set_value(member.date_of_birth)
        self.school.setText(member.school or "")
        self.relation.currentIndexChanged.connect(self._relation_changed)
        self._relation_changed()
        self.resize(420, self.sizeHint().height())
        self.relation.setFocus()

    def _relation_changed(self) -> None:
        self.school.setEnabled(self.relation.currentData() == "child")

    def value(self) -> FamilyMemberForm:
        relation = str(self.relation.currentData())
        return FamilyMemberForm(
            relation=relation,
            given_name=self.given_name.text(),
            family_name=clean(self.family_name.text()),
            date_of_birth=read_date(self.date_of_birth),
            school=clean(self.school.text()) if relation == "child" else None,
        )

    def problems(self) -> Problems:
        if not self.date_of_birth.is_valid():
            problems = Problems()
            problems.add("date_of_birth", format_problem())
            return problems
        return expat_forms.family_problems(self.value())

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New family member") if self._new else _("Family member"))
        for row, relation in enumerate(("partner", "child")):
            self.relation.setItemText(row, relation_label(relation))


class PermitDialog(ItemDialog):
    """A permit: type, number, valid from, valid until."""

    def __init__(
        self,
        permit_types: tuple[Label, ...],
        permit: PermitForm | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PermitDialog")
        self._new = permit is None
        self._types = permit_types
        self.permit_type = QComboBox(self)
        fill_labels(self.permit_type, permit_types)
        self.number = QLineEdit(self)
        self.number.setMaxLength(40)
        self.valid_from = DateField(self)
        self.valid_until = DateField(self)
        self.add_field("permit_type_code", N_("&Type"), self.permit_type, N_("Type of permit"))
        self.add_field("number", N_("&Number"), self.number, N_("Permit number"))
        self.add_field("valid_from", N_("Valid &from"), self.valid_from, N_("Valid from"))
        self.add_field("valid_until", N_("Valid &until"), self.valid_until, N_("Valid until"))
        self.finish_layout()
        permit = permit or PermitForm()
        select_code(self.permit_type, permit.permit_type_code)
        self.number.setText(permit.number or "")
        self.valid_from.set_value(permit.valid_from)
        self.valid_until.set_value(permit.valid_until)
        self.resize(420, self.sizeHint().height())
        self.permit_type.setFocus()

    def value(self) -> PermitForm:
        code = self.permit_type.currentData()
        return PermitForm(
            permit_type_code=str(code) if code else None,
            number=clean(self.number.text()),
            valid_from=read_date(self.valid_from),
            valid_until=read_date(self.valid_until),
        )

    def problems(self) -> Problems:
        problems = Problems()
        date_problem(problems, "valid_from", self.valid_from)
        date_problem(problems, "valid_until", self.valid_until)
        if problems:
            return problems
        return expat_forms.permit_problems(self.value(), {label.code for label in self._types})

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New permit") if self._new else _("Permit"))
        retranslate_labels(self.permit_type, self._types)


def family_value(dialog: ItemDialog, original: FamilyMemberForm | None) -> FamilyMemberForm:
    """What the dialog holds; an edited member keeps the id and version of the one it replaces."""
    assert isinstance(dialog, FamilyMemberDialog)
    value = dialog.value()
    return value if original is None else replace(value, id=original.id, version=original.version)


def permit_value(dialog: ItemDialog, original: PermitForm | None) -> PermitForm:
    assert isinstance(dialog, PermitDialog)
    value = dialog.value()
    return value if original is None else replace(value, id=original.id, version=original.version)
