"""Loading what a document prints from the read models: SKP, penilaian, people, units,
periods, the capaian and distribution of a unit induk."""
from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, select

from kinerja_shared.errors import NotFound

from ..adapters.tables import (
    angka_kredit_rm, capaian_rm, keberatan_rm, instansi_ref, pegawai_ref, penilaian_rm, periode_ref, skp_rm, unor_ref,
)
from ..domain import teks


def skp(s, skp_id: str) -> dict:
    row = s.execute(select(skp_rm).where(skp_rm.c.id == skp_id)).mappings().first()
    if row is None:
        raise NotFound()
    return dict(row)


def penilaian(s, penilaian_id: str) -> dict:
    row = s.execute(select(penilaian_rm).where(penilaian_rm.c.id == penilaian_id)).mappings().first()
    if row is None:
        raise NotFound()
    return dict(row)


def angka_kredit(s, angka_kredit_id: str) -> dict:
    row = s.execute(select(angka_kredit_rm).where(
        angka_kredit_rm.c.id == angka_kredit_id)).mappings().first()
    if row is None:
        raise NotFound()
    return dict(row)


def keberatan(s, penilaian_id: str) -> dict | None:
    """The keberatan of a penilaian the PP 30 form prints: the newest one filed that was not
    withdrawn, else the newest withdrawn one (None: no keberatan)."""
    rows = s.execute(select(keberatan_rm.c.status, keberatan_rm.c.snapshot).where(
        keberatan_rm.c.penilaian_id == penilaian_id).order_by(
        keberatan_rm.c.diajukan_at.desc(), keberatan_rm.c.id)).all()
    aktif = [r.snapshot for r in rows if r.status != "DITARIK"]
    return (aktif or [r.snapshot for r in rows] or [None])[0]


def _memo(s, key: tuple, fn):
    """Within one session (a bulk print's batch), load a shared value once: the instansi, a
    unit, a period, a unit induk's capaian and distribution, a penilai's RHK."""
    cache = s.info.setdefault("reporting.memo", {})
    if key not in cache:
        cache[key] = fn()
    return cache[key]


def instansi(s, instansi_id: str | None) -> dict:
    return _memo(s, ("instansi", instansi_id), lambda: _instansi(s, instansi_id))


def _instansi(s, instansi_id: str | None) -> dict:
    row = s.execute(select(instansi_ref).where(instansi_ref.c.id == instansi_id)).mappings().first()
    return dict(row) if row else {"id": instansi_id, "nama": "-", "pengaturan": {}}


def unor(s, unor_id: str | None) -> dict | None:
    if unor_id is None:
        return None
    return _memo(s, ("unor", unor_id), lambda: _unor(s, unor_id))


def _unor(s, unor_id: str) -> dict | None:
    row = s.execute(select(unor_ref).where(unor_ref.c.id == unor_id)).mappings().first()
    return dict(row) if row else None


def periode(s, periode_id: str | None) -> dict | None:
    return _memo(s, ("periode", periode_id), lambda: _periode(s, periode_id))


def _periode(s, periode_id: str | None) -> dict | None:
    row = s.execute(select(periode_ref).where(periode_ref.c.id == periode_id)).mappings().first()
    return dict(row) if row else None


def orang(s, ringkas: dict | None, *, pegawai_id: str | None = None) -> dict | None:
    """A person as the identity table prints him: current data from identity's read model,
    else the snapshot the event carried."""
    pid = pegawai_id or (ringkas or {}).get("id")
    if pid is None:
        return None
    row = s.execute(select(pegawai_ref).where(pegawai_ref.c.id == pid)).mappings().first()
    data = dict(row) if row else {}
    ringkas = ringkas or {}
    u = unor(s, data.get("unor_id") or ringkas.get("unor_id"))
    return {
        "id": pid,
        "nama": teks.nama_lengkap(data.get("nama") or ringkas.get("nama"),
                                  data.get("gelar_depan") or ringkas.get("gelar_depan"),
                                  data.get("gelar_belakang") or ringkas.get("gelar_belakang")),
        "nip": data.get("nip") or ringkas.get("nip") or data.get("nik"),
        "pangkat": teks.pangkat_golongan(data.get("pangkat"),
                                         data.get("golongan") or ringkas.get("golongan")),
        "jabatan": data.get("jabatan") or ringkas.get("jabatan") or "-",
        "unor": (u or {}).get("nama") or ringkas.get("unor_nama") or "-",
        "unor_id": (u or {}).get("id"),
        "kota": (u or {}).get("kota"),
    }


def uraian_rhk_atasan(s, pegawai_id: str | None, tahun: int | None) -> dict[str, str]:
    """RHK id -> uraian of the pejabat penilai's approved SKPs of the year (the "rencana
    hasil kerja pimpinan yang diintervensi")."""
    if pegawai_id is None:
        return {}
    return _memo(s, ("rhk_atasan", pegawai_id, tahun), lambda: _rhk_atasan(s, pegawai_id, tahun))


def _rhk_atasan(s, pegawai_id: str, tahun: int | None) -> dict[str, str]:
    found = {}
    for snap in s.execute(select(skp_rm.c.snapshot).where(
            skp_rm.c.pegawai_id == pegawai_id, skp_rm.c.tahun == tahun,
            skp_rm.c.snapshot.is_not(None))).scalars():
        found.update({r["id"]: r["uraian"] for r in snap.get("rhk", [])})
    return found


def capaian(s, unor_induk_id: str | None, periode_id: str | None, tahun: int) -> str | None:
    return _memo(s, ("capaian", unor_induk_id, periode_id, tahun),
                 lambda: _capaian(s, unor_induk_id, periode_id, tahun))


def _capaian(s, unor_induk_id: str | None, periode_id: str | None, tahun: int) -> str | None:
    rows = s.execute(select(capaian_rm.c.capaian, capaian_rm.c.periode_id).where(
        capaian_rm.c.unor_induk_id == unor_induk_id, capaian_rm.c.tahun == tahun,
        capaian_rm.c.final.is_(True))).all()
    exact = [c for c, pid in rows if pid == periode_id]
    yearly = [c for c, pid in rows if pid is None]
    return (exact or yearly or [None])[0]


def distribusi(s, unor_induk_id: str | None, periode_id: str) -> Counter:
    return _memo(s, ("distribusi", unor_induk_id, periode_id),
                 lambda: _distribusi(s, unor_induk_id, periode_id))


def _distribusi(s, unor_induk_id: str | None, periode_id: str) -> Counter:
    rows = s.execute(select(penilaian_rm.c.predikat, func.count()).where(
        penilaian_rm.c.unor_induk_id == unor_induk_id, penilaian_rm.c.periode_id == periode_id,
        penilaian_rm.c.status == "DITETAPKAN").group_by(penilaian_rm.c.predikat)).all()
    return Counter({k: n for k, n in rows if k})


def pimpinan_unor(s, unor_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in s.execute(select(pegawai_ref).where(
        pegawai_ref.c.unor_id == unor_id, pegawai_ref.c.jenis_jabatan == "PIMPINAN",
        pegawai_ref.c.dihapus.is_(False)).order_by(pegawai_ref.c.nama)).mappings()]
