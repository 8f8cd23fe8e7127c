"""The unit tree from SIASN (UnorSiasnDiterima, applied through ``siasn.py``): units matched
by SIASN's id, each unit's parent, induk and head (PIMPINAN), and what waits for a record that
arrives later: a unit's parent or induk, a pegawai's unit, a unit's head."""
from __future__ import annotations

import sqlalchemy as sa

from kinerja_shared.clock import now
from kinerja_shared.relasi import UnorNode, membentuk_siklus

from ..adapters.siasn_tables import siasn_pegawai, siasn_unor
from ..adapters.tables import pegawai, unor
from ..domain import siasn as aturan
from . import events
from .common import new_id
from .siasn_konflik import catat_konflik
from .siasn_tulis import riwayat as _riwayat, simpan_perubahan as _simpan_perubahan


def terapkan(uow, instansi_id: str, payloads: list) -> None:
    s, t = uow.session, now()
    links = {r.siasn_id: dict(r._mapping) for r in s.execute(sa.select(siasn_unor).where(
        siasn_unor.c.instansi_id == instansi_id))}
    rows = {r.id: dict(r._mapping) for r in s.execute(sa.select(unor).where(
        unor.c.instansi_id == instansi_id))}
    by_kode = {r["kode"]: r["id"] for r in rows.values() if r["kode"]}
    ids = {sid: link["unor_id"] for sid, link in links.items()}
    fresh = []
    for p in payloads:
        link = links.get(p.unor_siasn_id)
        if link is not None and p.revisi <= link["revisi"]:
            continue
        ids.setdefault(p.unor_siasn_id, by_kode.get(p.unor_siasn_id) or new_id())
        fresh.append(p)
    tree = {r["id"]: UnorNode(r["id"], r["unor_atasan_id"]) for r in rows.values()}
    changed, riwayat = [], []
    for p in fresh:
        unor_id = ids[p.unor_siasn_id]
        link, before = links.get(p.unor_siasn_id), rows.get(unor_id)
        siasn_values = {"nama": p.nama, "eselon": p.eselon,
                        "unor_atasan_id": ids.get(p.unor_atasan_siasn_id),
                        "unor_induk_id": ids.get(p.unor_induk_siasn_id)
                        if p.unor_induk_siasn_id != p.unor_siasn_id else None}
        if p.dihapus:
            siasn_values = {}
        ubah, konflik = aturan.gabung(before, link["basis"] if link else None, siasn_values,
                                      aturan.UNOR)
        atasan = ubah.get("unor_atasan_id")
        if atasan and membentuk_siklus(tree, unor_id, atasan):
            konflik.append(("unor_atasan_id", before and before["unor_atasan_id"], atasan))
            ubah.pop("unor_atasan_id")
        catat_konflik(uow, instansi_id, "unor", unor_id, p.unor_siasn_id, p.nama, konflik,
                      p.sinkron_id)
        if before is None:
            after = {"id": unor_id, "instansi_id": instansi_id, "kode": p.unor_siasn_id,
                     "jenis": None, "mandiri": False, "kota": None, "unor_atasan_id": None,
                     "unor_induk_id": None, "eselon": None, "revisi": 1, "created_at": t,
                     "updated_at": t, **ubah}
            s.execute(unor.insert().values(**{**after, "unor_atasan_id": None,
                                              "unor_induk_id": None}))
            s.execute(sa.update(unor).where(unor.c.id == unor_id).values(
                unor_atasan_id=after["unor_atasan_id"], unor_induk_id=after["unor_induk_id"]))
            rows[unor_id] = after
            changed.append(after)
            riwayat.append((None, after))
        elif ubah:
            after = {**before, **ubah, "revisi": before["revisi"] + 1, "updated_at": t}
            s.execute(sa.update(unor).where(unor.c.id == unor_id).values(
                **ubah, revisi=after["revisi"], updated_at=t))
            rows[unor_id] = after
            changed.append(after)
            riwayat.append((before, after))
        tree[unor_id] = UnorNode(unor_id, rows[unor_id]["unor_atasan_id"])
        values = {"unor_id": unor_id, "instansi_id": instansi_id, "siasn_id": p.unor_siasn_id,
                  "atasan_siasn_id": p.unor_atasan_siasn_id, "induk_siasn_id": p.unor_induk_siasn_id,
                  "kepala_siasn_id": None if p.dihapus else p.kepala_siasn_id,
                  "revisi": p.revisi,
                  "basis": {**(link["basis"] if link else {}),
                            **aturan.basis_baru(siasn_values, aturan.UNOR)},
                  "diterima_at": t}
        if link is None:
            s.execute(siasn_unor.insert().values(**values))
        else:
            s.execute(sa.update(siasn_unor).where(siasn_unor.c.unor_id == unor_id).values(**values))
        links[p.unor_siasn_id] = values
    changed += _anak_tertunda(uow, instansi_id, [p.unor_siasn_id for p in fresh], ids, rows, t)
    _publikasi_unor(uow, instansi_id, changed, riwayat)
    _kepala(uow, instansi_id, [ids[p.unor_siasn_id] for p in fresh if not p.dihapus])
    _pegawai_tertunda(uow, instansi_id, {p.unor_siasn_id: ids[p.unor_siasn_id] for p in fresh})


