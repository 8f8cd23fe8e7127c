"""A keberatan decision reaches angka kredit across processes on RabbitMQ: identity, penilaian
and angka-kredit run as their own gunicorn, relay and consumer processes on their own
PostgreSQL databases. The pejabat penilai sets the predikat (PredikatFinal revisi 1 -> an AK
row, which is signed); the keberatan decision is published onto the exchange as the keberatan
service publishes it; the real penilaian consumer applies it and publishes PredikatFinal
revisi 2; the real angka-kredit consumer supersedes the signed PAK and drafts the correction.

SkpDisetujui is published the same way, as skp would (the SKP's own workflow is skp's tests'
business; this machine is shared)."""
from __future__ import annotations

import os
import uuid
from datetime import date, datetime, timezone

import pytest
import requests

from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.events.contracts.common import PegawaiRingkas
from kinerja_shared.events.contracts.keberatan import KeberatanDiputuskan
from kinerja_shared.messaging.outbox import OutgoingMessage
from kinerja_shared.messaging.rabbitmq import RabbitPublisher
from processes import Stack, wait_until

ADMIN_NIP = "199001012020011001"
PASSWORD = "rahasia-uji-e2e"
PENILAI_NIP = "197501012000031001"
TAHUN = 2026
ASPEK = ["BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF",
         "KOLABORATIF"]


@pytest.fixture(scope="module")
def stack(make_pg_database, make_amqp_vhost, tmp_path_factory):
    amqp = make_amqp_vhost()
    env = {**os.environ, "KINERJA_BUS": "rabbitmq", "KINERJA_AMQP_URL": amqp,
           "KINERJA_IDENTITY_DATABASE_URL": make_pg_database(),
           "KINERJA_PENILAIAN_DATABASE_URL": make_pg_database(),
           "KINERJA_ANGKA_KREDIT_DATABASE_URL": make_pg_database(),
           "KINERJA_ADMIN_NIP": ADMIN_NIP, "KINERJA_ADMIN_PASSWORD": PASSWORD,
           "KINERJA_LOG_FORMAT": "json"}
    s = Stack(env, tmp_path_factory.mktemp("ak-stack-logs"))
    s.run("migrate", "identity", "penilaian", "angka_kredit")
    try:
        identity = s.web("identity", workers=1)
        s.env["KINERJA_JWKS_URL"] = f"{identity}/.well-known/jwks.json"
        s.web("penilaian", workers=1)
        s.web("angka_kredit", workers=1)
        for service in ("identity", "penilaian", "angka_kredit"):
            s.relay(service)
        s.consumer("penilaian")
        s.consumer("angka_kredit")
        yield s
    finally:
        s.stop()


def _login(url, nip):
    r = requests.post(f"{url}/auth/login", json={"nip": nip, "password": PASSWORD}, timeout=10)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _post(url, headers, json, status=201):
    r = requests.post(url, json=json, headers=headers, timeout=20)
    assert r.status_code == status, r.text
    return r.json()


def _publish(amqp_url, payload, aggregate_id, instansi_id):
    env = EventEnvelope.wrap(payload, aggregate_id=aggregate_id, instansi_id=instansi_id)
    with RabbitPublisher(amqp_url) as publisher:
        publisher.publish_batch([OutgoingMessage(str(env.event_id), env.event_type,
                                                 env.routing_key, env.to_json())])


def _identity(stack):
    """An instansi with a unit, its head (the pejabat penilai) and a JF Ahli Pertama whose TMT
    jabatan is 1 June, and the year's periods."""
    url = stack.urls["identity"]
    admin = _login(url, ADMIN_NIP)
    instansi = _post(f"{url}/instansi", admin, {"nama": "Pemerintah Kota Uji", "kode": "PKU"})
    unor = _post(f"{url}/unor", admin, {"instansi_id": instansi["id"], "nama": "Bagian SDM",
                                        "jenis": "Bagian"})
    penilai = _post(f"{url}/pegawai", admin, {
        "nip": PENILAI_NIP, "nama": "Kepala Bagian", "unor_id": unor["id"],
        "jenis_jabatan": "PIMPINAN", "kategori_jabatan": "ADMINISTRATOR", "password": PASSWORD})
    pegawai = _post(f"{url}/pegawai", admin, {
        "nip": "199203152018012001", "nama": "Analis Uji", "unor_id": unor["id"],
        "jabatan": "Analis SDM Aparatur Ahli Pertama", "kategori_jabatan": "FUNGSIONAL",
        "jenjang": "AHLI_PERTAMA", "golongan": "III/a", "tmt_golongan": "2024-04-01",
        "tmt_jabatan": f"{TAHUN}-06-01"})
    _post(f"{url}/periode/generate", admin, {"instansi_id": instansi["id"], "tahun": TAHUN,
                                             "skema": "TAHUNAN"})
    return admin, instansi, unor, penilai, pegawai


