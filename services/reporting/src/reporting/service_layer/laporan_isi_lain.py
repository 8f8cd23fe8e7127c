"""The Excel reports fed by angka-kredit, integration and keberatan (the shape is
``laporan_isi``'s): ANGKA_KREDIT (BKN admin manual §2.12 "Laporan Angka Kredit"), KINERJA_GURU
(§2.8, the teachers' PMM scores), LOG_PMM (§2.10, the PMM sync log, with a second sheet of the
sync jobs) and KEBERATAN (§2.7, the keberatan monitoring list)."""
from __future__ import annotations

from datetime import date, datetime, time, timezone
from decimal import ROUND_HALF_UP
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select

from ..adapters.excel import Kolom
from ..adapters.tables import (
    angka_kredit_rm, keberatan_rm, pegawai_ref, pmm_log_rm, pmm_nilai_rm, sinkron_rm,
)
from ..domain import teks
from .laporan_isi import Jenis, Permintaan, _count, _dalam, _stream

TIGA = teks.TIGA


def _lokal(value: datetime | None, zona: str) -> datetime | None:
    """A UTC time as a wall-clock time of the zone (Excel cells have no zone)."""
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite hands back naive UTC
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(ZoneInfo(zona)).replace(tzinfo=None)


def _tahun_utc(q: Permintaan) -> tuple[datetime, datetime]:
    """The year in the instansi's zone as UTC instants (SQLite compares stored UTC text)."""
    zona = ZoneInfo(q.zona)
    return tuple(datetime.combine(date(y, 1, 1), time(), zona).astimezone(timezone.utc)
                 for y in (q.tahun, q.tahun + 1))


def _tgl(value) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value not in (None, "") else None


def _ak(value):
    d = teks.desimal(value)
    return None if d is None else d.quantize(TIGA, rounding=ROUND_HALF_UP)


# -- ANGKA_KREDIT: the current AK rows (konversi and integrasi) of the year --------------------

def _ak_stmt(q: Permintaan):
    a = angka_kredit_rm
    stmt = (select(a.c.id, a.c.unor_id, a.c.status, a.c.sumber, a.c.metode_tanda_tangan,
                   a.c.snapshot, pegawai_ref.c.nama.label("nama_kini"))
            .select_from(a.outerjoin(pegawai_ref, pegawai_ref.c.id == a.c.pegawai_id))
            .where(a.c.instansi_id == q.cakupan.instansi_id, a.c.tahun == q.tahun,
                   _dalam(a.c.unor_id, q))
            .order_by(a.c.snapshot[("pegawai", "nama")].as_string(), a.c.pegawai_id,
                      a.c.periode_awal, a.c.id))
    if q.status:
        stmt = stmt.where(a.c.status == q.status)
    else:  # the current rows: neither superseded nor cancelled
        stmt = stmt.where(a.c.aktif.is_(True), a.c.status != "DIBATALKAN")
    if q.saring.get("sumber"):
        stmt = stmt.where(a.c.sumber == q.saring["sumber"])
    if q.saring.get("metode_tanda_tangan"):
        stmt = stmt.where(a.c.metode_tanda_tangan == q.saring["metode_tanda_tangan"])
    return stmt


def _ak_baris(conn, q: Permintaan):
    nama = q.cakupan.nama_unor
    for r in _stream(conn, _ak_stmt(q)):
        snap = r.snapshot
        peg, jab = snap.get("pegawai") or {}, snap.get("jabatan") or {}
        ttd = (teks.label(teks.METODE_TTD, r.metode_tanda_tangan)
               if r.status == "DITANDATANGANI" else "Belum")
        yield (peg.get("id"), peg.get("nip"),
               teks.nama_lengkap(peg.get("nama"), peg.get("gelar_depan"), peg.get("gelar_belakang")),
               nama.get(r.unor_id) or jab.get("unor_nama") or "-",
               _tgl(snap.get("periode_awal")), _tgl(snap.get("periode_akhir")),
               teks.label(teks.STATUS_AK, r.status), jab.get("pangkat"), jab.get("golongan"),
               _tgl(jab.get("tmt_golongan")), jab.get("jabatan"), _tgl(jab.get("tmt_jabatan")),
               snap.get("nomor_sk"), _tgl(snap.get("tanggal_sk")),
               teks.label(teks.PREDIKAT, snap.get("predikat"), None)
               if r.sumber == "KONVERSI" else None,
               _ak(snap.get("angka_kredit")), _ak(snap.get("ak_baru")), ttd,
               teks.label(teks.SUMBER_AK, r.sumber))


