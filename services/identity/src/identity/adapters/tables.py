"""Tables of the identity database (owned by this service alone; created by migration 0002)."""
from __future__ import annotations

import sqlalchemy as sa

from kinerja_shared.db import naming_metadata
from kinerja_shared.messaging import add_messaging_tables

metadata = naming_metadata()
outbox, inbox = add_messaging_tables(metadata)

TS = sa.DateTime(timezone=True)
BigId = sa.BigInteger().with_variant(sa.Integer, "sqlite")

instansi = sa.Table(
    "instansi", metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("nama", sa.String(300), nullable=False),
    sa.Column("kode", sa.String(50), nullable=True, unique=True),
    sa.Column("pengaturan", sa.JSON, nullable=False),
    sa.Column("revisi", sa.Integer, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS, nullable=False),
)

unor = sa.Table(
    "unor", metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("instansi_id", sa.String(36), sa.ForeignKey("instansi.id"), nullable=False, index=True),
    sa.Column("kode", sa.String(100), nullable=True),
    sa.Column("nama", sa.String(500), nullable=False),
    sa.Column("jenis", sa.String(100), nullable=True),
    sa.Column("eselon", sa.String(20), nullable=True),
    sa.Column("unor_atasan_id", sa.String(36), sa.ForeignKey("unor.id"), nullable=True, index=True),
    sa.Column("unor_induk_id", sa.String(36), sa.ForeignKey("unor.id"), nullable=True, index=True),
    sa.Column("mandiri", sa.Boolean, nullable=False),
    sa.Column("kota", sa.String(200), nullable=True),
    sa.Column("revisi", sa.Integer, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS, nullable=False),
    sa.UniqueConstraint("instansi_id", "kode", name="uq_unor_instansi_kode"),
)

pegawai = sa.Table(
    "pegawai", metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("instansi_id", sa.String(36), sa.ForeignKey("instansi.id"), nullable=False, index=True),
    sa.Column("nip", sa.String(18), nullable=True, unique=True),
    sa.Column("nik", sa.String(16), nullable=True, unique=True),
    sa.Column("nama", sa.String(300), nullable=False),
    sa.Column("gelar_depan", sa.String(100), nullable=True),
    sa.Column("gelar_belakang", sa.String(100), nullable=True),
    sa.Column("unor_id", sa.String(36), sa.ForeignKey("unor.id"), nullable=True, index=True),
    sa.Column("jenis_jabatan", sa.String(20), nullable=False),
    sa.Column("jabatan", sa.String(500), nullable=True),
    sa.Column("kategori_jabatan", sa.String(20), nullable=True),
    sa.Column("jenjang", sa.String(20), nullable=True),
    sa.Column("golongan", sa.String(10), nullable=True),
    sa.Column("tmt_jabatan", sa.Date, nullable=True),
    sa.Column("email", sa.String(320), nullable=True),
    # migration 0007: TMT of the golongan, status kepegawaian (domain/kepegawaian.py) and its TMT
    sa.Column("tmt_golongan", sa.Date, nullable=True),
    sa.Column("status_kepegawaian", sa.String(20), nullable=False, server_default="AKTIF"),
    sa.Column("tmt_status", sa.Date, nullable=True),
    sa.Column("roles", sa.JSON, nullable=False),
    sa.Column("non_asn", sa.Boolean, nullable=False),
    sa.Column("aktif", sa.Boolean, nullable=False),
    sa.Column("password_hash", sa.String(300), nullable=True),
    sa.Column("password_changed_at", TS, nullable=True),
    sa.Column("revisi", sa.Integer, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS, nullable=False),
    # PostgreSQL only, in migration 0004: GIN trigram index on nama (ILIKE search) and
    # varchar_pattern_ops indexes on nip and nik (prefix search)
    # the definitive heads of an instansi, read by every relasi request (migration 0003)
    sa.Index("ix_pegawai_pimpinan", "instansi_id",
             postgresql_where=sa.text("jenis_jabatan = 'PIMPINAN'"),
             sqlite_where=sa.text("jenis_jabatan = 'PIMPINAN'")),
    # search by status within an instansi (migration 0007)
    sa.Index("ix_pegawai_instansi_status", "instansi_id", "status_kepegawaian"),
)

