"""Filing a keberatan (DOMAIN.md §6): by the pegawai of a set predikat, against its newest
revision, once per penilaian and revision (a withdrawn one aside); inside the window it is
``DIAJUKAN``, after it ``TERLAMBAT`` (recorded, never decided)."""
from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from kinerja_shared import clock
from kinerja_shared.auth.principal import Principal
from kinerja_shared.db.times import as_utc
from kinerja_shared.errors import Conflict, Forbidden, NotFound

from ..adapters.tables import keberatan
from ..domain import aturan, jendela, nilai
from . import events, muat, pemutus, publikasi
from .refusals import domain_refusals
from .riwayat import catat, jsonable

PENILAIAN_TIDAK_DITEMUKAN = "Penilaian tidak ditemukan atau predikatnya belum ditetapkan."
DUPLIKAT = "Sudah ada keberatan atas predikat ini (revisi yang sama)."
MEDAN = {"rating_hasil_kerja": "rating_hasil_kerja_diminta",
         "rating_perilaku": "rating_perilaku_diminta",
         "nilai_pp30": "nilai_perilaku_pp30_diminta"}


def sebelum(pred: dict) -> dict[str, Any]:
    return {"rating_hasil_kerja": pred["rating_hasil_kerja"],
            "rating_perilaku": pred["rating_perilaku"], "predikat": pred["predikat"],
            "nilai_perilaku_pp30": pred["nilai_perilaku_pp30"],
            "nilai_kinerja": pred["nilai_kinerja"]}


def _predikat_milik(s, principal: Principal, penilaian_id: str) -> dict:
    pred = muat.predikat_row(s, penilaian_id)
    if pred is None or not principal.sees_instansi(pred["instansi_id"]):
        raise NotFound(PENILAIAN_TIDAK_DITEMUKAN)
    if principal.pegawai_id == pred["pegawai_id"]:
        return pred
    terkait = {(p or {}).get("id") for p in (pred["pejabat_penilai"],
                                              pred["atasan_pejabat_penilai"])}
    if principal.can_admin_instansi(pred["instansi_id"]) or principal.pegawai_id in terkait:
        raise Forbidden("Hanya pegawai yang dinilai yang dapat mengajukan keberatan.")
    raise NotFound(PENILAIAN_TIDAK_DITEMUKAN)


def _periksa_revisi(s, pred: dict, revisi: int | None) -> None:
    if revisi is not None and revisi != pred["revisi"]:
        raise Conflict(f"Predikat revisi {revisi} bukan yang berlaku (revisi {pred['revisi']}); "
                       "keberatan hanya atas predikat terbaru.", code="revisi-usang",
                       revisi_berlaku=pred["revisi"])
    ada = s.execute(select(keberatan.c.id, keberatan.c.status).where(
        keberatan.c.penilaian_id == pred["penilaian_id"], keberatan.c.revisi == pred["revisi"],
        keberatan.c.status != aturan.DITARIK)).first()
    if ada is not None:
        raise Conflict(DUPLIKAT, code="keberatan-sudah-ada", keberatan_id=ada.id)


@domain_refusals()
def ajukan(uow, principal: Principal, penilaian_id: str, *, alasan: str,
           rating_hasil_kerja_diminta: str | None = None,
           rating_perilaku_diminta: str | None = None,
           nilai_perilaku_pp30_diminta: dict[str, Decimal] | None = None,
           bukti_dukung: list[dict] | None = None, revisi: int | None = None) -> str:
    """File a keberatan; returns its id."""
    s = uow.session
    pred = _predikat_milik(s, principal, penilaian_id)
    _periksa_revisi(s, pred, revisi)
    nilai.periksa(pred["model"], rating_hasil_kerja=rating_hasil_kerja_diminta,
                  rating_perilaku=rating_perilaku_diminta, nilai_pp30=nilai_perilaku_pp30_diminta,
                  aspek=nilai.aspek_berlaku(pred["nilai_perilaku_pp30"]), medan=MEDAN,
                  wajib=pred["model"] != aturan.PP_30_2019)
    now = clock.now()
    atur = muat.pengaturan(s, pred["instansi_id"])
    batas = jendela.batas_pengajuan(as_utc(pred["ditetapkan_at"]), atur.jendela_hari,
                                    jendela.zona(atur.zona_waktu))
    terlambat = jendela.terlambat(now, batas)
    status = aturan.TERLAMBAT if terlambat else aturan.DIAJUKAN
    sblm = sebelum(pred)
    diminta = {"rating_hasil_kerja": rating_hasil_kerja_diminta or sblm["rating_hasil_kerja"],
               "rating_perilaku": rating_perilaku_diminta or sblm["rating_perilaku"],
               "predikat": None, "nilai_perilaku_pp30": None, "nilai_kinerja": None}
    if pred["model"] == aturan.PP_30_2019:
        diminta.update(rating_hasil_kerja=None, rating_perilaku=None,
                       nilai_perilaku_pp30=jsonable(nilai_perilaku_pp30_diminta))
    else:
        diminta["predikat"] = nilai.predikat(diminta["rating_hasil_kerja"],
                                             diminta["rating_perilaku"])
    pem, sumber = pemutus.tentukan(s, pred["instansi_id"], pred["atasan_pejabat_penilai"])
    pegawai = pred["pegawai"]
    row = dict(
        id=str(uuid.uuid4()), instansi_id=pred["instansi_id"], penilaian_id=penilaian_id,
        revisi=pred["revisi"], pegawai_id=pred["pegawai_id"], pegawai=pegawai,
        pegawai_nama=pegawai.get("nama") or "", pegawai_nip=pegawai.get("nip"),
        unor_id=pred["unor_id"] or pegawai.get("unor_id"), tahun=pred["tahun"],
        periode_id=(pred["periode"] or {}).get("id"), periode=pred["periode"],
        model=pred["model"], alur=atur.alur, status=status, terlambat=terlambat,
        menunggu=None if terlambat else aturan.menunggu(atur.alur, status), alasan=alasan,
        bukti_dukung=bukti_dukung or [], sebelum=sblm, diminta=diminta, sesudah=None,
        pejabat_penilai_id=(pred["pejabat_penilai"] or {}).get("id"),
        pejabat_penilai=pred["pejabat_penilai"], pemutus_id=pem["id"] if pem else None,
        pemutus=pem, pemutus_sumber=sumber, batas_pengajuan_at=batas, diajukan_at=now,
        versi=0, diubah_at=now)
    s.execute(keberatan.insert().values(**row))
    catat(s, row["id"], "DIAJUKAN", oleh=muat.oleh(s, principal), peran=aturan.PEGAWAI,
          sebelum=None, sesudah=status, waktu=now,
          isi={"alasan": alasan, "diminta": diminta, "bukti_dukung": row["bukti_dukung"],
               "terlambat": terlambat, "batas_pengajuan_at": batas})
    publikasi.tahap(uow, events.keberatan_diajukan(row), row)
    publikasi.diperbarui(uow, row["id"])
    return row["id"]
