"""A pull of SIASN's pegawai and unor reaches identity through RabbitMQ: integration's worker
pulls from the sandbox, its relay publishes PegawaiSiasnDiterima / UnorSiasnDiterima to the
real broker, identity's consumer (bound by its deploy-time topology) applies them. A second
pull after SIASN changed two pegawai, one of which an admin had edited here: one is updated,
the other reported as one conflict, the local edit kept.

1,000 pegawai and 50 units in the suite; 10,000 and 500 with `-m slow`."""
from __future__ import annotations

import secrets
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from kinerja_shared.auth.principal import Principal
from kinerja_shared.messaging.rabbitmq import RabbitConsumer, RabbitPublisher
from kinerja_shared.testing.service import make_test_runtime
from processes import wait_until

sys.path.insert(0, str(Path(__file__).parents[1] / "services" / "integration" / "tests"))
from integrasi_uji import Sandbox, kerjakan, siasn_settings  # noqa: E402

from integration.sandbox.server import serve_in_thread  # noqa: E402
from integration.sandbox.siasn import SiasnCredentials, create_app, seed  # noqa: E402
from integration.service_layer import sinkron  # noqa: E402

ADMIN_NIP, ADMIN_PASSWORD = "199001012020011001", "rahasia-admin-tarik"
CHEAP = {"KINERJA_IDENTITY_ARGON2_TIME_COST": "1", "KINERJA_IDENTITY_ARGON2_MEMORY_COST": "8",
         "KINERJA_IDENTITY_ARGON2_PARALLELISM": "1"}


@pytest.fixture
def stack(make_pg_database, make_amqp_vhost):
    from identity.service_layer.seed import pastikan_admin_pusat

    vhost = make_amqp_vhost("kinerja-tarik")
    creds = SiasnCredentials(secrets.token_hex(8), secrets.token_hex(16), "kinerja-e2e",
                             "operator", secrets.token_hex(16))
    box = Sandbox(serve_in_thread(create_app(creds)), creds)
    publisher = RabbitPublisher(vhost)
    integration = make_test_runtime("integration", make_pg_database("tarik_integration"),
                                    publisher=publisher)
    integration.components.configure(siasn=siasn_settings(box, page_size=500), lease=30.0)
    identity = make_test_runtime("identity", make_pg_database("tarik_identity"), bus="rabbitmq",
                                 amqp_url=vhost, extra=dict(CHEAP))
    pastikan_admin_pusat(identity, {"KINERJA_ADMIN_NIP": ADMIN_NIP,
                                    "KINERJA_ADMIN_PASSWORD": ADMIN_PASSWORD})
    identity.declare_topology()  # what `kinerja migrate identity` does at deploy time
    consumer = RabbitConsumer(vhost, "identity", identity.dispatcher, prefetch=300,
                              batch_size=100)
    consumer.start()
    try:
        yield box, integration, identity
    finally:
        consumer.stop()
        publisher.close()
        integration.components.close()
        integration.dispose()
        identity.dispose()
        box.close()


def _bearer(client, nip, password):
    r = client.post("/auth/login", json={"nip": nip, "password": password})
    assert r.status_code == 200, r.get_json()
    return {"Authorization": f"Bearer {r.get_json()['access_token']}"}


def _pull(integration, admin: Principal, jenis: str) -> dict:
    with integration.uow() as uow:
        job = sinkron.minta_tarik(uow, admin, jenis=jenis)
        uow.commit()
    kerjakan(integration)
    integration.relay.drain()
    with integration.uow() as uow:
        return sinkron.ambil(uow, admin, job["id"], sistem="SIASN", arah="TARIK",
                             jenis=sinkron.JENIS_TARIK)


def _count(identity, sql: str, **params) -> int:
    with identity.engine.connect() as conn:
        return conn.execute(sa.text(sql), params).scalar()


@pytest.mark.parametrize("pegawai,unor", [
    (1_000, 50), pytest.param(10_000, 500, marks=pytest.mark.slow)])