ANGKA_KREDIT = Jenis(
    "LAPORAN PENETAPAN ANGKA KREDIT",
    (Kolom("No", 6, "angka"), Kolom("ID Pegawai", 14), Kolom("NIP", 20), Kolom("Nama", 30),
     Kolom("Unit Kerja", 30), Kolom("Periode Awal", 12, "tanggal"),
     Kolom("Periode Akhir", 12, "tanggal"), Kolom("Status", 14), Kolom("Pangkat", 22),
     Kolom("Golongan", 9), Kolom("TMT Golongan", 12, "tanggal"), Kolom("Jabatan", 30),
     Kolom("TMT Jabatan", 12, "tanggal"), Kolom("Nomor SK", 24),
     Kolom("Tanggal SK", 12, "tanggal"), Kolom("Predikat Kinerja", 16),
     Kolom("Angka Kredit Diperoleh", 12, "ak"), Kolom("Angka Kredit Kumulatif", 12, "ak"),
     Kolom("Status TTD", 12), Kolom("Sumber", 11)),
    ("DRAFT", "DIAJUKAN", "DISETUJUI", "DITANDATANGANI", "DIBATALKAN"),
    lambda conn, q: _count(conn, _ak_stmt(q)), _ak_baris, periode=False,
    saringan={"sumber": ("KONVERSI", "INTEGRASI"), "metode_tanda_tangan": ("TTE", "TTD_BASAH")})


# -- KINERJA_GURU: the teachers' scores from PMM ----------------------------------------------

def _guru_stmt(q: Permintaan):
    n = pmm_nilai_rm
    stmt = (select(n).where(n.c.instansi_id == q.cakupan.instansi_id, n.c.tahun == q.tahun,
                            _dalam(n.c.unor_id, q))
            .order_by(n.c.nama, n.c.nip, n.c.periode))
    if q.saring.get("semester"):
        stmt = stmt.where(n.c.periode == f"{q.tahun}-{q.saring['semester']}")
    if q.status:
        stmt = stmt.where(n.c.predikat == q.status)
    return stmt


def _guru_baris(conn, q: Permintaan):
    nama = q.cakupan.nama_unor
    for r in _stream(conn, _guru_stmt(q)):
        yield (r.nip, r.nama, r.sekolah_nama, r.sekolah_npsn, r.daerah,
               nama.get(r.unor_id, "-") if r.unor_id else "-", r.periode,
               _tgl(r.periode_awal), _tgl(r.periode_akhir), teks.label(teks.TIPE_SKP_PMM, r.tipe_skp),
               teks.label(teks.RATING, r.rating_hasil_kerja),
               teks.label(teks.RATING, r.rating_perilaku), teks.label(teks.PREDIKAT, r.predikat),
               r.penilai_nip)


KINERJA_GURU = Jenis(
    "LAPORAN KINERJA GURU (PMM)",
    (Kolom("No", 6, "angka"), Kolom("NIP", 20), Kolom("Nama", 30),
     Kolom("Satuan Pendidikan", 30), Kolom("NPSN", 11), Kolom("Daerah", 20),
     Kolom("Unit Kerja", 30), Kolom("Periode", 10), Kolom("Periode Awal", 12, "tanggal"),
     Kolom("Periode Akhir", 12, "tanggal"), Kolom("Tipe SKP", 14),
     Kolom("Rating Hasil Kerja", 20), Kolom("Rating Perilaku Kerja", 20),
     Kolom("Predikat Kinerja", 18), Kolom("NIP Penilai", 20)),
    ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"),
    lambda conn, q: _count(conn, _guru_stmt(q)), _guru_baris, periode=False,
    saringan={"semester": ("S1", "S2")})


# -- LOG_PMM: every line of the PMM sync log of the year ---------------------------------------

def _log_stmt(q: Permintaan):
    g = pmm_log_rm
    awal, akhir = _tahun_utc(q)
    stmt = (select(g, pegawai_ref.c.unor_id)
            .select_from(g.outerjoin(pegawai_ref, pegawai_ref.c.id == g.c.pegawai_id))
            .where(g.c.instansi_id == q.cakupan.instansi_id,
                   or_(g.c.periode.like(f"{q.tahun}-%"),
                       and_(g.c.periode.is_(None), g.c.waktu >= awal, g.c.waktu < akhir)))
            .order_by(g.c.waktu, g.c.id))
    if q.cakupan.unor_ids is not None:
        stmt = stmt.where(_dalam(pegawai_ref.c.unor_id, q))
    if q.status:
        stmt = stmt.where(g.c.status == q.status)
    if q.saring.get("tipe_skp"):
        stmt = stmt.where(g.c.tipe_skp == q.saring["tipe_skp"])
    return stmt


def _log_baris(conn, q: Permintaan):
    for r in _stream(conn, _log_stmt(q)):
        yield (r.nip, r.nama, teks.label(teks.TIPE_SKP_PMM, r.tipe_skp), r.periode,
               teks.label(teks.STATUS_SINKRON, r.status), r.keterangan, r.catatan, r.kode,
               _lokal(r.waktu, q.zona))


RINGKASAN_SINKRON = (Kolom("ID Sinkron", 38), Kolom("Jenis", 12), Kolom("Status", 10),
                     Kolom("Mulai", 18, "waktu"), Kolom("Selesai", 18, "waktu"),
                     Kolom("Tambah", 8, "angka"), Kolom("Ubah", 8, "angka"),
                     Kolom("Hapus", 8, "angka"), Kolom("Gagal", 8, "angka"), Kolom("Pesan", 40))


