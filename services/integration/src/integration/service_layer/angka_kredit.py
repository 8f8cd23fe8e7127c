"""Consumer of AngkaKreditDitetapkan: the record to push (``angkakredit/save``) and the
ANGKA_KREDIT feed.

Built against the angka-kredit contract as it stood when this was written, tolerating what an
older or newer producer leaves out: ``revisi`` (default 1), ``status``, ``periode_awal`` /
``periode_akhir`` (else the year), ``instansi_id`` (else the envelope's). A newer version of
the same angka kredit replaces the record (``revisi``, else ``ditetapkan_at`` / the event's
time)."""
from __future__ import annotations

from typing import Any

from kinerja_shared.messaging.dispatcher import batch_handler

from ..domain import rekaman as aturan
from ..domain.siasn import ANGKA_KREDIT
from . import feed
from .predikat import simpan


@batch_handler
def angka_kredit_ditetapkan(events, uow) -> None:
    rows = [_baris(p, env) for p, env in events]
    rows = [r for r in rows if r["instansi_id"]]
    berubah = simpan(uow, [r for r in rows if r["nip"]])
    per_instansi: dict[str, list] = {}
    for row in rows:
        if row["kunci"] in berubah or not row["nip"]:
            per_instansi.setdefault(row["instansi_id"], []).append(
                ("ANGKA_KREDIT", row["kunci"], row["tahun"], data_feed(row)))
    for instansi_id in sorted(per_instansi):
        feed.tambah(uow, instansi_id, per_instansi[instansi_id])


def _baris(p, envelope) -> dict[str, Any]:
    data = p.model_dump(mode="json")
    revisi = getattr(p, "revisi", None) or 1
    ditetapkan = getattr(p, "ditetapkan_at", None) or envelope.occurred_at
    return {"kunci": aturan.kunci_angka_kredit(p.angka_kredit_id), "jenis": ANGKA_KREDIT,
            "instansi_id": getattr(p, "instansi_id", None) or envelope.instansi_id,
            "tahun": p.tahun, "pegawai_id": p.pegawai.id, "nip": p.pegawai.nip,
            "nama": p.pegawai.nama, "sumber_id": p.angka_kredit_id, "sumber_revisi": revisi,
            "ditetapkan_at": ditetapkan, "data": data}


def data_feed(row: dict[str, Any]) -> dict[str, Any]:
    d = row["data"]
    keep = ("jenjang", "periode_id", "periode_awal", "periode_akhir", "predikat", "persentase",
            "koefisien", "bulan", "angka_kredit", "ak_lama", "ak_baru", "sumber", "status",
            "nomor_sk", "tanggal_sk")
    return {"angka_kredit_id": row["sumber_id"], "revisi": row["sumber_revisi"],
            "pegawai_id": row["pegawai_id"], "nip": row["nip"], "nama": row["nama"],
            "tahun": row["tahun"], **{k: d.get(k) for k in keep}}
