"""Ratings, predikat and their publication (PermenPAN-RB 6/2022; SE MenPAN-RB 3/2023).

Every change writes a riwayat row. Setting a predikat that breaks the pola distribusi of the
unit's capaian organisasi needs a written justification, or is refused when the instansi
enforces the pola (``penegakan_distribusi: BLOKIR``).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, update

from kinerja_shared import clock
from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Conflict, Invalid

from ..adapters.tables import penilaian
from ..domain.aturan import RuleSet, rules_for
from ..domain.pengaturan import BLOKIR
from ..domain.predikat import predikat_dari_matriks
from ..domain.status import DITETAPKAN, TERKUNCI
from . import akses, muat
from .distribusi import Distribusi, capaian_of, distribusi
from .publikasi import diperbarui, terbitkan, terbitkan_banyak
from .riwayat import catat, catat_banyak


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
        raise Conflict("SKP model PP 30/2019 dinilai dengan nilai numerik (pp30), bukan rating.")
    ctx = ctx or Konteks(s)
    rules = ctx.rules(pen)
    induk = ctx.unor_induk(pen["unor_id"])
    sumber = "PEJABAT_PENILAI"
    if muat.is_pimpinan_organisasi(s, pen, induk):
        capaian = ctx.capaian(induk, pen["periode_id"])
        if capaian is not None:
            dari_capaian = rules.rating_pimpinan[capaian["capaian"]]
            if rating_hasil_kerja not in (None, dari_capaian):
                raise Conflict(
                    "Rating hasil kerja pimpinan organisasi mengikuti capaian kinerja organisasi "
                    f"({capaian['capaian']}): {dari_capaian}.")
            rating_hasil_kerja, sumber = dari_capaian, "CAPAIAN_ORGANISASI"
    if rating_hasil_kerja is None:
        raise Invalid({"rating_hasil_kerja": ["Wajib diisi."]}, "Rating hasil kerja wajib diisi.")
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
        raise Conflict(f"Predikat melanggar pola distribusi: {uraian}.",
                       code="pola-distribusi-dilanggar", **detail)
    if not (justifikasi or "").strip():
        raise Invalid({"justifikasi": ["Wajib diisi karena pola distribusi dilanggar."]},
                      f"Predikat melanggar pola distribusi ({uraian}); tuliskan justifikasi.",
                      code="justifikasi-diperlukan", **detail)


def simpan(s, pen, h: Penetapan, *, oleh: str | None, alasan: str | None,
           justifikasi: str | None, aksi: str = "RATING") -> None:
    sebelum = {k: pen[k] for k in ("rating_hasil_kerja", "rating_perilaku", "predikat")}
    sesudah = {"rating_hasil_kerja": h.rating_hasil_kerja, "rating_perilaku": h.rating_perilaku,
               "predikat": h.predikat}
    s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
        **sesudah, justifikasi_distribusi=justifikasi or pen["justifikasi_distribusi"],
        updated_at=clock.now()))
    catat(s, pen["id"], aksi, oleh, sebelum, sesudah, alasan or justifikasi)


def simpan_banyak(s, pasangan: list[tuple], *, oleh: str | None, justifikasi: str | None,
                  aksi: str) -> None:
    """``simpan`` for many (pen, Penetapan) pairs: one executemany UPDATE, one history insert."""
    if not pasangan:
        return
    waktu = clock.now()
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


def beri_rating(uow, principal: Principal, penilaian_id: str, *, rating_hasil_kerja: str | None,
                rating_perilaku: str, justifikasi: str | None) -> None:
    """The pejabat penilai's two ratings; the predikat the matrix gives, within the pola
    distribusi of the unit (or with a justification, unless the instansi blocks)."""
    pen = akses.muat_untuk_diubah(uow, principal, penilaian_id, akses.pastikan_pejabat_penilai)
    s = uow.session
    if pen["status"] in TERKUNCI:
        raise Conflict(f"Penilaian berstatus {pen['status']}; rating tidak dapat diubah.")
    h = tentukan(s, pen, rating_hasil_kerja, rating_perilaku)
    hasil = periksa_distribusi(s, [pen], [h])
    tegakkan_pola(s, pen["instansi_id"], hasil, justifikasi)
    simpan(s, pen, h, oleh=principal.pegawai_id, alasan=None, justifikasi=justifikasi)
    diperbarui(uow, pen["id"])


def rating_massal(uow, principal: Principal, items: list[dict], *, dry_run: bool,
                  justifikasi: str | None) -> dict:
    """Ratings of many penilaian of the caller at once: each row's predikat and the resulting
    distribution of every unit touched. Saved only when not ``dry_run`` (and then within the
    pola, like one rating); a dry run is the same call on a unit of work never committed."""
    s = uow.session
    pens = muat.penilaian_rows(s, [i["penilaian_id"] for i in items], for_update=not dry_run)
    for pen in pens:
        akses.pastikan_pejabat_penilai(principal, pen)
    by_id = {p["id"]: p for p in pens}
    ctx = Konteks(s)
    hasil = []
    for item in items:
        pen = by_id[item["penilaian_id"]]
        if pen["status"] in TERKUNCI:
            raise Conflict(f"Penilaian {pen['id']} berstatus {pen['status']}.")
        hasil.append(tentukan(s, pen, item.get("rating_hasil_kerja"), item["rating_perilaku"],
                              ctx))
    dist = periksa_distribusi(s, pens, hasil, ctx)
    if not dry_run:
        for instansi_id in {p["instansi_id"] for p in pens}:
            tegakkan_pola(s, instansi_id, dist, justifikasi)
        simpan_banyak(s, [(by_id[h.penilaian_id], h) for h in hasil], oleh=principal.pegawai_id,
                      justifikasi=justifikasi, aksi="RATING_MASSAL")
        diperbarui(uow, *by_id)
    dists = [d.to_dict() for d in dist]
    return {"dry_run": dry_run, "hasil": [h.__dict__ for h in hasil], "distribusi": dists,
            "sesuai": all(d["sesuai"] for d in dists)}


def _pastikan_dapat_ditetapkan(pen, nama: str) -> None:
    """409 unless the penilaian is open and has a predikat (``nama`` names it in the detail)."""
    if pen["status"] in TERKUNCI:
        raise Conflict(f"{nama} berstatus {pen['status']}; tidak dapat ditetapkan.")
    if pen["predikat"] is None:
        raise Conflict(f"{nama} belum memiliki predikat: berikan rating (atau nilai PP 30) "
                       "terlebih dahulu.")


def tetapkan(uow, principal: Principal, penilaian_id: str) -> None:
    """The pejabat penilai sets the predikat: DITETAPKAN, revisi + 1, PredikatDitetapkan (and
    PredikatFinal for the final period)."""
    pen = akses.muat_untuk_diubah(uow, principal, penilaian_id, akses.pastikan_pejabat_penilai)
    _pastikan_dapat_ditetapkan(pen, "Penilaian")
    s = uow.session
    waktu = clock.now()
    s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
        status=DITETAPKAN, ditetapkan_at=waktu, revisi=pen["revisi"] + 1, updated_at=waktu))
    catat(s, pen["id"], "DITETAPKAN", principal.pegawai_id, {"status": pen["status"]},
          {"status": DITETAPKAN, "predikat": pen["predikat"], "revisi": pen["revisi"] + 1}, None)
    terbitkan(uow, pen["id"])
    diperbarui(uow, pen["id"])


def tetapkan_massal(uow, principal: Principal, penilaian_ids: list[str]) -> dict:
    """``tetapkan`` for many penilaian of the caller at once: all or nothing (one missing or
    not his is 404, one locked or without a predikat 409, and nothing is set). Each gets its
    own revisi, riwayat row and events, as one call each would give."""
    ids = list(dict.fromkeys(penilaian_ids))
    s = uow.session
    pens = muat.penilaian_rows(s, ids, for_update=True)
    for pen in pens:
        akses.pastikan_pejabat_penilai(principal, pen)
    for pen in pens:
        _pastikan_dapat_ditetapkan(pen, f"Penilaian {pen['id']}")
    waktu = clock.now()
    s.execute(update(penilaian).where(penilaian.c.id == bindparam("b_id")).values(
        status=DITETAPKAN, ditetapkan_at=waktu, revisi=bindparam("b_revisi"), updated_at=waktu),
        [{"b_id": p["id"], "b_revisi": p["revisi"] + 1} for p in pens])
    catat_banyak(s, [{"penilaian_id": p["id"], "aksi": "DITETAPKAN", "oleh": principal.pegawai_id,
                      "sebelum": {"status": p["status"]},
                      "sesudah": {"status": DITETAPKAN, "predikat": p["predikat"],
                                  "revisi": p["revisi"] + 1},
                      "alasan": None} for p in pens])
    terbitkan_banyak(uow, ids)
    diperbarui(uow, *ids)
    return {"jumlah": len(pens), "hasil": [
        {"penilaian_id": p["id"], "status": DITETAPKAN, "predikat": p["predikat"],
         "revisi": p["revisi"] + 1, "ditetapkan_at": waktu} for p in pens]}
