"""Approval workflow (DOMAIN.md §3): ajukan, kembalikan, setujui, batalkan; each transition
stages its event in the outbox in the same transaction."""
from __future__ import annotations

from typing import Any

from sqlalchemy import update

from kinerja_shared.auth import Principal
from kinerja_shared.events.contracts import skp as ev

from ..adapters.skp_tables import skp
from ..domain import aturan
from ..domain.errors import Konflik, TidakValid
from .. import views
from . import akses
from .riwayat import catat, utcnow


def snapshot(session, skp_id: str) -> ev.SkpDisetujui:
    """The whole approved plan as consumers (penilaian, reporting) need it."""
    data = views.satu_skp(session, skp_id)
    rhk = [ev.RhkSnapshot(**{**r, "matriks_peran_kolom": r["matriks_peran"]["kolom"],
                             "matriks_peran": r["matriks_peran"]["baris"]}) for r in data["rhk"]]
    return ev.SkpDisetujui(
        skp_id=data["id"], instansi_id=data["instansi_id"], unor_id=data["unor_id"],
        mandiri=bool(data["mandiri"]),
        pegawai=data["pegawai"] or {"id": data["pegawai_id"], "nama": ""},
        jenis=data["jenis"], pendekatan=data["pendekatan"], model=data["model"],
        periode_awal=data["periode_awal"], periode_akhir=data["periode_akhir"],
        pejabat_penilai=data["pejabat_penilai"],
        atasan_pejabat_penilai=data["atasan_pejabat_penilai"], plt_unor_id=data["plt_unor_id"],
        rhk=rhk, perilaku=[ev.PerilakuSnapshot(**p) for p in data["perilaku"]],
        revisi=data["revisi"])


def terbitkan_disetujui(uow, skp_id: str, instansi_id: str) -> None:
    uow.session.flush()
    uow.add_event(snapshot(uow.session, skp_id), aggregate_id=skp_id, instansi_id=instansi_id)


def _siap_diajukan(session, skp_id: str, model: str) -> None:
    data = views.satu_skp(session, skp_id)
    errors: dict[str, list[str]] = {}
    if not any(r["jenis"] == "UTAMA" for r in data["rhk"]):
        errors["rhk"] = ["Minimal satu rencana hasil kerja utama."]
    if model == aturan.PERMENPAN_6_2022:
        for r in data["rhk"]:
            if not r["indikator"]:
                errors[f"rhk.{r['id']}.indikator"] = ["Setiap rencana hasil kerja butuh indikator."]
    if errors:
        raise TidakValid(errors)


def _pindah(session, principal, d: akses.SkpDiakses, aksi: str, status: str,
            **values: Any) -> None:
    session.execute(update(skp).where(skp.c.id == d.id).values(status=status, **values))
    catat(session, principal, d.id, aksi.upper(), objek="status",
          sebelum={"status": d.status}, sesudah={"status": status, **values})


def ajukan(uow, principal: Principal, skp_id: str) -> None:
    session = uow.session
    d = akses.muat(session, principal, skp_id, kunci=True)
    akses.wajib(d, akses.PEMILIK)
    tujuan = aturan.langkah("ajukan", d.status)
    _siap_diajukan(session, skp_id, d.row["model"])
    now, row = utcnow(), d.row
    if row["jenis"] == aturan.JPT and row["mandiri"]:  # a mandiri JPT needs no approval
        _pindah(session, principal, d, "ajukan", aturan.DISETUJUI, diajukan_at=now,
                disetujui_at=now)
        terbitkan_disetujui(uow, skp_id, row["instansi_id"])
        return
    if not row["pejabat_penilai_id"]:
        raise Konflik("Pejabat penilai belum ditentukan; isi NIP pejabat penilai terlebih dahulu.")
    _pindah(session, principal, d, "ajukan", tujuan, diajukan_at=now)
    uow.add_event(ev.SkpDiajukan(skp_id=skp_id, pegawai_id=row["pegawai_id"],
                                 pejabat_penilai_id=row["pejabat_penilai_id"],
                                 atasan_pejabat_penilai_id=row["atasan_pejabat_penilai_id"],
                                 jenis=row["jenis"],
                                 periode_awal=row["periode_awal"],
                                 periode_akhir=row["periode_akhir"]),
                  aggregate_id=skp_id, instansi_id=row["instansi_id"])


def kembalikan(uow, principal: Principal, skp_id: str, catatan: str) -> None:
    session = uow.session
    d = akses.muat(session, principal, skp_id, kunci=True)
    akses.wajib(d, akses.PENILAI)
    _pindah(session, principal, d, "kembalikan", aturan.langkah("kembalikan", d.status),
            catatan=catatan)
    uow.add_event(ev.SkpDikembalikan(skp_id=skp_id, pegawai_id=d.row["pegawai_id"],
                                     catatan=catatan, oleh_pegawai_id=principal.pegawai_id),
                  aggregate_id=skp_id, instansi_id=d.row["instansi_id"])


def setujui(uow, principal: Principal, skp_id: str) -> None:
    session = uow.session
    d = akses.muat(session, principal, skp_id, kunci=True)
    akses.wajib(d, akses.PENILAI)
    _pindah(session, principal, d, "setujui", aturan.langkah("setujui", d.status),
            disetujui_at=utcnow())
    terbitkan_disetujui(uow, skp_id, d.row["instansi_id"])


def batalkan(uow, principal: Principal, skp_id: str, alasan: str | None) -> None:
    """Admin returns an SKP to DRAFT ("ubah status"); consumers hear of it when it had been
    approved."""
    session = uow.session
    d = akses.muat(session, principal, skp_id, kunci=True)
    akses.wajib(d, akses.ADMIN)
    _pindah(session, principal, d, "batalkan", aturan.langkah("batalkan", d.status),
            disetujui_at=None)
    if d.status == aturan.DISETUJUI:
        uow.add_event(ev.SkpDibatalkan(skp_id=skp_id, pegawai_id=d.row["pegawai_id"],
                                       status_sebelum=d.status, alasan=alasan, oleh_pegawai_id=principal.pegawai_id),
                      aggregate_id=skp_id, instansi_id=d.row["instansi_id"])
