"""Every endpoint is described in /openapi.json, and none of them answers 500 to odd input."""


def test_every_operation_has_a_description_and_security_where_needed(client):
    spec = client.get("/openapi.json").get_json()
    # refresh and keluar: the refresh token in the body proves the session
    public = {("/auth/login", "post"), ("/.well-known/jwks.json", "get"),
              ("/auth/refresh", "post"), ("/auth/keluar", "post")}
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            assert op.get("summary") or op.get("description"), (path, method)
            if (path, method) not in public:
                assert op.get("security"), (path, method)


def test_odd_input_is_a_4xx_never_a_500(api, instansi):
    odd = [
        ("post", "/pegawai", {"data": "not json", "content_type": "application/json"}),
        ("post", "/unor", {"json": ["a list"]}),
        ("get", "/pegawai?page=0", {}),
        ("get", "/pegawai?page_size=100000", {}),
        ("patch", f"/periode/{'x' * 500}", {"json": {"nama": "X"}}),
        ("put", f"/pegawai/{instansi.staf['id']}/relasi", {"json": {"rekan_kerja_ids": "abc"}}),
        ("get", "/unor?mandiri=mungkin", {}),
        ("post", "/periode", {"json": {"instansi_id": instansi.id, "tahun": "dua ribu"}}),
    ]
    for method, url, kw in odd:
        r = getattr(api.client, method)(url, headers=instansi.admin, **kw)
        assert 400 <= r.status_code < 500, (method, url, r.status_code, r.get_json(silent=True))