def test_a_keberatan_decision_supersedes_the_signed_pak_with_a_correction(stack):
    admin, instansi, unor, penilai, pegawai = _identity(stack)
    penilaian_url, ak_url = stack.urls["penilaian"], stack.urls["angka_kredit"]
    amqp = stack.env["KINERJA_AMQP_URL"]
    skp_id = "skp-" + uuid.uuid4().hex[:8]
    ringkas = PegawaiRingkas(id=pegawai["id"], nip=pegawai["nip"], nama=pegawai["nama"],
                             unor_id=unor["id"])
    kepala = PegawaiRingkas(id=penilai["id"], nip=PENILAI_NIP, nama=penilai["nama"])

    def penilaian_dibuat():
        r = requests.get(f"{penilaian_url}/penilaian", params={"pegawai_id": pegawai["id"]},
                         headers=admin, timeout=10)
        return r.json() if r.status_code == 200 and r.json() else None

    # skp's SkpDisetujui, once identity's events reached penilaian (its periods, its pegawai)
    def skp_disetujui():
        _publish(amqp, skpev.SkpDisetujui(
            skp_id=skp_id, instansi_id=instansi["id"], unor_id=unor["id"], pegawai=ringkas,
            jenis="JF_JA", pendekatan="KUANTITATIF", model="PERMENPAN_6_2022",
            periode_awal=date(TAHUN, 1, 1), periode_akhir=date(TAHUN, 12, 31),
            pejabat_penilai=kepala, perilaku=[skpev.PerilakuSnapshot(aspek=a) for a in ASPEK],
            revisi=1), skp_id, instansi["id"])
        return wait_until(penilaian_dibuat, timeout=5, what="penilaian")

    [pen] = _retry(skp_disetujui, stack)
    headers = _login(stack.urls["identity"], PENILAI_NIP)
    r = requests.put(f"{penilaian_url}/penilaian/{pen['id']}/rating", headers=headers,
                     json={"rating_hasil_kerja": "SESUAI_EKSPEKTASI",
                           "rating_perilaku": "SESUAI_EKSPEKTASI"}, timeout=10)
    assert r.status_code == 200 and r.json()["predikat"] == "BAIK", r.text
    _post(f"{penilaian_url}/penilaian/{pen['id']}/tetapkan", headers, None, status=200)

    def ak(**params):
        r = requests.get(f"{ak_url}/angka-kredit", params={"nip": pegawai["nip"], **params},
                         headers=admin, timeout=10)
        assert r.status_code == 200, r.text
        return r.json()

    [row] = wait_until(lambda: ak(), timeout=60,
                       what=lambda: "AK row of PredikatFinal revisi 1\n" + stack.logs())
    assert (row["predikat"], row["bulan"], row["angka_kredit"], row["angka_kredit_tampil"]) == (
        "BAIK", 7, "7.291667", "7.292")
    base = f"{ak_url}/angka-kredit/{row['id']}"
    _post(base + "/ajukan", admin, {"nomor_sk": "800/1/PAK/2026", "tempat": "Kota Uji",
                                    "tanggal_sk": f"{TAHUN}-12-01"}, status=200)
    _post(base + "/setujui", headers, None, status=200)
    _post(base + "/tandatangani", headers, {"metode": "TTE"}, status=200)

    # the keberatan decision, as keberatan publishes it
    _publish(amqp, KeberatanDiputuskan(
        keberatan_id="kb-" + uuid.uuid4().hex[:8], penilaian_id=pen["id"],
        pegawai_id=pegawai["id"], keputusan="DISETUJUI", uraian="Bukti dukung lengkap",
        rating_hasil_kerja="DI_ATAS_EKSPEKTASI", rating_perilaku="DI_ATAS_EKSPEKTASI",
        predikat_sebelum="BAIK", pemutus=kepala,
        diputuskan_at=datetime.now(timezone.utc)), pen["id"], instansi["id"])

    [koreksi] = wait_until(lambda: [x for x in ak() if x["predikat"] == "SANGAT_BAIK"],
                           timeout=60, what=lambda: "the correcting AK row\n" + stack.logs())
    # the seed's example: 7 / 12 × 150 % × 12.5 = 10.9375, shown 10.938
    assert (koreksi["angka_kredit"], koreksi["angka_kredit_tampil"], koreksi["status"]) == (
        "10.9375", "10.938", "DRAFT")
    assert (koreksi["predikat_revisi"], koreksi["mengoreksi_id"]) == (2, row["id"])
    [lama] = ak(aktif="false")
    assert (lama["id"], lama["status"], lama["angka_kredit"], lama["nomor_sk"]) == (
        row["id"], "DITANDATANGANI", "7.291667", "800/1/PAK/2026")
    assert lama["digantikan_oleh_id"] == koreksi["id"]


def _retry(fn, stack, attempts: int = 12):
    """Publish-and-wait until identity's events have reached penilaian (they travel through
    identity's relay first); a SkpDisetujui before its period is a no-op there."""
    last = None
    for _ in range(attempts):
        try:
            return fn()
        except AssertionError as exc:
            last = exc
    raise AssertionError(f"penilaian never created the penilaian: {last}\n{stack.logs()}")
