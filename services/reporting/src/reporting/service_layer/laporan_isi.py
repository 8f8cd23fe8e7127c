"""What each Excel report holds: its title, its columns (BKN admin manual §2.12, in
Indonesian) and its rows, streamed from the read models in print order.

A report is ``Jenis(judul, kolom, filter, hitung, baris)``: ``hitung(conn, q)`` counts the rows
to come (the job's total), ``baris(conn, q)`` yields them as tuples in column order without the
leading number. ``q`` is a ``Permintaan``: the filters and the scope (``cakupan.Cakupan``).
Queries stream (``yield_per``), so memory does not grow with the row count.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import aliased

from ..adapters.excel import Kolom
from ..adapters.tables import pegawai_ref, penilaian_rm, periode_ref, skp_rm
from ..domain import kepatuhan as kp
from ..domain import teks
from ..domain.penilaian import dinilai, status_efektif
from .cakupan import Cakupan

STREAM = 2000


@dataclass
class Permintaan:
    tahun: int
    cakupan: Cakupan
    periode_id: str | None = None
    status: str | None = None
    dikecualikan: tuple[str, ...] = ()
    rekap: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    saring: dict[str, str] = field(default_factory=dict)  # the report's own filters (below)
    zona: str = "Asia/Jakarta"  # times are printed in this zone


@dataclass(frozen=True)
class Jenis:
    judul: str
    kolom: tuple[Kolom, ...]
    status: tuple[str, ...]  # values the status filter accepts (empty: no status filter)
    hitung: Callable[[Any, Permintaan], int]
    baris: Callable[[Any, Permintaan], Iterator[tuple]]
    periode: bool = True  # whether a periode filter applies
    # filters of this report alone: name -> the values it accepts (``sumber``, ``metode``, ...)
    saringan: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a second sheet written after the rows: ``lembar(conn, q, sheet)``
    lembar: Callable[[Any, Permintaan, Any], None] | None = None


def _dalam(column, q: Permintaan):
    ids = q.cakupan.unor_ids
    return literal(True) if ids is None else column.in_(sorted(ids))


def _count(conn, stmt) -> int:
    return conn.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar()


def _stream(conn, stmt):
    return conn.execution_options(stream_results=True, yield_per=STREAM).execute(stmt)


# -- RENCANA_SKP_TAHUNAN: every pegawai with the SKPs of the year (or none) -------------------

def _rencana_stmt(q: Permintaan):
    s = skp_rm
    stmt = (select(pegawai_ref.c.id, pegawai_ref.c.kategori_jabatan, pegawai_ref.c.unor_id,
                   pegawai_ref.c.nip, pegawai_ref.c.nama, pegawai_ref.c.jabatan, s.c.id.label("skp_id"),
                   s.c.unor_id.label("skp_unor_id"), s.c.snapshot[("pegawai", "jabatan")].as_string().label("x"),
                   s.c.jenis, s.c.status, s.c.model, s.c.periode_awal, s.c.periode_akhir,
                   s.c.plt_unor_id)
            .select_from(pegawai_ref.outerjoin(s, and_(s.c.pegawai_id == pegawai_ref.c.id,
                                                       s.c.tahun == q.tahun)))
            .where(pegawai_ref.c.instansi_id == q.cakupan.instansi_id,
                   pegawai_ref.c.dihapus.is_(False), _dalam(pegawai_ref.c.unor_id, q))
            .order_by(pegawai_ref.c.nama, pegawai_ref.c.id, s.c.periode_awal))
    if q.status == "BELUM_ADA":
        stmt = stmt.where(s.c.id.is_(None))
    elif q.status:
        stmt = stmt.where(s.c.status == q.status)
    return stmt


def _rencana_baris(conn, q: Permintaan):
    nama, induk = q.cakupan.nama_unor, q.cakupan.induk_unor
    for r in _stream(conn, _rencana_stmt(q)):
        ada = r.skp_id is not None
        yield (r.id, teks.label({}, r.kategori_jabatan), nama.get(r.unor_id, "-"), r.nip,
               r.nama, r.jabatan, teks.ya_tidak(ada),
               nama.get(r.skp_unor_id, "-") if ada else None,
               nama.get(induk.get(r.skp_unor_id), "-") if ada else None,
               (r.x or r.jabatan) if ada else None, teks.label(teks.JENIS_SKP, r.jenis) if ada else None,
               teks.label(teks.STATUS_SKP, r.status) if ada else None,
               teks.label(teks.MODEL, r.model) if ada and r.model else None,
               r.periode_awal, r.periode_akhir,
               f"PLT/PLH {nama.get(r.plt_unor_id, '')}".strip() if r.plt_unor_id else None)


RENCANA_SKP_TAHUNAN = Jenis(
    "LAPORAN RENCANA SKP TAHUNAN",
    (Kolom("No", 6, "angka"), Kolom("ID Pegawai", 14), Kolom("Jenis Jabatan", 16),
     Kolom("Unit Kerja", 30), Kolom("NIP", 20), Kolom("Nama", 30), Kolom("Jabatan", 30),
     Kolom("Memiliki SKP", 10), Kolom("Unit Kerja SKP", 30), Kolom("Unit Kerja Induk SKP", 30),
     Kolom("Jabatan SKP", 30), Kolom("Jenis SKP", 10), Kolom("Status SKP", 20),
     Kolom("Model SKP", 20), Kolom("Periode Awal", 12, "tanggal"),
     Kolom("Periode Akhir", 12, "tanggal"), Kolom("PLT/PLH", 24)),
    ("BELUM_ADA", "DRAFT", "DIAJUKAN", "DIKEMBALIKAN", "DISETUJUI"),
    lambda conn, q: _count(conn, _rencana_stmt(q)), _rencana_baris, periode=False)


# -- PENILAIAN_SKP: one row per penilaian (approved SKP x period), filled in or not ----------

def _penilaian_stmt(q: Permintaan):
    s, p, per, g = skp_rm, penilaian_rm, periode_ref, pegawai_ref
    pp = aliased(pegawai_ref)
    unor = func.coalesce(p.c.unor_id, s.c.unor_id, g.c.unor_id)
    stmt = (select(g.c.nip, g.c.nama, g.c.pangkat, g.c.golongan, g.c.jabatan,
                   unor.label("unor_id"), per.c.nama.label("periode"), s.c.jenis, s.c.model,
                   s.c.status.label("skp_status"), p.c.status, p.c.dikirim_at,
                   p.c.ditetapkan_at, p.c.rating_hasil_kerja, p.c.rating_perilaku,
                   p.c.predikat, p.c.nilai_skp, p.c.nilai_perilaku, p.c.nilai_kinerja,
                   pp.c.nip.label("penilai_nip"), pp.c.nama.label("penilai_nama"))
            .select_from(
                s.join(per, and_(per.c.instansi_id == s.c.instansi_id, per.c.tahun == q.tahun,
                                 per.c.dihapus.is_(False), per.c.awal <= s.c.periode_akhir,
                                 per.c.akhir >= s.c.periode_awal))
                .outerjoin(p, and_(p.c.skp_id == s.c.id, p.c.periode_id == per.c.id))
                .outerjoin(g, g.c.id == s.c.pegawai_id)
                .outerjoin(pp, pp.c.id == func.coalesce(p.c.pejabat_penilai_id,
                                                        s.c.pejabat_penilai_id)))
            .where(s.c.instansi_id == q.cakupan.instansi_id, s.c.revisi > 0, _dalam(unor, q))
            .order_by(g.c.nama, s.c.id, per.c.awal))
    if q.periode_id:
        stmt = stmt.where(per.c.id == q.periode_id)
    return stmt


def _penilaian_baris(conn, q: Permintaan):
    nama, induk = q.cakupan.nama_unor, q.cakupan.induk_unor
    for r in _stream(conn, _penilaian_stmt(q)):
        status = status_efektif(r.status or "DRAFT", skp_disetujui=r.skp_status == "DISETUJUI",
                                dikirim=r.dikirim_at is not None,
                                ditetapkan=r.ditetapkan_at is not None)
        if q.status and status != q.status:
            continue
        yield (r.nip, r.nama, teks.pangkat_golongan(r.pangkat, r.golongan), r.jabatan,
               nama.get(r.unor_id, "-"), nama.get(induk.get(r.unor_id), "-"), r.periode,
               teks.label(teks.JENIS_SKP, r.jenis), teks.label(teks.MODEL, r.model),
               teks.label(teks.STATUS_PENILAIAN, status),
               teks.label(teks.RATING, r.rating_hasil_kerja),
               teks.label(teks.RATING, r.rating_perilaku), teks.label(teks.PREDIKAT, r.predikat),
               r.nilai_skp, r.nilai_perilaku, r.nilai_kinerja, r.penilai_nip, r.penilai_nama,
               r.ditetapkan_at.date() if r.ditetapkan_at else None)


PENILAIAN_SKP = Jenis(
    "LAPORAN PENILAIAN SKP",
    (Kolom("No", 6, "angka"), Kolom("NIP", 20), Kolom("Nama", 30), Kolom("Pangkat/Golongan", 24),
     Kolom("Jabatan", 30), Kolom("Unit Kerja", 30), Kolom("Unit Kerja Induk", 30),
     Kolom("Periode", 18), Kolom("Jenis SKP", 10), Kolom("Model SKP", 20),
     Kolom("Status Penilaian", 14), Kolom("Rating Hasil Kerja", 20),
     Kolom("Rating Perilaku", 20), Kolom("Predikat Kinerja", 18),
     Kolom("Nilai SKP", 10, "angka"), Kolom("Nilai Perilaku", 10, "angka"),
     Kolom("Nilai Kinerja", 10, "angka"), Kolom("NIP Pejabat Penilai", 20),
     Kolom("Nama Pejabat Penilai", 30), Kolom("Tanggal Ditetapkan", 14, "tanggal")),
    ("DRAFT", "DIKIRIM", "DITETAPKAN", "DITUTUP"),
    lambda conn, q: _count(conn, _penilaian_stmt(q)), _penilaian_baris)


# -- JUMLAH_TIM: the teams of the Matriks Peran Hasil of the year --------------------------

def _tim(conn, q: Permintaan) -> tuple[Counter, Counter, Counter, Counter]:
    """Per pegawai: ketua and anggota in the matriks he made; times ketua and anggota in
    anyone's matriks (approved SKPs of the year of pimpinan, who alone make them)."""
    dibentuk_ketua, dibentuk_anggota, sebagai_ketua, sebagai_anggota = (Counter() for _ in "abcd")
    stmt = (select(skp_rm.c.pegawai_id, skp_rm.c.snapshot)
            .join(pegawai_ref, pegawai_ref.c.id == skp_rm.c.pegawai_id)
            .where(skp_rm.c.instansi_id == q.cakupan.instansi_id, skp_rm.c.tahun == q.tahun,
                   skp_rm.c.status == "DISETUJUI", pegawai_ref.c.jenis_jabatan == "PIMPINAN"))
    for owner, snap in _stream(conn, stmt):
        for rhk in (snap or {}).get("rhk", []):
            for baris in rhk.get("matriks_peran", []):
                ketua = baris.get("jabatan_tim") == "KETUA"
                (dibentuk_ketua if ketua else dibentuk_anggota)[owner] += 1
                (sebagai_ketua if ketua else sebagai_anggota)[baris["pegawai_id"]] += 1
    return dibentuk_ketua, dibentuk_anggota, sebagai_ketua, sebagai_anggota


