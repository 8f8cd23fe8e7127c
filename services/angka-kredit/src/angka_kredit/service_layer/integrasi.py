"""Integrasi (DOMAIN.md §7; Peraturan BKN 3/2023): the one-time carry-over of a pegawai's
pre-2023 AK, AK lama − nilai dasar of the jenjang held on the integrasi date, made by an admin
of the pegawai's instansi, one pegawai at a time or from a CSV/Excel file (``impor``, with a dry
run). The row is drafted like a konversi and counted first in the akumulasi of its jenjang.
While unsigned an admin may cancel it (``batalkan``) and make it again."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update

from kinerja_shared import clock
from kinerja_shared.auth.access import ensure_admin_of
from kinerja_shared.auth.principal import Principal
from kinerja_shared.db.bulk import insert_rows
from kinerja_shared.errors import Conflict, NotFound, invalid

from ..adapters.tables import angka_kredit
from ..domain.akumulasi import INTEGRASI
from ..domain.angka import DUA_BELAS
from ..domain.aturan import rules_for
from ..domain.konversi import integrasi as hitung_integrasi
from ..domain.pak import DIAJUKAN, DIBATALKAN, DISETUJUI, DRAFT
from ..domain.riwayat_jabatan import RiwayatJabatan
from . import akses, muat, publikasi, riwayat
from .hitung import KOLOM, hitung_ulang
from .refusals import domain_refusals

SUDAH_ADA = "Integrasi angka kredit pegawai ini sudah dibuat; integrasi hanya sekali per pegawai."
TANGGAL_AWAL = date(2000, 1, 1)
TERBUKA = (DRAFT, DIAJUKAN, DISETUJUI)


def aktif_ada(session, pegawai_ids) -> dict[str, str]:
    """pegawai id -> id of its current integrasi row."""
    rows = session.execute(select(angka_kredit.c.pegawai_id, angka_kredit.c.id).where(
        angka_kredit.c.pegawai_id.in_(sorted(set(pegawai_ids))),
        angka_kredit.c.sumber == INTEGRASI, angka_kredit.c.aktif.is_(True))).all()
    return {p: i for p, i in rows}


def rencana(session, pegawai, revisi, *, ak_lama: Decimal, tanggal: date) -> dict[str, Any]:
    """The row an integrasi of ``pegawai`` would insert (its akumulasi follows from
    ``hitung_ulang``); ``TidakSah`` (as ``Invalid``) when it cannot be made."""
    if not TANGGAL_AWAL <= tanggal <= clock.now().date():
        raise invalid("tanggal", "Tanggal integrasi harus antara 2000-01-01 dan hari ini.")
    riwayat_jabatan = RiwayatJabatan.dari(revisi)
    masa = riwayat_jabatan.jenjang_pada(tanggal)
    golongan = riwayat_jabatan.golongan_pada(tanggal)
    jabatan = riwayat_jabatan.jabatan_pada(tanggal)
    rules = rules_for(tanggal)
    with domain_refusals():
        hasil = hitung_integrasi(rules, muat.pengaturan_instansi(session, pegawai["instansi_id"]),
                                 masa.nilai[1] if masa else None, ak_lama)
    now = clock.now()
    row = {c: None for c in KOLOM}
    row.update(
        id=str(uuid.uuid4()), instansi_id=pegawai["instansi_id"], pegawai_id=pegawai["id"],
        nip=pegawai["nip"], nama=pegawai["nama"], sumber=INTEGRASI, status=DRAFT, aktif=True,
        tahun=tanggal.year, awal=tanggal, akhir=tanggal, ak_konvensional=hasil.ak_konvensional,
        nilai_dasar=hasil.nilai_dasar, tanggal_integrasi=tanggal,
        kategori_jabatan=jabatan.nilai.kategori_jabatan, jabatan=jabatan.nilai.jabatan,
        jenjang=masa.nilai[1], jenjang_mulai=masa.mulai, tmt_jabatan=jabatan.nilai.tmt_jabatan,
        golongan=golongan.nilai if golongan else None,
        golongan_mulai=golongan.mulai if golongan else None,
        unor_id=jabatan.nilai.unor_id or pegawai["unor_id"],
        ak12=hasil.angka_kredit * DUA_BELAS, angka_kredit=hasil.angka_kredit,
        ak_lama=Decimal(0), ak_baru=hasil.angka_kredit, ak_pangkat=hasil.angka_kredit,
        cukup_pangkat=False, cukup_jenjang=False, kesimpulan="", penetapan=[], dihitung=[],
        pertama=False, aturan=rules.kode, snapshot={}, revisi=0, created_at=now, updated_at=now)
    return row


def simpan(uow, principal: Principal, rows: list[dict[str, Any]]) -> None:
    """Insert the integrasi rows (revisi 0) and compute them: hitung_ulang writes their
    figures, their riwayat (DIBUAT) and publishes them."""
    insert_rows(uow.session, angka_kredit, rows)
    hitung_ulang(uow, [r["pegawai_id"] for r in rows], oleh=principal.pegawai_id,
                 alasan="Integrasi angka kredit")


def buat(uow, principal: Principal, *, pegawai_id: str, ak_lama: Decimal, tanggal: date) -> str:
    s = uow.session
    pegawai = muat.pegawai_banyak(s, [pegawai_id], for_update=True).get(pegawai_id)
    if pegawai is None or pegawai["dihapus"] or not principal.sees_instansi(
            pegawai["instansi_id"]):
        raise NotFound("Pegawai tidak ditemukan.")
    ensure_admin_of(principal, pegawai["instansi_id"])
    ada = aktif_ada(s, [pegawai_id])
    if ada:
        raise Conflict(SUDAH_ADA, code="duplicate", angka_kredit_id=ada[pegawai_id])
    row = rencana(s, pegawai, muat.revisi_banyak(s, [pegawai_id]).get(pegawai_id, []),
                  ak_lama=ak_lama, tanggal=tanggal)
    simpan(uow, principal, [row])
    return row["id"]


def batalkan(uow, principal: Principal, angka_kredit_id: str, *, alasan: str) -> None:
    """An unsigned integrasi is cancelled (kept as DIBATALKAN) so it can be made again."""
    row = akses.muat_terlihat(uow, principal, angka_kredit_id, for_update=True)
    akses.pastikan_boleh(principal, row, "batalkan")
    if row["sumber"] != INTEGRASI:
        raise Conflict("Hanya integrasi yang dapat dibatalkan; konversi mengikuti predikat.",
                       code="status-tidak-sesuai")
    if not row["aktif"] or row["status"] not in TERBUKA:
        raise Conflict(f"Integrasi berstatus {row['status'].lower()} tidak dapat dibatalkan.",
                       code="status-tidak-sesuai")
    s = uow.session
    s.execute(update(angka_kredit).where(angka_kredit.c.id == row["id"]).values(
        status=DIBATALKAN, aktif=False, revisi=row["revisi"] + 1, updated_at=clock.now()))
    riwayat.catat(s, row, {"status": DIBATALKAN}, "DIBATALKAN", principal.pegawai_id, alasan)
    publikasi.terbitkan(uow, [row["id"]])
    hitung_ulang(uow, [row["pegawai_id"]], oleh=principal.pegawai_id,
                 alasan=f"Integrasi dibatalkan: {alasan}")
