"""Relasi of a pegawai on a date (domain.relasi over the instansi's current data) and the
manual overrides of the profile form."""
from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from kinerja_shared import relasi as rules
from kinerja_shared.auth.access import ensure_visible
from kinerja_shared.auth.principal import Principal
from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork
from kinerja_shared.errors import invalid

from ..adapters.tables import pegawai, plt_plh, relasi_manual, unor
from . import events
from .common import catat, row_or_404

ATASAN = ("atasan_langsung_id", "atasan_ii_id", "atasan_iii_id")
DAFTAR = ("rekan_kerja_ids", "bawahan_ids")


KOLOM_ORANG = (pegawai.c.id, pegawai.c.unor_id, pegawai.c.jenis_jabatan, pegawai.c.nip, pegawai.c.nik,
               pegawai.c.nama, pegawai.c.jabatan)


def _struktur(unors, orang, tugas, manual) -> tuple[rules.Struktur, dict[str, dict]]:
    s = rules.Struktur(
        unor={u[0]: rules.UnorNode(u[0], u[1]) for u in unors},
        orang={o[0]: rules.Orang(o[0], o[1], o[2] == "PIMPINAN") for o in orang},
        penugasan=[rules.Penugasan(t["pegawai_id"], t["unor_id"], t["jenis"], t["mulai"], t["selesai"],
                                   t["aktif"]) for t in tugas],
        manual={m["pegawai_id"]: rules.RelasiManual(
            m["atasan_langsung_id"], m["atasan_ii_id"], m["atasan_iii_id"],
            tuple(m["rekan_kerja_ids"] or ()), tuple(m["bawahan_ids"] or ())) for m in manual},
    )
    ringkas = {o[0]: {"id": o[0], "nip": o[3] or o[4], "nama": o[5], "jabatan": o[6], "unor_id": o[1]}
               for o in orang}
    return s, ringkas


def _kerangka(session, instansi_id: str):
    unors = session.execute(sa.select(unor.c.id, unor.c.unor_atasan_id)
                            .where(unor.c.instansi_id == instansi_id)).all()
    tugas = session.execute(sa.select(plt_plh).where(plt_plh.c.instansi_id == instansi_id,
                                                     plt_plh.c.aktif.is_(True))).mappings().all()
    manual = session.execute(sa.select(relasi_manual)
                             .where(relasi_manual.c.instansi_id == instansi_id)).mappings().all()
    return unors, tugas, manual


def _aktif(instansi_id: str, *where):
    return sa.select(*KOLOM_ORANG).where(pegawai.c.instansi_id == instansi_id,
                                         pegawai.c.aktif.is_(True), *where)


def muat_struktur(session, instansi_id: str) -> tuple[rules.Struktur, dict[str, dict]]:
    """The whole instansi (every active pegawai): what any question about it may read."""
    unors, tugas, manual = _kerangka(session, instansi_id)
    orang = session.execute(_aktif(instansi_id)).all()
    return _struktur(unors, orang, tugas, manual)


def muat_struktur_untuk(session, instansi_id: str, pegawai_id: str,
                        tanggal: date) -> tuple[rules.Struktur, dict[str, dict]]:
    """What ``rules.resolve(s, pegawai_id, tanggal)`` reads, and no more: ``resolve`` answers
    exactly as over ``muat_struktur`` (tests/integration/test_relasi_muat.py compares
    both).

    Loading every pegawai of a large instansi per request cost seconds (docs/BENCHMARKS.md,
    identity). The answer only needs: every unor (small), every active PLT/PLH and manual
    override, the definitive heads of every unor (so "who heads unor U" is always answered, which
    fixes every atasan chain), the pegawai himself and everyone a PLT/PLH or an override names;
    and, for the bawahan and rekan kerja, all pegawai of the unor that he and his atasan langsung
    head, going down through child unor that have nobody at their head."""
    unors, tugas, manual = _kerangka(session, instansi_id)
    disebut = {pegawai_id} | {t["pegawai_id"] for t in tugas}
    for m in manual:
        disebut |= {m["pegawai_id"], *(m[k] for k in ATASAN if m[k])}
        disebut |= {*(m["rekan_kerja_ids"] or ()), *(m["bawahan_ids"] or ())}
    orang = {o[0]: o for o in session.execute(_aktif(
        instansi_id, pegawai.c.jenis_jabatan == "PIMPINAN"))}
    orang.update((o[0], o) for o in session.execute(_aktif(
        instansi_id, pegawai.c.id.in_(sorted(disebut)))))
    kerangka, _ = _struktur(unors, list(orang.values()), tugas, manual)
    kepala = {pegawai_id}
    atasan = rules.atasan_langsung(kerangka, pegawai_id, tanggal)
    if atasan is not None:
        kepala.add(atasan)
    unit: set[str] = set()
    for k in kepala:
        tumpuk = rules.unor_dipimpin(kerangka, k, tanggal)
        while tumpuk:
            u = tumpuk.pop()
            if u not in unit:
                unit.add(u)
                tumpuk += [a for a in kerangka.anak(u) if rules.pimpinan_unor(kerangka, a, tanggal) is None]
    if unit:
        orang.update((o[0], o) for o in session.execute(_aktif(
            instansi_id, pegawai.c.unor_id.in_(sorted(unit)))))
    return _struktur(unors, list(orang.values()), tugas, manual)


def relasi(uow: UnitOfWork, principal: Principal, pegawai_id: str,
           tanggal: date | None = None) -> dict:
    """The relasi on ``tanggal`` (default today), with the stored overrides. Visible to the
    pegawai, the admins of the instansi and his atasan (I to III)."""
    tanggal = tanggal or date.today()
    row = row_or_404(uow, pegawai, pegawai_id)
    ensure_visible(principal, instansi_id=row["instansi_id"])  # 404 across instansi first
    s, ringkas = muat_struktur_untuk(uow.session, row["instansi_id"], pegawai_id, tanggal)
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


def atur_manual(uow: UnitOfWork, principal: Principal, pegawai_id: str,
                data: dict[str, Any]) -> dict:
    """Replace the pegawai's overrides (the pegawai himself or an admin of his instansi);
    answers the relasi of today with them."""
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
          aksi="UBAH" if before else "BUAT", sebelum=dict(before) if before else None,
          sesudah=after)
    uow.add_event(events.relasi_manual_diperbarui(after), aggregate_id=pegawai_id,
                  instansi_id=instansi_id)
    return relasi(uow, principal, pegawai_id)
