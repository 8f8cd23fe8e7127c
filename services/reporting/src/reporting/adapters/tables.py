"""Tables of the reporting database (owned by this service alone)."""
from __future__ import annotations

from kinerja_shared.db import naming_metadata
from kinerja_shared.jobs import add_job_table
from kinerja_shared.messaging import add_messaging_tables

metadata = naming_metadata()
outbox, inbox = add_messaging_tables(metadata)
job = add_job_table(metadata)  # background jobs with status and progress
