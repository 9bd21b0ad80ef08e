"""The subject access PDF, rendered from its JSON form and read back."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from expatdesk.reports.pdf.subject_access import render_subject_access_pdf


def export(**person: Any) -> dict[str, Any]:
    return {
        "format": "expatdesk-subject-access",
        "format_version": 1,
        "centre": "Expat Center Twente",
        "generated_at": "2026-11-26T10:00:00+00:00",
        "person": {
            "ref": "EXP-000042",
            "given_name": "一帆",
            "family_name": "王",
            "date_of_birth": "1991-05-06",
            "nationality": "CN",
            "email": "wang@example.cn",
            "phone": None,
            "bsn": "123456782",
            "employer": {"ref": "EMP-0001", "name": "Thales Nederland"},
            "category": {"code": "researcher", "en": "Researcher", "nl": "Onderzoeker"},
            "arrival_date": "2024-09-01",
            "preferred_language": "nl",
            **person,
        },
        "consent": {"survey_contact": True, "since": "2024-09-02"},
        "family_members": [],
        "permits": [
            {
                "type": {"code": "hsm", "en": "Highly skilled migrant", "nl": "Kennismigrant"},
                "number": "NL-1",
                "valid_from": None,
                "valid_until": "2029-08-31",
            }
        ],
        "cases": [
            {
                "ref": "CAS-000007",
                "subject": "Housing",
                "status": "closed",
                "opened_on": "2024-09-03",
                "closed_at": "2024-10-01T12:00:00+00:00",
                "owner": "Anna de Vries",
                "notes": [
                    {
                        "written_at": "2024-09-04T09:00:00+00:00",
                        "author": "Anna de Vries",
                        "text": "Looking for a flat <near> the campus & the station",
                    }
                ],
                "tasks": [],
            }
        ],
        "service_deliveries": [],
        "survey_responses": [],
        "audit_trail": [
            {
                "at": "2024-09-01T08:00:00+00:00",
                "by": "Anna de Vries",
                "action": "create",
                "record": "expat",
                "record_id": 42,
                "changes": {"bsn": [None, "*****6782"]},
                "details": ["BSN: *****6782"],
            }
        ],
    }


def read(pdf: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_the_pdf_in_english_with_every_section() -> None:
    text, reader = read(render_subject_access_pdf(export(), language="en"))
    for expected in (
        "Personal data held about you",
        "EXP-000042",
        "123456782",  # the BSN in full, for the person
        "Thales Nederland",
        "Researcher",
        "Yes, since 2 Sept 2024",
        "No family members registered.",
        "NL-1",
        "CAS-000007 — Housing",
        "Looking for a flat <near> the campus & the station",
        "No services delivered.",
        "No survey responses.",
        "Record of changes",
        "BSN: *****6782",
        "page 1",
    ):
        assert expected in text, expected
    assert reader.metadata is not None
    assert reader.metadata.title == "Personal data held about you: 王一帆"
    assert str(reader.trailer["/Root"]["/Lang"]) == "en-GB"
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold", "DroidSansFallback"}  # the name in CJK


def test_the_pdf_in_dutch() -> None:
    text, reader = read(render_subject_access_pdf(export(), language="nl"))
    for expected in ("Onderzoeker", "Kennismigrant", "Geboortedatum", "6 mei 1991", "Gesloten"):
        assert expected in text, expected
    assert str(reader.trailer["/Root"]["/Lang"]) == "nl-NL"
