"""Events this service publishes: the declared list (``PUBLISHES``, given to
``ServiceDefinition.publishes``; a unit of work refuses any other type) and the functions that
build each one from skp's rows, never from an HTTP representation (docs/ARCHITECTURE.md,
"Events"). What skp consumes is in ``handlers.py``.

SkpDisetujui carries the whole approved plan (penilaian creates its penilaian from it): the
header, RHK utama first with PP 30 targets, indikator and Matriks Peran Hasil, the seven
perilaku aspects, and ``revisi`` (consumers keep the highest).
"""
from __future__ import annotations

from typing import Any, Iterator, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_shared.events import EventPayload
from kinerja_shared.events.contracts import skp as ev

from ..adapters import skp_rows, skp_tables
from ..domain import aturan
from ..domain.perilaku import ASPEK_PERILAKU

PUBLISHES: tuple[type[EventPayload], ...] = (
    ev.SkpDiajukan, ev.SkpDikembalikan, ev.SkpDisetujui, ev.SkpDibatalkan)

Row = Mapping[str, Any]
PP30_TARGETS = ("target_kuantitas", "satuan", "target_kualitas", "target_waktu", "target_biaya")


def skp_diajukan(row: Row) -> ev.SkpDiajukan:
    return ev.SkpDiajukan(skp_id=row["id"], pegawai_id=row["pegawai_id"],
                          pejabat_penilai_id=row["pejabat_penilai_id"],
                          atasan_pejabat_penilai_id=row["atasan_pejabat_penilai_id"],
                          jenis=row["jenis"], periode_awal=row["periode_awal"],
                          periode_akhir=row["periode_akhir"])


def skp_dikembalikan(row: Row, catatan: str, oleh_pegawai_id: str | None) -> ev.SkpDikembalikan:
    return ev.SkpDikembalikan(skp_id=row["id"], pegawai_id=row["pegawai_id"], catatan=catatan,
                              oleh_pegawai_id=oleh_pegawai_id)


def skp_dibatalkan(row: Row, alasan: str | None, oleh_pegawai_id: str | None
                   ) -> ev.SkpDibatalkan:
    """``row`` as it was before batalkan (its status is ``status_sebelum``)."""
    return ev.SkpDibatalkan(skp_id=row["id"], pegawai_id=row["pegawai_id"],
                            status_sebelum=row["status"], alasan=alasan,
                            oleh_pegawai_id=oleh_pegawai_id)


def skp_disetujui(session: Session, skp_id: str) -> ev.SkpDisetujui:
    """The whole plan as the rows hold it now (flush pending writes first)."""
    row = skp_rows.skp_row(session, skp_id)
    if row is None:
        raise LookupError(f"SKP {skp_id} does not exist")
    return _disetujui(session, [row])[0]


def _disetujui(session: Session, rows: list[Row]) -> list[ev.SkpDisetujui]:
    """SkpDisetujui of several SKP header rows, their parts read with one query each."""
    ids = [row["id"] for row in rows]
    rhk = skp_rows.rhk_per_skp(session, ids)
    indikator = skp_rows.indikator_per_rhk(session, ids)
    perilaku = skp_rows.perilaku_per_skp(session, ids)
    return [ev.SkpDisetujui(
        skp_id=row["id"], instansi_id=row["instansi_id"], unor_id=row["unor_id"],
        mandiri=bool(row["mandiri"]),
        pegawai=row["pegawai"] or {"id": row["pegawai_id"], "nama": ""},
        jenis=row["jenis"], pendekatan=row["pendekatan"], model=row["model"],
        periode_awal=row["periode_awal"], periode_akhir=row["periode_akhir"],
        pejabat_penilai=row["pejabat_penilai"],
        atasan_pejabat_penilai=row["atasan_pejabat_penilai"], plt_unor_id=row["plt_unor_id"],
        rhk=[_rhk(r, indikator.get(r["id"], [])) for r in aturan.urutan_cetak(rhk[row["id"]])],
        perilaku=[_perilaku(aspek, teks, perilaku[row["id"]].get(aspek, {}))
                  for aspek, teks in ASPEK_PERILAKU.items()],
        revisi=row["revisi"]) for row in rows]


def snapshots(uow) -> Iterator[tuple[EventPayload, str, str | None]]:
    """SkpDisetujui of every approved SKP as it stands (``kinerja republish skp``), 500 SKPs
    per round of queries."""
    approved = [dict(r) for r in uow.session.execute(
        select(skp_tables.skp).where(skp_tables.skp.c.status == aturan.DISETUJUI)
        .order_by(skp_tables.skp.c.id)).mappings()]
    for start in range(0, len(approved), 500):
        for event in _disetujui(uow.session, approved[start:start + 500]):
            yield event, event.skp_id, event.instansi_id


def _rhk(r: Row, indikator: list[Row]) -> ev.RhkSnapshot:
    return ev.RhkSnapshot(
        id=r["id"], urutan=r["urutan"], jenis=r["jenis"], uraian=r["uraian"],
        rhk_atasan_id=r["rhk_atasan_id"], peran_id=r["peran_id"], referensi=r["referensi"],
        **{k: r[k] for k in PP30_TARGETS},
        indikator=[ev.IndikatorSnapshot(
            id=i["id"], uraian=i["uraian"], aspek=i["aspek"], target=i["target"],
            target_maks=i["target_maks"], satuan=i["satuan"], perspektif=i["perspektif"],
            manual=i["manual"]) for i in indikator],
        matriks_peran_kolom=r["matriks_kolom"] or [],
        matriks_peran=[ev.PeranSnapshot(pegawai_id=b["pegawai_id"], jabatan_tim=b["jabatan_tim"],
                                        peran=b["peran"]) for b in r["matriks_baris"] or []])


def _perilaku(aspek: str, teks: tuple[str, ...], p: Row) -> ev.PerilakuSnapshot:
    return ev.PerilakuSnapshot(aspek=aspek, indikator=list(teks),
                               ekspektasi_khusus=p.get("ekspektasi_khusus"),
                               penilai=p.get("penilai", "ATASAN"),
                               penilai_pegawai_id=p.get("penilai_pegawai_id"))
