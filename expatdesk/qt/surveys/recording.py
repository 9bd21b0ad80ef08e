"""Survey responses typed in from the main window: a new one, a correction, or the kiosk.

Imported when first used, so that the survey form and the kiosk stay off the start path.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from expatdesk.db.database import Database
from expatdesk.i18n import _
from expatdesk.qt import msgbox
from expatdesk.qt.kiosk.setup import KioskSetupDialog
from expatdesk.qt.kiosk.window import KioskWindow
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.surveys.chooser import choose_response
from expatdesk.qt.surveys.dialog import SurveyDialog
from expatdesk.surveys.responses import Response

Respondents = dict[str, tuple[int, str] | None]


def record_survey(
    parent: QWidget,
    database: Database,
    respondents: Respondents,
    kind: str,
    saved: Callable[[Response], None],
) -> SurveyDialog:
    """Type in a paper or telephone response of a ``kind`` respondent, pre-filled."""
    return _run(SurveyDialog(database, respondents, parent, respondent_type=kind), saved)


def correct_survey(
    parent: QWidget,
    database: Database,
    respondents: Respondents,
    kind: str,
    record_id: int | None,
    saved: Callable[[Response], None],
) -> SurveyDialog | None:
    """Choose one of the responses of record ``record_id`` and correct it in the survey form."""
    if record_id is None:
        msgbox.information(
            parent,
            _("Correct survey response"),
            _("Select an expat or an employer first."),
        )
        return None
    chosen = choose_response(parent, database, kind, record_id)
    if chosen is None:
        return None
    return _run(SurveyDialog(database, respondents, parent, response=chosen), saved)


def _run(dialog: SurveyDialog, saved: Callable[[Response], None]) -> SurveyDialog:
    """Show the survey form modally; ``saved`` hears of each response it stores."""
    dialog.saved.connect(saved)
    msgbox.exec_dialog(dialog)
    return dialog


def start_kiosk(
    window: QWidget,
    database: Database,
    switcher: LanguageSwitcher,
    expat: tuple[int, str] | None,
    saved: Callable[[Response], None],
    left: Callable[[], None],
) -> KioskWindow | None:
    """Set up and open the full-screen kiosk; ``window`` hides until staff leave it."""
    setup_dialog = KioskSetupDialog(expat, window)
    if msgbox.exec_dialog(setup_dialog) != KioskSetupDialog.DialogCode.Accepted:
        return None
    setup = setup_dialog.setup
    assert setup is not None
    kiosk = KioskWindow(database, setup, switcher)
    kiosk.saved.connect(saved)
    kiosk.left.connect(left)
    window.hide()
    kiosk.showFullScreen()
    return kiosk
