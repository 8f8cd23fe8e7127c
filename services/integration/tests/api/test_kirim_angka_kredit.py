"""Pushing angka kredit to SIASN (angkakredit/save) from AngkaKreditDitetapkan as the
angka-kredit contract (kinerja_shared.events.contracts.angka_kredit) describes it: only signed, active
rows; a correction updates the SIASN record of the row it corrects."""
from __future__ import annotations

from datetime import datetime, timezone

from kinerja_shared import clock
from kinerja_shared.events import EventEnvelope

HARI_INI = datetime(2026, 2, 2, 3, 0, tzinfo=timezone.utc)


def _ak(world, pegawai, ak_id, *, revisi=1, status="DITANDATANGANI", aktif=True, **extra):
    """The raw message an angka-kredit producer of that contract sends (fields this worktree's
    contract class may not know yet travel too)."""
    payload = {"angka_kredit_id": ak_id, "revisi": revisi, "status": status, "aktif": aktif,
               "instansi_id": "i-1", "tahun": 2025, "sumber": "KONVERSI", "pertama": False,
               "pegawai": {"id": f"peg-{pegawai['nipBaru']}", "nip": pegawai["nipBaru"],
                           "nama": pegawai["nama"]},
               "jenjang": "AHLI_MUDA", "predikat": "SANGAT_BAIK", "persentase": "1.50",
               "koefisien": "25", "bulan": "7", "angka_kredit": "21.875000",
               "ak_lama": "40.000000", "ak_baru": "61.875000", "periode_awal": "2025-06-01",
               "periode_akhir": "2025-12-31", "nomor_sk": "800/PAK/12/2026",
               "tanggal_sk": "2026-01-15", **extra}
    envelope = EventEnvelope(event_type="AngkaKreditDitetapkan", producer="angka_kredit",
                             aggregate_id=ak_id, instansi_id="i-1", payload=payload)
    world.runtime.dispatcher.handle(envelope.to_json())


def _push(world):
    r = world.api.post("admin", "/siasn/sinkron-angka-kredit", json={"tahun": 2025})
    assert r.status_code == 202, r.get_json()
    world.kerjakan()
    return world.api.get("admin", f"/siasn/sinkron-angka-kredit/{r.get_json()['id']}").get_json()


def test_only_signed_rows_are_sent_with_siasns_field_names(world):
    a, b = world.sandbox.pegawai()[:2]
    _ak(world, a, "ak-1")
    _ak(world, b, "ak-2", status="DISETUJUI")
    with clock.frozen(HARI_INI):
        preview = world.api.post("admin", "/siasn/sinkron-angka-kredit",
                                 json={"tahun": 2025, "pratinjau": True}).get_json()
        assert [i["kunci"] for i in preview["data"]] == ["angkakredit:ak-1"]
        job = _push(world)
    assert (job["jumlah"]["berhasil"], job["jumlah"]["gagal"]) == (1, 0)
    (record,) = world.sandbox.riwayat("angkakredit")
    assert record["body"] == {
        "bulanMulaiPenailan": 6, "bulanSelesaiPenailan": 12, "tahunMulaiPenailan": 2025,
        "tahunSelesaiPenailan": 2025, "isAngkaKreditPertama": "0", "isIntegrasi": "0",
        "isKonversi": "1", "kreditUtamaBaru": "21.875000", "kreditPenunjangBaru": "0",
        "kreditBaruTotal": "61.875000", "nomorSk": "800/PAK/12/2026", "tanggalSk": "15-01-2026",
        "pnsId": a["id"]}
    assert preview["data"][0]["payload"] == record["body"]


def test_a_correction_updates_the_siasn_record_of_the_row_it_corrects(world):
    a = world.sandbox.pegawai()[0]
    _ak(world, a, "ak-1")
    with clock.frozen(HARI_INI) as c:
        _push(world)
        # the signed PAK is superseded by its correction
        _ak(world, a, "ak-1", revisi=2, aktif=False, digantikan_oleh_id="ak-1b")
        _ak(world, a, "ak-1b", angka_kredit="25.000000", ak_baru="65.000000",
            nomor_sk="800/PAK/13/2026", mengoreksi_id="ak-1")
        c.advance(days=1)
        job = _push(world)
    assert (job["jumlah"]["berhasil"], job["jumlah"]["ubah"]) == (1, 1)
    (record,) = world.sandbox.riwayat("angkakredit")
    assert record["versi"] == 2 and record["body"]["kreditBaruTotal"] == "65.000000"


def test_the_angka_kredit_feed_carries_every_version(world):
    a = world.sandbox.pegawai()[0]
    _ak(world, a, "ak-1", status="DRAFT")
    _ak(world, a, "ak-1", revisi=2)
    _ak(world, a, "ak-1", revisi=1, status="DRAFT")  # late, older: ignored
    from integration.service_layer import feed_baca

    with world.runtime.uow() as uow:
        page = feed_baca.halaman(uow, None, instansi_id="i-1", jenis="ANGKA_KREDIT",
                                 cursor=None, limit=10)
    assert [(c["data"]["revisi"], c["data"]["status"]) for c in page["data"]] == \
        [(1, "DRAFT"), (2, "DITANDATANGANI")]
