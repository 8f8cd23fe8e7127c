"""Excel reports as jobs: ``periksa`` checks the request and the caller's right to the units,
``ajukan`` submits the job it checked (POST /laporan answers 202 with its Location); ``lihat`` is the job as clients
poll it (status, rows done of total, an estimate, the signed download link once ready);
``tautan`` the expiring link of the file (GET /laporan/{id}/berkas redirects to it).

Who may see a report job: who asked for it, and the admins of its instansi; anyone else 404.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from kinerja_shared import clock
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.db.times import as_utc
from kinerja_shared.errors import Conflict, Invalid, NotFound
from kinerja_shared.jobs import JobNotFound

from ..adapters.tables import berkas, job, periode_ref
from . import cakupan
from .laporan_isi import LAPORAN

JOB = "laporan.excel"


@dataclass(frozen=True)
class Pengajuan:
    """A checked request for a job, to submit (``ajukan``)."""
    jenis: str  # the job's name
    params: dict[str, Any]
    instansi_id: str
    dibuat_oleh: str | None


def ajukan(runner, pengajuan: Pengajuan) -> str:
    """Submit a checked request; the job's id. Called outside any unit of work: the runner
    commits the job row on a connection of its own, which on SQLite (the embedded mode) would
    wait for the write lock a request's unit of work holds until it ends."""
    return runner.submit(pengajuan.jenis, pengajuan.params, instansi_id=pengajuan.instansi_id,
                         dibuat_oleh=pengajuan.dibuat_oleh)


def periksa(uow, principal, *, jenis: str, tahun: int, periode_id: str | None = None,
           unor_id: str | None = None, unor_induk_id: str | None = None,
           status: str | None = None, instansi_id: str | None = None,
           **saring: str | None) -> Pengajuan:
    """Check a request for an Excel report (what ``ajukan`` submits). ``saring``: the report's own filters (ANGKA_KREDIT
    ``sumber`` and ``metode_tanda_tangan``, KINERJA_GURU ``semester``, LOG_PMM ``tipe_skp``);
    one the report has not is 422."""
    s = uow.session
    laporan = LAPORAN.get(jenis)
    if laporan is None:
        raise Invalid(detail="Jenis laporan tidak dikenal.",
                      errors={"jenis": [f"Pilih salah satu: {', '.join(LAPORAN)}."]})
    instansi = cakupan.instansi_pemanggil(s, principal, instansi_id)
    lingkup = cakupan.muat(s, instansi, unor_id=unor_id, unor_induk_id=unor_induk_id)
    cakupan.pastikan_boleh(s, principal, lingkup)
    if status is not None and status not in laporan.status:
        pilihan = ", ".join(laporan.status) or "tidak ada filter status untuk laporan ini"
        raise Invalid(detail="Status tidak dikenal untuk laporan ini.",
                      errors={"status": [f"Pilihan: {pilihan}."]})
    if periode_id is not None:
        periode_tahun(s, instansi, periode_id, tahun, laporan.periode)
    saring = {k: v for k, v in saring.items() if v is not None}
    for name, value in saring.items():
        if name not in laporan.saringan:
            raise Invalid(detail="Filter ini tidak berlaku untuk laporan ini.",
                          errors={name: ["Kosongkan untuk laporan ini."]})
        if value not in laporan.saringan[name]:
            raise Invalid(detail="Nilai filter tidak dikenal.",
                          errors={name: [f"Pilihan: {', '.join(laporan.saringan[name])}."]})
    params = {"jenis": jenis, "tahun": tahun, "periode_id": periode_id, "unor_id": unor_id,
              "unor_induk_id": unor_induk_id, "status": status, "pemohon": principal.nama,
              **({"saring": saring} if saring else {})}
    return Pengajuan(JOB, params, instansi, principal.pegawai_id)


def periode_tahun(s, instansi_id: str, periode_id: str, tahun: int, boleh: bool = True) -> dict:
    if not boleh:
        raise Invalid(detail="Laporan ini tidak disaring per periode.",
                      errors={"periode_id": ["Kosongkan untuk laporan ini."]})
    row = s.execute(select(periode_ref).where(
        periode_ref.c.id == periode_id, periode_ref.c.instansi_id == instansi_id,
        periode_ref.c.dihapus.is_(False))).mappings().first()
    if row is None or row["tahun"] != tahun:
        raise Invalid(detail="Periode tidak ditemukan pada tahun itu.",
                      errors={"periode_id": ["Periode tidak ditemukan pada tahun itu."]})
    return dict(row)


def muat_job(principal, runner, job_id: str, jenis: tuple[str, ...]) -> dict[str, Any]:
    """The job row if the caller may see it (its author, an admin of its instansi); else 404."""
    try:
        row = runner.get(job_id)
    except JobNotFound:
        raise NotFound() from None
    if row["jenis"] not in jenis or not principal.sees_instansi(row["instansi_id"]):
        raise NotFound()
    if row["dibuat_oleh"] != principal.pegawai_id \
            and not principal.can_admin_instansi(row["instansi_id"]):
        raise NotFound()
    return row


