"""Running a PMM sync job: each teacher's records from PMM (by NIP), checked (the NIP known, the
school matching the teacher's unit or the PLT mapping, the penilai known and the atasan's
organisation SKP made), then PmmSkpDiimpor (skp creates or updates the teacher's SKP) and
PmmNilaiDiimpor (the scores) for what is new or changed, the scores list kept, and a log line
per teacher and semester with its reason (PmmSinkronDicatat, for reporting's LOG_PMM).

One commit per teacher, with a per-teacher item: a job taken over after its worker died skips
the teachers it already did."""
from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

import sqlalchemy as sa

from kinerja_shared.clock import now
from kinerja_shared.events.contracts.integration import PmmNilaiDiimpor, PmmSkpDiimpor

from ..adapters.remote import AuthFailed, RemoteError
from ..adapters.pmm_tables import (pmm_log, pmm_nilai, pmm_pengguna, pmm_plt, pmm_rekaman,
                                   skp_ref)
from ..adapters.tables import pegawai_ref, sinkron_item, unor_ref
from ..domain import pmm as aturan
from . import antrean, events, selesai


def jalankan(runtime, klaim: antrean.Klaim, client, cfg) -> None:
    if client is None:
        raise RuntimeError("PMM belum dikonfigurasi (KINERJA_INTEGRATION_PMM_*)")
    target = klaim.params.get("pegawai_id")
    with runtime.uow() as uow:
        q = sa.select(pmm_pengguna).where(pmm_pengguna.c.instansi_id == klaim.instansi_id)
        if target:
            q = q.where(pmm_pengguna.c.pegawai_id == target)
        teachers = [dict(r) for r in uow.session.execute(q.order_by(pmm_pengguna.c.nip))
                    .mappings()]
        done = set(uow.session.execute(sa.select(sinkron_item.c.kunci).where(
            sinkron_item.c.sinkron_id == klaim.id)).scalars())
        antrean.perbarui(uow, klaim, cfg.lease, total=len(teachers))
        uow.commit()
    for teacher in teachers:
        if teacher["nip"] in done:
            continue
        try:
            records, galat = list(client.kinerja(teacher["nip"])), None
        except AuthFailed:
            raise
        except RemoteError as exc:
            records, galat = [], f"PMM tidak dapat dihubungi: {exc}"
        with runtime.uow() as uow:
            hasil = _guru(uow, klaim, teacher, records, galat)
            ok = all(h == "BERHASIL" for h in hasil) and bool(hasil)
            uow.session.execute(sinkron_item.insert().values(
                sinkron_id=klaim.id, kunci=teacher["nip"], nip=teacher["nip"],
                nama=teacher["nama"], aksi="TAMBAH", status="BERHASIL" if ok else "GAGAL",
                waktu=now()))
            antrean.tambah_hitungan(uow, klaim, cfg.lease, berhasil=int(ok), gagal=int(not ok))
            uow.commit()
    with runtime.uow() as uow:
        selesai.tutup(uow, klaim)
        uow.commit()


def _guru(uow, klaim, teacher: dict, records: list[dict], galat: str | None) -> list[str]:
    if galat is not None:
        _log(uow, klaim, teacher, None, ("PMM_TIDAK_TERSEDIA", galat), None)
        return ["GAGAL"]
    if not records:
        _log(uow, klaim, teacher, None, ("SKP_TIDAK_ADA", "Data SKP tidak ditemukan di PMM"),
             None)
        return ["GAGAL"]
    return [_rekaman(uow, klaim, teacher, r) for r in records]


def _rekaman(uow, klaim, teacher: dict, rec: dict[str, Any]) -> str:
    s = uow.session
    pegawai = s.execute(sa.select(pegawai_ref).where(
        pegawai_ref.c.nip == rec.get("nip"), pegawai_ref.c.instansi_id == klaim.instansi_id,
        pegawai_ref.c.dihapus.is_(False))).mappings().first()
    if pegawai is None:
        return _log(uow, klaim, teacher, rec, aturan.NIP_TIDAK_DIKENAL, None)
    try:
        tahun, awal, akhir = aturan.periode(rec.get("periode"))
        hasil, perilaku = aturan.rating(rec.get("rating_hasil_kerja")), \
            aturan.rating(rec.get("rating_perilaku"))
        predikat = aturan.predikat(rec.get("predikat"))
    except aturan.TidakValid as exc:
        return _log(uow, klaim, teacher, rec, aturan.DATA_TIDAK_VALID, str(exc))
    sekolah = rec.get("sekolah") or {}
    plt = s.execute(sa.select(pmm_plt.c.unor_id).where(
        pmm_plt.c.instansi_id == klaim.instansi_id,
        pmm_plt.c.pmm_sekolah == str(sekolah.get("npsn") or ""))).scalar()
    unor_id = plt or pegawai["unor_id"]
    if plt is None:
        unor_nama = s.execute(sa.select(unor_ref.c.nama).where(
            unor_ref.c.id == (pegawai["unor_id"] or ""))).scalar()
        if not aturan.sekolah_sama(sekolah.get("nama"), unor_nama):
            return _log(uow, klaim, teacher, rec, aturan.UNOR_TIDAK_ADA,
                        aturan.catatan_sekolah(sekolah.get("nama")))
    penilai = s.execute(sa.select(pegawai_ref.c.id).where(
        pegawai_ref.c.nip == (rec.get("penilai_nip") or ""),
        pegawai_ref.c.dihapus.is_(False))).scalar()
    if penilai is None:
        return _log(uow, klaim, teacher, rec, aturan.PENILAI_TIDAK_DIKENAL, None)
    if s.execute(sa.select(skp_ref.c.skp_id).where(
            skp_ref.c.pegawai_id == penilai, skp_ref.c.aktif.is_(True),
            skp_ref.c.tahun_awal <= tahun, skp_ref.c.tahun_akhir >= tahun).limit(1)).first() \
            is None:
        return _log(uow, klaim, teacher, rec, aturan.SKP_ATASAN_BELUM, None)
    revisi = _berubah(uow, klaim, rec)
    if revisi is not None:
        _terbitkan(uow, klaim, teacher, pegawai, rec, tahun, awal, akhir, unor_id, plt, penilai,
                   hasil, perilaku, predikat, revisi)
    return _log(uow, klaim, teacher, rec, None, None)


