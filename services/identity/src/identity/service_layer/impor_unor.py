"""Bulk import of unor by ``kode`` (insert or update), parents named by ``kode_atasan`` /
``kode_induk`` (in the file or already stored). Columns: kode, nama, jenis, eselon,
kode_atasan, kode_induk, mandiri (ya/tidak), kota."""
from __future__ import annotations

import sqlalchemy as sa
from marshmallow import Schema, ValidationError, fields, validate

from kinerja_shared.auth import Principal
from kinerja_shared.events.contracts.identity import UnorDiperbarui

from ..adapters.tables import unor
from kinerja_shared.relasi import UnorNode, membentuk_siklus
from .common import bulk_insert_riwayat, new_id, now, snapshot
from .impor import Galat, bool_sel, hasil, instansi_tujuan, riwayat_rows, update_many

KOLOM = ["kode", "nama", "jenis", "eselon", "mandiri", "kota"]


class BarisUnor(Schema):
    kode = fields.Str(required=True, validate=validate.Length(min=1, max=100))
    nama = fields.Str(required=True, validate=validate.Length(min=1, max=500))
    jenis = fields.Str(allow_none=True, validate=validate.Length(max=100))
    eselon = fields.Str(allow_none=True, validate=validate.Length(max=20))
    kode_atasan = fields.Str(allow_none=True)
    kode_induk = fields.Str(allow_none=True)
    mandiri = fields.Bool(allow_none=True)
    kota = fields.Str(allow_none=True, validate=validate.Length(max=200))

    class Meta:
        unknown = "exclude"


def _pre(raw: dict) -> dict:
    try:
        return {**raw, "mandiri": bool_sel(raw.get("mandiri"))}
    except ValidationError as exc:
        raise ValidationError({"mandiri": exc.messages}) from None


def impor(uow, principal: Principal, *, instansi_id: str, rows: list[dict], dry_run: bool) -> dict:
    galat = Galat()
    with uow:
        instansi_tujuan(uow, principal, instansi_id)
        valid = galat.validasi(BarisUnor(), rows, _pre)
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
        uow.add_events([(snapshot(UnorDiperbarui, a), a["id"], instansi_id) for _, _, a in plan])
        uow.commit()
    return body
