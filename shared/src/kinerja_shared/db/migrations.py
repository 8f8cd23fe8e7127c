"""Alembic per service: each service keeps ``migrations/`` (env.py, versions/) and this module
runs them programmatically (the embedded runner, ``kinerja migrate``, tests)."""
from __future__ import annotations

from alembic import command
from alembic.config import Config

from ..db.engine import make_engine


def alembic_config(definition, url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(definition.migrations_dir))
    cfg.set_main_option("sqlalchemy.url", url)
    cfg.attributes["kinerja_definition"] = definition
    return cfg


def upgrade(definition, url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(definition, url), revision)


def downgrade(definition, url: str, revision: str) -> None:
    command.downgrade(alembic_config(definition, url), revision)


def run_env() -> None:
    """Body of every service's ``migrations/env.py``."""
    from alembic import context

    cfg = context.config
    definition = cfg.attributes.get("kinerja_definition")
    if definition is None:  # invoked by the alembic CLI: find the service by its folder
        from pathlib import Path

        from ..runtime.definition import load_definitions

        here = Path(cfg.get_main_option("script_location")).resolve()
        definition = next(d for d in load_definitions().values()
                          if Path(d.migrations_dir).resolve() == here)
    url = cfg.get_main_option("sqlalchemy.url")
    if not url:
        from ..config import ServiceSettings

        url = ServiceSettings.from_env(definition.name).database_url
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=definition.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_object=_not_a_platform_table,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


# Tables the platform keeps in every service's database without the service declaring them in
# its metadata (autogenerate must not propose dropping them).
PLATFORM_TABLES = frozenset({"sesi_dicabut"})


def _not_a_platform_table(obj, name, type_, reflected, compare_to) -> bool:
    return not (type_ == "table" and reflected and compare_to is None and name in PLATFORM_TABLES)


def create_messaging_tables_v1(op) -> None:
    """The outbox and inbox tables as every service's first migration creates them."""
    import sqlalchemy as sa

    op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True,
                  autoincrement=True),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("routing_key", sa.String(200), nullable=False),
        sa.Column("aggregate_id", sa.String(100), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("event_id", name="uq_outbox_event_id"),
    )
    op.create_index("ix_outbox_unsent", "outbox", ["id"],
                    postgresql_where=sa.text("sent_at IS NULL"),
                    sqlite_where=sa.text("sent_at IS NULL"))
    op.create_table(
        "inbox",
        sa.Column("consumer", sa.String(100), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("consumer", "event_id", name="pk_inbox"),
    )


def create_job_table_v1(op) -> None:
    """The background-job table (``kinerja_shared.jobs``) as a service with jobs creates it."""
    import sqlalchemy as sa
    from sqlalchemy.dialects import postgresql

    json_type = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
    op.create_table(
        "job",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("jenis", sa.String(100), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("progres", sa.Integer, nullable=False, server_default="0"),
        sa.Column("total", sa.Integer, nullable=True),
        sa.Column("selesai", sa.Integer, nullable=False, server_default="0"),
        sa.Column("params", json_type, nullable=False),
        sa.Column("hasil", json_type, nullable=True),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("instansi_id", sa.String(100), nullable=True),
        sa.Column("dibuat_oleh", sa.String(100), nullable=True),
        sa.Column("percobaan", sa.Integer, nullable=False, server_default="0"),
        sa.Column("dibuat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("mulai_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("selesai_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_job"),
    )
    op.create_index("ix_job_instansi_id_dibuat_at", "job", ["instansi_id", "dibuat_at"])
    op.create_index("ix_job_status", "job", ["status"])


def create_sesi_dicabut_table_v1(op) -> None:
    """The revoked-sessions table (``kinerja_shared.auth.revocation``) every service has: per
    pegawai, tokens issued before ``dicabut_sebelum`` are refused. Each service adds a
    migration calling this; the platform's SesiDicabut handler and ``login_required`` use it."""
    import sqlalchemy as sa

    op.create_table(
        "sesi_dicabut",
        sa.Column("pegawai_id", sa.String(100), nullable=False),
        sa.Column("dicabut_sebelum", sa.DateTime(timezone=True), nullable=False),
        sa.Column("alasan", sa.String(50), nullable=True),
        sa.PrimaryKeyConstraint("pegawai_id", name="pk_sesi_dicabut"),
    )


def drop_sesi_dicabut_table_v1(op) -> None:
    op.drop_table("sesi_dicabut")
