"""Create, change and delete an SKP (the header: who, when, which model, who assesses)."""
from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import delete, select, update

from kinerja_shared import clock, relasi
from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Conflict, Forbidden, NotFound, invalid

from ..adapters import identitas
from ..adapters.skp_tables import indikator, perilaku, peran, riwayat, rhk, skp
from ..domain import aturan
from ..domain.perilaku import ASPEK_PERILAKU
from . import akses
from .refusals import domain_refusals
from .riwayat import catat

ESELON_JPT = {"10", "11", "12", "21", "22", "I.a", "I.b", "II.a", "II.b"}
HEADER = ("periode_awal", "periode_akhir", "pendekatan", "model", "pejabat_penilai_id",
          "atasan_pejabat_penilai_id")


def _pemilik(session, principal: Principal, pegawai_id: str | None) -> dict[str, Any]:
    pid = pegawai_id or principal.pegawai_id
    p = identitas.pegawai(session, pid)
    if pid != principal.pegawai_id:
        if p is None or not principal.sees_instansi(p["instansi_id"]):
            raise NotFound("Pegawai tidak ditemukan.")
        if not principal.can_admin_instansi(p["instansi_id"]):
            raise Forbidden("Hanya admin instansi yang dapat membuat SKP pegawai lain.")
    if p is None:
        raise invalid("pegawai_id", "Data pegawai belum tersedia di layanan SKP.")
    return p


def _penilai(session, s: relasi.Struktur, p: dict, awal: date, plt_unor_id: str | None,
             nip: str | None) -> tuple[str | None, str | None]:
    """Pejabat penilai given by NIP (DKI) or resolved on the start date; and his atasan.

    ``s`` is ``identitas.struktur_sekitar`` of the pegawai (and his PLT unor); when the penilai
    lies outside it (named by NIP, a manual override, a PLT from another unit) his part of the
    structure is loaded too."""
    if nip:
        found = identitas.pegawai_by_nip(session, p["instansi_id"], nip)
        if found is None or found["id"] == p["id"]:
            raise invalid("pejabat_penilai_nip", "NIP pejabat penilai tidak ditemukan di instansi ini.")
        penilai = found["id"]
    elif plt_unor_id:
        penilai = identitas.penilai_peran_plt(s, plt_unor_id, awal)
    else:
        penilai = relasi.atasan_langsung(s, p["id"], awal)
    if penilai is None:
        return None, None
    if not identitas.mencakup(s, penilai):
        s = identitas.struktur_sekitar(session, p["instansi_id"], [p["id"], penilai],
                                       [plt_unor_id])
    return penilai, relasi.atasan_langsung(s, penilai, awal)


def _jenis(session, s, p: dict, awal: date, plt_unor_id: str | None) -> tuple[str, bool]:
    if plt_unor_id:
        if plt_unor_id not in relasi.unor_dipimpin(s, p["id"], awal):
            raise invalid("plt_unor_id", "Pegawai bukan PLT/PLH unit ini pada periode awal SKP.")
        u = identitas.unor(session, plt_unor_id) or {}
        mandiri = bool(u.get("mandiri"))
        return (aturan.JPT if mandiri or u.get("eselon") in ESELON_JPT else aturan.JF_JA), mandiri
    u = identitas.unor(session, p["unor_id"]) or {}
    mandiri = p["jenis_jabatan"] == "PIMPINAN" and bool(u.get("mandiri"))
    return aturan.jenis_skp(p["kategori_jabatan"], memimpin_unor_mandiri=mandiri), mandiri


def _tolak_tumpang_tindih(session, pegawai_id, plt_unor_id, awal, akhir, kecuali=None) -> None:
    """One SKP per role at a time: a second SKP for the same role and dates is a 409 (a mutasi
    gives two SKPs in a year with separate dates; a PLT role has its own)."""
    same_role = (skp.c.plt_unor_id == plt_unor_id) if plt_unor_id else skp.c.plt_unor_id.is_(None)
    stmt = select(skp.c.id).where(skp.c.pegawai_id == pegawai_id, same_role,
                                  skp.c.periode_awal <= akhir, skp.c.periode_akhir >= awal)
    if kecuali:
        stmt = stmt.where(skp.c.id != kecuali)
    if session.execute(stmt.limit(1)).first():
        raise Conflict("Sudah ada SKP untuk jabatan ini yang periodenya beririsan.")


