"""keberatan's read models, from events only (no call to another service on a request path):

- identity: instansi (its ``pengaturan``) and pegawai, order-tolerant by ``revisi``, deletions
  as tombstones; a change that touches the configured pemutus moves the open keberatan
  waiting on him (``pemutus.segarkan``);
- penilaian: ``PredikatDitetapkan`` (every penetapan, and each revision after an approved
  keberatan; PredikatFinal repeats it for the final period, so it is not needed), one row per
  penilaian at its newest revisi. A new revision that an approved keberatan of this service
  caused fills that keberatan's after row (predikat, nilai kinerja) and is recorded in its
  history (``PREDIKAT_DIREVISI``).

Set-wise: each run of consecutive events of one type is written with one statement.
"""
from __future__ import annotations

from sqlalchemy import select, update

from kinerja_shared.db.readmodel import apply_snapshots, apply_tombstones, upsert_snapshots
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.tables import instansi_ref, keberatan, pegawai_ref, predikat_ref
from ..domain import aturan
from . import pemutus, publikasi
from .riwayat import catat, jsonable


def _json(value):
    return value.model_dump(mode="json") if value is not None else None


def _predikat(p) -> dict:
    return dict(
        penilaian_id=p.penilaian_id, instansi_id=None, skp_id=p.skp_id, pegawai_id=p.pegawai.id,
        pegawai=_json(p.pegawai), periode=_json(p.periode), tahun=p.tahun, model=p.model,
        unor_id=p.unor_id or p.pegawai.unor_id, rating_hasil_kerja=p.rating_hasil_kerja,
        rating_perilaku=p.rating_perilaku, predikat=p.predikat,
        nilai_kinerja=str(p.nilai_kinerja) if p.nilai_kinerja is not None else None,
        nilai_perilaku_pp30=jsonable(p.nilai_perilaku_pp30),
        pejabat_penilai=_json(p.pejabat_penilai),
        atasan_pejabat_penilai=_json(p.atasan_pejabat_penilai), revisi=p.revisi,
        ditetapkan_at=p.ditetapkan_at)


@batch_handler
def predikat_ditetapkan(events, uow) -> None:
    rows = [{**_predikat(p), "instansi_id": env.instansi_id or ""} for p, env in events]
    written = upsert_snapshots(uow.session, predikat_ref, rows, key="penilaian_id")
    revisi_baru = [r for r in rows if r["penilaian_id"] in written and r["revisi"] > 1]
    for r in revisi_baru:
        _isi_sesudah(uow, r)


def _isi_sesudah(uow, pred: dict) -> None:
    """The revision an approved keberatan caused: its after row takes penilaian's figures."""
    s = uow.session
    row = s.execute(select(keberatan).where(
        keberatan.c.penilaian_id == pred["penilaian_id"],
        keberatan.c.revisi == pred["revisi"] - 1,
        keberatan.c.status == aturan.DISETUJUI)).mappings().first()
    if row is None:
        return
    sesudah = {**(row["sesudah"] or {}), **{k: pred[k] for k in (
        "rating_hasil_kerja", "rating_perilaku", "predikat", "nilai_perilaku_pp30",
        "nilai_kinerja")}, "revisi": pred["revisi"]}
    s.execute(update(keberatan).where(keberatan.c.id == row["id"]).values(sesudah=sesudah))
    catat(s, row["id"], "PREDIKAT_DIREVISI", oleh=None, peran=aturan.SISTEM,
          sebelum=row["status"], sesudah=row["status"],
          isi={"revisi": pred["revisi"], "predikat": pred["predikat"],
               "nilai_kinerja": pred["nilai_kinerja"]})
    publikasi.diperbarui(uow, row["id"])


@batch_handler
def instansi_diperbarui(events, uow) -> None:
    written = apply_snapshots(uow.session, instansi_ref, [p for p, _ in events])
    pemutus.segarkan(uow, written)


def _pegawai_ikut(uow, pegawai_ids: set) -> None:
    """The instansi whose configured pemutus is among ``pegawai_ids`` look again."""
    if not pegawai_ids:
        return
    rows = uow.session.execute(select(instansi_ref.c.id, instansi_ref.c.pengaturan)).all()
    pemutus.segarkan(uow, [r.id for r in rows if (r.pengaturan or {}).get(
        "pemutus_keberatan_pegawai_id") in pegawai_ids])


@batch_handler
def pegawai_diperbarui(events, uow) -> None:
    _pegawai_ikut(uow, apply_snapshots(uow.session, pegawai_ref, [p for p, _ in events]))


@batch_handler
def pegawai_dihapus(events, uow) -> None:
    _pegawai_ikut(uow, apply_tombstones(uow.session, pegawai_ref, [p for p, _ in events],
                                        nama=""))
