"""Tables of the reporting database (owned by this service alone).

- ``*_ref`` / ``*_rm``: read models kept from other services' events only (identity, skp,
  penilaian), so reporting answers while they are down. Snapshots are kept by ``revisi`` (or
  ``versi``), deletions as tombstones (``dihapus``), status events by their time (``*_at``).
- ``angka_kredit_rm``, ``keberatan_rm``, ``pmm_nilai_rm``, ``pmm_log_rm``, ``sinkron_rm``: the
  angka-kredit rows (snapshot by ``revisi``, the PAK template once signed), the keberatan
  (snapshot by ``versi``), the teachers' PMM scores (by ``revisi`` per NIP and semester), the PMM
  sync log (lines never change) and integration's finished sync jobs.
- ``dokumen``: every PDF issued, by its verification code (what, whose, SHA-256 of the exact
  bytes, signers, when).
- ``berkas``: files made by jobs (Excel reports, zips), kept until ``kedaluwarsa_at``.
- ``massal`` / ``cetak_item``: a bulk print and its documents, each done once.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON, Boolean, Column, Date, DateTime, Index, Integer, Numeric, String, Table, Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

from kinerja_shared.db import naming_metadata
from kinerja_shared.jobs import add_job_table
from kinerja_shared.messaging import add_messaging_tables

metadata = naming_metadata()
outbox, inbox = add_messaging_tables(metadata)
job = add_job_table(metadata)  # background jobs with status and progress

ID = 64
Json = JSON().with_variant(JSONB(), "postgresql")

instansi_ref = Table(
    "instansi_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("nama", String(300), nullable=False),
    Column("kode", String(50)),
    Column("pengaturan", Json, nullable=False),
    Column("revisi", Integer, nullable=False),
)

unor_ref = Table(
    "unor_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("nama", String(300), nullable=False),
    Column("jenis", String(50)),
    Column("eselon", String(10)),
    Column("unor_atasan_id", String(ID)),
    Column("unor_induk_id", String(ID)),
    Column("mandiri", Boolean, nullable=False, default=False),
    Column("kota", String(100)),
    Column("dihapus", Boolean, nullable=False),
    Column("revisi", Integer, nullable=False),
)

pegawai_ref = Table(
    "pegawai_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("nip", String(32)),
    Column("nik", String(32)),
    Column("nama", String(200), nullable=False),
    Column("gelar_depan", String(50)),
    Column("gelar_belakang", String(100)),
    Column("unor_id", String(ID), index=True),
    Column("jenis_jabatan", String(20)),
    Column("jabatan", String(300)),
    Column("kategori_jabatan", String(20)),
    Column("jenjang", String(20)),
    Column("golongan", String(10)),
    Column("pangkat", String(60)),
    Column("tmt_jabatan", Date),
    Column("tmt_golongan", Date),
    Column("status_kepegawaian", String(30)),
    Column("tmt_status", Date),
    Column("non_asn", Boolean),
    Column("aktif", Boolean, nullable=False),
    Column("dihapus", Boolean, nullable=False),
    Column("revisi", Integer, nullable=False),
)

plt_plh_ref = Table(
    "plt_plh_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("pegawai_id", String(ID), nullable=False, index=True),
    Column("unor_id", String(ID), nullable=False),
    Column("jabatan", String(300)),
    Column("jenis", String(5), nullable=False),
    Column("mulai", Date, nullable=False),
    Column("selesai", Date),
    Column("aktif", Boolean, nullable=False),
    Column("dihapus", Boolean, nullable=False),
    Column("revisi", Integer, nullable=False),
)

periode_ref = Table(
    "periode_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("tahun", Integer, nullable=False),
    Column("nama", String(100), nullable=False),
    Column("awal", Date, nullable=False),
    Column("akhir", Date, nullable=False),
    Column("batas_pengisian", Date, nullable=False),
    Column("final", Boolean, nullable=False),
    Column("dihapus", Boolean, nullable=False),
    Column("revisi", Integer, nullable=False),
)

# An SKP: known from its first event (SkpDiajukan, ..., SkpDisetujui). ``revisi`` and
# ``snapshot`` are the newest approval's (0 and None before one); ``status`` moves by
# ``status_at`` (the event's time), so a late event never sets an older status.
skp_rm = Table(
    "skp_rm", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), index=True),
    Column("pegawai_id", String(ID), nullable=False, index=True),
    Column("unor_id", String(ID)),
    Column("jenis", String(10)),
    Column("pendekatan", String(20)),
    Column("model", String(20)),
    Column("periode_awal", Date),  # None while only a status event without dates was seen
    Column("periode_akhir", Date),
    Column("tahun", Integer),
    Column("status", String(20), nullable=False),
    Column("status_at", DateTime(timezone=True), nullable=False),
    Column("pejabat_penilai_id", String(ID)),
    Column("atasan_pejabat_penilai_id", String(ID)),
    Column("plt_unor_id", String(ID)),
    Column("revisi", Integer, nullable=False),
    Column("snapshot", Json),
)
Index("ix_skp_rm_instansi_id_tahun", skp_rm.c.instansi_id, skp_rm.c.tahun)

# A penilaian as its newest PenilaianDiperbarui (``versi``) left it; flat columns for the
# reports, the whole snapshot for the documents.
penilaian_rm = Table(
    "penilaian_rm", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False),
    Column("skp_id", String(ID), nullable=False, index=True),
    Column("pegawai_id", String(ID), nullable=False, index=True),
    Column("unor_id", String(ID)),
    Column("unor_induk_id", String(ID)),
    Column("periode_id", String(ID), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("model", String(20), nullable=False),
    Column("jenis_skp", String(10)),
    Column("status", String(20), nullable=False),
    Column("rating_hasil_kerja", String(30)),
    Column("rating_perilaku", String(30)),
    Column("predikat", String(30)),
    Column("nilai_skp", Numeric(8, 2)),
    Column("nilai_perilaku", Numeric(8, 2)),
    Column("nilai_kinerja", Numeric(8, 2)),
    Column("jumlah_realisasi", Integer, nullable=False),
    Column("pejabat_penilai_id", String(ID)),
    Column("atasan_pejabat_penilai_id", String(ID)),
    Column("dikirim_at", DateTime(timezone=True)),
    Column("ditetapkan_at", DateTime(timezone=True)),
    Column("revisi", Integer, nullable=False),
    Column("versi", Integer, nullable=False),
    Column("snapshot", Json, nullable=False),
)
Index("ix_penilaian_rm_instansi_id_tahun_periode_id", penilaian_rm.c.instansi_id,
      penilaian_rm.c.tahun, penilaian_rm.c.periode_id)

capaian_rm = Table(
    "capaian_rm", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID)),
    Column("unor_induk_id", String(ID), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("periode_id", String(ID)),
    Column("capaian", String(30), nullable=False),
    Column("final", Boolean, nullable=False),
    Column("diubah_at", DateTime(timezone=True), nullable=False),
)

# An angka kredit row (konversi or integrasi) as its newest AngkaKreditDitetapkan /
# PakDitandatangani (``revisi``) left it: flat columns for the report's filters, the whole
# snapshot for the documents; ``template`` is the PAK template PakDitandatangani named (a signed
# PAK never changes, so it is set once whatever the order).
angka_kredit_rm = Table(
    "angka_kredit_rm", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False),
    Column("pegawai_id", String(ID), nullable=False, index=True),
    Column("unor_id", String(ID)),
    Column("tahun", Integer, nullable=False),
    Column("sumber", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("aktif", Boolean, nullable=False),
    Column("metode_tanda_tangan", String(20)),
    Column("periode_awal", Date),
    Column("revisi", Integer, nullable=False),
    Column("snapshot", Json, nullable=False),
    Column("template", Json),
)
Index("ix_angka_kredit_rm_instansi_id_tahun", angka_kredit_rm.c.instansi_id,
      angka_kredit_rm.c.tahun)

# A keberatan as its newest KeberatanDiperbarui (``versi``) left it.
keberatan_rm = Table(
    "keberatan_rm", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False),
    Column("penilaian_id", String(ID), nullable=False, index=True),
    Column("pegawai_id", String(ID), nullable=False),
    Column("unor_id", String(ID)),
    Column("tahun", Integer, nullable=False),
    Column("status", String(30), nullable=False),
    Column("diajukan_at", DateTime(timezone=True), nullable=False),
    Column("versi", Integer, nullable=False),
    Column("snapshot", Json, nullable=False),
)
Index("ix_keberatan_rm_instansi_id_tahun", keberatan_rm.c.instansi_id, keberatan_rm.c.tahun)

# A teacher's PMM scores of one semester (PmmNilaiDiimpor), key ``nip:periode``, by ``revisi``.
pmm_nilai_rm = Table(
    "pmm_nilai_rm", metadata,
    Column("id", String(60), primary_key=True),
    Column("instansi_id", String(ID), nullable=False),
    Column("nip", String(32), nullable=False),
    Column("pegawai_id", String(ID)),
    Column("nama", String(200)),
    Column("tahun", Integer, nullable=False),
    Column("periode", String(20), nullable=False),
    Column("periode_awal", Date),
    Column("periode_akhir", Date),
    Column("tipe_skp", String(30)),
    Column("unor_id", String(ID)),
    Column("sekolah_npsn", String(20)),
    Column("sekolah_nama", String(300)),
    Column("daerah", String(200)),
    Column("rating_hasil_kerja", String(30)),
    Column("rating_perilaku", String(30)),
    Column("predikat", String(30)),
    Column("penilai_nip", String(32)),
    Column("revisi", Integer, nullable=False),
)
Index("ix_pmm_nilai_rm_instansi_id_tahun", pmm_nilai_rm.c.instansi_id, pmm_nilai_rm.c.tahun)

# One line of the PMM sync log (PmmSinkronDicatat); a line never changes.
pmm_log_rm = Table(
    "pmm_log_rm", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False),
    Column("sinkron_id", String(ID)),
    Column("nip", String(32), nullable=False),
    Column("nama", String(200)),
    Column("pegawai_id", String(ID)),
    Column("tipe_skp", String(30)),
    Column("periode", String(20)),
    Column("status", String(10), nullable=False),
    Column("kode", String(60)),
    Column("keterangan", Text),
    Column("catatan", Text),
    Column("waktu", DateTime(timezone=True), nullable=False),
)
Index("ix_pmm_log_rm_instansi_id_waktu", pmm_log_rm.c.instansi_id, pmm_log_rm.c.waktu)

# A finished sync job of integration (SinkronSelesai), the newest report of it by event time.
sinkron_rm = Table(
    "sinkron_rm", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("jenis", String(30), nullable=False),
    Column("sistem", String(10)),
    Column("arah", String(10)),
    Column("status", String(10), nullable=False),
    Column("tahun", Integer),
    Column("tambah", Integer, nullable=False),
    Column("ubah", Integer, nullable=False),
    Column("hapus", Integer, nullable=False),
    Column("gagal", Integer, nullable=False),
    Column("berhasil", Integer, nullable=False),
    Column("pesan", Text),
    Column("waktu_mulai", DateTime(timezone=True)),
    Column("waktu_selesai", DateTime(timezone=True)),
    Column("diubah_at", DateTime(timezone=True), nullable=False),
)

dokumen = Table(
    "dokumen", metadata,
    Column("kode", String(20), primary_key=True),
    Column("instansi_id", String(ID), index=True),
    Column("jenis", String(40), nullable=False),
    Column("judul", String(300), nullable=False),
    Column("sumber_id", String(ID), nullable=False),
    Column("pegawai_id", String(ID)),
    Column("pegawai_nip", String(32)),
    Column("pegawai_nama", String(300)),
    Column("penandatangan", Json, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("ukuran", Integer, nullable=False),
    Column("diterbitkan_at", DateTime(timezone=True), nullable=False),
    Column("diterbitkan_oleh", String(ID)),
    Column("job_id", String(36)),
)

berkas = Table(
    "berkas", metadata,
    Column("id", String(36), primary_key=True),  # the job's id: one file per job
    Column("instansi_id", String(ID)),
    Column("pemilik_id", String(ID)),
    Column("kunci", String(300), nullable=False),
    Column("nama", String(200), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("ukuran", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("dibuat_at", DateTime(timezone=True), nullable=False),
    Column("kedaluwarsa_at", DateTime(timezone=True), nullable=False, index=True),
)

massal = Table(
    "massal", metadata,
    Column("id", String(36), primary_key=True),  # the job POST /cetak/massal submitted
    Column("instansi_id", String(ID), nullable=False),
    Column("dibuat_oleh", String(ID)),
    Column("jenis", String(30), nullable=False),
    Column("params", Json, nullable=False),
    Column("total", Integer),
    Column("status", String(12), nullable=False),
    Column("zip_job_id", String(36)),
    Column("error", Text),
    Column("dibuat_at", DateTime(timezone=True), nullable=False),
    Column("selesai_at", DateTime(timezone=True)),
)

cetak_item = Table(
    "cetak_item", metadata,
    Column("massal_id", String(36), primary_key=True),
    Column("urutan", Integer, primary_key=True),
    Column("sumber_id", String(ID), nullable=False),
    Column("bagian", Integer, nullable=False),
    Column("nama", String(200), nullable=False),
    Column("kunci", String(300)),
    Column("kode", String(20)),
    Column("selesai", Boolean, nullable=False),
    UniqueConstraint("massal_id", "sumber_id"),
)
Index("ix_cetak_item_massal_id_bagian", cetak_item.c.massal_id, cetak_item.c.bagian)
