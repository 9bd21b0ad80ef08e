"""The type of a database's address, for the layers that must not import SQLAlchemy (the GUI).

A :data:`DatabaseUrl` is what :func:`expatdesk.db.database.parse_url` returns: its backend name,
user name and a copy without credentials are all the GUI asks of it.
"""

from __future__ import annotations

from typing import TypeAlias

from sqlalchemy.engine import URL

__all__ = ["DatabaseUrl"]

DatabaseUrl: TypeAlias = URL
