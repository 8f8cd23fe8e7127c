"""Bulk printing (POST /cetak/massal): every document of a unit induk for a year/period in one
zip, as jobs spread over the reporting workers.

- ``cetak.massal`` (the job the client polls): lists the documents once (``cetak_item``, in
  print order, cut into parts of ``KINERJA_REPORTING_MASSAL_BAGIAN``) and submits one
  ``cetak.bagian`` job per part.
- ``cetak.bagian``: renders the part's documents not done yet. A document counts as printed
  only when its row turns ``selesai`` in the transaction that records its issue (``dokumen``),
  by a conditional UPDATE: a part run twice (a worker SIGKILLed and its message redelivered, a
  part submitted again) never issues a document twice, and the PDF it stored under its own
  code is the one the row names. The part that finds every document done builds the zip.
- The zip: the PDFs in print order and ``daftar.csv`` (NIP, name, code, SHA-256 of each).

So a run killed anywhere resumes where it stopped: nothing printed twice, nothing missing.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
import zipfile
from datetime import timedelta

from sqlalchemy import and_, delete, func, select, update

from kinerja_shared import clock
from kinerja_shared.errors import Invalid

from ..adapters.tables import berkas, cetak_item, dokumen, massal, pegawai_ref, penilaian_rm, skp_rm
from . import cakupan, cetak, sumber
from .laporan import estimasi, muat_job, periode_tahun

JOB, BAGIAN = "cetak.massal", "cetak.bagian"
JENIS = (cetak.EVALUASI, cetak.RENCANA_SKP)
KOMIT = 10  # documents recorded per transaction
ZIP = "application/zip"


def ajukan(uow, principal, *, jenis: str, unor_induk_id: str, tahun: int,
           periode_id: str | None = None, instansi_id: str | None = None) -> dict:
    """Check a bulk print request; what to submit (``kirim``, after this unit of work: see
    ``laporan.ajukan``)."""
    s = uow.session
    if jenis not in JENIS:
        raise Invalid(errors={"jenis": [f"Pilih salah satu: {', '.join(JENIS)}."]},
                      detail="Jenis dokumen tidak dikenal.")
    instansi = cakupan.instansi_pemanggil(s, principal, instansi_id)
    lingkup = cakupan.muat(s, instansi, unor_induk_id=unor_induk_id)
    cakupan.pastikan_boleh(s, principal, lingkup)
    if jenis == cetak.EVALUASI and periode_id is None:
        raise Invalid(errors={"periode_id": ["Wajib untuk Dokumen Evaluasi Kinerja."]},
                      detail="Periode harus dipilih.")
    if periode_id is not None:
        periode_tahun(s, instansi, periode_id, tahun, jenis == cetak.EVALUASI)
    params = {"jenis": jenis, "unor_induk_id": unor_induk_id, "tahun": tahun,
              "periode_id": periode_id}
    return {"params": params, "instansi_id": instansi, "dibuat_oleh": principal.pegawai_id}


def kirim(runner, rencana: dict) -> str:
    """Submit what ``ajukan`` checked; the job's id."""
    return runner.submit(JOB, rencana["params"], instansi_id=rencana["instansi_id"],
                         dibuat_oleh=rencana["dibuat_oleh"])


def _sumber(s, instansi_id: str, jenis: str, unor_induk_id: str, tahun: int,
            periode_id: str | None) -> list[tuple[str, str, str]]:
    """``(id, nip, nama)`` of the documents to print, in print order (unit, name)."""
    unor_ids = sorted(cakupan.muat(s, instansi_id, unor_induk_id=unor_induk_id).unor_ids)
    if jenis == cetak.EVALUASI:
        src = penilaian_rm
        where = and_(src.c.instansi_id == instansi_id, src.c.periode_id == periode_id,
                     src.c.status == "DITETAPKAN", src.c.unor_id.in_(unor_ids))
    else:
        src = skp_rm
        where = and_(src.c.instansi_id == instansi_id, src.c.tahun == tahun,
                     src.c.status == "DISETUJUI", src.c.unor_id.in_(unor_ids))
    return [tuple(r) for r in s.execute(
        select(src.c.id, pegawai_ref.c.nip, pegawai_ref.c.nama)
        .select_from(src.outerjoin(pegawai_ref, pegawai_ref.c.id == src.c.pegawai_id))
        .where(where).order_by(src.c.unor_id, pegawai_ref.c.nama, src.c.id))]


