"""Production storage against a real S3-compatible server (moto in server mode, over HTTP):
a report job stores its file in the bucket and the download is a presigned link that expires;
another pegawai gets 404 before any link is made. (moto does not check presigned signatures
or expiry; S3 and S3-compatible servers do: the test checks the link carries both.)"""
from __future__ import annotations

import io
import time

import openpyxl
import pytest
import requests

from kinerja_shared.testing.service import make_test_runtime

BUCKET = "kinerja-laporan-test"


@pytest.fixture
def s3(monkeypatch):
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    import boto3

    endpoint = f"http://{host}:{port}"
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture
def runtime_s3(make_pg_database, minter, s3):
    rt = make_test_runtime("reporting", make_pg_database("kinerja_reporting_s3"),
                           key_source=minter.key_source, extra={
                               "KINERJA_REPORTING_STORAGE": "s3",
                               "KINERJA_REPORTING_S3_BUCKET": BUCKET,
                               "KINERJA_REPORTING_S3_ENDPOINT_URL": s3,
                               "KINERJA_REPORTING_S3_REGION": "us-east-1",
                               "KINERJA_REPORTING_LINK_TTL": "120"})
    yield rt
    rt.dispose()


def test_a_report_is_kept_in_s3_and_downloaded_by_a_presigned_link(runtime_s3, minter,
                                                                   dunia_kelas):
    dunia = dunia_kelas(runtime_s3, minter, instansi_id="i-s3")
    dunia.dasar()
    dunia.skp("skp-staf", "staf", "kabid")
    client = runtime_s3.create_app().test_client()
    admin = dunia.h("admin", "admin_instansi")
    r = client.post("/laporan", json={"jenis": "RENCANA_SKP_TAHUNAN", "tahun": 2025},
                    headers=admin)
    assert r.status_code == 202, r.get_json()
    job_id = r.get_json()["id"]
    deadline = time.monotonic() + 60
    while (job := client.get(f"/laporan/{job_id}", headers=admin).get_json())["status"] != "SELESAI":
        assert job["status"] != "GAGAL" and time.monotonic() < deadline, job
        time.sleep(0.1)
    assert client.get(f"/laporan/{job_id}/berkas", headers=dunia.h("staf")).status_code == 404
    link = client.get(f"/laporan/{job_id}/berkas", headers=admin).headers["Location"]
    assert BUCKET in link and "X-Amz-Expires=120" in link and "X-Amz-Signature=" in link
    got = requests.get(link, timeout=30)
    assert got.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(got.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "LAPORAN RENCANA SKP TAHUNAN"
