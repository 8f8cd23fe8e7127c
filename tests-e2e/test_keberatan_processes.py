"""A keberatan decision flows back to the predikat across processes on RabbitMQ, the way
production runs it: penilaian and keberatan each as gunicorn web, outbox relay and consumer
processes on their own PostgreSQL databases. identity's and skp's events (instansi, period,
pegawai, the approved SKP) are published onto the bus as those services would; tokens are
verified against a JWKS document served on loopback.

tetapkan at penilaian -> PredikatDitetapkan reaches keberatan -> the pegawai files -> the
pejabat penilai explains -> the atasan pejabat penilai decides -> KeberatanDiputuskan reaches
penilaian -> PredikatFinal revisi 2 reaches a reader, which applies it exactly once although
its first attempt fails (RabbitMQ redelivers) and the same message is published again (what a
relay that dies between the broker's confirm and deleting its outbox rows does)."""
from __future__ import annotations

import json
import os
import threading
import uuid
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import requests
import sqlalchemy as sa

from kinerja_shared.auth.keys import jwks_document
from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.db import UnitOfWork, make_engine, make_session_factory, naming_metadata
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.events.contracts.common import PegawaiRingkas
from kinerja_shared.messaging import add_messaging_tables
from kinerja_shared.messaging.dispatcher import EventDispatcher
from kinerja_shared.messaging.outbox import OutgoingMessage
from kinerja_shared.messaging.rabbitmq import RabbitConsumer, RabbitPublisher

from processes import Stack, wait_until

INSTANSI = "inst-e2e-keberatan"
SESUAI, DI_BAWAH = "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"


class Jwks(BaseHTTPRequestHandler):
    document = b"{}"

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.document)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def minter():
    return TokenMinter()


@pytest.fixture(scope="module")
def jwks_url(minter):
    Jwks.document = json.dumps(jwks_document([minter.key])).encode()
    server = HTTPServer(("127.0.0.1", 0), Jwks)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/jwks.json"
    server.shutdown()


@pytest.fixture(scope="module")
def stack(make_pg_database, make_amqp_vhost, tmp_path_factory, jwks_url):
    env = {**os.environ, "KINERJA_BUS": "rabbitmq", "KINERJA_AMQP_URL": make_amqp_vhost(),
           "KINERJA_PENILAIAN_DATABASE_URL": make_pg_database(),
           "KINERJA_KEBERATAN_DATABASE_URL": make_pg_database(),
           "KINERJA_JWKS_URL": jwks_url, "KINERJA_LOG_FORMAT": "json",
           "KINERJA_RELAY_POLL_INTERVAL": "0.1"}
    s = Stack(env, tmp_path_factory.mktemp("keberatan-logs"))
    s.run("migrate", "penilaian", "keberatan")  # queues and bindings before anything is sent
    try:
        for service in ("penilaian", "keberatan"):
            s.web(service, workers=1)
            s.relay(service)
            s.consumer(service)
        yield s
    finally:
        s.stop()


class Pembaca:
    """A consumer of PredikatFinal with its own inbox: each applied event is a row written in
    the transaction of its inbox entry. Its first attempt at a revision 2 fails."""

    def __init__(self, tmp_path):
        self.metadata = naming_metadata()
        add_messaging_tables(self.metadata)
        self.diterima = sa.Table("diterima", self.metadata,
                                 sa.Column("id", sa.Integer, primary_key=True),
                                 sa.Column("event_id", sa.String(64)),
                                 sa.Column("penilaian_id", sa.String(64)),
                                 sa.Column("revisi", sa.Integer))
        self.engine = make_engine(f"sqlite:///{tmp_path}/pembaca.db")
        self.metadata.create_all(self.engine)
        self.percobaan: list[tuple[str, int]] = []
        self.amplop: dict[tuple[str, int], EventEnvelope] = {}

    def handle(self, payload, envelope, uow) -> None:
        kunci = (payload.penilaian_id, payload.revisi)
        self.percobaan.append(kunci)
        self.amplop[kunci] = envelope
        if payload.revisi == 2 and self.percobaan.count(kunci) == 1:
            raise RuntimeError("the reader fails its first attempt (test)")
        uow.session.execute(self.diterima.insert().values(
            event_id=str(envelope.event_id), penilaian_id=payload.penilaian_id,
            revisi=payload.revisi))

    def revisi(self, penilaian_id) -> list[int]:
        with self.engine.connect() as conn:
            return [r for (r,) in conn.execute(sa.select(self.diterima.c.revisi).where(
                self.diterima.c.penilaian_id == penilaian_id).order_by(self.diterima.c.id))]


def _amplop(payload, aggregate_id):
    return EventEnvelope.wrap(payload, aggregate_id=aggregate_id, instansi_id=INSTANSI)


def _kirim(publisher, *envelopes: EventEnvelope):
    publisher.publish_batch([OutgoingMessage(str(e.event_id), e.event_type, e.routing_key,
                                             _bytes(e.to_json())) for e in envelopes])


def _bytes(body):
    return body if isinstance(body, bytes) else body.encode()


