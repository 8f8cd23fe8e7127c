"""Consumer of AngkaKreditDitetapkan: the record to push (``angkakredit/save``) and the
ANGKA_KREDIT feed.

Built against the angka-kredit contract (``kinerja_shared.events.contracts.angka_kredit``: the row's
whole snapshot with ``revisi``, ``status``, ``aktif``, ``pertama``, ``periode_awal`` /
``periode_akhir``, ``instansi_id``, ``mengoreksi_id``), tolerating what an older producer leaves
out: the record keeps the message's raw payload, so fields this process's contract class does
not know yet still reach the SIASN body. Without ``revisi`` a version counts as 1; without
``instansi_id`` the envelope's. A newer ``revisi`` of the same row replaces the record.

A correction of a signed PAK is a new row naming the one it corrects (``mengoreksi_id``): it
takes over that record's SIASN id, so SIASN's record is updated, not doubled; the corrected row
(``aktif`` false) is not sent again."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.tables import rekaman
from ..domain import rekaman as aturan
from ..domain.siasn import ANGKA_KREDIT
from . import feed
from .predikat import simpan


@batch_handler
def angka_kredit_ditetapkan(events, uow) -> None:
    rows = [_baris(p, env) for p, env in events]
    rows = [r for r in rows if r["instansi_id"]]
    berubah = simpan(uow, [r for r in rows if r["nip"]])
    _ambil_alih_koreksi(uow, [r for r in rows if r["kunci"] in berubah])
    per_instansi: dict[str, list] = {}
    for row in rows:
        if row["kunci"] in berubah or not row["nip"]:
            per_instansi.setdefault(row["instansi_id"], []).append(
                ("ANGKA_KREDIT", row["kunci"], row["tahun"], data_feed(row)))
    for instansi_id in sorted(per_instansi):
        feed.tambah(uow, instansi_id, per_instansi[instansi_id])


def _baris(p, envelope) -> dict[str, Any]:
    data = {**envelope.payload, **p.model_dump(mode="json")}
    revisi = data.get("revisi") or 1
    ditetapkan = envelope.occurred_at
    return {"kunci": aturan.kunci_angka_kredit(p.angka_kredit_id), "jenis": ANGKA_KREDIT,
            "instansi_id": data.get("instansi_id") or envelope.instansi_id,
            "tahun": p.tahun, "pegawai_id": p.pegawai.id, "nip": p.pegawai.nip,
            "nama": p.pegawai.nama, "sumber_id": p.angka_kredit_id, "sumber_revisi": revisi,
            "ditetapkan_at": ditetapkan, "data": data}


def _ambil_alih_koreksi(uow, rows: list[dict[str, Any]]) -> None:
    """A correcting row takes over the SIASN id of the row it corrects (when it has none)."""
    for row in rows:
        dikoreksi = row["data"].get("mengoreksi_id")
        if not dikoreksi:
            continue
        s = uow.session
        siasn_id = s.execute(sa.select(rekaman.c.siasn_id).where(
            rekaman.c.kunci == aturan.kunci_angka_kredit(dikoreksi))).scalar()
        if siasn_id:
            s.execute(sa.update(rekaman).where(rekaman.c.kunci == row["kunci"],
                                               rekaman.c.siasn_id.is_(None))
                      .values(siasn_id=siasn_id))


def data_feed(row: dict[str, Any]) -> dict[str, Any]:
    d = row["data"]
    keep = ("jenjang", "periode_id", "periode_awal", "periode_akhir", "predikat", "persentase",
            "koefisien", "bulan", "angka_kredit", "angka_kredit_tampil", "ak_lama", "ak_baru",
            "sumber", "status", "aktif", "pertama", "nomor_sk", "tanggal_sk", "mengoreksi_id",
            "penilaian_id")
    return {"angka_kredit_id": row["sumber_id"], "revisi": row["sumber_revisi"],
            "pegawai_id": row["pegawai_id"], "nip": row["nip"], "nama": row["nama"],
            "tahun": row["tahun"], **{k: d.get(k) for k in keep}}
