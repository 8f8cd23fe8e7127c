"""A teacher's SKP from PMM (PmmSkpDiimpor, integration's sync of the teachers' platform;
DOMAIN.md §8, BKN admin manual §2.9): created, or updated when PMM changed it, as an approved
SKP of the semester (planned and approved on PMM), and SkpDisetujui published so penilaian
opens the teacher's penilaian as for any approved SKP.

- One SKP per teacher and PMM semester, with a stable id (``skp_id_pmm`` of the contract: NIP
  and period), so a redelivered or repeated import updates it instead of adding one, and
  penilaian finds the penilaian PMM's scores belong to.
- PMM's ``revisi`` is kept in the SKP's riwayat (aksi ``IMPOR_PMM``): an older import arriving
  late changes nothing.
- Its RHK are PMM's (one indikator each, PMM's target), replacing the previous import's; the
  unit is the one integration matched (the PLT unor of a PLT kepala sekolah: ``plt_unor_id``).
"""
from __future__ import annotations

import uuid

from sqlalchemy import delete, desc, select

from kinerja_shared import clock
from kinerja_shared.events.contracts.integration import skp_id_pmm
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters import identitas
from ..adapters.skp_tables import indikator, perilaku, rhk, riwayat, skp
from ..domain import aturan
from ..domain.perilaku import ASPEK_PERILAKU
from .alur import terbitkan_disetujui
from .riwayat import catat

AKSI = "IMPOR_PMM"
NAMESPACE = uuid.UUID("8d7c1c62-6f5e-4a0e-9a57-2f1c8a0b5e11")  # of the RHK and indikator ids


@batch_handler
def pmm_skp_diimpor(events, uow) -> None:
    for payload, envelope in events:
        _impor(uow, payload, envelope.instansi_id or payload.instansi_id)


def _impor(uow, p, instansi_id: str) -> None:
    s = uow.session
    if p.pegawai_id is None or p.periode_awal is None or p.periode_akhir is None:
        return  # an import from before the fields PMM's SKP needs: nothing to build
    skp_id = skp_id_pmm(p.nip, p.periode or str(p.tahun))
    if (_revisi_terakhir(s, skp_id) or 0) >= p.revisi:
        return
    now = clock.now()
    penilai = p.pejabat_penilai_pegawai_id
    values = dict(
        instansi_id=instansi_id, pegawai_id=p.pegawai_id, unor_id=p.unor_id,
        plt_unor_id=p.unor_id if p.plt else None, jenis=aturan.JF_JA,
        pendekatan=aturan.KUANTITATIF, model=aturan.PERMENPAN_6_2022, status=aturan.DISETUJUI,
        mandiri=False, periode_awal=p.periode_awal, periode_akhir=p.periode_akhir,
        pegawai=identitas.ringkas(s, p.pegawai_id) or {"id": p.pegawai_id, "nip": p.nip,
                                                       "nama": p.nip},
        pejabat_penilai_id=penilai, pejabat_penilai=identitas.ringkas(s, penilai),
        atasan_pejabat_penilai_id=None, atasan_pejabat_penilai=None, diubah_at=now,
        disetujui_at=now)
    if s.execute(select(skp.c.id).where(skp.c.id == skp_id)).first() is None:
        s.execute(skp.insert().values(id=skp_id, revisi=0, dibuat_at=now, diajukan_at=now,
                                      **values))
        s.execute(perilaku.insert(), [{"skp_id": skp_id, "aspek": a, "penilai": "ATASAN",
                                       "penilai_pegawai_id": penilai} for a in ASPEK_PERILAKU])
    else:
        s.execute(skp.update().where(skp.c.id == skp_id).values(**values))
        s.execute(perilaku.update().where(perilaku.c.skp_id == skp_id).values(
            penilai_pegawai_id=penilai))
    s.execute(delete(indikator).where(indikator.c.skp_id == skp_id))
    s.execute(delete(rhk).where(rhk.c.skp_id == skp_id))
    for n, item in enumerate(p.rhk, start=1):
        rid = uuid.uuid5(NAMESPACE, f"{skp_id}:rhk:{n}").hex
        s.execute(rhk.insert().values(id=rid, skp_id=skp_id, urutan=n, jenis="UTAMA",
                                      uraian=item.uraian, referensi="TANPA_REFERENSI"))
        s.execute(indikator.insert().values(
            id=uuid.uuid5(NAMESPACE, f"{rid}:indikator").hex, rhk_id=rid, skp_id=skp_id,
            urutan=1, uraian=(item.indikator[0] if item.indikator else item.uraian)[:2000],
            aspek="KUANTITAS", target=item.target))
    catat(s, None, skp_id, AKSI, objek="skp", sesudah={
        "pmm_revisi": p.revisi, "periode": p.periode, "sinkron_id": p.sinkron_id,
        "tipe_skp": p.tipe_skp, "rhk": [r.uraian for r in p.rhk]})
    terbitkan_disetujui(uow, skp_id, instansi_id)


def _revisi_terakhir(s, skp_id: str) -> int | None:
    row = s.execute(select(riwayat.c.sesudah).where(riwayat.c.skp_id == skp_id,
                                                    riwayat.c.aksi == AKSI)
                    .order_by(desc(riwayat.c.id)).limit(1)).scalar()
    return (row or {}).get("pmm_revisi") if row is not None else None
