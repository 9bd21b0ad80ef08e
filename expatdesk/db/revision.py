"""For developers: ``python -m expatdesk.db.revision "what changed"`` writes a new migration.

It migrates a scratch SQLite database to the current head, compares it with the models and lets
Alembic write the difference into ``expatdesk/db/migrations/versions``. Review the file before
committing it: Alembic cannot see renames, and data migrations are written by hand.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy.engine import URL

from expatdesk.db.engine import make_engine
from expatdesk.db.migrate import alembic_config, upgrade


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print('usage: python -m expatdesk.db.revision "message"', file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(URL.create("sqlite", database=str(Path(folder) / "scratch.db")))
        with engine.begin() as connection:
            upgrade(connection)
            command.revision(alembic_config(connection), message=argv[0], autogenerate=True)
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
