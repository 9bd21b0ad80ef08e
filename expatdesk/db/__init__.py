"""Persistence: SQLAlchemy models, the engine for SQLite and PostgreSQL and its errors, opening a
database, Alembic migrations, roles and the audit trail."""
