"""Matriks Peran Hasil (BKN toolkit): a pimpinan splits one RHK into peran (kolom) and gives
them to his bawahan (baris, each KETUA or ANGGOTA). Every filled cell is a peran its pegawai
can copy into his own SKP as an RHK intervening the pimpinan's RHK."""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, update

from kinerja_shared import relasi
from kinerja_shared.auth.principal import Principal

from ..adapters import identitas
from ..adapters.skp_tables import peran, rhk
from ..domain import aturan
from . import akses
from .alur import terbitkan_disetujui
from .perilaku_service import tanggal_relasi
from .refusals import domain_refusals
from .rhk_service import muat_rhk
from .riwayat import catat

_NS = uuid.UUID("5b0d3c1e-8f67-4c8e-9a43-6d1f1f1e0a01")


def peran_id(rhk_id: str, pegawai_id: str, kolom: int) -> str:
    """Stable across saves, so an RHK copied from a peran keeps its link."""
    return uuid.uuid5(_NS, f"{rhk_id}:{pegawai_id}:{kolom}").hex


@domain_refusals()
def simpan(uow, principal: Principal, skp_id: str, rhk_id: str, kolom: list[str],
           baris: list[dict[str, Any]]) -> None:
    """Allowed in any status: the MPH is usually drawn once the pimpinan's SKP is approved;
    an approved SKP then publishes a new SkpDisetujui revision carrying the matrix."""
    session = uow.session
    d = akses.muat(session, principal, skp_id, kunci=True)
    akses.wajib(d, akses.PEMILIK)
    row = d.row
    lama = muat_rhk(session, skp_id, rhk_id)
    s = identitas.struktur(session, row["instansi_id"])
    bawahan = set()
    for tanggal in tanggal_relasi(row):
        bawahan |= set(relasi.resolve(s, row["pegawai_id"], tanggal).bawahan)
    aturan.periksa_matriks(kolom, baris, bawahan)
    baris = [{"pegawai_id": b["pegawai_id"], "jabatan_tim": b["jabatan_tim"],
              "peran": list(b["peran"])} for b in baris]
    session.execute(update(rhk).where(rhk.c.id == rhk_id).values(matriks_kolom=kolom,
                                                                 matriks_baris=baris))
    session.execute(delete(peran).where(peran.c.rhk_id == rhk_id))
    cells = [{"id": peran_id(rhk_id, b["pegawai_id"], k), "rhk_id": rhk_id, "skp_id": skp_id,
              "pegawai_id": b["pegawai_id"], "pemberi_pegawai_id": row["pegawai_id"],
              "tahun": row["periode_awal"].year, "kolom": k, "jabatan_tim": b["jabatan_tim"],
              "uraian": teks}
             for b in baris for k, teks in enumerate(b["peran"]) if teks]
    if cells:
        session.execute(peran.insert(), cells)
    catat(session, principal, skp_id, "UBAH_MATRIKS_PERAN", objek=f"rhk:{rhk_id}",
          sebelum={"kolom": lama["matriks_kolom"], "baris": lama["matriks_baris"]},
          sesudah={"kolom": kolom, "baris": baris})
    if row["status"] == aturan.DISETUJUI:
        terbitkan_disetujui(uow, skp_id, row["instansi_id"])
