"""Recomputation: the stored AK rows of a set of pegawai brought to what the read models say
(``rencana.py``), in the transaction of the event or command that changed them.

Rows are matched by their segmen (penilaian; jenjang, golongan and their ordinal) or, for
integrasi, by id:

- a row not stored yet is drafted (DRAFT);
- an unsigned row (DRAFT, DIAJUKAN, DISETUJUI) follows: its figures change in place, and a
  submitted or approved one returns to DRAFT (keeping its nomor SK) so the new figures are
  approved again;
- a signed row is never altered: when its figures would change it is superseded (``aktif``
  false, ``digantikan_oleh_id``) and a correcting row is drafted (``mengoreksi_id``); both stay;
- a stored row whose months no predikat covers any more is cancelled (DIBATALKAN) when
  unsigned, superseded without a correction when signed.

Every change of figures or status is a ``riwayat`` row; every changed row is published
(AngkaKreditDitetapkan, ``revisi`` + 1).
"""
from __future__ import annotations

import uuid
from typing import Any, Iterable, Mapping

from sqlalchemy import update

from kinerja_shared import clock

from ..adapters.tables import angka_kredit
from ..domain.akumulasi import INTEGRASI, KONVERSI
from ..domain.pak import DIAJUKAN, DIBATALKAN, DISETUJUI, DITANDATANGANI, DRAFT
from . import muat, publikasi, riwayat
from .rencana import susun_rencana

# what a signed PAK states: a change to any of these supersedes it
ANGKA = ("awal", "akhir", "predikat", "persentase", "koefisien", "bulan", "jenjang", "golongan",
         "angka_kredit", "ak_lama", "ak_baru", "ak_pangkat", "kebutuhan_pangkat",
         "selisih_pangkat", "cukup_pangkat", "kebutuhan_jenjang", "selisih_jenjang",
         "cukup_jenjang", "kesimpulan")
KOLOM = tuple(c.name for c in angka_kredit.c)


def _kunci(row) -> tuple:
    if row["sumber"] == KONVERSI:
        return (KONVERSI, row["penilaian_id"], row["segmen"])
    return (INTEGRASI, row["id"])


def _beda(lama, baru: dict, kolom: Iterable[str]) -> bool:
    return any(k in baru and lama[k] != baru[k] for k in kolom)


class Perubahan:
    """The writes of one recomputation, made together."""

    def __init__(self, oleh: str | None, alasan: str) -> None:
        self.oleh, self.alasan, self.now = oleh, alasan, clock.now()
        self.sisip: list[dict[str, Any]] = []
        self.ubah: list[tuple[Any, dict[str, Any]]] = []  # (stored row, new values)
        self.catatan: list[dict[str, Any]] = []

    def catat(self, lama, baru: dict | None, aksi: str, status: str, alasan: str | None = None):
        self.catatan.append(riwayat.baris(
            (baru or {}).get("id") or lama["id"], aksi, status, self.oleh,
            riwayat.angka(lama) if lama is not None else None,
            riwayat.angka(baru) if baru is not None else None, alasan or self.alasan,
            self.now))

    def baru(self, nilai: dict, *, mengoreksi=None) -> str:
        row = {c: None for c in KOLOM}
        row.update(nilai, status=DRAFT, aktif=True, revisi=1, created_at=self.now,
                   updated_at=self.now)
        row["id"] = nilai.get("id") or str(uuid.uuid4())
        if mengoreksi is not None:
            for c in ("sumber", "tahun", "awal", "akhir", "ak_konvensional", "nilai_dasar",
                      "tanggal_integrasi", "kategori_jabatan", "jabatan", "jenjang",
                      "tmt_jabatan", "golongan", "unor_id", "ak12", "angka_kredit", "aturan",
                      "tempat"):
                if row[c] is None:
                    row[c] = mengoreksi[c]
            row["mengoreksi_id"] = mengoreksi["id"]
        self.sisip.append(row)
        self.catat(None, row, "DIKOREKSI" if mengoreksi is not None else "DIBUAT", DRAFT)
        return row["id"]

    def ganti(self, lama, nilai: dict) -> None:
        self.ubah.append((lama, {**nilai, "revisi": lama["revisi"] + 1, "updated_at": self.now}))

    def tulis(self, uow) -> set[str]:
        s = uow.session
        for lama, nilai in self.ubah:  # deactivations first: the unique keys hold
            s.execute(update(angka_kredit).where(angka_kredit.c.id == lama["id"]).values(**nilai))
        if self.sisip:  # executemany: psycopg's array literals of JSON text cost more
            s.execute(angka_kredit.insert(), self.sisip)
        riwayat.simpan(s, self.catatan)
        ids = {lama["id"] for lama, _ in self.ubah} | {r["id"] for r in self.sisip}
        publikasi.terbitkan(uow, ids)
        return ids


