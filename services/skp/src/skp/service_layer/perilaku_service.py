"""Perilaku kerja of an SKP: the owner sets who gives feedback per aspect (set penilai), the
pejabat penilai writes his ekspektasi khusus (BKN toolkit, "Set Penilai Perilaku Kerja")."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from kinerja_shared import clock, relasi
from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Conflict, NotFound, invalid

from ..adapters import identitas
from ..adapters.skp_tables import perilaku
from ..domain import aturan
from ..domain.perilaku import ASPEK_PERILAKU
from . import akses
from .refusals import domain_refusals
from .riwayat import catat


def tanggal_relasi(row) -> list[date]:
    """Relations are checked on the SKP's start date and on today (within the period)."""
    today = min(max(clock.now().date(), row["periode_awal"]), row["periode_akhir"])
    return list(dict.fromkeys([row["periode_awal"], today]))


def _dikenal(aspek: str) -> None:
    """422 on ``aspek`` (a path segment) unless it is one of the seven."""
    if aspek not in ASPEK_PERILAKU:
        raise invalid("aspek", "Harus salah satu dari: " + ", ".join(ASPEK_PERILAKU) + ".")


def _aspek(session, skp_id: str, aspek: str) -> dict:
    row = session.execute(select(perilaku).where(perilaku.c.skp_id == skp_id,
                                                 perilaku.c.aspek == aspek)).mappings().one_or_none()
    if row is None:
        raise NotFound("Aspek perilaku tidak ditemukan.")
    return dict(row)


@domain_refusals()
def set_penilai(uow, principal: Principal, skp_id: str, aspek: str, penilai: str,
                penilai_pegawai_id: str | None) -> None:
    _dikenal(aspek)
    session = uow.session
    d = akses.muat(session, principal, skp_id, kunci=True)
    akses.wajib(d, akses.PEMILIK)
    aturan.boleh_ubah({akses.PEMILIK}, d.status)
    lama = _aspek(session, skp_id, aspek)
    row = d.row
    if penilai == "ATASAN":
        penilai_pegawai_id = penilai_pegawai_id or row["pejabat_penilai_id"]
    if not penilai_pegawai_id:
        raise invalid("penilai_pegawai_id", "Wajib diisi.")
    s = identitas.struktur(session, row["instansi_id"])
    sah = set()
    for tanggal in tanggal_relasi(row):
        r = relasi.resolve(s, row["pegawai_id"], tanggal)
        sah |= {"ATASAN": {row["pejabat_penilai_id"], r.atasan_langsung},
                "REKAN": set(r.rekan_kerja), "BAWAHAN": set(r.bawahan)}[penilai]
    if penilai_pegawai_id not in sah - {None, row["pegawai_id"]}:
        label = {"ATASAN": "atasan", "REKAN": "rekan kerja", "BAWAHAN": "bawahan"}[penilai]
        raise invalid("penilai_pegawai_id", f"Pegawai ini bukan {label} pemilik SKP.")
    values = {"penilai": penilai, "penilai_pegawai_id": penilai_pegawai_id}
    session.execute(update(perilaku).where(perilaku.c.skp_id == skp_id,
                                           perilaku.c.aspek == aspek).values(**values))
    catat(session, principal, skp_id, "SET_PENILAI_PERILAKU", objek=f"perilaku:{aspek}",
          sebelum={k: lama[k] for k in values}, sesudah=values)


def set_ekspektasi(uow, principal: Principal, skp_id: str, aspek: str, teks: str | None) -> None:
    _dikenal(aspek)
    session = uow.session
    d = akses.muat(session, principal, skp_id, kunci=True)
    akses.wajib(d, akses.PENILAI)
    if d.status == aturan.DISETUJUI:
        raise Conflict("SKP sudah disetujui dan tidak dapat diubah.")
    lama = _aspek(session, skp_id, aspek)
    session.execute(update(perilaku).where(perilaku.c.skp_id == skp_id,
                                           perilaku.c.aspek == aspek).values(ekspektasi_khusus=teks))
    catat(session, principal, skp_id, "UBAH_EKSPEKTASI", objek=f"perilaku:{aspek}",
          sebelum={"ekspektasi_khusus": lama["ekspektasi_khusus"]},
          sesudah={"ekspektasi_khusus": teks})
