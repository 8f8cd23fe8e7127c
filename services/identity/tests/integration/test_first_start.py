"""First start: the admin_pusat account, the signing key, and the demo data (once)."""
import sqlalchemy as sa

from identity.adapters.tables import instansi, pegawai
from identity.service_layer.demo import DEMO_PASSWORD, muat_demo
from identity.service_layer.seed import pastikan_admin_pusat


def test_the_admin_exists_once_and_logs_in(api, runtime):
    assert pastikan_admin_pusat(runtime, {"KINERJA_ADMIN_NIP": "199001012020011001"}) is None
    me = api.ok("get", "/auth/me", api.admin)
    assert "admin_pusat" in me["roles"]


def test_demo_data_loads_once_and_its_pegawai_can_log_in(api, runtime):
    assert muat_demo(runtime) is True
    assert muat_demo(runtime) is False
    with runtime.engine.connect() as c:
        rows = c.execute(sa.select(pegawai.c.nip, pegawai.c.id, pegawai.c.roles, pegawai.c.instansi_id)
                         .where(pegawai.c.password_hash.is_not(None))).all()
    demo = [r for r in rows if "admin_pusat" not in r.roles]
    assert len(demo) >= 45
    admin = next(r for r in demo if "admin_instansi" in r.roles)
    h = api.login(admin.nip, DEMO_PASSWORD)
    periods = api.ok("get", f"/periode?instansi_id={admin.instansi_id}&page_size=50", h)
    assert len(periods) == 13
    unors = {u["kode"]: u for u in api.ok("get", "/unor?page_size=50", h)}
    analis = api.ok("get", f"/pegawai?unor_id={unors['INFORMASI']['id']}", h)[0]
    relasi = api.ok("get", f"/pegawai/{analis['id']}/relasi", h)
    assert relasi["pejabat_penilai"]["jabatan"] == "Kepala Bidang Mutasi dan Promosi"  # the PLT


def test_demo_pegawai_have_tmt_golongan_pangkat_and_a_few_away_who_still_log_in(api, runtime):
    muat_demo(runtime)  # once per database: loaded here or by the test above
    with runtime.engine.connect() as c:
        rows = c.execute(sa.select(pegawai).join(instansi, instansi.c.id == pegawai.c.instansi_id)
                         .where(instansi.c.kode == "DEMO")).mappings().all()
    assert all(r["tmt_golongan"] is not None and r["golongan"] for r in rows)
    assert all(r["aktif"] for r in rows)
    away = {r["status_kepegawaian"]: r for r in rows if r["status_kepegawaian"] != "AKTIF"}
    assert set(away) == {"CUTI", "TUGAS_BELAJAR"}
    assert all(r["tmt_status"] is not None for r in away.values())
    h = api.login(away["CUTI"]["nip"], DEMO_PASSWORD)  # on leave, still logs in
    me = api.ok("get", "/auth/me", h)
    assert me["status_kepegawaian"] == "CUTI" and me["pangkat"]
