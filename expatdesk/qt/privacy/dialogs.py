"""Privacy in the desk (Records menu): erase an expat's personal data, export everything held
about one expat, and apply the retention period.

- :func:`erase_expat` explains what goes and what stays, asks for the reason and for the expat's
  ref typed out as confirmation, then anonymises (:mod:`expatdesk.privacy.erasure`);
- :func:`export_subject_access` asks where to save and writes the PDF for the person and the JSON
  beside it (:mod:`expatdesk.privacy.subject_access`);
- :class:`RetentionDialog` shows and stores the retention period, lists the expats past it with
  the reason, and anonymises the ticked ones after confirming.

Only administrators may erase and apply the retention period; the services refuse everyone else,
and these dialogs say so before asking anything.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from expatdesk import i18n
from expatdesk.accounts.actor import Actor, Permission, PermissionDeniedError
from expatdesk.common.changes import PERSONAL_DATA_ERASED
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.errors import UserError
from expatdesk.i18n import N_, _, ngettext
from expatdesk.privacy import erasure as privacy
from expatdesk.privacy import subject_access
from expatdesk.privacy.erasure import (
    ErasurePreview,
    Mention,
    RetentionCandidate,
    RetentionResult,
)
from expatdesk.qt import files, msgbox
from expatdesk.qt.background import Job
from expatdesk.qt.forms.ui_erase_dialog import Ui_EraseDialog
from expatdesk.qt.forms.ui_retention_dialog import Ui_RetentionDialog
from expatdesk.qt.operations import change_bus
from expatdesk.qt.widgets.record_editor import confirm

log = logging.getLogger(__name__)

PDF_FILTER = N_("PDF files (*.pdf)")


@contextmanager
def _waiting() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _denied(actor: Actor, permission: Permission) -> str:
    """The message with which the services refuse ``actor`` the ``permission``."""
    try:
        actor.require(permission)
    except PermissionDeniedError as error:
        return str(error)
    return ""


def _allowed(parent: QWidget | None, title: str, actor: Actor, permission: Permission) -> bool:
    """Whether ``actor`` may; if not, says so."""
    denied = _denied(actor, permission)
    if denied:
        msgbox.error(parent, title, denied)
    return not denied


def _counted(text: str, count: int) -> str:
    """``text`` (from ``ngettext``) with ``{count}`` filled in, in the active locale."""
    return text.format(count=i18n.format_number(count))


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
        """Erase; stays open with a message when the erasure is refused."""
        self.clear_errors()
        if not self.typed_ref_matches():
            self.ui.formError.setText(
                _("Type the reference {ref} to confirm.").format(ref=self._preview.ref)
            )
            self.ui.formError.show()
            self.ui.confirmEdit.setFocus()
            return
        try:
            with _waiting():
                erasure = privacy.anonymise_expat(
                    self._database,
                    self._actor,
                    self._preview.id,
                    self._preview.version,
                    self.ui.reason.text(),
                )
        except ValidationError as error:
            message = error.for_field("reason") or str(error)
            self.ui.reasonError.setText(message)
            self.ui.reasonError.show()
            self.ui.reason.setFocus()
            return
        except UserError as error:
            self.ui.formError.setText(str(error))
            self.ui.formError.show()
            msgbox.error(self, self.windowTitle(), str(error))
            return
        log.info("personal data of expat %s erased", erasure.ref)
        change_bus().announce(PERSONAL_DATA_ERASED, self)
        self.erased.emit(erasure)
        super().accept()

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
        counted = [
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
        ]
        goes = [
            _(
                "Name, date of birth, nationality, e-mail, phone, BSN, notes, preferred "
                "language, category, education level, municipality, departure date, and the "
                "consent for survey contact."
            ),
            *(text.format(count=i18n.format_number(count)) for text, count in counted if count),
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
            _counted(
                ngettext(
                    "{count} case stays with its status and dates.",
                    "{count} cases stay with their status and dates.",
                    preview.cases,
                ),
                preview.cases,
            ),
            _counted(
                ngettext(
                    "{count} service delivery stays, without notes.",
                    "{count} service deliveries stay, without notes.",
                    preview.deliveries,
                ),
                preview.deliveries,
            ),
            _counted(
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
        self.ui.confirmEdit.setAccessibleName(
            _("Type the reference {ref} to confirm").format(ref=preview.ref)
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
    if not _allowed(parent, title, actor, Permission.ERASURE):
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
    if not _allowed(parent, title, actor, Permission.CLIENTS):
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
        with _waiting():
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


# --- retention --------------------------------------------------------------------------------


class RetentionDialog(QDialog):
    """The retention period, the expats past it (with why), and "Anonymise selected".

    Signals:
        anonymised(int): this many expats were anonymised.
    """

    anonymised = Signal(int)

    REF, NAME, CASES, WHY = range(4)

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_RetentionDialog()
        self.ui.setupUi(self)
        self._database = database
        self._actor = actor
        self._candidates: list[RetentionCandidate] = []
        self._job: Job | None = None
        self._allowed = actor.can(Permission.RETENTION)
        self.ui.years.setRange(*privacy.RETENTION_RANGE)
        header = self.ui.candidates.header()
        header.setSectionResizeMode(self.WHY, QHeaderView.ResizeMode.Stretch)
        self.ui.saveYearsButton.clicked.connect(self.save_years)
        self.ui.selectAllButton.clicked.connect(lambda: self._check_all(True))
        self.ui.selectNoneButton.clicked.connect(lambda: self._check_all(False))
        self.ui.anonymiseButton.clicked.connect(self.anonymise_selected)
        self.ui.candidates.itemChanged.connect(self._update_actions)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.years.lineEdit().returnPressed.connect(self.save_years)
        for widget in (self.ui.years, self.ui.saveYearsButton, self.ui.anonymiseButton):
            widget.setEnabled(self._allowed)
        self.clear_errors()
        self.ui.years.setValue(privacy.read_retention_years(database))
        self._retranslate()
        self.reload()
        self.ui.years.setFocus()

    # --- the list ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the expats past the retention period again."""
        with _waiting():
            self._candidates = privacy.retention_candidates(self._database)
        tree = self.ui.candidates
        tree.blockSignals(True)
        tree.clear()
        for candidate in self._candidates:
            item = QTreeWidgetItem(
                [candidate.ref, candidate.name, i18n.format_number(candidate.cases), candidate.why]
            )
            item.setData(self.REF, Qt.ItemDataRole.UserRole, candidate.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(self.REF, Qt.CheckState.Unchecked)
            tree.addTopLevelItem(item)
        tree.blockSignals(False)
        for column in (self.REF, self.NAME, self.CASES):
            tree.resizeColumnToContents(column)
        first = tree.topLevelItem(0)
        if first is not None:
            tree.setCurrentItem(first)
        self._update_actions()

    def candidates(self) -> list[RetentionCandidate]:
        return list(self._candidates)

    def checked_ids(self) -> list[int]:
        tree = self.ui.candidates
        return [
            int(item.data(self.REF, Qt.ItemDataRole.UserRole))
            for item in (tree.topLevelItem(row) for row in range(tree.topLevelItemCount()))
            if item is not None and item.checkState(self.REF) == Qt.CheckState.Checked
        ]

    def _check_all(self, checked: bool) -> None:
        tree = self.ui.candidates
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        tree.blockSignals(True)
        for row in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(row)
            if item is not None:
                item.setCheckState(self.REF, state)
        tree.blockSignals(False)
        self._update_actions()

    def _update_actions(self) -> None:
        count = len(self._candidates)
        checked = len(self.checked_ids())
        if self._job is not None:
            self.ui.countLabel.setText(
                _counted(
                    ngettext("Anonymising {count} expat…", "Anonymising {count} expats…", checked),
                    checked,
                )
            )
            for widget in (
                self.ui.anonymiseButton,
                self.ui.selectAllButton,
                self.ui.selectNoneButton,
                self.ui.saveYearsButton,
                self.ui.candidates,
            ):
                widget.setEnabled(False)
            return
        self.ui.candidates.setEnabled(True)
        self.ui.saveYearsButton.setEnabled(self._allowed)
        self.ui.countLabel.setText(
            _counted(
                ngettext(
                    "{count} expat past the retention period",
                    "{count} expats past the retention period",
                    count,
                ),
                count,
            )
            + (
                "; " + _counted(ngettext("{count} selected", "{count} selected", checked), checked)
                if count
                else ""
            )
        )
        self.ui.anonymiseButton.setEnabled(self._allowed and checked > 0)
        self.ui.selectAllButton.setEnabled(count > 0)
        self.ui.selectNoneButton.setEnabled(checked > 0)

    # --- actions ----------------------------------------------------------------------------

    def error_text(self, field: str) -> str:
        label = self.ui.yearsError if field == "retention_years" else self.ui.formError
        return label.text() if label.isVisibleTo(self) else ""

    def clear_errors(self) -> None:
        for label in (self.ui.yearsError, self.ui.formError):
            label.clear()
            label.hide()

    def save_years(self) -> bool:
        """Store the period shown; the list then follows it."""
        self.clear_errors()
        try:
            stored = privacy.update_retention_years(
                self._database, self._actor, self.ui.years.value()
            )
        except ValidationError as error:
            self.ui.yearsError.setText(error.for_field("retention_years") or str(error))
            self.ui.yearsError.show()
            return False
        except UserError as error:
            self.ui.formError.setText(str(error))
            self.ui.formError.show()
            return False
        self.ui.years.setValue(stored)
        self.reload()
        return True

    def anonymise_selected(self) -> bool:
        """Confirm, then anonymise the ticked expats off the GUI thread (hundreds take a while);
        ``True`` when started. :attr:`anonymised` tells how many, the list is read again."""
        self.clear_errors()
        ids = self.checked_ids()
        if not ids or self._job is not None:
            return False
        question = _counted(
            ngettext(
                "Erase the personal data of {count} expat? This cannot be undone; their survey "
                "responses and services delivered keep counting anonymously.",
                "Erase the personal data of {count} expats? This cannot be undone; their survey "
                "responses and services delivered keep counting anonymously.",
                len(ids),
            ),
            len(ids),
        )
        if not confirm(self, self._title(), question, _("&Erase personal data")):
            return False
        database, actor = self._database, self._actor
        job = Job(lambda: privacy.apply_retention(database, actor, ids), self)
        job.finished.connect(self._anonymised)
        job.failed.connect(self._failed)
        self._job = job
        self._update_actions()
        job.start()
        return True

    def is_busy(self) -> bool:
        return self._job is not None

    def _title(self) -> str:
        return _("Anonymise expats")

    def _anonymised(self, result: RetentionResult) -> None:
        self._job = None
        done = len(result.anonymised)
        log.info("retention period applied: %d expats anonymised", done)
        text = _counted(
            ngettext(
                "The personal data of {count} expat was erased.",
                "The personal data of {count} expats was erased.",
                done,
            ),
            done,
        )
        if result.skipped:
            text += " " + _counted(
                ngettext(
                    "{count} expat was left alone: no longer past the retention period.",
                    "{count} expats were left alone: no longer past the retention period.",
                    len(result.skipped),
                ),
                len(result.skipped),
            )
        self.reload()
        msgbox.information(self, self._title(), text)
        change_bus().announce(PERSONAL_DATA_ERASED, self)
        self.anonymised.emit(done)

    def _failed(self, message: str) -> None:
        self._job = None
        self.ui.formError.setText(message)
        self.ui.formError.show()
        self._update_actions()
        msgbox.error(self, self._title(), message)

    def reject(self) -> None:
        """Close, but not while expats are being anonymised."""
        if self._job is None:
            super().reject()

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        tree = self.ui.candidates
        for row, candidate in enumerate(self._candidates):
            item = tree.topLevelItem(row)
            if item is not None:
                item.setText(self.CASES, i18n.format_number(candidate.cases))
                item.setText(self.WHY, candidate.why)
        if not self._allowed:
            self.ui.formError.setText(_denied(self._actor, Permission.RETENTION))
            self.ui.formError.show()
        self._update_actions()


def open_retention_dialog(
    parent: QWidget | None, database: Database, actor: Actor
) -> RetentionDialog | None:
    """Records → Retention period…: the dialog, for administrators (``None`` for others)."""
    if not _allowed(parent, _("Retention period"), actor, Permission.RETENTION):
        return None
    dialog = RetentionDialog(database, actor, parent)
    msgbox.exec_dialog(dialog)
    return dialog