def _identity_dan_skp():
    """What identity and skp would have published: the instansi, a final period, the staff
    member, the kepala (pejabat penilai), the atasan, and the approved SKP."""
    out = [_amplop(idev.InstansiDiperbarui(id=INSTANSI, nama="Pemda E2E", revisi=1), INSTANSI),
           _amplop(idev.PeriodeDiperbarui(
               id="per-e2e", instansi_id=INSTANSI, tahun=2099, nama="Tahunan",
               awal=date(2099, 1, 1), akhir=date(2099, 12, 31),
               batas_pengisian=date(2100, 1, 31), final=True, revisi=1), "per-e2e")]
    for pid, jenis in (("staf", "PEGAWAI"), ("kepala", "PIMPINAN"), ("atasan", "PIMPINAN")):
        out.append(_amplop(idev.PegawaiDiperbarui(
            id=pid, instansi_id=INSTANSI, nama=pid.title(), jenis_jabatan=jenis, revisi=1), pid))
    out.append(_amplop(skpev.SkpDisetujui(
        skp_id="skp-staf", instansi_id=INSTANSI, pegawai=PegawaiRingkas(id="staf", nama="Staf"),
        jenis="JF_JA", pendekatan="KUANTITATIF", model="PERMENPAN_6_2022",
        periode_awal=date(2099, 1, 1), periode_akhir=date(2099, 12, 31),
        pejabat_penilai=PegawaiRingkas(id="kepala", nama="Kepala"),
        atasan_pejabat_penilai=PegawaiRingkas(id="atasan", nama="Atasan")), "skp-staf"))
    return out


def test_a_decided_keberatan_reaches_a_predikat_final_reader_once(stack, minter,
                                                                  make_amqp_vhost, tmp_path):
    penilaian, keberatan = stack.urls["penilaian"], stack.urls["keberatan"]
    h = {p: minter.headers(p, instansi_id=INSTANSI) for p in ("staf", "kepala", "atasan")}
    vhost = stack.env["KINERJA_AMQP_URL"]
    pembaca = Pembaca(tmp_path)
    dispatcher = EventDispatcher("pembaca-e2e", lambda: UnitOfWork(
        make_session_factory(pembaca.engine)), {"PredikatFinal": pembaca.handle})
    consumer = RabbitConsumer(vhost, "pembaca-e2e", dispatcher, prefetch=10)
    publisher = RabbitPublisher(vhost)
    consumer.start()
    try:
        assert consumer.wait_ready(30)
        _kirim(publisher, *_identity_dan_skp())

        def penilaian_staf():
            r = requests.get(f"{penilaian}/penilaian", headers=h["kepala"], timeout=10,
                             params={"pegawai_id": "staf"})
            return r.json() if r.status_code == 200 else None

        [pen] = wait_until(penilaian_staf, timeout=60,
                           what=lambda: "the penilaian made from SkpDisetujui\n" + stack.logs())
        pid = pen["id"]
        r = requests.put(f"{penilaian}/penilaian/{pid}/rating", headers=h["kepala"], timeout=10,
                         json={"rating_hasil_kerja": SESUAI, "rating_perilaku": DI_BAWAH})
        assert r.status_code == 200 and r.json()["predikat"] == "KURANG", r.text
        r = requests.post(f"{penilaian}/penilaian/{pid}/tetapkan", headers=h["kepala"],
                          timeout=10)
        assert r.status_code == 200 and r.json()["revisi"] == 1, r.text

        def ajukan():
            r = requests.post(f"{keberatan}/keberatan", headers=h["staf"], timeout=10, json={
                "penilaian_id": pid, "alasan": "Perilaku saya sesuai ekspektasi",
                "rating_perilaku_diminta": SESUAI})
            assert r.status_code in (201, 404), r.text  # 404 until the predikat arrives
            return r.json() if r.status_code == 201 else None

        kb = wait_until(ajukan, timeout=60, what=lambda: "PredikatDitetapkan at keberatan\n"
                        + stack.logs())
        assert (kb["status"], kb["pemutus"]["id"]) == ("DIAJUKAN", "atasan")
        kid = kb["id"]
        r = requests.post(f"{keberatan}/keberatan/{kid}/penjelasan", headers=h["kepala"],
                          timeout=10, json={"penjelasan": "Catatan perilaku mendukung"})
        assert r.status_code == 200, r.text
        r = requests.post(f"{keberatan}/keberatan/{kid}/keputusan", headers=h["atasan"],
                          timeout=10, json={"keputusan": "DISETUJUI", "uraian": "Diterima",
                                            "rating_perilaku": SESUAI})
        assert r.status_code == 200 and r.json()["status"] == "DISETUJUI", r.text

        wait_until(lambda: pembaca.revisi(pid) == [1, 2], timeout=60,
                   what=lambda: f"PredikatFinal 1 and 2 at the reader: {pembaca.percobaan}\n"
                   + stack.logs())
        assert pembaca.percobaan.count((pid, 2)) == 2  # failed once, redelivered, applied

        # the same message again, then a marker behind it in the same queue
        _kirim(publisher, pembaca.amplop[(pid, 2)], pembaca.amplop[(pid, 1)].model_copy(
            update={"event_id": uuid.uuid4(), "aggregate_id": "penanda",
                    "payload": {**pembaca.amplop[(pid, 1)].payload,
                                "penilaian_id": "penanda"}}))
        wait_until(lambda: pembaca.revisi("penanda") == [1], timeout=30, what="the marker")
        assert pembaca.revisi(pid) == [1, 2]  # revisi 2 exactly once
        assert pembaca.percobaan.count((pid, 2)) == 2  # the duplicate never reached it

        def sesudah():
            body = requests.get(f"{keberatan}/keberatan/{kid}", headers=h["staf"],
                                timeout=10).json()
            return body["nilai"]["sesudah"] if body["nilai"]["sesudah"]["predikat"] else None

        assert wait_until(sesudah, timeout=30, what="the new predikat at keberatan") == {
            "rating_hasil_kerja": SESUAI, "rating_perilaku": SESUAI, "predikat": "BAIK",
            "nilai_perilaku_pp30": None, "nilai_kinerja": None}
        r = requests.get(f"{penilaian}/penilaian/{pid}", headers=h["staf"], timeout=10)
        assert (r.json()["predikat"], r.json()["revisi"]) == ("BAIK", 2)
    finally:
        consumer.stop()
        publisher.close()
        pembaca.engine.dispose()
