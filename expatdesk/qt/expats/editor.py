"""The expat editor: register an expat or change one, with family members and permits.

Five tabs: personal details, work and stay, family (partner and children), permits, and consent
and notes. Nationality and preferred language are searched by typing part of a name in the UI
language; the employer is suggested from the database as one types. The BSN shows masked; typing
replaces it, and "Show BSN" reveals it, which the audit trail records.

Saving checks everything first (:mod:`expatdesk.expats.write`), shows each problem in
red under its field and saves nothing. Registering an expat, or changing the name, date of birth,
e-mail or BSN of one, first looks for records of the same person
(:mod:`expatdesk.expats.duplicates`) and offers to open one of them instead. Family members and
permits are edited in small dialogs and saved together with the expat, in one transaction.

Construct with :meth:`ExpatEditor.for_new` or :meth:`ExpatEditor.for_existing`; the editor is
non-modal, so ``show()`` it. :func:`confirm_and_delete_expat` deletes one after asking.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor
from expatdesk.common.changes import EXPAT_SAVED
from expatdesk.common.labels import relation_label
from expatdesk.common.validation import Problems, clean, digits_only
from expatdesk.db.database import Database
from expatdesk.employers.search import EmployerChoice
from expatdesk.errors import UserError
from expatdesk.expats import duplicates
from expatdesk.expats import forms as expat_forms
from expatdesk.expats import vocabulary as expat_vocabulary
from expatdesk.expats import write as expat_records
from expatdesk.expats.forms import ExpatForm, FamilyMemberForm, PermitForm
from expatdesk.i18n import _
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.bindings import event_filter
from expatdesk.qt.expats.duplicate_warning import ask_about_duplicates
from expatdesk.qt.expats.family_permits import (
    FamilyMemberDialog,
    PermitDialog,
    date_problem,
    date_state,
    family_value,
    permit_value,
    read_date,
)
from expatdesk.qt.forms.ui_expat_editor import Ui_ExpatEditor
from expatdesk.qt.widgets.item_dialogs import ItemTable
from expatdesk.qt.widgets.record_editor import (
    RecordEditor,
    confirm_and_delete,
    fill_labels,
    retranslate_labels,
    select_code,
)
from expatdesk.text import fold

log = logging.getLogger(__name__)


# --- the editor ---------------------------------------------------------------------------------


class ExpatEditor(RecordEditor):
    """Registers a new expat or changes one; non-modal.

    Signals:
        saved(int): the expat's id, after it was saved (the editor then closes).
        openRecordRequested(str, int): ``("expat", id)``: the user chose to open an existing
            record of the same person instead of registering a duplicate (nothing was saved).
    """

    changes = EXPAT_SAVED

    openRecordRequested = Signal(str, int)

    def __init__(
        self,
        database: Database,
        actor: Actor,
        form: ExpatForm,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(database, actor, parent)
        self.ui: Ui_ExpatEditor = Ui_ExpatEditor()
        self.ui.setupUi(self)
        colours.follow(self)
        scaling.follow(self)
        scaling.keep_room(self)
        self.setObjectName("ExpatEditor")
        self._form: ExpatForm = form
        self._choices = expat_vocabulary.choices(database)
        self._permit_labels = {label.code: label for label in self._choices.permit_types}
        self._bsn_edited = False
        self._duplicates_accepted: tuple[object, ...] | None = None
        ui = self.ui
        fill_labels(ui.category, self._choices.categories)
        fill_labels(ui.educationLevel, self._choices.education_levels)
        fill_labels(ui.municipality, self._choices.municipalities)
        for combo in (ui.category, ui.educationLevel, ui.municipality):
            combo.setMaxVisibleItems(16)
        ui.employer.set_database(database)
        self.family = ItemTable[FamilyMemberForm](
            ui.familyTable,
            (ui.addFamilyButton, ui.editFamilyButton, ui.removeFamilyButton),
            lambda: [_("Relation"), _("Name"), _("Date of birth"), _("School")],
            lambda member: [
                relation_label(member.relation),
                member.name,
                i18n.format_date(member.date_of_birth),
                member.school or "",
            ],
            lambda member, _others: FamilyMemberDialog(member, self),
            family_value,
        )
        self.permits = ItemTable[PermitForm](
            ui.permitsTable,
            (ui.addPermitsButton, ui.editPermitsButton, ui.removePermitsButton),
            lambda: [_("Type"), _("Number"), _("Valid from"), _("Valid until")],
            self._permit_cells,
            lambda permit, _others: PermitDialog(self._choices.permit_types, permit, self),
            permit_value,
        )
        self.tables = {"family": self.family, "permits": self.permits}
        self.error_labels = {
            "given_name": ui.givenNameError,
            "family_name": ui.familyNameError,
            "date_of_birth": ui.dateOfBirthError,
            "nationality": ui.nationalityError,
            "email": ui.emailError,
            "phone": ui.phoneError,
            "new_bsn": ui.bsnError,
            "preferred_language": ui.preferredLanguageError,
            "employer_id": ui.employerError,
            "category_code": ui.categoryError,
            "education_level_code": ui.educationLevelError,
            "arrival_date": ui.arrivalDateError,
            "departure_date": ui.departureDateError,
            "municipality_code": ui.municipalityError,
            "family": ui.familyError,
            "permits": ui.permitsError,
            "survey_consent_date": ui.surveyConsentDateError,
            "notes": ui.notesError,
        }
        self.inputs = {
            "given_name": ui.givenName,
            "family_name": ui.familyName,
            "date_of_birth": ui.dateOfBirth,
            "nationality": ui.nationality,
            "email": ui.email,
            "phone": ui.phone,
            "new_bsn": ui.bsn,
            "preferred_language": ui.preferredLanguage,
            "employer_id": ui.employer,
            "category_code": ui.category,
            "education_level_code": ui.educationLevel,
            "arrival_date": ui.arrivalDate,
            "departure_date": ui.departureDate,
            "municipality_code": ui.municipality,
            "survey_consent_date": ui.surveyConsentDate,
            "notes": ui.notes,
        }
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)
        ui.showBsnButton.clicked.connect(self.reveal_bsn)
        ui.bsn.textEdited.connect(self._bsn_typed)
        ui.bsn.installEventFilter(self)
        ui.surveyConsent.toggled.connect(self._consent_toggled)
        self._show(form)
        self.mark_unmodified()
        self._retranslate()
        self.clear_errors()
        self.resize(680, 560)
        ui.tabs.setCurrentIndex(0)
        ui.givenName.setFocus()

    # --- construction -------------------------------------------------------------------------

    @classmethod
    def for_new(
        cls, database: Database, actor: Actor, parent: QWidget | None = None
    ) -> ExpatEditor:
        """An editor to register a new expat."""
        return cls(database, actor, ExpatForm(), parent)

    @classmethod
    def for_existing(
        cls, database: Database, actor: Actor, expat_id: int, parent: QWidget | None = None
    ) -> ExpatEditor:
        """An editor of the stored expat ``expat_id``; :class:`UserError` if it is gone."""
        form = expat_forms.load_expat_form(database, expat_id)
        if form is None:
            raise UserError(_("This expat no longer exists."))
        expat_records.refuse_anonymised(expat_records.is_anonymised(database, expat_id))
        return cls(database, actor, form, parent)

    @property
    def expat_id(self) -> int | None:
        return self._form.id

    # --- showing ------------------------------------------------------------------------------

    def _show(self, form: ExpatForm) -> None:
        ui = self.ui
        ui.givenName.setText(form.given_name)
        ui.familyName.setText(form.family_name)
        ui.dateOfBirth.set_value(form.date_of_birth)
        ui.nationality.set_code(form.nationality)
        ui.email.setText(form.email or "")
        ui.phone.setText(form.phone or "")
        ui.bsn.setText(form.bsn_masked or "")
        self._bsn_edited = False
        ui.preferredLanguage.set_code(form.preferred_language)
        ui.employer.set_employer(
            None
            if form.employer_id is None
            else EmployerChoice(form.employer_id, "", form.employer_name or "", None)
        )
        select_code(ui.category, form.category_code)
        select_code(ui.educationLevel, form.education_level_code)
        ui.arrivalDate.set_value(form.arrival_date)
        ui.departureDate.set_value(form.departure_date)
        select_code(ui.municipality, form.municipality_code)
        ui.surveyConsent.setChecked(form.survey_consent)
        ui.surveyConsentDate.set_value(form.survey_consent_date)
        ui.surveyConsentDate.setEnabled(form.survey_consent)
        ui.notes.setPlainText(form.notes or "")
        self.family.set_items(form.family)
        self.permits.set_items(form.permits)
        self._update_bsn_button()

    def _permit_cells(self, permit: PermitForm) -> list[str]:
        code = permit.permit_type_code
        label = self._permit_labels.get(code or "")
        return [
            str(label) if label is not None else (code or ""),
            permit.number or "",
            i18n.format_date(permit.valid_from),
            i18n.format_date(permit.valid_until),
        ]

    def _update_bsn_button(self) -> None:
        self.ui.showBsnButton.setEnabled(
            self._form.id is not None
            and self._form.bsn_masked is not None
            and not self._bsn_edited
            and self.ui.bsn.text() == (self._form.bsn_masked or "")
        )

    # --- what was typed -----------------------------------------------------------------------

    def new_bsn(self) -> str | None:
        """The BSN typed over the stored one (``""``: removed); ``None`` when untouched."""
        return self.ui.bsn.text() if self._bsn_edited else None

    def snapshot(self) -> object:
        ui = self.ui
        return (
            ui.givenName.text(),
            ui.familyName.text(),
            date_state(ui.dateOfBirth),
            ui.nationality.entered(),
            ui.email.text(),
            ui.phone.text(),
            self.new_bsn(),
            ui.preferredLanguage.entered(),
            ui.employer.text(),
            ui.employer.employer_id(),
            ui.category.currentData(),
            ui.educationLevel.currentData(),
            date_state(ui.arrivalDate),
            date_state(ui.departureDate),
            ui.municipality.currentData(),
            ui.surveyConsent.isChecked(),
            date_state(ui.surveyConsentDate),
            ui.notes.toPlainText(),
            self.family.items(),
            self.permits.items(),
        )

    def input_problems(self) -> Problems:
        """What cannot even be read: a date that is no date, an employer not chosen."""
        ui = self.ui
        problems = Problems()
        for key, field in (
            ("date_of_birth", ui.dateOfBirth),
            ("arrival_date", ui.arrivalDate),
            ("departure_date", ui.departureDate),
            ("survey_consent_date", ui.surveyConsentDate),
        ):
            date_problem(problems, key, field)
        if not ui.employer.is_resolved():
            problems.add("employer_id", _("Choose an employer from the suggestions."))
        return problems

    def form(self) -> ExpatForm:
        """The form as typed (call after :meth:`input_problems` found nothing)."""
        ui = self.ui
        read = read_date
        return replace(
            self._form,
            given_name=ui.givenName.text(),
            family_name=ui.familyName.text(),
            date_of_birth=read(ui.dateOfBirth),
            nationality=ui.nationality.entered(),
            email=ui.email.text(),
            phone=ui.phone.text(),
            new_bsn=self.new_bsn(),
            preferred_language=ui.preferredLanguage.entered(),
            employer_id=ui.employer.employer_id(),
            employer_name=ui.employer.text() or None,
            category_code=ui.category.currentData(),
            education_level_code=ui.educationLevel.currentData(),
            arrival_date=read(ui.arrivalDate),
            departure_date=read(ui.departureDate),
            municipality_code=ui.municipality.currentData(),
            survey_consent=ui.surveyConsent.isChecked(),
            survey_consent_date=read(ui.surveyConsentDate),
            notes=ui.notes.toPlainText(),
            family=self.family.items(),
            permits=self.permits.items(),
        )

    # --- saving -------------------------------------------------------------------------------

    def _identity(self, form: ExpatForm) -> tuple[object, ...]:
        return (
            fold(form.given_name),
            fold(form.family_name),
            form.date_of_birth,
            fold(form.email or ""),
            digits_only(form.new_bsn) if form.new_bsn else None,
        )

    def _identity_changed(self, form: ExpatForm) -> bool:
        if self._form.id is None or form.new_bsn:
            return True
        return self._identity(form) != self._identity(replace(self._form, new_bsn=None))

    def _duplicate_stops_save(self, form: ExpatForm) -> bool:
        """Warn about records of the same person; whether the user chose not to save."""
        identity = self._identity(form)
        if not self._identity_changed(form) or identity == self._duplicates_accepted:
            return False
        if not clean(form.given_name) or not clean(form.family_name):
            return False  # the required names are reported first
        candidates = duplicates.find_expat_duplicates(
            self.database,
            email=clean(form.email),
            bsn=digits_only(form.new_bsn) if form.new_bsn else None,
            given_name=clean(form.given_name),
            family_name=clean(form.family_name),
            date_of_birth=form.date_of_birth,
            exclude_id=self._form.id,
            actor=self.actor,
        )
        if not candidates:
            return False
        choice = ask_about_duplicates(self, candidates)
        if choice.action == "open" and choice.expat_id is not None:
            log.info("registration left for the existing expat %s", choice.expat_id)
            self.openRecordRequested.emit("expat", choice.expat_id)
            self.close_without_asking()
            return True
        if choice.action == "save":
            self._duplicates_accepted = identity
            return False
        return True

    def checked_form(self) -> ExpatForm | None:
        self.input_problems().raise_if_any()
        form = self.form()
        return None if self._duplicate_stops_save(form) else form

    def create_record(self, form: ExpatForm) -> int:
        return expat_records.create_expat(self.database, self.actor, form)

    def update_record(self, record_id: int, version: int, form: ExpatForm) -> None:
        expat_records.update_expat(self.database, self.actor, record_id, version, form)

    def load_form(self, record_id: int) -> ExpatForm | None:
        return expat_forms.load_expat_form(self.database, record_id)

    def show_form(self, form: ExpatForm) -> None:
        self._show(form)
        self._retranslate()

    def texts(self) -> tuple[str, str]:
        return _("the new expat"), _("This expat no longer exists.")

    # --- the BSN ------------------------------------------------------------------------------

    def reveal_bsn(self) -> None:
        """Show the whole BSN (written into the audit trail)."""
        if self._form.id is None:
            return
        try:
            bsn = expat_records.reveal_bsn(self.database, self.actor, self._form.id)
        except UserError as error:
            self.show_failure(str(error))
            return
        if bsn is not None:
            self.ui.bsn.setText(bsn)
        self.ui.showBsnButton.setEnabled(False)
        self.ui.bsn.setFocus()

    def _bsn_typed(self) -> None:
        self._bsn_edited = True
        self.ui.showBsnButton.setEnabled(False)

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Entering the masked BSN selects it, so typing replaces it.
        if (
            watched is self.ui.bsn
            and event.type() == QEvent.Type.FocusIn
            and not self._bsn_edited
            and "*" in self.ui.bsn.text()
        ):
            QTimer.singleShot(0, self.ui.bsn.selectAll)
        return super().eventFilter(watched, event)

    def _consent_toggled(self, checked: bool) -> None:
        self.ui.surveyConsentDate.setEnabled(checked)
        if checked and not self.ui.surveyConsentDate.text().strip():
            self.ui.surveyConsentDate.set_value(clock.today())

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        ui = self.ui
        if self._form.id is None:
            self.setWindowTitle(_("New expat"))
            ui.headerLabel.setText(_("New expat"))
        else:
            self.setWindowTitle(_("Expat {ref}").format(ref=self._form.ref))
            ui.headerLabel.setText(f"{self._form.name} ({self._form.ref})")
        retranslate_labels(ui.category, self._choices.categories)
        retranslate_labels(ui.educationLevel, self._choices.education_levels)
        retranslate_labels(ui.municipality, self._choices.municipalities)
        self.family.retranslate()
        self.permits.retranslate()


# --- deleting -----------------------------------------------------------------------------------


def confirm_and_delete_expat(
    parent: QWidget,
    database: Database,
    actor: Actor,
    expat_id: int,
    done: Callable[[], None] | None = None,
) -> bool:
    """Ask, then delete the expat with family and permits off the GUI thread (``parent`` is
    busy meanwhile); ``True`` when the delete started, ``done`` runs once it is deleted.

    The question counts what goes with the expat; an expat that other records refer to is
    refused before asking, and a refusal of the delete itself (someone added a case or changed
    the expat meanwhile) is told.
    """
    return confirm_and_delete(
        parent,
        title=_("Delete expat"),
        read=lambda: expat_records.expat_deletion(database, expat_id),
        gone=_("This expat no longer exists."),
        delete=lambda version: expat_records.delete_expat(database, actor, expat_id, version),
        changes=EXPAT_SAVED,
        done=done,
    )