@domain_refusals()
def buat(uow, principal: Principal, data: dict[str, Any]) -> str:
    session = uow.session
    p = _pemilik(session, principal, data.get("pegawai_id"))
    awal, akhir = data["periode_awal"], data["periode_akhir"]
    aturan.periksa_periode(awal, akhir)
    plt_unor_id = data.get("plt_unor_id")
    s = identitas.struktur_sekitar(session, p["instansi_id"], [p["id"]], [plt_unor_id])
    jenis, mandiri = _jenis(session, s, p, awal, plt_unor_id)
    penilai, atasan = _penilai(session, s, p, awal, plt_unor_id, data.get("pejabat_penilai_nip"))
    _tolak_tumpang_tindih(session, p["id"], plt_unor_id, awal, akhir)
    skp_id, now = uuid.uuid4().hex, clock.now()
    values = dict(
        id=skp_id, instansi_id=p["instansi_id"], pegawai_id=p["id"], unor_id=p["unor_id"],
        plt_unor_id=plt_unor_id, jenis=jenis, pendekatan=data.get("pendekatan") or aturan.KUANTITATIF,
        model=data.get("model") or identitas.model_default(session, p["instansi_id"]),
        status=aturan.DRAFT, mandiri=mandiri, periode_awal=awal, periode_akhir=akhir,
        pegawai=identitas.ringkas(session, p["id"]), pejabat_penilai_id=penilai,
        pejabat_penilai=identitas.ringkas(session, penilai), atasan_pejabat_penilai_id=atasan,
        atasan_pejabat_penilai=identitas.ringkas(session, atasan), revisi=0, dibuat_at=now,
        diubah_at=now)
    session.execute(skp.insert().values(**values))
    session.execute(perilaku.insert(), [
        {"skp_id": skp_id, "aspek": a, "penilai": "ATASAN", "penilai_pegawai_id": penilai}
        for a in ASPEK_PERILAKU])
    catat(session, principal, skp_id, "BUAT", objek="skp",
          sesudah={k: values[k] for k in ("jenis", "model", "pendekatan", *HEADER)})
    return skp_id


@domain_refusals()
def ubah(uow, principal: Principal, skp_id: str, data: dict[str, Any]) -> None:
    session = uow.session
    d = akses.muat(session, principal, skp_id, kunci=True)
    akses.wajib(d, akses.PEMILIK)
    aturan.boleh_ubah({akses.PEMILIK}, d.status)
    row, changes = d.row, {k: v for k, v in data.items() if k != "pejabat_penilai_nip"}
    awal = changes.get("periode_awal", row["periode_awal"])
    akhir = changes.get("periode_akhir", row["periode_akhir"])
    aturan.periksa_periode(awal, akhir)
    _tolak_tumpang_tindih(session, row["pegawai_id"], row["plt_unor_id"], awal, akhir, skp_id)
    if "model" in changes and changes["model"] != row["model"] and session.execute(
            select(rhk.c.id).where(rhk.c.skp_id == skp_id).limit(1)).first():
        raise Conflict("Model SKP tidak dapat diubah setelah ada rencana hasil kerja.")
    if data.get("pejabat_penilai_nip") or "periode_awal" in changes:
        p = identitas.pegawai(session, row["pegawai_id"]) or {"id": row["pegawai_id"],
                                                              "instansi_id": row["instansi_id"]}
        s = identitas.struktur_sekitar(session, row["instansi_id"], [p["id"]],
                                       [row["plt_unor_id"]])
        penilai, atasan = _penilai(session, s, p, awal, row["plt_unor_id"],
                                   data.get("pejabat_penilai_nip"))
        if data.get("pejabat_penilai_nip") or penilai:
            changes.update(pejabat_penilai_id=penilai, atasan_pejabat_penilai_id=atasan,
                           pejabat_penilai=identitas.ringkas(session, penilai),
                           atasan_pejabat_penilai=identitas.ringkas(session, atasan))
    if not changes:
        return
    session.execute(update(skp).where(skp.c.id == skp_id).values(**changes))
    keys = [k for k in changes if k in HEADER]
    catat(session, principal, skp_id, "UBAH", objek="skp", sebelum={k: row[k] for k in keys},
          sesudah={k: changes[k] for k in keys})


@domain_refusals()
def hapus(uow, principal: Principal, skp_id: str) -> None:
    session = uow.session
    d = akses.muat(session, principal, skp_id, kunci=True)
    akses.wajib(d, akses.PEMILIK)
    aturan.boleh_ubah({akses.PEMILIK}, d.status)
    for table in (indikator, peran, rhk, perilaku, riwayat):
        session.execute(delete(table).where(table.c.skp_id == skp_id))
    session.execute(delete(skp).where(skp.c.id == skp_id))
