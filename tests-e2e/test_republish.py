"""``kinerja republish``: a consumer that came after the events (skp deployed where identity
already holds an instansi) builds from the republished snapshots alone the read model one
that saw every event built; republishing twice changes nothing more."""
from __future__ import annotations

from sqlalchemy import select

from identity.service_layer.demo import muat_demo
from kinerja_shared.messaging.republish import republish
from kinerja_shared.runtime.cli import main
from kinerja_shared.testing.service import make_test_runtime

READ_MODEL = ("instansi_ref", "unor_ref", "pegawai_ref", "plt_plh_ref", "relasi_manual_ref")


def _drain(identity) -> list[bytes]:
    identity.relay.drain()
    bodies = [m.body for m in identity.publisher.messages]
    identity.publisher.clear()
    return bodies


def _read_model(skp) -> dict[str, list]:
    tables = skp.definition.metadata.tables
    with skp.engine.connect() as conn:
        return {name: sorted(tuple(r) for r in conn.execute(select(tables[name])))
                for name in READ_MODEL}


def test_a_late_consumer_builds_the_same_read_model_from_republished_snapshots(
        make_pg_database):
    identity = make_test_runtime("identity", make_pg_database("kinerja_rp_identity"))
    saw_everything = make_test_runtime("skp", make_pg_database("kinerja_rp_skp_a"))
    came_late = make_test_runtime("skp", make_pg_database("kinerja_rp_skp_b"))
    try:
        assert muat_demo(identity)
        for body in _drain(identity):
            saw_everything.dispatcher.handle(body)

        counts = republish(identity)
        assert counts["PegawaiDiperbarui"] >= 40 and counts["InstansiDiperbarui"] >= 1
        for body in _drain(identity):
            came_late.dispatcher.handle(body)
        assert _read_model(came_late) == _read_model(saw_everything)
        assert _read_model(came_late)["pegawai_ref"]

        republish(identity)  # again: the same revisi, nothing changes
        for body in _drain(identity):
            came_late.dispatcher.handle(body)
        assert _read_model(came_late) == _read_model(saw_everything)
    finally:
        for runtime in (identity, saw_everything, came_late):
            runtime.dispose()


def test_the_command_names_a_service_without_snapshots(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("KINERJA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KINERJA_REPORTING_DATABASE_URL", f"sqlite:///{tmp_path}/r.db")
    try:
        main(["republish", "reporting"])
    except SystemExit as exc:
        assert "reporting has no snapshots" in str(exc)
    else:
        raise AssertionError("expected a refusal")