def _pegawai_stmt(q: Permintaan):
    return (select(pegawai_ref.c.id, pegawai_ref.c.nip, pegawai_ref.c.nama, pegawai_ref.c.unor_id)
            .where(pegawai_ref.c.instansi_id == q.cakupan.instansi_id,
                   pegawai_ref.c.dihapus.is_(False), _dalam(pegawai_ref.c.unor_id, q))
            .order_by(pegawai_ref.c.nama, pegawai_ref.c.id))


def _tim_baris(conn, q: Permintaan):
    dk, da, sk, sa = _tim(conn, q)
    nama, induk = q.cakupan.nama_unor, q.cakupan.induk_unor
    for r in _stream(conn, _pegawai_stmt(q)):
        yield (r.id, r.nip, r.nama, nama.get(r.unor_id, "-"), q.tahun, dk[r.id], da[r.id],
               sk[r.id], sa[r.id], nama.get(induk.get(r.unor_id) or r.unor_id, "-"))


JUMLAH_TIM = Jenis(
    "LAPORAN JUMLAH TIM LINGKUP UNIT KERJA",
    (Kolom("No", 6, "angka"), Kolom("ID Pegawai", 14), Kolom("NIP", 20), Kolom("Nama", 30),
     Kolom("Unit Kerja", 30), Kolom("Tahun", 8, "angka"),
     Kolom("Jumlah Ketua Tim (dibentuk)", 14, "angka"),
     Kolom("Jumlah Anggota Tim (dibentuk)", 14, "angka"),
     Kolom("Jumlah Tim sebagai Ketua", 14, "angka"),
     Kolom("Jumlah Tim sebagai Anggota", 14, "angka"), Kolom("Unit Kerja Eselon II", 30)),
    (), lambda conn, q: _count(conn, _pegawai_stmt(q)), _tim_baris, periode=False)


