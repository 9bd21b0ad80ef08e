"""Alembic migrations of the ExpatDesk schema."""
