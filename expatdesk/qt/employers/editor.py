"""The employer editor: register an employer or change one, with contacts and yearly hiring.

Three tabs: the employer (name, KvK number, municipality, high-tech, IND-recognised sponsor,
website, notes), its contact persons, and the number of international knowledge workers it hired
per year (the N denominator of the targets report). Contacts and years are edited in small dialogs
and saved with the employer in one transaction; as in the expat editor a refused field shows its
message under the field, a failed save keeps the input, and leaving with changes asks first.

Construct with :meth:`EmployerEditor.for_new` or :meth:`EmployerEditor.for_existing` and
``show()``; :func:`confirm_and_delete_employer` deletes one after asking.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor
from expatdesk.common.changes import EMPLOYER_SAVED
from expatdesk.common.validation import Problems, clean
from expatdesk.db.database import Database
from expatdesk.employers import write as employer_records
from expatdesk.employers.write import ContactForm, EmployerForm, HiringForm
from expatdesk.errors import UserError
from expatdesk.i18n import N_, _
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.forms.ui_employer_editor import Ui_EmployerEditor
from expatdesk.qt.widgets.item_dialogs import ItemDialog, ItemTable
from expatdesk.qt.widgets.record_editor import (
    RecordEditor,
    confirm_and_delete,
    fill_labels,
    retranslate_labels,
    select_code,
)

log = logging.getLogger(__name__)

#: The most hires a year can have in the form (far above any employer in Twente).
MAX_HIRES = 1_000_000


class ContactDialog(ItemDialog):
    """A contact person: name, job title, e-mail, phone."""

    def __init__(self, contact: ContactForm | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ContactDialog")
        self._new = contact is None
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.job_title = QLineEdit(self)
        self.job_title.setMaxLength(200)
        self.email = QLineEdit(self)
        self.email.setMaxLength(254)
        self.phone = QLineEdit(self)
        self.phone.setMaxLength(40)
        self.add_field("name", N_("&Name"), self.name, N_("Name"))
        self.add_field("job_title", N_("&Job title"), self.job_title, N_("Job title"))
        self.add_field("email", N_("&E-mail"), self.email, N_("E-mail"))
        self.add_field("phone", N_("&Phone"), self.phone, N_("Phone"))
        self.finish_layout()
        contact = contact or ContactForm()
        self.name.setText(contact.name)
        self.job_title.setText(contact.job_title or "")
        self.email.setText(contact.email or "")
        self.phone.setText(contact.phone or "")
        self.resize(420, self.sizeHint().height())
        self.name.setFocus()

    def value(self) -> ContactForm:
        return ContactForm(
            name=self.name.text(),
            job_title=clean(self.job_title.text()),
            email=clean(self.email.text()),
            phone=clean(self.phone.text()),
        )

    def problems(self) -> Problems:
        return employer_records.contact_problems(self.value())

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New contact person") if self._new else _("Contact person"))


class HiringDialog(ItemDialog):
    """International hires in one year, and where the figure comes from."""

    def __init__(
        self,
        record: HiringForm | None,
        others: list[HiringForm],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("HiringDialog")
        self._new = record is None
        self._others = tuple(others)
        self.year = QSpinBox(self)
        self.year.setRange(employer_records.FIRST_YEAR, employer_records.LAST_YEAR)
        self.international_hires = QSpinBox(self)
        self.international_hires.setRange(0, MAX_HIRES)
        self.international_hires.setGroupSeparatorShown(True)
        self.source = QLineEdit(self)
        self.source.setMaxLength(200)
        self.add_field("year", N_("&Year"), self.year, N_("Year"))
        self.add_field(
            "international_hires",
            N_("&International hires"),
            self.international_hires,
            N_("International hires"),
        )
        self.add_field("source", N_("&Source"), self.source, N_("Source of the figure"))
        self.finish_layout()
        if record is None:
            taken = {other.year for other in others}
            year = clock.today().year - 1  # the desk records a year once it has ended
            while year in taken and year < employer_records.LAST_YEAR:
                year += 1
            record = HiringForm(year=year, international_hires=0)
        self.year.setValue(record.year or clock.today().year)
        self.international_hires.setValue(record.international_hires or 0)
        self.source.setText(record.source or "")
        self.resize(380, self.sizeHint().height())
        self.year.setFocus()
        self.year.selectAll()

    def value(self) -> HiringForm:
        return HiringForm(
            year=self.year.value(),
            international_hires=self.international_hires.value(),
            source=clean(self.source.text()),
        )

    def problems(self) -> Problems:
        return employer_records.hiring_problems(self.value(), self._others)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New year of hiring") if self._new else _("Hiring in one year"))


def _contact_value(dialog: ItemDialog, original: ContactForm | None) -> ContactForm:
    """What the dialog holds; an edited contact keeps the id and version it replaces."""
    assert isinstance(dialog, ContactDialog)
    value = dialog.value()
    return value if original is None else replace(value, id=original.id, version=original.version)


def _hiring_value(dialog: ItemDialog, original: HiringForm | None) -> HiringForm:
    assert isinstance(dialog, HiringDialog)
    value = dialog.value()
    return value if original is None else replace(value, id=original.id, version=original.version)


class EmployerEditor(RecordEditor):
    """Registers a new employer or changes one; non-modal.

    Signals:
        saved(int): the employer's id, after it was saved (the editor then closes).
    """

    changes = EMPLOYER_SAVED

    def __init__(
        self,
        database: Database,
        actor: Actor,
        form: EmployerForm,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(database, actor, parent)
        self.ui: Ui_EmployerEditor = Ui_EmployerEditor()
        self.ui.setupUi(self)
        colours.follow(self)
        scaling.follow(self)
        scaling.keep_room(self)
        self.setObjectName("EmployerEditor")
        self._form: EmployerForm = form
        self._municipalities = employer_records.municipalities(database)
        ui = self.ui
        fill_labels(ui.municipality, self._municipalities)
        ui.municipality.setMaxVisibleItems(16)
        self.contacts = ItemTable[ContactForm](
            ui.contactsTable,
            (ui.addContactsButton, ui.editContactsButton, ui.removeContactsButton),
            lambda: [_("Name"), _("Job title"), _("E-mail"), _("Phone")],
            lambda contact: [
                contact.name,
                contact.job_title or "",
                contact.email or "",
                contact.phone or "",
            ],
            lambda contact, _others: ContactDialog(contact, self),
            _contact_value,
            stretched=2,  # the e-mail address: cut short, not pushing the phone out of view
        )
        self.hiring = ItemTable[HiringForm](
            ui.hiringTable,
            (ui.addHiringButton, ui.editHiringButton, ui.removeHiringButton),
            lambda: [_("Year"), _("International hires"), _("Source")],
            lambda record: [
                str(record.year or ""),
                i18n.format_number(record.international_hires),
                record.source or "",
            ],
            lambda record, others: HiringDialog(record, others, self),
            _hiring_value,
            numeric=frozenset({0, 1}),
        )
        self.tables = {"contacts": self.contacts, "hiring": self.hiring}
        self.error_labels = {
            "name": ui.nameError,
            "kvk_number": ui.kvkNumberError,
            "municipality_code": ui.municipalityError,
            "website": ui.websiteError,
            "notes": ui.notesError,
            "contacts": ui.contactsError,
            "hiring": ui.hiringError,
        }
        self.inputs = {
            "name": ui.name,
            "kvk_number": ui.kvkNumber,
            "municipality_code": ui.municipality,
            "website": ui.website,
            "notes": ui.notes,
        }
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)
        self._show(form)
        self.mark_unmodified()
        self._retranslate()
        self.clear_errors()
        self.resize(640, 520)
        ui.tabs.setCurrentIndex(0)
        ui.name.setFocus()

    @classmethod
    def for_new(
        cls, database: Database, actor: Actor, parent: QWidget | None = None
    ) -> EmployerEditor:
        """An editor to register a new employer."""
        return cls(database, actor, EmployerForm(), parent)

    @classmethod
    def for_existing(
        cls, database: Database, actor: Actor, employer_id: int, parent: QWidget | None = None
    ) -> EmployerEditor:
        """An editor of the stored employer ``employer_id``; :class:`UserError` if it is gone."""
        form = employer_records.load_employer_form(database, employer_id)
        if form is None:
            raise UserError(_("This employer no longer exists."))
        return cls(database, actor, form, parent)

    @property
    def employer_id(self) -> int | None:
        return self._form.id

    # --- showing and reading ------------------------------------------------------------------

    def _show(self, form: EmployerForm) -> None:
        ui = self.ui
        ui.name.setText(form.name)
        ui.kvkNumber.setText(form.kvk_number or "")
        select_code(ui.municipality, form.municipality_code)
        ui.highTech.setChecked(form.high_tech)
        ui.recognisedSponsor.setChecked(form.recognised_sponsor)
        ui.website.setText(form.website or "")
        ui.notes.setPlainText(form.notes or "")
        self.contacts.set_items(form.contacts)
        self.hiring.set_items(sorted(form.hiring, key=lambda record: record.year or 0))

    def form(self) -> EmployerForm:
        ui = self.ui
        return replace(
            self._form,
            name=ui.name.text(),
            kvk_number=ui.kvkNumber.text(),
            municipality_code=ui.municipality.currentData(),
            high_tech=ui.highTech.isChecked(),
            recognised_sponsor=ui.recognisedSponsor.isChecked(),
            website=ui.website.text(),
            notes=ui.notes.toPlainText(),
            contacts=self.contacts.items(),
            hiring=self.hiring.items(),
        )

    def snapshot(self) -> object:
        return self.form()

    # --- saving -------------------------------------------------------------------------------

    def checked_form(self) -> EmployerForm:
        return self.form()

    def create_record(self, form: EmployerForm) -> int:
        return employer_records.create_employer(self.database, self.actor, form)

    def update_record(self, record_id: int, version: int, form: EmployerForm) -> None:
        employer_records.update_employer(self.database, self.actor, record_id, version, form)

    def load_form(self, record_id: int) -> EmployerForm | None:
        return employer_records.load_employer_form(self.database, record_id)

    def show_form(self, form: EmployerForm) -> None:
        self._show(form)
        self._retranslate()

    def texts(self) -> tuple[str, str]:
        return _("the new employer"), _("This employer no longer exists.")

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        ui = self.ui
        if self._form.id is None:
            self.setWindowTitle(_("New employer"))
            ui.headerLabel.setText(_("New employer"))
        else:
            self.setWindowTitle(_("Employer {ref}").format(ref=self._form.ref))
            ui.headerLabel.setText(f"{self._form.name} ({self._form.ref})")
        retranslate_labels(ui.municipality, self._municipalities)
        self.contacts.retranslate()
        self.hiring.retranslate()


def confirm_and_delete_employer(
    parent: QWidget,
    database: Database,
    actor: Actor,
    employer_id: int,
    done: Callable[[], None] | None = None,
) -> bool:
    """Ask, then delete the employer with contacts and hiring off the GUI thread (``parent`` is
    busy meanwhile); ``True`` when the delete started, ``done`` runs once it is deleted.

    The question counts what goes with the employer; an employer that expats, cases, services
    or survey responses refer to is refused before asking, and a refusal of the delete itself
    (someone changed it meanwhile) is told.
    """
    return confirm_and_delete(
        parent,
        title=_("Delete employer"),
        read=lambda: employer_records.employer_deletion(database, employer_id),
        gone=_("This employer no longer exists."),
        delete=lambda version: employer_records.delete_employer(
            database, actor, employer_id, version
        ),
        changes=EMPLOYER_SAVED,
        done=done,
    )
