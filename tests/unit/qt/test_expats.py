"""The expat's page in the detail view."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QTextDocument

from expatdesk import i18n
from expatdesk.qt import expats
from expatdesk.services.expats import ExpatDetail, FamilyMemberInfo, PermitInfo
from expatdesk.services.labels import Label

HSM = Label("hsm", "Highly skilled migrant", "Kennismigrant")


def detail(**changes: object) -> ExpatDetail:
    values: dict[str, object] = {
        "id": 1,
        "ref": "EXP-0001",
        "given_name": "José",
        "family_name": "García <Jr>",
        "date_of_birth": date(1990, 4, 12),
        "nationality": "ES",
        "email": None,
        "phone": None,
        "bsn_masked": "*****6782",
        "employer_id": None,
        "employer_name": None,
        "category": Label("researcher", "Researcher", "Onderzoeker"),
        "education_level": None,
        "arrival_date": date(2026, 11, 26),
        "departure_date": None,
        "municipality": None,
        "preferred_language": "es",
        "survey_consent": False,
        "survey_consent_date": None,
        "notes": "Line one\nLine <two>",
        "family": (),
        "permits": (
            PermitInfo(HSM, "P0", None, date(2025, 1, 31)),
            PermitInfo(HSM, "P1", None, date(2026, 1, 31)),
        ),
    }
    values.update(changes)
    return ExpatDetail(**values)  # type: ignore[arg-type]


def text_of(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def test_the_page_shows_the_record_escaped(qtbot) -> None:
    html = expats.render(detail(), today=date(2026, 11, 26))
    text = text_of(html)
    assert "José García <Jr>" in text
    assert "García &lt;Jr&gt;" in html
    assert "*****6782" in text
    assert "Spain" in text
    assert "Spanish" in text
    assert "12 Apr 1990" in text
    assert "Researcher" in text
    assert "No family members registered." in text
    assert "31 Jan 2026 (expired)" in text
    assert "31 Jan 2025 (expired)" not in text  # superseded, not news
    assert text.index("P1") < text.index("P0")  # the newest first
    assert '<span class="warning"' in html
    assert "Line <two>" in text


def test_a_valid_permit_is_not_marked(qtbot) -> None:
    html = expats.render(detail(), today=date(2026, 1, 31))
    assert "(expired)" not in text_of(html)


def test_family_and_consent(qtbot) -> None:
    child = FamilyMemberInfo("child", "Mateo", "García", date(2019, 2, 3), "ISTwente")
    html = expats.render(
        detail(family=(child,), survey_consent=True, survey_consent_date=date(2026, 11, 27))
    )
    text = text_of(html)
    assert "Child" in text
    assert "Mateo García" in text
    assert "3 Feb 2019" in text
    assert "Yes, since 27 Nov 2026" in text


def test_the_page_in_dutch(qtbot) -> None:
    i18n.set_language("nl")
    text = text_of(expats.render(detail(), today=date(2026, 11, 26)))
    assert "Persoonsgegevens" in text
    assert "Spanje" in text
    assert "Spaans" in text
    assert "12 apr 1990" in text
    assert "Onderzoeker" in text
    assert "31 jan 2026 (verlopen)" in text


def test_the_area_texts() -> None:
    spec = expats.spec()
    assert spec.count_text(1) == "1 expat"
    assert spec.count_text(1234) == "1,234 expats"
    i18n.set_language("nl")
    assert spec.count_text(1234) == "1.234 expats"
    assert spec.nothing_found("x") == "Geen expat gevonden voor “x”."
