"""Events identity publishes: the declared list (``PUBLISHES``, given to
``ServiceDefinition.publishes``; a unit of work refuses any other type) and the functions that
build each one from identity's rows (docs/ARCHITECTURE.md, "Events"). Every change publishes a
full snapshot with the row's ``revisi``; a deletion carries the next ``revisi``. Identity
consumes what integration pulls from SIASN (``handlers.py``, ``siasn.py``)."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterator, Mapping

import sqlalchemy as sa

from kinerja_shared.events import EventPayload
from kinerja_shared.events.contracts.identity import (
    InstansiDiperbarui,
    PegawaiDihapus,
    PegawaiDiperbarui,
    PeriodeDiperbarui,
    PltPlhDiperbarui,
    RelasiManualDiperbarui,
    SesiDicabut,
    UnorDihapus,
    UnorDiperbarui,
)

from ..adapters.tables import instansi, pegawai, periode, plt_plh, relasi_manual, unor
from ..domain.golongan import pangkat_dari
from ..domain.periode import Periode

PUBLISHES: tuple[type[EventPayload], ...] = (
    InstansiDiperbarui, UnorDiperbarui, UnorDihapus, PegawaiDiperbarui, PegawaiDihapus,
    RelasiManualDiperbarui, PltPlhDiperbarui, PeriodeDiperbarui, SesiDicabut,
)

Row = Mapping[str, Any]


def _snapshot(payload_cls: type[EventPayload], row: Row, **extra: Any) -> Any:
    """The payload's fields taken from the row (the password hash is never one of them)."""
    fields = {k: row[k] for k in payload_cls.model_fields if k in row}
    fields.update(extra)
    return payload_cls(**fields)


def instansi_diperbarui(row: Row) -> InstansiDiperbarui:
    return _snapshot(InstansiDiperbarui, row)


def unor_diperbarui(row: Row) -> UnorDiperbarui:
    return _snapshot(UnorDiperbarui, row)


def unor_dihapus(row: Row) -> UnorDihapus:
    """From the row as it was before the deletion."""
    return UnorDihapus(id=row["id"], instansi_id=row["instansi_id"], revisi=row["revisi"] + 1)


def pegawai_diperbarui(row: Row) -> PegawaiDiperbarui:
    """With the ``pangkat`` of the row's golongan (derived, never stored)."""
    return _snapshot(PegawaiDiperbarui, row, pangkat=pangkat_dari(row.get("golongan")))


def pegawai_dihapus(row: Row) -> PegawaiDihapus:
    """From the row as it was before the deletion."""
    return PegawaiDihapus(id=row["id"], instansi_id=row["instansi_id"], nip=row["nip"],
                          revisi=row["revisi"] + 1)


def relasi_manual_diperbarui(row: Row) -> RelasiManualDiperbarui:
    return _snapshot(RelasiManualDiperbarui, row)


def plt_plh_diperbarui(row: Row) -> PltPlhDiperbarui:
    return _snapshot(PltPlhDiperbarui, row)


def plt_plh_dihapus(row: Row) -> PltPlhDiperbarui:
    """From the row as it was before the deletion: inactive, ``dihapus``."""
    return _snapshot(PltPlhDiperbarui, row, dihapus=True, aktif=False, revisi=row["revisi"] + 1)


def periode_diperbarui(row: Row) -> PeriodeDiperbarui:
    """With the ``MM-DD`` of the row resolved to dates (a batas pengisian may lie in the next
    year)."""
    return _periode(row)


def periode_dihapus(row: Row) -> PeriodeDiperbarui:
    """From the row as it was before the deletion."""
    return _periode(row, dihapus=True, revisi=row["revisi"] + 1)


def _periode(row: Row, **extra: Any) -> PeriodeDiperbarui:
    p = Periode.dari(row)
    return _snapshot(PeriodeDiperbarui, row, awal=p.tanggal_awal, akhir=p.tanggal_akhir,
                     batas_pengisian=p.tanggal_batas, **extra)


def sesi_dicabut(*, pegawai_id: str, instansi_id: str, dicabut_sebelum: datetime,
                 alasan: str, sesi_id: str | None = None) -> SesiDicabut:
    return SesiDicabut(pegawai_id=pegawai_id, instansi_id=instansi_id,
                       dicabut_sebelum=dicabut_sebelum, alasan=alasan, sesi_id=sesi_id)



def snapshots(uow) -> Iterator[tuple[EventPayload, str, str | None]]:
    """Every current snapshot, parents first (``kinerja republish identity``): instansi, unor
    (atasan before their children is not needed: consumers take any order), pegawai, PLT/PLH,
    periods, manual relasi."""
    s = uow.session
    for row in s.execute(sa.select(instansi).order_by(instansi.c.id)).mappings():
        yield instansi_diperbarui(row), row["id"], row["id"]
    for table, build in ((unor, unor_diperbarui), (pegawai, pegawai_diperbarui),
                         (plt_plh, plt_plh_diperbarui), (periode, periode_diperbarui)):
        for row in s.execute(sa.select(table).order_by(table.c.id)).mappings():
            yield build(row), row["id"], row["instansi_id"]
    for row in s.execute(sa.select(relasi_manual).order_by(relasi_manual.c.pegawai_id)
                         ).mappings():
        yield relasi_manual_diperbarui(row), row["pegawai_id"], row["instansi_id"]
