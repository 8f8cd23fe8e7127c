"""SIASN's PNS id of a NIP (``pnsDinilaiOrang``, ``pnsDinilaiId``, ``pnsId`` of the saves):
what the pulls recorded (``siasn_pegawai``), else ``pns/data-utama/{nip}``, remembered for
next time."""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from kinerja_shared.clock import now

from ..adapters.remote import AuthFailed, RemoteError
from ..adapters.tables import siasn_pegawai
from .kirim import pns_lokal

log = logging.getLogger("kinerja.integration.pns")


class PnsIds(dict):
    """NIP -> PNS id; ``galat`` holds why a NIP could not be looked up."""

    def __init__(self) -> None:
        super().__init__()
        self.galat: dict[str, str] = {}


def pns_siasn(runtime, client, instansi_id: str, *, workers: int = 4):
    def resolve(nips: set[str], uow) -> PnsIds:
        """In the caller's unit of work: what data-utama finds is remembered with the caller's
        transaction (a push commits it with its plan; a preview's is rolled back)."""
        found = PnsIds()
        found.update(pns_lokal(uow)(nips))
        missing = sorted(set(nips) - set(found))
        if not missing or client is None:
            return found

        def one(nip: str):
            try:
                return nip, client.data_utama(nip), None
            except AuthFailed:
                raise
            except RemoteError as exc:
                return nip, None, f"SIASN tidak dapat dihubungi saat mencari NIP: {exc}"

        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(one, missing))
        rows = []
        for nip, data, galat in results:
            if galat:
                found.galat[nip] = galat
            elif data and data.get("id"):
                found[nip] = str(data["id"])
                rows.append({"nip": nip, "instansi_id": instansi_id, "siasn_id": str(data["id"]),
                             "hash": None, "revisi": 0, "aktif": True, "data": data,
                             "diubah_at": now()})
        if rows:
            uow.session.execute(siasn_pegawai.delete().where(
                siasn_pegawai.c.nip.in_([r["nip"] for r in rows])))
            uow.session.execute(siasn_pegawai.insert(), rows)
        return found
    return resolve
