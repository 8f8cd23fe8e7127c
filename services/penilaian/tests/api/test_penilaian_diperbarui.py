"""PenilaianDiperbarui: every change to a penilaian by a user or a keberatan decision stages
exactly one snapshot per transaction, with the state after the change and a growing ``versi``;
the bulk work of the SKP and period handlers stages none. The predikat events carry the fields
added for keberatan and angka kredit under both models."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from kinerja_shared.auth.principal import Principal
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.events.contracts.common import PegawaiRingkas
from kinerja_shared.events.contracts.keberatan import KeberatanDiputuskan
from kinerja_shared.events.contracts.penilaian import PenilaianDiperbarui
from kinerja_shared.events.contracts.skp import SkpDibatalkan
from penilaian.service_layer import pengisian

SESUAI, DI_ATAS, DI_BAWAH = "SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
DIPUTUSKAN = datetime(2100, 2, 1, tzinfo=timezone.utc)
PP30_PERILAKU = {"ORIENTASI_PELAYANAN": 80, "KOMITMEN": 90, "INISIATIF_KERJA": 85,
                 "KERJA_SAMA": 85}


def _published(world, event_type, aggregate_id=None):
    world.runtime.relay.drain()
    return [e for e in world.runtime.publisher.envelopes(event_type)
            if e.instansi_id == world.instansi_id
            and (aggregate_id is None or e.aggregate_id == aggregate_id)]


def _snapshots(world, pid=None) -> list[PenilaianDiperbarui]:
    return [e.typed_payload() for e in _published(world, "PenilaianDiperbarui", pid)]


class Snapshots:
    """Asserts that each call stages exactly one snapshot of ``pid`` (or none), with versi one
    higher than the last one seen."""

    def __init__(self, world, pid):
        self.world, self.pid = world, pid
        self.seen = len(_snapshots(world, pid))
        self.versi = 0

    def satu(self, response, status=(200, 201, 204)) -> PenilaianDiperbarui:
        assert response.status_code in status, (response.status_code, response.json)
        baru = _snapshots(self.world, self.pid)[self.seen:]
        assert len(baru) == 1, [s.versi for s in baru]
        self.seen += 1
        assert baru[0].versi == self.versi + 1
        self.versi = baru[0].versi
        return baru[0]

    def tidak_ada(self, response=None, status=None) -> None:
        if response is not None and status is not None:
            assert response.status_code == status, (response.status_code, response.json)
        assert len(_snapshots(self.world, self.pid)) == self.seen


def _keberatan(world, pid, pegawai, keputusan="DISETUJUI", **fields):
    kid = world.id("kb")
    world.feed(KeberatanDiputuskan(
        keberatan_id=kid, penilaian_id=pid, pegawai_id=pegawai, keputusan=keputusan,
        uraian="Bukti lengkap", pemutus=PegawaiRingkas(id="atasan-1", nama="Atasan"),
        diputuskan_at=DIPUTUSKAN, **fields), kid)


def test_every_permenpan_change_stages_one_snapshot_of_the_state_after_it(world, client):
    per = world.periode(final=True)
    unor = world.unor()
    peg, kepala, rekan = world.pegawai(unor), world.pegawai(unor), world.pegawai(unor)
    skp_id = world.skp(peg, kepala, atasan_id="atasan-1", unor_id=unor,
                       rekan={"AKUNTABEL": ("REKAN", rekan)})
    pid = world.penilaian(client, peg)[0]["id"]
    snaps = Snapshots(world, pid)
    assert snaps.seen == 0  # created by SkpDisetujui: no snapshot
    iid = f"{skp_id}-i1"

    s = snaps.satu(client.put(f"/penilaian/{pid}/realisasi/{iid}", headers=world.h(peg), json={
        "realisasi": "12 laporan", "keterangan": "Lengkap",
        "bukti_dukung": ["https://contoh.go.id/a",
                         {"nama": "SK", "url": "https://contoh.go.id/b"}]}))
    assert (s.penilaian_id, s.skp_id, s.pegawai_id, s.periode_id, s.tahun, s.model, s.status) == (
        pid, skp_id, peg, per, 2099, "PERMENPAN_6_2022", "DRAFT")
    assert (s.unor_id, s.unor_induk_id, s.jenis_skp, s.skp_revisi, s.pp30) == (
        unor, unor, "JF_JA", 1, None)
    assert (s.skp_periode_awal, s.skp_periode_akhir) == (date(2099, 1, 1), date(2099, 12, 31))
    assert s.periode.id == per and s.periode.final is True
    assert s.pegawai.id == peg and s.pejabat_penilai.id == kepala
    assert s.atasan_pejabat_penilai.id == "atasan-1"
    [real] = s.realisasi
    assert (real.indikator_id, real.rhk_id, real.realisasi, real.keterangan, real.umpan_balik) == (
        iid, f"{skp_id}-r1", "12 laporan", "Lengkap", None)
    assert [(b.nama, b.url) for b in real.bukti_dukung] == [
        (None, "https://contoh.go.id/a"), ("SK", "https://contoh.go.id/b")]
    assert len(s.perilaku) == 7 and all(p.umpan_balik is None for p in s.perilaku)

    s = snaps.satu(client.put(f"/penilaian/{pid}/umpan-balik/{iid}", headers=world.h(kepala),
                              json={"umpan_balik": "Pertahankan"}))
    assert (s.realisasi[0].umpan_balik, s.realisasi[0].umpan_balik_oleh,
            s.realisasi[0].realisasi) == ("Pertahankan", kepala, "12 laporan")

    s = snaps.satu(client.put(f"/penilaian/{pid}/perilaku/AKUNTABEL", headers=world.h(rekan),
                              json={"umpan_balik": "Teliti dan jujur"}))
    [akuntabel] = [p for p in s.perilaku if p.aspek == "AKUNTABEL"]
    assert (akuntabel.penilai, akuntabel.penilai_pegawai_id, akuntabel.umpan_balik) == (
        "REKAN", rekan, "Teliti dan jujur")
    s = snaps.satu(client.put(f"/penilaian/{pid}/perilaku/KOMPETEN", headers=world.h(kepala),
                              json={"umpan_balik": "Terus belajar"}))
    [kompeten] = [p for p in s.perilaku if p.aspek == "KOMPETEN"]
    assert (kompeten.penilai, kompeten.penilai_pegawai_id, kompeten.umpan_balik) == (
        "ATASAN", kepala, "Terus belajar")

    s = snaps.satu(client.post(f"/penilaian/{pid}/kirim", headers=world.h(peg)))
    assert s.status == "DIKIRIM" and s.dikirim_at is not None

    s = snaps.satu(client.put(f"/penilaian/{pid}/rating", headers=world.h(kepala), json={
        "rating_hasil_kerja": SESUAI, "rating_perilaku": DI_BAWAH}))
    assert (s.rating_hasil_kerja, s.rating_perilaku, s.predikat, s.revisi) == (
        SESUAI, DI_BAWAH, "KURANG", 0)

    # refused changes stage nothing
    snaps.tidak_ada(client.post(f"/penilaian/{pid}/kirim", headers=world.h(peg)), 409)
    snaps.tidak_ada(client.put(f"/penilaian/{pid}/rating", headers=world.h(peg), json={
        "rating_hasil_kerja": DI_ATAS, "rating_perilaku": DI_ATAS}), 403)

    s = snaps.satu(client.post(f"/penilaian/{pid}/tetapkan", headers=world.h(kepala)))
    assert (s.status, s.predikat, s.revisi) == ("DITETAPKAN", "KURANG", 1)
    assert s.ditetapkan_at is not None and s.updated_at >= s.ditetapkan_at

    body = client.get(f"/penilaian/{pid}", headers=world.h(kepala)).json
    wire = s.model_dump(mode="json")
    for key in ("status", "rating_hasil_kerja", "rating_perilaku", "predikat", "revisi"):
        assert wire[key] == body[key], key
    assert [(r["indikator_id"], r["realisasi"], r["bukti_dukung"], r["umpan_balik"])
            for r in wire["realisasi"]] == [
        (r["indikator_id"], r["realisasi"], r["bukti_dukung"], r["umpan_balik"])
        for r in body["realisasi"]]
    assert [(p["aspek"], p["umpan_balik"]) for p in wire["perilaku"]] == [
        (p["aspek"], p["umpan_balik"]) for p in body["perilaku"]]

    # an approved keberatan: one snapshot with the decided ratings and revisi 2
    _keberatan(world, pid, peg, rating_perilaku=SESUAI)
    s = snaps.satu(client.get(f"/penilaian/{pid}", headers=world.h(peg)))
    assert (s.rating_perilaku, s.predikat, s.revisi, s.status) == (SESUAI, "BAIK", 2, "DITETAPKAN")
    # a rejected one, or an approval lacking the ratings, changes nothing and stages nothing
    _keberatan(world, pid, peg, "DITOLAK", rating_perilaku=DI_ATAS)
    _keberatan(world, pid, peg)
    snaps.tidak_ada()

    # the predikat events carry the fields added for keberatan and angka kredit
    for event_type in ("PredikatDitetapkan", "PredikatFinal"):
        found = [e.typed_payload() for e in _published(world, event_type, pid)]
        assert [(p.revisi, p.predikat) for p in found] == [(1, "KURANG"), (2, "BAIK")]
        for p in found:
            assert (p.model, p.jenis_skp, p.unor_id, p.nilai_perilaku_pp30) == (
                "PERMENPAN_6_2022", "JF_JA", unor, None)
            assert (p.skp_periode_awal, p.skp_periode_akhir) == (
                date(2099, 1, 1), date(2099, 12, 31))


def test_several_changes_in_one_transaction_stage_one_snapshot(world, client, runtime):
    world.periode()
    peg, kepala = world.pegawai(), world.pegawai()
    i2 = skpev.IndikatorSnapshot(id=world.id("ind"), uraian="Kedua", target="3")
    skp_id = world.id("skp")
    rhk = [skpev.RhkSnapshot(id=f"{skp_id}-r1", jenis="UTAMA", uraian="Laporan", indikator=[
        skpev.IndikatorSnapshot(id=f"{skp_id}-i1", uraian="Pertama", target="12"), i2])]
    world.skp(peg, kepala, skp_id=skp_id, rhk=rhk)
    pid = world.penilaian(client, peg)[0]["id"]
    owner = Principal(pegawai_id=peg, instansi_id=world.instansi_id)
    with runtime.uow() as uow:
        for iid, nilai in ((f"{skp_id}-i1", "12"), (i2.id, "3"), (f"{skp_id}-i1", "13")):
            pengisian.isi_realisasi(uow, owner, pid, iid, realisasi_=nilai, bukti_dukung=[],
                                    keterangan=None)
        pengisian.kirim(uow, owner, pid)
        staged = [e for e in uow.staged_events if e.event_type == "PenilaianDiperbarui"]
        assert staged == []  # built at the commit, from the rows as committed
        uow.commit()
    [s] = _snapshots(world, pid)
    assert (s.versi, s.status) == (1, "DIKIRIM")
    assert [(r.indikator_id, r.realisasi) for r in s.realisasi] == [
        (f"{skp_id}-i1", "13"), (i2.id, "3")]
    with runtime.uow() as uow:  # rolled back: nothing
        pengisian.umpan_balik(uow, Principal(pegawai_id=kepala, instansi_id=world.instansi_id),
                              pid, i2.id, teks="x")
    assert len(_snapshots(world, pid)) == 1


def test_rating_massal_stages_one_snapshot_per_penilaian_and_a_dry_run_none(world, client):
    world.periode()
    kepala = world.pegawai()
    staf = [world.pegawai() for _ in range(3)]
    for peg in staf:
        world.skp(peg, kepala)
    pids = [world.penilaian(client, peg)[0]["id"] for peg in staf]
    items = [{"penilaian_id": pid, "rating_hasil_kerja": SESUAI, "rating_perilaku": r}
             for pid, r in zip(pids, (DI_ATAS, SESUAI, DI_BAWAH))]
    r = client.post("/penilaian/rating-massal", headers=world.h(kepala),
                    json={"items": items, "dry_run": True})
    assert r.status_code == 200, r.json
    assert _snapshots(world) == []
    r = client.post("/penilaian/rating-massal", headers=world.h(kepala),
                    json={"items": items, "dry_run": False})
    assert r.status_code == 200, r.json
    found = {s.penilaian_id: s for s in _snapshots(world)}
    assert len(_snapshots(world)) == 3
    assert [(found[p].versi, found[p].rating_perilaku, found[p].predikat) for p in pids] == [
        (1, DI_ATAS, "BAIK"), (1, SESUAI, "BAIK"), (1, DI_BAWAH, "KURANG")]


def _pp30(world, client):
    per = world.periode(final=True)
    peg, pen = world.pegawai(), world.pegawai()
    skp_id = world.id("skp")
    rhk = [skpev.RhkSnapshot(id=f"{skp_id}-k1", jenis="UTAMA", uraian="Kegiatan",
                             target_kuantitas="10", satuan="dokumen", target_kualitas="100",
                             target_waktu="12"),
           skpev.RhkSnapshot(id=f"{skp_id}-k2", jenis="UTAMA", uraian="Belum diukur",
                             target_kuantitas="5", target_kualitas="100", target_waktu="6")]
    world.skp(peg, pen, model="PP_30_2019", rhk=rhk, skp_id=skp_id,
              awal=date(2099, 3, 1), akhir=date(2099, 12, 31))
    pid = world.penilaian(client, peg)[0]["id"]
    return per, peg, pen, skp_id, pid


def test_every_pp30_change_stages_one_snapshot_with_the_form(world, client):
    _per, peg, pen, skp_id, pid = _pp30(world, client)
    snaps = Snapshots(world, pid)
    base = f"/penilaian/{pid}"

    s = snaps.satu(client.put(f"{base}/pp30/realisasi/{skp_id}-k1", headers=world.h(peg),
                              json={"kuantitas": 10, "kualitas": 90, "waktu": 12}))
    assert (s.model, s.nilai_skp, s.pp30.bobot_skp, s.pp30.bobot_perilaku) == (
        "PP_30_2019", Decimal("88.67"), Decimal("0.70"), Decimal("0.30"))
    k1, k2 = s.pp30.kegiatan
    assert (k1.rhk_id, k1.kuantitas, k1.kualitas, k1.waktu, k1.biaya) == (
        f"{skp_id}-k1", Decimal(10), Decimal(90), Decimal(12), None)
    assert k1.capaian == {"kuantitas": Decimal("100.00"), "kualitas": Decimal("90.00"),
                          "waktu": Decimal("76.00")}
    assert (k1.nilai_capaian, k1.diubah_oleh) == (Decimal("88.67"), peg)
    assert (k2.rhk_id, k2.kuantitas, k2.capaian, k2.nilai_capaian) == (
        f"{skp_id}-k2", None, {}, None)

    s = snaps.satu(client.put(f"{base}/pp30/perilaku", headers=world.h(pen),
                              json={"nilai": PP30_PERILAKU}))
    assert s.pp30.perilaku == {k: Decimal(v) for k, v in PP30_PERILAKU.items()}
    assert (s.nilai_perilaku, s.nilai_kinerja, s.predikat) == (
        Decimal("85.00"), Decimal("87.57"), "BUTUH_PERBAIKAN")

    r = client.post(f"{base}/pp30/tugas-tambahan", headers=world.h(peg),
                    json={"uraian": "Panitia", "jumlah": 4})
    s = snaps.satu(r)
    [tugas] = s.pp30.tugas_tambahan
    assert r.headers["Location"].endswith(f"/tugas-tambahan/{tugas.id}")
    assert (tugas.uraian, tugas.jumlah, tugas.oleh_pegawai_id) == ("Panitia", 4, peg)
    assert (s.pp30.nilai_tugas_tambahan, s.nilai_skp) == (Decimal(2), Decimal("90.67"))
    tid = tugas.id

    r = client.post(f"{base}/pp30/kreativitas", headers=world.h(pen),
                    json={"uraian": "Aplikasi antrean", "jumlah": 1})
    s = snaps.satu(r)
    [kreatif] = s.pp30.kreativitas
    assert (kreatif.jumlah, s.pp30.nilai_kreativitas, s.nilai_skp) == (
        1, Decimal(3), Decimal("93.67"))
    s = snaps.satu(client.patch(f"{base}/pp30/kreativitas/{kreatif.id}", headers=world.h(pen),
                                json={"jumlah": 2}))
    assert (s.pp30.kreativitas[0].jumlah, s.pp30.nilai_kreativitas) == (2, Decimal(6))
    snaps.tidak_ada(client.patch(f"{base}/pp30/kreativitas/{kreatif.id}", headers=world.h(pen),
                                 json={"jumlah": 2}), 200)  # a change to nothing
    s = snaps.satu(client.delete(f"{base}/pp30/tugas-tambahan/{tid}", headers=world.h(peg)))
    assert (s.pp30.tugas_tambahan, s.pp30.nilai_tugas_tambahan) == ([], Decimal(0))

    r = client.post(f"{base}/catatan-perilaku", headers=world.h(pen),
                    json={"tanggal": "2099-03-02", "uraian": "Tepat waktu"})
    s = snaps.satu(r)
    [catatan] = s.catatan_perilaku
    assert (catatan.tanggal, catatan.uraian, catatan.oleh_pegawai_id) == (
        date(2099, 3, 2), "Tepat waktu", pen)
    s = snaps.satu(client.patch(f"{base}/catatan-perilaku/{catatan.id}", headers=world.h(pen),
                                json={"uraian": "Selalu tepat waktu"}))
    assert s.catatan_perilaku[0].uraian == "Selalu tepat waktu"
    snaps.tidak_ada(client.patch(f"{base}/catatan-perilaku/{catatan.id}", headers=world.h(pen),
                                 json={"uraian": "Selalu tepat waktu"}), 200)
    s = snaps.satu(client.delete(f"{base}/catatan-perilaku/{catatan.id}", headers=world.h(pen)))
    assert s.catatan_perilaku == []

    s = snaps.satu(client.post(f"{base}/tetapkan", headers=world.h(pen)))
    # nilai SKP 88.67 + 6 (kreativitas level 2) = 94.67; 0.7 × 94.67 + 0.3 × 85 = 91.77
    assert (s.status, s.revisi, s.nilai_skp, s.nilai_kinerja, s.predikat) == (
        "DITETAPKAN", 1, Decimal("94.67"), Decimal("91.77"), "BAIK")
    snaps.tidak_ada(client.post(f"{base}/catatan-perilaku", headers=world.h(pen), json={
        "tanggal": "2099-03-03", "uraian": "Terlambat"}), 409)

    # the atasan's nilai perilaku (keberatan, DKI field 8): one snapshot, revisi 2
    _keberatan(world, pid, peg, nilai_perilaku_pp30={"KOMITMEN": Decimal(100)})
    s = snaps.satu(client.get(base, headers=world.h(peg)))
    assert (s.pp30.perilaku["KOMITMEN"], s.nilai_perilaku, s.nilai_kinerja, s.revisi) == (
        Decimal(100), Decimal("87.50"), Decimal("92.52"), 2)
    _keberatan(world, pid, peg, "DITOLAK", nilai_perilaku_pp30={"KOMITMEN": Decimal(10)})
    _keberatan(world, pid, peg, nilai_perilaku_pp30={"KEPEMIMPINAN": Decimal(90)})  # not his
    snaps.tidak_ada()

    body = client.get(base, headers=world.h(peg)).json
    wire = s.model_dump(mode="json")
    for key in ("nilai_skp", "nilai_perilaku", "nilai_kinerja", "predikat", "revisi", "status"):
        assert wire[key] == body[key], key
    assert wire["pp30"]["perilaku"] == {k: str(v) for k, v in body["pp30"]["perilaku"].items()}

    for event_type in ("PredikatDitetapkan", "PredikatFinal"):
        found = [e.typed_payload() for e in _published(world, event_type, pid)]
        assert [p.revisi for p in found] == [1, 2]
        first, second = found
        assert (first.model, first.jenis_skp, first.skp_periode_awal,
                first.skp_periode_akhir) == ("PP_30_2019", "JF_JA", date(2099, 3, 1),
                                             date(2099, 12, 31))
        assert first.nilai_perilaku_pp30 == {k: Decimal(v) for k, v in PP30_PERILAKU.items()}
        assert second.nilai_perilaku_pp30 == {**first.nilai_perilaku_pp30,
                                              "KOMITMEN": Decimal(100)}
        wire_event = _published(world, event_type, pid)[0].payload
        assert wire_event["nilai_perilaku_pp30"]["KOMITMEN"] == "90"  # Decimals as strings


def test_bulk_changes_of_the_skp_and_period_handlers_stage_no_snapshot(world, client):
    world.periode(awal=(1, 1), akhir=(6, 30))
    peg, kepala = world.pegawai(), world.pegawai()
    skp_id = world.skp(peg, kepala)
    pids = [p["id"] for p in world.penilaian(client, peg)]
    assert len(pids) == 1
    world.periode(awal=(7, 1), akhir=(12, 31))  # a period arriving later creates a penilaian
    world.skp(peg, kepala, skp_id=skp_id, revisi=2)  # re-approval updates both
    world.feed(SkpDibatalkan(skp_id=skp_id, pegawai_id=peg, alasan="Mutasi"), skp_id)
    world.skp(peg, kepala, skp_id=skp_id, revisi=3)  # reopened
    world.feed(idev.PeriodeDiperbarui(
        id=world.id("per"), instansi_id=world.instansi_id, tahun=2099, nama="Tambahan",
        awal=date(2099, 1, 1), akhir=date(2099, 3, 31), batas_pengisian=date(2100, 1, 31),
        revisi=1))
    penilaian = world.penilaian(client, peg)
    assert len(penilaian) == 3
    assert _snapshots(world) == []
    assert _published(world, "PenilaianDiperbarui") == []


@pytest.mark.parametrize("model", ["PERMENPAN_6_2022", "PP_30_2019"])
def test_a_snapshot_of_a_penilaian_in_a_period_outside_the_skp_keeps_the_skp_range(
        world, client, model):
    world.periode(awal=(1, 1), akhir=(12, 31))
    peg, kepala = world.pegawai(), world.pegawai()
    world.skp(peg, kepala, model=model, awal=date(2099, 2, 1), akhir=date(2099, 8, 31))
    pid = world.penilaian(client, peg)[0]["id"]
    r = client.post(f"/penilaian/{pid}/catatan-perilaku", headers=world.h(kepala),
                    json={"tanggal": "2099-03-02", "uraian": "Rapi"})
    assert r.status_code == 201, r.json
    [s] = _snapshots(world, pid)
    assert (s.model, s.skp_periode_awal, s.skp_periode_akhir) == (
        model, date(2099, 2, 1), date(2099, 8, 31))
    assert (s.pp30 is None) == (model == "PERMENPAN_6_2022")


def test_two_keberatan_decisions_in_one_consumer_batch_stage_one_snapshot(world, client):
    world.periode(final=True)
    staf, kepala = world.pegawai(), world.pegawai()
    world.skp(staf, kepala)
    pid = world.penilaian(client, staf)[0]["id"]
    client.put(f"/penilaian/{pid}/rating", json={"rating_hasil_kerja": SESUAI,
               "rating_perilaku": DI_BAWAH}, headers=world.h(kepala))
    client.post(f"/penilaian/{pid}/tetapkan", headers=world.h(kepala))
    [before] = _snapshots(world, pid)[-1:]
    bodies = [EventEnvelope.wrap(KeberatanDiputuskan(
        keberatan_id=kid, penilaian_id=pid, pegawai_id=staf, keputusan="DISETUJUI",
        diputuskan_at=DIPUTUSKAN, **rating), aggregate_id=kid,
        instansi_id=world.instansi_id).to_json()
        for kid, rating in (("kb-1", {"rating_perilaku": SESUAI}),
                            ("kb-2", {"rating_hasil_kerja": DI_ATAS}))]
    world.runtime.dispatcher.handle_batch(bodies)
    after = _snapshots(world, pid)
    assert [s.versi for s in after] == [1, 2, 3]  # rating, tetapkan, the batch
    assert (after[-1].rating_hasil_kerja, after[-1].rating_perilaku, after[-1].predikat,
            after[-1].revisi) == (DI_ATAS, SESUAI, "BAIK", 3)  # both decisions, one snapshot
    assert before.versi == 2


def test_what_a_rolled_back_transaction_registered_is_forgotten(world, client, runtime):
    world.periode()
    kepala = world.pegawai()
    a, b = world.pegawai(), world.pegawai()
    skp_a, skp_b = world.skp(a, kepala), world.skp(b, kepala)
    pid_a, pid_b = (world.penilaian(client, p)[0]["id"] for p in (a, b))
    with runtime.uow() as uow:
        pengisian.isi_realisasi(uow, Principal(pegawai_id=a, instansi_id=world.instansi_id),
                                pid_a, f"{skp_a}-i1", realisasi_="1", bukti_dukung=[],
                                keterangan=None)
        uow.rollback()
        pengisian.isi_realisasi(uow, Principal(pegawai_id=b, instansi_id=world.instansi_id),
                                pid_b, f"{skp_b}-i1", realisasi_="2", bukti_dukung=[],
                                keterangan=None)
        uow.commit()
    assert _snapshots(world, pid_a) == []
    [s] = _snapshots(world, pid_b)
    assert (s.versi, s.realisasi[0].realisasi) == (1, "2")


def test_republish_stages_every_penilaian_and_predikat_as_last_published(world, client):
    """``kinerja republish penilaian`` changes no row and stages, for every penilaian, the
    snapshot its last PenilaianDiperbarui said (a penilaian never changed by a user included,
    at versi 0), and the predikat events of a DITETAPKAN one at its revisi."""
    from kinerja_shared.messaging.republish import republish

    world.periode(final=True)
    unor = world.unor()
    peg, kepala, lain = world.pegawai(unor), world.pegawai(unor), world.pegawai(unor)
    world.skp(peg, kepala, atasan_id="atasan-1", unor_id=unor)
    world.skp(lain, kepala, atasan_id="atasan-1", unor_id=unor)
    pid = world.penilaian(client, peg)[0]["id"]
    untouched = world.penilaian(client, lain)[0]["id"]
    client.put(f"/penilaian/{pid}/rating", headers=world.h(kepala), json={
        "rating_hasil_kerja": SESUAI, "rating_perilaku": SESUAI})
    client.post(f"/penilaian/{pid}/tetapkan", headers=world.h(kepala))
    last = _snapshots(world, pid)[-1]
    predikat = [e.payload for e in _published(world, "PredikatFinal", pid)]

    counts = republish(world.runtime)

    assert counts["PenilaianDiperbarui"] >= 2 and counts["PredikatFinal"] >= 1
    assert _snapshots(world, pid)[-1] == last
    [fresh] = _snapshots(world, untouched)
    assert (fresh.versi, fresh.status) == (0, "DRAFT")
    assert [e.payload for e in _published(world, "PredikatFinal", pid)][-1] == predikat[-1]
