"""The steps of a keberatan after filing (DOMAIN.md §6; the chains are the tables of
``domain/aturan.py``): penjelasan (PermenPAN), the two sanggahan (DKI), the decision, the
withdrawal, and the decider opening it. Each step records its history row and stages its events
in the same transaction."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import update

from kinerja_shared import clock
from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Conflict

from ..adapters.tables import keberatan
from ..domain import aturan, nilai
from ..domain.errors import TidakSah
from . import akses, events, muat, publikasi
from .refusals import domain_refusals
from .riwayat import catat, jsonable

MEDAN = {"rating_hasil_kerja": "rating_hasil_kerja", "rating_perilaku": "rating_perilaku",
         "nilai_pp30": "nilai_perilaku_pp30"}
TEKS = {aturan.PENJELASAN: "penjelasan", aturan.SANGGAHAN_ATASAN: "sanggahan_atasan",
        aturan.SANGGAHAN_PENILAI: "sanggahan_penilai"}


def _langkah(uow, principal, d: akses.KeberatanDiakses, aksi: str, tujuan: str, *,
             isi: dict | None = None, **values: Any) -> dict:
    """Move the keberatan to ``tujuan``, record who did it, publish the snapshot; returns the
    row as it now stands."""
    s, row, now = uow.session, d.row, clock.now()
    values.setdefault("menunggu", aturan.menunggu(row["alur"], tujuan))
    s.execute(update(keberatan).where(keberatan.c.id == row["id"]).values(
        status=tujuan, diubah_at=now, **values))
    catat(s, row["id"], aksi, oleh=muat.oleh(s, principal), peran=aturan.pelaku(row["alur"], aksi),
          sebelum=row["status"], sesudah=tujuan, isi=isi, waktu=now)
    publikasi.diperbarui(uow, row["id"])
    return {**row, "status": tujuan, "diubah_at": now, **values}


def _muat_untuk(uow, principal, keberatan_id: str, aksi: str) -> tuple[akses.KeberatanDiakses, str]:
    """The keberatan, locked; 409 when late or the chain does not allow ``aksi`` now, 403 when
    the caller does not take it."""
    d = akses.muat(uow.session, principal, keberatan_id, kunci=True)
    if d.row["status"] == aturan.TERLAMBAT:
        aturan.langkah(d.row["alur"], aksi, d.row["status"])
    akses.wajib(d, aturan.pelaku(d.row["alur"], aksi))
    return d, aturan.langkah(d.row["alur"], aksi, d.row["status"])


def _teks(uow, principal, keberatan_id: str, aksi: str, teks: str) -> None:
    d, tujuan = _muat_untuk(uow, principal, keberatan_id, aksi)
    values = {TEKS[aksi]: teks}
    if d.row["direspon_at"] is None:
        values["direspon_at"] = clock.now()
    _langkah(uow, principal, d, aksi, tujuan, isi={TEKS[aksi]: teks}, **values)


@domain_refusals()
def penjelasan(uow, principal: Principal, keberatan_id: str, teks: str) -> None:
    """The pejabat penilai explains (PermenPAN chain: DIAJUKAN -> DIJELASKAN)."""
    d = akses.muat(uow.session, principal, keberatan_id)
    aturan.pelaku(d.row["alur"], aturan.PENJELASAN)
    _teks(uow, principal, keberatan_id, aturan.PENJELASAN, teks)


@domain_refusals()
def sanggahan(uow, principal: Principal, keberatan_id: str, teks: str) -> None:
    """DKI chain: the atasan pejabat penilai's sanggahan (field 6), then the pejabat penilai's
    (field 7); which one follows from the status."""
    d = akses.muat(uow.session, principal, keberatan_id)
    if d.row["status"] == aturan.TERLAMBAT:
        aturan.langkah(d.row["alur"], aturan.PUTUSKAN, d.row["status"])
    aksi = aturan.sanggahan_berikut(d.row["alur"], d.row["status"])
    _teks(uow, principal, keberatan_id, aksi, teks)


def _sesudah(row: dict, keputusan: str, diputuskan: dict[str, Any]) -> dict[str, Any]:
    """The after row: the decided values over the before ones (predikat and nilai kinerja from
    penilaian once it publishes the new revision); a rejection keeps the before row."""
    sebelum = row["sebelum"]
    if keputusan == aturan.DITOLAK:
        return {**sebelum, "diputuskan": {}}
    out = {**sebelum, "predikat": None, "nilai_kinerja": None, "diputuskan": diputuskan}
    if row["model"] == aturan.PP_30_2019:
        out["nilai_perilaku_pp30"] = {**(sebelum["nilai_perilaku_pp30"] or {}),
                                      **diputuskan.get("nilai_perilaku_pp30", {})}
    else:
        for k in ("rating_hasil_kerja", "rating_perilaku"):
            out[k] = diputuskan.get(k) or sebelum[k]
    return out


@domain_refusals()
def keputusan(uow, principal: Principal, keberatan_id: str, *, keputusan_: str, uraian: str,
              rekomendasi: str | None = None, rating_hasil_kerja: str | None = None,
              rating_perilaku: str | None = None,
              nilai_perilaku_pp30: dict[str, Decimal] | None = None) -> None:
    """The decider's final decision: DISETUJUI (with the new ratings, or the nilai perilaku
    under PP 30) or DITOLAK; publishes KeberatanDiputuskan. 409 when the predikat has a newer
    revision than the one objected to."""
    d, _ = _muat_untuk(uow, principal, keberatan_id, aturan.PUTUSKAN)
    row = d.row
    pred = muat.predikat_row(uow.session, row["penilaian_id"])
    if pred is not None and pred["revisi"] > row["revisi"]:
        raise Conflict(f"Predikat sudah direvisi (revisi {pred['revisi']}); keberatan atas "
                       f"revisi {row['revisi']} tidak dapat diputuskan.", code="revisi-usang")
    setuju = keputusan_ == aturan.DISETUJUI
    if not setuju and (rating_hasil_kerja or rating_perilaku or nilai_perilaku_pp30):
        raise TidakSah({"keputusan": ["Keputusan DITOLAK tidak memuat rating atau nilai."]})
    if setuju:
        nilai.periksa(row["model"], rating_hasil_kerja=rating_hasil_kerja,
                      rating_perilaku=rating_perilaku, nilai_pp30=nilai_perilaku_pp30,
                      aspek=nilai.aspek_berlaku(row["sebelum"]["nilai_perilaku_pp30"]),
                      medan=MEDAN, wajib=True)
    diputuskan = {k: v for k, v in (("rating_hasil_kerja", rating_hasil_kerja),
                                    ("rating_perilaku", rating_perilaku),
                                    ("nilai_perilaku_pp30", jsonable(nilai_perilaku_pp30)))
                  if v is not None}
    now = clock.now()
    baru = _langkah(uow, principal, d, aturan.PUTUSKAN, keputusan_, keputusan=keputusan_,
                    uraian=uraian, rekomendasi=rekomendasi, diputuskan_at=now,
                    sesudah=_sesudah(row, keputusan_, diputuskan),
                    isi={"keputusan": keputusan_, "uraian": uraian, "rekomendasi": rekomendasi,
                         **diputuskan})
    publikasi.tahap(uow, events.keberatan_diputuskan(baru), baru)


@domain_refusals()
def tarik(uow, principal: Principal, keberatan_id: str, alasan: str | None = None) -> None:
    """The pegawai withdraws before a decision (DITARIK); publishes KeberatanDitarik."""
    d, tujuan = _muat_untuk(uow, principal, keberatan_id, aturan.TARIK)
    baru = _langkah(uow, principal, d, aturan.TARIK, tujuan, alasan_tarik=alasan,
                    ditarik_at=clock.now(), isi={"alasan": alasan})
    publikasi.tahap(uow, events.keberatan_ditarik(baru), baru)


def buka(uow, principal: Principal, keberatan_id: str) -> None:
    """The first time the decider opens the keberatan (GET), ``dibuka_atasan_at`` is set and
    recorded; later reads, and reads by anyone else, change nothing."""
    s = uow.session
    d = akses.muat(s, principal, keberatan_id)
    if aturan.PEMUTUS not in d.peran or d.row["dibuka_atasan_at"] is not None:
        return
    now = clock.now()
    hasil = s.execute(update(keberatan).where(
        keberatan.c.id == keberatan_id, keberatan.c.dibuka_atasan_at.is_(None)).values(
        dibuka_atasan_at=now, diubah_at=now).returning(keberatan.c.id)).first()
    if hasil is None:  # opened concurrently by another request
        return
    catat(s, keberatan_id, "DIBUKA", oleh=muat.oleh(s, principal), peran=aturan.PEMUTUS,
          sebelum=d.row["status"], sesudah=d.row["status"], waktu=now)
    publikasi.diperbarui(uow, keberatan_id)
