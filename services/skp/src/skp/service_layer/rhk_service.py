"""Rencana hasil kerja and their indikator: the owner edits his draft, the pejabat penilai
edits directly while the SKP waits for his approval (DOMAIN.md §3)."""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, func, select, update

from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Forbidden, Invalid, NotFound, invalid

from ..adapters.skp_tables import indikator, peran, rhk, skp
from ..domain import aturan
from . import akses
from .refusals import domain_refusals
from .riwayat import catat

PP30_FIELDS = ("target_kuantitas", "satuan", "target_kualitas", "target_waktu", "target_biaya")
RHK_FIELDS = ("jenis", "uraian", "rhk_atasan_id", "peran_id", "referensi", *PP30_FIELDS)
INDIKATOR_FIELDS = ("uraian", "aspek", "target", "target_maks", "satuan", "perspektif")


@domain_refusals()
def pengubah(session, principal: Principal, skp_id: str) -> akses.SkpDiakses:
    """The SKP, locked, when the caller may change its content now (403/409 otherwise)."""
    d = akses.muat(session, principal, skp_id, kunci=True)
    roles = d.peran & {akses.PEMILIK, akses.PENILAI}
    if not roles:
        raise Forbidden("Hanya pemilik SKP atau pejabat penilai yang dapat mengubah SKP.")
    aturan.boleh_ubah(roles, d.status)
    return d


def muat_rhk(session, skp_id: str, rhk_id: str) -> dict[str, Any]:
    row = session.execute(select(rhk).where(rhk.c.id == rhk_id, rhk.c.skp_id == skp_id)
                          ).mappings().one_or_none()
    if row is None:
        raise NotFound("Rencana hasil kerja tidak ditemukan.")
    return dict(row)


def _urutan(session, table, **where) -> int:
    cond = [table.c[k] == v for k, v in where.items()]
    return (session.execute(select(func.max(table.c.urutan)).where(*cond)).scalar() or 0) + 1


def rhk_atasan_sah(session, skp_row, rhk_atasan_id: str) -> bool:
    """An RHK of the pejabat penilai's approved SKP that covers the same time."""
    found = session.execute(
        select(rhk.c.id).join(skp, skp.c.id == rhk.c.skp_id).where(
            rhk.c.id == rhk_atasan_id, skp.c.pegawai_id == skp_row["pejabat_penilai_id"],
            skp.c.status == aturan.DISETUJUI, skp.c.periode_awal <= skp_row["periode_akhir"],
            skp.c.periode_akhir >= skp_row["periode_awal"])).first()
    return found is not None


@domain_refusals()
def _periksa_rhk(session, d: akses.SkpDiakses, data: dict[str, Any], lama: dict | None = None):
    row, out = d.row, dict(data)
    if out.get("peran_id"):
        p = session.execute(select(peran).where(peran.c.id == out["peran_id"],
                                                peran.c.pegawai_id == row["pegawai_id"])
                            ).mappings().one_or_none()
        if p is None:
            raise invalid("peran_id", "Peran tidak ditemukan di Matriks Peran Hasil untuk pegawai ini.")
        out.setdefault("uraian", p["uraian"])
        out["rhk_atasan_id"] = p["rhk_id"]
    if lama is None and not out.get("uraian"):
        raise invalid("uraian", "Wajib diisi.")
    if out.get("rhk_atasan_id") and not rhk_atasan_sah(session, row, out["rhk_atasan_id"]):
        raise invalid("rhk_atasan_id", "Bukan rencana hasil kerja pejabat penilai yang disetujui "
                                       "untuk periode yang sama.")
    if row["model"] == aturan.PP_30_2019:
        gabung = {**{f: (lama or {}).get(f) for f in PP30_FIELDS}, **out}
        checked = aturan.periksa_kegiatan_pp30(gabung)
        out.update({f: checked[f] for f in PP30_FIELDS if f in out})
    else:
        extra = [f for f in PP30_FIELDS if out.get(f) not in (None, "")]
        if extra:
            raise Invalid({f: ["Hanya untuk SKP model PP 30/2019."] for f in extra})
    return out


def tambah_rhk(uow, principal: Principal, skp_id: str, data: dict[str, Any]) -> str:
    session = uow.session
    d = pengubah(session, principal, skp_id)
    values = _periksa_rhk(session, d, data)
    rid = uuid.uuid4().hex
    values = {k: values.get(k) for k in RHK_FIELDS}
    values["jenis"] = values["jenis"] or "UTAMA"
    session.execute(rhk.insert().values(id=rid, skp_id=skp_id,
                                        urutan=_urutan(session, rhk, skp_id=skp_id), **values))
    catat(session, principal, skp_id, "TAMBAH_RHK", objek=f"rhk:{rid}", sesudah=values)
    return rid


