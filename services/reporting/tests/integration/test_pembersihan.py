"""Expired files are swept: report files and bulk-print zips (object and row) and the single
PDFs of a bulk print whose zip expired; what has not expired stays. Run as the operator
command ``kinerja reporting bersihkan`` would run it."""
from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from kinerja_shared import clock

from reporting.adapters.tables import berkas, cetak_item
from reporting.cli import commands
from reporting.service_layer.pembersihan import sapu

from ..api.test_laporan import tunggu


def _files(runtime) -> list[Path]:
    root = Path(runtime.components.settings.storage_dir)
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))


def test_expired_reports_zips_and_bulk_pdfs_are_swept(client, runtime, dunia, capsys):
    d = dunia
    d.dasar()
    d.skp("skp-staf", "staf", "kabid")
    d.penilaian("pen-staf", "skp-staf", "staf", "kabid")
    admin = d.h("admin", "admin_instansi")
    start = clock.now()
    r = client.post("/laporan", json={"tahun": 2025, "jenis": "KEPATUHAN"}, headers=admin)
    laporan = tunggu(client, r.headers["Location"], admin)
    r = client.post("/cetak/massal", json={"jenis": "EVALUASI", "unor_induk_id": "u-dinas",
                                           "tahun": 2025, "periode_id": "p-tw1"}, headers=admin)
    massal = tunggu(client, r.headers["Location"], admin)
    assert laporan["status"] == massal["status"] == "SELESAI"
    before = _files(runtime)
    assert len(before) == 3  # the report, the zip, one evaluation PDF

    ttl = runtime.components.settings.file_ttl
    storage = runtime.components.storage
    assert sapu(runtime, storage, ttl, now=start + timedelta(seconds=ttl - 60)).berkas == 0
    assert _files(runtime) == before  # nothing expired yet

    # the report alone expires first
    with runtime.uow() as uow:
        uow.session.execute(berkas.update().where(berkas.c.id == laporan["id"]).values(
            kedaluwarsa_at=start - timedelta(seconds=1)))
        uow.commit()
    hasil = sapu(runtime, storage, ttl, now=start)
    assert (hasil.berkas, hasil.dokumen_massal) == (1, 0)
    assert len(_files(runtime)) == 2
    assert client.get(f"/laporan/{laporan['id']}/berkas", headers=admin).status_code == 404
    assert client.get(f"/laporan/{laporan['id']}", headers=admin).get_json()["berkas"] is None

    # then everything: the zip and the bulk print's PDFs, by the operator command
    parser = argparse.ArgumentParser()
    commands(parser)
    args = parser.parse_args(["bersihkan"])
    with clock.frozen(clock.now() + timedelta(seconds=ttl + 1)):  # after every file was made
        assert args.run(runtime, args) == 0
    assert "1 berkas laporan/zip dan 1 dokumen cetak massal dihapus." in capsys.readouterr().out
    assert _files(runtime) == []
    with runtime.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(berkas)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(cetak_item).where(
            cetak_item.c.kunci.is_not(None))).scalar() == 0
    # a second sweep finds nothing; the issued document still verifies by its code
    assert sapu(runtime, storage, ttl, now=clock.now() + timedelta(seconds=ttl + 2)).berkas == 0


def test_a_bulk_print_being_zipped_keeps_its_pdfs(client, runtime, dunia):
    """The zip's row is written after its PDFs are read: a sweep in between must not take
    them (MENYUSUN), and a finished bulk print keeps them while its zip lives."""
    from reporting.adapters.tables import massal

    d = dunia
    d.dasar()
    d.skp("skp-staf", "staf", "kabid")
    d.penilaian("pen-staf", "skp-staf", "staf", "kabid")
    admin = d.h("admin", "admin_instansi")
    r = client.post("/cetak/massal", json={"jenis": "EVALUASI", "unor_induk_id": "u-dinas",
                                           "tahun": 2025, "periode_id": "p-tw1"}, headers=admin)
    job = tunggu(client, r.headers["Location"], admin)
    storage, ttl = runtime.components.storage, runtime.components.settings.file_ttl
    assert sapu(runtime, storage, ttl).dokumen_massal == 0  # done, zip alive
    with runtime.uow() as uow:  # as while a part zips it: status MENYUSUN, no zip row yet
        uow.session.execute(berkas.delete().where(berkas.c.id == job["id"]))
        uow.session.execute(massal.update().where(massal.c.id == job["id"]).values(
            status="MENYUSUN"))
        uow.commit()
    assert sapu(runtime, storage, ttl).dokumen_massal == 0
    assert [p.suffix for p in _files(runtime)].count(".pdf") == 1  # read by the zipping part
