"""Privacy that holds, on both engines: ``expatdesk erase`` leaves nothing of the person in any
table or file of the database folder, the report figures stay, the register keeps them erased
through imports and restores; ids and references are never handed out twice; files are private.
"""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from expatdesk.accounts.actor import SYSTEM
from expatdesk.cli.main import main
from expatdesk.db.database import Database
from expatdesk.db.migrate import automatic_copies
from expatdesk.db.models import ErasedPerson, Expat
from expatdesk.expats import merge
from expatdesk.expats import write as expat_records
from expatdesk.expats.forms import ExpatForm
from expatdesk.privacy import subject_access
from tests.helpers.sample import add_sample

REF = "EXP-900001"
EXPATS = (
    "expat_ref,given_name,family_name,date_of_birth,email,phone,employer_ref,arrival_date\n"
    f"{REF},Zebediah,Quackenbush,1990-04-05,zebediah.quackenbush@example.org,+31612345678,"
    "EMP-0001,2024-03-01\n"
    "EXP-900002,Anna,Smit,1985-01-02,anna.smit@example.org,+31611111111,EMP-0001,2024-05-01\n"
)
SERVICES = (
    "service_ref,expat_ref,service_code,date,notes\n"
    f"SRV-900001,{REF},housing,2024-03-10,Zebediah Quackenbush needs a flat; call +31612345678\n"
)
#: What must be found nowhere after the erasure (lower case).
TRACES = ("quackenbush", "zebediah", "31612345678", "1990-04-05")


