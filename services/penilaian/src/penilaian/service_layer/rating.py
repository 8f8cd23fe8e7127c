"""Ratings, predikat and their publication (PermenPAN-RB 6/2022; SE MenPAN-RB 3/2023).

Every change writes a riwayat row. Setting a predikat that breaks the pola distribusi of the
unit's capaian organisasi needs a written justification, or is refused when the instansi
enforces the pola (``penegakan_distribusi: BLOKIR``).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import bindparam, update

from ..adapters.tables import penilaian
from ..domain.aturan import RuleSet, rules_for
from ..domain.pengaturan import BLOKIR
from ..domain.predikat import predikat_dari_matriks
from . import muat
from .distribusi import Distribusi, capaian_of, distribusi
from .errors import konflik, tidak_valid
from .pp30 import terapkan_keberatan
from .publikasi import terbitkan
from .riwayat import catat, catat_banyak
from .skp_events import DITETAPKAN, DITUTUP, now

log = logging.getLogger("kinerja.penilaian")

TERKUNCI = (DITETAPKAN, DITUTUP)


@dataclass
class Penetapan:
    penilaian_id: str
    rating_hasil_kerja: str
    rating_perilaku: str
    predikat: str
    sumber_rating_hasil_kerja: str = "PEJABAT_PENILAI"


class Konteks:
    """What the penilaian of one request share, read once each: periods (their rule set), the
    unor induk of a unor, the capaian of a unit. A bulk rating of a whole unit asks these for
    every row; without it each row cost a few queries."""

    def __init__(self, s) -> None:
        self.s = s
        self._periode: dict = {}
        self._induk: dict = {}
        self._capaian: dict = {}

    def rules(self, pen) -> RuleSet:
        pid = pen["periode_id"]
        if pid not in self._periode:
            self._periode[pid] = muat.periode_row(self.s, pid)
        periode = self._periode[pid]
        return rules_for(periode["akhir"] if periode is not None else pen["created_at"].date())

    def unor_induk(self, unor_id: str | None) -> str | None:
        if unor_id not in self._induk:
            self._induk[unor_id] = muat.unor_induk_of(self.s, unor_id)
        return self._induk[unor_id]

    def capaian(self, induk: str, periode_id: str):
        if (induk, periode_id) not in self._capaian:
            self._capaian[induk, periode_id] = capaian_of(self.s, induk, periode_id)
        return self._capaian[induk, periode_id]


def tentukan(s, pen, rating_hasil_kerja: str | None, rating_perilaku: str,
             ctx: Konteks | None = None) -> Penetapan:
    """The predikat these ratings give; for the pimpinan of the organisation the capaian
    kinerja organisasi is the rating hasil kerja."""
    if pen["model"] == "PP_30_2019":
        raise konflik("SKP model PP 30/2019 dinilai dengan nilai numerik (pp30), bukan rating.")
    ctx = ctx or Konteks(s)
    rules = ctx.rules(pen)
    induk = ctx.unor_induk(pen["unor_id"])
    sumber = "PEJABAT_PENILAI"
    if muat.is_pimpinan_organisasi(s, pen, induk):
        capaian = ctx.capaian(induk, pen["periode_id"])
        if capaian is not None:
            dari_capaian = rules.rating_pimpinan[capaian["capaian"]]
            if rating_hasil_kerja not in (None, dari_capaian):
                raise konflik(
                    "Rating hasil kerja pimpinan organisasi mengikuti capaian kinerja organisasi "
                    f"({capaian['capaian']}): {dari_capaian}.")
            rating_hasil_kerja, sumber = dari_capaian, "CAPAIAN_ORGANISASI"
    if rating_hasil_kerja is None:
        raise tidak_valid("Rating hasil kerja wajib diisi.",
                          {"rating_hasil_kerja": ["Wajib diisi."]})
    return Penetapan(pen["id"], rating_hasil_kerja, rating_perilaku,
                     predikat_dari_matriks(rules.matriks, rating_hasil_kerja, rating_perilaku),
                     sumber)


def periksa_distribusi(s, pens, hasil: list[Penetapan],
                       ctx: Konteks | None = None) -> list[Distribusi]:
    """The resulting distribution of every unit these penetapan touch."""
    ctx = ctx or Konteks(s)
    pengganti = {h.penilaian_id: h.predikat for h in hasil}
    units = {(ctx.unor_induk(p["unor_id"]) or p["unor_id"] or "-", p["periode_id"])
             for p in pens}
    return [distribusi(s, induk, periode_id, pengganti) for induk, periode_id in sorted(units)]


def tegakkan_pola(s, instansi_id: str, hasil: list[Distribusi], justifikasi: str | None) -> None:
    dilanggar = [d for d in hasil if d.dilanggar]
    if not dilanggar:
        return
    detail = {"distribusi": [d.to_dict() for d in dilanggar]}
    uraian = "; ".join(a.uraian for d in dilanggar for a in d.dilanggar)
    if muat.pengaturan(s, instansi_id).penegakan_distribusi == BLOKIR:
        raise konflik(f"Predikat melanggar pola distribusi: {uraian}.",
                      type="pola-distribusi-dilanggar", **detail)
    if not (justifikasi or "").strip():
        raise tidak_valid(f"Predikat melanggar pola distribusi ({uraian}); tuliskan justifikasi.",
                          {"justifikasi": ["Wajib diisi karena pola distribusi dilanggar."]},
                          type="justifikasi-diperlukan", **detail)


def simpan(s, pen, h: Penetapan, *, oleh: str | None, alasan: str | None,
           justifikasi: str | None, aksi: str = "RATING") -> None:
    sebelum = {k: pen[k] for k in ("rating_hasil_kerja", "rating_perilaku", "predikat")}
    sesudah = {"rating_hasil_kerja": h.rating_hasil_kerja, "rating_perilaku": h.rating_perilaku,
               "predikat": h.predikat}
    s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
        **sesudah, justifikasi_distribusi=justifikasi or pen["justifikasi_distribusi"],
        updated_at=now()))
    catat(s, pen["id"], aksi, oleh, sebelum, sesudah, alasan or justifikasi)


def simpan_banyak(s, pasangan: list[tuple], *, oleh: str | None, justifikasi: str | None,
                  aksi: str) -> None:
    """``simpan`` for many (pen, Penetapan) pairs: one executemany UPDATE, one history insert."""
    if not pasangan:
        return
    waktu = now()
    s.execute(update(penilaian).where(penilaian.c.id == bindparam("b_id")).values(
        rating_hasil_kerja=bindparam("b_rh"), rating_perilaku=bindparam("b_rp"),
        predikat=bindparam("b_predikat"), justifikasi_distribusi=bindparam("b_just"),
        updated_at=waktu), [
        {"b_id": pen["id"], "b_rh": h.rating_hasil_kerja, "b_rp": h.rating_perilaku,
         "b_predikat": h.predikat, "b_just": justifikasi or pen["justifikasi_distribusi"]}
        for pen, h in pasangan])
    catat_banyak(s, [{
        "penilaian_id": pen["id"], "aksi": aksi, "oleh": oleh, "alasan": justifikasi,
        "sebelum": {k: pen[k] for k in ("rating_hasil_kerja", "rating_perilaku", "predikat")},
        "sesudah": {"rating_hasil_kerja": h.rating_hasil_kerja,
                    "rating_perilaku": h.rating_perilaku, "predikat": h.predikat}}
        for pen, h in pasangan])


def beri_rating(uow, pen, *, oleh: str, rating_hasil_kerja: str | None, rating_perilaku: str,
                justifikasi: str | None) -> tuple[Penetapan, list[Distribusi]]:
    s = uow.session
    if pen["status"] in TERKUNCI:
        raise konflik(f"Penilaian berstatus {pen['status']}; rating tidak dapat diubah.")
    h = tentukan(s, pen, rating_hasil_kerja, rating_perilaku)
    hasil = periksa_distribusi(s, [pen], [h])
    tegakkan_pola(s, pen["instansi_id"], hasil, justifikasi)
    simpan(s, pen, h, oleh=oleh, alasan=None, justifikasi=justifikasi)
    return h, hasil


def rating_massal(uow, pens, items: list[dict], *, oleh: str, dry_run: bool,
                  justifikasi: str | None) -> tuple[list[Penetapan], list[Distribusi]]:
    s = uow.session
    by_id = {p["id"]: p for p in pens}
    ctx = Konteks(s)
    hasil = []
    for item in items:
        pen = by_id[item["penilaian_id"]]
        if pen["status"] in TERKUNCI:
            raise konflik(f"Penilaian {pen['id']} berstatus {pen['status']}.")
        hasil.append(tentukan(s, pen, item.get("rating_hasil_kerja"), item["rating_perilaku"],
                              ctx))
    dist = periksa_distribusi(s, pens, hasil, ctx)
    if not dry_run:
        instansi = {p["instansi_id"] for p in pens}
        for instansi_id in instansi:
            tegakkan_pola(s, instansi_id, [d for d in dist], justifikasi)
        simpan_banyak(s, [(by_id[h.penilaian_id], h) for h in hasil], oleh=oleh,
                      justifikasi=justifikasi, aksi="RATING_MASSAL")
    return hasil, dist


def tetapkan(uow, pen, *, oleh: str) -> None:
    if pen["status"] in TERKUNCI:
        raise konflik(f"Penilaian berstatus {pen['status']}; tidak dapat ditetapkan.")
    if pen["predikat"] is None:
        raise konflik("Predikat belum ada: berikan rating (atau nilai PP 30) terlebih dahulu.")
    s = uow.session
    waktu = now()
    s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
        status=DITETAPKAN, ditetapkan_at=waktu, revisi=pen["revisi"] + 1, updated_at=waktu))
    catat(s, pen["id"], "DITETAPKAN", oleh, {"status": pen["status"]},
          {"status": DITETAPKAN, "predikat": pen["predikat"], "revisi": pen["revisi"] + 1}, None)
    terbitkan(uow, pen["id"])


def _rating_keberatan(s, pen, event, *, oleh: str | None, alasan: str) -> str | None:
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


def keberatan_diputuskan(event, _envelope, uow) -> None:
    """An atasan pejabat penilai decided a keberatan. DISETUJUI sets what he decided (ratings
    under PermenPAN-RB 6/2022, the nilai perilaku under PP 30/2019), hence a new predikat, and
    a DITETAPKAN penilaian republishes PredikatDitetapkan (and PredikatFinal) with revisi + 1.
    DITOLAK, or an approval without what the penilaian's model needs, is only recorded in the
    history (the latter with a warning in the log); the predikat stays."""
    s = uow.session
    pen = muat.penilaian_row(s, event.penilaian_id, for_update=True)
    oleh = event.pemutus.id if event.pemutus else None
    alasan = f"Keberatan {event.keberatan_id} {event.keputusan}: {event.uraian or ''}".strip()
    if event.keputusan != "DISETUJUI":
        catat(s, pen["id"], "KEBERATAN_" + event.keputusan, oleh, None, None, alasan)
        return
    if pen["model"] == "PP_30_2019":
        kendala = terapkan_keberatan(uow, pen, event.nilai_perilaku_pp30, oleh=oleh, alasan=alasan)
    else:
        kendala = _rating_keberatan(s, pen, event, oleh=oleh, alasan=alasan)
    if kendala:
        log.warning("keberatan %s approved without effect on penilaian %s (%s): %s",
                    event.keberatan_id, pen["id"], pen["model"], kendala)
        catat(s, pen["id"], "KEBERATAN_DISETUJUI", oleh, None, None,
              f"{alasan} (predikat tidak berubah: {kendala})")
        return
    if pen["status"] == DITETAPKAN:
        s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
            revisi=pen["revisi"] + 1))
        terbitkan(uow, pen["id"])
