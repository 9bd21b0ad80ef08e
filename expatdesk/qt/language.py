"""Switching the language of the running app: one route for every text.

Python strings go through :mod:`expatdesk.i18n`; the strings of the Designer forms reach Qt's
``QCoreApplication.translate`` and are answered from the same gettext catalogs by
:class:`GettextTranslator`. Qt's own ``qtbase`` translations cover the standard buttons and
dialogs, except the few labels of :data:`QT_CATALOG_GAPS`, which our catalogs translate.

Switching installs fresh translators, so Qt sends ``QEvent.LanguageChange`` to every widget of
every window; each widget re-applies its texts in its ``changeEvent`` (``retranslateUi`` for the
form, ``_retranslate`` for texts made in Python). Nothing needs a restart.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QTranslator, Signal

from expatdesk import i18n
from expatdesk.i18n import N_
from expatdesk.qt.settings import Settings

log = logging.getLogger(__name__)


#: Labels of Qt's own file dialog that ``qtbase_nl`` lacks: Qt gave them an "&" after its
#: catalogs were made, so in Dutch they stayed English ("&Look in:", "Files of &type:"). Qt
#: asks :class:`GettextTranslator` after its own catalog, so listing them here (for extraction)
#: and translating them in ours closes the gap.
QT_CATALOG_GAPS = (N_("&Look in:"), N_("Files of &type:"))


def qt_translations_dir() -> str:
    """Where Qt's own ``.qm`` files are (inside the PySide6 package)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


class GettextTranslator(QTranslator):
    """Answers Qt's translation requests (Designer forms) from the gettext catalogs.

    The context (the form's class name) is ignored: a msgid means the same everywhere, as in the
    Python code. Installed before Qt's translator, so Qt asks it last and Qt's own strings (in
    contexts such as ``QPlatformTheme``) keep Qt's translations.
    """

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        del context, disambiguation, n
        return i18n._(source_text) if source_text else source_text

    def isEmpty(self) -> bool:
        return False


class LanguageSwitcher(QObject):
    """Installs the translators of a language and remembers the user's choice.

    Signals:
        languageChanged(str): the language code, after the translators were installed.
    """

    languageChanged = Signal(str)

    def __init__(
        self, app: QCoreApplication, settings: Settings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._settings = settings
        self._translators: list[QTranslator] = []

    @property
    def language(self) -> str:
        return i18n.language()

    def apply(self, language: str) -> None:
        """Show everything in ``language`` from now on, without remembering it."""
        i18n.set_language(language)
        self.uninstall()
        self._install(GettextTranslator(self))
        qt_translator = QTranslator(self)
        if qt_translator.load(f"qtbase_{language}", qt_translations_dir()):
            self._install(qt_translator)
        elif language != "en":
            log.warning("Qt's translations for %s not found in %s", language, qt_translations_dir())
        log.info("language: %s", language)
        self.languageChanged.emit(language)

    def switch(self, language: str) -> None:
        """The user chose ``language``: apply it and remember it for the next start."""
        if language != i18n.language() or not self._translators:
            self.apply(language)
        self._settings.language = language
        self._settings.sync()

    def uninstall(self) -> None:
        """Remove the translators this switcher installed."""
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators.clear()

    def _install(self, translator: QTranslator) -> None:
        self._app.installTranslator(translator)
        self._translators.append(translator)
