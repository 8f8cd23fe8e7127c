"""Buku Catatan Perilaku (DKI): dated behaviour notes the pejabat penilai writes during the
period. Read by whoever sees the penilaian; added, corrected and removed by the pejabat penilai
only while the penilaian is open; every change is a riwayat row with the note before and
after."""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import delete, select, update

from kinerja_shared import clock
from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import NotFound, invalid

from ..adapters.tables import catatan_perilaku
from . import akses, muat
from .pengisian import pastikan_terbuka
from .publikasi import diperbarui
from .riwayat import catat

APA = "catatan perilaku"


def _isi(row) -> dict:
    return {"id": row["id"], "tanggal": row["tanggal"], "uraian": row["uraian"]}


def _catatan(s, penilaian_id: str, catatan_id: str):
    row = s.execute(select(catatan_perilaku).where(
        catatan_perilaku.c.id == catatan_id,
        catatan_perilaku.c.penilaian_id == penilaian_id)).mappings().first()
    if row is None:
        raise NotFound("Catatan perilaku tidak ditemukan pada penilaian ini.")
    return row


def _periksa_tanggal(s, pen, tanggal: date) -> None:
    periode = muat.periode_row(s, pen["periode_id"])
    if periode is not None and not (periode["awal"] <= tanggal <= periode["akhir"]):
        raise invalid("tanggal", "Di luar periode penilaian.",
                      detail="Tanggal catatan harus di dalam periode penilaian.")


def _untuk_penilai(uow, principal: Principal, penilaian_id: str):
    return akses.muat_untuk_diubah(uow, principal, penilaian_id, akses.pastikan_pejabat_penilai)


def tambah(uow, principal: Principal, penilaian_id: str, *, tanggal: date, uraian: str) -> str:
    """A note dated inside the period; answers its id."""
    pen = _untuk_penilai(uow, principal, penilaian_id)
    pastikan_terbuka(pen, APA)
    s, oleh = uow.session, principal.pegawai_id
    _periksa_tanggal(s, pen, tanggal)
    cid = str(uuid.uuid4())
    s.execute(catatan_perilaku.insert().values(
        id=cid, penilaian_id=pen["id"], tanggal=tanggal, uraian=uraian, oleh_pegawai_id=oleh,
        created_at=clock.now()))
    catat(s, pen["id"], "CATATAN_PERILAKU_DITAMBAH", oleh, None,
          {"id": cid, "tanggal": tanggal, "uraian": uraian}, None)
    diperbarui(uow, pen["id"])
    return cid


def ubah(uow, principal: Principal, penilaian_id: str, catatan_id: str, *, perubahan: dict,
         alasan: str | None) -> None:
    """Correct ``tanggal`` and/or ``uraian``; a change to nothing records nothing."""
    pen = _untuk_penilai(uow, principal, penilaian_id)
    s = uow.session
    lama = _isi(_catatan(s, pen["id"], catatan_id))
    pastikan_terbuka(pen, APA)
    baru = {**lama, **{k: perubahan[k] for k in ("tanggal", "uraian") if k in perubahan}}
    if baru == lama:
        return
    _periksa_tanggal(s, pen, baru["tanggal"])
    s.execute(update(catatan_perilaku).where(catatan_perilaku.c.id == catatan_id).values(
        tanggal=baru["tanggal"], uraian=baru["uraian"]))
    catat(s, pen["id"], "CATATAN_PERILAKU_DIUBAH", principal.pegawai_id, lama, baru, alasan)
    diperbarui(uow, pen["id"])


def hapus(uow, principal: Principal, penilaian_id: str, catatan_id: str, *,
          alasan: str | None) -> None:
    pen = _untuk_penilai(uow, principal, penilaian_id)
    s = uow.session
    lama = _isi(_catatan(s, pen["id"], catatan_id))
    pastikan_terbuka(pen, APA)
    s.execute(delete(catatan_perilaku).where(catatan_perilaku.c.id == catatan_id))
    catat(s, pen["id"], "CATATAN_PERILAKU_DIHAPUS", principal.pegawai_id, lama, None, alasan)
    diperbarui(uow, pen["id"])


def daftar(uow, principal: Principal, penilaian_id: str) -> list[dict]:
    """The notes of a visible penilaian, by date."""
    akses.muat_terlihat(uow, principal, penilaian_id)
    return catatan_rows(uow.session, penilaian_id)


def satu(uow, principal: Principal, penilaian_id: str, catatan_id: str) -> dict:
    """One note of a visible penilaian (404 for a note of another penilaian)."""
    akses.muat_terlihat(uow, principal, penilaian_id)
    return dict(_catatan(uow.session, penilaian_id, catatan_id))


def catatan_rows(s, penilaian_id: str) -> list[dict]:
    c = catatan_perilaku.c
    stmt = select(catatan_perilaku).where(c.penilaian_id == penilaian_id)
    return [dict(r) for r in s.execute(stmt.order_by(c.tanggal, c.created_at, c.id)).mappings()]
