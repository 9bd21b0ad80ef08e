"""Fixtures for the whole suite.

Qt runs on the offscreen platform, settings go to a temporary folder, every test starts in English,
and ``database`` gives each test an empty, migrated database: an SQLite file always, and the
PostgreSQL database of ``EXPATDESK_TEST_POSTGRES_URL`` when that is set.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from expatdesk import clock, i18n, started
from expatdesk.db.database import Database, open_database
from tests.helpers import databases

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]

started()  # the collector as usual in the tests (the app waits until its window is painted)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep tests away from the user's settings, data and environment."""
    monkeypatch.setenv("EXPATDESK_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("EXPATDESK_DATABASE_URL", raising=False)
    monkeypatch.delenv("EXPATDESK_LANG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))


#: The moment every test starts at, unless it sets the clock itself. ``EXPATDESK_TEST_NOW`` moves
#: it (``.ci/run`` runs the suite at other moments too); the machine's clock is never read.
TEST_NOW = clock.parse_moment(os.environ.get("EXPATDESK_TEST_NOW") or "2026-11-26T10:00:00+01:00")


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test runs on the app's clock, set to :data:`TEST_NOW` (and its child processes too)."""
    clock.set_moment(TEST_NOW)
    monkeypatch.setenv(clock.ENVIRONMENT_VARIABLE, TEST_NOW.isoformat())
    yield
    clock.reset()


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return databases.sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def _postgres_session() -> Iterator[Database]:
    url = databases.require_postgres_url()
    databases.reset_postgres(url)
    database = open_database(url, create=True)
    yield database
    database.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of the database engine a test runs on: ``sqlite`` or ``postgres``."""
    return str(request.param)


@pytest.fixture
def database(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty, migrated database (with the code lists) on each backend."""
    if backend == "sqlite":
        template = request.getfixturevalue("_sqlite_template")
        database = databases.copy_sqlite(template, tmp_path / "expatdesk.sqlite3")
        yield database
        database.dispose()
    else:
        shared = request.getfixturevalue("_postgres_session")
        databases.truncate_postgres(shared)
        yield shared
        databases.truncate_postgres(shared)


@pytest.fixture
def sqlite_database(_sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    """An empty, migrated SQLite database, for tests that need only one backend (the GUI)."""
    database = databases.copy_sqlite(_sqlite_template, tmp_path / "expatdesk.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def empty_url(backend: str, tmp_path: Path) -> Iterator[URL]:
    """The URL of a database with nothing in it, not even a schema."""
    if backend == "sqlite":
        yield URL.create("sqlite", database=str(tmp_path / "empty.sqlite3"))
        return
    url = databases.require_postgres_url()
    with databases.scratch_postgres_database(url) as scratch:
        yield scratch
