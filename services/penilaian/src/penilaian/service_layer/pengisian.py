"""What the pegawai and the penilai fill in during a period: realisasi with bukti dukung, kirim,
umpan balik per indikator, behaviour feedback, and the admins' extensions of the batas
pengisian (per pegawai or per unor). ``pastikan_terbuka`` is the one rule for entries that may
be added, corrected and removed (tugas tambahan, kreativitas, Buku Catatan Perilaku)."""
from __future__ import annotations

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select, update


from ..adapters.tables import (
    penilai_perilaku, penilaian, perpanjangan, realisasi, umpan_balik_perilaku,
)
from . import muat
from .errors import konflik, tidak_ditemukan, tidak_valid
from .riwayat import catat
from .skp_events import DIKIRIM, DITETAPKAN, DITUTUP, DRAFT, now

WIB = ZoneInfo("Asia/Jakarta")


def hari_ini() -> date:
    return datetime.now(WIB).date()


def batas_pengisian(s, pen) -> date | None:
    """The period's batas pengisian, moved by the latest extension for the pegawai or unor."""
    periode = muat.periode_row(s, pen["periode_id"])
    if periode is None:
        return None
    diperpanjang = s.execute(select(func.max(perpanjangan.c.batas_pengisian)).where(
        perpanjangan.c.periode_id == pen["periode_id"],
        or_(perpanjangan.c.pegawai_id == pen["pegawai_id"],
            perpanjangan.c.unor_id == pen["unor_id"]))).scalar()
    return max(periode["batas_pengisian"], diperpanjang or periode["batas_pengisian"])


def pastikan_sebelum_batas(s, pen) -> None:
    batas = batas_pengisian(s, pen)
    if batas is not None and hari_ini() > batas:
        raise konflik(f"Batas pengisian periode ini ({batas.isoformat()}) telah lewat.",
                      type="batas-pengisian-lewat", batas_pengisian=batas.isoformat())


def _indikator_ids(pen) -> set[str]:
    return {i["id"] for r in pen["snapshot"].get("rhk", []) for i in r.get("indikator", [])}


def _pastikan_status(pen, *allowed: str) -> None:
    if pen["status"] not in allowed:
        raise konflik(f"Penilaian berstatus {pen['status']}.")


TERBUKA = (DRAFT, DIKIRIM)
_KEADAAN = {DITETAPKAN: "Penilaian sudah ditetapkan",
            DITUTUP: "Penilaian sudah ditutup karena SKP-nya dibatalkan"}


def pastikan_terbuka(pen, apa: str) -> None:
    """Entries of a penilaian change only while it is open (DRAFT or DIKIRIM); once it is
    DITETAPKAN (or DITUTUP) the answer is 409 ``penilaian-terkunci``. ``apa`` names the entry
    in the message, e.g. "tugas tambahan"."""
    if pen["status"] in TERBUKA:
        return
    keadaan = _KEADAAN.get(pen["status"], f"Penilaian berstatus {pen['status']}")
    raise konflik(f"{keadaan}; {apa} tidak dapat diubah lagi.",
                  type="penilaian-terkunci", status_penilaian=pen["status"])


def isi_realisasi(uow, pen, indikator_id: str, *, realisasi_: str | None, bukti_dukung: list,
                  keterangan: str | None) -> None:
    if indikator_id not in _indikator_ids(pen):
        raise tidak_ditemukan("Indikator tidak ada pada SKP penilaian ini.")
    _pastikan_status(pen, DRAFT)
    s = uow.session
    pastikan_sebelum_batas(s, pen)
    key = (realisasi.c.penilaian_id == pen["id"]) & (realisasi.c.indikator_id == indikator_id)
    old = s.execute(select(realisasi).where(key)).mappings().first()
    values = dict(realisasi=realisasi_, bukti_dukung=bukti_dukung, keterangan=keterangan,
                  diubah_at=now())
    if old is None:
        s.execute(realisasi.insert().values(penilaian_id=pen["id"], indikator_id=indikator_id,
                                            **values))
    else:
        s.execute(update(realisasi).where(key).values(**values))


def kirim(uow, pen, *, oleh: str) -> None:
    _pastikan_status(pen, DRAFT)
    s = uow.session
    pastikan_sebelum_batas(s, pen)
    s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
        status=DIKIRIM, dikirim_at=now(), updated_at=now()))
    catat(s, pen["id"], "DIKIRIM", oleh, {"status": DRAFT}, {"status": DIKIRIM}, None)


def umpan_balik(uow, pen, indikator_id: str, *, teks: str, oleh: str) -> None:
    if indikator_id not in _indikator_ids(pen):
        raise tidak_ditemukan("Indikator tidak ada pada SKP penilaian ini.")
    _pastikan_status(pen, DRAFT, DIKIRIM)
    s = uow.session
    key = (realisasi.c.penilaian_id == pen["id"]) & (realisasi.c.indikator_id == indikator_id)
    if s.execute(select(realisasi.c.indikator_id).where(key)).first() is None:
        s.execute(realisasi.insert().values(penilaian_id=pen["id"], indikator_id=indikator_id,
                                            bukti_dukung=[], umpan_balik=teks,
                                            umpan_balik_oleh=oleh, diubah_at=now()))
    else:
        s.execute(update(realisasi).where(key).values(umpan_balik=teks, umpan_balik_oleh=oleh))


def penilai_aspek(s, pen, aspek: str):
    return s.execute(select(penilai_perilaku).where(
        penilai_perilaku.c.penilaian_id == pen["id"],
        penilai_perilaku.c.aspek == aspek)).mappings().first()


def umpan_balik_perilaku_(uow, pen, aspek: str, *, teks: str, oleh: str, nama: str | None) -> None:
    s = uow.session
    tugas = penilai_aspek(s, pen, aspek)
    if tugas is None or tugas["penilai_pegawai_id"] != oleh:
        raise tidak_ditemukan("Anda tidak ditetapkan sebagai penilai aspek perilaku ini.")
    _pastikan_status(pen, DRAFT, DIKIRIM)
    pastikan_sebelum_batas(s, pen)
    key = (umpan_balik_perilaku.c.penilaian_id == pen["id"]) & (
        umpan_balik_perilaku.c.aspek == aspek)
    values = dict(penilai=tugas["penilai"], penilai_pegawai_id=oleh, penilai_nama=nama,
                  umpan_balik=teks, diubah_at=now())
    if s.execute(select(umpan_balik_perilaku.c.aspek).where(key)).first() is None:
        s.execute(umpan_balik_perilaku.insert().values(penilaian_id=pen["id"], aspek=aspek,
                                                       **values))
    else:
        s.execute(update(umpan_balik_perilaku).where(key).values(**values))


def perpanjang(uow, *, periode, pegawai_id: str | None, unor_id: str | None,
               batas: date, alasan: str | None, oleh: str) -> str:
    if (pegawai_id is None) == (unor_id is None):
        raise tidak_valid("Isi salah satu: pegawai_id atau unor_id.",
                          {"pegawai_id": ["Isi pegawai_id atau unor_id (salah satu)."]})
    if batas < periode["batas_pengisian"]:
        raise tidak_valid("Batas baru tidak boleh lebih awal dari batas periode.",
                          {"batas_pengisian": ["Lebih awal dari batas periode."]})
    pid = str(uuid.uuid4())
    uow.session.execute(perpanjangan.insert().values(
        id=pid, instansi_id=periode["instansi_id"], periode_id=periode["id"],
        pegawai_id=pegawai_id, unor_id=unor_id, batas_pengisian=batas, alasan=alasan,
        oleh_pegawai_id=oleh, created_at=now()))
    return pid
