"""The angka kredit documents and reports, the keberatan report and the PP 30 keberatan fields
from a world built through the APIs: identity, skp, penilaian, angka-kredit and keberatan
(their test apps on their own PostgreSQL databases) make a JF Ahli Pertama, approve his SKP,
set the annual predikat (angka-kredit converts it), he files a keberatan, the PAK is approved
and signed by TTE with the instansi's template; outboxes are drained and every event delivered
to whoever subscribes, reporting among them. The PAK, konversi and akumulasi are read back with
pypdf and rendered with pdftoppm, the ANGKA_KREDIT and KEBERATAN reports reopened with openpyxl,
each checked against what the APIs answered; another pegawai gets 404; with every other
service stopped reporting still prints them. Republishing keberatan and angka-kredit
rebuilds the same read model rows in an empty reporting and changes nothing in the full one."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.messaging.republish import republish
from kinerja_shared.testing.service import make_test_runtime
from test_reporting_world import ADMIN_NIP, ADMIN_PASSWORD, CHEAP, _ok, _pages, _report, _text, pump

TAHUN = 2026


@pytest.fixture
def suite(make_pg_database, tmp_path):
    from identity.service_layer.seed import pastikan_admin_pusat

    identity = make_test_runtime("identity", make_pg_database("akw_identity"), extra=dict(CHEAP))
    pastikan_admin_pusat(identity, {"KINERJA_ADMIN_NIP": ADMIN_NIP,
                                    "KINERJA_ADMIN_PASSWORD": ADMIN_PASSWORD})
    minter = TokenMinter()
    rest = {name: make_test_runtime(name, make_pg_database(f"akw_{name}"),
                                    key_source=minter.key_source,
                                    **({"extra": {"KINERJA_REPORTING_STORAGE_DIR": str(tmp_path)}}
                                       if name == "reporting" else {}))
            for name in ("skp", "penilaian", "angka_kredit", "keberatan", "reporting")}
    runtimes = {"identity": identity, **rest}
    yield runtimes, minter
    for rt in runtimes.values():
        rt.dispose()


def test_angka_kredit_documents_and_reports_from_a_world_built_through_the_apis(
        suite, tmp_path, make_pg_database):
    runtimes, minter = suite
    c = {name: rt.create_app().test_client() for name, rt in runtimes.items()}
    everyone = list(runtimes.values())
    token = _ok(c["identity"].post("/auth/login", json={"nip": ADMIN_NIP,
                                                         "password": ADMIN_PASSWORD}))
    root = {"Authorization": f"Bearer {token['access_token']}"}
    inst = _ok(c["identity"].post("/instansi", json={"nama": "Pemerintah Kota Uji",
                                                     "kode": "PKU"}, headers=root), 201)
    unor = _ok(c["identity"].post("/unor", headers=root, json={
        "instansi_id": inst["id"], "nama": "Bagian Sumber Daya Manusia", "kota": "Kota Uji"}), 201)
    people = {}
    for key, body in (
            ("kepala", {"nip": "197501012000031001", "nama": "Kepala Bagian",
                        "jenis_jabatan": "PIMPINAN", "kategori_jabatan": "ADMINISTRATOR",
                        "jabatan": "Kepala Bagian SDM", "golongan": "IV/a"}),
            ("analis", {"nip": "199203152018012001", "nama": "Analis Uji", "gelar_belakang": "S.E.",
                        "jabatan": "Analis SDM Aparatur Ahli Pertama",
                        "kategori_jabatan": "FUNGSIONAL", "jenjang": "AHLI_PERTAMA",
                        "golongan": "III/a",
                        "tmt_golongan": "2024-04-01", "tmt_jabatan": f"{TAHUN}-06-01"}),
            ("lain", {"nip": "199505052020012003", "nama": "Pegawai Lain",
                      "jabatan": "Pengadministrasi", "golongan": "II/c"})):
        people[key] = _ok(c["identity"].post("/pegawai", headers=root, json={
            **body, "unor_id": unor["id"]}), 201)
    _ok(c["identity"].post("/periode/generate", headers=root, json={
        "instansi_id": inst["id"], "tahun": TAHUN, "skema": "TAHUNAN"}), 201)
    pump(everyone)

    def h(key, *roles):
        p = people.get(key, {"id": key, "nip": None, "nama": key})
        return minter.headers(p["id"], nip=p["nip"], nama=p["nama"], roles=list(roles),
                              instansi_id=inst["id"])

    admin = h("operator", "admin_instansi")
    # skp: the analis's SKP, approved by his head
    skp = _ok(c["skp"].post("/skp", headers=h("analis"), json={
        "periode_awal": f"{TAHUN}-01-01", "periode_akhir": f"{TAHUN}-12-31",
        "pendekatan": "KUANTITATIF"}), 201)
    skp = _ok(c["skp"].post(f"/skp/{skp['id']}/rhk", headers=h("analis"), json={
        "jenis": "UTAMA", "uraian": "Tersusunnya analisis kebutuhan pegawai"}), 201)
    _ok(c["skp"].post(f"/skp/{skp['id']}/rhk/{skp['rhk'][0]['id']}/indikator",
                      headers=h("analis"), json={"uraian": "Dokumen analisis", "aspek": "KUANTITAS",
                                                 "target": 2, "satuan": "dokumen"}), 201)
    _ok(c["skp"].post(f"/skp/{skp['id']}/ajukan", headers=h("analis")))
    _ok(c["skp"].post(f"/skp/{skp['id']}/setujui", headers=h("kepala")))
    pump(everyone)

    # penilaian: the annual predikat (BAIK); angka-kredit converts June-December
    [pen] = _ok(c["penilaian"].get(f"/penilaian?pegawai_id={people['analis']['id']}",
                                   headers=h("analis")))
    rated = _ok(c["penilaian"].put(f"/penilaian/{pen['id']}/rating", headers=h("kepala"), json={
        "rating_hasil_kerja": "SESUAI_EKSPEKTASI", "rating_perilaku": "SESUAI_EKSPEKTASI"}))
    assert rated["predikat"] == "BAIK"
    _ok(c["penilaian"].post(f"/penilaian/{pen['id']}/tetapkan", headers=h("kepala")))
    pump(everyone)

    # keberatan: the analis objects (PermenPAN chain), the pejabat penilai explains
    kb = _ok(c["keberatan"].post("/keberatan", headers=h("analis"), json={
        "penilaian_id": pen["id"], "alasan": "Realisasi melampaui target",
        "rating_hasil_kerja_diminta": "DI_ATAS_EKSPEKTASI"}), 201)
    _ok(c["keberatan"].post(f"/keberatan/{kb['id']}/penjelasan", headers=h("kepala"),
                            json={"penjelasan": "Target sudah sesuai ekspektasi"}))

    # angka-kredit: the template, then ajukan, setujui, tandatangani (TTE)
    ak_c = c["angka_kredit"]
    _ok(ak_c.put("/template/TTE", headers=admin, json={
        "judul": "Penetapan Angka Kredit", "kop": ["PEMERINTAH KOTA UJI",
                                                   "BADAN KEPEGAWAIAN DAERAH"],
        "tembusan": ["Kepala BKN", "Pejabat Fungsional yang bersangkutan"]}))
    [row] = _ok(ak_c.get(f"/angka-kredit?nip={people['analis']['nip']}", headers=admin))
    assert (row["angka_kredit"], row["angka_kredit_tampil"], row["bulan"]) == (
        "7.291667", "7.292", 7)
    base = f"/angka-kredit/{row['id']}"
    _ok(ak_c.post(base + "/ajukan", headers=admin, json={
        "nomor_sk": "800/7/PAK/BKD/2026", "tempat": "Kota Uji", "tanggal_sk": f"{TAHUN}-12-15"}))
    _ok(ak_c.post(base + "/setujui", headers=h("kepala")))
    _ok(ak_c.post(base + "/tandatangani", headers=h("kepala"), json={"metode": "TTE"}))
    row = _ok(ak_c.get(base, headers=admin))
    assert row["status"] == "DITANDATANGANI"
    assert pump(everyone) > 0

    rep = c["reporting"]
    _check_documents(rep, h, row, people, tmp_path)
    _check_reports(rep, admin, people, row)
    _check_republish(runtimes, make_pg_database("akw_reporting_b"))
    # a template changed after the signing is not republished as the one signed with
    _ok(ak_c.put("/template/TTE", headers=admin, json={
        "judul": "Judul Baru", "kop": ["KOP BARU"], "tembusan": []}))
    before = _rows(runtimes["reporting"], ["angka_kredit_rm"])
    counts = republish(runtimes["angka_kredit"])
    assert (counts["AngkaKreditDitetapkan"], counts["PakDitandatangani"]) == (1, 0)
    assert pump(everyone) == 1
    assert _rows(runtimes["reporting"], ["angka_kredit_rm"]) == before

    # every other service stopped: reporting answers from its read models
    for name in ("identity", "skp", "penilaian", "angka_kredit", "keberatan"):
        runtimes[name].dispose()
    r = rep.get(f"/cetak/angka-kredit/{row['id']}/pak.pdf", headers=h("analis"))
    assert r.status_code == 200 and "800/7/PAK/BKD/2026" in _text(r.data)
    rows = _report(rep, admin, jenis="ANGKA_KREDIT", tahun=TAHUN)
    assert [x[2] for x in rows] == [people["analis"]["nip"]]


REPUBLISHED = {"keberatan": ("keberatan_rm",), "angka_kredit": ("angka_kredit_rm",)}


def _rows(reporting, tables) -> dict[str, list]:
    meta = reporting.definition.metadata.tables
    with reporting.engine.connect() as conn:
        return {name: sorted(tuple(r) for r in conn.execute(select(meta[name])))
                for name in tables}


def _check_republish(runtimes, url):
    """``kinerja republish keberatan`` and ``angka_kredit`` rebuild reporting's read models of
    them from scratch (the signed PAK with the template it was signed with), and change nothing
    in a reporting that saw every event."""
    full = runtimes["reporting"]
    tables = [t for names in REPUBLISHED.values() for t in names]
    before = _rows(full, tables)
    assert all(before.values())
    empty = make_test_runtime("reporting", url)
    try:
        for service in REPUBLISHED:
            counts = republish(runtimes[service])
            assert sum(counts.values()) > 0
            runtimes[service].relay.drain()
            for m in runtimes[service].publisher.messages:
                empty.dispatcher.handle(m.body)
                full.dispatcher.handle(m.body)
            runtimes[service].publisher.clear()
        assert counts["PakDitandatangani"] == 1
        assert _rows(empty, tables) == before
        assert _rows(full, tables) == before
        [pak] = _rows(empty, ["angka_kredit_rm"])["angka_kredit_rm"]
        assert pak[-1]["kop"] == ["PEMERINTAH KOTA UJI", "BADAN KEPEGAWAIAN DAERAH"]
    finally:
        empty.dispose()


def _check_documents(rep, h, row, people, tmp_path):
    url = f"/cetak/angka-kredit/{row['id']}"
    r = rep.get(f"{url}/pak.pdf", headers=h("analis"))
    assert r.status_code == 200, r.get_json()
    text = _text(r.data)
    for expected in ("PEMERINTAH KOTA UJI", "BADAN KEPEGAWAIAN DAERAH", "PENETAPAN ANGKA KREDIT",
                     "NOMOR : 800/7/PAK/BKD/2026", "1 Juni 2026 s.d. 31 Desember 2026",
                     "Analis Uji, S.E.", "199203152018012001", "15 Maret 1992", "Perempuan",
                     "Penata Muda (III/a) / TMT 1 April 2024",
                     "Analis SDM Aparatur Ahli Pertama / TMT 1 Juni 2026",
                     "Bagian Sumber Daya Manusia", "Pemerintah Kota Uji", "AK Konversi", "7.292",
                     "Ditetapkan di Kota Uji", "pada tanggal 15 Desember 2026",
                     "Ditandatangani secara elektronik", "Kepala Bagian", "197501012000031001",
                     "Kepala BKN", row["kesimpulan"][:40]):
        assert expected in text, expected
    assert "7.291667" not in text
    assert _pages(r.data, tmp_path, "pak") == 1
    kode = r.headers["X-Kode-Verifikasi"]
    assert rep.post(f"/verifikasi/{kode}", data=r.data,
                    content_type="application/pdf").get_json()["cocok"] is True
    r = rep.get(f"{url}/konversi.pdf", headers=h("kepala"))
    assert r.status_code == 200, r.get_json()
    text = _text(r.data)
    for expected in ("KONVERSI PREDIKAT KINERJA KE ANGKA KREDIT", "Juni - Desember (7 bulan)",
                     "Baik", "100%", "12.5", "(7 / 12) x 100% x 12.5 = 7.292"):
        assert expected in text, expected
    assert _pages(r.data, tmp_path, "konversi") == 1
    r = rep.get(f"{url}/akumulasi.pdf", headers=h("operator", "admin_instansi"))
    assert r.status_code == 200, r.get_json()
    text = _text(r.data)
    assert "JUMLAH ANGKA KREDIT KUMULATIF" in text and "7.292" in text
    assert f"{Decimal(row['kebutuhan_pangkat']):.3f}" in text
    assert _pages(r.data, tmp_path, "akumulasi") == 1
    for doc in ("pak", "konversi", "akumulasi"):
        assert rep.get(f"{url}/{doc}.pdf", headers=h("lain")).status_code == 404


def _check_reports(rep, admin, people, row):
    rows = _report(rep, admin, jenis="ANGKA_KREDIT", tahun=TAHUN)
    assert len(rows) == 1
    r = rows[0]
    assert r[1:5] == [people["analis"]["id"], people["analis"]["nip"], "Analis Uji, S.E.",
                      "Bagian Sumber Daya Manusia"]
    assert r[7:10] == ["Ditandatangani", "Penata Muda", "III/a"]
    assert r[11] == "Analis SDM Aparatur Ahli Pertama" and r[13] == "800/7/PAK/BKD/2026"
    assert r[15] == "Baik" and Decimal(str(r[16])) == Decimal("7.292")
    assert r[18:] == ["TTE", "Konversi"]
    rows = _report(rep, admin, jenis="KEBERATAN", tahun=TAHUN)
    assert len(rows) == 1
    k = rows[0]
    assert k[1:3] == [people["analis"]["nip"], "Analis Uji"] and k[7] == "Dijelaskan"
    assert k[9] == "Realisasi melampaui target" and "Predikat: Baik" in k[11]
