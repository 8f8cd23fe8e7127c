"""Public verification of an issued document (GET /verifikasi/{kode}): what it is, whose, the
SHA-256 of the bytes issued, who signs it, when. A PDF (or its SHA-256) sent along is compared
with what was issued: one changed byte and it does not match."""
from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import select

from kinerja_shared.db.times import as_utc
from kinerja_shared.errors import Invalid, NotFound

from ..adapters.tables import dokumen, instansi_ref
from ..domain import kode as kode_mod
from .cetak import JUDUL


def _muat(s, kode: str) -> dict:
    normal = kode_mod.normalkan(kode)
    row = None if normal is None else s.execute(
        select(dokumen, instansi_ref.c.nama.label("instansi_nama"))
        .select_from(dokumen.outerjoin(instansi_ref, instansi_ref.c.id == dokumen.c.instansi_id))
        .where(dokumen.c.kode == normal)).mappings().first()
    if row is None:
        raise NotFound("Kode verifikasi tidak dikenal: dokumen ini tidak diterbitkan oleh sistem.")
    return dict(row)


def lihat(uow, _principal, kode: str) -> dict:
    row = _muat(uow.session, kode)
    return {"kode": row["kode"], "jenis": row["jenis"], "nama_jenis": JUDUL.get(row["jenis"]),
            "judul": row["judul"], "instansi": row["instansi_nama"],
            "pegawai": {"nip": row["pegawai_nip"], "nama": row["pegawai_nama"]}
            if row["pegawai_nama"] else None,
            "sha256": row["sha256"], "ukuran": row["ukuran"],
            "penandatangan": row["penandatangan"], "diterbitkan_at": as_utc(row["diterbitkan_at"])}


def periksa(uow, _principal, kode: str, *, isi: bytes | None = None,
            sha256: str | None = None) -> dict:
    """Whether the given PDF (or SHA-256) is exactly the document issued under ``kode``."""
    row = _muat(uow.session, kode)
    if isi is None and sha256 is None:
        raise Invalid(errors={"berkas": ["Unggah berkas PDF atau isi sha256."]},
                      detail="Tidak ada yang diperiksa.")
    given = hashlib.sha256(isi).hexdigest() if isi is not None else sha256.strip().lower()
    cocok = hmac.compare_digest(given, row["sha256"])
    return {**lihat(uow, _principal, kode), "sha256_diperiksa": given, "cocok": cocok,
            "keterangan": ("Dokumen asli: sama persis dengan yang diterbitkan." if cocok else
                           "Tidak cocok: dokumen ini berbeda dari yang diterbitkan "
                           "(telah diubah atau bukan dokumen ini).")}
