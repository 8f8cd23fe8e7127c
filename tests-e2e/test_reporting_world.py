"""Every report and document generated from a world built through the APIs: identity, skp and
penilaian (their test apps on their own PostgreSQL databases) build an instansi, approve an SKP
and rate its first period; their outboxes are drained and every event is delivered to the
consumers that subscribe to it, reporting's dispatcher among them. Each Excel report is reopened
with openpyxl and each PDF read back with pypdf and rendered page by page with pdftoppm, and
checked against the records the APIs answered. Then identity, skp and penilaian are stopped
and the reports still generate from reporting's read models."""
from __future__ import annotations

import io
import subprocess
import time

import openpyxl
import pypdf
import pytest

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.events import EventEnvelope
from kinerja_shared.testing.service import make_test_runtime

ADMIN_NIP, ADMIN_PASSWORD = "199001012020011001", "rahasia-admin-laporan"
CHEAP = {"KINERJA_IDENTITY_ARGON2_TIME_COST": "1", "KINERJA_IDENTITY_ARGON2_MEMORY_COST": "8",
         "KINERJA_IDENTITY_ARGON2_PARALLELISM": "1"}
TAHUN = 2027


def pump(runtimes) -> int:
    """Drain every outbox and deliver each event to every runtime that handles its type."""
    moved, total = True, 0
    while moved:
        moved = False
        for src in runtimes:
            src.relay.drain()
            messages = list(src.publisher.messages)
            src.publisher.clear()
            for m in messages:
                kind = EventEnvelope.from_json(m.body).event_type
                for sink in runtimes:
                    if sink is not src and kind in sink.dispatcher.handlers:
                        sink.dispatcher.handle(m.body)
                        moved, total = True, total + 1
    return total


@pytest.fixture
def suite(make_pg_database, tmp_path):
    from identity.service_layer.seed import pastikan_admin_pusat

    identity = make_test_runtime("identity", make_pg_database("world_identity"), extra=dict(CHEAP))
    pastikan_admin_pusat(identity, {"KINERJA_ADMIN_NIP": ADMIN_NIP,
                                    "KINERJA_ADMIN_PASSWORD": ADMIN_PASSWORD})
    minter = TokenMinter()
    rest = {name: make_test_runtime(name, make_pg_database(f"world_{name}"),
                                    key_source=minter.key_source,
                                    **({"extra": {"KINERJA_REPORTING_STORAGE_DIR": str(tmp_path)}}
                                       if name == "reporting" else {}))
            for name in ("skp", "penilaian", "reporting")}
    runtimes = {"identity": identity, **rest}
    yield runtimes, minter
    for rt in runtimes.values():
        rt.dispose()


def _ok(r, status=200):
    assert r.status_code == status, r.get_json()
    return r.get_json()


