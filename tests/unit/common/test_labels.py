"""Labels shown in the active language."""

from __future__ import annotations

from expatdesk import i18n
from expatdesk.common.labels import Label, label, label_column, picked, relation_label, yes_no
from expatdesk.db.models import ExpatCategory


def test_label_follows_the_language() -> None:
    researcher = Label("researcher", "Researcher", "Onderzoeker")
    assert str(researcher) == "Researcher"
    i18n.set_language("nl")
    assert str(researcher) == "Onderzoeker"
    assert picked("Researcher", "Onderzoeker") == "Onderzoeker"
    assert label_column(ExpatCategory) is ExpatCategory.label_nl


def test_missing_values() -> None:
    assert label(None) is None
    assert picked(None, None) == ""
    assert yes_no(None) == ""
    assert yes_no(True) == "Yes"
    assert yes_no(False) == "No"


def test_relation_labels() -> None:
    assert relation_label("partner") == "Partner"
    i18n.set_language("nl")
    assert relation_label("child") == i18n._("Child")
    assert relation_label("cousin") == "cousin"