# -- KEPATUHAN: who owes an SKP, realisasi, rating and lacks it --------------------------------

def _kepatuhan_stmt(q: Permintaan):
    skp = (select(skp_rm.c.pegawai_id, func.count().label("n"))
           .where(skp_rm.c.instansi_id == q.cakupan.instansi_id, skp_rm.c.tahun == q.tahun,
                  skp_rm.c.status == "DISETUJUI").group_by(skp_rm.c.pegawai_id).subquery())
    p = penilaian_rm
    rated = case((or_(and_(p.c.rating_hasil_kerja.is_not(None), p.c.rating_perilaku.is_not(None)),
                      p.c.nilai_kinerja.is_not(None)), 1), else_=0)
    pen = (select(p.c.pegawai_id, func.sum(p.c.jumlah_realisasi).label("realisasi"),
                  func.max(rated).label("dinilai"))
           .where(p.c.instansi_id == q.cakupan.instansi_id, p.c.tahun == q.tahun,
                  *( [p.c.periode_id == q.periode_id] if q.periode_id else []))
           .group_by(p.c.pegawai_id).subquery())
    g = pegawai_ref
    return (select(g.c.nip, g.c.nama, g.c.jabatan, g.c.unor_id, g.c.status_kepegawaian,
                   skp.c.n, pen.c.realisasi, pen.c.dinilai)
            .select_from(g.outerjoin(skp, skp.c.pegawai_id == g.c.id)
                         .outerjoin(pen, pen.c.pegawai_id == g.c.id))
            .where(g.c.instansi_id == q.cakupan.instansi_id, g.c.dihapus.is_(False),
                   or_(g.c.status_kepegawaian.is_(None),
                       g.c.status_kepegawaian.not_in(q.dikecualikan or ("-",))),
                   _dalam(g.c.unor_id, q))
            .order_by(g.c.unor_id, g.c.nama))


