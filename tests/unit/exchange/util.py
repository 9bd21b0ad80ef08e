"""Files for the exchange tests, and the counts that show whether an import wrote anything."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from expatdesk.accounts.actor import SYSTEM
from expatdesk.db.database import Database
from expatdesk.db.models import Base
from expatdesk.exchange import ImportPlan, import_file

TABLES = (
    "employer",
    "hiring_record",
    "expat",
    "service_delivery",
    "survey_response",
    "survey_response_facility",
)

EMPLOYERS = """employer_ref,name,kvk_number,high_tech,municipality,recognised_sponsor,website,notes
EMP-1,Thales Nederland,06035234,yes,Hengelo,yes,https://thales.example,
EMP-2,Müller Techniek,12345678,no,outside Twente,no,,"notes, with a comma"
"""

EXPATS = """expat_ref,given_name,family_name,date_of_birth,nationality,employer_ref,category
EX-1,José,García,1990-05-01,ES,EMP-1,knowledge_migrant
EX-2,Anna,Müller,,DE,,
"""


def write(folder: Path, text: str, name: str = "file.csv", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def counts(database: Database) -> dict[str, int]:
    """How many rows each table of the imported kinds holds."""
    with database.reading() as session:
        return {
            name: session.execute(
                select(func.count()).select_from(Base.metadata.tables[name])
            ).scalar_one()
            for name in TABLES
        }


def load(database: Database, folder: Path, kind: str, text: str, name: str = "") -> ImportPlan:
    """Import ``text`` as a CSV of ``kind``; the test fails if the file has errors."""
    plan = import_file(database, SYSTEM, kind, write(folder, text, name or f"{kind}.csv"))
    assert plan.errors == [], [str(error) for error in plan.errors]
    return plan


def messages(plan: ImportPlan) -> list[str]:
    return [str(error) for error in plan.errors]
