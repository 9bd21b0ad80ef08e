"""Nothing personal in an unexpected database error: no BSN and no name on stderr or in a log,
whatever the engine reports (parameters hidden, PostgreSQL's DETAIL dropped)."""

from __future__ import annotations

import subprocess
import sys
import traceback
from datetime import date

import pytest
from sqlalchemy.exc import DBAPIError

from expatdesk.accounts.actor import SYSTEM
from expatdesk.common.validation import ValidationError
from expatdesk.db.database import Database
from expatdesk.db.models import Expat
from expatdesk.expats import write as expat_records
from expatdesk.expats.forms import ExpatForm
from tests.helpers import databases

BSN = "111222333"
NAME = "Geheimnaam"


def _shown(error: BaseException) -> str:
    """Everything a traceback on stderr or in a log would show of ``error``."""
    return "".join(traceback.format_exception(error))


def test_a_broken_unique_bsn_shows_neither_the_bsn_nor_the_name(database: Database) -> None:
    with database.transaction() as session:
        session.add(Expat(expat_ref="E-1", given_name=NAME, family_name=NAME, bsn=BSN))
    # Past the services' duplicate check: a bug.
    with pytest.raises(DBAPIError) as raised, database.transaction() as session:
        session.add(Expat(expat_ref="E-2", given_name=NAME, family_name=NAME, bsn=BSN))
    shown = _shown(raised.value)
    assert "uq_expat_bsn" in shown or "UNIQUE constraint failed: expat.bsn" in shown
    assert BSN not in shown
    assert NAME not in shown


@pytest.mark.postgres
def test_a_nul_byte_in_a_name_leaves_nothing_personal_on_stderr(
    request: pytest.FixtureRequest,
) -> None:
    postgres: Database = request.getfixturevalue("_postgres_session")
    databases.truncate_postgres(postgres)
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from expatdesk.db.database import open_database\n"
        "from expatdesk.db.models import Expat\n"
        "database = open_database(sys.argv[1])\n"
        "# past the services' own check (they refuse control characters): the driver's error\n"
        "with database.transaction() as session:\n"
        "    session.add(Expat(expat_ref='EXP-NUL', given_name=sys.argv[2] + '\\x00',"
        " family_name=sys.argv[2], bsn=sys.argv[3], date_of_birth=date(1991, 5, 17)))\n"
    )
    url = postgres.url.render_as_string(hide_password=False)
    done = subprocess.run(
        [sys.executable, "-c", script, url, NAME, BSN],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "NUL" in done.stderr  # the driver's refusal, as a bug's traceback
    assert NAME not in done.stderr
    assert BSN not in done.stderr
    databases.truncate_postgres(postgres)


def test_the_services_refuse_a_nul_byte_or_store_it_without_showing_it(
    database: Database,
) -> None:
    form = ExpatForm(
        given_name=NAME + "\x00", family_name=NAME, new_bsn=BSN, date_of_birth=date(1991, 5, 17)
    )
    with pytest.raises(ValidationError) as refused:  # names refuse control characters
        expat_records.create_expat(database, SYSTEM, form)
    shown = _shown(refused.value)
    assert "U+0000" in shown
    assert NAME not in shown
    assert BSN not in shown
