"""Where things live: the database to open and the folders for data and settings."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "ExpatDesk"
DATABASE_ENV = "EXPATDESK_DATABASE_URL"
CONFIG_DIR_ENV = "EXPATDESK_CONFIG_DIR"


def data_dir() -> Path:
    """The user's data folder for ExpatDesk (``~/.local/share/ExpatDesk`` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The folder for the user's settings; ``EXPATDESK_CONFIG_DIR`` overrides it."""
    env = os.environ if environ is None else environ
    override = env.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_database() -> str:
    """The embedded SQLite file used when no database is named."""
    return str(data_dir() / "expatdesk.sqlite3")


def database_target(given: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The database to open: ``--database``, else ``EXPATDESK_DATABASE_URL``, else the default."""
    env = os.environ if environ is None else environ
    if given:
        return given
    return env.get(DATABASE_ENV) or default_database()
