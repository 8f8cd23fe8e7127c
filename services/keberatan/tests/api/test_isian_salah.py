"""Bad input answers 422 with the field at fault, never 500: unknown rating, nilai outside
0-100, alasan missing, bukti that is not a URL, values that do not fit the penilaian's model,
a decision without what it needs, unknown fields, wrong types, bad filters."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from kinerja_shared import clock

DI_ATAS = "DI_ATAS_EKSPEKTASI"
DITETAPKAN = datetime(2099, 3, 3, 9, 0, tzinfo=timezone.utc)
PP30 = {"ORIENTASI_PELAYANAN": "80", "KOMITMEN": "90", "INISIATIF_KERJA": "85",
        "KERJA_SAMA": "85"}


@pytest.fixture(autouse=True)
def dalam_jendela():
    with clock.frozen(DITETAPKAN + timedelta(days=1)):
        yield


def ada(errors: dict, field: str) -> bool:
    """The field, or a part of it (``nilai_perilaku_pp30.KOMITMEN``), is named."""
    return any(k == field or k.startswith(field + ".") for k in errors)


@pytest.fixture
def predikat(world):
    world.instansi()
    peg, penilai, atasan = world.orang()
    return {"PERMENPAN_6_2022": world.predikat(peg, penilai, atasan),
            "PP_30_2019": world.predikat(peg, penilai, atasan, model="PP_30_2019",
                                         predikat="BUTUH_PERBAIKAN", nilai_pp30=PP30,
                                         nilai_kinerja="87.57"),
            "pegawai": peg, "penilai": penilai, "atasan": atasan}


@pytest.mark.parametrize("model, data, field", [
    ("PERMENPAN_6_2022", {"rating_perilaku_diminta": "LUAR_BIASA"}, "rating_perilaku_diminta"),
    ("PERMENPAN_6_2022", {"rating_hasil_kerja_diminta": 3}, "rating_hasil_kerja_diminta"),
    ("PERMENPAN_6_2022", {"alasan": None, "rating_perilaku_diminta": DI_ATAS}, "alasan"),
    ("PERMENPAN_6_2022", {"alasan": "", "rating_perilaku_diminta": DI_ATAS}, "alasan"),
    ("PERMENPAN_6_2022", {"alasan": "x" * 5001, "rating_perilaku_diminta": DI_ATAS}, "alasan"),
    ("PERMENPAN_6_2022", {"rating_perilaku_diminta": DI_ATAS,
                          "bukti_dukung": ["bukan url"]}, "bukti_dukung.0"),
    ("PERMENPAN_6_2022", {"rating_perilaku_diminta": DI_ATAS,
                          "bukti_dukung": ["ftp://x.go.id/a"]}, "bukti_dukung.0"),
    ("PERMENPAN_6_2022", {"rating_perilaku_diminta": DI_ATAS,
                          "bukti_dukung": [{"url": "https://x.go.id", "lain": 1}]},
     "bukti_dukung.0"),
    ("PERMENPAN_6_2022", {"rating_perilaku_diminta": DI_ATAS, "bukti_dukung": "https://x.id"},
     "bukti_dukung"),
    ("PERMENPAN_6_2022", {}, "rating_hasil_kerja_diminta"),  # asks for nothing
    ("PERMENPAN_6_2022", {"nilai_perilaku_pp30_diminta": {"KOMITMEN": 95}},
     "nilai_perilaku_pp30_diminta"),
    ("PP_30_2019", {"nilai_perilaku_pp30_diminta": {"KOMITMEN": 101}},
     "nilai_perilaku_pp30_diminta"),
    ("PP_30_2019", {"nilai_perilaku_pp30_diminta": {"KOMITMEN": -1}},
     "nilai_perilaku_pp30_diminta"),
    ("PP_30_2019", {"nilai_perilaku_pp30_diminta": {"KOMITMEN": "NaN"}},
     "nilai_perilaku_pp30_diminta"),
    ("PP_30_2019", {"nilai_perilaku_pp30_diminta": {"JUJUR": 90}},
     "nilai_perilaku_pp30_diminta"),
    ("PP_30_2019", {"nilai_perilaku_pp30_diminta": {"KEPEMIMPINAN": 90}},
     "nilai_perilaku_pp30_diminta.KEPEMIMPINAN"),  # not rated on this penilaian
    ("PP_30_2019", {"rating_perilaku_diminta": DI_ATAS}, "rating_perilaku_diminta"),
    ("PERMENPAN_6_2022", {"rating_perilaku_diminta": DI_ATAS, "revisi": 0}, "revisi"),
    ("PERMENPAN_6_2022", {"rating_perilaku_diminta": DI_ATAS, "warna": "merah"}, "warna"),
])
def test_filing_refuses_bad_input_per_field(world, client, predikat, model, data, field):
    body = {"penilaian_id": predikat[model], "alasan": "Tidak sesuai", **data}
    r = client.post("/keberatan", headers=world.h(predikat["pegawai"]), json=body)
    assert r.status_code == 422, r.json
    assert ada(r.json["errors"], field), r.json["errors"]


def test_filing_refuses_what_is_not_an_object(world, client, predikat):
    for body in ([], "x", 5, None):
        r = client.post("/keberatan", headers=world.h(predikat["pegawai"]), json=body)
        assert r.status_code in (400, 422), r.json


def _siap_diputuskan(world, client, predikat, model):
    r = client.post("/keberatan", headers=world.h(predikat["pegawai"]), json={
        "penilaian_id": predikat[model], "alasan": "x",
        **({"rating_perilaku_diminta": DI_ATAS} if model == "PERMENPAN_6_2022" else {})})
    assert r.status_code == 201, r.json
    kid = r.json["id"]
    r = client.post(f"/keberatan/{kid}/penjelasan", headers=world.h(predikat["penilai"]),
                    json={"penjelasan": "y"})
    assert r.status_code == 200, r.json
    return kid


@pytest.mark.parametrize("model, data, field", [
    ("PERMENPAN_6_2022", {"keputusan": "MUNGKIN", "uraian": "x"}, "keputusan"),
    ("PERMENPAN_6_2022", {"keputusan": "DISETUJUI", "rating_perilaku": DI_ATAS}, "uraian"),
    ("PERMENPAN_6_2022", {"keputusan": "DISETUJUI", "uraian": "x"}, "rating_hasil_kerja"),
    ("PERMENPAN_6_2022", {"keputusan": "DISETUJUI", "uraian": "x",
                          "rating_perilaku": "BAGUS"}, "rating_perilaku"),
    ("PERMENPAN_6_2022", {"keputusan": "DITOLAK", "uraian": "x",
                          "rating_perilaku": DI_ATAS}, "keputusan"),
    ("PP_30_2019", {"keputusan": "DISETUJUI", "uraian": "x"}, "nilai_perilaku_pp30"),
    ("PP_30_2019", {"keputusan": "DISETUJUI", "uraian": "x",
                    "nilai_perilaku_pp30": {"KOMITMEN": 100.5}}, "nilai_perilaku_pp30"),
    ("PP_30_2019", {"keputusan": "DISETUJUI", "uraian": "x",
                    "nilai_perilaku_pp30": {"KEPEMIMPINAN": 90}},
     "nilai_perilaku_pp30.KEPEMIMPINAN"),
    ("PP_30_2019", {"keputusan": "DISETUJUI", "uraian": "x", "rating_perilaku": DI_ATAS,
                    "nilai_perilaku_pp30": {"KOMITMEN": 95}}, "rating_perilaku"),
])
def test_a_decision_refuses_bad_input_per_field(world, client, predikat, model, data, field):
    kid = _siap_diputuskan(world, client, predikat, model)
    r = client.post(f"/keberatan/{kid}/keputusan", headers=world.h(predikat["atasan"]),
                    json=data)
    assert r.status_code == 422, r.json
    assert ada(r.json["errors"], field), r.json["errors"]
    assert client.get(f"/keberatan/{kid}", headers=world.h(predikat["pegawai"])).json[
        "status"] == "DIJELASKAN"  # nothing changed


@pytest.mark.parametrize("path, data, field", [
    ("penjelasan", {}, "penjelasan"),
    ("penjelasan", {"penjelasan": ""}, "penjelasan"),
    ("penjelasan", {"penjelasan": ["x"]}, "penjelasan"),
    ("sanggahan", {"sanggahan": None}, "sanggahan"),
    ("tarik", {"alasan": 5}, "alasan"),
])
def test_steps_refuse_bad_input_per_field(world, client, predikat, path, data, field):
    kid = _siap_diputuskan(world, client, predikat, "PERMENPAN_6_2022")
    r = client.post(f"/keberatan/{kid}/{path}", headers=world.h(predikat["penilai"]), json=data)
    assert r.status_code == 422, r.json
    assert ada(r.json["errors"], field), r.json["errors"]


@pytest.mark.parametrize("query, field", [
    ({"status": "SELESAI"}, "status"), ({"tahun": "dua ribu"}, "tahun"),
    ({"tahun": 99999}, "tahun"), ({"nip": "19900101abc"}, "nip"),
    ({"menunggu_lebih_dari_hari": -1}, "menunggu_lebih_dari_hari"),
    ({"sebagai": "RAJA"}, "sebagai"), ({"page_size": 501}, "page_size"),
    ({"nama": "x" * 201}, "nama"),
])
def test_the_list_refuses_bad_filters(world, client, query, field):
    r = client.get("/keberatan", headers=world.admin(), query_string=query)
    assert r.status_code == 422, r.json
    assert field in str(r.json["errors"])


def test_a_name_filter_with_like_characters_matches_them_literally(world, client, predikat):
    for nama in ("%", "_", "\\"):
        r = client.get("/keberatan", headers=world.admin(), query_string={"nama": nama})
        assert (r.status_code, r.json) == (200, [])
