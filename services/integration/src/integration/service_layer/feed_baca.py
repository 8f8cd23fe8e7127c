"""Reading the change feeds (``feed.py`` writes them): cursor-paged in commit order, and the
whole year as NDJSON or CSV. Only the caller's instansi: a service account belongs to one.

The cursor is opaque to clients (``v1.<seq>`` in base64url): the last ``seq`` returned. A page
holds the changes after it in ``seq`` order; since ``seq`` follows commit order (``feed.py``),
paging never skips a change committed later and never returns one twice.
"""
from __future__ import annotations

import base64
import binascii
from typing import Any

import sqlalchemy as sa

from kinerja_shared.errors import invalid

from ..adapters.tables import feed
from .feed import perubahan

JENIS_URL = {"predikat": "PREDIKAT", "angka-kredit": "ANGKA_KREDIT", "sinkron": "SINKRON"}
SCOPE = {"PREDIKAT": "feed:predikat", "ANGKA_KREDIT": "feed:angka-kredit",
         "SINKRON": "feed:sinkron"}


def kursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"v1.{seq}".encode()).decode().rstrip("=")


def baca_kursor(value: str | None) -> int:
    if not value:
        return 0
    try:
        text = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        version, seq = text.split(".", 1)
        if version != "v1" or int(seq) < 0:
            raise ValueError
        return int(seq)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid("cursor", "Kursor tidak valid.") from None


def halaman(uow, principal, *, instansi_id: str, jenis: str, cursor: str | None,
            limit: int) -> dict[str, Any]:
    after = baca_kursor(cursor)
    rows = uow.session.execute(sa.select(feed).where(
        feed.c.instansi_id == instansi_id, feed.c.jenis == jenis, feed.c.seq > after)
        .order_by(feed.c.seq).limit(limit + 1)).mappings().all()
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1]["seq"] if rows else after
    return {"data": [perubahan(dict(r)) for r in rows], "cursor": kursor(last),
            "ada_lagi": more}


def ekspor(uow, principal, *, instansi_id: str, jenis: str, tahun: int) -> list[dict]:
    """The latest change of every record of the year (its current state), in ``seq`` order."""
    latest = (sa.select(feed.c.kunci, sa.func.max(feed.c.seq).label("seq"))
              .where(feed.c.instansi_id == instansi_id, feed.c.jenis == jenis,
                     feed.c.tahun == tahun).group_by(feed.c.kunci).subquery())
    rows = uow.session.execute(sa.select(feed).join(latest, sa.and_(
        feed.c.kunci == latest.c.kunci, feed.c.seq == latest.c.seq)).where(
        feed.c.instansi_id == instansi_id).order_by(feed.c.seq)).mappings().all()
    return [perubahan(dict(r)) for r in rows]


KOLOM_CSV = {
    "PREDIKAT": ("penilaian_id", "revisi", "pegawai_id", "nip", "nama", "tahun", "model",
                 "rating_hasil_kerja", "rating_perilaku", "predikat", "nilai_kinerja",
                 "pejabat_penilai.nip", "pejabat_penilai.nama", "ditetapkan_at"),
    "ANGKA_KREDIT": ("angka_kredit_id", "revisi", "pegawai_id", "nip", "nama", "tahun",
                     "jenjang", "predikat", "persentase", "koefisien", "bulan", "angka_kredit",
                     "ak_lama", "ak_baru", "sumber", "status", "nomor_sk", "tanggal_sk"),
    "SINKRON": ("sinkron_id", "sistem", "arah", "jenis", "tahun", "status", "tambah", "ubah",
                "hapus", "gagal", "berhasil", "waktu_request", "waktu_mulai", "waktu_selesai"),
}


def baris_csv(jenis: str, change: dict) -> list[Any]:
    out = [change["seq"], change["kunci"]]
    for kolom in KOLOM_CSV[jenis]:
        value: Any = change["data"]
        for part in kolom.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        out.append(value)
    return out
