"""PredikatDitetapkan for every penetapan, PredikatFinal for the final period — each revision
once, through the outbox in the same transaction as the change."""
from __future__ import annotations

from . import events, muat


def terbitkan(uow, penilaian_id: str) -> None:
    """Stage the predikat events of the penilaian as it now stands (its revisi included)."""
    s = uow.session
    pen = muat.penilaian_row(s, penilaian_id)
    periode = muat.periode_row(s, pen["periode_id"])
    keys = dict(aggregate_id=pen["id"], instansi_id=pen["instansi_id"])
    uow.add_event(events.predikat_ditetapkan(pen, periode), **keys)
    if periode["final"] and muat.pengaturan(
            s, pen["instansi_id"]).predikat_tahunan_dari_periode_final:
        uow.add_event(events.predikat_final(pen, periode), **keys)