def test_reports_and_documents_from_a_world_built_through_the_apis(suite, tmp_path):
    runtimes, minter = suite
    c = {name: rt.create_app().test_client() for name, rt in runtimes.items()}
    everyone = list(runtimes.values())
    token = _ok(c["identity"].post("/auth/login", json={"nip": ADMIN_NIP,
                                                         "password": ADMIN_PASSWORD}))
    root = {"Authorization": f"Bearer {token['access_token']}"}
    inst = _ok(c["identity"].post("/instansi", json={"nama": "Pemerintah Kabupaten Dunia"},
                                  headers=root), 201)
    dinas = _ok(c["identity"].post("/unor", headers=root, json={
        "instansi_id": inst["id"], "nama": "Dinas Pendidikan", "kota": "Wonosari"}), 201)
    bidang = _ok(c["identity"].post("/unor", headers=root, json={
        "instansi_id": inst["id"], "nama": "Bidang Pembinaan SD", "unor_atasan_id": dinas["id"],
        "unor_induk_id": dinas["id"], "kota": "Wonosari"}), 201)
    people = {}
    for key, nip, nama, unor, jenis, gol, status in (
            ("kepala", "197501012000031001", "Suryani Kepala", bidang, "PIMPINAN", "IV/a", "AKTIF"),
            ("staf", "199203042015031002", "Budi Santoso", bidang, "PEGAWAI", "III/b", "AKTIF"),
            ("baru", "199505052020012003", "Citra Lestari", bidang, "PEGAWAI", "III/a", "AKTIF"),
            ("pensiun", "196401011985031004", "Darmo Pensiun", bidang, "PEGAWAI", "IV/a", "PENSIUN")):
        people[key] = _ok(c["identity"].post("/pegawai", headers=root, json={
            "nip": nip, "nama": nama, "unor_id": unor["id"], "jenis_jabatan": jenis,
            "jabatan": f"Jabatan {nama}", "golongan": gol, "status_kepegawaian": status,
            "gelar_belakang": "S.Pd."}), 201)
    periods = _ok(c["identity"].post("/periode/generate", headers=root, json={
        "instansi_id": inst["id"], "tahun": TAHUN, "skema": "TRIWULAN"}), 201)
    tw1 = next(p for p in periods if p["awal"].endswith("01-01") and not p["final"])
    pump(everyone)

    def h(key, *roles):
        p = people.get(key, {"id": key, "nip": None, "nama": key})
        return minter.headers(p["id"], nip=p["nip"], nama=p["nama"], roles=list(roles),
                              instansi_id=inst["id"])

    # skp: Budi's SKP, approved by his pejabat penilai
    skp = _ok(c["skp"].post("/skp", headers=h("staf"), json={
        "periode_awal": f"{TAHUN}-01-01", "periode_akhir": f"{TAHUN}-12-31",
        "pendekatan": "KUANTITATIF"}), 201)
    assert skp["pejabat_penilai"]["id"] == people["kepala"]["id"]
    skp = _ok(c["skp"].post(f"/skp/{skp['id']}/rhk", headers=h("staf"), json={
        "jenis": "UTAMA", "uraian": "Terlaksananya supervisi sekolah dasar"}), 201)
    rhk = skp["rhk"][0]
    skp = _ok(c["skp"].post(f"/skp/{skp['id']}/rhk/{rhk['id']}/indikator", headers=h("staf"), json={
        "uraian": "Jumlah sekolah disupervisi", "aspek": "KUANTITAS", "target": 12,
        "satuan": "sekolah"}), 201)
    indikator = skp["rhk"][0]["indikator"][0]
    _ok(c["skp"].post(f"/skp/{skp['id']}/ajukan", headers=h("staf")))
    assert _ok(c["skp"].post(f"/skp/{skp['id']}/setujui", headers=h("kepala")))["status"] == "DISETUJUI"
    pump(everyone)

    # penilaian: realisasi, feedback, ratings, predikat of the first quarter
    pens = _ok(c["penilaian"].get(f"/penilaian?pegawai_id={people['staf']['id']}", headers=h("staf")))
    pen = next(p for p in pens if p["periode_id"] == tw1["id"])
    url = f"/penilaian/{pen['id']}"
    _ok(c["penilaian"].put(f"{url}/realisasi/{indikator['id']}", headers=h("staf"), json={
        "realisasi": "13 sekolah", "bukti_dukung": [{"nama": "Laporan", "url": "https://bukti.example/1"}],
        "keterangan": "Lengkap"}))
    _ok(c["penilaian"].post(f"{url}/kirim", headers=h("staf")))
    _ok(c["penilaian"].put(f"{url}/umpan-balik/{indikator['id']}", headers=h("kepala"),
                           json={"umpan_balik": "Pertahankan kualitas supervisi"}))
    _ok(c["penilaian"].put(f"{url}/perilaku/AKUNTABEL", headers=h("kepala"),
                           json={"umpan_balik": "Laporan selalu tepat waktu"}))
    rated = _ok(c["penilaian"].put(f"{url}/rating", headers=h("kepala"), json={
        "rating_hasil_kerja": "DI_ATAS_EKSPEKTASI", "rating_perilaku": "SESUAI_EKSPEKTASI",
        "justifikasi": "Uji"}))
    assert rated["predikat"] == "BAIK"
    _ok(c["penilaian"].post(f"{url}/tetapkan", headers=h("kepala")))
    assert pump(everyone) > 0

    admin = h("operator", "admin_instansi")
    rep = c["reporting"]
    _check_documents(rep, h, pen, skp, tmp_path)
    _check_reports(rep, admin, inst, dinas, tw1, people)

    # identity, skp and penilaian stopped: reporting answers from its read models
    for name in ("identity", "skp", "penilaian"):
        runtimes[name].dispose()
    rows = _report(rep, admin, jenis="PENILAIAN_SKP", tahun=TAHUN, periode_id=tw1["id"])
    assert any(r[2] == "Budi Santoso" and r[13] == "Baik" for r in rows)
    assert rep.get(f"/cetak/penilaian/{pen['id']}/evaluasi.pdf", headers=h("staf")).status_code == 200


