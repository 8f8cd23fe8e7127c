"""Which units a report or a bulk print covers, and who may ask for them.

``unor_id`` covers that unit and every unit below it (the unor tree by ``unor_atasan_id``);
``unor_induk_id`` every unit whose unor induk it is, and itself. Admins of the instansi may
ask for any scope; a pimpinan (or active PLT/PLH) for the units he leads and those below;
anyone else gets 403, and another instansi's unit is 404.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from kinerja_shared import clock
from kinerja_shared.errors import Forbidden, Invalid, NotFound

from ..adapters.tables import instansi_ref, pegawai_ref, plt_plh_ref, unor_ref


@dataclass(frozen=True)
class Cakupan:
    instansi_id: str
    unor_ids: frozenset[str] | None  # None: the whole instansi
    nama_unor: dict[str, str]  # every unit of the instansi (names for the rows)
    induk_unor: dict[str, str | None]


def muat(s, instansi_id: str, *, unor_id: str | None = None,
         unor_induk_id: str | None = None) -> Cakupan:
    rows = s.execute(select(unor_ref.c.id, unor_ref.c.nama, unor_ref.c.unor_atasan_id,
                            unor_ref.c.unor_induk_id, unor_ref.c.dihapus).where(
        unor_ref.c.instansi_id == instansi_id)).all()
    nama = {r.id: r.nama for r in rows}
    induk = {r.id: r.unor_induk_id for r in rows}
    anak = defaultdict(list)
    for r in rows:
        if r.unor_atasan_id:
            anak[r.unor_atasan_id].append(r.id)
    ids: set[str] | None = None
    for field, value in (("unor_id", unor_id), ("unor_induk_id", unor_induk_id)):
        if value is None:
            continue
        if value not in nama:
            raise Invalid(detail="Unit kerja tidak ditemukan di instansi ini.",
                          errors={field: ["Unit kerja tidak ditemukan."]})
        if field == "unor_id":
            found = _subtree(value, anak)
        else:
            found = {u for u, i in induk.items() if i == value} | {value}
            found = set().union(*(_subtree(u, anak) for u in found))
        ids = found if ids is None else ids & found
    return Cakupan(instansi_id, frozenset(ids) if ids is not None else None, nama, induk)


def _subtree(root: str, anak) -> set[str]:
    seen, stack = set(), [root]
    while stack:
        u = stack.pop()
        if u not in seen:
            seen.add(u)
            stack.extend(anak.get(u, ()))
    return seen


def instansi_pemanggil(s, principal, instansi_id: str | None) -> str:
    """The instansi a request is about: the caller's own, or for admin_pusat the one named."""
    target = instansi_id or principal.instansi_id
    if target is None:
        raise Invalid(detail="Instansi harus diisi.", errors={"instansi_id": ["Wajib diisi."]})
    if not principal.sees_instansi(target):
        raise NotFound()
    if s.execute(select(instansi_ref.c.id).where(instansi_ref.c.id == target)).first() is None:
        raise NotFound("Instansi belum dikenal layanan pelaporan.")
    return target


def unor_dipimpin(s, pegawai_id: str, pada: date | None = None) -> set[str]:
    """Units the pegawai leads: as pimpinan of his unor, or by an active PLT/PLH."""
    pada = pada or clock.now().date()
    found = set(s.execute(select(pegawai_ref.c.unor_id).where(
        pegawai_ref.c.id == pegawai_id, pegawai_ref.c.jenis_jabatan == "PIMPINAN",
        pegawai_ref.c.dihapus.is_(False), pegawai_ref.c.unor_id.is_not(None))).scalars())
    found |= set(s.execute(select(plt_plh_ref.c.unor_id).where(
        plt_plh_ref.c.pegawai_id == pegawai_id, plt_plh_ref.c.aktif.is_(True),
        plt_plh_ref.c.dihapus.is_(False), plt_plh_ref.c.mulai <= pada,
        or_(plt_plh_ref.c.selesai.is_(None), plt_plh_ref.c.selesai >= pada))).scalars())
    return found


def pastikan_boleh(s, principal, cakupan: Cakupan) -> None:
    """Admins of the instansi: any scope. A pimpinan: a scope inside the units he leads."""
    if principal.can_admin_instansi(cakupan.instansi_id):
        return
    dipimpin = unor_dipimpin(s, principal.pegawai_id)
    if not dipimpin or cakupan.unor_ids is None:
        raise Forbidden("Hanya admin instansi atau pimpinan unit kerja yang dapat mencetak "
                        "laporan ini; pimpinan memilih unit kerjanya.")
    wilayah = set()
    for u in dipimpin:
        wilayah |= muat(s, cakupan.instansi_id, unor_id=u).unor_ids or set()
    if not set(cakupan.unor_ids) <= wilayah:
        raise Forbidden("Unit kerja di luar unit yang Anda pimpin.")
