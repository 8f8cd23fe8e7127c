"""Reads of skp's read model of identity, and ``Struktur`` of one instansi for
``kinerja_shared.relasi`` (who assesses whom) -- never a call to identity on a request path."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_shared import relasi as r

from .tables import instansi_ref, pegawai_ref, plt_plh_ref, relasi_manual_ref, unor_ref

DEFAULT_MODEL = "PERMENPAN_6_2022"


def pegawai(session: Session, pegawai_id: str | None) -> dict[str, Any] | None:
    if not pegawai_id:
        return None
    row = session.execute(select(pegawai_ref).where(pegawai_ref.c.id == pegawai_id,
                                                    pegawai_ref.c.dihapus.is_(False))
                          ).mappings().one_or_none()
    return dict(row) if row else None


def pegawai_by_nip(session: Session, instansi_id: str, nip: str) -> dict[str, Any] | None:
    row = session.execute(select(pegawai_ref).where(
        pegawai_ref.c.nip == nip, pegawai_ref.c.instansi_id == instansi_id,
        pegawai_ref.c.dihapus.is_(False))).mappings().first()
    return dict(row) if row else None


def unor(session: Session, unor_id: str | None) -> dict[str, Any] | None:
    if not unor_id:
        return None
    row = session.execute(select(unor_ref).where(unor_ref.c.id == unor_id)).mappings().one_or_none()
    return dict(row) if row and not row["dihapus"] else None


def model_default(session: Session, instansi_id: str) -> str:
    """The instansi's ``pengaturan.model_skp`` (PermenPAN-RB 6/2022 when unset)."""
    model = session.execute(select(instansi_ref.c.model_skp).where(
        instansi_ref.c.id == instansi_id)).scalar_one_or_none()
    return model or DEFAULT_MODEL


def ringkas(session: Session, pegawai_id: str | None) -> dict[str, Any] | None:
    """A person as other services print them (``PegawaiRingkas``)."""
    p = pegawai(session, pegawai_id)
    if p is None:
        return None
    u = unor(session, p["unor_id"])
    return {"id": p["id"], "nip": p["nip"], "nama": p["nama"], "gelar_depan": p["gelar_depan"],
            "gelar_belakang": p["gelar_belakang"], "jabatan": p["jabatan"],
            "golongan": p["golongan"], "unor_id": p["unor_id"],
            "unor_nama": u["nama"] if u else None}


def struktur(session: Session, instansi_id: str) -> r.Struktur:
    """The structure of one instansi as the read model holds it now."""
    unors = session.execute(select(unor_ref.c.id, unor_ref.c.unor_atasan_id).where(
        unor_ref.c.instansi_id == instansi_id, unor_ref.c.dihapus.is_(False))).all()
    orang = session.execute(select(pegawai_ref.c.id, pegawai_ref.c.unor_id,
                                   pegawai_ref.c.jenis_jabatan).where(
        pegawai_ref.c.instansi_id == instansi_id, pegawai_ref.c.dihapus.is_(False),
        pegawai_ref.c.aktif.is_(True))).all()
    tugas = session.execute(select(plt_plh_ref).where(
        plt_plh_ref.c.instansi_id == instansi_id, plt_plh_ref.c.dihapus.is_(False))).mappings()
    manual = session.execute(select(relasi_manual_ref).where(
        relasi_manual_ref.c.instansi_id == instansi_id)).mappings()
    return r.Struktur(
        unor={u.id: r.UnorNode(u.id, u.unor_atasan_id) for u in unors},
        orang={o.id: r.Orang(o.id, o.unor_id, o.jenis_jabatan == "PIMPINAN") for o in orang},
        penugasan=[r.Penugasan(t["pegawai_id"], t["unor_id"], t["jenis"], t["mulai"],
                               t["selesai"], t["aktif"]) for t in tugas],
        manual={m["pegawai_id"]: r.RelasiManual(
            m["atasan_langsung_id"], m["atasan_ii_id"], m["atasan_iii_id"],
            tuple(m["rekan_kerja_ids"] or ()), tuple(m["bawahan_ids"] or ())) for m in manual},
    )


def penilai_peran_plt(s: r.Struktur, unor_id: str, tanggal: date) -> str | None:
    """Pejabat penilai of whoever heads ``unor_id`` (a PLT role): the head of the unor above,
    passing vacant unor up the tree."""
    node = s.unor.get(unor_id)
    atas = node.unor_atasan_id if node else None
    seen: set[str] = set()
    while atas is not None and atas in s.unor and atas not in seen:
        seen.add(atas)
        kepala = r.pimpinan_unor(s, atas, tanggal)
        if kepala is not None:
            return kepala
        atas = s.unor[atas].unor_atasan_id
    return None