def mulai(runtime, comp, ctx, *, jenis, unor_induk_id, tahun, periode_id=None) -> dict:
    """List the documents (once) and submit a part job for each part not finished."""
    n = comp.settings.massal_bagian
    with runtime.uow() as uow:
        s = uow.session
        if s.execute(select(massal.c.id).where(massal.c.id == ctx.job_id)).first() is None:
            items = _sumber(s, ctx.instansi_id, jenis, unor_induk_id, tahun, periode_id)
            s.execute(massal.insert().values(
                id=ctx.job_id, instansi_id=ctx.instansi_id, dibuat_oleh=ctx.dibuat_oleh,
                jenis=jenis, params=dict(ctx.params), total=len(items), status="BERJALAN",
                dibuat_at=clock.now()))
            if items:
                s.execute(cetak_item.insert(), [
                    {"massal_id": ctx.job_id, "urutan": i, "sumber_id": sid, "bagian": i // n,
                     "nama": cetak.nama_berkas(f"{i + 1:05d}", nip, nama), "selesai": False}
                    for i, (sid, nip, nama) in enumerate(items)])
        uow.commit()
        total = s.execute(select(massal.c.total).where(massal.c.id == ctx.job_id)).scalar()
        sisa = sorted(set(s.execute(select(cetak_item.c.bagian).where(
            cetak_item.c.massal_id == ctx.job_id, cetak_item.c.selesai.is_(False))).scalars()))
    ctx.set_total(total)
    if total == 0:
        _susun(runtime, comp, ctx.job_id, ctx.job_id)
    anak = [comp.runner.submit(BAGIAN, {"massal_id": ctx.job_id, "bagian": b},
                               instansi_id=ctx.instansi_id, dibuat_oleh=ctx.dibuat_oleh)
            for b in sisa]
    with runtime.uow() as uow:
        uow.session.execute(update(massal).where(massal.c.id == ctx.job_id).values(
            params={**ctx.params, "anak": anak}))
        uow.commit()
    ctx.progress(total, total)
    return {"massal_id": ctx.job_id, "dokumen": total, "bagian": len(anak)}


def bagian(runtime, comp, ctx, *, massal_id: str, bagian: int) -> dict:
    """Print the part's documents not done yet; the last part done builds the zip."""
    with runtime.uow() as uow:
        m = uow.session.execute(select(massal).where(massal.c.id == massal_id)).mappings().one()
        todo = uow.session.execute(select(cetak_item).where(
            cetak_item.c.massal_id == massal_id, cetak_item.c.bagian == bagian,
            cetak_item.c.selesai.is_(False)).order_by(cetak_item.c.urutan)).mappings().all()
    ctx.set_total(len(todo))
    opsi = cetak.Opsi(tanggal=None)
    for start in range(0, len(todo), KOMIT):
        with runtime.uow() as uow:
            s = uow.session
            for item in todo[start:start + KOMIT]:
                with s.begin_nested():
                    _cetak_satu(s, comp, m, item, opsi, ctx.job_id)
            uow.commit()
        ctx.advance(len(todo[start:start + KOMIT]))
    if _semua_selesai(runtime, massal_id):
        _susun(runtime, comp, massal_id, ctx.job_id)
    return {"massal_id": massal_id, "bagian": bagian, "dicetak": len(todo)}


def _cetak_satu(s, comp, m, item, opsi, job_id: str) -> None:
    if m["jenis"] == cetak.EVALUASI:
        terbit = cetak.terbitkan_evaluasi(s, comp.settings, sumber.penilaian(s, item["sumber_id"]),
                                          opsi, oleh=m["dibuat_oleh"], job_id=m["id"])
    else:
        terbit = cetak.terbitkan_rencana(s, comp.settings, sumber.skp(s, item["sumber_id"]),
                                         opsi, oleh=m["dibuat_oleh"], job_id=m["id"])
    kunci = f"massal/{m['id']}/{item['urutan']:05d}-{terbit.kode}.pdf"
    comp.storage.put_bytes(kunci, terbit.pdf, "application/pdf")
    won = s.execute(update(cetak_item).where(
        cetak_item.c.massal_id == m["id"], cetak_item.c.urutan == item["urutan"],
        cetak_item.c.selesai.is_(False)).values(selesai=True, kode=terbit.kode, kunci=kunci))
    if won.rowcount != 1:  # another run printed it meanwhile: this copy was never issued
        s.execute(delete(dokumen).where(dokumen.c.kode == terbit.kode))
        comp.storage.delete(kunci)


def _semua_selesai(runtime, massal_id: str) -> bool:
    with runtime.uow() as uow:
        return uow.session.execute(select(func.count()).where(
            cetak_item.c.massal_id == massal_id, cetak_item.c.selesai.is_(False))).scalar() == 0


