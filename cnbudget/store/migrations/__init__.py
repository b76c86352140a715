"""Alembic migrations of the cnbudget store (script location `cnbudget.store:migrations`)."""
