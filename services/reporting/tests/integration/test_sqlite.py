"""The embedded mode keeps reporting on SQLite: the read models of angka-kredit, keberatan and
integration, the report jobs, a bulk print, the angka kredit documents and the sweep work there
too (JSON paths, upserts, times compared as stored UTC, and no unit of work waiting on SQLite's
write lock for a connection of its own)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from kinerja_shared import clock
from kinerja_shared.testing.service import make_test_runtime

from reporting.service_layer.pembersihan import sapu

from ..api.test_laporan import _data, _laporan, tunggu


@pytest.fixture
def lite(minter, tmp_path, dunia_kelas):
    rt = make_test_runtime("reporting", f"sqlite:///{tmp_path / 'reporting.db'}",
                           key_source=minter.key_source,
                           extra={"KINERJA_REPORTING_STORAGE_DIR": str(tmp_path / "berkas")})
    yield rt, dunia_kelas(rt, minter, instansi_id="i-lite")
    rt.dispose()


def test_new_read_models_reports_documents_and_sweep_on_sqlite(lite):
    runtime, d = lite
    client = runtime.create_app().test_client()
    d.dasar()
    d.angka_kredit("ak-1", revisi=3, status="DITANDATANGANI", metode="TTE",
                   nomor_sk="800/1/PAK/2026")
    d.angka_kredit("ak-1", revisi=2, status="DISETUJUI")
    d.keberatan("kb-1", "pen-1", versi=2, status="DISANGGAH_ATASAN", sanggahan_atasan="A")
    d.keberatan("kb-1", "pen-1", versi=1)
    d.pmm_nilai("198001012005011001")
    d.pmm_log("log-1", "198001012005011001",
              waktu=datetime(2025, 12, 31, 18, 0, tzinfo=timezone.utc))  # 1 Jan 2026 WIB
    d.pmm_log("log-2", "198001012005011001",
              waktu=datetime(2025, 12, 31, 16, 0, tzinfo=timezone.utc))
    from reporting.adapters.tables import pmm_log_rm
    with runtime.uow() as uow:  # a log line without a semester: dated by its time
        uow.session.execute(pmm_log_rm.update().values(periode=None))
        uow.commit()

    _, rows, _ = _laporan(client, d, jenis="ANGKA_KREDIT", metode_tanda_tangan="TTE")
    assert [(r[13], r[18]) for r in _data(rows)[1]] == [("800/1/PAK/2026", "TTE")]
    _, rows, _ = _laporan(client, d, jenis="KEBERATAN", periode_id="p-tw1")
    assert [r[7] for r in _data(rows)[1]] == ["Disanggah Atasan"]
    _, rows, _ = _laporan(client, d, jenis="KINERJA_GURU")
    assert [r[13] for r in _data(rows)[1]] == ["Baik"]
    _, rows, _ = _laporan(client, d, jenis="LOG_PMM")
    assert [r[9].strftime("%d/%m/%Y %H:%M") for r in _data(rows)[1]] == ["31/12/2025 23:00"]
    r = client.get("/cetak/angka-kredit/ak-1/pak.pdf", headers=d.h("staf"))
    assert r.status_code == 200 and r.data.startswith(b"%PDF")

    d.skp("skp-staf", "staf", "kabid")
    d.penilaian("pen-staf", "skp-staf", "staf", "kabid")
    admin = d.h("admin", "admin_instansi")
    r = client.post("/cetak/massal", json={"jenis": "EVALUASI", "unor_induk_id": "u-dinas",
                                           "tahun": 2025, "periode_id": "p-tw1"}, headers=admin)
    assert r.status_code == 202, r.get_json()
    job = tunggu(client, r.headers["Location"], admin)
    assert (job["status"], job["total"], job["selesai"]) == ("SELESAI", 1, 1), job

    ttl = runtime.components.settings.file_ttl
    with clock.frozen(clock.now() + timedelta(seconds=ttl + 1)):
        hasil = sapu(runtime, runtime.components.storage, ttl)
    assert (hasil.berkas, hasil.dokumen_massal) == (5, 1)
