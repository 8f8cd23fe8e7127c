"""What the service publishes about a penilaian, through the outbox in the transaction of the
change:

- ``terbitkan``: PredikatDitetapkan for every penetapan, PredikatFinal for the final period —
  each revision once;
- ``diperbarui``: PenilaianDiperbarui, the whole penilaian, after a change by a user action or a
  keberatan decision. Every service function that changes a penilaian calls it; however often
  it is called in one transaction, each penilaian is published once, just before the commit,
  from its rows as they will be committed, with ``versi`` + 1. The bulk changes of the
  SkpDisetujui / SkpDibatalkan / PeriodeDiperbarui handlers (penilaian created, updated,
  reopened or closed with their SKP or period; up to an instansi's whole year at once) never
  call it: consumers derive those from SkpDisetujui and SkpDibatalkan.
"""
from __future__ import annotations

from sqlalchemy import select, update

from kinerja_shared import clock

from ..adapters.tables import capaian_organisasi, penilaian
from ..domain.aturan import rules_for
from ..domain.status import DITETAPKAN
from . import events, muat

KUNCI = "penilaian"
POTONGAN = 500  # penilaian loaded and published together
_TERTUNDA = "penilaian.diperbarui"


def terbitkan(uow, penilaian_id: str) -> None:
    """Stage the predikat events of the penilaian as it now stands (its revisi included)."""
    terbitkan_banyak(uow, [penilaian_id])


def terbitkan_banyak(uow, penilaian_ids: list[str]) -> None:
    """``terbitkan`` for many penilaian at once (a bulk penetapan), one query per kind of row.
    Staged by type: every PredikatDitetapkan, then every PredikatFinal, so a consumer's batch
    handler gets them as long runs (each penilaian's own events keep their order)."""
    ditetapkan, final = [], []
    for i in range(0, len(penilaian_ids), POTONGAN):
        d, f = _predikat_banyak(uow.session, penilaian_ids[i:i + POTONGAN])
        ditetapkan += d
        final += f
    uow.add_events(ditetapkan + final)


def _predikat_banyak(s, ids) -> tuple[list, list]:
    """The PredikatDitetapkan and PredikatFinal (final period, when the instansi takes the
    annual predikat from it) of these penilaian as their rows stand, with their keys."""
    pens = s.execute(select(penilaian).where(muat.di_antara(s, penilaian.c.id, sorted(ids)))
                     .order_by(penilaian.c.id)).mappings().all()
    periods = muat.periode_rows(s, (p["periode_id"] for p in pens))
    pengaturan = muat.pengaturan_banyak(s, (p["instansi_id"] for p in pens))
    ditetapkan, final = [], []
    for pen in pens:
        periode = periods[pen["periode_id"]]
        keys = (pen["id"], pen["instansi_id"])
        ditetapkan.append((events.predikat_ditetapkan(pen, periode), *keys))
        if periode["final"] and \
                pengaturan[pen["instansi_id"]].predikat_tahunan_dari_periode_final:
            final.append((events.predikat_final(pen, periode), *keys))
    return ditetapkan, final


def diperbarui(uow, *penilaian_ids: str) -> None:
    """These penilaian were changed by a user action or a keberatan decision: each gets one
    PenilaianDiperbarui in this transaction, built just before the commit."""
    tertunda = _tertunda(uow)
    for pid in penilaian_ids:
        tertunda.setdefault(pid, None)
        uow.once_before_commit((KUNCI, pid), _terbitkan_tertunda)


def _tertunda(uow) -> dict[str, None]:
    """The penilaian registered in the open transaction and not published yet (an ordered
    set, kept with the session and forgotten with the transaction it belongs to: the unit of
    work forgets its registrations on rollback)."""
    s = uow.session
    tx = s.get_transaction() or s.begin()
    slot = s.info.get(_TERTUNDA)
    if slot is None or slot[0] is not tx:
        slot = s.info[_TERTUNDA] = (tx, {})
    return slot[1]


def _terbitkan_tertunda(uow) -> None:
    """Every penilaian registered so far at once (the first registered key's call does the
    work; the others find nothing left): versi + 1, then the snapshots from the rows, with one
    query per kind of row for up to ``POTONGAN`` penilaian (a bulk rating registers a whole
    unit)."""
    tertunda = _tertunda(uow)
    ids = sorted(tertunda)
    tertunda.clear()
    for i in range(0, len(ids), POTONGAN):
        _terbitkan(uow, ids[i:i + POTONGAN])


def _terbitkan(uow, ids: list[str]) -> None:
    s = uow.session
    dipilih = muat.di_antara(s, penilaian.c.id, ids)
    s.execute(update(penilaian).where(dipilih).values(versi=penilaian.c.versi + 1,
                                                      updated_at=clock.now()))
    # (a separate SELECT: UPDATE ... RETURNING of the rows with their JSON snapshot measured
    # ~1.5x slower for a unit of 5,000 here)
    uow.add_events(_snapshot_banyak(uow, ids))


def _snapshot_banyak(uow, ids: list[str]) -> list:
    """PenilaianDiperbarui of these penilaian as their rows stand, with their keys."""
    s = uow.session
    dipilih = muat.di_antara(s, penilaian.c.id, ids)
    pens = s.execute(select(penilaian).where(dipilih).order_by(penilaian.c.id)).mappings().all()
    periods = muat.periode_rows(s, (p["periode_id"] for p in pens))
    induk = muat.unor_induk_banyak(s, (p["unor_id"] for p in pens))
    pengaturan = muat.pengaturan_banyak(
        s, (p["instansi_id"] for p in pens if p["model"] == events.PP30))
    bagian = muat.bagian_penilaian(s, pens)
    staged = []
    for pen in pens:
        periode = periods.get(pen["periode_id"])
        parameter = None
        if pen["model"] == events.PP30:
            rules = rules_for(periode["akhir"] if periode is not None
                              else pen["created_at"].date())
            parameter = pengaturan[pen["instansi_id"]].parameter_pp30(rules.pp30)
        staged.append((events.penilaian_diperbarui(
            pen, periode, bagian[pen["id"]], unor_induk_id=induk.get(pen["unor_id"]),
            parameter_pp30=parameter), pen["id"], pen["instansi_id"]))
    return staged


def snapshots(uow):
    """Every current snapshot (``kinerja republish penilaian``), without changing any row:
    PenilaianDiperbarui of every penilaian at its ``versi``, the predikat events of every
    DITETAPKAN one at its ``revisi``, and every final capaian organisasi."""
    s = uow.session
    ids = list(s.execute(select(penilaian.c.id).order_by(penilaian.c.id)).scalars())
    for i in range(0, len(ids), POTONGAN):
        yield from _snapshot_banyak(uow, ids[i:i + POTONGAN])
    ditetapkan = list(s.execute(select(penilaian.c.id).where(
        penilaian.c.status == DITETAPKAN).order_by(penilaian.c.id)).scalars())
    for i in range(0, len(ditetapkan), POTONGAN):
        d, f = _predikat_banyak(s, ditetapkan[i:i + POTONGAN])
        yield from d + f
    for row in s.execute(select(capaian_organisasi).where(capaian_organisasi.c.final.is_(True))
                         .order_by(capaian_organisasi.c.id)).mappings():
        yield events.capaian_organisasi_final(row), row["id"], row["instansi_id"]
