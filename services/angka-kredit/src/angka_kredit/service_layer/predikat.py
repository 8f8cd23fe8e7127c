"""Predikat from penilaian: PredikatFinal (the annual predikat; a keberatan decision
republishes it with revisi + 1) and PredikatDitetapkan (each period; converted when the
instansi has periodic angka kredit on, ``angka_kredit_periodik``). Each is kept (the newest
revisi wins, whatever the arrival order) and the AK rows of its pegawai are recomputed in the
same transaction: a run of events of one type is handled at once, one recomputation for all
its pegawai."""
from __future__ import annotations

from kinerja_shared.db.readmodel import upsert_snapshots
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.tables import predikat_ref
from ..domain.aturan import NAMA_PREDIKAT
from . import muat
from .hitung import hitung_ulang

FINAL, DITETAPKAN = "FINAL", "DITETAPKAN"


def _baris(event, jenis: str, periodik: bool) -> dict:
    penilai = event.pejabat_penilai
    atasan = event.atasan_pejabat_penilai
    return {
        "id": f"{jenis}:{event.penilaian_id}", "jenis_event": jenis,
        "penilaian_id": event.penilaian_id, "instansi_id": None, "pegawai_id": event.pegawai.id,
        "tahun": event.tahun, "periode_id": event.periode.id, "periode_nama": event.periode.nama,
        "periode_awal": event.periode.awal, "periode_akhir": event.periode.akhir,
        "periode_final": event.periode.final, "skp_id": event.skp_id,
        "skp_periode_awal": event.skp_periode_awal, "skp_periode_akhir": event.skp_periode_akhir,
        "unor_id": event.unor_id or event.pegawai.unor_id, "model": event.model,
        "predikat": event.predikat, "periodik": periodik,
        "pejabat_penilai_id": penilai.id if penilai else None,
        "atasan_pejabat_penilai_id": atasan.id if atasan else None,
        "snapshot": event.model_dump(mode="json", include={
            "pegawai", "pejabat_penilai", "atasan_pejabat_penilai"}),
        "ditetapkan_at": event.ditetapkan_at, "revisi": event.revisi}


def _simpan(uow, events, jenis: str) -> None:
    s = uow.session
    instansi = muat.instansi_banyak(s, {env.instansi_id for _, env in events})
    rows = []
    for event, env in events:
        inst = instansi.get(env.instansi_id)
        periodik = jenis == DITETAPKAN and bool(
            inst and (inst["pengaturan"] or {}).get("angka_kredit_periodik") is True)
        rows.append({**_baris(event, jenis, periodik), "instansi_id": env.instansi_id or ""})
    # the first arrival fixes ``periodik``; a later revisi updates everything else
    upsert_snapshots(s, predikat_ref, rows,
                     update=[c.name for c in predikat_ref.c if c.name not in ("id", "periodik")])
    alasan = {e.pegawai.id: f"Predikat {NAMA_PREDIKAT.get(e.predikat, e.predikat)} "
                            f"({e.periode.nama}, revisi {e.revisi})" for e, _ in events}
    hitung_ulang(uow, alasan, alasan=alasan)


@batch_handler
def predikat_final(events, uow) -> None:
    _simpan(uow, events, FINAL)


@batch_handler
def predikat_ditetapkan(events, uow) -> None:
    _simpan(uow, events, DITETAPKAN)
