"""Tables of the integration database (owned by this service alone; migration 0004; PMM's in
``pmm_tables.py``, migration 0005)."""
from __future__ import annotations

from sqlalchemy import (JSON, BigInteger, Boolean, Column, DateTime, Index, Integer, String,
                        Table, Text, UniqueConstraint)

from kinerja_shared.db import naming_metadata
from kinerja_shared.jobs import add_job_table
from kinerja_shared.messaging import add_messaging_tables

metadata = naming_metadata()
outbox, inbox = add_messaging_tables(metadata)
job = add_job_table(metadata)  # the platform's job table (integration runs its own queue)

ID = 64
TS = DateTime(timezone=True)
BigId = BigInteger().with_variant(Integer, "sqlite")

# per instansi: its SIASN instansi id (API.md: the pull is "matched by its SIASN instansi id")
pengaturan = Table(
    "pengaturan", metadata,
    Column("instansi_id", String(ID), primary_key=True),
    Column("siasn_instansi_id", String(100)),
    Column("diubah_at", TS, nullable=False),
    Column("diubah_oleh", String(ID)),
)

# a sync job: pull from SIASN or PMM, push to SIASN; queued per instansi (service_layer/antrean)
sinkron = Table(
    "sinkron", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False),
    Column("sistem", String(10), nullable=False),  # SIASN | PMM
    Column("arah", String(10), nullable=False),  # TARIK | KIRIM
    Column("jenis", String(30), nullable=False),
    Column("tahun", Integer),
    Column("status", String(12), nullable=False),  # MENUNGGU BERJALAN SELESAI GAGAL
    Column("params", JSON, nullable=False),
    Column("induk_id", String(ID)),  # the job whose failures this one retries
    Column("waktu_request", TS, nullable=False),
    Column("waktu_mulai", TS),
    Column("waktu_selesai", TS),
    Column("user_request", String(ID)),
    Column("user_nama", String(300)),
    Column("tambah", Integer, nullable=False, default=0),
    Column("ubah", Integer, nullable=False, default=0),
    Column("hapus", Integer, nullable=False, default=0),
    Column("gagal", Integer, nullable=False, default=0),
    Column("berhasil", Integer, nullable=False, default=0),
    Column("total", Integer),
    Column("pesan", Text),
    Column("percobaan", Integer, nullable=False, default=0),
    Column("lease_until", TS),
    Column("pekerja", String(100)),
    Index("ix_sinkron_antrean", "status", "waktu_request"),
    Index("ix_sinkron_instansi", "instansi_id", "jenis", "waktu_request"),
)

# per record of a job: what was done (and for a push, exactly what was sent)
sinkron_item = Table(
    "sinkron_item", metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("sinkron_id", String(ID), nullable=False),
    Column("kunci", String(200), nullable=False),
    Column("nip", String(32)),
    Column("nama", String(300)),
    Column("aksi", String(10), nullable=False),  # TAMBAH UBAH HAPUS
    Column("status", String(10), nullable=False),  # MENUNGGU BERHASIL GAGAL
    Column("alasan", Text),
    Column("payload", JSON),
    Column("siasn_id", String(100)),
    Column("waktu", TS, nullable=False),
    UniqueConstraint("sinkron_id", "kunci", name="uq_sinkron_item_kunci"),
    Index("ix_sinkron_item_status", "sinkron_id", "status"),
)

