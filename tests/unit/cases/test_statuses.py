"""A case's statuses by name, in both languages."""

from __future__ import annotations

from expatdesk import i18n
from expatdesk.cases import statuses as case_statuses


def test_status_labels_in_dutch() -> None:
    with i18n.using("nl"):
        labels = [case_statuses.status_label(status) for status in case_statuses.STATUSES]
    assert labels == [
        "Nieuw",
        "In behandeling",
        "Wacht op de klant",
        "Wacht op een instantie",
        "Gesloten",
    ]
