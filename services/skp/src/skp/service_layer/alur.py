"""Approval workflow (DOMAIN.md §3): ajukan, kembalikan, setujui, batalkan; each transition
stages its event in the outbox in the same transaction."""
from __future__ import annotations

from typing import Any

from sqlalchemy import update

from kinerja_shared import clock
from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Conflict, Invalid

from ..adapters import skp_rows
from ..adapters.skp_tables import skp
from ..domain import aturan
from . import akses, events
from .refusals import domain_refusals
from .riwayat import catat


def terbitkan_disetujui(uow, skp_id: str, instansi_id: str) -> None:
    """Stage SkpDisetujui with the whole plan as this transaction leaves it."""
    uow.session.flush()
    uow.add_event(events.skp_disetujui(uow.session, skp_id), aggregate_id=skp_id,
                  instansi_id=instansi_id)


def _siap_diajukan(session, skp_id: str, model: str) -> None:
    rhk = skp_rows.rhk_per_skp(session, [skp_id])[skp_id]
    errors: dict[str, list[str]] = {}
    if not any(r["jenis"] == "UTAMA" for r in rhk):
        errors["rhk"] = ["Minimal satu rencana hasil kerja utama."]
    if model == aturan.PERMENPAN_6_2022:
        indikator = skp_rows.indikator_per_rhk(session, [skp_id])
        for r in aturan.urutan_cetak(rhk):
            if not indikator.get(r["id"]):
                errors[f"rhk.{r['id']}.indikator"] = ["Setiap rencana hasil kerja butuh indikator."]
    if errors:
        raise Invalid(errors)


def _pindah(session, principal, d: akses.SkpDiakses, aksi: str, status: str,
            **values: Any) -> None:
    session.execute(update(skp).where(skp.c.id == d.id).values(status=status, **values))
    catat(session, principal, d.id, aksi.upper(), objek="status",
          sebelum={"status": d.status}, sesudah={"status": status, **values})


@domain_refusals()
def ajukan(uow, principal: Principal, skp_id: str) -> None:
    session = uow.session
    d = akses.muat(session, principal, skp_id, kunci=True)
    akses.wajib(d, akses.PEMILIK)
    tujuan = aturan.langkah("ajukan", d.status)
    _siap_diajukan(session, skp_id, d.row["model"])
    now, row = clock.now(), d.row
    if row["jenis"] == aturan.JPT and row["mandiri"]:  # a mandiri JPT needs no approval
        _pindah(session, principal, d, "ajukan", aturan.DISETUJUI, diajukan_at=now,
                disetujui_at=now)
        terbitkan_disetujui(uow, skp_id, row["instansi_id"])
        return
    if not row["pejabat_penilai_id"]:
        raise Conflict("Pejabat penilai belum ditentukan; isi NIP pejabat penilai terlebih dahulu.")
    _pindah(session, principal, d, "ajukan", tujuan, diajukan_at=now)
    uow.add_event(events.skp_diajukan(row), aggregate_id=skp_id, instansi_id=row["instansi_id"])


@domain_refusals()
def kembalikan(uow, principal: Principal, skp_id: str, catatan: str) -> None:
    session = uow.session
    d = akses.muat(session, principal, skp_id, kunci=True)
    akses.wajib(d, akses.PENILAI)
    _pindah(session, principal, d, "kembalikan", aturan.langkah("kembalikan", d.status),
            catatan=catatan)
    uow.add_event(events.skp_dikembalikan(d.row, catatan, principal.pegawai_id),
                  aggregate_id=skp_id, instansi_id=d.row["instansi_id"])


@domain_refusals()
def setujui(uow, principal: Principal, skp_id: str) -> None:
    session = uow.session
    d = akses.muat(session, principal, skp_id, kunci=True)
    akses.wajib(d, akses.PENILAI)
    _pindah(session, principal, d, "setujui", aturan.langkah("setujui", d.status),
            disetujui_at=clock.now())
    terbitkan_disetujui(uow, skp_id, d.row["instansi_id"])


@domain_refusals()
def batalkan(uow, principal: Principal, skp_id: str, alasan: str | None) -> None:
    """Admin returns an SKP to DRAFT ("ubah status"); consumers hear of it when it had been
    approved."""
    session = uow.session
    d = akses.muat(session, principal, skp_id, kunci=True)
    akses.wajib(d, akses.ADMIN)
    _pindah(session, principal, d, "batalkan", aturan.langkah("batalkan", d.status),
            disetujui_at=None)
    if d.status == aturan.DISETUJUI:
        uow.add_event(events.skp_dibatalkan(d.row, alasan, principal.pegawai_id),
                      aggregate_id=skp_id, instansi_id=d.row["instansi_id"])
