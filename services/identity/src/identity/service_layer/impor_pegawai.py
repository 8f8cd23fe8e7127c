"""Bulk import of pegawai by NIP (insert or update within the instansi). Columns: nip, nama,
gelar_depan, gelar_belakang, kode_unor (or unor_id), jenis_jabatan, jabatan, kategori_jabatan,
jenjang, golongan, tmt_jabatan (YYYY-MM-DD), email. Imported pegawai get no password: an admin
sets one (POST /pegawai/{id}/password). Roles of existing pegawai are kept."""
from __future__ import annotations

import sqlalchemy as sa
from marshmallow import fields, validate

from kinerja_shared.auth import Principal
from kinerja_shared.events.contracts.identity import PegawaiDiperbarui

from ..adapters.tables import pegawai, unor
from ..api.pegawai.schemas import PegawaiDasar, _nip
from .common import bulk_insert_riwayat, new_id, now, snapshot
from .impor import Galat, hasil, instansi_tujuan, riwayat_rows, update_many

KOLOM = ["nip", "nama", "gelar_depan", "gelar_belakang", "unor_id", "jenis_jabatan", "jabatan",
         "kategori_jabatan", "jenjang", "golongan", "tmt_jabatan", "email"]


class BarisPegawai(PegawaiDasar):
    nip = fields.Str(required=True, validate=_nip)
    nama = fields.Str(required=True, validate=validate.Length(min=1, max=300))
    kode_unor = fields.Str(allow_none=True)
    unor_id = fields.Str(allow_none=True)

    class Meta:
        unknown = "exclude"
        exclude = ("roles", "password", "aktif")


def _pre(raw: dict) -> dict:
    return {k: v for k, v in raw.items() if v is not None}


def impor(uow, principal: Principal, *, instansi_id: str, rows: list[dict], dry_run: bool) -> dict:
    galat = Galat()
    with uow:
        instansi_tujuan(uow, principal, instansi_id)
        valid = galat.validasi(BarisPegawai(), rows, _pre)
        units = uow.session.execute(sa.select(unor.c.id, unor.c.kode).where(
            unor.c.instansi_id == instansi_id)).all()
        by_kode = {u.kode: u.id for u in units if u.kode}
        unit_ids = {u.id for u in units}
        nips = [d["nip"] for _, d in valid]
        existing = {r["nip"]: dict(r) for r in uow.session.execute(
            sa.select(pegawai).where(pegawai.c.nip.in_(nips))).mappings()} if nips else {}
        t, seen, plan = now(), {}, []
        for i, d in valid:
            unor_id = by_kode.get(d.get("kode_unor")) if d.get("kode_unor") else d.get("unor_id")
            before = existing.get(d["nip"])
            errs = {}
            if unor_id not in unit_ids:
                errs["kode_unor"] = ["Unor tidak ditemukan di instansi ini."]
            if d["nip"] in seen:
                errs["nip"] = [f"NIP ganda (juga di baris {seen[d['nip']] + 2})."]
            elif before is not None and before["instansi_id"] != instansi_id:
                errs["nip"] = ["NIP sudah terdaftar di instansi lain."]
            if d.get("jenjang") and d.get("kategori_jabatan") not in (None, "FUNGSIONAL"):
                errs["jenjang"] = ["Jenjang hanya untuk kategori jabatan FUNGSIONAL."]
            seen.setdefault(d["nip"], i)
            if errs:
                galat.tambah(i, errs)
                continue
            base = before or {"id": new_id(), "instansi_id": instansi_id, "roles": ["pegawai"],
                              "non_asn": False, "aktif": True, "nik": None, "password_hash": None,
                              "password_changed_at": None, "revisi": 0, "created_at": t}
            after = {**base, **{k: d.get(k, base.get(k)) for k in KOLOM}, "unor_id": unor_id,
                     "jenis_jabatan": d.get("jenis_jabatan") or base.get("jenis_jabatan") or "PEGAWAI",
                     "revisi": base["revisi"] + 1, "updated_at": t}
            plan.append((before, after))
        baru = [a for b, a in plan if b is None]
        lama = [a for b, a in plan if b is not None]
        body = hasil(dry_run=dry_run, jumlah=len(rows), tambah=len(baru), ubah=len(lama), galat=galat)
        if dry_run:
            return body
        if baru:
            uow.session.execute(pegawai.insert(), baru)
        update_many(uow, pegawai, [*KOLOM, "revisi", "updated_at"], lama)
        bulk_insert_riwayat(uow, riwayat_rows(principal, "pegawai", plan))
        uow.add_events([(snapshot(PegawaiDiperbarui, a), a["id"], instansi_id) for _, a in plan])
        uow.commit()
    return body
