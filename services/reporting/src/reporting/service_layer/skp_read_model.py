"""reporting's read model of skp: one ``skp_rm`` row per SKP.

The content (RHK, indikator, perilaku, matriks peran) is the newest SkpDisetujui by
``revisi``; the status moves with every SkpDiajukan / SkpDikembalikan / SkpDisetujui /
SkpDibatalkan by the event's time, so an event arriving late never sets an older status.
A status event of an SKP never seen makes its row (dates filled in when an event has them).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from kinerja_shared.db.times import as_utc
from kinerja_shared.events.contracts import skp as skpev

from ..adapters.tables import skp_rm


def _terapkan(s, skp_id: str, pegawai_id: str, instansi_id: str | None, status: str,
              at: datetime, kepala: dict[str, Any], isi: dict[str, Any] | None = None,
              revisi: int = 0) -> None:
    """Status by time, header fields when newer or missing, content by revisi."""
    row = s.execute(select(skp_rm.c.status_at, skp_rm.c.revisi, skp_rm.c.periode_awal).where(
        skp_rm.c.id == skp_id)).first()
    if row is None:
        s.execute(skp_rm.insert().values(
            id=skp_id, pegawai_id=pegawai_id, instansi_id=instansi_id, status=status,
            status_at=at, revisi=revisi if isi is not None else 0, **kepala, **(isi or {})))
        return
    values: dict[str, Any] = {}
    if as_utc(row.status_at) < at:
        values.update(status=status, status_at=at)
    if isi is not None and revisi > row.revisi:
        values.update(revisi=revisi, **isi, **kepala)
    elif row.revisi == 0 or row.periode_awal is None:
        values.update({k: v for k, v in kepala.items() if v is not None})
    if instansi_id is not None:
        values["instansi_id"] = instansi_id
    if values:
        s.execute(update(skp_rm).where(skp_rm.c.id == skp_id).values(**values))


def _kepala(awal, akhir, **more) -> dict[str, Any]:
    return {"periode_awal": awal, "periode_akhir": akhir,
            "tahun": awal.year if awal is not None else None, **more}


def skp_diajukan(event: skpev.SkpDiajukan, envelope, uow) -> None:
    _terapkan(uow.session, event.skp_id, event.pegawai_id, envelope.instansi_id, "DIAJUKAN",
              envelope.occurred_at, _kepala(
                  event.periode_awal, event.periode_akhir, jenis=event.jenis,
                  pejabat_penilai_id=event.pejabat_penilai_id,
                  atasan_pejabat_penilai_id=event.atasan_pejabat_penilai_id))


def skp_dikembalikan(event: skpev.SkpDikembalikan, envelope, uow) -> None:
    _terapkan(uow.session, event.skp_id, event.pegawai_id, envelope.instansi_id,
              "DIKEMBALIKAN", envelope.occurred_at, {})


def skp_dibatalkan(event: skpev.SkpDibatalkan, envelope, uow) -> None:
    _terapkan(uow.session, event.skp_id, event.pegawai_id, envelope.instansi_id, "DRAFT",
              envelope.occurred_at, {})


def skp_disetujui(event: skpev.SkpDisetujui, envelope, uow) -> None:
    isi = {"snapshot": event.model_dump(mode="json"), "unor_id": event.unor_id
           or event.pegawai.unor_id, "pendekatan": event.pendekatan, "model": event.model,
           "plt_unor_id": event.plt_unor_id}
    kepala = _kepala(
        event.periode_awal, event.periode_akhir, jenis=event.jenis,
        pejabat_penilai_id=event.pejabat_penilai.id if event.pejabat_penilai else None,
        atasan_pejabat_penilai_id=(event.atasan_pejabat_penilai.id
                                   if event.atasan_pejabat_penilai else None))
    _terapkan(uow.session, event.skp_id, event.pegawai.id,
              event.instansi_id or envelope.instansi_id, "DISETUJUI", envelope.occurred_at,
              kepala, isi, revisi=event.revisi)