def test_a_pull_reaches_identity_through_rabbitmq_with_one_conflict(stack, pegawai, unor):
    box, integration, identity = stack
    client = identity.create_app().test_client()
    admin_pusat = _bearer(client, ADMIN_NIP, ADMIN_PASSWORD)
    instansi = client.post("/instansi", json={"nama": "Badan Tarik SIASN"},
                           headers=admin_pusat).get_json()
    admin = Principal("admin-x", nama="Admin", instansi_id=instansi["id"],
                      roles=frozenset({"admin_instansi"}))
    with integration.uow() as uow:
        sinkron.ubah_pengaturan(uow, admin, siasn_instansi_id="SIASN-BIG")
        uow.commit()
    seed(box.state, "SIASN-BIG", pegawai=pegawai, unor=unor, seed_value=5)

    started = time.monotonic()
    job = _pull(integration, admin, "UNOR_DAN_PEGAWAI")
    assert job["status"] == "SELESAI" and (job["tambah"], job["gagal"]) == (pegawai + unor, 0)
    wait_until(lambda: _count(identity, "select count(*) from pegawai where instansi_id = :i",
                              i=instansi["id"]) == pegawai, timeout=600, interval=0.5,
               what="every pegawai in identity")
    wait_until(lambda: _count(identity, "select count(*) from pegawai where instansi_id = :i "
                                        "and jenis_jabatan = 'PIMPINAN'",
                              i=instansi["id"]) == unor,
               timeout=120, interval=0.5, what="each unit's head")
    elapsed = time.monotonic() - started
    assert _count(identity, "select count(*) from unor where instansi_id = :i",
                  i=instansi["id"]) == unor
    assert _count(identity, "select count(*) from unor where instansi_id = :i and "
                            "unor_atasan_id is null", i=instansi["id"]) == 1
    print(f"{pegawai} pegawai + {unor} unor pulled and applied in {elapsed:.1f} s "
          f"({(pegawai + unor) / elapsed:.0f} records/s end to end)")

    people = box.pegawai("SIASN-BIG")
    edited, changed = people[10], people[11]
    with identity.engine.connect() as conn:
        row = conn.execute(sa.text("select id from pegawai where nip = :n"),
                           {"n": edited["nipBaru"]}).one()
    r = client.patch(f"/pegawai/{row.id}", headers=admin_pusat,
                     json={"jabatan": "Jabatan menurut SK lokal"})
    assert r.status_code == 200, r.get_json()
    box.http.patch(f"/_sandbox/pegawai/{edited['nipBaru']}", json={"jabatanNama": "Jabatan SIASN"})
    box.http.patch(f"/_sandbox/pegawai/{changed['nipBaru']}", json={"golRuangAkhir": "IV/b"})
    job = _pull(integration, admin, "PEGAWAI")
    assert (job["tambah"], job["ubah"], job["hapus"]) == (0, 2, 0)
    wait_until(lambda: _count(identity, "select count(*) from siasn_konflik where "
                                        "instansi_id = :i", i=instansi["id"]) == 1,
               timeout=60, interval=0.3, what="the conflict")
    wait_until(lambda: _count(identity, "select count(*) from pegawai where nip = :n and "
                                        "golongan = 'IV/b'", n=changed["nipBaru"]) == 1,
               timeout=60, interval=0.3, what="the other change applied")
    konflik = client.get("/siasn-konflik", headers=admin_pusat).get_json()
    mine = [k for k in konflik if k["instansi_id"] == instansi["id"]]
    assert [(k["kunci"], k["field"], k["nilai_lokal"], k["nilai_siasn"]) for k in mine] == \
        [(edited["nipBaru"], "jabatan", "Jabatan menurut SK lokal", "Jabatan SIASN")]
    assert _count(identity, "select count(*) from pegawai where nip = :n and jabatan = "
                            "'Jabatan menurut SK lokal'", n=edited["nipBaru"]) == 1
