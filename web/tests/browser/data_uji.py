"""Data the browser tests of keberatan, angka kredit and laporan make through the APIs (the
year test shows the same steps in the UI): people of the demo instansi, an approved SKP, a
predikat set."""
from __future__ import annotations

ADMIN_NIP = "199001012020011001"


def pegawai_demo(suite, demo) -> dict[str, list[dict]]:
    """The demo pegawai by unit name: ``{unit name: [pegawai...]}`` (staff sorted by name,
    the unit's head first)."""
    t = suite.token(demo.admin_instansi["nip"])
    peg = suite.api("GET", "/api/identity/pegawai", t,
                    params={"instansi_id": demo.instansi_id, "page_size": 100}).json()
    unor = {u["id"]: u["nama"] for u in suite.api("GET", "/api/identity/unor", t, params={
        "instansi_id": demo.instansi_id, "page_size": 100}).json()}
    out: dict[str, list[dict]] = {}
    for p in sorted(peg, key=lambda p: (p["jenis_jabatan"] != "PIMPINAN", p["nama"])):
        out.setdefault(unor.get(p["unor_id"], ""), []).append(p)
    return out


def skp_disetujui(suite, demo, staf: dict, penilai: dict) -> str:
    """An approved SKP of ``staf`` for the year (made through the API); its id."""
    t, tk = suite.token(staf["nip"]), suite.token(penilai["nip"])
    ada = suite.api("GET", "/api/skp/skp", t, params={"pegawai_id": staf["id"]}).json()
    if ada and ada[0]["status"] == "DISETUJUI":
        return ada[0]["id"]
    sid = ada[0]["id"] if ada else suite.api("POST", "/api/skp/skp", t, json={
        "periode_awal": f"{demo.tahun}-01-01", "periode_akhir": f"{demo.tahun}-12-31"}).json()["id"]
    skp = suite.api("GET", f"/api/skp/skp/{sid}", t).json()
    if not skp["rhk"]:
        suite.api("POST", f"/api/skp/skp/{sid}/rhk", t, json={
            "jenis": "UTAMA", "uraian": "Terselenggaranya layanan kenaikan pangkat"})
        skp = suite.api("GET", f"/api/skp/skp/{sid}", t).json()
        suite.api("POST", f"/api/skp/skp/{sid}/rhk/{skp['rhk'][0]['id']}/indikator", t, json={
            "uraian": "Usulan kenaikan pangkat diproses", "aspek": "KUANTITAS", "target": "40",
            "satuan": "usulan"})
    if skp["status"] in ("DRAFT", "DIKEMBALIKAN"):
        r = suite.api("POST", f"/api/skp/skp/{sid}/ajukan", t)
        assert r.status_code == 200, r.text
    r = suite.api("POST", f"/api/skp/skp/{sid}/setujui", tk)
    assert r.status_code == 200, r.text
    return sid


def predikat_ditetapkan(suite, demo, staf: dict, penilai: dict, tunggu, final: bool = False,
                        rating: tuple[str, str] = ("SESUAI_EKSPEKTASI", "SESUAI_EKSPEKTASI")
                        ) -> dict:
    """The penilaian of the first period of the year (or the final one) rated and set by the
    pejabat penilai through the API; the penilaian."""
    skp_disetujui(suite, demo, staf, penilai)
    tk = suite.token(penilai["nip"])

    def penilaian():
        r = suite.api("GET", "/api/penilaian/penilaian", tk, params={
            "pegawai_id": staf["id"], "tahun": demo.tahun, "page_size": 50})
        items = r.json() if r.status_code == 200 else []
        items = [p for p in items if bool((p.get("periode") or {}).get("final")) == final]
        return sorted(items, key=lambda p: p["periode"]["awal"]) or None

    p = tunggu(penilaian, timeout=60, what="the penilaian of the approved SKP")[0]
    if p["status"] != "DITETAPKAN":
        body = {"rating_hasil_kerja": rating[0], "rating_perilaku": rating[1]}
        r = suite.api("PUT", f"/api/penilaian/penilaian/{p['id']}/rating", tk, json=body)
        if r.status_code == 422 and "justifikasi" in r.text:
            r = suite.api("PUT", f"/api/penilaian/penilaian/{p['id']}/rating", tk, json={
                **body, "justifikasi": "Sesuai bukti kinerja sepanjang periode."})
        assert r.status_code == 200, r.text
        r = suite.api("POST", f"/api/penilaian/penilaian/{p['id']}/tetapkan", tk)
        assert r.status_code == 200, r.text
    return suite.api("GET", f"/api/penilaian/penilaian/{p['id']}", tk).json()
