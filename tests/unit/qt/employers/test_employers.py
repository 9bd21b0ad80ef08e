"""The employer's page in the detail view."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QTextDocument

from expatdesk import i18n
from expatdesk.cases.linked import CaseInfo, DeliveryInfo
from expatdesk.common.labels import Label
from expatdesk.employers.read import ContactInfo, EmployerDetail, HiringInfo
from expatdesk.history.read import History
from expatdesk.qt.employers import page as employers


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


def test_cases_services_and_the_timeline(qtbot) -> None:
    advice = Label("employer_advice", "Employer advice", "Werkgeversadvies")
    employer = EmployerDetail(
        id=1,
        ref="EMP-0001",
        name="Thales",
        kvk_number=None,
        high_tech=True,
        municipality=None,
        recognised_sponsor=True,
        website=None,
        notes=None,
        contacts=(),
        hiring=(HiringInfo(2025, 12, "annual survey"),),
        expat_count=2,
        cases=(CaseInfo(9, "C-9", "Sponsorship", "new", date(2025, 3, 1), None, None),),
        deliveries=(
            DeliveryInfo(
                5, "S-5", advice, date(2025, 4, 2), None, None, 8, "Anna Müller", 1, "Thales", None
            ),
            DeliveryInfo(
                4, "S-4", advice, date(2025, 3, 2), 9, "C-9", None, None, 1, "Thales", None
            ),
        ),
        delivery_count=4_321,
    )
    html = employers.render(employer)
    text = text_of(html)
    assert '<a href="expatdesk://case/9">C-9</a>' in html
    # The expat a service was for links to the expat.
    assert '<a href="expatdesk://expat/8">Anna Müller</a>' in html
    assert "The newest 2 of 4,321 service deliveries." in text
    assert "The latest 4 of 4,323 events." in text
    timeline = text[text.index("Timeline") : text.index("Services delivered")]
    assert [line for line in timeline.splitlines() if line.strip()][4:12] == [
        "2025",
        "12 international hires",
        "annual survey",
        "2 Apr 2025",
        "Service delivered: Employer advice",
        "Anna Müller",
        "2 Mar 2025",
        "Service delivered: Employer advice",
    ]
    assert '<a href="expatdesk://expat/8">Service delivered: Employer advice</a>' in html
    i18n.set_language("nl")
    text = text_of(employers.render(employer))
    assert "Tijdlijn" in text
    assert "12 internationale aanwervingen" in text
    assert "De nieuwste 2 van 4.321 dienstverleningen." in text


def test_an_employer_without_cases_or_services(qtbot) -> None:
    employer = EmployerDetail(
        id=1,
        ref="EMP-0001",
        name="Thales",
        kvk_number=None,
        high_tech=False,
        municipality=None,
        recognised_sponsor=False,
        website=None,
        notes=None,
        contacts=(),
        hiring=(),
        expat_count=0,
    )
    text = text_of(employers.render(employer))
    assert "No cases for this employer." in text
    assert "No services delivered to this employer." in text
    assert "Nothing happened yet." in text
    assert "The newest" not in text


def test_the_employers_area_shows_its_history_with_contact_persons(
    qtbot, window, sample, sqlite_database
) -> None:
    from dataclasses import replace

    from expatdesk.accounts.actor import SYSTEM
    from expatdesk.employers import write as employer_records

    thales = sample.employers["thales"]
    form = employer_records.load_employer_form(sqlite_database, thales)
    assert form is not None
    assert form.version is not None
    employer_records.update_employer(
        sqlite_database, SYSTEM, thales, form.version, replace(form, website=None)
    )
    window.ui.actionEmployers.trigger()
    area = window.employers_area
    assert area.select_id(thales)
    text = area.ui.detail.toPlainText()
    history = text[text.index("History") :]
    assert "Website: https://www.thalesgroup.com (removed)" in history
    assert "Added contact person Ingrid Bakker" in history
    assert "Added international hires 2025" in history
    assert "system" in history


def test_a_bare_employer_record_has_no_history_section(qtbot) -> None:
    employer = EmployerDetail(
        id=1,
        ref="EMP-0009",
        name="Firm",
        kvk_number=None,
        high_tech=False,
        municipality=None,
        recognised_sponsor=False,
        website=None,
        notes=None,
        expat_count=0,
        contacts=(),
        hiring=(),
    )
    assert "History" not in text_of(employers.render(employer))
    page = employers.EmployerPage(employer, History())
    assert "History\nNo changes recorded." in text_of(employers.render(page))
