"""Persistence: SQLAlchemy models, the engine for SQLite and PostgreSQL, Alembic migrations."""
