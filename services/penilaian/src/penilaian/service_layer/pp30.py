"""The PP 30/2019 flow (DKI): realisasi per kegiatan (with revised targets), tugas tambahan and
kreativitas (added, read, corrected, removed), nilai perilaku; after every change the scores and
predikat are recomputed (``hitung_ulang``). The nilai perilaku an approved keberatan sets is in
``keberatan``."""
from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation
from typing import Mapping

from sqlalchemy import delete, select, update

from kinerja_shared import clock
from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Conflict, Invalid, NotFound, invalid

from ..adapters.tables import penilaian, pp30_realisasi, pp30_tambahan
from ..domain import pp30
from . import akses, muat
from .pengisian import pastikan_terbuka
from .publikasi import diperbarui
from .riwayat import catat

TUGAS_TAMBAHAN, KREATIVITAS = "TUGAS_TAMBAHAN", "KREATIVITAS"
NAMA = {TUGAS_TAMBAHAN: "tugas tambahan", KREATIVITAS: "kreativitas"}
NILAI = ("nilai_skp", "nilai_perilaku", "nilai_kinerja", "predikat")
NILAI_MAKS = Decimal(1_000_000)  # the nilai columns are Numeric(8, 2)


def pastikan_pp30(pen, apa: str = "nilai PP 30") -> None:
    if pen["model"] != "PP_30_2019":
        raise Conflict("Penilaian ini bukan model PP 30/2019.")
    pastikan_terbuka(pen, apa)


def _rhk(pen, rhk_id: str) -> dict:
    for r in pen["snapshot"].get("rhk", []):
        if r["id"] == rhk_id:
            return r
    raise NotFound("Kegiatan tidak ada pada SKP penilaian ini.")


def isi_realisasi(uow, principal: Principal, penilaian_id: str, rhk_id: str, *,
                  nilai: Mapping[str, Decimal | None],
                  target_revisi: Mapping[str, Decimal | None] | None) -> None:
    """Realisasi of one kegiatan, with the targets revised at measurement (only the aspects
    given; kept from before when none are). The owner, or the pejabat penilai correcting."""
    pen = akses.muat_untuk_diubah(uow, principal, penilaian_id,
                                  akses.pastikan_pemilik_atau_penilai)
    pastikan_pp30(pen, "realisasi")
    _rhk(pen, rhk_id)
    s, oleh = uow.session, principal.pegawai_id
    key = (pp30_realisasi.c.penilaian_id == pen["id"]) & (pp30_realisasi.c.rhk_id == rhk_id)
    old = s.execute(select(pp30_realisasi).where(key)).mappings().first()
    revisi = {k: str(v) for k, v in (target_revisi or {}).items() if v is not None} or None
    values = {k: nilai.get(k) for k in ("kuantitas", "kualitas", "waktu", "biaya")}
    values.update(target_revisi=revisi or (old["target_revisi"] if old else None),
                  diubah_oleh=oleh, diubah_at=clock.now())
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
        raise NotFound(f"Entri {NAMA[jenis]} tidak ditemukan pada penilaian ini.")
    return row


def _periksa_jumlah(jenis: str, jumlah: int) -> None:
    if jenis == KREATIVITAS and not 1 <= jumlah <= 3:
        raise invalid("jumlah", "Harus 1, 2 atau 3.", detail="Tingkat kreativitas 1-3.")


def tambah(uow, principal: Principal, penilaian_id: str, *, jenis: str, uraian: str,
           jumlah: int) -> str:
    """A tugas tambahan or kreativitas entry (owner or pejabat penilai, while open); answers
    its id."""
    pen = akses.muat_untuk_diubah(uow, principal, penilaian_id,
                                  akses.pastikan_pemilik_atau_penilai)
    pastikan_pp30(pen, NAMA[jenis])
    _periksa_jumlah(jenis, jumlah)
    tid, oleh = str(uuid.uuid4()), principal.pegawai_id
    uow.session.execute(pp30_tambahan.insert().values(
        id=tid, penilaian_id=pen["id"], jenis=jenis, uraian=uraian, jumlah=jumlah,
        oleh_pegawai_id=oleh, created_at=clock.now()))
    catat(uow.session, pen["id"], f"{jenis}_DITAMBAH", oleh, None,
          {"id": tid, "uraian": uraian, "jumlah": jumlah}, None)
    hitung_ulang(uow, pen["id"], oleh=oleh)
    return tid


def ubah(uow, principal: Principal, penilaian_id: str, entri_id: str, *, jenis: str,
         perubahan: dict, alasan: str | None) -> None:
    """Correct ``uraian`` and/or ``jumlah`` of one entry; a change to nothing records nothing."""
    pen = akses.muat_untuk_diubah(uow, principal, penilaian_id,
                                  akses.pastikan_pemilik_atau_penilai)
    s, oleh = uow.session, principal.pegawai_id
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


