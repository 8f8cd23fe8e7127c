"""reporting's read model of penilaian: the newest PenilaianDiperbarui of each penilaian (by
``versi``; set-wise, one statement per run), and each capaian organisasi as its newest
CapaianOrganisasiFinal (by the event's time) left it."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from kinerja_shared.db.readmodel import upsert_snapshots
from kinerja_shared.db.times import as_utc
from kinerja_shared.events.contracts import penilaian as penev
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.tables import capaian_rm, penilaian_rm

_FLAT = ("skp_id", "pegawai_id", "unor_id", "unor_induk_id", "periode_id", "tahun", "model",
         "jenis_skp", "status", "rating_hasil_kerja", "rating_perilaku", "predikat",
         "nilai_skp", "nilai_perilaku", "nilai_kinerja", "dikirim_at", "ditetapkan_at",
         "revisi", "versi")


def _baris(event: penev.PenilaianDiperbarui, instansi_id: str | None) -> dict[str, Any]:
    row = {name: getattr(event, name) for name in _FLAT}
    row.update(
        id=event.penilaian_id,
        instansi_id=instansi_id or "",
        jumlah_realisasi=sum(1 for r in event.realisasi if r.realisasi not in (None, ""))
        + sum(1 for k in (event.pp30.kegiatan if event.pp30 else ())
              if k.kuantitas is not None),
        pejabat_penilai_id=event.pejabat_penilai.id if event.pejabat_penilai else None,
        atasan_pejabat_penilai_id=(event.atasan_pejabat_penilai.id
                                   if event.atasan_pejabat_penilai else None),
        snapshot=event.model_dump(mode="json"),
    )
    return row


@batch_handler
def penilaian_diperbarui(events, uow) -> None:
    upsert_snapshots(uow.session, penilaian_rm,
                     [_baris(event, envelope.instansi_id) for event, envelope in events],
                     version="versi")


def capaian_organisasi_final(event: penev.CapaianOrganisasiFinal, envelope, uow) -> None:
    s = uow.session
    values = dict(instansi_id=envelope.instansi_id, unor_induk_id=event.unor_induk_id,
                  tahun=event.tahun, periode_id=event.periode_id, capaian=event.capaian,
                  final=event.final, diubah_at=envelope.occurred_at)
    stored = s.execute(select(capaian_rm.c.diubah_at).where(
        capaian_rm.c.id == event.id)).scalar()
    if stored is None:
        s.execute(capaian_rm.insert().values(id=event.id, **values))
    elif as_utc(stored) < envelope.occurred_at:
        s.execute(update(capaian_rm).where(capaian_rm.c.id == event.id).values(**values))