def _anak_tertunda(uow, instansi_id, arrived: list[str], ids, rows, t) -> list[dict]:
    """Units whose parent or induk arrived only now (still unknown when they came)."""
    if not arrived:
        return []
    s, out = uow.session, []
    waiting = s.execute(sa.select(siasn_unor).where(
        siasn_unor.c.instansi_id == instansi_id, sa.or_(
            siasn_unor.c.atasan_siasn_id.in_(arrived),
            siasn_unor.c.induk_siasn_id.in_(arrived)))).mappings().all()
    for link in waiting:
        row = rows.get(link["unor_id"])
        if row is None:
            continue
        ubah = {}
        for kolom, siasn_kolom in (("unor_atasan_id", "atasan_siasn_id"),
                                   ("unor_induk_id", "induk_siasn_id")):
            target = link[siasn_kolom]
            if row[kolom] is None and target in arrived and target != link["siasn_id"]:
                ubah[kolom] = ids[target]
        if not ubah:
            continue
        after = {**row, **ubah, "revisi": row["revisi"] + 1, "updated_at": t}
        s.execute(sa.update(unor).where(unor.c.id == row["id"]).values(
            **ubah, revisi=after["revisi"], updated_at=t))
        # SIASN's value now resolved: the basis a later pull compares with
        s.execute(sa.update(siasn_unor).where(siasn_unor.c.unor_id == row["id"]).values(
            basis={**link["basis"], **ubah}))
        rows[row["id"]] = after
        out.append(after)
    return out


def _publikasi_unor(uow, instansi_id, changed: list[dict], riwayat) -> None:
    latest = {row["id"]: row for row in changed}
    uow.add_events([(events.unor_diperbarui(r), r["id"], instansi_id) for r in latest.values()])
    _riwayat(uow, "unor", riwayat)


def _pegawai_tertunda(uow, instansi_id: str, arrived: dict[str, str]) -> None:
    """Pegawai SIASN placed in a unit that arrived only now, and still without a unit here."""
    if not arrived:
        return
    s, t = uow.session, now()
    waiting = s.execute(sa.select(pegawai).join(
        siasn_pegawai, siasn_pegawai.c.pegawai_id == pegawai.c.id).where(
        siasn_pegawai.c.unor_siasn_id.in_(list(arrived)), pegawai.c.unor_id.is_(None),
        pegawai.c.instansi_id == instansi_id).add_columns(siasn_pegawai.c.unor_siasn_id)
    ).mappings().all()
    changed = []
    for row in waiting:
        before = {k: v for k, v in row.items() if k in pegawai.c}
        after = {**before, "unor_id": arrived[row["unor_siasn_id"]],
                 "revisi": before["revisi"] + 1, "updated_at": t}
        changed.append((before, after))
    _simpan_perubahan(uow, [a for _, a in changed])
    bases = dict(s.execute(sa.select(siasn_pegawai.c.pegawai_id, siasn_pegawai.c.basis).where(
        siasn_pegawai.c.pegawai_id.in_([a["id"] for _, a in changed]))).all()) if changed else {}
    for _, after in changed:  # SIASN's unit now resolved: the basis a later pull compares with
        s.execute(sa.update(siasn_pegawai).where(siasn_pegawai.c.pegawai_id == after["id"])
                  .values(basis={**bases.get(after["id"], {}), "unor_id": after["unor_id"]}))
    uow.add_events([(events.pegawai_diperbarui(a), a["id"], instansi_id) for _, a in changed])
    _riwayat(uow, "pegawai", changed)


