"""Bulk import of pegawai by NIP (insert or update within the instansi). Columns: nip, nama,
gelar_depan, gelar_belakang, kode_unor (or unor_id), jenis_jabatan, jabatan, kategori_jabatan,
jenjang, golongan, tmt_golongan, tmt_jabatan (YYYY-MM-DD), status_kepegawaian, tmt_status,
email. Imported pegawai get no password: an admin sets one (POST /pegawai/{id}/password).
Roles of existing pegawai are kept. The rules of status kepegawaian are those of PATCH
(domain.kepegawaian): a status that ends the service deactivates the account and revokes its
tokens, in the import's transaction."""
from __future__ import annotations

import sqlalchemy as sa

from kinerja_shared.auth.principal import Principal
from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork

from ..adapters.tables import pegawai, unor
from ..adapters.tabular import EMAIL, TANGGAL, Kolom
from ..domain import kepegawaian
from ..domain import sesi as alasan_sesi
from ..domain.enums import JENIS_JABATAN, JENJANG, KATEGORI_JABATAN, STATUS_KEPEGAWAIAN
from ..domain.golongan import GOLONGAN
from ..domain.nip import periksa_nip
from . import events, sesi
from .common import bulk_insert_riwayat, instansi_tujuan, new_id
from .impor import Galat, baca_berkas, hasil, riwayat_rows, update_many

# the columns of pegawai an import writes (``aktif`` is no file column: it follows the status)
KOLOM = ["nip", "nama", "gelar_depan", "gelar_belakang", "unor_id", "jenis_jabatan", "jabatan",
         "kategori_jabatan", "jenjang", "golongan", "tmt_golongan", "tmt_jabatan", "email",
         "status_kepegawaian", "tmt_status", "aktif"]
# the columns of the file (others are ignored), with the rules of POST /pegawai; an empty
# cell keeps the stored value of an existing pegawai
BARIS = (
    Kolom("nip", wajib=True, periksa=periksa_nip),
    Kolom("nama", wajib=True, panjang=300),
    Kolom("gelar_depan", panjang=100),
    Kolom("gelar_belakang", panjang=100),
    Kolom("kode_unor"),
    Kolom("unor_id", panjang=36),
    Kolom("jenis_jabatan", pilihan=JENIS_JABATAN),
    Kolom("jabatan", panjang=500),
    Kolom("kategori_jabatan", pilihan=KATEGORI_JABATAN),
    Kolom("jenjang", pilihan=JENJANG),
    Kolom("golongan", pilihan=GOLONGAN, pesan_pilihan="Golongan tidak dikenal (contoh: III/a)."),
    Kolom("tmt_golongan", jenis=TANGGAL),
    Kolom("tmt_jabatan", jenis=TANGGAL),
    Kolom("email", jenis=EMAIL, panjang=320),
    Kolom("status_kepegawaian", pilihan=STATUS_KEPEGAWAIAN),
    Kolom("tmt_status", jenis=TANGGAL),
)


def impor(uow: UnitOfWork, principal: Principal, *, instansi_id: str, nama_berkas: str,
          berkas: bytes, dry_run: bool) -> dict:
    """Upsert by NIP within the instansi (a NIP of another instansi is a row error). With any
    row error nothing is saved (422 with ``galat``, unless ``dry_run``)."""
    rows = baca_berkas(nama_berkas, berkas)
    instansi_tujuan(uow, principal, instansi_id)
    galat = Galat()
    plan = _rencana(uow, principal, instansi_id, galat.validasi(rows, BARIS), galat)
    baru = [a for b, a in plan if b is None]
    lama = [a for b, a in plan if b is not None]
    body = hasil(dry_run=dry_run, jumlah=len(rows), tambah=len(baru), ubah=len(lama), galat=galat)
    if dry_run:
        return body
    if baru:
        uow.session.execute(pegawai.insert(), baru)
    update_many(uow, pegawai, [*KOLOM, "revisi", "updated_at"], lama)
    bulk_insert_riwayat(uow, riwayat_rows(principal, "pegawai", plan))
    uow.add_events([(events.pegawai_diperbarui(a), a["id"], instansi_id) for _, a in plan])
    # a status that ends the service deactivated these accounts: their tokens go
    dicabut = [(after["id"], instansi_id, alasan_sesi.alasan_perubahan(before, after))
               for before, after in plan if before is not None]
    sesi.cabut_banyak(uow, [item for item in dicabut if item[2] is not None])
    return body


def _rencana(uow: UnitOfWork, principal: Principal, instansi_id: str,
             valid: list[tuple[int, dict]], galat: Galat) -> list[tuple[dict | None, dict]]:
    """(stored row or None, row after the import) of every valid row; unknown unor,
    duplicate NIPs, NIPs of another instansi, jenjang outside FUNGSIONAL, the status rules
    (domain.kepegawaian) and, for an importer who is not admin_pusat, a status change of an
    admin_pusat account (PATCH answers 403) recorded in ``galat``."""
    units = uow.session.execute(sa.select(unor.c.id, unor.c.kode).where(
        unor.c.instansi_id == instansi_id)).all()
    by_kode = {u.kode: u.id for u in units if u.kode}
    unit_ids = {u.id for u in units}
    nips = [d["nip"] for _, d in valid]
    existing = {r["nip"]: dict(r) for r in uow.session.execute(
        sa.select(pegawai).where(pegawai.c.nip.in_(nips))).mappings()} if nips else {}
    t, seen, plan = now(), {}, []
    for i, d in valid:
        unor_id = by_kode.get(d.get("kode_unor")) if d.get("kode_unor") else d.get("unor_id")
        before = existing.get(d["nip"])
        errs = {}
        if unor_id not in unit_ids:
            errs["kode_unor"] = ["Unor tidak ditemukan di instansi ini."]
        if d["nip"] in seen:
            errs["nip"] = [f"NIP ganda (juga di baris {seen[d['nip']] + 2})."]
        elif before is not None and before["instansi_id"] != instansi_id:
            errs["nip"] = ["NIP sudah terdaftar di instansi lain."]
        if d.get("jenjang") and d.get("kategori_jabatan") not in (None, "FUNGSIONAL"):
            errs["jenjang"] = ["Jenjang hanya untuk kategori jabatan FUNGSIONAL."]
        seen.setdefault(d["nip"], i)
        if errs:
            galat.tambah(i, errs)
            continue
        base = before or {"id": new_id(), "instansi_id": instansi_id, "roles": ["pegawai"],
                          "non_asn": False, "aktif": True, "nik": None, "password_hash": None,
                          "password_changed_at": None, "revisi": 0, "created_at": t}
        after = {**base, **{k: d.get(k, base.get(k)) for k in KOLOM}, "unor_id": unor_id,
                 "jenis_jabatan": d.get("jenis_jabatan") or base.get("jenis_jabatan") or "PEGAWAI",
                 "revisi": base["revisi"] + 1, "updated_at": t}
        try:
            after = kepegawaian.terapkan(before, after, d)
        except kepegawaian.IsianTidakSah as exc:
            galat.tambah(i, {exc.field: [exc.pesan]})
            continue
        if before is not None and "admin_pusat" in before["roles"] and \
                not principal.is_admin_pusat and \
                after["status_kepegawaian"] != before["status_kepegawaian"]:
            galat.tambah(i, {"status_kepegawaian": [
                "Hanya admin pusat yang dapat mengubah akun admin pusat."]})
            continue
        plan.append((before, after))
    return plan
