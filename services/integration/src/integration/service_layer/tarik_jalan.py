"""Running a pull job: the instansi's units (``ref-unor``) and/or pegawai from SIASN, a page at
a time, each page compared with what the last pull saw (``siasn_unor``, ``siasn_pegawai``:
a hash of the raw record) and committed with the events of what is new or changed
(UnorSiasnDiterima, PegawaiSiasnDiterima; identity applies them) and a per-record row. After a
complete scan, what the last pull saw and SIASN no longer lists goes out as ``dihapus``.

A rerun (a worker taken over, a second pull) sends nothing that was already committed: the
hashes match. ``revisi`` per record grows with each change, so identity keeps the newest
whatever order the events arrive in.
"""
from __future__ import annotations

from typing import Any, Callable

import sqlalchemy as sa

from kinerja_shared.clock import now
from kinerja_shared.db.bulk import insert_rows
from kinerja_shared.events.contracts.integration import PegawaiSiasnDiterima, UnorSiasnDiterima

from ..adapters.tables import pengaturan, siasn_pegawai, siasn_unor, sinkron_item
from ..domain import pegawai_siasn as peta
from . import antrean, selesai


def jalankan(runtime, klaim: antrean.Klaim, client, cfg) -> None:
    with runtime.uow() as uow:
        siasn_instansi = uow.session.execute(sa.select(pengaturan.c.siasn_instansi_id).where(
            pengaturan.c.instansi_id == klaim.instansi_id)).scalar()
    if not siasn_instansi:
        raise RuntimeError("ID instansi SIASN belum diatur (PUT /pengaturan).")
    if klaim.jenis in ("UNOR", "UNOR_DAN_PEGAWAI"):
        _tarik(runtime, klaim, cfg, UNOR, client.unor_instansi(siasn_instansi))
    if klaim.jenis in ("PEGAWAI", "UNOR_DAN_PEGAWAI"):
        _tarik(runtime, klaim, cfg, PEGAWAI, client.pegawai_instansi(siasn_instansi))
    with runtime.uow() as uow:
        gagal = uow.session.execute(sa.select(sa.func.count()).select_from(sinkron_item).where(
            sinkron_item.c.sinkron_id == klaim.id, sinkron_item.c.status == "GAGAL")).scalar()
        antrean.perbarui(uow, klaim, cfg.lease, gagal=gagal)
        selesai.tutup(uow, klaim)
        uow.commit()


class _Jenis:
    def __init__(self, table, key: str, raw_key: str, mapper: Callable, payload, label: str):
        self.table, self.key, self.raw_key = table, key, raw_key
        self.mapper, self.payload, self.label = mapper, payload, label


PEGAWAI = _Jenis(siasn_pegawai, "nip", "nipBaru", peta.pegawai, PegawaiSiasnDiterima, "pegawai")
UNOR = _Jenis(siasn_unor, "siasn_id", "Id", peta.unor, UnorSiasnDiterima, "unor")


def _tarik(runtime, klaim: antrean.Klaim, cfg, jenis: _Jenis, pages) -> None:
    seen: set[str] = set()
    for page in pages:
        with runtime.uow() as uow:
            seen |= _halaman(uow, klaim, cfg.lease, jenis, page)
            antrean.perbarui(uow, klaim, cfg.lease)
            uow.commit()
    with runtime.uow() as uow:
        _hapus(uow, klaim, cfg.lease, jenis, seen)
        antrean.perbarui(uow, klaim, cfg.lease)
        uow.commit()


