"""What the pegawai and the penilai fill in during a period: realisasi with bukti dukung, kirim,
umpan balik per indikator, behaviour feedback; the batas pengisian (moved by the admins'
extensions, ``perpanjangan``). ``pastikan_terbuka`` is the one rule for entries that may be
added, corrected and removed (tugas tambahan, kreativitas, Buku Catatan Perilaku)."""
from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select, update

from kinerja_shared import clock
from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Conflict, NotFound

from ..adapters.tables import (
    penilai_perilaku, penilaian, perpanjangan, realisasi, umpan_balik_perilaku,
)
from ..domain.status import DIKIRIM, DITETAPKAN, DITUTUP, DRAFT, TERBUKA
from . import akses, muat
from .publikasi import diperbarui
from .riwayat import catat

WIB = ZoneInfo("Asia/Jakarta")


def hari_ini() -> date:
    """Today in Asia/Jakarta: the date a batas pengisian is compared with."""
    return clock.now().astimezone(WIB).date()


def batas_pengisian(s, pen) -> date | None:
    """The period's batas pengisian, moved by the latest extension for the pegawai or unor."""
    periode = muat.periode_row(s, pen["periode_id"])
    if periode is None:
        return None
    diperpanjang = s.execute(select(func.max(perpanjangan.c.batas_pengisian)).where(
        perpanjangan.c.periode_id == pen["periode_id"], perpanjangan.c.dicabut_at.is_(None),
        or_(perpanjangan.c.pegawai_id == pen["pegawai_id"],
            perpanjangan.c.unor_id == pen["unor_id"]))).scalar()
    return max(periode["batas_pengisian"], diperpanjang or periode["batas_pengisian"])


def pastikan_sebelum_batas(s, pen) -> None:
    batas = batas_pengisian(s, pen)
    if batas is not None and hari_ini() > batas:
        raise Conflict(f"Batas pengisian periode ini ({batas.isoformat()}) telah lewat.",
                       code="batas-pengisian-lewat", batas_pengisian=batas.isoformat())


def _indikator_ids(pen) -> set[str]:
    return {i["id"] for r in pen["snapshot"].get("rhk", []) for i in r.get("indikator", [])}


def _pastikan_indikator(pen, indikator_id: str) -> None:
    if indikator_id not in _indikator_ids(pen):
        raise NotFound("Indikator tidak ada pada SKP penilaian ini.")


def _pastikan_status(pen, *allowed: str) -> None:
    if pen["status"] not in allowed:
        raise Conflict(f"Penilaian berstatus {pen['status']}.")


_KEADAAN = {DITETAPKAN: "Penilaian sudah ditetapkan",
            DITUTUP: "Penilaian sudah ditutup karena SKP-nya dibatalkan"}


def pastikan_terbuka(pen, apa: str) -> None:
    """Entries of a penilaian change only while it is open (DRAFT or DIKIRIM); once it is
    DITETAPKAN (or DITUTUP) the answer is 409 ``penilaian-terkunci``. ``apa`` names the entry
    in the message, e.g. "tugas tambahan"."""
    if pen["status"] in TERBUKA:
        return
    keadaan = _KEADAAN.get(pen["status"], f"Penilaian berstatus {pen['status']}")
    raise Conflict(f"{keadaan}; {apa} tidak dapat diubah lagi.",
                   code="penilaian-terkunci", status_penilaian=pen["status"])


def isi_realisasi(uow, principal: Principal, penilaian_id: str, indikator_id: str, *,
                  realisasi_: str | None, bukti_dukung: list, keterangan: str | None) -> None:
    """The owner's realisasi of one indikator (DRAFT, before the batas pengisian)."""
    pen = akses.muat_untuk_diubah(uow, principal, penilaian_id, akses.pastikan_pemilik)
    _pastikan_indikator(pen, indikator_id)
    _pastikan_status(pen, DRAFT)
    s = uow.session
    pastikan_sebelum_batas(s, pen)
    key = (realisasi.c.penilaian_id == pen["id"]) & (realisasi.c.indikator_id == indikator_id)
    old = s.execute(select(realisasi).where(key)).mappings().first()
    values = dict(realisasi=realisasi_, bukti_dukung=bukti_dukung, keterangan=keterangan,
                  diubah_at=clock.now())
    if old is None:
        s.execute(realisasi.insert().values(penilaian_id=pen["id"], indikator_id=indikator_id,
                                            **values))
    else:
        s.execute(update(realisasi).where(key).values(**values))
    diperbarui(uow, pen["id"])