def _kepatuhan_baris(conn, q: Permintaan):
    nama = q.cakupan.nama_unor
    for r in _stream(conn, _kepatuhan_stmt(q)):
        k = kp.Kewajiban(skp_disetujui=bool(r.n), jumlah_realisasi=int(r.realisasi or 0),
                         dinilai=bool(r.dinilai))
        hasil = kp.status(k)
        q.rekap[r.unor_id or "-"][hasil] += 1
        if q.status and hasil != q.status:
            continue
        yield (nama.get(r.unor_id, "-"), r.nip, r.nama, r.jabatan,
               teks.label({}, r.status_kepegawaian or "AKTIF"), teks.ya_tidak(k.skp_disetujui),
               k.jumlah_realisasi, teks.ya_tidak(k.dinilai), teks.label({}, hasil),
               kp.KETERANGAN[hasil])


KEPATUHAN = Jenis(
    "LAPORAN KEPATUHAN PENGISIAN KINERJA",
    (Kolom("No", 6, "angka"), Kolom("Unit Kerja", 30), Kolom("NIP", 20), Kolom("Nama", 30),
     Kolom("Jabatan", 30), Kolom("Status Kepegawaian", 16), Kolom("Memiliki SKP", 10),
     Kolom("Jumlah Realisasi", 10, "angka"), Kolom("Sudah Dinilai", 10),
     Kolom("Status Kepatuhan", 18), Kolom("Keterangan", 34)),
    (kp.TANPA_SKP, kp.TANPA_REALISASI, kp.TANPA_RATING, kp.PATUH),
    lambda conn, q: _count(conn, _kepatuhan_stmt(q)), _kepatuhan_baris)

REKAP_KEPATUHAN = (Kolom("Unit Kerja", 34), Kolom("Wajib", 10, "angka"),
                   Kolom("Tanpa SKP", 10, "angka"), Kolom("Tanpa Realisasi", 12, "angka"),
                   Kolom("Belum Dinilai", 12, "angka"), Kolom("Lengkap", 10, "angka"))

LAPORAN: dict[str, Jenis] = {
    "RENCANA_SKP_TAHUNAN": RENCANA_SKP_TAHUNAN,
    "PENILAIAN_SKP": PENILAIAN_SKP,
    "JUMLAH_TIM": JUMLAH_TIM,
    "KEPATUHAN": KEPATUHAN,
}


def _lain() -> None:
    from . import laporan_isi_lain as lain

    LAPORAN.update({"ANGKA_KREDIT": lain.ANGKA_KREDIT, "KINERJA_GURU": lain.KINERJA_GURU,
                    "LOG_PMM": lain.LOG_PMM, "KEBERATAN": lain.KEBERATAN})


_lain()