def _berubah(uow, klaim, rec: dict) -> int | None:
    """The next revisi when the record differs from what the last sync saw, else None."""
    s = uow.session
    content = {k: v for k, v in rec.items() if k != "diubah_at"}
    h = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
    held = s.execute(sa.select(pmm_rekaman).where(pmm_rekaman.c.nip == rec["nip"],
                                                  pmm_rekaman.c.periode == rec["periode"])
                     ).mappings().first()
    if held is not None and held["hash"] == h:
        return None
    revisi = (held["revisi"] if held else 0) + 1
    s.execute(pmm_rekaman.delete().where(pmm_rekaman.c.nip == rec["nip"],
                                         pmm_rekaman.c.periode == rec["periode"]))
    s.execute(pmm_rekaman.insert().values(nip=rec["nip"], periode=rec["periode"],
                                          instansi_id=klaim.instansi_id, hash=h, revisi=revisi,
                                          diubah_at=now()))
    return revisi


def _terbitkan(uow, klaim, teacher, pegawai, rec, tahun, awal, akhir, unor_id, plt, penilai,
               hasil, perilaku, predikat, revisi) -> None:
    sekolah = rec.get("sekolah") or {}
    common = dict(instansi_id=klaim.instansi_id, nip=rec["nip"], tahun=tahun,
                  periode=rec["periode"], tipe_skp=teacher["tipe_skp"], unor_id=unor_id,
                  pegawai_id=pegawai["id"], periode_awal=awal, periode_akhir=akhir,
                  penilai_nip=rec.get("penilai_nip"), sinkron_id=klaim.id, revisi=revisi,
                  sekolah={"npsn": sekolah.get("npsn"), "nama": sekolah.get("nama") or "-",
                           "daerah": sekolah.get("daerah")})
    key = f"{rec['nip']}:{rec['periode']}"
    rhk = [{"uraian": r.get("uraian") or "-", "target": r.get("target"),
            "indikator": [str(r["target"])] if r.get("target") else []}
           for r in rec.get("rhk") or []]
    uow.add_event(PmmSkpDiimpor(**common, rhk=rhk, predikat=predikat, plt=bool(plt),
                                pejabat_penilai_pegawai_id=penilai),
                  aggregate_id=key, instansi_id=klaim.instansi_id)
    if predikat is not None:
        uow.add_event(PmmNilaiDiimpor(**common, nama=pegawai["nama"], rating_hasil_kerja=hasil,
                                      rating_perilaku=perilaku, predikat=predikat),
                      aggregate_id=key, instansi_id=klaim.instansi_id)
        uow.session.execute(pmm_nilai.delete().where(pmm_nilai.c.nip == rec["nip"],
                                                     pmm_nilai.c.periode == rec["periode"]))
        uow.session.execute(pmm_nilai.insert().values(
            nip=rec["nip"], periode=rec["periode"], instansi_id=klaim.instansi_id,
            pegawai_id=pegawai["id"], nama=pegawai["nama"], tipe_skp=teacher["tipe_skp"],
            sekolah_npsn=sekolah.get("npsn"), sekolah_nama=sekolah.get("nama"),
            daerah=sekolah.get("daerah"), rating_hasil_kerja=hasil, rating_perilaku=perilaku,
            predikat=predikat, diimpor_at=now()))


def _log(uow, klaim, teacher: dict, rec: dict | None, alasan: tuple[str, str] | None,
         catatan: str | None) -> str:
    status = "GAGAL" if alasan else "BERHASIL"
    row = {"id": str(uuid.uuid4()), "instansi_id": klaim.instansi_id, "sinkron_id": klaim.id,
           "nip": teacher["nip"], "nama": teacher["nama"], "pegawai_id": teacher["pegawai_id"],
           "tipe_skp": teacher["tipe_skp"], "periode": (rec or {}).get("periode"),
           "status": status, "kode": alasan[0] if alasan else None,
           "keterangan": alasan[1] if alasan else None, "catatan": catatan, "waktu": now()}
    uow.session.execute(pmm_log.insert().values(**row))
    uow.add_event(events.pmm_sinkron_dicatat(row), aggregate_id=row["id"],
                  instansi_id=klaim.instansi_id)
    return status
