"""A handful of employers and expats, inserted through the ORM, for the list and detail tests.

Names are chosen for the search tests: accents (José, Müller, Østergaard), a non-Latin script,
and no other name that contains "jose" or "muller".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from expatdesk.db.database import Database
from expatdesk.db.models import (
    ContactPerson,
    Employer,
    Expat,
    FamilyMember,
    HiringRecord,
    Permit,
)

JOSE_BSN = "123456782"


@dataclass(frozen=True)
class Sample:
    """The ids of the sample records, by a short name."""

    employers: dict[str, int]
    expats: dict[str, int]


def add_sample(database: Database) -> Sample:
    with database.transaction() as session:
        thales = Employer(
            employer_ref="EMP-0001",
            name="Thales Nederland",
            kvk_number="06035234",
            high_tech=True,
            municipality_code="hengelo",
            recognised_sponsor=True,
            website="https://www.thalesgroup.com",
        )
        thales.contacts = [
            ContactPerson(name="Ingrid Bakker", job_title="HR advisor", email="hr@example.nl"),
            ContactPerson(name="Arjen Smit", job_title="Recruiter", phone="+31 74 248 0000"),
        ]
        thales.hiring = [
            HiringRecord(year=2024, international_hires=41, source="annual survey"),
            HiringRecord(year=2025, international_hires=57),
        ]
        university = Employer(
            employer_ref="EMP-0002",
            name="Universiteit Twente",
            kvk_number="50130536",
            high_tech=True,
            municipality_code="enschede",
            recognised_sponsor=True,
        )
        bakery = Employer(
            employer_ref="EMP-0003",
            name="Bakkerij Ölmez",
            high_tech=False,
            municipality_code="almelo",
        )
        session.add_all([thales, university, bakery])
        session.flush()

        jose = Expat(
            expat_ref="EXP-0001",
            given_name="José",
            family_name="García",
            date_of_birth=date(1990, 4, 12),
            nationality="ES",
            email="jose.garcia@example.es",
            phone="+31 6 1234 5678",
            bsn=JOSE_BSN,
            employer_id=thales.id,
            category_code="knowledge_migrant",
            education_level_code="wo",
            arrival_date=date(2026, 11, 26),
            municipality_code="hengelo",
            preferred_language="es",
            survey_consent=True,
            survey_consent_date=date(2026, 11, 27),
        )
        jose.family = [
            FamilyMember(relation="partner", given_name="Lucía", family_name="Pérez"),
            FamilyMember(
                relation="child",
                given_name="Mateo",
                family_name="García",
                date_of_birth=date(2019, 2, 3),
                school="International School Twente",
            ),
        ]
        jose.permits = [
            Permit(
                permit_type_code="hsm",
                number="NL-2026-0001",
                valid_from=date(2026, 11, 1),
                valid_until=date(2031, 10, 31),
            )
        ]
        anna = Expat(
            expat_ref="EXP-0002",
            given_name="Anna",
            family_name="Müller",
            nationality="DE",
            employer_id=university.id,
            category_code="researcher",
            arrival_date=date(2025, 3, 1),
            municipality_code="enschede",
        )
        wei = Expat(
            expat_ref="EXP-0003",
            given_name="Wei",
            family_name="Chen",
            nationality="CN",
            employer_id=university.id,
            category_code="blue_card",
            arrival_date=date(2024, 9, 1),
            municipality_code="enschede",
        )
        lars = Expat(
            expat_ref="EXP-0004",
            given_name="Lars",
            family_name="Østergaard",
            nationality="DK",
            employer_id=thales.id,
            category_code="eu_worker",
            arrival_date=date(2023, 1, 15),
            municipality_code="hengelo",
        )
        priya = Expat(
            expat_ref="EXP-0005",
            given_name="Priya",
            family_name="Sharma",
            nationality="IN",
            category_code="search_year",
        )
        session.add_all([jose, anna, wei, lars, priya])
        session.flush()
        return Sample(
            employers={"thales": thales.id, "university": university.id, "bakery": bakery.id},
            expats={
                "jose": jose.id,
                "anna": anna.id,
                "wei": wei.id,
                "lars": lars.id,
                "priya": priya.id,
            },
        )
