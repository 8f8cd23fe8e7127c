"""Every change writes its snapshot event into the outbox in the same transaction."""
import json

import sqlalchemy as sa

from kinerja_shared.auth import Principal
from kinerja_shared.events import EventEnvelope

from identity.adapters.tables import outbox, riwayat, unor
from identity.service_layer import unor as unor_svc


def _events(runtime, aggregate_id):
    with runtime.engine.connect() as conn:
        rows = conn.execute(sa.select(outbox.c.body).where(outbox.c.aggregate_id == aggregate_id)
                            .order_by(outbox.c.id)).scalars().all()
    return [EventEnvelope.from_json(b) for b in rows]


def test_changes_produce_full_snapshots_with_increasing_revisi(api, instansi, runtime):
    sub = instansi.unor("Subbagian", instansi.bidang, kota="Blora")
    api.ok("patch", f"/unor/{sub}", instansi.admin, json={"mandiri": True, "kode": "SUB-1"})
    api.ok("delete", f"/unor/{sub}", instansi.admin, 204)
    events = _events(runtime, sub)
    assert [e.event_type for e in events] == ["UnorDiperbarui", "UnorDiperbarui", "UnorDihapus"]
    assert [e.payload["revisi"] for e in events] == [1, 2, 3]
    assert events[1].payload["mandiri"] is True and events[1].payload["kota"] == "Blora"
    assert events[1].payload["kode"] == "SUB-1"  # angka-kredit prints it in PAK numbers
    assert all(e.instansi_id == instansi.id and e.producer == "identity" for e in events)

    pegawai = _events(runtime, instansi.staf["id"])
    assert pegawai[0].event_type == "PegawaiDiperbarui"
    assert pegawai[0].payload["nip"] == instansi.staf["nip"] and pegawai[0].payload["unor_id"] == instansi.bidang
    assert "password_hash" not in json.dumps(pegawai[0].payload)


def test_each_entity_kind_publishes_its_event(api, instansi, runtime):
    plt = api.ok("post", "/plt-plh", instansi.admin, 201, json={
        "pegawai_id": instansi.staf["id"], "unor_id": instansi.bidang, "jenis": "PLH", "mulai": "2025-02-01"})
    api.ok("delete", f"/plt-plh/{plt['id']}", instansi.admin, 204)
    e = _events(runtime, plt["id"])
    assert [x.event_type for x in e] == ["PltPlhDiperbarui", "PltPlhDiperbarui"]
    assert e[1].payload["dihapus"] is True and e[1].payload["revisi"] == 2
    p = api.ok("post", "/periode/generate", instansi.admin, 201,
               json={"instansi_id": instansi.id, "tahun": 2021, "skema": "TAHUNAN"})[0]
    e = _events(runtime, p["id"])
    assert e[0].event_type == "PeriodeDiperbarui"
    assert (e[0].payload["awal"], e[0].payload["akhir"], e[0].payload["batas_pengisian"]) == \
        ("2021-01-01", "2021-12-31", "2022-01-31")
    api.ok("put", f"/pegawai/{instansi.staf['id']}/relasi", instansi.admin,
           json={"rekan_kerja_ids": [instansi.admin_row["id"]]})
    e = [x for x in _events(runtime, instansi.staf["id"]) if x.event_type == "RelasiManualDiperbarui"]
    assert e[0].payload["rekan_kerja_ids"] == [instansi.admin_row["id"]]
    e = _events(runtime, instansi.id)
    assert e[0].event_type == "InstansiDiperbarui" and e[0].payload["pengaturan"]["model_skp"] == "PERMENPAN_6_2022"


def test_a_failed_change_leaves_neither_state_nor_event(api, instansi, runtime):
    admin = Principal(instansi.admin_row["id"], instansi_id=instansi.id, roles=frozenset({"admin_instansi"}))
    with runtime.engine.connect() as conn:
        before = conn.execute(sa.select(sa.func.count()).select_from(outbox)).scalar_one()
    uow = runtime.uow()
    with uow:
        row = unor_svc.buat(uow, admin, {"instansi_id": instansi.id, "nama": "Tidak Jadi"})
        assert len(uow.staged_events) == 1
        uow.rollback()
    with runtime.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(outbox)).scalar_one() == before
        assert conn.execute(sa.select(unor.c.id).where(unor.c.id == row["id"])).first() is None
        assert conn.execute(sa.select(riwayat.c.id).where(riwayat.c.entitas_id == row["id"])).first() is None
    r = api.client.patch(f"/unor/{instansi.badan}", headers=instansi.admin, json={"unor_atasan_id": instansi.bidang})
    assert r.status_code == 422
    assert [e.payload["revisi"] for e in _events(runtime, instansi.badan)] == [1]


def test_the_relay_publishes_what_the_outbox_holds(api, instansi, runtime):
    runtime.relay.drain()
    published = runtime.publisher.envelopes("PegawaiDiperbarui")
    assert any(e.aggregate_id == instansi.staf["id"] for e in published)
