"""The UI's API client: problem+json field errors flattened for the forms, paging read from
X-Pagination, the two transports' addresses, and a login without the session's refresh."""
from __future__ import annotations

from kinerja_web.api import HttpTransport, Jawaban


def test_nested_field_errors_become_dotted_names():
    j = Jawaban(422, {"detail": "Periksa kembali isian yang ditandai.", "errors": {
        "target": ["Harus angka."], "bukti_dukung": {"1": {"url": ["URL tidak valid."]}},
        "rhk": {"abc": {"indikator": ["Minimal satu indikator."]}}}}, {})
    assert j.errors == {"target": ["Harus angka."], "bukti_dukung.1.url": ["URL tidak valid."],
                        "rhk.abc.indikator": ["Minimal satu indikator."]}
    assert j.detail == "Periksa kembali isian yang ditandai."
    assert Jawaban(500, None, {}).detail == "Permintaan tidak dapat diproses."


def test_paging_comes_from_x_pagination():
    j = Jawaban(200, [], {"X-Pagination": '{"total": 65000, "total_pages": 2600, "page": 3}'})
    assert j.paging["total"] == 65000 and j.paging["page"] == 3
    assert Jawaban(200, [], {}).paging == {}


def test_http_transport_calls_each_service_directly_or_through_a_gateway():
    assert HttpTransport("http://{service}:8000").url("skp", "/skp/1") == "http://skp:8000/skp/1"
    assert HttpTransport("https://kinerja.example.go.id/").url("angka-kredit", "/x") == \
        "https://kinerja.example.go.id/api/angka-kredit/x"
