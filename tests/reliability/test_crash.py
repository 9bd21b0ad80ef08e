"""A desk that dies in the middle of a write loses nothing: SIGKILL at exact points.

An import of a large survey file, a survey response, a merge of two expats, and a save of an
expat with family members and permits.

A child process (:mod:`tests.reliability.children`) runs a real operation and stops at a chosen
point inside it; the test kills it there with SIGKILL. Afterwards SQLite's integrity check passes,
the operation is wholly there or wholly absent (rows counted in every table it writes), and the
next operation works.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from expatdesk.accounts.actor import SYSTEM
from expatdesk.common.concurrency import StaleRecordError
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Base,
    Case,
    Expat,
    FamilyMember,
    Permit,
    ServiceDelivery,
    SurveyResponse,
)
from expatdesk.exchange import import_file
from expatdesk.expats.forms import ExpatForm, load_expat_form
from expatdesk.expats.merge import merge_expats, merge_preview
from expatdesk.expats.write import update_expat
from expatdesk.surveys import responses as surveys
from tests.helpers.sample import add_sample
from tests.reliability import children
from tests.reliability.processes import counts, database_url, integrity, kill_at
from tests.unit.exchange.generate import write_surveys

pytestmark = pytest.mark.reliability

SURVEY_ROWS = 10_000
EXPATS, EMPLOYERS = 200, 50
IMPORTED = ("survey_response", "survey_response_facility", "audit_entry", "expat", "employer")
RECORDED = ("survey_response", "survey_response_facility", "audit_entry")


@pytest.fixture(scope="module")
def survey_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A large survey file naming :func:`respondents` (written once for the module)."""
    path = tmp_path_factory.mktemp("surveys") / "surveys.csv"
    write_surveys(path, SURVEY_ROWS, seed=7, expats=EXPATS, employers=EMPLOYERS)
    return path


def facility_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as file:
        return sum(
            len(row["facilities_used"].split("|"))
            for row in csv.DictReader(file)
            if row["facilities_used"]
        )


@pytest.fixture
def respondents(database: Database) -> Database:
    """The employers and expats the survey file names, written in bulk."""
    with database.transaction() as session:
        connection = session.connection()
        connection.execute(
            insert(Base.metadata.tables["employer"]),
            [
                {"employer_ref": f"EMP-{number:06d}", "name": f"Employer {number}"}
                for number in range(1, EMPLOYERS + 1)
            ],
        )
        connection.execute(
            insert(Base.metadata.tables["expat"]),
            [
                {
                    "expat_ref": f"EXP-{number:06d}",
                    "given_name": "Ana",
                    "family_name": f"Lee {number}",
                }
                for number in range(1, EXPATS + 1)
            ],
        )
    return database


@pytest.mark.slow
@pytest.mark.parametrize(
    ("pause_at", "imported"),
    [
        # while reading the file: the third batch of rows looks up its respondents
        (r"after:SELECT expat\.expat_ref:3", False),
        # while writing: the first batch of responses is in (on PostgreSQL all of them, from the
        # staging table they were copied into), their facilities are not yet
        (r"after:INSERT INTO survey_response \(:1", False),
        # everything is written, COMMIT is about to be sent
        ("commit", False),
        # COMMIT returned; the command had not yet said so
        ("committed", True),
    ],
    ids=["reading", "writing", "before-commit", "after-commit"],
)
def test_an_import_killed_midway_is_wholly_there_or_absent(
    respondents: Database, survey_file: Path, tmp_path: Path, pause_at: str, imported: bool
) -> None:
    database = respondents
    before = counts(database, *IMPORTED)
    whole = {
        **before,
        "survey_response": before["survey_response"] + SURVEY_ROWS,
        "survey_response_facility": before["survey_response_facility"] + facility_rows(survey_file),
        # the database's trail: an entry for every row written
        "audit_entry": before["audit_entry"] + SURVEY_ROWS + facility_rows(survey_file),
    }

    kill_at("import", database_url(database), tmp_path, pause_at, "--file", str(survey_file))

    integrity(database)
    assert counts(database, *IMPORTED) == (whole if imported else before)
    # The desk carries on: the same file imports now (or is found imported already).
    plan = import_file(database, SYSTEM, "surveys", survey_file)
    assert [str(error) for error in plan.errors] == []
    assert plan.counts.added == (0 if imported else SURVEY_ROWS)
    assert counts(database, *IMPORTED) == whole
    integrity(database)


@pytest.mark.parametrize(
    ("pause_at", "recorded"),
    [
        # the response row is in, its facilities are being written
        (r"after:INSERT INTO survey_response_facility:1", False),
        # the audit trail is written too, COMMIT is about to be sent
        ("commit", False),
        ("committed", True),
    ],
    ids=["writing", "before-commit", "after-commit"],
)
def test_a_survey_response_killed_midway_is_wholly_there_or_absent(
    database: Database, tmp_path: Path, pause_at: str, recorded: bool
) -> None:
    before = counts(database, *RECORDED)
    whole = {
        "survey_response": before["survey_response"] + 1,
        "survey_response_facility": before["survey_response_facility"] + 2,
        "audit_entry": before["audit_entry"] + 3,  # the response and its two facilities
    }

    kill_at("response", database_url(database), tmp_path, pause_at)

    integrity(database)
    assert counts(database, *RECORDED) == (whole if recorded else before)
    response = surveys.record_response(database, SYSTEM, children.survey_answers())
    assert response.answers == children.survey_answers()
    assert counts(database, "survey_response")["survey_response"] == whole["survey_response"] + (
        1 if recorded else 0
    )
    integrity(database)


# --- a merge of two expats --------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    keep: int
    drop: int


