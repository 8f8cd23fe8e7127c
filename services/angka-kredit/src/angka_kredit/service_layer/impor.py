"""Integrasi from a CSV or Excel file (columns ``nip`` or ``pegawai_id``, ``ak_lama``,
``tanggal`` as YYYY-MM-DD; a decimal comma is read as a point), for the caller's instansi.
Every row is checked as ``POST /angka-kredit/integrasi`` checks it; with any row error nothing
is saved (422 with ``galat`` per row), and a dry run saves nothing and reports what each row
would give."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from kinerja_shared import tabular
from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Invalid, invalid

from ..adapters.tables import pegawai_ref
from . import integrasi, muat
from .pengaturan import instansi_tujuan


def _baca(nama_berkas: str, berkas: bytes) -> list[dict[str, str | None]]:
    try:
        return tabular.baca(nama_berkas, berkas)
    except tabular.BerkasTidakValid as exc:
        raise invalid("berkas", str(exc)) from None


def _nilai(raw: dict[str, str | None]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {}
    if not raw.get("nip") and not raw.get("pegawai_id"):
        errors["nip"] = ["Isi nip atau pegawai_id."]
    try:
        out["ak_lama"] = Decimal((raw.get("ak_lama") or "").replace(",", "."))
    except InvalidOperation:
        errors["ak_lama"] = ["Harus berupa angka."]
    try:
        out["tanggal"] = date.fromisoformat(raw.get("tanggal") or "")
    except ValueError:
        errors["tanggal"] = ["Tanggal tidak valid (format YYYY-MM-DD)."]
    return out, errors


def _pegawai(session, instansi_id: str, rows) -> tuple[dict[str, Any], dict[str, Any]]:
    nips = {r.get("nip") for r in rows if r.get("nip")}
    ids = {r.get("pegawai_id") for r in rows if r.get("pegawai_id")}
    found = session.execute(select(pegawai_ref).where(
        pegawai_ref.c.instansi_id == instansi_id, pegawai_ref.c.dihapus.is_(False),
        pegawai_ref.c.nip.in_(sorted(nips)) | pegawai_ref.c.id.in_(sorted(ids)))).mappings().all()
    return {r["nip"]: r for r in found if r["nip"]}, {r["id"]: r for r in found}


def impor(uow, principal: Principal, *, instansi_id: str | None, nama_berkas: str,
          berkas: bytes, dry_run: bool) -> dict[str, Any]:
    instansi_id = instansi_tujuan(principal, instansi_id)
    rows = _baca(nama_berkas, berkas)
    s = uow.session
    per_nip, per_id = _pegawai(s, instansi_id, rows)
    sudah = integrasi.aktif_ada(s, [r["id"] for r in per_id.values()])
    revisi = muat.revisi_banyak(s, list(per_id))
    galat, siap, hasil, dilihat = [], [], [], set()
    for i, raw in enumerate(rows):
        nilai, errors = _nilai(raw)
        p = per_id.get(raw.get("pegawai_id")) if raw.get("pegawai_id") else per_nip.get(raw.get("nip"))
        if p is None and "nip" not in errors:
            errors["nip"] = ["Pegawai tidak ditemukan di instansi ini."]
        elif p is not None and (p["id"] in sudah or p["id"] in dilihat):
            errors["nip"] = [integrasi.SUDAH_ADA if p["id"] in sudah
                             else "Pegawai ini sudah ada di baris lain."]
        if p is not None and not errors:
            try:
                row = integrasi.rencana(s, p, revisi.get(p["id"], []), **nilai)
            except Invalid as exc:
                errors = exc.errors
            else:
                siap.append(row)
                hasil.append({"baris": i + 2, "pegawai_id": p["id"], "nip": p["nip"],
                              "jenjang": row["jenjang"], "ak_lama": str(row["ak_konvensional"]),
                              "nilai_dasar": str(row["nilai_dasar"]),
                              "angka_kredit": str(row["angka_kredit"])})
        if p is not None:
            dilihat.add(p["id"])
        if errors:
            galat.append({"baris": i + 2, "errors": errors})
    body = {"dry_run": dry_run, "jumlah_baris": len(rows), "tambah": len(siap), "galat": galat,
            "hasil": hasil}
    if galat and not dry_run:
        raise Invalid({"berkas": ["Perbaiki baris yang ditandai lalu unggah ulang."]},
                      f"{len(galat)} baris tidak valid; tidak ada yang disimpan.", galat=galat)
    if not dry_run and siap:
        integrasi.simpan(uow, principal, siap)
        for item, row in zip(hasil, siap):
            item["angka_kredit_id"] = row["id"]
    return body