def _halaman(uow, klaim, lease: float, jenis: _Jenis, page: list[dict]) -> set[str]:
    s, t, table = uow.session, now(), jenis.table
    mapped, gagal = [], []
    for raw in page:
        try:
            mapped.append((raw, jenis.mapper(raw)))
        except peta.RekamanTidakValid as exc:
            gagal.append(_item(klaim, str(raw.get(jenis.raw_key) or "?"), raw, "TAMBAH",
                               "GAGAL", str(exc), t))
    keys = [m[_event_key(jenis)] for _, m in mapped]
    held = {r._mapping[jenis.key]: dict(r._mapping) for r in s.execute(
        sa.select(table.c[jenis.key], table.c.hash, table.c.revisi, table.c.aktif,
                  table.c.instansi_id).where(table.c[jenis.key].in_(keys)))} if keys else {}
    kepala = _nip_kepala(s, [m.get("kepala_siasn_id") for _, m in mapped]) \
        if jenis is UNOR else {}
    baru, ganti, staged, items = [], [], [], list(gagal)
    for raw, m in mapped:
        key = m[_event_key(jenis)]
        h = peta.hash_rekaman(raw)
        before = held.get(key)
        if before is not None and before["hash"] == h and before["aktif"] and \
                before["instansi_id"] == klaim.instansi_id:
            continue
        revisi = (before["revisi"] if before else 0) + 1
        row = {jenis.key: key, "instansi_id": klaim.instansi_id, "hash": h, "revisi": revisi,
               "aktif": True, "data": raw, "diubah_at": t}
        if jenis is PEGAWAI:
            row["siasn_id"] = m["siasn_id"]
        (ganti if before is not None else baru).append(row)
        aksi = "UBAH" if before is not None and before["hash"] is not None else "TAMBAH"
        extra = {"kepala_nip": kepala.get(m.get("kepala_siasn_id"))} if jenis is UNOR else {}
        staged.append((jenis.payload(sinkron_id=klaim.id, instansi_id=klaim.instansi_id,
                                     data=raw, revisi=revisi, diterima_at=t, **m, **extra),
                       key, klaim.instansi_id))
        items.append(_item(klaim, key, raw, aksi, "BERHASIL", None, t))
    if baru:
        s.execute(table.insert(), baru)
    if ganti:
        s.execute(table.delete().where(table.c[jenis.key].in_([r[jenis.key] for r in ganti])))
        s.execute(table.insert(), ganti)
    uow.add_events(staged)
    _items(uow, klaim, items)
    antrean.tambah_hitungan(uow, klaim, lease,
                            tambah=sum(1 for i in items if i["aksi"] == "TAMBAH"
                                       and i["status"] == "BERHASIL"),
                            ubah=sum(1 for i in items if i["aksi"] == "UBAH"))
    return set(keys)


def _hapus(uow, klaim, lease: float, jenis: _Jenis, seen: set[str]) -> None:
    """What the last pull saw in the instansi and SIASN no longer lists: out, ``dihapus``."""
    s, t, table = uow.session, now(), jenis.table
    gone = [dict(r._mapping) for r in s.execute(sa.select(table).where(
        table.c.instansi_id == klaim.instansi_id, table.c.aktif.is_(True)))
        if r._mapping[jenis.key] not in seen and r._mapping["hash"] is not None]
    if not gone:
        return
    staged, items = [], []
    for row in gone:
        raw, revisi = row["data"] or {}, row["revisi"] + 1
        try:
            m = jenis.mapper(raw)
        except peta.RekamanTidakValid:
            continue
        staged.append((jenis.payload(sinkron_id=klaim.id, instansi_id=klaim.instansi_id,
                                     data=raw, revisi=revisi, diterima_at=t, dihapus=True, **m),
                       row[jenis.key], klaim.instansi_id))
        items.append(_item(klaim, row[jenis.key], raw, "HAPUS", "BERHASIL", None, t))
    s.execute(sa.update(table).where(table.c[jenis.key].in_([r[jenis.key] for r in gone]))
              .values(aktif=False, revisi=table.c.revisi + 1, diubah_at=t))
    uow.add_events(staged)
    _items(uow, klaim, items)
    antrean.tambah_hitungan(uow, klaim, lease, hapus=len(items))


def _event_key(jenis: _Jenis) -> str:
    return "nip" if jenis is PEGAWAI else "unor_siasn_id"


def _nip_kepala(s, ids: list[str | None]) -> dict[str, str]:
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    return {r.siasn_id: r.nip for r in s.execute(sa.select(
        siasn_pegawai.c.siasn_id, siasn_pegawai.c.nip).where(siasn_pegawai.c.siasn_id.in_(ids)))}


def _item(klaim, kunci: str, raw: dict, aksi: str, status: str, alasan: str | None,
          t) -> dict[str, Any]:
    return {"sinkron_id": klaim.id, "kunci": kunci[:200],
            "nip": raw.get("nipBaru") if isinstance(raw, dict) else None,
            "nama": (raw.get("nama") or raw.get("NamaUnor")) if isinstance(raw, dict) else None,
            "aksi": aksi, "status": status, "alasan": alasan, "payload": None,
            "siasn_id": str(raw.get("id") or raw.get("Id") or "") or None, "waktu": t}


def _items(uow, klaim, items: list[dict]) -> None:
    if not items:
        return
    uow.session.execute(sinkron_item.delete().where(
        sinkron_item.c.sinkron_id == klaim.id,
        sinkron_item.c.kunci.in_([i["kunci"] for i in items])))
    insert_rows(uow.session, sinkron_item, items)
