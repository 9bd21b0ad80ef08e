"""Opening a case for an expat or an employer: subject, owner, date and the first services.

The client comes preset from the record the desk has open (or is found by typing); the owner is
the signed-in staff member unless changed. Saving is one call of
:func:`expatdesk.cases.workflow.open_case`; a refused save shows its messages beside the fields and
keeps everything typed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialogButtonBox, QListWidgetItem, QWidget

from expatdesk import clock
from expatdesk.accounts.actor import Actor
from expatdesk.cases import deliveries
from expatdesk.cases import detail as case_detail
from expatdesk.cases import workflow as cases
from expatdesk.common.changes import CASE_CHANGED
from expatdesk.db.database import Database
from expatdesk.i18n import _
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.cases.client_dialog import ClientDialog
from expatdesk.qt.cases.desk_widgets import select_data
from expatdesk.qt.forms.ui_open_case_dialog import Ui_OpenCaseDialog

log = logging.getLogger(__name__)

_CODE = Qt.ItemDataRole.UserRole


class OpenCaseDialog(ClientDialog):
    """Open a case for ``expat_id`` and/or ``employer_id`` (or for a client found by typing).

    Signals:
        saved(int): the id of the new case.
    """

    def __init__(
        self,
        database: Database,
        actor: Actor,
        parent: QWidget | None = None,
        expat_id: int | None = None,
        employer_id: int | None = None,
    ) -> None:
        super().__init__(database, actor, parent)
        self.ui = Ui_OpenCaseDialog()
        self.ui.setupUi(self)
        colours.follow(self)
        scaling.keep_room(self)
        self.set_up_client(
            (self.ui.expatSearch, self.ui.expatCombo),
            self.ui.employer,
            (expat_id, employer_id),
            self.ui.clientError,
            self.ui.buttonBox,
            self.ui.formError,
        )

        self.ui.ownerCombo.addItem("", None)
        for owner in case_detail.owners(database):
            self.ui.ownerCombo.addItem(owner.name, owner.id)
        select_data(self.ui.ownerCombo, actor.user_id)

        self.ui.openedOn.set_value(clock.today())
        self._catalogue = deliveries.service_catalogue(database)
        for service in self._catalogue:
            item = QListWidgetItem(self.ui.servicesList)
            item.setData(_CODE, service.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)

        self._errors.update(
            subject=self.ui.subjectError,
            owner=self.ui.ownerError,
            opened_on=self.ui.openedOnError,
            service=self.ui.serviceError,
        )
        self._inputs.update(
            subject=self.ui.subjectEdit,
            owner=self.ui.ownerCombo,
            opened_on=self.ui.openedOn,
            service=self.ui.servicesList,
        )
        self.open_button = self.ui.buttonBox.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("openButton")
        self.open_button.setDefault(True)
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

    # --- saving -------------------------------------------------------------------------------

    def accept(self) -> None:
        """Open the case; stays open, with messages beside the fields, when it is refused."""
        database, actor = self._database, self._actor
        subject, owner_id = self.ui.subjectEdit.text(), self.ui.ownerCombo.currentData()
        expat_id, employer_id = self.expat.chosen_id(), self.employer.employer_id()
        if not self.typed_date("opened_on", self.ui.openedOn):
            return
        opened_on = self.ui.openedOn.value()
        services = self.checked_services()
        self.write(
            lambda: cases.open_case(
                database,
                actor,
                subject=subject,
                expat_id=expat_id,
                employer_id=employer_id,
                owner_id=owner_id,
                opened_on=opened_on,
                services=services,
            ),
            CASE_CHANGED,
            "case %d opened",
        )

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.expat.retranslate()
        self.ui.ownerCombo.setItemText(0, _("Nobody yet"))
        for item, service in zip(self._service_items(), self._catalogue, strict=True):
            item.setText(str(service))
        self.open_button.setText(_("Open &case"))
        self.open_button.setToolTip(_("Open the case (Ctrl+S)"))
