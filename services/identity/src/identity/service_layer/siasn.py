"""identity applies what integration pulls from SIASN (PegawaiSiasnDiterima,
UnorSiasnDiterima): creates, updates and deactivates pegawai, keeps the unit tree with each
unit's head, and lists as a conflict any local edit SIASN would overwrite (``domain.siasn``;
``siasn_konflik.py`` reads and resolves them).

- Records are matched by NIP (pegawai) and by SIASN unit id (unor, through ``siasn_unor``; a
  unit made here first is matched by ``kode`` equal to SIASN's id). A new unit gets SIASN's id
  as its ``kode``.
- Order does not matter: an older ``revisi`` of a record is ignored; a pegawai whose unit has
  not arrived yet is placed when it does, a unit's parent likewise, a head when the pegawai
  arrives (``*_siasn_id`` columns of the link tables hold what is still to resolve).
- ``dihapus``: a pegawai SIASN no longer lists in the instansi is deactivated (its sessions
  revoked); a unit stays (pegawai and SKPs may point at it).
- Every change is a riwayat row (aksi ``SIASN``) and a snapshot event, as any change.

Set-wise: each run of events is read with a few queries per batch.
"""
from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa

from kinerja_shared.clock import now
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.siasn_tables import siasn_pegawai, siasn_unor
from ..adapters.tables import instansi, pegawai
from ..domain import kepegawaian, siasn as aturan
from ..domain import sesi as alasan_sesi
from . import events, sesi
from . import siasn_unor as pohon
from .common import new_id
from .siasn_konflik import catat_konflik
from .siasn_tulis import riwayat as _riwayat, simpan_perubahan as _simpan_perubahan

log = logging.getLogger("kinerja.identity.siasn")


@batch_handler
def unor_diterima(items, uow) -> None:
    for instansi_id, run in _per_instansi(uow, items):
        pohon.terapkan(uow, instansi_id, _terbaru(run, lambda p: p.unor_siasn_id))


@batch_handler
def pegawai_diterima(items, uow) -> None:
    for instansi_id, run in _per_instansi(uow, items):
        _pegawai(uow, instansi_id, _terbaru(run, lambda p: p.nip))


def _per_instansi(uow, items):
    found: dict[str, list] = {}
    for payload, _ in items:
        found.setdefault(payload.instansi_id, []).append(payload)
    known = set(uow.session.execute(sa.select(instansi.c.id).where(
        instansi.c.id.in_(list(found)))).scalars())
    for instansi_id in sorted(found):
        if instansi_id not in known:
            log.warning("SIASN records for unknown instansi %s ignored", instansi_id)
            continue
        yield instansi_id, found[instansi_id]


def _terbaru(payloads, key) -> list:
    best: dict[str, Any] = {}
    for p in payloads:
        if key(p) not in best or p.revisi > best[key(p)].revisi:
            best[key(p)] = p
    return list(best.values())


def _pegawai(uow, instansi_id: str, payloads: list) -> None:
    s, t = uow.session, now()
    nips = [p.nip for p in payloads]
    rows = {r.nip: dict(r._mapping) for r in s.execute(sa.select(pegawai).where(
        pegawai.c.nip.in_(nips)))}
    links = {r.nip: dict(r._mapping) for r in s.execute(sa.select(siasn_pegawai).where(
        siasn_pegawai.c.nip.in_(nips)))}
    unit_ids = dict(s.execute(sa.select(siasn_unor.c.siasn_id, siasn_unor.c.unor_id).where(
        siasn_unor.c.instansi_id == instansi_id)).all())
    inserts, updates, riwayat, dicabut = [], [], [], []
    for p in payloads:
        link, before = links.get(p.nip), rows.get(p.nip)
        if link is not None and p.revisi <= link["revisi"]:
            continue
        if before is not None and before["instansi_id"] != instansi_id:
            catat_konflik(uow, instansi_id, "pegawai", before["id"], p.nip, p.nama,
                          [("instansi_id", before["instansi_id"], instansi_id)], p.sinkron_id)
            continue
        siasn_values = {} if p.dihapus else {
            "nama": p.nama, "gelar_depan": p.gelar_depan, "gelar_belakang": p.gelar_belakang,
            "unor_id": unit_ids.get(p.unor_siasn_id), "jabatan": p.jabatan,
            "kategori_jabatan": p.kategori_jabatan, "jenjang": p.jenjang,
            "golongan": p.golongan, "tmt_golongan": p.tmt_golongan,
            "tmt_jabatan": p.tmt_jabatan, "status_kepegawaian": p.status_kepegawaian}
        ubah, konflik = aturan.gabung(before, link["basis"] if link else None, siasn_values,
                                      aturan.PEGAWAI)
        pegawai_id = before["id"] if before else new_id()
        catat_konflik(uow, instansi_id, "pegawai", pegawai_id, p.nip, p.nama, konflik,
                      p.sinkron_id)
        if p.dihapus and before is not None and before["aktif"]:
            ubah["aktif"] = False
        if before is None and p.dihapus:
            continue
        if before is None:
            after = {"id": pegawai_id, "instansi_id": instansi_id, "nip": p.nip, "nik": None,
                     "jenis_jabatan": "PEGAWAI", "email": None, "roles": ["pegawai"],
                     "non_asn": False, "aktif": True, "password_hash": None,
                     "password_changed_at": None, "tmt_status": None, "revisi": 1,
                     "created_at": t, "updated_at": t,
                     **{f: None for f in aturan.PEGAWAI}, **ubah}
            after = kepegawaian.terapkan(None, after, set(ubah))
            inserts.append(after)
            riwayat.append((None, after))
        elif ubah:
            after = kepegawaian.terapkan(before, {**before, **ubah}, set(ubah))
            after.update(revisi=before["revisi"] + 1, updated_at=t)
            if after.get("jenjang") and after.get("kategori_jabatan") != "FUNGSIONAL":
                after["jenjang"] = None
            updates.append(after)
            riwayat.append((before, after))
            alasan = alasan_sesi.alasan_perubahan(before, after)
            if alasan:
                dicabut.append((pegawai_id, instansi_id, alasan))
        values = {"pegawai_id": pegawai_id, "instansi_id": instansi_id, "nip": p.nip,
                  "siasn_id": p.siasn_id, "unor_siasn_id": p.unor_siasn_id, "revisi": p.revisi,
                  "basis": {**(link["basis"] if link else {}),
                            **aturan.basis_baru(siasn_values, aturan.PEGAWAI)},
                  "diterima_at": t}
        (_sisip if link is None else _perbarui)(uow, values)
    if inserts:
        s.execute(pegawai.insert(), [{**r, "status_kepegawaian": r["status_kepegawaian"]
                                      or kepegawaian.STATUS_AWAL} for r in inserts])
    _simpan_perubahan(uow, updates)
    changed = inserts + updates
    uow.add_events([(events.pegawai_diperbarui(r), r["id"], instansi_id) for r in changed])
    _riwayat(uow, "pegawai", riwayat)
    sesi.cabut_banyak(uow, dicabut)
    pohon.kepala_pegawai(uow, instansi_id, [p.siasn_id for p in payloads if p.siasn_id])


def _sisip(uow, values: dict) -> None:
    uow.session.execute(siasn_pegawai.delete().where(siasn_pegawai.c.nip == values["nip"]))
    uow.session.execute(siasn_pegawai.insert().values(**values))


def _perbarui(uow, values: dict) -> None:
    uow.session.execute(sa.update(siasn_pegawai).where(
        siasn_pegawai.c.pegawai_id == values["pegawai_id"]).values(**values))