# what the last pull of an instansi saw at SIASN, per record (the diff of the next pull)
siasn_pegawai = Table(
    "siasn_pegawai", metadata,
    Column("nip", String(32), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("siasn_id", String(100), index=True),
    Column("hash", String(64)),
    Column("revisi", Integer, nullable=False),
    Column("aktif", Boolean, nullable=False),
    Column("data", JSON),
    Column("diubah_at", TS, nullable=False),
)

siasn_unor = Table(
    "siasn_unor", metadata,
    Column("siasn_id", String(100), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("hash", String(64)),
    Column("revisi", Integer, nullable=False),
    Column("aktif", Boolean, nullable=False),
    Column("data", JSON),
    Column("diubah_at", TS, nullable=False),
)

# a record to push (annual or periodic predikat, angka kredit) and its push state
rekaman = Table(
    "rekaman", metadata,
    Column("kunci", String(200), primary_key=True),
    Column("jenis", String(20), nullable=False),  # skp22 | kinerjaperiodik | angkakredit
    Column("instansi_id", String(ID), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("pegawai_id", String(ID)),
    Column("nip", String(32)),
    Column("nama", String(300)),
    Column("sumber_id", String(ID), nullable=False),  # penilaian_id / angka_kredit_id
    Column("sumber_revisi", Integer, nullable=False),
    Column("ditetapkan_at", TS),
    Column("data", JSON, nullable=False),  # what the payload is built from
    Column("diterima_at", TS, nullable=False),
    # push state
    Column("siasn_id", String(100)),  # SIASN's id of the record (updates name it)
    Column("hash_terkirim", String(64)),  # content last sent successfully
    Column("terkirim_at", TS),
    Column("ragu", Boolean, nullable=False, default=False),  # sent, outcome not recorded
    Column("status_kirim", String(10)),  # BERHASIL | GAGAL | None (never tried)
    Column("alasan", Text),
    Index("ix_rekaman_instansi", "instansi_id", "tahun", "jenis"),
)

# the change feeds pipelines read: per instansi, ``seq`` in commit order (feed_urutan)
feed = Table(
    "feed", metadata,
    Column("instansi_id", String(ID), primary_key=True),
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("jenis", String(20), nullable=False),  # PREDIKAT | ANGKA_KREDIT | SINKRON
    Column("kunci", String(200), nullable=False),
    Column("tahun", Integer),
    Column("data", JSON, nullable=False),
    Column("dibuat_at", TS, nullable=False),
    Index("ix_feed_jenis", "instansi_id", "jenis", "seq"),
)

feed_urutan = Table(
    "feed_urutan", metadata,
    Column("instansi_id", String(ID), primary_key=True),
    Column("seq", BigInteger, nullable=False),
)

# service accounts of pipelines (OAuth2 client credentials), one instansi each
klien = Table(
    "klien", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("nama", String(200), nullable=False),
    Column("client_id", String(100), nullable=False, unique=True),
    Column("secret_hash", String(64), nullable=False),  # sha256 of a 256-bit random secret
    Column("scopes", JSON, nullable=False),
    Column("aktif", Boolean, nullable=False),
    Column("dibuat_at", TS, nullable=False),
    Column("dibuat_oleh", String(ID)),
    Column("dicabut_at", TS),
)

token_klien = Table(
    "token_klien", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("klien_id", String(ID), nullable=False, index=True),
    Column("instansi_id", String(ID), nullable=False),
    Column("scopes", JSON, nullable=False),
    Column("kedaluwarsa_at", TS, nullable=False),
    Column("dibuat_at", TS, nullable=False),
)

webhook = Table(
    "webhook", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("url", String(2000), nullable=False),
    Column("jenis", JSON, nullable=False),  # feed kinds delivered: PREDIKAT, ANGKA_KREDIT, ...
    Column("rahasia", String(100), nullable=False),  # HMAC key (shown once at creation)
    Column("aktif", Boolean, nullable=False),
    Column("dibuat_at", TS, nullable=False),
    Column("dibuat_oleh", String(ID)),
)

pengiriman_webhook = Table(
    "pengiriman_webhook", metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("webhook_id", String(ID), nullable=False),
    Column("instansi_id", String(ID), nullable=False),
    Column("event_id", String(ID), nullable=False, unique=True),  # idempotency key
    Column("jenis", String(20), nullable=False),
    Column("feed_seq", BigInteger, nullable=False),
    Column("body", Text, nullable=False),
    Column("status", String(10), nullable=False),  # MENUNGGU TERKIRIM GAGAL
    Column("percobaan", Integer, nullable=False, default=0),
    Column("berikut_at", TS, nullable=False),
    Column("status_http", Integer),
    Column("galat", Text),
    Column("dibuat_at", TS, nullable=False),
    Column("terkirim_at", TS),
    Index("ix_pengiriman_antrean", "status", "berikut_at"),
    Index("ix_pengiriman_webhook", "webhook_id", "id"),
)

# identity's pegawai and unor as integration needs them (PMM checks, periodic koefisien)
pegawai_ref = Table(
    "pegawai_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("nip", String(32), index=True),
    Column("nama", String(300), nullable=False),
    Column("gelar_depan", String(100)),
    Column("gelar_belakang", String(100)),
    Column("unor_id", String(ID)),
    Column("jabatan", String(500)),
    Column("kategori_jabatan", String(20)),
    Column("jenjang", String(20)),
    Column("golongan", String(10)),
    Column("aktif", Boolean, nullable=False),
    Column("dihapus", Boolean, nullable=False),
    Column("revisi", Integer, nullable=False),
)

unor_ref = Table(
    "unor_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("nama", String(500), nullable=False),
    Column("unor_atasan_id", String(ID)),
    Column("kota", String(200)),
    Column("dihapus", Boolean, nullable=False),
    Column("revisi", Integer, nullable=False),
)


from . import pmm_tables  # noqa: E402,F401  (PMM's tables join the same metadata)