@pytest.fixture
def pair(database: Database) -> Pair:
    """José of the sample records, and a second record of him with something of everything."""
    sample = add_sample(database)
    with database.transaction() as session:
        drop = Expat(
            expat_ref="EXP-DUP",
            given_name="Jose",
            family_name="Garcia",
            email="jose.dup@example.org",
        )
        drop.family = [FamilyMember(relation="child", given_name="Inés")]
        drop.permits = [Permit(permit_type_code="hsm", valid_until=date(2027, 1, 31))]
        session.add(drop)
        session.flush()
        session.add_all(
            [
                Case(
                    case_ref="CASE-DUP",
                    subject="Housing",
                    expat_id=drop.id,
                    opened_on=date(2026, 10, 5),
                ),
                ServiceDelivery(
                    service_ref="SRV-DUP",
                    service_code="housing",
                    delivered_on=date(2026, 10, 6),
                    expat_id=drop.id,
                ),
                SurveyResponse(
                    response_ref="RSP-DUP",
                    respondent_type="expat",
                    expat_id=drop.id,
                    responded_on=date(2026, 11, 1),
                    score_service=9,
                ),
            ]
        )
        session.flush()
        return Pair(sample.expats["jose"], drop.id)


def links(database: Database, expat_id: int) -> dict[str, int]:
    """The rows of every table that refer to ``expat_id`` (found in the schema)."""
    expat_column = Expat.__table__.c.id
    found: dict[str, int] = {}
    with database.reading() as session:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if any(key.column is expat_column for key in column.foreign_keys):
                    found[f"{table.name}.{column.name}"] = session.execute(
                        select(func.count()).select_from(table).where(column == expat_id)
                    ).scalar_one()
    return found


def expats(database: Database, *ids: int) -> dict[int, str | None]:
    """The e-mail of each of the expats ``ids`` that exists."""
    with database.reading() as session:
        return dict(session.execute(select(Expat.id, Expat.email).where(Expat.id.in_(ids))).all())


@pytest.mark.parametrize(
    ("pause_at", "merged"),
    [
        # the family member has moved, the permits are moving
        (r"after:UPDATE permit:1", False),
        # everything has moved and the dropped record is deleted; the e-mail is not yet taken
        (r"after:DELETE FROM expat:1", False),
        ("commit", False),
        ("committed", True),
    ],
    ids=["moving", "deleted", "before-commit", "after-commit"],
)
def test_a_merge_killed_midway_is_wholly_there_or_absent(
    database: Database, pair: Pair, tmp_path: Path, pause_at: str, merged: bool
) -> None:
    tables = tuple(Base.metadata.tables)
    before = (counts(database, *tables), links(database, pair.keep), links(database, pair.drop))
    emails = expats(database, pair.keep, pair.drop)
    moved = {key: before[1][key] + before[2][key] for key in before[1]}

    kill_at(
        "merge", database_url(database), tmp_path, pause_at, "--ids", f"{pair.keep},{pair.drop}"
    )

    integrity(database)
    if not merged:
        after = (counts(database, *tables), links(database, pair.keep), links(database, pair.drop))
        assert after == before
        assert expats(database, pair.keep, pair.drop) == emails
        # The desk carries on: the merge can be done again, now completely.
        preview = merge_preview(database, pair.keep, pair.drop)
        merge_expats(
            database,
            SYSTEM,
            pair.keep,
            preview.keep.version,
            pair.drop,
            preview.drop.version,
            children.MERGE_TAKES,
        )
    assert expats(database, pair.keep, pair.drop) == {pair.keep: emails[pair.drop]}
    assert links(database, pair.keep) == moved
    assert set(links(database, pair.drop).values()) == {0}
    now = counts(database, *tables)
    assert now["expat"] == before[0]["expat"] - 1
    assert {name: now[name] for name in tables if name not in ("expat", "audit_entry")} == {
        name: before[0][name] for name in tables if name not in ("expat", "audit_entry")
    }
    integrity(database)


# --- a save of an expat with family and permits -----------------------------------------------


def shown(form: ExpatForm | None) -> tuple[object, ...]:
    """What a save changes, without ids and versions."""
    assert form is not None
    return (
        form.email,
        sorted((member.relation, member.given_name) for member in form.family),
        sorted(
            (permit.permit_type_code, permit.number, permit.valid_until) for permit in form.permits
        ),
    )


@pytest.mark.parametrize(
    ("pause_at", "saved"),
    [
        # the expat's own fields are written, the new family member too, the permits not yet
        (r"after:INSERT INTO family_member:1", False),
        ("commit", False),
        ("committed", True),
    ],
    ids=["writing", "before-commit", "after-commit"],
)
def test_a_save_of_an_expat_killed_midway_is_wholly_there_or_absent(
    database: Database, tmp_path: Path, pause_at: str, saved: bool
) -> None:
    jose = add_sample(database).expats["jose"]
    form = load_expat_form(database, jose)
    assert form is not None
    assert form.version is not None
    assert len(form.family) == 2
    assert len(form.permits) >= 1
    before, wanted = shown(form), shown(children.changed_expat(form))
    assert before != wanted

    kill_at("save-expat", database_url(database), tmp_path, pause_at, "--ids", str(jose))

    integrity(database)
    now = load_expat_form(database, jose)
    assert shown(now) == (wanted if saved else before)
    assert now is not None
    if saved:
        # Saved: the form the desk showed before is out of date now.
        with pytest.raises(StaleRecordError):
            update_expat(database, SYSTEM, jose, form.version, children.changed_expat(form))
    else:
        assert now.version == form.version
        update_expat(database, SYSTEM, jose, form.version, children.changed_expat(now))
        assert shown(load_expat_form(database, jose)) == wanted
    integrity(database)
