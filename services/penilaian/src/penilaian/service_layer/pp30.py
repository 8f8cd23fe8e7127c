"""The PP 30/2019 flow (DKI): realisasi per kegiatan (with revised targets), tugas tambahan and
kreativitas (added, corrected, removed), nilai perilaku, and the nilai perilaku an approved
keberatan sets; after every change the scores and predikat are recomputed."""
from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Mapping

from sqlalchemy import delete, select, update

from ..adapters.tables import penilaian, pp30_realisasi, pp30_tambahan
from ..domain import pp30
from . import muat
from .errors import konflik, tidak_ditemukan, tidak_valid
from .pengisian import pastikan_terbuka
from .riwayat import catat
from .skp_events import now

TUGAS_TAMBAHAN, KREATIVITAS = "TUGAS_TAMBAHAN", "KREATIVITAS"
NAMA = {TUGAS_TAMBAHAN: "tugas tambahan", KREATIVITAS: "kreativitas"}
NILAI = ("nilai_skp", "nilai_perilaku", "nilai_kinerja", "predikat")


def _dec(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def pastikan_pp30(pen, apa: str = "nilai PP 30") -> None:
    if pen["model"] != "PP_30_2019":
        raise konflik("Penilaian ini bukan model PP 30/2019.")
    pastikan_terbuka(pen, apa)


def _rhk(pen, rhk_id: str) -> dict:
    for r in pen["snapshot"].get("rhk", []):
        if r["id"] == rhk_id:
            return r
    raise tidak_ditemukan("Kegiatan tidak ada pada SKP penilaian ini.")


def isi_realisasi(uow, pen, rhk_id: str, *, nilai: dict, target_revisi: dict | None,
                  oleh: str) -> None:
    pastikan_pp30(pen, "realisasi")
    _rhk(pen, rhk_id)
    s = uow.session
    key = (pp30_realisasi.c.penilaian_id == pen["id"]) & (pp30_realisasi.c.rhk_id == rhk_id)
    old = s.execute(select(pp30_realisasi).where(key)).mappings().first()
    values = {k: nilai.get(k) for k in ("kuantitas", "kualitas", "waktu", "biaya")}
    values.update(target_revisi=target_revisi or (old["target_revisi"] if old else None),
                  diubah_oleh=oleh, diubah_at=now())
    if old is None:
        s.execute(pp30_realisasi.insert().values(penilaian_id=pen["id"], rhk_id=rhk_id, **values))
    else:
        s.execute(update(pp30_realisasi).where(key).values(**values))
    hitung_ulang(uow, pen["id"], oleh=oleh)


def _isi(row) -> dict:
    return {"id": row["id"], "uraian": row["uraian"], "jumlah": row["jumlah"]}


def _entri(s, pen, jenis: str, entri_id: str):
    row = s.execute(select(pp30_tambahan).where(
        pp30_tambahan.c.id == entri_id, pp30_tambahan.c.penilaian_id == pen["id"],
        pp30_tambahan.c.jenis == jenis)).mappings().first()
    if row is None:
        raise tidak_ditemukan(f"Entri {NAMA[jenis]} tidak ditemukan pada penilaian ini.")
    return row


def _periksa_jumlah(jenis: str, jumlah: int) -> None:
    if jenis == KREATIVITAS and not 1 <= jumlah <= 3:
        raise tidak_valid("Tingkat kreativitas 1-3.", {"jumlah": ["Harus 1, 2 atau 3."]})


def tambah(uow, pen, *, jenis: str, uraian: str, jumlah: int, oleh: str) -> str:
    pastikan_pp30(pen, NAMA[jenis])
    _periksa_jumlah(jenis, jumlah)
    tid = str(uuid.uuid4())
    uow.session.execute(pp30_tambahan.insert().values(
        id=tid, penilaian_id=pen["id"], jenis=jenis, uraian=uraian, jumlah=jumlah,
        oleh_pegawai_id=oleh, created_at=now()))
    catat(uow.session, pen["id"], f"{jenis}_DITAMBAH", oleh, None,
          {"id": tid, "uraian": uraian, "jumlah": jumlah}, None)
    hitung_ulang(uow, pen["id"], oleh=oleh)
    return tid


def ubah(uow, pen, entri_id: str, *, jenis: str, perubahan: dict, alasan: str | None,
         oleh: str) -> None:
    """Correct ``uraian`` and/or ``jumlah`` of one entry; a change to nothing records nothing."""
    s = uow.session
    lama = _isi(_entri(s, pen, jenis, entri_id))
    pastikan_pp30(pen, NAMA[jenis])
    baru = {**lama, **{k: perubahan[k] for k in ("uraian", "jumlah") if k in perubahan}}
    if baru == lama:
        return
    _periksa_jumlah(jenis, baru["jumlah"])
    s.execute(update(pp30_tambahan).where(pp30_tambahan.c.id == entri_id).values(
        uraian=baru["uraian"], jumlah=baru["jumlah"]))
    catat(s, pen["id"], f"{jenis}_DIUBAH", oleh, lama, baru, alasan)
    hitung_ulang(uow, pen["id"], oleh=oleh)


def hapus(uow, pen, entri_id: str, *, jenis: str, alasan: str | None, oleh: str) -> None:
    s = uow.session
    lama = _isi(_entri(s, pen, jenis, entri_id))
    pastikan_pp30(pen, NAMA[jenis])
    s.execute(delete(pp30_tambahan).where(pp30_tambahan.c.id == entri_id))
    catat(s, pen["id"], f"{jenis}_DIHAPUS", oleh, lama, None, alasan)
    hitung_ulang(uow, pen["id"], oleh=oleh)


def aspek_berlaku(s, pen) -> tuple[str, ...]:
    """The perilaku aspects of this penilaian (KEPEMIMPINAN for pimpinan/JPT, configurable)."""
    return muat.pengaturan(s, pen["instansi_id"]).aspek_pp30(
        muat.is_pimpinan_organisasi(s, pen, pen["unor_id"]) or pen["snapshot"].get("jenis") == "JPT")


def nilai_perilaku(uow, pen, *, nilai: dict[str, Decimal], oleh: str) -> None:
    pastikan_pp30(pen, "nilai perilaku")
    s = uow.session
    aspek = aspek_berlaku(s, pen)
    salah = sorted(set(nilai) - set(aspek))
    kurang = sorted(set(aspek) - set(nilai))
    if salah or kurang:
        raise tidak_valid("Aspek perilaku tidak sesuai.", {"nilai": [
            *(f"Aspek tidak berlaku: {a}" for a in salah), *(f"Wajib diisi: {a}" for a in kurang)]})
    s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
        pp30_perilaku={k: str(v) for k, v in nilai.items()}))
    hitung_ulang(uow, pen["id"], oleh=oleh)


