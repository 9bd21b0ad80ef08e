"""Opening a case for an expat or an employer: subject, owner, date and the first services.

The client comes preset from the record the desk has open (or is found by typing); the owner is
the signed-in staff member unless changed. Saving is one call of
:func:`expatdesk.cases.workflow.open_case`; a refused save shows its messages beside the fields and
keeps everything typed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidgetItem, QWidget

from expatdesk import clock
from expatdesk.accounts.actor import Actor
from expatdesk.cases import deliveries
from expatdesk.cases import workflow as cases
from expatdesk.common.changes import CASE_CHANGED
from expatdesk.db.database import Database
from expatdesk.i18n import _
from expatdesk.qt.cases.desk_widgets import (
    ClientSearch,
    hide_message,
    save_or_show,
    select_data,
    set_date,
    set_date_locale,
)
from expatdesk.qt.forms.ui_open_case_dialog import Ui_OpenCaseDialog
from expatdesk.qt.operations import change_bus

log = logging.getLogger(__name__)

_CODE = Qt.ItemDataRole.UserRole


class OpenCaseDialog(QDialog):
    """Open a case for ``expat_id`` and/or ``employer_id`` (or for a client found by typing).

    Signals:
        saved(int): the id of the new case.
    """

    saved = Signal(int)

    def __init__(
        self,
        database: Database,
        actor: Actor,
        parent: QWidget | None = None,
        expat_id: int | None = None,
        employer_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_OpenCaseDialog()
        self.ui.setupUi(self)
        self._database = database
        self._actor = actor
        self.expat = ClientSearch(database, "expat", self.ui.expatSearch, self.ui.expatCombo, self)
        self.employer = ClientSearch(
            database, "employer", self.ui.employerSearch, self.ui.employerCombo, self
        )
        self.expat.choose(expat_id)
        self.employer.choose(employer_id)

        self.ui.ownerCombo.addItem("", None)
        for owner in cases.owners(database):
            self.ui.ownerCombo.addItem(owner.name, owner.id)
        select_data(self.ui.ownerCombo, actor.user_id)

        self.ui.openedOn.setMinimumDate(QDate(1900, 1, 1))  # the service explains old dates
        set_date(self.ui.openedOn, clock.today())
        self._catalogue = deliveries.service_catalogue(database)
        for service in self._catalogue:
            item = QListWidgetItem(self.ui.servicesList)
            item.setData(_CODE, service.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)

        self._errors: dict[str, QLabel] = {
            "client": self.ui.clientError,
            "expat": self.ui.clientError,
            "employer": self.ui.clientError,
            "subject": self.ui.subjectError,
            "owner": self.ui.ownerError,
            "opened_on": self.ui.openedOnError,
            "service": self.ui.serviceError,
        }
        self._inputs: dict[str, QWidget] = {
            "client": self.ui.expatSearch,
            "expat": self.ui.expatCombo,
            "employer": self.ui.employerCombo,
            "subject": self.ui.subjectEdit,
            "owner": self.ui.ownerCombo,
            "opened_on": self.ui.openedOn,
            "service": self.ui.servicesList,
        }
        self.open_button = self.ui.buttonBox.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("openButton")
        self.open_button.setDefault(True)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self._save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self._save_shortcut.activated.connect(self.accept)
        self.clear_errors()
        self._retranslate()
        first = self.ui.subjectEdit if expat_id or employer_id else self.ui.expatSearch
        first.setFocus()

    # --- what was entered ---------------------------------------------------------------------

    def checked_services(self) -> list[str]:
        return [
            str(item.data(_CODE))
            for item in self._service_items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def service_item(self, code: str) -> QListWidgetItem | None:
        for item in self._service_items():
            if item.data(_CODE) == code:
                return item
        return None

    def _service_items(self) -> list[QListWidgetItem]:
        listing = self.ui.servicesList
        return [listing.item(row) for row in range(listing.count())]

    def error_text(self, field: str) -> str:
        label = self._errors.get(field, self.ui.formError)
        return "" if label.isHidden() else label.text()

    def clear_errors(self) -> None:
        for label in {*self._errors.values(), self.ui.formError}:
            hide_message(label)

    # --- saving -------------------------------------------------------------------------------

    def accept(self) -> None:
        """Open the case; stays open, with messages beside the fields, when it is refused."""
        self.clear_errors()
        case_id = save_or_show(
            lambda: cases.open_case(
                self._database,
                self._actor,
                subject=self.ui.subjectEdit.text(),
                expat_id=self.expat.chosen_id(),
                employer_id=self.employer.chosen_id(),
                owner_id=self.ui.ownerCombo.currentData(),
                opened_on=self.ui.openedOn.date().toPython(),  # type: ignore[arg-type]
                services=self.checked_services(),
            ),
            self._errors,
            self._inputs,
            self.ui.formError,
        )
        if case_id is None:
            return
        log.info("case %d opened", case_id)
        change_bus().announce(CASE_CHANGED, self)
        self.saved.emit(case_id)
        super().accept()

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.expat.retranslate()
        self.employer.retranslate()
        self.ui.ownerCombo.setItemText(0, _("Nobody yet"))
        for item, service in zip(self._service_items(), self._catalogue, strict=True):
            item.setText(str(service))
        set_date_locale(self.ui.openedOn)
        self.open_button.setText(_("Open &case"))
        self.open_button.setToolTip(_("Open the case (Ctrl+S)"))
