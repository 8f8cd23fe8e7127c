"""History of every change to a penilaian: who, when, what before and after, why."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from kinerja_shared import clock

from ..adapters.tables import riwayat


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def catat(session, penilaian_id: str, aksi: str, oleh: str | None, sebelum: Any, sesudah: Any,
          alasan: str | None) -> None:
    session.execute(riwayat.insert().values(
        penilaian_id=penilaian_id, waktu=clock.now(), oleh_pegawai_id=oleh,
        aksi=aksi, sebelum=_json(sebelum), sesudah=_json(sesudah), alasan=alasan))


def catat_banyak(session, rows: list[dict[str, Any]]) -> None:
    """Several history rows in one statement: ``{penilaian_id, aksi, oleh, sebelum, sesudah,
    alasan}`` each, all at the same time."""
    if not rows:
        return
    waktu = clock.now()
    session.execute(riwayat.insert(), [
        {"penilaian_id": r["penilaian_id"], "waktu": waktu, "oleh_pegawai_id": r["oleh"],
         "aksi": r["aksi"], "sebelum": _json(r["sebelum"]), "sesudah": _json(r["sesudah"]),
         "alasan": r["alasan"]} for r in rows])
