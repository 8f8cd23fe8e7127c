"""A revoked session reaches another service over the real RabbitMQ path: a pegawai changes
the password at identity; identity refuses the old token at once; SesiDicabut leaves
identity's outbox through its relay, waits in skp's queue (bound by skp's deploy-time topology,
as `kinerja migrate skp` declares it, before any skp consumer ran), reaches skp's consumer, and
skp refuses the old token too, while a token of a new login works there."""
from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from kinerja_shared.auth import StaticKeySource
from kinerja_shared.auth.revocation import CACHE_SECONDS, sesi_dicabut
from kinerja_shared.messaging.rabbitmq import RabbitConsumer, RabbitPublisher
from kinerja_shared.testing.service import make_test_runtime

ADMIN_NIP, ADMIN_PASSWORD = "199001012020011001", "rahasia-admin-sesi"
NIP, PASSWORD, PASSWORD_BARU = "199203042015031002", "sandi-lama-123", "sandi-baru-456"
CHEAP = {"KINERJA_IDENTITY_ARGON2_TIME_COST": "1", "KINERJA_IDENTITY_ARGON2_MEMORY_COST": "8",
         "KINERJA_IDENTITY_ARGON2_PARALLELISM": "1"}
REVOKED = "Sesi telah dicabut; silakan masuk lagi."


@pytest.fixture
def services(make_pg_database, make_amqp_vhost):
    from identity.service_layer.seed import pastikan_admin_pusat
    from identity.wiring import components

    vhost = make_amqp_vhost("kinerja-sesi")
    publisher = RabbitPublisher(vhost)
    identity = make_test_runtime("identity", make_pg_database("sesi_identity"),
                                 publisher=publisher, extra=dict(CHEAP))
    pastikan_admin_pusat(identity, {"KINERJA_ADMIN_NIP": ADMIN_NIP,
                                    "KINERJA_ADMIN_PASSWORD": ADMIN_PASSWORD})
    skp = make_test_runtime("skp", make_pg_database("sesi_skp"), bus="rabbitmq", amqp_url=vhost,
                            key_source=StaticKeySource(components(identity).keys.jwks))
    skp.declare_topology()  # what `kinerja migrate skp` does at deploy time
    consumer = RabbitConsumer(vhost, "skp", skp.dispatcher, prefetch=50)
    try:
        yield identity, skp, consumer
    finally:
        consumer.stop()
        publisher.close()
        skp.dispose()
        identity.dispose()


def _bearer(client, nip: str, password: str) -> dict[str, str]:
    r = client.post("/auth/login", json={"nip": nip, "password": password})
    assert r.status_code == 200, r.get_json()
    return {"Authorization": f"Bearer {r.get_json()['access_token']}"}


def _pegawai(client) -> dict:
    admin = _bearer(client, ADMIN_NIP, ADMIN_PASSWORD)
    instansi = client.post("/instansi", json={"nama": "Dinas Sesi"}, headers=admin).get_json()
    unor = client.post("/unor", headers=admin,
                       json={"instansi_id": instansi["id"], "nama": "Bidang Sesi"}).get_json()
    r = client.post("/pegawai", headers=admin, json={
        "nip": NIP, "nama": "Sari Sesi", "unor_id": unor["id"], "password": PASSWORD})
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def _waiting_in(runtime, queue: str) -> int:
    import pika

    from kinerja_shared.messaging.rabbitmq import connection_parameters

    connection = pika.BlockingConnection(connection_parameters(runtime.settings.amqp_url))
    try:
        return connection.channel().queue_declare(queue=queue, passive=True).method.message_count
    finally:
        connection.close()


def test_a_password_change_at_identity_revokes_the_old_token_at_skp(services):
    identity, skp, consumer = services
    id_client, skp_client = identity.create_app().test_client(), skp.create_app().test_client()
    pegawai = _pegawai(id_client)
    old = _bearer(id_client, NIP, PASSWORD)
    assert skp_client.get("/peran-saya", headers=old).status_code == 200  # skp remembers "fine"

    r = id_client.post("/auth/password", headers=old,
                       json={"password_lama": PASSWORD, "password_baru": PASSWORD_BARU})
    assert r.status_code == 200 and r.get_json()["nip"] == NIP  # answers the pegawai
    assert id_client.get("/auth/me", headers=old).get_json()["detail"] == REVOKED  # at once
    assert identity.relay.drain() >= 4  # instansi, unor, pegawai snapshots and SesiDicabut
    changed_at = time.monotonic()
    assert _waiting_in(skp, "skp") >= 4  # no skp consumer yet: the deploy-time bindings hold them
    consumer.start()
    assert consumer.wait_ready(30)

    def skp_refuses() -> bool:
        r = skp_client.get("/peran-saya", headers=old)
        assert r.status_code in (200, 401), r.get_json()
        return r.status_code == 401 and r.get_json()["detail"] == REVOKED

    deadline = changed_at + CACHE_SECONDS + 20
    while not skp_refuses():
        assert time.monotonic() < deadline, "skp still accepts the revoked token"
        time.sleep(0.2)
    new = _bearer(id_client, NIP, PASSWORD_BARU)
    assert skp_client.get("/peran-saya", headers=new).status_code == 200
    assert id_client.get("/auth/me", headers=new).status_code == 200
    with skp.engine.connect() as conn:
        row = conn.execute(sa.select(sesi_dicabut)).mappings().one()
    assert (row["pegawai_id"], row["alasan"]) == (pegawai["id"], "PASSWORD_DIGANTI")
