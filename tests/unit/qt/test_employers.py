"""The employer's page in the detail view."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from expatdesk import i18n
from expatdesk.qt import employers
from expatdesk.services.employers import ContactInfo, EmployerDetail, HiringInfo
from expatdesk.services.labels import Label


def text_of(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def test_the_page_shows_contacts_and_hiring(qtbot) -> None:
    employer = EmployerDetail(
        id=1,
        ref="EMP-0001",
        name="Thales & Co",
        kvk_number="06035234",
        high_tech=True,
        municipality=Label("hengelo", "Hengelo", "Hengelo"),
        recognised_sponsor=False,
        website=None,
        notes=None,
        contacts=(ContactInfo("Ingrid Bakker", "HR advisor", "hr@example.nl", "+31 74 248 0000"),),
        hiring=(HiringInfo(2025, 1234, None),),
        expat_count=2,
    )
    html = employers.render(employer)
    text = text_of(html)
    assert "Thales & Co" in text
    assert "Thales &amp; Co" in html
    assert "HR advisor" in text
    assert "+31 74 248 0000" in text
    assert "1,234" in text
    i18n.set_language("nl")
    text = text_of(employers.render(employer))
    assert "Contactpersonen" in text
    assert "1.234" in text
    assert "Ja" in text
    assert "Nee" in text