def hitung_ulang(uow, pegawai_ids: Iterable[str], *, oleh: str | None = None,
                 alasan: str | Mapping[str, str] = "Dihitung ulang",
                 ubah_ditandatangani: bool = True) -> set[str]:
    """Recompute the AK rows of these pegawai; the ids of the rows written. ``alasan`` (why,
    for the riwayat) may be given per pegawai. ``ubah_ditandatangani=False`` (a change of the
    instansi's pengaturan) leaves signed rows as they were signed: no correction."""
    s = uow.session
    pegawai = muat.pegawai_banyak(s, pegawai_ids, for_update=True)
    if not pegawai:
        return set()
    ids = sorted(pegawai)
    revisi, predikat = muat.revisi_banyak(s, ids), muat.predikat_banyak(s, ids)
    ada = muat.ak_aktif_banyak(s, ids, for_update=True)
    instansi_ids = {p["instansi_id"] for p in pegawai.values()}
    instansi, pengaturan = muat.instansi_banyak(s, instansi_ids), \
        muat.pengaturan_banyak(s, instansi_ids)
    unor = _unor(s, pegawai, revisi, predikat, ada)
    perubahan = Perubahan(oleh, "")
    for pid in ids:
        p = pegawai[pid]
        perubahan.alasan = alasan.get(pid, "Dihitung ulang") if isinstance(alasan, Mapping) \
            else alasan
        rows = ada.get(pid, [])
        rencana = susun_rencana(p, revisi.get(pid, []), predikat.get(pid, []),
                                [r for r in rows if r["sumber"] == INTEGRASI],
                                instansi.get(p["instansi_id"]), pengaturan[p["instansi_id"]],
                                unor)
        _cocokkan(perubahan, rencana.baris, rows, ubah_ditandatangani)
    return perubahan.tulis(uow)


def _unor(s, pegawai, revisi, predikat, ada) -> dict:
    ids = {p["unor_id"] for p in pegawai.values()}
    ids |= {r.unor_id for rs in revisi.values() for r in rs}
    ids |= {r["unor_id"] for rs in predikat.values() for r in rs}
    ids |= {r["unor_id"] for rs in ada.values() for r in rs}
    unor = muat.unor_banyak(s, ids)
    induk = {u["unor_induk_id"] for u in unor.values()} - set(unor)
    return {**unor, **muat.unor_banyak(s, induk)}


def _cocokkan(perubahan: Perubahan, rencana: dict[tuple, dict], rows: list,
              ubah_ditandatangani: bool = True) -> None:
    stored = {_kunci(r): r for r in rows}
    id_of: dict[str, str] = {}
    if not ubah_ditandatangani:
        tetap = {k for k, r in stored.items() if r["status"] == DITANDATANGANI}
        id_of = {repr(k): stored[k]["id"] for k in tetap}
        rencana = {k: v for k, v in rencana.items() if k not in tetap}
        stored = {k: v for k, v in stored.items() if k not in tetap}
    tulis: list[tuple[Any, dict, bool]] = []  # (stored row or None, values, superseding)
    for kunci, nilai in rencana.items():
        lama = stored.get(kunci)
        koreksi = lama is not None and lama["status"] == DITANDATANGANI \
            and _beda(lama, nilai, ANGKA)
        nilai["id"] = str(uuid.uuid4()) if lama is None or koreksi else lama["id"]
        id_of[repr(kunci)] = nilai["id"]
        tulis.append((lama, nilai, koreksi))
    for lama, nilai, koreksi in tulis:
        nilai["dihitung"] = [id_of[k] for k in nilai.get("dihitung", []) if k in id_of]
        if lama is None:
            perubahan.baru(nilai)
        elif koreksi:
            perubahan.ganti(lama, {"aktif": False, "digantikan_oleh_id": nilai["id"]})
            perubahan.catat(lama, None, "DIGANTIKAN", lama["status"],
                            f"{perubahan.alasan}; dikoreksi oleh PAK baru")
            perubahan.baru(nilai, mengoreksi=lama)
        else:
            _ikuti(perubahan, lama, {k: v for k, v in nilai.items() if k != "id"})
    for kunci, lama in stored.items():
        if kunci in rencana:
            continue
        if lama["status"] == DITANDATANGANI:
            perubahan.ganti(lama, {"aktif": False})
            perubahan.catat(lama, None, "DIGANTIKAN", lama["status"],
                            f"{perubahan.alasan}; bulan ini tidak lagi dinilai")
        else:
            perubahan.ganti(lama, {"aktif": False, "status": DIBATALKAN})
            perubahan.catat(lama, None, "DIBATALKAN", DIBATALKAN,
                            f"{perubahan.alasan}; bulan ini tidak lagi dinilai")


def _ikuti(perubahan: Perubahan, lama, nilai: dict) -> None:
    """An unsigned row follows the plan; a signed one whose figures hold keeps everything."""
    if lama["status"] == DITANDATANGANI:
        return
    ubah = {k: v for k, v in nilai.items() if lama[k] != v}
    if not ubah:
        return
    if lama["revisi"] == 0:  # an integrasi inserted by its command: its figures arrive now
        perubahan.ganti(lama, ubah)
        perubahan.catat(None, {**lama, **ubah}, "DIBUAT", lama["status"])
        return
    angka_berubah = _beda(lama, nilai, ANGKA)
    if angka_berubah and lama["status"] in (DIAJUKAN, DISETUJUI):
        ubah["status"] = DRAFT
    perubahan.ganti(lama, ubah)
    if angka_berubah:
        perubahan.catat(lama, {**lama, **ubah}, "DIHITUNG_ULANG", ubah.get("status", lama["status"]))
