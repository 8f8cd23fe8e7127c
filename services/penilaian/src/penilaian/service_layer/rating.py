"""Ratings, predikat and their publication (PermenPAN-RB 6/2022; SE MenPAN-RB 3/2023).

Every change writes a riwayat row. Setting a predikat that breaks the pola distribusi of the
unit's capaian organisasi needs a written justification, or is refused when the instansi
enforces the pola (``penegakan_distribusi: BLOKIR``).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update

from ..adapters.tables import penilaian
from ..domain.pengaturan import BLOKIR
from ..domain.predikat import predikat_dari_matriks
from . import muat
from .distribusi import Distribusi, capaian_of, distribusi
from .errors import konflik, tidak_valid
from .publikasi import terbitkan
from .riwayat import catat
from .skp_events import DITETAPKAN, DITUTUP, now

TERKUNCI = (DITETAPKAN, DITUTUP)


@dataclass
class Penetapan:
    penilaian_id: str
    rating_hasil_kerja: str
    rating_perilaku: str
    predikat: str
    sumber_rating_hasil_kerja: str = "PEJABAT_PENILAI"


def tentukan(s, pen, rating_hasil_kerja: str | None, rating_perilaku: str) -> Penetapan:
    """The predikat these ratings give; for the pimpinan of the organisation the capaian
    kinerja organisasi is the rating hasil kerja."""
    if pen["model"] == "PP_30_2019":
        raise konflik("SKP model PP 30/2019 dinilai dengan nilai numerik (pp30), bukan rating.")
    rules = muat.rules_of(s, pen)
    induk = muat.unor_induk_of(s, pen["unor_id"])
    sumber = "PEJABAT_PENILAI"
    if muat.is_pimpinan_organisasi(s, pen, induk):
        capaian = capaian_of(s, induk, pen["periode_id"])
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


def periksa_distribusi(s, pens, hasil: list[Penetapan]) -> list[Distribusi]:
    """The resulting distribution of every unit these penetapan touch."""
    pengganti = {h.penilaian_id: h.predikat for h in hasil}
    units = {(muat.unor_induk_of(s, p["unor_id"]) or p["unor_id"] or "-", p["periode_id"])
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
    hasil = []
    for item in items:
        pen = by_id[item["penilaian_id"]]
        if pen["status"] in TERKUNCI:
            raise konflik(f"Penilaian {pen['id']} berstatus {pen['status']}.")
        hasil.append(tentukan(s, pen, item.get("rating_hasil_kerja"), item["rating_perilaku"]))
    dist = periksa_distribusi(s, pens, hasil)
    if not dry_run:
        instansi = {p["instansi_id"] for p in pens}
        for instansi_id in instansi:
            tegakkan_pola(s, instansi_id, [d for d in dist], justifikasi)
        for h in hasil:
            simpan(s, by_id[h.penilaian_id], h, oleh=oleh, alasan=None, justifikasi=justifikasi,
                   aksi="RATING_MASSAL")
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


def keberatan_diputuskan(event, _envelope, uow) -> None:
    """An atasan pejabat penilai decided a keberatan: new ratings, new predikat, revisi + 1."""
    s = uow.session
    pen = muat.penilaian_row(s, event.penilaian_id, for_update=True)
    oleh = event.pemutus.id if event.pemutus else None
    alasan = f"Keberatan {event.keberatan_id} {event.keputusan}: {event.uraian or ''}".strip()
    berubah = event.keputusan == "DISETUJUI" and pen["model"] != "PP_30_2019" and (
        event.rating_hasil_kerja or event.rating_perilaku)
    if not berubah:
        catat(s, pen["id"], "KEBERATAN_" + event.keputusan, oleh, None, None, alasan)
        return
    rules = muat.rules_of(s, pen)
    rh = event.rating_hasil_kerja or pen["rating_hasil_kerja"]
    rp = event.rating_perilaku or pen["rating_perilaku"]
    h = Penetapan(pen["id"], rh, rp, predikat_dari_matriks(rules.matriks, rh, rp))
    simpan(s, pen, h, oleh=oleh, alasan=alasan, justifikasi=None, aksi="KEBERATAN")
    if pen["status"] == DITETAPKAN:
        s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
            revisi=pen["revisi"] + 1))
        terbitkan(uow, pen["id"])