def hapus(uow, principal: Principal, penilaian_id: str, entri_id: str, *, jenis: str,
          alasan: str | None) -> None:
    pen = akses.muat_untuk_diubah(uow, principal, penilaian_id,
                                  akses.pastikan_pemilik_atau_penilai)
    s, oleh = uow.session, principal.pegawai_id
    lama = _isi(_entri(s, pen, jenis, entri_id))
    pastikan_pp30(pen, NAMA[jenis])
    s.execute(delete(pp30_tambahan).where(pp30_tambahan.c.id == entri_id))
    catat(s, pen["id"], f"{jenis}_DIHAPUS", oleh, lama, None, alasan)
    hitung_ulang(uow, pen["id"], oleh=oleh)


def daftar_entri(uow, principal: Principal, penilaian_id: str, jenis: str) -> list[dict]:
    """The entries of one jenis of a visible penilaian, oldest first."""
    akses.muat_terlihat(uow, principal, penilaian_id)
    return entri_rows(uow.session, penilaian_id, jenis)


def satu_entri(uow, principal: Principal, penilaian_id: str, jenis: str, entri_id: str) -> dict:
    """One entry of a visible penilaian (404 for one of another penilaian or jenis)."""
    pen = akses.muat_terlihat(uow, principal, penilaian_id)
    return dict(_entri(uow.session, pen, jenis, entri_id))


def entri_rows(s, penilaian_id: str, jenis: str | None = None) -> list[dict]:
    """Tugas tambahan and kreativitas entries of a penilaian (of one ``jenis``), oldest first."""
    c = pp30_tambahan.c
    stmt = select(pp30_tambahan).where(c.penilaian_id == penilaian_id)
    if jenis is not None:
        stmt = stmt.where(c.jenis == jenis)
    return [dict(r) for r in s.execute(stmt.order_by(c.created_at, c.id)).mappings()]


def aspek_berlaku(s, pen) -> tuple[str, ...]:
    """The perilaku aspects of this penilaian (KEPEMIMPINAN for pimpinan/JPT, configurable)."""
    return muat.pengaturan(s, pen["instansi_id"]).aspek_pp30(
        muat.is_pimpinan_organisasi(s, pen, pen["unor_id"]) or pen["snapshot"].get("jenis") == "JPT")


def nilai_perilaku(uow, principal: Principal, penilaian_id: str, *,
                   nilai: Mapping[str, Decimal]) -> None:
    """The pejabat penilai's nilai perilaku: exactly the aspects this penilaian has."""
    pen = akses.muat_untuk_diubah(uow, principal, penilaian_id, akses.pastikan_pejabat_penilai)
    pastikan_pp30(pen, "nilai perilaku")
    s = uow.session
    aspek = aspek_berlaku(s, pen)
    salah = sorted(set(nilai) - set(aspek))
    kurang = sorted(set(aspek) - set(nilai))
    if salah or kurang:
        raise Invalid({"nilai": [*(f"Aspek tidak berlaku: {a}" for a in salah),
                                 *(f"Wajib diisi: {a}" for a in kurang)]},
                      "Aspek perilaku tidak sesuai.")
    s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
        pp30_perilaku={k: str(v) for k, v in nilai.items()}))
    hitung_ulang(uow, pen["id"], oleh=principal.pegawai_id)


def kegiatan(pen, realisasi_rows) -> list[pp30.Kegiatan]:
    return [k for _, k in pp30.kegiatan_skp(pen["snapshot"].get("rhk", []),
                                            {r["rhk_id"]: r for r in realisasi_rows})]


def hitung(s, pen) -> pp30.HasilPp30:
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


def simpan_nilai(s, pen, hasil: pp30.HasilPp30) -> tuple[dict, dict]:
    sebelum = {k: pen[k] for k in NILAI}
    sesudah = {k: getattr(hasil, k) for k in NILAI}
    if sebelum != sesudah:
        s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
            **sesudah, updated_at=clock.now()))
    return sebelum, sesudah


def _dalam_rentang(hasil: pp30.HasilPp30) -> bool:
    return all(getattr(hasil, k) is None or abs(getattr(hasil, k)) < NILAI_MAKS
               for k in NILAI[:-1])


def hitung_ulang(uow, penilaian_id: str, *, oleh: str | None) -> pp30.HasilPp30:
    """Compute and store the scores after a change (and publish the penilaian: every PP 30
    write ends here). Realisasi far off its target (a score of a million or more, or beyond
    what Decimal computes) is refused with 422: the change is rolled back with it."""
    s = uow.session
    pen = muat.penilaian_row(s, penilaian_id)
    try:
        hasil = hitung(s, pen)
    except InvalidOperation:
        hasil = None
    if hasil is None or not _dalam_rentang(hasil):
        raise Invalid({"_schema": ["Nilai yang dihasilkan di luar rentang."]},
                      "Realisasi terlalu jauh dari targetnya; nilai tidak dapat dihitung.")
    sebelum, sesudah = simpan_nilai(s, pen, hasil)
    if sebelum != sesudah:
        catat(s, penilaian_id, "NILAI_PP30", oleh, sebelum, sesudah, None)
    diperbarui(uow, penilaian_id)
    return hasil
