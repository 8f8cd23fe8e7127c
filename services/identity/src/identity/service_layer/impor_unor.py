"""Bulk import of unor by ``kode`` (insert or update), parents named by ``kode_atasan`` /
``kode_induk`` (in the file or already stored). Columns: kode, nama, jenis, eselon,
kode_atasan, kode_induk, mandiri (ya/tidak), kota."""
from __future__ import annotations

import sqlalchemy as sa

from kinerja_shared.auth.principal import Principal
from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork
from kinerja_shared.relasi import UnorNode, membentuk_siklus

from ..adapters.tables import unor
from ..adapters.tabular import YA_TIDAK, Kolom
from . import events
from .common import bulk_insert_riwayat, instansi_tujuan, new_id
from .impor import Galat, baca_berkas, hasil, riwayat_rows, update_many

KOLOM = ["kode", "nama", "jenis", "eselon", "mandiri", "kota"]
# the columns of the file (others are ignored); lengths are those of the unor table
BARIS = (
    Kolom("kode", wajib=True, panjang=100),
    Kolom("nama", wajib=True, panjang=500),
    Kolom("jenis", panjang=100),
    Kolom("eselon", panjang=20),
    Kolom("kode_atasan"),
    Kolom("kode_induk"),
    Kolom("mandiri", jenis=YA_TIDAK),
    Kolom("kota", panjang=200),
)


def impor(uow: UnitOfWork, principal: Principal, *, instansi_id: str, nama_berkas: str,
          berkas: bytes, dry_run: bool) -> dict:
    """Upsert by ``kode``; parents may come later in the file. With any row error nothing is
    saved (422 with ``galat``, unless ``dry_run``)."""
    rows = baca_berkas(nama_berkas, berkas)
    instansi_tujuan(uow, principal, instansi_id)
    galat = Galat()
    plan = _rencana(uow, instansi_id, galat.validasi(rows, BARIS), galat)
    baru = [a for _, b, a in plan if b is None]
    lama = [a for _, b, a in plan if b is not None]
    body = hasil(dry_run=dry_run, jumlah=len(rows), tambah=len(baru), ubah=len(lama), galat=galat)
    if dry_run:
        return body
    # parents may come later in the file: insert without them, then set every row's parents
    if baru:
        uow.session.execute(unor.insert(), [{**a, "unor_atasan_id": None, "unor_induk_id": None}
                                            for a in baru])
    update_many(uow, unor, [*KOLOM, "unor_atasan_id", "unor_induk_id", "revisi", "updated_at"],
                baru + lama)
    bulk_insert_riwayat(uow, riwayat_rows(principal, "unor", [(b, a) for _, b, a in plan]))
    uow.add_events([(events.unor_diperbarui(a), a["id"], instansi_id) for _, _, a in plan])
    return body


def _rencana(uow: UnitOfWork, instansi_id: str, valid: list[tuple[int, dict]],
             galat: Galat) -> list[tuple[int, dict | None, dict]]:
    """(row index, stored row or None, row after the import) of every valid row; duplicate
    codes, unknown parents and cycles recorded in ``galat``."""
    stored = {r["kode"]: dict(r) for r in uow.session.execute(sa.select(unor).where(
        unor.c.instansi_id == instansi_id)).mappings() if r["kode"]}
    ids = {kode: r["id"] for kode, r in stored.items()}
    seen: dict[str, int] = {}
    for i, data in valid:
        if data["kode"] in seen:
            galat.tambah(i, {"kode": [f"Kode ganda (juga di baris {seen[data['kode']] + 2})."]})
        seen[data["kode"]] = i
        ids.setdefault(data["kode"], new_id())
    t = now()
    tree = {r["id"]: UnorNode(r["id"], r["unor_atasan_id"]) for r in stored.values()}
    plan = []
    for i, data in valid:
        errs = {}
        for kolom in ("kode_atasan", "kode_induk"):
            if data.get(kolom) and data[kolom] not in ids:
                errs[kolom] = ["Kode unor tidak ditemukan di berkas maupun di instansi."]
        if errs:
            galat.tambah(i, errs)
            continue
        before = stored.get(data["kode"])
        after = {**(before or {"id": ids[data["kode"]], "instansi_id": instansi_id, "revisi": 0,
                               "created_at": t}),
                 **{k: data.get(k) for k in KOLOM}, "mandiri": bool(data.get("mandiri")),
                 "unor_atasan_id": ids.get(data.get("kode_atasan")),
                 "unor_induk_id": ids.get(data.get("kode_induk")), "updated_at": t}
        after["revisi"] += 1
        tree[after["id"]] = UnorNode(after["id"], after["unor_atasan_id"])
        plan.append((i, before, after))
    for i, _, after in plan:
        if membentuk_siklus({**tree, after["id"]: UnorNode(after["id"], None)}, after["id"],
                            after["unor_atasan_id"]):
            galat.tambah(i, {"kode_atasan": ["Unor atasan membentuk siklus."]})
    return plan
