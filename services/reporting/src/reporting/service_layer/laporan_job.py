"""The Excel report job: count the rows, stream them into an xlsxwriter sheet on a temporary
file (memory flat), store the file with its expiry, record it. Rerunning it (a worker lost
mid-way) writes the same report again from the start: nothing is half-kept."""
from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select

from kinerja_shared import clock
from kinerja_shared.db.engine import BACA_SAJA

from ..adapters.excel import LembarLaporan
from ..adapters.tables import berkas, instansi_ref, periode_ref
from ..domain import kepatuhan as kp
from ..domain import teks
from ..domain.zona import singkatan
from . import cakupan
from .laporan import JOB
from .laporan_isi import LAPORAN, REKAP_KEPATUHAN, Permintaan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def jalankan(runtime, comp, ctx, *, jenis: str, tahun: int, periode_id=None, unor_id=None,
             unor_induk_id=None, status=None, pemohon=None) -> dict:
    laporan = LAPORAN[jenis]
    settings = comp.settings
    with runtime.uow() as uow:
        s = uow.session
        lingkup = cakupan.muat(s, ctx.instansi_id, unor_id=unor_id, unor_induk_id=unor_induk_id)
        instansi = s.execute(select(instansi_ref.c.nama).where(
            instansi_ref.c.id == ctx.instansi_id)).scalar() or "-"
        periode = s.execute(select(periode_ref.c.nama).where(
            periode_ref.c.id == periode_id)).scalar() if periode_id else None
    q = Permintaan(tahun, lingkup, periode_id=periode_id, status=status,
                   dikecualikan=settings.kepatuhan_dikecualikan)
    zona = ZoneInfo(settings.zona_waktu)
    dicetak = clock.now().astimezone(zona)
    kepala = [("Instansi", instansi), ("Tahun", str(tahun)),
              ("Periode", periode or "Semua periode"),
              ("Status", status.replace("_", " ").title() if status else "Semua status"),
              ("Unit Kerja", lingkup.nama_unor.get(unor_id, "-") if unor_id else "Semua"),
              ("Unit Kerja Induk",
               lingkup.nama_unor.get(unor_induk_id, "-") if unor_induk_id else "Semua"),
              ("Dicetak", teks.waktu(dicetak, singkatan(settings.zona_waktu))),
              ("Dicetak oleh", pemohon or "-")]
    nama = f"{jenis}_{tahun}_{dicetak:%Y%m%d_%H%M}.xlsx"
    fd, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    try:
        # only reads: on SQLite (embedded mode) no write lock, so the progress the job records
        # on its own connection meanwhile does not wait on this one
        with runtime.engine.connect().execution_options(**{BACA_SAJA: True}) as conn:
            ctx.set_total(laporan.hitung(conn, q))
            sheet = LembarLaporan(path, judul=laporan.judul, kolom=laporan.kolom, kepala=kepala)
            for i, row in enumerate(laporan.baris(conn, q), 1):
                sheet.tulis((i, *row))
                ctx.advance()
            if jenis == "KEPATUHAN":
                _rekap(sheet, q)
            baris = sheet.tutup()
        ctx.progress(ctx.total or baris, ctx.total)
        return _simpan(runtime, comp, ctx, path, nama, baris)
    finally:
        os.unlink(path)


def _rekap(sheet: LembarLaporan, q: Permintaan) -> None:
    """Second sheet of KEPATUHAN: the counts per unit."""
    ws = sheet.workbook.add_worksheet("Rekap per Unit Kerja")
    for i, k in enumerate(REKAP_KEPATUHAN):
        ws.set_column(i, i, k.lebar)
    ws.write_row(0, 0, [k.judul for k in REKAP_KEPATUHAN], sheet._header)
    nama = q.cakupan.nama_unor
    for r, (unor, n) in enumerate(sorted(q.rekap.items(),
                                         key=lambda kv: nama.get(kv[0], kv[0])), 1):
        ws.write_row(r, 0, [nama.get(unor, "-"), sum(n.values()), n[kp.TANPA_SKP],
                            n[kp.TANPA_REALISASI], n[kp.TANPA_RATING], n[kp.PATUH]])


def _simpan(runtime, comp, ctx, path: str, nama: str, baris: int) -> dict:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    kunci = f"laporan/{ctx.job_id}/{nama}"
    comp.storage.put_file(kunci, path, XLSX)
    now = clock.now()
    with runtime.uow() as uow:
        uow.session.execute(delete(berkas).where(berkas.c.id == ctx.job_id))
        uow.session.execute(berkas.insert().values(
            id=ctx.job_id, instansi_id=ctx.instansi_id, pemilik_id=ctx.dibuat_oleh, kunci=kunci,
            nama=nama, content_type=XLSX, ukuran=os.path.getsize(path),
            sha256=digest.hexdigest(), dibuat_at=now,
            kedaluwarsa_at=now + timedelta(seconds=comp.settings.file_ttl)))
        uow.commit()
    return {"baris": baris, "berkas": nama, "jenis_job": JOB}
