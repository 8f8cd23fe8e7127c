"""A decided keberatan (KeberatanDiputuskan, from the keberatan service), applied to its
penilaian: DISETUJUI sets what the atasan pejabat penilai decided (ratings under PermenPAN-RB
6/2022, the nilai perilaku under PP 30/2019), hence a new predikat, and a DITETAPKAN penilaian
republishes PredikatDitetapkan (and PredikatFinal) with revisi + 1; an applied approval also
publishes the penilaian (PenilaianDiperbarui), whatever its status. DITOLAK, or an approval
without what the penilaian's model needs, is only recorded in the history (the latter with a
warning in the log); the predikat stays and nothing is published."""
from __future__ import annotations

import logging

from sqlalchemy import update

from kinerja_shared import clock
from kinerja_shared.events.contracts.keberatan import KeberatanDiputuskan

from ..adapters.tables import penilaian
from ..domain.predikat import predikat_dari_matriks
from ..domain.status import DITETAPKAN
from . import muat
from .pp30 import aspek_berlaku, hitung, simpan_nilai
from .publikasi import diperbarui, terbitkan
from .rating import Penetapan, simpan
from .riwayat import catat

log = logging.getLogger("kinerja.penilaian")


def _rating_keberatan(s, pen, event: KeberatanDiputuskan, *, oleh: str | None,
                      alasan: str) -> str | None:
    """The ratings of an approved keberatan (PermenPAN-RB 6/2022): a rating not given keeps its
    value; the matrix gives the predikat. None when applied, otherwise why not."""
    if not (event.rating_hasil_kerja or event.rating_perilaku):
        return "keputusan tidak memuat rating"
    rh = event.rating_hasil_kerja or pen["rating_hasil_kerja"]
    rp = event.rating_perilaku or pen["rating_perilaku"]
    if rh is None or rp is None:
        return "rating belum lengkap"
    h = Penetapan(pen["id"], rh, rp, predikat_dari_matriks(muat.rules_of(s, pen).matriks, rh, rp))
    simpan(s, pen, h, oleh=oleh, alasan=alasan, justifikasi=None, aksi="KEBERATAN")
    return None


def _nilai_keberatan(uow, pen, event: KeberatanDiputuskan, *, oleh: str | None,
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
    nilai = event.nilai_perilaku_pp30 if event.nilai_perilaku_pp30 is not None else {}
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
    hasil = None if kendala else hitung(s, {**pen, "pp30_perilaku": baru})
    if hasil is not None and hasil.predikat is None:
        kendala = "nilai SKP belum ada, predikat tidak dapat dihitung"
    if kendala:
        return kendala
    s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
        pp30_perilaku=baru, updated_at=clock.now()))
    sebelum, sesudah = simpan_nilai(s, pen, hasil)
    catat(s, pen["id"], "KEBERATAN", oleh, {"pp30_perilaku": lama, **sebelum},
          {"pp30_perilaku": baru, **sesudah}, alasan)
    return None


def keberatan_diputuskan(event: KeberatanDiputuskan, _envelope, uow) -> None:
    s = uow.session
    pen = muat.penilaian_row(s, event.penilaian_id, for_update=True)
    oleh = event.pemutus.id if event.pemutus is not None else None
    alasan = f"Keberatan {event.keberatan_id} {event.keputusan}: {event.uraian or ''}".strip()
    if event.keputusan != "DISETUJUI":
        catat(s, pen["id"], "KEBERATAN_" + event.keputusan, oleh, None, None, alasan)
        return
    if pen["model"] == "PP_30_2019":
        kendala = _nilai_keberatan(uow, pen, event, oleh=oleh, alasan=alasan)
    else:
        kendala = _rating_keberatan(s, pen, event, oleh=oleh, alasan=alasan)
    if kendala:
        log.warning("keberatan %s approved without effect on penilaian %s (%s): %s",
                    event.keberatan_id, pen["id"], pen["model"], kendala)
        catat(s, pen["id"], "KEBERATAN_DISETUJUI", oleh, None, None,
              f"{alasan} (predikat tidak berubah: {kendala})")
        return
    diperbarui(uow, pen["id"])
    if pen["status"] == DITETAPKAN:
        s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
            revisi=pen["revisi"] + 1))
        terbitkan(uow, pen["id"])