def _url(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


def _write(folder: Path, name: str, content: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def _targets(url: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["report", "targets", "--from", "2020", "--to", "2026", "--database", url]) == 0
    return capsys.readouterr().out


def _traces_in_tables(database: Database) -> list[str]:
    """Every value of every table that holds one of :data:`TRACES`."""
    found = []
    with database.reading() as session:
        connection = session.connection()
        for table in inspect(connection).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                for value in row:
                    if value is not None and any(t in str(value).lower() for t in TRACES):
                        found.append(f"{table}: {value}")
    return found


def _vacuums(database: Database) -> int:
    """How often PostgreSQL vacuumed the expat table by command (0 on SQLite)."""
    if database.is_sqlite:
        return 0
    with database.reading() as session:
        count = session.execute(
            text("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'expat'")
        ).scalar()
    return int(count or 0)


def _traces_in_files(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.iterdir()):
        if path.is_file():
            content = path.read_bytes().lower()
            found += [f"{path.name}: {t}" for t in TRACES if t.encode() in content]
    return found


def test_an_erased_person_is_nowhere_and_stays_erased(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(database)
    add_sample(database)
    files = tmp_path / "files"
    expats = _write(files, "expats.csv", EXPATS)
    assert main(["import", "expats", str(expats), "--database", url]) == 0
    services = _write(files, "services.csv", SERVICES)
    assert main(["import", "services", str(services), "--database", url]) == 0
    capsys.readouterr()
    before = _targets(url, capsys)
    backup = files / "before.sqlite3"
    if database.is_sqlite:
        assert main(["backup", str(backup), "--database", url]) == 0
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert _traces_in_tables(database)  # the check finds them while they are there

    vacuums_before = _vacuums(database)
    assert main(["erase", REF, "--yes", "--database", url]) == 0
    out = capsys.readouterr().out
    assert f"The personal data of {REF} was erased" in out

    assert _targets(url, capsys) == before
    assert _traces_in_tables(database) == []
    with database.reading() as session:
        assert session.get(ErasedPerson, REF) is not None
    if not database.is_sqlite:  # the owner erased: old row versions and index entries gone
        assert _vacuums(database) > vacuums_before
    folder = Path(database.url.database or "").parent if database.is_sqlite else None
    if folder is not None:
        assert _traces_in_files(folder) == []
        assert stat.S_IMODE(Path(database.url.database or "").stat().st_mode) == 0o600

    # Their old row comes back from no file.
    assert main(["import", "expats", str(expats), "--database", url]) == 1
    err = capsys.readouterr().err
    assert (
        f"row 2, column expat_ref: the personal data of {REF} was erased; it is not imported again"
    ) in err
    assert _traces_in_tables(database) == []

    if folder is not None:
        # Nor from a backup made before the erasure.
        database.dispose()
        assert main(["restore", str(backup), "--database", url]) == 0
        assert f"erased again: {REF}" in capsys.readouterr().out
        assert _traces_in_tables(database) == []
        assert _traces_in_files(folder) == []
        assert _targets(url, capsys) == before
        for copy in automatic_copies(Path(database.url.database or "")):
            assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_erase_lists_other_records_that_mention_the_person_and_leaves_them(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(database)
    sample = add_sample(database)
    with database.transaction() as session:
        anna = session.get(Expat, sample.expats["anna"])
        assert anna is not None
        anna.notes = "Came with José García to the desk"
    assert main(["erase", "EXP-0001", "--database", url, "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Other records mention this person; review them by hand:" in out
    assert "Expat EXP-0002: notes" in out
    with database.reading() as session:
        kept = session.get(Expat, sample.expats["anna"])
        assert kept is not None
        assert kept.notes == "Came with José García to the desk"


def test_erase_asks_unless_yes_and_refuses_unknown_refs(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(database)
    add_sample(database)
    assert main(["erase", "EXP-0001", "--database", url]) == 1
    assert "Add --yes to erase EXP-0001 without being asked." in capsys.readouterr().err
    with database.reading() as session:
        assert (
            session.scalar(select(Expat.anonymised_at).where(Expat.expat_ref == "EXP-0001")) is None
        )
    assert main(["erase", "EXP-404", "--yes", "--database", url]) == 1
    assert "No expat with the reference EXP-404." in capsys.readouterr().err


def test_subject_access_writes_json_or_pdf_privately(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(database)
    add_sample(database)
    target = tmp_path / "out" / "jose.json"
    target.parent.mkdir()
    assert main(["subject-access", "EXP-0001", "-o", str(target), "--database", url]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["person"]["family_name"] == "García"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    pdf = tmp_path / "out" / "jose.pdf"
    assert main(["subject-access", "EXP-0001", "-o", str(pdf), "--database", url]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    capsys.readouterr()
    assert (
        main(["subject-access", "EXP-0001", "-o", str(tmp_path / "x.txt"), "--database", url]) == 1
    )
    assert "write the subject access to a .json or .pdf file" in capsys.readouterr().err


def _new_expat(database: Database, given: str, family: str, notes: str | None = None) -> int:
    return expat_records.create_expat(
        database,
        SYSTEM,
        ExpatForm(
            given_name=given,
            family_name=family,
            arrival_date=date(2026, 9, 1),
            notes=notes,
        ),
    )


@pytest.mark.parametrize("how", ["delete", "merge"])
def test_ids_and_refs_of_a_removed_newest_expat_are_never_given_again(
    database: Database, how: str
) -> None:
    sample = add_sample(database)
    newest = _new_expat(database, "Olaf", "Oldname", "Daughter Lotte at De Zonnewijzer")
    with database.reading() as session:
        old = session.get(Expat, newest)
        assert old is not None
        old_ref, version = old.expat_ref, old.version
    if how == "delete":
        expat_records.delete_expat(database, SYSTEM, newest, version)
    else:
        with database.reading() as session:
            keep = session.get(Expat, sample.expats["anna"])
            assert keep is not None
            keep_version = keep.version
        merge.merge_expats(
            database, SYSTEM, sample.expats["anna"], keep_version, newest, version, frozenset()
        )
    fresh = _new_expat(database, "Nina", "Newcomer")
    assert fresh > newest
    with database.reading() as session:
        fresh_ref = session.scalar(select(Expat.expat_ref).where(Expat.id == fresh))
    assert fresh_ref != old_ref
    held = json.dumps(subject_access.subject_access(database, SYSTEM, fresh), ensure_ascii=False)
    assert "Oldname" not in held
    assert "Olaf" not in held
    assert "Zonnewijzer" not in held
    assert old_ref not in held


def test_a_new_reference_is_neither_taken_nor_erased(database: Database) -> None:
    add_sample(database)  # ids 1 to 5
    with database.transaction() as session:
        # An imported record (id 6) took the reference of id 7; the person of EXP-000008 was
        # erased (and their record merged away, say).
        session.add(Expat(expat_ref="EXP-000007", given_name="Imported", family_name="Before"))
        session.add(ErasedPerson(ref="EXP-000008", erased_on=date(2026, 1, 1)))
    fresh = _new_expat(database, "Nina", "Newcomer")
    with database.reading() as session:
        ref = session.scalar(select(Expat.expat_ref).where(Expat.id == fresh))
    assert (fresh, ref) == (9, "EXP-000009")
