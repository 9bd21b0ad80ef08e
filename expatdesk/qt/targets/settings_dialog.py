"""The dialog in which a manager changes the settings of the targets (targets.md, "Settings"),
the centre's name that the printed reports show, and the letterhead of letters."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtWidgets import QDialog, QWidget

from expatdesk import i18n
from expatdesk.accounts.actor import Actor
from expatdesk.common.changes import SETTINGS_SAVED
from expatdesk.common.db_errors import Refusal
from expatdesk.db.database import Database
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.qt import msgbox
from expatdesk.qt.acting import given_or_inherited
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.documents.letterhead_box import LetterheadBox
from expatdesk.qt.forms.ui_target_settings_dialog import Ui_TargetSettingsDialog
from expatdesk.qt.operations import is_writing, run_write
from expatdesk.qt.widgets.field_messages import FieldMessages
from expatdesk.reports import target_settings
from expatdesk.reports.target_settings import InvalidSettingError, SavedSettings, Settings

log = logging.getLogger(__name__)


class TargetSettingsDialog(QDialog):
    """Edit the target settings; OK saves them in one transaction, checked against the version
    read when the dialog opened (someone else's change meanwhile → a message, and a reload).

    Signals:
        saved(object): the :class:`SavedSettings` now stored.
    """

    saved = Signal(object)

    def __init__(
        self, database: Database, parent: QWidget | None = None, *, actor: Actor | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_TargetSettingsDialog()
        self.ui.setupUi(self)
        colours.follow(self)
        scaling.keep_room(self)
        self._database = database
        self._actor = given_or_inherited(actor, parent)
        self._saved: SavedSettings | None = None
        self._centre_name = ""
        self._fields = {
            "centre_name": (self.ui.centreName, self.ui.centreNameError),
            "alpha": (self.ui.alpha, self.ui.alphaError),
            "min_n": (self.ui.minN, self.ui.minNError),
            "n_threshold": (self.ui.nThreshold, self.ui.nThresholdError),
            "n_growth_from": (self.ui.nGrowthFrom, self.ui.nGrowthFromError),
            "o_threshold": (self.ui.oThreshold, self.ui.oThresholdError),
            "p_threshold": (self.ui.pThreshold, self.ui.pThresholdError),
        }
        self.letterhead = LetterheadBox(database, self._actor, self)
        self.ui.dialogLayout.insertWidget(
            self.ui.dialogLayout.indexOf(self.ui.buttonBox), self.letterhead
        )
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self._set_locale()
        self.load()

    def load(self) -> None:
        """Show the stored settings and remember their version."""
        self._saved = target_settings.read_settings(self._database)
        self._centre_name = target_settings.read_centre_name(self._database)
        settings = self._saved.settings
        self.ui.centreName.setText(self._centre_name)
        self.ui.alpha.setValue(settings.alpha)
        self.ui.minN.setValue(settings.min_n)
        self.ui.nThreshold.setValue(settings.n_threshold * 100)
        self.ui.nGrowthFrom.setValue(settings.n_growth_from)
        self.ui.oThreshold.setValue(settings.o_threshold)
        self.ui.pThreshold.setValue(settings.p_threshold)
        self.clear_errors()

    def entered(self) -> Settings:
        """The settings as entered in the boxes."""
        return Settings(
            alpha=round(self.ui.alpha.value(), self.ui.alpha.decimals()),
            min_n=self.ui.minN.value(),
            n_threshold=round(self.ui.nThreshold.value() / 100, self.ui.nThreshold.decimals() + 2),
            n_growth_from=self.ui.nGrowthFrom.value(),
            o_threshold=round(self.ui.oThreshold.value(), self.ui.oThreshold.decimals()),
            p_threshold=round(self.ui.pThreshold.value(), self.ui.pThreshold.decimals()),
        )

    @property
    def messages(self) -> FieldMessages:
        return FieldMessages(
            {field: label for field, (_box, label) in self._fields.items()},
            {field: box for field, (box, _label) in self._fields.items()},
            self.ui.formError,
        )

    def error_text(self, field: str) -> str:
        return self.messages.text(field)

    def clear_errors(self) -> None:
        self.messages.clear()

    def is_saving(self) -> bool:
        return is_writing(self)

    def accept(self) -> None:
        """Save off the GUI thread; stays open with a message beside the field when a value is
        out of range."""
        assert self._saved is not None
        if self.is_saving():
            return
        self.clear_errors()
        database, actor, entered = self._database, self._actor, self.entered()
        version, name = self._saved.version, self.ui.centreName.text()
        rename = " ".join(name.split()) != self._centre_name
        stored: dict[str, Any] = {}  # what was saved, also when the centre's name is refused

        def write() -> None:
            stored["settings"] = target_settings.update_settings(
                database, actor, entered, expected_version=version
            )
            if rename:
                stored["centre_name"] = target_settings.update_centre_name(database, actor, name)
                stored["settings"] = target_settings.read_settings(database)

        def keep_stored() -> None:
            self._saved = stored.get("settings", self._saved)
            self._centre_name = stored.get("centre_name", self._centre_name)

        def done(_result: None) -> None:
            keep_stored()
            # The letterhead (an image, checked by its box) is saved after the settings; when it
            # is refused the dialog stays open with its message and the settings are kept.
            if self.letterhead.changed():
                if not self.letterhead.save():
                    return
                self._saved = target_settings.read_settings(self._database)
            saved = self._saved
            assert saved is not None
            log.info("target settings saved (version %d)", saved.version)
            self.saved.emit(saved)
            super(TargetSettingsDialog, self).accept()

        def refused(refusal: Refusal) -> None:
            keep_stored()
            error = refusal.error
            if isinstance(error, InvalidSettingError):
                self.messages.show_refusal(refusal)
                return
            msgbox.error(self, _("Target settings"), refusal.message)
            if isinstance(error, UserError):  # changed meanwhile: show the stored settings again
                self.load()

        run_write(self, write, SETTINGS_SAVED, done=done, refused=refused)

    def _set_locale(self) -> None:
        locale = QLocale(
            QLocale.Language.Dutch if i18n.language() == "nl" else QLocale.Language.English
        )
        for box, _label in self._fields.values():
            box.setLocale(locale)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._set_locale()
        super().changeEvent(event)