def estimasi(row: dict[str, Any], now: datetime | None = None) -> float | None:
    """Seconds left at the pace so far (None before the first rows or once finished)."""
    if row["status"] != "BERJALAN" or not row.get("total") or not row.get("selesai") \
            or row.get("mulai_at") is None:
        return None
    elapsed = ((now or clock.now()) - as_utc(row["mulai_at"])).total_seconds()
    done, total = row["selesai"], row["total"]
    return round(max(0.0, elapsed / done * (total - done)), 1)


def daftar(uow, principal, storage, *, page: PageRequest, link_ttl: int, local_base: str,
           jenis: str | None = None, status: str | None = None,
           instansi_id: str | None = None) -> Page[dict[str, Any]]:
    """The report jobs the caller may see, newest first, each as ``lihat`` answers it: his own
    requests, and for an admin every request of his instansi (admin_pusat: of every instansi,
    or of ``instansi_id``)."""
    stmt = select(job).where(job.c.jenis == JOB)
    if principal.is_admin_pusat:
        if instansi_id:
            stmt = stmt.where(job.c.instansi_id == instansi_id)
    elif principal.can_admin_instansi(principal.instansi_id):
        stmt = stmt.where(or_(job.c.instansi_id == principal.instansi_id,
                              job.c.dibuat_oleh == principal.pegawai_id))
    else:
        stmt = stmt.where(job.c.dibuat_oleh == principal.pegawai_id,
                          job.c.instansi_id == principal.instansi_id)
    if status:
        stmt = stmt.where(job.c.status == status)
    if jenis:
        stmt = stmt.where(job.c.params["jenis"].as_string() == jenis)
    got = fetch_page(uow.session, stmt, page, job.c.dibuat_at.desc(), job.c.id.desc())
    rows = [{**row, **{k: as_utc(row[k]) for k in ("dibuat_at", "mulai_at", "selesai_at")}}
            for row in got.items]
    return Page([_tampil(uow, storage, row, link_ttl, local_base) for row in rows], got.total)


def lihat(uow, principal, runner, storage, job_id: str, *, link_ttl: int,
          local_base: str) -> dict[str, Any]:
    row = muat_job(principal, runner, job_id, (JOB,))
    return _tampil(uow, storage, row, link_ttl, local_base)


def _tampil(uow, storage, row, link_ttl: int, local_base: str) -> dict[str, Any]:
    hasil = row.get("hasil") or {}
    file = berkas_job(uow.session, row["id"])
    return {
        "id": row["id"], "jenis": row["params"].get("jenis"), "status": row["status"],
        "progres": row["progres"], "selesai": row["selesai"], "total": row["total"],
        "baris": hasil.get("baris"), "estimasi_detik": estimasi(row),
        "filter": {**{k: v for k, v in row["params"].items()
                      if k not in ("jenis", "pemohon", "saring")},
                   **(row["params"].get("saring") or {})},
        "error": row.get("error"), "dibuat_at": row["dibuat_at"], "mulai_at": row["mulai_at"],
        "selesai_at": row["selesai_at"],
        "berkas": _berkas(file, storage, link_ttl, local_base),
        "berkas_url": _berkas(file, storage, link_ttl, local_base)["url"] if file else None,
    }


def berkas_job(s, job_id: str) -> dict | None:
    row = s.execute(select(berkas).where(berkas.c.id == job_id)).mappings().first()
    if row is None or as_utc(row["kedaluwarsa_at"]) <= clock.now():
        return None
    return dict(row)


def _berkas(file, storage, link_ttl: int, local_base: str) -> dict | None:
    if file is None:
        return None
    return {"nama": file["nama"], "ukuran": file["ukuran"], "sha256": file["sha256"],
            "kedaluwarsa_at": as_utc(file["kedaluwarsa_at"]),
            "url": storage.link(file["kunci"], nama=file["nama"],
                                content_type=file["content_type"], expires=link_ttl,
                                local_base=local_base)}


def tautan(uow, principal, runner, storage, job_id: str, *, link_ttl: int,
           local_base: str, jenis: tuple[str, ...] = (JOB,)) -> str:
    """The expiring download link of a finished job's file."""
    row = muat_job(principal, runner, job_id, jenis)
    file = berkas_job(uow.session, job_id)
    if file is None:
        if row["status"] in ("MENUNGGU", "BERJALAN"):
            raise Conflict("Berkas belum siap.", code="berkas-belum-siap")
        raise NotFound("Berkas tidak ada atau sudah kedaluwarsa.")
    return _berkas(file, storage, link_ttl, local_base)["url"]
