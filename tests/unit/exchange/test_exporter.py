"""Exporting: the import's layout, exact round trips, CSV and XLSX, formulas neutralised."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from expatdesk.accounts.actor import SYSTEM
from expatdesk.db.database import Database
from expatdesk.db.models import Base, Case, Employer, Expat
from expatdesk.errors import UserError
from expatdesk.exchange import KINDS, Counts, export, import_file
from expatdesk.exchange.exporter import _csv
from tests.unit.exchange.util import EMPLOYERS, TABLES, counts, load

ATTACK = "=cmd|' /C calc'!A0"

FILES = {
    "employers": EMPLOYERS + f'EMP-3,"{ATTACK}",,yes,enschede,,,@SUM(A1)\n',
    "hiring": "employer_ref,year,international_hires,source\nEMP-1,2015,12,KvK\nEMP-1,2016,0,\n",
    "expats": (
        "expat_ref,given_name,family_name,date_of_birth,nationality,email,phone,employer_ref,"
        "category,education_level,arrival_date,departure_date,municipality,preferred_language\n"
        f'EX-1,José,"{ATTACK}",1990-05-01,ES,j@example.org,+31 6 1234 5678,EMP-1,'
        "knowledge_migrant,phd,2015-01-01,2016-02-01,Enschede,es\n"
        "EX-2,Anna,Müller,,,,,,,,,,,\n"
    ),
    "services": (
        "service_ref,expat_ref,employer_ref,service_code,date,case_ref,notes\n"
        "S-1,EX-1,EMP-1,permit_hsm,2015-01-02,CAS-1,-first\n"
        "S-2,,EMP-2,employer_advice,2015-03-04,,\n"
    ),
    "surveys": (
        "response_ref,respondent_type,respondent_ref,date,score_service,score_added_value,"
        "intends_to_leave,facilities_used\n"
        "R-1,expat,EX-1,2015-01-01,7,,unsure,expat_centre|housing_service\n"
        "R-2,employer,EMP-1,2015-01-02,8,9,,\n"
        "R-3,expat,,2015-01-03,,,,\n"
    ),
}


def _fill(database: Database, folder: Path) -> None:
    for kind in ("employers", "hiring", "expats"):
        load(database, folder, kind, FILES[kind])
    with database.transaction() as session:
        expat = session.scalars(select(Expat).where(Expat.expat_ref == "EX-1")).one()
        session.add(
            Case(case_ref="CAS-1", subject="Permit", expat_id=expat.id, opened_on=date(2015, 1, 1))
        )
    for kind in ("services", "surveys"):
        load(database, folder, kind, FILES[kind])


def _empty(database: Database) -> None:
    with database.engine.begin() as connection:
        for name in (*reversed(TABLES[3:]), "case_file", *reversed(TABLES[:3])):
            connection.execute(Base.metadata.tables[name].delete())


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_reimports_unchanged(
    database: Database, tmp_path: Path, kind: str, suffix: str
) -> None:
    _fill(database, tmp_path)
    path = tmp_path / f"out{suffix}"
    assert export(database, kind, path) >= 2
    before = counts(database)
    plan = import_file(database, SYSTEM, kind, path)
    assert plan.errors == []
    assert plan.counts.added == plan.counts.updated == 0
    assert counts(database) == before


def test_csv_export_is_the_import_layout(database: Database, tmp_path: Path) -> None:
    _fill(database, tmp_path)
    path = tmp_path / "expats.csv"
    export(database, "expats", path)
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    assert lines[0] == ",".join(KINDS["expats"].column_names)
    assert lines[1] == (
        "EX-1,José,'=cmd|' /C calc'!A0,1990-05-01,ES,j@example.org,'+31 6 1234 5678,EMP-1,"
        "knowledge_migrant,phd,2015-01-01,2016-02-01,enschede,es"
    )
    assert lines[2] == "EX-2,Anna,Müller,,,,,,,,,,,"


def test_a_round_trip_into_an_empty_database_gives_the_same_file(
    database: Database, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _fill(database, tmp_path)
    exported = {}
    for kind in ("employers", "hiring", "expats", "surveys"):
        exported[kind] = tmp_path / f"{kind}.csv"
        export(database, kind, exported[kind])
    _empty(database)
    assert set(counts(database).values()) == {0}
    for kind, path in exported.items():
        plan = import_file(database, SYSTEM, kind, path)
        assert plan.errors == []
        again = tmp_path_factory.mktemp("again") / f"{kind}.csv"
        export(database, kind, again)
        assert again.read_bytes() == path.read_bytes()


def test_xlsx_writes_formulas_as_strings(database: Database, tmp_path: Path) -> None:
    _fill(database, tmp_path)
    path = tmp_path / "employers.xlsx"
    export(database, "employers", path)
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    cells = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row}
    workbook.close()
    assert cells[ATTACK] == "s"
    assert cells["@SUM(A1)"] == "s"
    plan = import_file(database, SYSTEM, "employers", path)
    assert plan.counts == Counts(unchanged=3)
    with database.reading() as session:
        name = session.scalars(select(Employer.name).where(Employer.employer_ref == "EMP-3"))
        assert name.one() == ATTACK


def test_csv_neutralises_every_formula_start() -> None:
    rows = iter([["=1", "+1", "-1", "@x", "\tx", "\rx", "plain", None, 7, "＝1", "＋1"]])
    data, count = _csv(KINDS["employers"], rows)
    assert count == 1
    body = data.decode("utf-8").split("\r\n", 1)[1]
    assert body.startswith("'=1,'+1,'-1,'@x,'\tx,\"'\rx\",plain,,7,'＝1,'＋1")


def test_unknown_extension_and_unwritable_target(database: Database, tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"\.csv or \.xlsx"):
        export(database, "employers", tmp_path / "out.ods")
    with pytest.raises(UserError, match="Cannot write"):
        export(database, "employers", tmp_path / "missing" / "out.csv")