def kegiatan(pen, realisasi_rows) -> list[pp30.Kegiatan]:
    by_rhk = {r["rhk_id"]: r for r in realisasi_rows}
    out = []
    for r in pen["snapshot"].get("rhk", []):
        row = by_rhk.get(r["id"])
        rev = (row or {}).get("target_revisi") or {}
        target = {a: _dec(rev.get(a, r.get(f"target_{a}")))
                  for a in ("kuantitas", "kualitas", "waktu", "biaya")}
        if not (target["kuantitas"] and target["kualitas"] and target["waktu"]):
            continue
        real = {a: _dec(row[a]) if row else None for a in ("kuantitas", "kualitas", "waktu", "biaya")}
        out.append(pp30.Kegiatan(target["kuantitas"], target["kualitas"], target["waktu"],
                                 target["biaya"], **real))
    return out


def _hitung(s, pen) -> pp30.HasilPp30:
    """The scores and predikat of ``pen`` (its ``pp30_perilaku``) with its stored realisasi and
    entries, under the period's rule set and the instansi's settings."""
    rows = s.execute(select(pp30_realisasi).where(
        pp30_realisasi.c.penilaian_id == pen["id"])).mappings().all()
    tambahan = s.execute(select(pp30_tambahan).where(
        pp30_tambahan.c.penilaian_id == pen["id"])).mappings().all()
    p = muat.pengaturan(s, pen["instansi_id"]).parameter_pp30(muat.rules_of(s, pen).pp30)
    return pp30.hitung(
        kegiatan(pen, rows), {k: Decimal(v) for k, v in (pen["pp30_perilaku"] or {}).items()},
        jumlah_tugas_tambahan=sum(t["jumlah"] for t in tambahan if t["jenis"] == TUGAS_TAMBAHAN),
        tingkat_kreativitas=max((t["jumlah"] for t in tambahan if t["jenis"] == KREATIVITAS),
                                default=0), p=p)


def _simpan_nilai(s, pen, hasil: pp30.HasilPp30) -> tuple[dict, dict]:
    sebelum = {k: pen[k] for k in NILAI}
    sesudah = {k: getattr(hasil, k) for k in NILAI}
    if sebelum != sesudah:
        s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
            **sesudah, updated_at=now()))
    return sebelum, sesudah


def hitung_ulang(uow, penilaian_id: str, *, oleh: str | None) -> pp30.HasilPp30:
    s = uow.session
    pen = muat.penilaian_row(s, penilaian_id)
    hasil = _hitung(s, pen)
    sebelum, sesudah = _simpan_nilai(s, pen, hasil)
    if sebelum != sesudah:
        catat(s, penilaian_id, "NILAI_PP30", oleh, sebelum, sesudah, None)
    return hasil


def terapkan_keberatan(uow, pen, nilai: Mapping[str, Decimal] | None, *, oleh: str | None,
                       alasan: str) -> str | None:
    """An approved keberatan on a PP 30 penilaian (DOMAIN.md §6, DKI field 8): the atasan
    pejabat penilai's nilai perilaku replace the pejabat penilai's (an aspect not named keeps
    its value); nilai kinerja and predikat follow as after any change, under the same rules.
    One riwayat row ``KEBERATAN`` holds the aspects and scores before and after.

    Returns None when applied; otherwise why not (Indonesian, for the history), having changed
    nothing: no values, an aspect this penilaian does not have, one still missing, or no
    predikat coming out."""
    s = uow.session
    aspek = aspek_berlaku(s, pen)
    lama = dict(pen["pp30_perilaku"] or {})
    nilai = dict(nilai or {})
    baru = {a: str(nilai[a]) if a in nilai else lama.get(a) for a in aspek}
    asing = sorted(set(nilai) - set(aspek))
    kosong = [a for a in aspek if baru[a] is None]
    kendala = None
    if not nilai:
        kendala = "keputusan tidak memuat nilai perilaku PP 30"
    elif asing:
        kendala = f"aspek tidak berlaku pada penilaian ini: {', '.join(asing)}"
    elif kosong:
        kendala = f"nilai perilaku belum lengkap: {', '.join(kosong)}"
    hasil = None if kendala else _hitung(s, {**pen, "pp30_perilaku": baru})
    if hasil is not None and hasil.predikat is None:
        kendala = "nilai SKP belum ada, predikat tidak dapat dihitung"
    if kendala:
        return kendala
    s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
        pp30_perilaku=baru, updated_at=now()))
    sebelum, sesudah = _simpan_nilai(s, pen, hasil)
    catat(s, pen["id"], "KEBERATAN", oleh, {"pp30_perilaku": lama, **sebelum},
          {"pp30_perilaku": baru, **sesudah}, alasan)
    return None
