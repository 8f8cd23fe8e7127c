"""History of every figure and status change of an AK row: who, when, what before and after,
why (``riwayat``: DIBUAT, DIHITUNG_ULANG, DIGANTIKAN, DIKOREKSI, DIBATALKAN, and the workflow
actions AJUKAN, SETUJUI, TANDATANGANI, KEMBALIKAN)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Mapping

from kinerja_shared import clock

from ..adapters.tables import riwayat

FIGUR = ("status", "awal", "akhir", "predikat", "persentase", "koefisien", "bulan", "jenjang",
         "golongan", "angka_kredit", "ak_lama", "ak_baru", "ak_pangkat", "kebutuhan_pangkat",
         "selisih_pangkat", "kebutuhan_jenjang", "selisih_jenjang", "nomor_sk", "tanggal_sk")


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def angka(row: Mapping[str, Any]) -> dict[str, Any]:
    """The figures and status of a row, as the history keeps them (decimals as strings)."""
    return {k: _json(row.get(k)) for k in FIGUR if k in row}


def baris(angka_kredit_id: str, aksi: str, status: str, oleh: str | None, sebelum, sesudah,
          alasan: str | None, waktu=None) -> dict[str, Any]:
    return {"angka_kredit_id": angka_kredit_id, "waktu": waktu or clock.now(),
            "oleh_pegawai_id": oleh, "aksi": aksi, "status": status, "sebelum": sebelum,
            "sesudah": sesudah, "alasan": alasan}


def simpan(session, rows: list[dict[str, Any]]) -> None:
    if rows:  # executemany: psycopg's array literals of JSON text cost more than it saves
        session.execute(riwayat.insert(), rows)


def catat(session, lama: Mapping[str, Any], baru: Mapping[str, Any], aksi: str,
          oleh: str | None, alasan: str | None = None) -> None:
    simpan(session, [baris(lama["id"], aksi, baru.get("status", lama["status"]), oleh,
                           angka(lama), angka({**lama, **baru}), alasan)])