def ubah_rhk(uow, principal: Principal, skp_id: str, rhk_id: str, data: dict[str, Any]) -> None:
    session = uow.session
    d = pengubah(session, principal, skp_id)
    lama = muat_rhk(session, skp_id, rhk_id)
    values = _periksa_rhk(session, d, data, lama)
    values = {k: v for k, v in values.items() if k not in lama or v != lama[k]}
    if not values:  # an empty PATCH, or one that changes nothing: nothing to write or record
        return
    session.execute(update(rhk).where(rhk.c.id == rhk_id).values(**values))
    catat(session, principal, skp_id, "UBAH_RHK", objek=f"rhk:{rhk_id}",
          sebelum={k: lama[k] for k in values}, sesudah=values)


def hapus_rhk(uow, principal: Principal, skp_id: str, rhk_id: str) -> None:
    session = uow.session
    pengubah(session, principal, skp_id)
    lama = muat_rhk(session, skp_id, rhk_id)
    for table, col in ((indikator, indikator.c.rhk_id), (peran, peran.c.rhk_id)):
        session.execute(delete(table).where(col == rhk_id))
    session.execute(delete(rhk).where(rhk.c.id == rhk_id))
    catat(session, principal, skp_id, "HAPUS_RHK", objek=f"rhk:{rhk_id}",
          sebelum={k: lama[k] for k in RHK_FIELDS})


def muat_indikator(session, skp_id: str, rhk_id: str, iid: str) -> dict[str, Any]:
    row = session.execute(select(indikator).where(indikator.c.id == iid,
                                                  indikator.c.rhk_id == rhk_id,
                                                  indikator.c.skp_id == skp_id)
                          ).mappings().one_or_none()
    if row is None:
        raise NotFound("Indikator tidak ditemukan.")
    return dict(row)


@domain_refusals()
def tambah_indikator(uow, principal, skp_id: str, rhk_id: str, data: dict[str, Any]) -> str:
    session = uow.session
    d = pengubah(session, principal, skp_id)
    muat_rhk(session, skp_id, rhk_id)
    values = aturan.periksa_indikator({k: data.get(k) for k in INDIKATOR_FIELDS},
                                      jenis=d.row["jenis"], pendekatan=d.row["pendekatan"])
    iid = uuid.uuid4().hex
    session.execute(indikator.insert().values(
        id=iid, rhk_id=rhk_id, skp_id=skp_id, urutan=_urutan(session, indikator, rhk_id=rhk_id),
        **values))
    catat(session, principal, skp_id, "TAMBAH_INDIKATOR", objek=f"indikator:{iid}", sesudah=values)
    return iid


@domain_refusals()
def ubah_indikator(uow, principal, skp_id: str, rhk_id: str, iid: str, data: dict) -> None:
    session = uow.session
    d = pengubah(session, principal, skp_id)
    muat_rhk(session, skp_id, rhk_id)
    lama = muat_indikator(session, skp_id, rhk_id, iid)
    gabung = {**{k: lama[k] for k in INDIKATOR_FIELDS}, **data}
    values = aturan.periksa_indikator(gabung, jenis=d.row["jenis"], pendekatan=d.row["pendekatan"])
    changed = {k: values[k] for k in INDIKATOR_FIELDS if values[k] != lama[k]}
    if changed:
        session.execute(update(indikator).where(indikator.c.id == iid).values(**changed))
        catat(session, principal, skp_id, "UBAH_INDIKATOR", objek=f"indikator:{iid}",
              sebelum={k: lama[k] for k in changed}, sesudah=changed)


def hapus_indikator(uow, principal, skp_id: str, rhk_id: str, iid: str) -> None:
    session = uow.session
    pengubah(session, principal, skp_id)
    lama = muat_indikator(session, skp_id, rhk_id, iid)
    session.execute(delete(indikator).where(indikator.c.id == iid))
    catat(session, principal, skp_id, "HAPUS_INDIKATOR", objek=f"indikator:{iid}",
          sebelum={k: lama[k] for k in INDIKATOR_FIELDS})


def simpan_manual(uow, principal, skp_id: str, rhk_id: str, iid: str, manual: dict) -> None:
    """Manual indikator (BKN toolkit: definisi, formula, tujuan, satuan pengukuran, jenis IKU,
    penanggung jawab, penyedia data, sumber data, periode pelaporan)."""
    session = uow.session
    pengubah(session, principal, skp_id)
    muat_rhk(session, skp_id, rhk_id)
    lama = muat_indikator(session, skp_id, rhk_id, iid)
    session.execute(update(indikator).where(indikator.c.id == iid).values(manual=manual))
    catat(session, principal, skp_id, "UBAH_MANUAL_INDIKATOR", objek=f"indikator:{iid}",
          sebelum=lama["manual"], sesudah=manual)
