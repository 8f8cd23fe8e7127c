"""Buku Catatan Perilaku (DKI): dated behaviour notes the pejabat penilai writes during the
period. Added, corrected and removed only while the penilaian is open; every change is a riwayat
row with the note before and after."""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import delete, select, update

from ..adapters.tables import catatan_perilaku
from . import muat
from .errors import tidak_ditemukan, tidak_valid
from .pengisian import pastikan_terbuka
from .riwayat import catat
from .skp_events import now

APA = "catatan perilaku"


def _isi(row) -> dict:
    return {"id": row["id"], "tanggal": row["tanggal"], "uraian": row["uraian"]}


def _catatan(s, pen, catatan_id: str):
    row = s.execute(select(catatan_perilaku).where(
        catatan_perilaku.c.id == catatan_id,
        catatan_perilaku.c.penilaian_id == pen["id"])).mappings().first()
    if row is None:
        raise tidak_ditemukan("Catatan perilaku tidak ditemukan pada penilaian ini.")
    return row


def _periksa_tanggal(s, pen, tanggal: date) -> None:
    periode = muat.periode_row(s, pen["periode_id"])
    if periode is not None and not (periode["awal"] <= tanggal <= periode["akhir"]):
        raise tidak_valid("Tanggal catatan harus di dalam periode penilaian.",
                          {"tanggal": ["Di luar periode penilaian."]})


def tambah(uow, pen, *, tanggal: date, uraian: str, oleh: str) -> str:
    pastikan_terbuka(pen, APA)
    s = uow.session
    _periksa_tanggal(s, pen, tanggal)
    cid = str(uuid.uuid4())
    s.execute(catatan_perilaku.insert().values(
        id=cid, penilaian_id=pen["id"], tanggal=tanggal, uraian=uraian, oleh_pegawai_id=oleh,
        created_at=now()))
    catat(s, pen["id"], "CATATAN_PERILAKU_DITAMBAH", oleh, None,
          {"id": cid, "tanggal": tanggal, "uraian": uraian}, None)
    return cid


def ubah(uow, pen, catatan_id: str, *, perubahan: dict, alasan: str | None, oleh: str) -> None:
    """Correct ``tanggal`` and/or ``uraian``; a change to nothing records nothing."""
    s = uow.session
    lama = _isi(_catatan(s, pen, catatan_id))
    pastikan_terbuka(pen, APA)
    baru = {**lama, **{k: perubahan[k] for k in ("tanggal", "uraian") if k in perubahan}}
    if baru == lama:
        return
    _periksa_tanggal(s, pen, baru["tanggal"])
    s.execute(update(catatan_perilaku).where(catatan_perilaku.c.id == catatan_id).values(
        tanggal=baru["tanggal"], uraian=baru["uraian"]))
    catat(s, pen["id"], "CATATAN_PERILAKU_DIUBAH", oleh, lama, baru, alasan)


def hapus(uow, pen, catatan_id: str, *, alasan: str | None, oleh: str) -> None:
    s = uow.session
    lama = _isi(_catatan(s, pen, catatan_id))
    pastikan_terbuka(pen, APA)
    s.execute(delete(catatan_perilaku).where(catatan_perilaku.c.id == catatan_id))
    catat(s, pen["id"], "CATATAN_PERILAKU_DIHAPUS", oleh, lama, None, alasan)
