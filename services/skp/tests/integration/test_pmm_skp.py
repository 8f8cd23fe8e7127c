"""A teacher's SKP imported from PMM (PmmSkpDiimpor from integration): created approved with
PMM's RHK, updated in place by a newer import, left alone by an older one arriving late; each
import publishes SkpDisetujui so penilaian opens the teacher's penilaian."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from kinerja_shared.events.contracts.integration import PmmSkpDiimpor

from skp.adapters.skp_tables import indikator, rhk, skp
from skp.service_layer.pmm import skp_id_pmm


def _import(world, revisi, rhk_list, **kw):
    fields = dict(
        instansi_id="i-bkn", nip=world.nip["jf1"], tahun=2025, periode="2025-S1",
        tipe_skp="GURU", unor_id="u-bid1", pegawai_id="jf1", periode_awal=date(2025, 1, 1),
        periode_akhir=date(2025, 6, 30), pejabat_penilai_pegawai_id="kabid1", revisi=revisi,
        rhk=[{"uraian": u, "target": t, "indikator": [t]} for u, t in rhk_list])
    payload = PmmSkpDiimpor(**{**fields, **kw})
    world.kirim(payload, f"{world.nip['jf1']}:2025-S1")


def _state(runtime, skp_id):
    with runtime.engine.connect() as conn:
        row = conn.execute(sa.select(skp).where(skp.c.id == skp_id)).mappings().one()
        plan = conn.execute(sa.select(rhk.c.uraian, indikator.c.target).join(
            indikator, indikator.c.rhk_id == rhk.c.id).where(rhk.c.skp_id == skp_id)
            .order_by(rhk.c.urutan)).all()
    return row, [tuple(r) for r in plan]


def test_pmm_skp_is_created_approved_then_updated_in_place(runtime, world):
    _import(world, 1, [("Melaksanakan pembelajaran", "24 JP/minggu")])
    skp_id = skp_id_pmm(world.nip["jf1"], "2025-S1")
    row, plan = _state(runtime, skp_id)
    assert (row["status"], row["jenis"], row["pejabat_penilai_id"], row["periode_akhir"]) == \
        ("DISETUJUI", "JF_JA", "kabid1", date(2025, 6, 30))
    assert row["pegawai"]["nama"] == "JF1" and row["pejabat_penilai"]["nama"] == "KABID1"
    assert plan == [("Melaksanakan pembelajaran", "24 JP/minggu")]
    _import(world, 2, [("Melaksanakan pembelajaran", "30 JP/minggu"),
                       ("Membimbing siswa", "2 kegiatan")])
    _import(world, 1, [("Versi lama", "1")])  # late and older: nothing changes
    row, plan = _state(runtime, skp_id)
    assert plan == [("Melaksanakan pembelajaran", "30 JP/minggu"), ("Membimbing siswa",
                                                                    "2 kegiatan")]
    runtime.relay.drain()
    approved = [e.typed_payload() for e in runtime.publisher.envelopes("SkpDisetujui")]
    assert [len(a.rhk) for a in approved] == [1, 2]
    assert {a.skp_id for a in approved} == {skp_id}
    assert approved[1].revisi > approved[0].revisi
    assert approved[1].pejabat_penilai.id == "kabid1"


def test_a_plt_kepala_sekolah_import_names_the_plt_unit(runtime, world):
    _import(world, 1, [("Memimpin sekolah", "1 dokumen")], plt=True, tipe_skp="KEPALA_SEKOLAH")
    row, _ = _state(runtime, skp_id_pmm(world.nip["jf1"], "2025-S1"))
    assert row["plt_unor_id"] == "u-bid1"
