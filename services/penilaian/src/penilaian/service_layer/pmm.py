"""A teacher's scores from PMM (PmmNilaiDiimpor, integration's sync of the teachers' platform;
DOMAIN.md §8, BKN admin manual §2.8) set on the penilaian of the SKP skp made of the same
import (``skp_id_pmm`` of the contract): the two ratings and the predikat as PMM gives them,
DITETAPKAN, and the predikat published (PredikatDitetapkan, PredikatFinal for a final period)
as a penetapan does.

- The scores are kept (``pmm_nilai``) and applied to every penilaian of that SKP, now and when
  skp's SkpDisetujui opens them later (the scores usually arrive first): the SkpDisetujui
  handler is wrapped (``setelah_skp_disetujui``).
- A newer PMM ``revisi`` replaces the scores; an older one arriving late changes nothing; a
  penilaian already holding these scores is left alone (nothing republished).
- PMM assessed the teacher: the pola distribusi is not enforced on these scores (decision).
"""
from __future__ import annotations

from sqlalchemy import select, update

from kinerja_shared import clock
from kinerja_shared.events.contracts.integration import skp_id_pmm
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.pmm_tables import pmm_nilai
from ..adapters.tables import penilaian
from ..domain.status import DITETAPKAN, DITUTUP
from .publikasi import diperbarui, terbitkan
from .rating import Penetapan, simpan
from .riwayat import catat

AKSI = "IMPOR_PMM"


@batch_handler
def pmm_nilai_diimpor(events, uow) -> None:
    s, ids = uow.session, []
    for p, envelope in events:
        if p.predikat is None:
            continue
        skp_id = skp_id_pmm(p.nip, p.periode)
        held = s.execute(select(pmm_nilai.c.revisi).where(pmm_nilai.c.skp_id == skp_id)).scalar()
        if held is not None and held >= p.revisi:
            continue
        values = dict(instansi_id=envelope.instansi_id or p.instansi_id, nip=p.nip,
                      periode=p.periode, revisi=p.revisi,
                      rating_hasil_kerja=p.rating_hasil_kerja,
                      rating_perilaku=p.rating_perilaku, predikat=p.predikat,
                      diterima_at=clock.now())
        if held is None:
            s.execute(pmm_nilai.insert().values(skp_id=skp_id, **values))
        else:
            s.execute(pmm_nilai.update().where(pmm_nilai.c.skp_id == skp_id).values(**values))
        ids.append(skp_id)
    terapkan(uow, ids)


def setelah_skp_disetujui(handler):
    """``handler`` (SkpDisetujui), then the PMM scores waiting for the SKPs it opened."""
    @batch_handler
    def wrapped(events, uow) -> None:
        handler(events, uow)
        terapkan(uow, [p.skp_id for p, _ in events])

    wrapped.__name__ = wrapped.__qualname__ = f"{handler.__name__}_lalu_nilai_pmm"
    return wrapped


def terapkan(uow, skp_ids: list[str]) -> None:
    if not skp_ids:
        return
    s = uow.session
    scores = {r["skp_id"]: r for r in s.execute(select(pmm_nilai).where(
        pmm_nilai.c.skp_id.in_(sorted(set(skp_ids))))).mappings()}
    if not scores:
        return
    pens = s.execute(select(penilaian).where(penilaian.c.skp_id.in_(list(scores)),
                                             penilaian.c.status != DITUTUP)
                     .order_by(penilaian.c.id).with_for_update()).mappings().all()
    for pen in pens:
        n = scores[pen["skp_id"]]
        wanted = (n["rating_hasil_kerja"], n["rating_perilaku"], n["predikat"])
        if (pen["rating_hasil_kerja"], pen["rating_perilaku"], pen["predikat"]) == wanted and \
                pen["status"] == DITETAPKAN:
            continue
        simpan(s, pen, Penetapan(pen["id"], *wanted), oleh=None,
               alasan=f"Nilai PMM {n['periode']} (revisi {n['revisi']})", justifikasi=None,
               aksi=AKSI)
        waktu = clock.now()
        s.execute(update(penilaian).where(penilaian.c.id == pen["id"]).values(
            status=DITETAPKAN, ditetapkan_at=waktu, revisi=pen["revisi"] + 1, updated_at=waktu))
        catat(s, pen["id"], "DITETAPKAN", None, {"status": pen["status"]},
              {"status": DITETAPKAN, "predikat": n["predikat"], "revisi": pen["revisi"] + 1},
              "PMM")
        terbitkan(uow, pen["id"])
        diperbarui(uow, pen["id"])
