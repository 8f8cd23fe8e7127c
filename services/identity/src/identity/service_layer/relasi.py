"""Relasi of a pegawai on a date (domain.relasi over the instansi's current data) and the
manual overrides of the profile form."""
from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from kinerja_shared.auth import Principal, ensure_visible
from kinerja_shared.events.contracts.identity import RelasiManualDiperbarui

from ..adapters.tables import pegawai, plt_plh, relasi_manual, unor
from kinerja_shared import relasi as rules
from .common import catat, invalid, now, row_or_404, snapshot

ATASAN = ("atasan_langsung_id", "atasan_ii_id", "atasan_iii_id")
DAFTAR = ("rekan_kerja_ids", "bawahan_ids")


def muat_struktur(session, instansi_id: str) -> tuple[rules.Struktur, dict[str, dict]]:
    unors = session.execute(sa.select(unor.c.id, unor.c.unor_atasan_id)
                            .where(unor.c.instansi_id == instansi_id)).all()
    orang = session.execute(sa.select(pegawai.c.id, pegawai.c.unor_id, pegawai.c.jenis_jabatan,
                                      pegawai.c.nip, pegawai.c.nik, pegawai.c.nama, pegawai.c.jabatan)
                            .where(pegawai.c.instansi_id == instansi_id,
                                   pegawai.c.aktif.is_(True))).all()
    tugas = session.execute(sa.select(plt_plh).where(plt_plh.c.instansi_id == instansi_id,
                                                     plt_plh.c.aktif.is_(True))).mappings().all()
    manual = session.execute(sa.select(relasi_manual)
                             .where(relasi_manual.c.instansi_id == instansi_id)).mappings().all()
    s = rules.Struktur(
        unor={u.id: rules.UnorNode(u.id, u.unor_atasan_id) for u in unors},
        orang={o.id: rules.Orang(o.id, o.unor_id, o.jenis_jabatan == "PIMPINAN") for o in orang},
        penugasan=[rules.Penugasan(t["pegawai_id"], t["unor_id"], t["jenis"], t["mulai"], t["selesai"],
                                   t["aktif"]) for t in tugas],
        manual={m["pegawai_id"]: rules.RelasiManual(
            m["atasan_langsung_id"], m["atasan_ii_id"], m["atasan_iii_id"],
            tuple(m["rekan_kerja_ids"] or ()), tuple(m["bawahan_ids"] or ())) for m in manual},
    )
    ringkas = {o.id: {"id": o.id, "nip": o.nip or o.nik, "nama": o.nama, "jabatan": o.jabatan,
                      "unor_id": o.unor_id} for o in orang}
    return s, ringkas


def relasi(uow, principal: Principal, pegawai_id: str, tanggal: date) -> dict:
    """Visible to the pegawai, the admins of the instansi and his atasan (I to III)."""
    with uow:
        row = row_or_404(uow, pegawai, pegawai_id)
        ensure_visible(principal, instansi_id=row["instansi_id"])  # 404 across instansi first
        s, ringkas = muat_struktur(uow.session, row["instansi_id"])
        manual = uow.session.execute(sa.select(relasi_manual).where(
            relasi_manual.c.pegawai_id == pegawai_id)).mappings().first()
    r = rules.resolve(s, pegawai_id, tanggal)
    ensure_visible(principal, instansi_id=row["instansi_id"], owner_pegawai_id=pegawai_id,
                   related_pegawai_ids=(r.atasan_langsung, r.atasan_ii, r.atasan_iii))

    def one(pid):
        return ringkas.get(pid) if pid else None

    return {
        "pegawai_id": pegawai_id, "tanggal": tanggal,
        "atasan_langsung": one(r.atasan_langsung), "atasan_ii": one(r.atasan_ii),
        "atasan_iii": one(r.atasan_iii), "pejabat_penilai": one(r.pejabat_penilai),
        "atasan_pejabat_penilai": one(r.atasan_pejabat_penilai),
        "bawahan": [ringkas[x] for x in r.bawahan if x in ringkas],
        "rekan_kerja": [ringkas[x] for x in r.rekan_kerja if x in ringkas],
        "manual": {k: manual[k] for k in (*ATASAN, *DAFTAR)} if manual else None,
    }


def atur_manual(uow, principal: Principal, pegawai_id: str, data: dict[str, Any]) -> None:
    """Replace the pegawai's overrides (the pegawai himself or an admin of his instansi)."""
    with uow:
        row = row_or_404(uow, pegawai, pegawai_id)
        ensure_visible(principal, instansi_id=row["instansi_id"], owner_pegawai_id=pegawai_id)
        instansi_id = row["instansi_id"]
        ids = {x for k in ATASAN if data.get(k) for x in [data[k]]}
        ids |= {x for k in DAFTAR for x in data.get(k) or []}
        known = set(uow.session.execute(sa.select(pegawai.c.id).where(
            pegawai.c.id.in_(ids), pegawai.c.instansi_id == instansi_id)).scalars()) if ids else set()
        for k in ATASAN:
            if data.get(k) and (data[k] not in known or data[k] == pegawai_id):
                raise invalid(k, "Pegawai tidak ditemukan di instansi ini.")
        for k in DAFTAR:
            if any(x not in known or x == pegawai_id for x in data.get(k) or []):
                raise invalid(k, "Ada pegawai yang tidak ditemukan di instansi ini.")
        before = uow.session.execute(sa.select(relasi_manual).where(
            relasi_manual.c.pegawai_id == pegawai_id).with_for_update()).mappings().first()
        after = {"pegawai_id": pegawai_id, "instansi_id": instansi_id,
                 **{k: data.get(k) for k in ATASAN},
                 **{k: list(dict.fromkeys(data.get(k) or [])) for k in DAFTAR},
                 "revisi": (before["revisi"] + 1) if before else 1, "updated_at": now()}
        if before:
            uow.session.execute(relasi_manual.update().where(
                relasi_manual.c.pegawai_id == pegawai_id).values(**after))
        else:
            uow.session.execute(relasi_manual.insert().values(**after))
        catat(uow, principal, entitas="relasi_manual", entitas_id=pegawai_id, instansi_id=instansi_id,
              aksi="UBAH" if before else "BUAT", sebelum=dict(before) if before else None, sesudah=after)
        uow.add_event(snapshot(RelasiManualDiperbarui, after), aggregate_id=pegawai_id,
                      instansi_id=instansi_id)
        uow.commit()
