"""Reads of skp's read model of identity, and ``Struktur`` of one instansi for
``kinerja_shared.relasi`` (who assesses whom) -- never a call to identity on a request path."""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from sqlalchemy import or_, select
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


def struktur_sekitar(session: Session, instansi_id: str, pegawai_ids: Iterable[str],
                     unor_ids: Iterable[str | None] = ()) -> r.Struktur:
    """The part of one instansi's structure that decides the atasan langsung of ``pegawai_ids``
    and who heads ``unor_ids`` and the unor above them: the unor chains from their unor up to
    the root, the heads (PIMPINAN) of those unor, the PLT/PLH of those unor (and of the pegawai)
    and the manual overrides of everyone loaded. ``relasi.atasan_langsung``, ``pimpinan_unor``,
    ``unor_dipimpin`` (for the chain's unor) and ``penilai_peran_plt`` answer on it exactly as
    on ``struktur`` -- a few dozen rows instead of the whole instansi. Not for bawahan or rekan
    kerja (they look down the tree): use ``struktur`` for those."""
    ids = sorted({i for i in pegawai_ids if i})
    live = (pegawai_ref.c.instansi_id == instansi_id, pegawai_ref.c.dihapus.is_(False),
            pegawai_ref.c.aktif.is_(True))
    subjek = session.execute(select(pegawai_ref.c.id, pegawai_ref.c.unor_id,
                                    pegawai_ref.c.jenis_jabatan).where(
        pegawai_ref.c.id.in_(ids), *live)).all() if ids else []
    tugas_live = (plt_plh_ref.c.instansi_id == instansi_id, plt_plh_ref.c.dihapus.is_(False))
    tugas_sendiri = session.execute(select(plt_plh_ref).where(
        plt_plh_ref.c.pegawai_id.in_(ids), *tugas_live)).mappings().all() if ids else []
    awal = {u for u in unor_ids if u} | {o.unor_id for o in subjek if o.unor_id} | {
        t["unor_id"] for t in tugas_sendiri}
    unors: list = []
    if awal:
        base = select(unor_ref.c.id, unor_ref.c.unor_atasan_id).where(
            unor_ref.c.id.in_(sorted(awal)), unor_ref.c.instansi_id == instansi_id,
            unor_ref.c.dihapus.is_(False)).cte("rantai", recursive=True)
        naik = select(unor_ref.c.id, unor_ref.c.unor_atasan_id).join(
            base, unor_ref.c.id == base.c.unor_atasan_id).where(
            unor_ref.c.instansi_id == instansi_id, unor_ref.c.dihapus.is_(False))
        rantai = base.union(naik)  # UNION, not ALL: a cycle in the data ends the recursion
        unors = session.execute(select(rantai.c.id, rantai.c.unor_atasan_id)).all()
    chain = sorted({u.id for u in unors})
    tugas = list(tugas_sendiri)
    if chain:
        seen = {t["id"] for t in tugas}
        tugas += [t for t in session.execute(select(plt_plh_ref).where(
            plt_plh_ref.c.unor_id.in_(chain), *tugas_live)).mappings() if t["id"] not in seen]
    lain = sorted({t["pegawai_id"] for t in tugas} - {o.id for o in subjek})
    orang = list(subjek)
    if chain or lain:
        cond = []
        if chain:
            cond.append(pegawai_ref.c.unor_id.in_(chain) & (pegawai_ref.c.jenis_jabatan == "PIMPINAN"))
        if lain:
            cond.append(pegawai_ref.c.id.in_(lain))
        known = {o.id for o in orang}
        orang += [o for o in session.execute(select(
            pegawai_ref.c.id, pegawai_ref.c.unor_id, pegawai_ref.c.jenis_jabatan).where(
            or_(*cond), *live)).all() if o.id not in known]
    manual = session.execute(select(relasi_manual_ref).where(
        relasi_manual_ref.c.instansi_id == instansi_id,
        relasi_manual_ref.c.pegawai_id.in_(sorted({o.id for o in orang} | set(ids))))).mappings()
    return r.Struktur(
        unor={u.id: r.UnorNode(u.id, u.unor_atasan_id) for u in unors},
        orang={o.id: r.Orang(o.id, o.unor_id, o.jenis_jabatan == "PIMPINAN") for o in orang},
        penugasan=[r.Penugasan(t["pegawai_id"], t["unor_id"], t["jenis"], t["mulai"],
                               t["selesai"], t["aktif"]) for t in tugas],
        manual={m["pegawai_id"]: r.RelasiManual(
            m["atasan_langsung_id"], m["atasan_ii_id"], m["atasan_iii_id"],
            tuple(m["rekan_kerja_ids"] or ()), tuple(m["bawahan_ids"] or ())) for m in manual},
    )


def mencakup(s: r.Struktur, pegawai_id: str) -> bool:
    """Whether ``struktur_sekitar`` loaded what ``pegawai_id``'s atasan langsung depends on."""
    o = s.orang.get(pegawai_id)  # everyone loaded had his manual override loaded too
    return o is not None and (o.unor_id is None or o.unor_id in s.unor)


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
