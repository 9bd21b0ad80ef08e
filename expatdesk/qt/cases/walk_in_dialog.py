"""A walk-in: a service delivered at the desk outside a case, recorded in a few keystrokes.

The expat and/or employer are found by typing (see :mod:`expatdesk.qt.cases.client_dialog`),
or come preset from the record the desk has open; the date is today unless
changed. Saving is one call of :func:`expatdesk.cases.deliveries.record_walk_in`; a refused
save shows its messages beside the fields and keeps everything typed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from expatdesk import clock
from expatdesk.accounts.actor import Actor
from expatdesk.cases import deliveries
from expatdesk.common.changes import SERVICE_DELIVERED
from expatdesk.common.concurrency import new_request_key
from expatdesk.db.database import Database
from expatdesk.i18n import _
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.cases.client_dialog import ClientDialog
from expatdesk.qt.cases.desk_widgets import select_data
from expatdesk.qt.forms.ui_walk_in_dialog import Ui_WalkInDialog

log = logging.getLogger(__name__)


class WalkInDialog(ClientDialog):
    """Record a walk-in service for ``expat_id`` and/or ``employer_id`` (or for a client found).

    Signals:
        saved(int): the id of the stored service delivery.
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
        self.ui = Ui_WalkInDialog()
        self.ui.setupUi(self)
        colours.follow(self)
        scaling.keep_room(self)
        self._request_key = new_request_key()  # a second save after an unclear failure adds nothing
        self.set_up_client(
            (self.ui.expatSearch, self.ui.expatCombo),
            self.ui.employer,
            (expat_id, employer_id),
            self.ui.clientError,
            self.ui.buttonBox,
            self.ui.formError,
        )
        self._catalogue = deliveries.service_catalogue(database)
        self.ui.serviceCombo.addItem("", None)
        for service in self._catalogue:
            self.ui.serviceCombo.addItem("", service.code)
        self.ui.serviceCombo.setMaxVisibleItems(18)
        self.ui.deliveredOn.set_value(clock.today())
        self._errors.update(
            service=self.ui.serviceError,
            delivered_on=self.ui.deliveredOnError,
            notes=self.ui.notesError,
        )
        self._inputs.update(
            service=self.ui.serviceCombo,
            delivered_on=self.ui.deliveredOn,
            notes=self.ui.notesEdit,
        )
        self.clear_errors()
        self._retranslate()
        first = self.ui.serviceCombo if expat_id or employer_id else self.ui.expatSearch
        first.setFocus()

    # --- what was entered ---------------------------------------------------------------------

    def service_code(self) -> str | None:
        value = self.ui.serviceCombo.currentData()
        return None if value is None else str(value)

    def choose_service(self, code: str) -> bool:
        return select_data(self.ui.serviceCombo, code)

    # --- saving -------------------------------------------------------------------------------

    def accept(self) -> None:
        """Save; stays open, with the messages beside the fields, when the save is refused."""
        database, actor, request_key = self._database, self._actor, self._request_key
        if not self.typed_date("delivered_on", self.ui.deliveredOn):
            return
        service, delivered_on = self.service_code() or "", self.ui.deliveredOn.value()
        expat_id, employer_id = self.expat.chosen_id(), self.employer.employer_id()
        notes = self.ui.notesEdit.toPlainText()
        self.write(
            lambda: deliveries.record_walk_in(
                database,
                actor,
                service,
                delivered_on,
                expat_id=expat_id,
                employer_id=employer_id,
                notes=notes,
                request_key=request_key,
            ),
            SERVICE_DELIVERED,
            "walk-in delivery %d saved",
        )

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.expat.retranslate()
        self.ui.serviceCombo.setItemText(0, _("Choose a service"))
        for index, service in enumerate(self._catalogue, start=1):
            self.ui.serviceCombo.setItemText(index, str(service))
        save = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setToolTip(_("Save (Ctrl+S)"))
