"""Fixtures of the reliability tests: a PostgreSQL server of their own (see servers.py)."""

from tests.reliability.servers import private_postgres

__all__ = ["private_postgres"]