def _ringkasan_sinkron(conn, q: Permintaan, sheet) -> None:
    """Second sheet of LOG_PMM: the PMM sync jobs that ended in the year, with their counts."""
    s = sinkron_rm
    awal, akhir = _tahun_utc(q)
    rows = conn.execute(select(s).where(
        s.c.instansi_id == q.cakupan.instansi_id, s.c.jenis == "PMM",
        s.c.diubah_at >= awal, s.c.diubah_at < akhir).order_by(s.c.diubah_at))
    sheet.lembar_tambahan("Ringkasan Sinkronisasi", RINGKASAN_SINKRON, (
        (r.id, r.jenis, r.status, _lokal(r.waktu_mulai, q.zona), _lokal(r.waktu_selesai, q.zona),
         r.tambah, r.ubah, r.hapus, r.gagal, r.pesan) for r in rows))


LOG_PMM = Jenis(
    "LOG SINKRONISASI PMM",
    (Kolom("No", 6, "angka"), Kolom("NIP", 20), Kolom("Nama", 30), Kolom("Tipe SKP", 14),
     Kolom("Periode", 10), Kolom("Status", 10), Kolom("Keterangan", 40), Kolom("Catatan", 50),
     Kolom("Kode", 20), Kolom("Waktu Sinkron", 18, "waktu")),
    ("BERHASIL", "GAGAL"),
    lambda conn, q: _count(conn, _log_stmt(q)), _log_baris, periode=False,
    saringan={"tipe_skp": ("GURU", "KEPALA_SEKOLAH")}, lembar=_ringkasan_sinkron)


# -- KEBERATAN: the keberatan filed in the year (the monitoring list of §2.7) -------------------

def _keberatan_stmt(q: Permintaan):
    k = keberatan_rm
    stmt = (select(k.c.unor_id, k.c.status, k.c.snapshot)
            .where(k.c.instansi_id == q.cakupan.instansi_id, k.c.tahun == q.tahun,
                   _dalam(k.c.unor_id, q))
            .order_by(k.c.diajukan_at, k.c.id))
    if q.status:
        stmt = stmt.where(k.c.status == q.status)
    if q.periode_id:
        stmt = stmt.where(k.c.snapshot[("periode", "id")].as_string() == q.periode_id)
    return stmt


def _nilai(n: dict | None) -> str | None:
    if not n:
        return None
    parts = []
    if n.get("rating_hasil_kerja") or n.get("rating_perilaku"):
        parts.append(f"Hasil Kerja: {teks.label(teks.RATING, n.get('rating_hasil_kerja'))}; "
                     f"Perilaku: {teks.label(teks.RATING, n.get('rating_perilaku'))}")
    for aspek, nilai in (n.get("nilai_perilaku_pp30") or {}).items():
        parts.append(f"{teks.label(teks.PERILAKU_PP30, aspek)}: {teks.angka(nilai)}")
    if n.get("nilai_kinerja") is not None:
        parts.append(f"Nilai Kinerja: {teks.angka(n['nilai_kinerja'])}")
    if n.get("predikat"):
        parts.append(f"Predikat: {teks.label(teks.PREDIKAT, n['predikat'])}")
    return "; ".join(parts) or None


def _keberatan_baris(conn, q: Permintaan):
    nama = q.cakupan.nama_unor
    for r in _stream(conn, _keberatan_stmt(q)):
        k = r.snapshot
        peg, pen, put = k.get("pegawai") or {}, k.get("pejabat_penilai") or {}, k.get("pemutus") or {}
        diajukan = datetime.fromisoformat(k["diajukan_at"]) if k.get("diajukan_at") else None
        yield (peg.get("nip"), peg.get("nama"), nama.get(r.unor_id, "-") if r.unor_id else "-",
               pen.get("nama"), put.get("nama"), (k.get("periode") or {}).get("nama"),
               teks.label(teks.STATUS_KEBERATAN, r.status), _lokal(diajukan, q.zona),
               k.get("alasan"), teks.label(teks.KEPUTUSAN_KEBERATAN, k.get("keputusan"), None),
               _nilai(k.get("sebelum")), _nilai(k.get("diminta")), _nilai(k.get("sesudah")))


KEBERATAN = Jenis(
    "LAPORAN KEBERATAN",
    (Kolom("No", 6, "angka"), Kolom("NIP", 20), Kolom("Pegawai yang Mengajukan", 30),
     Kolom("Unit Kerja", 30), Kolom("Penilai Kinerja", 30), Kolom("Atasan Penilai Kinerja", 30),
     Kolom("Periode", 14), Kolom("Status", 16), Kolom("Tanggal Pengajuan", 18, "waktu"),
     Kolom("Alasan", 40), Kolom("Keputusan", 12), Kolom("Sebelum Keberatan", 36),
     Kolom("Permintaan Pegawai", 36), Kolom("Sesudah Keberatan", 36)),
    ("DIAJUKAN", "DIJELASKAN", "DISANGGAH_ATASAN", "DISANGGAH_PENILAI", "DISETUJUI", "DITOLAK",
     "DITARIK", "TERLAMBAT"),
    lambda conn, q: _count(conn, _keberatan_stmt(q)), _keberatan_baris)