def kirim(uow, principal: Principal, penilaian_id: str) -> None:
    """The owner sends the realisasi to the pejabat penilai (DRAFT -> DIKIRIM)."""
    pen = akses.muat_untuk_diubah(uow, principal, penilaian_id, akses.pastikan_pemilik)
    _pastikan_status(pen, DRAFT)
    s = uow.session
    pastikan_sebelum_batas(s, pen)
    waktu = clock.now()
    s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
        status=DIKIRIM, dikirim_at=waktu, updated_at=waktu))
    catat(s, pen["id"], "DIKIRIM", principal.pegawai_id, {"status": DRAFT}, {"status": DIKIRIM},
          None)
    diperbarui(uow, pen["id"])


def umpan_balik(uow, principal: Principal, penilaian_id: str, indikator_id: str, *,
                teks: str) -> None:
    """The pejabat penilai's feedback on one indikator (DRAFT or DIKIRIM)."""
    pen = akses.muat_untuk_diubah(uow, principal, penilaian_id, akses.pastikan_pejabat_penilai)
    _pastikan_indikator(pen, indikator_id)
    _pastikan_status(pen, DRAFT, DIKIRIM)
    s, oleh = uow.session, principal.pegawai_id
    key = (realisasi.c.penilaian_id == pen["id"]) & (realisasi.c.indikator_id == indikator_id)
    if s.execute(select(realisasi.c.indikator_id).where(key)).first() is None:
        s.execute(realisasi.insert().values(penilaian_id=pen["id"], indikator_id=indikator_id,
                                            bukti_dukung=[], umpan_balik=teks,
                                            umpan_balik_oleh=oleh, diubah_at=clock.now()))
    else:
        s.execute(update(realisasi).where(key).values(umpan_balik=teks, umpan_balik_oleh=oleh))
    diperbarui(uow, pen["id"])


def penilai_aspek(s, pen, aspek: str):
    return s.execute(select(penilai_perilaku).where(
        penilai_perilaku.c.penilaian_id == pen["id"],
        penilai_perilaku.c.aspek == aspek)).mappings().first()


def umpan_balik_perilaku_(uow, principal: Principal, penilaian_id: str, aspek: str, *,
                          teks: str) -> None:
    """Behaviour feedback by the penilai the SKP set for ``aspek`` (404 for anybody else)."""
    pen = akses.muat_untuk_diubah(uow, principal, penilaian_id, akses.pastikan_penilai_perilaku)
    s, oleh = uow.session, principal.pegawai_id
    tugas = penilai_aspek(s, pen, aspek)
    if tugas is None or tugas["penilai_pegawai_id"] != oleh:
        raise NotFound("Anda tidak ditetapkan sebagai penilai aspek perilaku ini.")
    _pastikan_status(pen, DRAFT, DIKIRIM)
    pastikan_sebelum_batas(s, pen)
    key = (umpan_balik_perilaku.c.penilaian_id == pen["id"]) & (
        umpan_balik_perilaku.c.aspek == aspek)
    values = dict(penilai=tugas["penilai"], penilai_pegawai_id=oleh, penilai_nama=principal.nama,
                  umpan_balik=teks, diubah_at=clock.now())
    if s.execute(select(umpan_balik_perilaku.c.aspek).where(key)).first() is None:
        s.execute(umpan_balik_perilaku.insert().values(penilaian_id=pen["id"], aspek=aspek,
                                                       **values))
    else:
        s.execute(update(umpan_balik_perilaku).where(key).values(**values))
    diperbarui(uow, pen["id"])
