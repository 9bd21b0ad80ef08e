"""What staff decide before and after a kiosk session: the link and the exit code, then the code.

:class:`KioskSetupDialog` asks whether the first response is linked to the selected expat or
anonymous, and for a staff exit code, typed twice. :class:`ExitCodeDialog` asks for that code
when someone wants to leave the kiosk.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from expatdesk import clock
from expatdesk.accounts import passwords
from expatdesk.accounts.actor import Actor
from expatdesk.i18n import _, ngettext
from expatdesk.qt.acting import actor_of
from expatdesk.qt.appearance import scaling
from expatdesk.qt.appearance.accessible import name_by_label
from expatdesk.qt.widgets.field_messages import error_label

MIN_CODE_LENGTH = 4


@dataclass(frozen=True)
class KioskSetup:
    """The expat the first response is linked to (``None``: anonymous) and the exit code.

    ``actor``: the staff member who started the kiosk; the responses are recorded in their name.
    """

    expat_id: int | None
    exit_code: str
    actor: Actor | None = None


def _error_label(parent: QWidget) -> QLabel:
    label = error_label(QLabel(parent))
    label.setWordWrap(True)
    label.hide()
    return label


def _code_edit(name: str, parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(12)
    return edit


class KioskSetupDialog(QDialog):
    """Choose linked or anonymous, and set the exit code; OK only with two equal codes."""

    def __init__(
        self,
        expat: tuple[int, str] | None,
        parent: QWidget | None = None,
        *,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self._expat = expat
        self._actor = actor
        if actor is None:
            try:
                self._actor = actor_of(parent)
            except LookupError:
                self._actor = None
        self.setup: KioskSetup | None = None
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.linked = QRadioButton(self)
        self.linked.setObjectName("linkedRadio")
        self.anonymous = QRadioButton(self)
        self.anonymous.setObjectName("anonymousRadio")
        layout.addWidget(self.linked)
        layout.addWidget(self.anonymous)
        self.linked.setEnabled(expat is not None)
        (self.linked if expat is not None else self.anonymous).setChecked(True)
        form = QFormLayout()
        self.code = _code_edit("exitCode", self)
        self.repeat = _code_edit("exitCodeRepeat", self)
        self.code_label = QLabel(self)
        self.code_label.setBuddy(self.code)
        self.repeat_label = QLabel(self)
        self.repeat_label.setBuddy(self.repeat)
        form.addRow(self.code_label, self.code)
        form.addRow(self.repeat_label, self.repeat)
        layout.addLayout(form)
        self.error = _error_label(self)
        self.error.setObjectName("codeError")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._retranslate()
        # Room for the choices' text (no fixed minimum: larger text makes the dialog wider).
        self.resize(max(460, self.sizeHint().width()), self.sizeHint().height())
        scaling.keep_room(self)

    def accept(self) -> None:
        code = self.code.text()
        if len(code) < MIN_CODE_LENGTH or not code.isdigit():
            self._refuse(_("The exit code must be at least 4 digits."))
            return
        if code != self.repeat.text():
            self._refuse(_("The two exit codes differ; type the same code twice."))
            return
        linked = self.linked.isChecked() and self._expat is not None
        self.setup = KioskSetup(
            self._expat[0] if linked and self._expat else None, code, self._actor
        )
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.repeat.clear()
        self.code.setFocus()
        self.code.selectAll()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(_("Start kiosk"))
        self.intro.setText(
            _(
                "The kiosk shows the questionnaire full screen, for expats to fill in themselves. "
                "Only staff can leave it, with the exit code you set here."
            )
        )
        if self._expat is not None:
            self.linked.setText(_("Link the first response to {name}").format(name=self._expat[1]))
        else:
            self.linked.setText(_("Link the first response to the selected expat"))
        self.anonymous.setText(_("Anonymous responses only"))
        self.code_label.setText(_("Staff exit &code:"))
        self.repeat_label.setText(_("&Repeat the code:"))
        self.code.setAccessibleName(_("Staff exit code"))
        name_by_label(self.repeat, self.repeat_label.text(), _("Repeat the staff exit code"))


class ExitAttempts:
    """The wrong exit codes typed at one kiosk in a row: after :data:`FREE_TRIES` of them, each
    next try must wait 1, 2, 4 … seconds (at most five minutes), so a code of four digits cannot
    be guessed by trying them all."""

    FREE_TRIES = 2

    def __init__(self) -> None:
        self.failures = 0
        self.last: datetime | None = None

    def seconds_to_wait(self, now: datetime) -> int:
        return passwords.seconds_to_wait(self.failures - self.FREE_TRIES, self.last, now)

    def failed(self, now: datetime) -> None:
        self.failures += 1
        self.last = now

    def succeeded(self) -> None:
        self.failures, self.last = 0, None


class ExitCodeDialog(QDialog):
    """Asks for the staff exit code; accepted only when it matches, and not while wrong tries
    make the next one wait (:class:`ExitAttempts`)."""

    def __init__(
        self, exit_code: str, parent: QWidget | None = None, attempts: ExitAttempts | None = None
    ) -> None:
        super().__init__(parent)
        self._exit_code = exit_code
        self._attempts = attempts or ExitAttempts()
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.code = _code_edit("exitCode", self)
        layout.addWidget(self.code)
        self.error = _error_label(self)
        self.error.setObjectName("codeError")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._retranslate()
        scaling.keep_room(self)

    def accept(self) -> None:
        now = clock.now()
        wait = self._attempts.seconds_to_wait(now)
        if wait:
            self._refuse(
                ngettext(
                    "Too many wrong codes: wait {seconds} second before the next try.",
                    "Too many wrong codes: wait {seconds} seconds before the next try.",
                    wait,
                ).format(seconds=wait)
            )
            return
        if not hmac.compare_digest(self.code.text().encode(), self._exit_code.encode()):
            self._attempts.failed(now)
            self._refuse(_("Wrong code."))
            return
        self._attempts.succeeded()
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.code.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(_("Leave the kiosk"))
        self.prompt.setText(_("Staff only: type the exit code to leave the kiosk."))
        self.code.setAccessibleName(_("Staff exit code"))