plt_plh = sa.Table(
    "plt_plh", metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("instansi_id", sa.String(36), sa.ForeignKey("instansi.id"), nullable=False, index=True),
    sa.Column("pegawai_id", sa.String(36), sa.ForeignKey("pegawai.id"), nullable=False, index=True),
    sa.Column("unor_id", sa.String(36), sa.ForeignKey("unor.id"), nullable=False, index=True),
    sa.Column("jabatan", sa.String(500), nullable=True),
    sa.Column("jenis", sa.String(3), nullable=False),
    sa.Column("mulai", sa.Date, nullable=False),
    sa.Column("selesai", sa.Date, nullable=True),
    sa.Column("aktif", sa.Boolean, nullable=False),
    sa.Column("revisi", sa.Integer, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS, nullable=False),
)

periode = sa.Table(
    "periode", metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("instansi_id", sa.String(36), sa.ForeignKey("instansi.id"), nullable=False),
    sa.Column("tahun", sa.Integer, nullable=False),
    sa.Column("nama", sa.String(200), nullable=False),
    sa.Column("awal", sa.String(5), nullable=False),
    sa.Column("akhir", sa.String(5), nullable=False),
    sa.Column("batas_pengisian", sa.String(5), nullable=False),
    sa.Column("final", sa.Boolean, nullable=False),
    sa.Column("revisi", sa.Integer, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS, nullable=False),
    sa.Index("ix_periode_instansi_tahun", "instansi_id", "tahun"),
    # one final period per instansi and year, also under concurrent writers
    sa.Index("uq_periode_final", "instansi_id", "tahun", unique=True,
             postgresql_where=sa.text("final"), sqlite_where=sa.text("final")),
)

relasi_manual = sa.Table(
    "relasi_manual", metadata,
    sa.Column("pegawai_id", sa.String(36), sa.ForeignKey("pegawai.id"), primary_key=True),
    sa.Column("instansi_id", sa.String(36), nullable=False, index=True),
    sa.Column("atasan_langsung_id", sa.String(36), nullable=True),
    sa.Column("atasan_ii_id", sa.String(36), nullable=True),
    sa.Column("atasan_iii_id", sa.String(36), nullable=True),
    sa.Column("rekan_kerja_ids", sa.JSON, nullable=False),
    sa.Column("bawahan_ids", sa.JSON, nullable=False),
    sa.Column("revisi", sa.Integer, nullable=False),
    sa.Column("updated_at", TS, nullable=False),
)

signing_key = sa.Table(
    "signing_key", metadata,
    sa.Column("kid", sa.String(100), primary_key=True),
    # PKCS#8 PEM. Production should load signing keys from a secret store (docs/services/identity.md).
    sa.Column("private_pem", sa.Text, nullable=False),
    sa.Column("public_jwk", sa.JSON, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    # published from created_at, signs from signs_from (identity.adapters.keystore)
    sa.Column("signs_from", TS, nullable=False),
    sa.Column("retired_at", TS, nullable=True),
)

# rotating refresh tokens of login sessions (migration 0008, service_layer/sesi_login.py): one
# row per token; the session (``sesi_id``) is the token family
sesi_refresh = sa.Table(
    "sesi_refresh", metadata,
    sa.Column("id", sa.String(36), primary_key=True),  # the token's public part
    sa.Column("sesi_id", sa.String(36), nullable=False, index=True),
    sa.Column("pegawai_id", sa.String(36), sa.ForeignKey("pegawai.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("rahasia_hash", sa.String(64), nullable=False),  # sha256 of the secret part
    sa.Column("dibuat_at", TS, nullable=False),
    sa.Column("berlaku_sampai", TS, nullable=False),  # the session's end, same for the family
    sa.Column("dipakai_at", TS, nullable=True),  # rotated: a new token replaced it
    sa.Column("dicabut_at", TS, nullable=True),  # the session was ended (logout, reuse)
)

login_attempt = sa.Table(
    "login_attempt", metadata,
    sa.Column("key", sa.String(200), primary_key=True),  # "nip:<nip>" or "ip:<address>"
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("window_started_at", TS, nullable=False),
    sa.Column("locked_until", TS, nullable=True),
)

riwayat = sa.Table(
    "riwayat", metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("instansi_id", sa.String(36), nullable=True, index=True),
    sa.Column("entitas", sa.String(30), nullable=False),
    sa.Column("entitas_id", sa.String(36), nullable=False),
    sa.Column("aksi", sa.String(20), nullable=False),
    sa.Column("oleh_pegawai_id", sa.String(36), nullable=True),
    sa.Column("oleh_nip", sa.String(18), nullable=True),
    sa.Column("waktu", TS, nullable=False),
    sa.Column("sebelum", sa.JSON, nullable=True),
    sa.Column("sesudah", sa.JSON, nullable=True),
    sa.Index("ix_riwayat_entitas", "entitas", "entitas_id"),
)