def _text(body: bytes) -> str:
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(body)).pages)
    return " ".join(text.split())  # words wrapped in a cell join again


def _pages(body: bytes, tmp_path, name: str) -> int:
    (tmp_path / f"{name}.pdf").write_bytes(body)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(tmp_path / f"{name}.pdf"),
                    str(tmp_path / name)], check=True)
    return len(list(tmp_path.glob(f"{name}-*.png")))


def _check_documents(rep, h, pen, skp, tmp_path):
    r = rep.get(f"/cetak/penilaian/{pen['id']}/evaluasi.pdf?lokasi=Wonosari&tanggal={TAHUN}-04-07",
                headers=h("staf"))
    assert r.status_code == 200, r.get_json()
    text = _text(r.data)
    for expected in ("Budi Santoso, S.Pd.", "199203042015031002", "Suryani Kepala, S.Pd.",
                     "Terlaksananya supervisi sekolah dasar", "Jumlah sekolah disupervisi",
                     "12 sekolah", "13 sekolah", "Pertahankan kualitas supervisi",
                     "Laporan selalu tepat waktu", "DI ATAS EKSPEKTASI", "BAIK",
                     "Wonosari, 7 April 2027", "PEGAWAI DINAS PENDIDIKAN"):
        assert expected in text, expected
    assert _pages(r.data, tmp_path, "evaluasi") >= 1
    assert rep.get(f"/cetak/penilaian/{pen['id']}/evaluasi.pdf", headers=h("baru")).status_code == 404
    kode = r.headers["X-Kode-Verifikasi"]
    assert rep.post(f"/verifikasi/{kode}", data=r.data,
                    content_type="application/pdf").get_json()["cocok"] is True
    forged = bytearray(r.data)
    forged[len(forged) // 2] ^= 1
    assert rep.post(f"/verifikasi/{kode}", data=bytes(forged),
                    content_type="application/pdf").get_json()["cocok"] is False
    r = rep.get(f"/cetak/skp/{skp['id']}/rencana.pdf", headers=h("kepala"))
    assert r.status_code == 200 and "Jumlah sekolah disupervisi" in _text(r.data)
    assert _pages(r.data, tmp_path, "rencana") >= 2  # the plan and its lampiran


def _report(rep, admin, **body) -> list[list]:
    r = rep.post("/laporan", json=body, headers=admin)
    assert r.status_code == 202, r.get_json()
    deadline = time.monotonic() + 60
    while (job := rep.get(r.headers["Location"], headers=admin).get_json())["status"] != "SELESAI":
        assert job["status"] != "GAGAL" and time.monotonic() < deadline, job
        time.sleep(0.05)
    link = job["berkas_url"]
    wb = openpyxl.load_workbook(io.BytesIO(rep.get(link[link.index("/unduh/"):]).data))
    rows = [list(x) for x in wb.worksheets[0].iter_rows(values_only=True)]
    return rows[next(i for i, x in enumerate(rows) if x[0] == "No") + 1:]


def _check_reports(rep, admin, inst, dinas, tw1, people):
    rows = _report(rep, admin, jenis="PENILAIAN_SKP", tahun=TAHUN, periode_id=tw1["id"],
                   unor_induk_id=dinas["id"])
    assert len(rows) == 1
    assert rows[0][1:4] == ["199203042015031002", "Budi Santoso", "Penata Muda Tingkat I (III/b)"]
    assert rows[0][10:14] == ["Ditetapkan", "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Baik"]
    assert rows[0][17:19] == ["197501012000031001", "Suryani Kepala"]
    rows = _report(rep, admin, jenis="KEPATUHAN", tahun=TAHUN, periode_id=tw1["id"])
    status = {r[3]: r[9] for r in rows}
    assert status == {"Budi Santoso": "Patuh", "Citra Lestari": "Tanpa Skp",
                      "Suryani Kepala": "Tanpa Skp"}  # Darmo is retired: not counted
    rows = _report(rep, admin, jenis="RENCANA_SKP_TAHUNAN", tahun=TAHUN)
    skp = {r[5]: (r[7], r[12]) for r in rows}
    assert skp["Budi Santoso"] == ("Ya", "Disetujui") and skp["Citra Lestari"][0] == "Tidak"
    rows = _report(rep, admin, jenis="JUMLAH_TIM", tahun=TAHUN)
    assert {r[3] for r in rows} == {p["nama"] for p in people.values()}
