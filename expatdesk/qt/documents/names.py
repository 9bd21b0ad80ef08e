"""How the app names the letters and their languages (in the language of the interface)."""

from __future__ import annotations

from expatdesk.i18n import N_

LETTER_NAMES = {
    "documents-needed": N_("Documents still needed"),
    "appointment": N_("Confirmation of an appointment"),
    "client-overview": N_("Client overview"),
}
#: Each language in its own name.
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
