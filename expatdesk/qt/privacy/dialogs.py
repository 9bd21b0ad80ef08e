"""Privacy in the desk (Records menu): erase an expat's personal data, export everything held
about one expat, and apply the retention period.

- :func:`erase_expat` explains what goes and what stays, asks for the reason and for the expat's
  ref typed out as confirmation, then anonymises (:mod:`expatdesk.privacy.erasure`);
- :func:`export_subject_access` asks where to save and writes the PDF for the person and the JSON
  beside it (:mod:`expatdesk.privacy.subject_access`);
- the retention period has its own dialog, :mod:`expatdesk.qt.privacy.retention`.

Only administrators may erase and apply the retention period; the services refuse everyone else,
and these dialogs say so before asking anything.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expatdesk import i18n
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.common.changes import PERSONAL_DATA_ERASED
from expatdesk.common.db_errors import Refusal
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.errors import UserError
from expatdesk.i18n import N_, _, ngettext
from expatdesk.privacy import erasure as privacy
from expatdesk.privacy import subject_access
from expatdesk.privacy.erasure import Erasure, ErasurePreview, Mention
from expatdesk.qt import files, msgbox
from expatdesk.qt.appearance import colours, scaling
from expatdesk.qt.appearance.accessible import name_by_label
from expatdesk.qt.forms.ui_erase_dialog import Ui_EraseDialog
from expatdesk.qt.operations import is_writing, run_write
from expatdesk.qt.privacy.guards import allowed, counted, waiting

log = logging.getLogger(__name__)

PDF_FILTER = N_("PDF files (*.pdf)")


# --- erasing one expat ------------------------------------------------------------------------


class EraseDialog(QDialog):
    """Confirm the erasure of one expat's personal data: the reason, and the ref typed out.

    The Erase button is enabled once the typed text is the expat's ref. The texts of other
    records that mention the person (:func:`expatdesk.privacy.erasure.mentions`) are listed as
    links for the officer to review by hand: the erasure never edits them.

    Signals:
        erased(object): the :class:`~expatdesk.privacy.erasure.Erasure` done.
        openRecordRequested(str, int): a mention's link was followed (the dialog closes).
    """

    erased = Signal(object)
    openRecordRequested = Signal(str, int)

    def __init__(
        self,
        database: Database,
        actor: Actor,
        preview: ErasurePreview,
        parent: QWidget | None = None,
        mentions: Sequence[Mention] = (),
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_EraseDialog()
        self.ui.setupUi(self)
        colours.follow(self)
        scaling.keep_room(self)
        self._database = database
        self._actor = actor
        self._preview = preview
        self._mentions = tuple(mentions)
        self.mentionsBox = QGroupBox(self)
        self.mentionsBox.setObjectName("mentionsBox")
        mentions_layout = QVBoxLayout(self.mentionsBox)
        self.mentionsLabel = QLabel(self.mentionsBox)
        self.mentionsLabel.setObjectName("mentionsLabel")
        self.mentionsLabel.setWordWrap(True)
        self.mentionsLabel.setTextFormat(Qt.TextFormat.RichText)
        self.mentionsLabel.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.mentionsLabel.linkActivated.connect(self.open_mention)
        mentions_layout.addWidget(self.mentionsLabel)
        self.ui.dialogLayout.insertWidget(3, self.mentionsBox)
        self.mentionsBox.setVisible(bool(self._mentions))
        self.eraseButton: QPushButton = self.ui.buttonBox.addButton(
            "", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.eraseButton.setObjectName("eraseButton")
        self.eraseButton.setAutoDefault(False)
        cancel = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setDefault(True)
        self.eraseButton.clicked.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.confirmEdit.textChanged.connect(self._update_button)
        self.ui.reason.textChanged.connect(self._update_button)
        QWidget.setTabOrder(self.ui.confirmEdit, self.ui.buttonBox)
        self.clear_errors()
        self._retranslate()
        self._update_button()
        self.ui.reason.setFocus()

    def open_mention(self, link: str) -> None:
        """Close the dialog (nothing erased) and open the record the link names."""
        kind, _separator, number = link.partition(":")
        if not number.isdigit():
            return
        self.reject()
        self.openRecordRequested.emit(kind, int(number))

    def typed_ref_matches(self) -> bool:
        return self.ui.confirmEdit.text().strip().upper() == self._preview.ref.upper()

    def _update_button(self) -> None:
        self.eraseButton.setEnabled(
            self.typed_ref_matches() and bool(self.ui.reason.text().strip())
        )

    def error_text(self, field: str) -> str:
        label = self.ui.reasonError if field == "reason" else self.ui.formError
        return label.text() if label.isVisibleTo(self) else ""

    def clear_errors(self) -> None:
        for label in (self.ui.reasonError, self.ui.formError):
            label.clear()
            label.hide()

    def accept(self) -> None:
        """Erase off the GUI thread; stays open with a message when the erasure is refused."""
        if is_writing(self):
            return
        self.clear_errors()
        if not self.typed_ref_matches():
            self.ui.formError.setText(
                _("Type the reference {ref} to confirm.").format(ref=self._preview.ref)
            )
            self.ui.formError.show()
            self.ui.confirmEdit.setFocus()
            return
        database, actor, preview = self._database, self._actor, self._preview
        reason = self.ui.reason.text()

        def write() -> Erasure:
            return privacy.anonymise_expat(database, actor, preview.id, preview.version, reason)

        run_write(self, write, PERSONAL_DATA_ERASED, done=self._erased, refused=self._refused)

    def is_erasing(self) -> bool:
        """Whether the erasure is running (off the GUI thread)."""
        return is_writing(self)

    def _refused(self, refusal: Refusal) -> None:
        error = refusal.error
        if isinstance(error, ValidationError):
            self.ui.reasonError.setText(error.for_field("reason") or str(error))
            self.ui.reasonError.show()
            self.ui.reason.setFocus()
            return
        self.ui.formError.setText(refusal.message)
        self.ui.formError.show()
        msgbox.error(self, self.windowTitle(), refusal.message)

    def _erased(self, erasure: Erasure) -> None:
        log.info("personal data of expat %s erased", erasure.ref)
        self.erased.emit(erasure)
        super().accept()

    def reject(self) -> None:
        """Close, but not while the erasure runs."""
        if not is_writing(self):
            super().reject()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        preview = self._preview
        self.setWindowTitle(_("Erase personal data of {ref}").format(ref=preview.ref))
        self.ui.introLabel.setText(
            _(
                "Erase the personal data of {name} ({ref})? This cannot be undone. The record "
                "stays as “Anonymised” so that the reports of earlier years do not change."
            ).format(name=preview.name, ref=preview.ref)
        )
        deleted = [
            (
                ngettext(
                    "{count} family member is deleted.",
                    "{count} family members are deleted.",
                    preview.family_members,
                ),
                preview.family_members,
            ),
            (
                ngettext(
                    "{count} permit is deleted.", "{count} permits are deleted.", preview.permits
                ),
                preview.permits,
            ),
            (
                ngettext(
                    "{count} case note is deleted.",
                    "{count} case notes are deleted.",
                    preview.case_notes,
                ),
                preview.case_notes,
            ),
            (
                ngettext("{count} task is deleted.", "{count} tasks are deleted.", preview.tasks),
                preview.tasks,
            ),
            (
                ngettext(
                    "{count} document or letter is deleted.",
                    "{count} documents and letters are deleted.",
                    preview.documents,
                ),
                preview.documents,
            ),
        ]
        goes = [
            _(
                "Name, date of birth, nationality, e-mail, phone, BSN, notes, preferred "
                "language, category, education level, municipality, departure date, and the "
                "consent for survey contact."
            ),
            *(text.format(count=i18n.format_number(count)) for text, count in deleted if count),
        ]
        if preview.cases or preview.deliveries:
            goes.append(_("The subjects of the cases and the notes of the services delivered."))
        goes.append(
            _(
                "The values the audit trail kept of all these; its entries say who did what "
                "and when, no more."
            )
        )
        stays = [
            _(
                "The reference, the employer and the year of arrival: the targets report counts "
                "them."
            ),
            counted(
                ngettext(
                    "{count} case stays with its status and dates.",
                    "{count} cases stay with their status and dates.",
                    preview.cases,
                ),
                preview.cases,
            ),
            counted(
                ngettext(
                    "{count} service delivery stays, without notes.",
                    "{count} service deliveries stay, without notes.",
                    preview.deliveries,
                ),
                preview.deliveries,
            ),
            counted(
                ngettext(
                    "{count} survey response stays, anonymously.",
                    "{count} survey responses stay, anonymously.",
                    preview.survey_responses,
                ),
                preview.survey_responses,
            ),
        ]
        self.ui.goesLabel.setText("\n".join(f"• {line}" for line in goes))
        self.ui.staysLabel.setText("\n".join(f"• {line}" for line in stays))
        self.mentionsBox.setTitle(_("Other records that mention this person"))
        links = "".join(
            f'<li><a href="{kind}:{number}">{html.escape(mention.label)}</a></li>'
            for mention in self._mentions
            for kind, number in (mention.link,)
        )
        self.mentionsLabel.setText(
            "<p>"
            + html.escape(
                _(
                    "Their texts name the person by name, e-mail, phone or reference. The "
                    "erasure leaves them as they are: open each to review it by hand."
                )
            )
            + f"</p><ul>{links}</ul>"
        )
        self.ui.confirmLabel.setText(
            _("&Type {ref} to confirm:").format(ref=preview.ref.replace("&", "&&"))
        )
        name_by_label(
            self.ui.confirmEdit,
            self.ui.confirmLabel.text(),
            _("Type the reference {ref} to confirm").format(ref=preview.ref),
        )
        self.ui.confirmEdit.setPlaceholderText(preview.ref)
        self.eraseButton.setText(_("&Erase personal data"))


def erase_expat(
    parent: QWidget | None,
    database: Database,
    actor: Actor,
    expat_id: int,
    open_record: Callable[[str, int], None] | None = None,
) -> bool:
    """Records → Erase personal data…: explain, ask, erase; ``True`` when erased.

    ``open_record`` opens a record whose text mentions the person, when the officer follows its
    link in the dialog (which then closes without erasing)."""
    title = _("Erase personal data")
    if not allowed(parent, title, actor, Permission.ERASURE):
        return False
    try:
        preview = privacy.erasure_preview(database, actor, expat_id)
        mentions = privacy.mentions(database, actor, expat_id)
    except UserError as error:
        msgbox.error(parent, title, str(error))
        return False
    if preview.anonymised_at is not None:
        msgbox.information(
            parent,
            title,
            _("The personal data of {ref} was erased on {date} already.").format(
                ref=preview.ref,
                date=i18n.format_date(preview.anonymised_at.astimezone().date()),
            ),
        )
        return False
    dialog = EraseDialog(database, actor, preview, parent, mentions)
    if open_record is not None:
        dialog.openRecordRequested.connect(open_record)
    return msgbox.exec_dialog(dialog) == QDialog.DialogCode.Accepted


# --- subject access ---------------------------------------------------------------------------


def export_subject_access(
    parent: QWidget | None, database: Database, actor: Actor, expat_id: int
) -> bool:
    """Records → Export personal data…: ask for the PDF's name, write the PDF and the JSON
    beside it; ``True`` when written."""
    title = _("Export personal data")
    if not allowed(parent, title, actor, Permission.CLIENTS):
        return False
    try:
        suggested = Path.home() / subject_access.suggested_file_name(database, expat_id)
    except UserError as error:
        msgbox.error(parent, title, str(error))
        return False
    path = files.save_file_name(parent, title, suggested, _(PDF_FILTER))
    if path is None:
        return False
    try:
        with waiting():
            written = subject_access.export_subject_access(database, actor, expat_id, path)
    except UserError as error:
        msgbox.error(parent, title, str(error))
        return False
    log.info("subject access export written to %s", written.pdf)
    msgbox.information(
        parent,
        title,
        _("Saved {pdf} (for the person, in {language}) and {json}.").format(
            pdf=written.pdf.name,
            json=written.json.name,
            language=i18n.language_name(written.language),
        ),
        informative=_(
            "The PDF shows the BSN in full: hand it to the person only, and send it securely."
        ),
    )
    return True
