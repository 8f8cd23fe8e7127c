"""Alembic environment of this service (shared body)."""
from kinerja_shared.db.migrations import run_env

run_env()
