"""Capaian kinerja organisasi per unor induk and period (SE MenPAN-RB 3/2023): set by an admin,
made final (CapaianOrganisasiFinal; warns when not everybody has been assessed), undone."""
from __future__ import annotations

import uuid

from sqlalchemy import func, select, update

from kinerja_shared.events.contracts.penilaian import CapaianOrganisasiFinal

from ..adapters.tables import capaian_organisasi, pegawai_ref
from .distribusi import distribusi
from .errors import konflik
from .muat import unor_dalam_induk
from .skp_events import now


def buat(uow, *, instansi_id: str, periode, unor_induk_id: str, capaian: str,
         bukti_dukung: str | None) -> str:
    s = uow.session
    ada = s.execute(select(capaian_organisasi.c.id).where(
        capaian_organisasi.c.unor_induk_id == unor_induk_id,
        capaian_organisasi.c.periode_id == periode["id"])).scalar()
    if ada:
        raise konflik("Capaian organisasi untuk unor dan periode ini sudah ada.", id=ada)
    cid = str(uuid.uuid4())
    s.execute(capaian_organisasi.insert().values(
        id=cid, instansi_id=instansi_id, tahun=periode["tahun"], periode_id=periode["id"],
        unor_induk_id=unor_induk_id, capaian=capaian, bukti_dukung=bukti_dukung, final=False,
        created_at=now(), updated_at=now()))
    return cid


def ubah(uow, row, changes: dict) -> None:
    if row["final"]:
        raise konflik("Capaian organisasi sudah final; batalkan final terlebih dahulu.")
    uow.session.execute(update(capaian_organisasi).where(capaian_organisasi.c.id == row["id"])
                        .values(**changes, updated_at=now()))


def total_pegawai(s, unor_induk_id: str) -> int:
    return s.execute(select(func.count()).select_from(pegawai_ref).where(
        pegawai_ref.c.unor_id.in_(unor_dalam_induk(s, unor_induk_id)),
        pegawai_ref.c.dihapus.is_(False), pegawai_ref.c.aktif.is_(True))).scalar() or 0


def statistik(s, row) -> dict:
    d = distribusi(s, row["unor_induk_id"], row["periode_id"])
    total = max(total_pegawai(s, row["unor_induk_id"]), d.total)
    return {**d.to_dict(), "pegawai_total": total, "pegawai_dinilai": d.dinilai,
            "pegawai_belum_dinilai": total - d.dinilai}


def finalkan(uow, row) -> dict:
    if row["final"]:
        raise konflik("Capaian organisasi sudah final.")
    s = uow.session
    stat = statistik(s, row)
    s.execute(update(capaian_organisasi).where(capaian_organisasi.c.id == row["id"]).values(
        final=True, difinalkan_at=now(), updated_at=now()))
    uow.add_event(CapaianOrganisasiFinal(
        id=row["id"], unor_induk_id=row["unor_induk_id"], tahun=row["tahun"],
        periode_id=row["periode_id"], capaian=row["capaian"], final=True),
        aggregate_id=row["id"], instansi_id=row["instansi_id"])
    peringatan = []
    if stat["pegawai_belum_dinilai"]:
        peringatan.append(f"{stat['pegawai_belum_dinilai']} dari {stat['pegawai_total']} pegawai "
                          "belum dinilai.")
    return {"peringatan": peringatan, "statistik": stat}


def batal_final(uow, row) -> None:
    if not row["final"]:
        raise konflik("Capaian organisasi belum final.")
    uow.session.execute(update(capaian_organisasi).where(capaian_organisasi.c.id == row["id"])
                        .values(final=False, difinalkan_at=None, updated_at=now()))
    uow.add_event(CapaianOrganisasiFinal(
        id=row["id"], unor_induk_id=row["unor_induk_id"], tahun=row["tahun"],
        periode_id=row["periode_id"], capaian=row["capaian"], final=False),
        aggregate_id=row["id"], instansi_id=row["instansi_id"])
