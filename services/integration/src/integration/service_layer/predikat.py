"""Consumers of the predikat events: PredikatFinal (annual: pushed as skp22, and the PREDIKAT
feed) and PredikatDitetapkan of a period that is not final (periodic: kinerjaperiodik).

Set-wise: a run of events of one type is read with one query and written with two statements.
Redelivery is the inbox's business; a late older version changes nothing
(``domain.rekaman.lebih_baru``). A predikat without a NIP (a JPT non-ASN, known by NIK) is not
SIASN's: it reaches the feed only.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kinerja_shared.clock import now
from kinerja_shared.db.times import as_utc
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.tables import rekaman
from ..domain import rekaman as aturan
from ..domain.siasn import PERIODIK, SKP22
from . import feed


@batch_handler
def predikat_final(events, uow) -> None:
    rows = [_baris(p, env, SKP22,
                   aturan.kunci_skp22(p.pegawai.nip, p.tahun) if p.pegawai.nip else None)
            for p, env in events if env.instansi_id]
    berubah = simpan(uow, [r for r in rows if r["kunci"]])
    per_instansi: dict[str, list] = {}
    for row in rows:
        if row["kunci"] is None or row["kunci"] in berubah:
            per_instansi.setdefault(row["instansi_id"], []).append(
                ("PREDIKAT", row["kunci"] or f"penilaian:{row['sumber_id']}", row["tahun"],
                 data_feed(row)))
    for instansi_id in sorted(per_instansi):
        feed.tambah(uow, instansi_id, per_instansi[instansi_id])


@batch_handler
def predikat_ditetapkan(events, uow) -> None:
    rows = [_baris(p, env, PERIODIK, aturan.kunci_periodik(p.pegawai.nip, p.periode.awal,
                                                           p.periode.akhir))
            for p, env in events if not p.periode.final and p.pegawai.nip and env.instansi_id]
    simpan(uow, rows)


def _baris(p, envelope, jenis: str, kunci: str | None) -> dict[str, Any]:
    data = p.model_dump(mode="json")
    data["periode_awal"], data["periode_akhir"] = data["periode"]["awal"], data["periode"]["akhir"]
    return {"kunci": kunci, "jenis": jenis, "instansi_id": envelope.instansi_id, "tahun": p.tahun,
            "pegawai_id": p.pegawai.id, "nip": p.pegawai.nip, "nama": p.pegawai.nama,
            "sumber_id": p.penilaian_id, "sumber_revisi": p.revisi,
            "ditetapkan_at": p.ditetapkan_at, "data": data}


def simpan(uow, rows: list[dict[str, Any]]) -> set[str]:
    """Insert or replace the records that are newer than what is held; their keys."""
    if not rows:
        return set()
    s = uow.session
    keys = list({r["kunci"] for r in rows})
    held = {r.kunci: dict(r._mapping) for r in s.execute(
        sa.select(rekaman.c.kunci, rekaman.c.sumber_id, rekaman.c.sumber_revisi,
                  rekaman.c.ditetapkan_at).where(rekaman.c.kunci.in_(keys)))}
    baru: dict[str, dict] = {}
    ganti: dict[str, dict] = {}
    t = now()
    for row in rows:
        current = baru.get(row["kunci"]) or ganti.get(row["kunci"]) or held.get(row["kunci"])
        if current is not None:
            current = {**current, "ditetapkan_at": as_utc(current["ditetapkan_at"])}
        if not aturan.lebih_baru(current, row["sumber_id"], row["sumber_revisi"],
                                 as_utc(row["ditetapkan_at"])):
            continue
        row = {**row, "diterima_at": t}
        if row["kunci"] in held:
            ganti[row["kunci"]] = row
        else:
            baru[row["kunci"]] = {**row, "ragu": False}
    if baru:
        s.execute(rekaman.insert(), list(baru.values()))
    if ganti:
        cols = ["instansi_id", "tahun", "pegawai_id", "nip", "nama", "sumber_id",
                "sumber_revisi", "ditetapkan_at", "data", "diterima_at"]
        s.execute(sa.update(rekaman).where(rekaman.c.kunci == sa.bindparam("b_kunci"))
                  .values({c: sa.bindparam(f"b_{c}") for c in cols}),
                  [{"b_kunci": r["kunci"], **{f"b_{c}": r[c] for c in cols}}
                   for r in ganti.values()])
    return set(baru) | set(ganti)


def data_feed(row: dict[str, Any]) -> dict[str, Any]:
    """A final predikat as pipelines read it."""
    d = row["data"]
    penilai = d.get("pejabat_penilai") or {}
    return {"penilaian_id": row["sumber_id"], "revisi": row["sumber_revisi"],
            "pegawai_id": row["pegawai_id"], "nip": row["nip"], "nama": row["nama"],
            "tahun": row["tahun"], "periode": d.get("periode"), "model": d.get("model"),
            "rating_hasil_kerja": d.get("rating_hasil_kerja"),
            "rating_perilaku": d.get("rating_perilaku"), "predikat": d.get("predikat"),
            "nilai_kinerja": d.get("nilai_kinerja"),
            "pejabat_penilai": {"nip": penilai.get("nip"), "nama": penilai.get("nama"),
                                "jabatan": penilai.get("jabatan")} if penilai else None,
            "ditetapkan_at": d.get("ditetapkan_at")}