def _susun(runtime, comp, massal_id: str, job_id: str) -> None:
    """Build the zip, unless another part holds the task (a rerun of the same part retakes it)."""
    with runtime.uow() as uow:
        won = uow.session.execute(update(massal).where(
            massal.c.id == massal_id,
            (massal.c.status == "BERJALAN") | ((massal.c.status == "MENYUSUN")
                                               & (massal.c.zip_job_id == job_id)))
            .values(status="MENYUSUN", zip_job_id=job_id)).rowcount == 1
        uow.commit()
    if not won:
        return
    with runtime.uow() as uow:
        s = uow.session
        m = s.execute(select(massal).where(massal.c.id == massal_id)).mappings().one()
        items = s.execute(select(cetak_item, dokumen.c.sha256, dokumen.c.pegawai_nip,
                                 dokumen.c.pegawai_nama)
                          .select_from(cetak_item.outerjoin(dokumen, dokumen.c.kode == cetak_item.c.kode))
                          .where(cetak_item.c.massal_id == massal_id)
                          .order_by(cetak_item.c.urutan)).mappings().all()
    fd, path = tempfile.mkstemp(suffix=".zip")
    os.close(fd)
    try:
        daftar = io.StringIO()
        writer = csv.writer(daftar)
        writer.writerow(["No", "Berkas", "NIP", "Nama", "Kode Verifikasi", "SHA-256"])
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
            for item in items:
                with comp.storage.open(item["kunci"]) as src, z.open(item["nama"], "w") as dst:
                    for chunk in iter(lambda: src.read(1 << 20), b""):
                        dst.write(chunk)
                writer.writerow([item["urutan"] + 1, item["nama"], item["pegawai_nip"],
                                 item["pegawai_nama"], item["kode"], item["sha256"]])
            z.writestr("daftar.csv", daftar.getvalue())
        _simpan_zip(runtime, comp, m, path)
    finally:
        os.unlink(path)


def _simpan_zip(runtime, comp, m, path: str) -> None:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    p = m["params"]
    nama = cetak.nama_berkas("cetak-massal", m["jenis"], p.get("tahun"), m["id"][:8])[:-4] + ".zip"
    kunci = f"massal/{m['id']}/{nama}"
    comp.storage.put_file(kunci, path, ZIP)
    now = clock.now()
    with runtime.uow() as uow:
        s = uow.session
        s.execute(delete(berkas).where(berkas.c.id == m["id"]))
        s.execute(berkas.insert().values(
            id=m["id"], instansi_id=m["instansi_id"], pemilik_id=m["dibuat_oleh"], kunci=kunci,
            nama=nama, content_type=ZIP, ukuran=os.path.getsize(path),
            sha256=digest.hexdigest(), dibuat_at=now,
            kedaluwarsa_at=now + timedelta(seconds=comp.settings.file_ttl)))
        s.execute(update(massal).where(massal.c.id == m["id"]).values(status="SELESAI",
                                                                       selesai_at=now))
        uow.commit()


def lihat(uow, principal, runner, storage, job_id: str, *, link_ttl: int,
          local_base: str) -> dict:
    """The bulk print as clients poll it: documents done of total, an estimate, the zip."""
    from .laporan import _berkas, berkas_job

    row = muat_job(principal, runner, job_id, (JOB,))
    s = uow.session
    m = s.execute(select(massal).where(massal.c.id == job_id)).mappings().first()
    done = s.execute(select(func.count()).where(cetak_item.c.massal_id == job_id,
                                                 cetak_item.c.selesai.is_(True))).scalar()
    status, error = row["status"], row.get("error")
    if m is not None:
        status = m["status"]
        for anak in (m["params"] or {}).get("anak", []):
            child = runner.get(anak)
            if child["status"] == "GAGAL":
                status, error = "GAGAL", child.get("error")
    total = m["total"] if m else None
    file = berkas_job(s, job_id)
    pace = {"status": "BERJALAN" if status in ("BERJALAN", "MENYUSUN") else status,
            "total": total, "selesai": done, "mulai_at": row["mulai_at"]}
    return {"id": job_id, "jenis": row["params"]["jenis"], "status": status,
            "progres": (100 if status == "SELESAI" else (done * 100 // total) if total else 0),
            "selesai": done, "total": total, "estimasi_detik": estimasi(pace),
            "filter": {k: v for k, v in row["params"].items() if k != "jenis"},
            "error": error, "dibuat_at": row["dibuat_at"], "mulai_at": row["mulai_at"],
            "selesai_at": m["selesai_at"] if m else None,
            "berkas": _berkas(file, storage, link_ttl, local_base),
            "berkas_url": _berkas(file, storage, link_ttl, local_base)["url"] if file else None}


JOBS = {JOB: mulai, BAGIAN: bagian}