def _kepala(uow, instansi_id: str, unor_ids: list[str]) -> None:
    """Make each unit's SIASN head its PIMPINAN (placed in the unit); the previous head SIASN
    named becomes PEGAWAI."""
    if not unor_ids:
        return
    s = uow.session
    heads = dict(s.execute(sa.select(siasn_unor.c.unor_id, siasn_unor.c.kepala_siasn_id).where(
        siasn_unor.c.unor_id.in_(unor_ids))).all())
    people = {r.siasn_id: r.pegawai_id for r in s.execute(sa.select(
        siasn_pegawai.c.siasn_id, siasn_pegawai.c.pegawai_id).where(
        siasn_pegawai.c.siasn_id.in_([h for h in heads.values() if h])))}
    _tetapkan_kepala(uow, instansi_id, {u: people.get(h) for u, h in heads.items()})


def kepala_pegawai(uow, instansi_id: str, siasn_ids: list[str]) -> None:
    """Pegawai who arrived after the unit naming them its head."""
    if not siasn_ids:
        return
    s = uow.session
    units = s.execute(sa.select(siasn_unor.c.unor_id, siasn_unor.c.kepala_siasn_id).where(
        siasn_unor.c.instansi_id == instansi_id,
        siasn_unor.c.kepala_siasn_id.in_(siasn_ids))).all()
    people = {r.siasn_id: r.pegawai_id for r in s.execute(sa.select(
        siasn_pegawai.c.siasn_id, siasn_pegawai.c.pegawai_id).where(
        siasn_pegawai.c.siasn_id.in_([u.kepala_siasn_id for u in units])))}
    _tetapkan_kepala(uow, instansi_id, {u.unor_id: people.get(u.kepala_siasn_id) for u in units})


def _tetapkan_kepala(uow, instansi_id: str, heads: dict[str, str | None]) -> None:
    heads = {u: p for u, p in heads.items() if p}
    if not heads:
        return
    s, t = uow.session, now()
    current = s.execute(sa.select(pegawai).where(
        sa.or_(pegawai.c.id.in_(list(heads.values())),
               sa.and_(pegawai.c.unor_id.in_(list(heads)),
                       pegawai.c.jenis_jabatan == "PIMPINAN")))).mappings().all()
    linked = set(s.execute(sa.select(siasn_pegawai.c.pegawai_id).where(
        siasn_pegawai.c.pegawai_id.in_([r["id"] for r in current]))).scalars())
    want = {p: u for u, p in heads.items()}
    changed = []
    for row in map(dict, current):
        if row["id"] in want:
            after = {**row, "jenis_jabatan": "PIMPINAN", "unor_id": want[row["id"]]}
        elif row["id"] in linked:
            after = {**row, "jenis_jabatan": "PEGAWAI"}  # no longer SIASN's head of it
        else:
            continue
        if (after["jenis_jabatan"], after["unor_id"]) != (row["jenis_jabatan"], row["unor_id"]):
            after.update(revisi=row["revisi"] + 1, updated_at=t)
            changed.append((row, after))
    _simpan_perubahan(uow, [a for _, a in changed])
    uow.add_events([(events.pegawai_diperbarui(a), a["id"], instansi_id) for _, a in changed])
    _riwayat(uow, "pegawai", changed)
