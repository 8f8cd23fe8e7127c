"""Read queries returning plain data: the AK list (the manual's "Manajemen Angka Kredit"
search), one AK row with its akumulasi and riwayat, and the reference tables."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, or_, select

from kinerja_shared.auth.principal import Principal
from kinerja_shared.db.paging import Page, PageRequest, fetch_page

from .adapters.tables import angka_kredit, riwayat
from .domain import golongan as gol
from .domain.angka import tampil
from .domain.aturan import NAMA_JENJANG, NAMA_PREDIKAT, RULE_SETS, rules_for
from .service_layer import akses, muat

RINGKAS = ("id", "instansi_id", "pegawai_id", "nip", "nama", "sumber", "status", "aktif",
           "tahun", "awal", "akhir", "penilaian_id", "jenis_predikat", "predikat_revisi",
           "periode_id", "periode_nama", "predikat", "persentase", "koefisien", "bulan",
           "kategori_jabatan", "jabatan", "jenjang", "golongan", "unor_id", "angka_kredit",
           "ak_lama", "ak_baru", "ak_pangkat", "kebutuhan_pangkat", "selisih_pangkat",
           "cukup_pangkat", "pangkat_berikutnya", "kebutuhan_jenjang", "selisih_jenjang",
           "cukup_jenjang", "jenjang_berikutnya", "kesimpulan", "nomor_sk", "tanggal_sk",
           "tempat", "metode", "mengoreksi_id", "digantikan_oleh_id", "revisi", "updated_at")


def ringkas(row) -> dict[str, Any]:
    out = {k: row[k] for k in RINGKAS}
    out["angka_kredit_tampil"] = tampil(row["angka_kredit"])
    out["pangkat"] = row["snapshot"].get("pangkat")
    out["unor_nama"] = row["snapshot"].get("unor_nama")
    return out


def daftar(uow, principal: Principal, *, page: PageRequest, tahun: int | None = None,
           nip: str | None = None, nama: str | None = None, jabatan: str | None = None,
           status: str | None = None, sumber: str | None = None, pegawai_id: str | None = None,
           instansi_id: str | None = None, aktif: bool | None = True) -> Page:
    """AK rows the caller may see, newest first: an admin every row of his instansi (an
    admin_pusat of any, or of ``instansi_id``), anyone else his own and those of whom he is
    pejabat penilai or atasan pejabat penilai."""
    t = angka_kredit
    where = []
    if principal.is_admin_pusat:
        if instansi_id:
            where.append(t.c.instansi_id == instansi_id)
    else:
        where.append(t.c.instansi_id == (instansi_id or principal.instansi_id))
        if instansi_id and instansi_id != principal.instansi_id:
            return Page([], 0)
        if not principal.can_admin_instansi(principal.instansi_id):
            me = principal.pegawai_id
            where.append(or_(t.c.pegawai_id == me, t.c.pejabat_penilai_id == me,
                             t.c.atasan_pejabat_penilai_id == me))
    for column, value in ((t.c.tahun, tahun), (t.c.nip, nip), (t.c.status, status),
                          (t.c.sumber, sumber), (t.c.pegawai_id, pegawai_id), (t.c.aktif, aktif)):
        if value is not None:
            where.append(column == value)
    if nama:
        where.append(t.c.nama.ilike(f"%{_like(nama)}%", escape="\\"))
    if jabatan:
        where.append(t.c.jabatan.ilike(f"%{_like(jabatan)}%", escape="\\"))
    stmt = select(t).where(and_(*where))
    found = fetch_page(uow.session, stmt, page, t.c.tahun.desc(), t.c.awal.desc(), t.c.id)
    return Page([ringkas(r) for r in found.items], found.total)


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def detail(uow, principal: Principal, angka_kredit_id: str) -> dict[str, Any]:
    """The row with everything its documents print: pegawai and penilai snapshots, the PAK
    table, the akumulasi (the rows counted), the integrasi, the signer, and its riwayat."""
    row = akses.muat_terlihat(uow, principal, angka_kredit_id)
    s = uow.session
    dihitung = muat.ak_banyak(s, row["dihitung"])
    snap = row["snapshot"]
    out = ringkas(row)
    out.update(
        pegawai=snap.get("pegawai"), pejabat_penilai=snap.get("pejabat_penilai"),
        atasan_pejabat_penilai=snap.get("atasan_pejabat_penilai"),
        unor_induk_nama=snap.get("unor_induk_nama"), instansi_nama=snap.get("instansi_nama"),
        tmt_jabatan=row["tmt_jabatan"],
        tmt_golongan=row["golongan_mulai"] if row["golongan_mulai"] and
        row["golongan_mulai"].year > 1 else None,
        penetapan=row["penetapan"], pertama=row["pertama"], aturan=row["aturan"],
        ak_konvensional=row["ak_konvensional"], nilai_dasar=row["nilai_dasar"],
        tanggal_integrasi=row["tanggal_integrasi"], penandatangan=row["penandatangan"],
        diajukan_at=row["diajukan_at"], disetujui_at=row["disetujui_at"],
        ditandatangani_at=row["ditandatangani_at"], alasan_kembali=row["alasan_kembali"],
        akumulasi=[{k: d[k] for k in ("id", "sumber", "awal", "akhir", "predikat", "persentase",
                                      "koefisien", "bulan", "angka_kredit", "status")}
                   for d in (dihitung.get(i) for i in row["dihitung"]) if d is not None],
        riwayat=_riwayat(s, row["id"]))
    return out


def _riwayat(session, angka_kredit_id: str) -> list[dict[str, Any]]:
    rows = session.execute(select(riwayat).where(riwayat.c.angka_kredit_id == angka_kredit_id)
                           .order_by(riwayat.c.waktu, riwayat.c.id)).mappings().all()
    return [{k: r[k] for k in ("waktu", "oleh_pegawai_id", "aksi", "status", "sebelum",
                               "sesudah", "alasan")} for r in rows]


def riwayat_ak(uow, principal: Principal, angka_kredit_id: str) -> list[dict[str, Any]]:
    row = akses.muat_terlihat(uow, principal, angka_kredit_id)
    return _riwayat(uow.session, row["id"])


# -- reference tables (DOMAIN.md §7) ---------------------------------------------------------

def _pilih(tanggal: date | None):
    return [rules_for(tanggal)] if tanggal else list(RULE_SETS)


def referensi_koefisien(uow, principal: Principal, *, tanggal: date | None = None) -> list:
    return [{"kode": r.kode, "berlaku_mulai": r.berlaku_mulai, "sumber": r.sumber,
             "persentase": [{"predikat": p, "nama": NAMA_PREDIKAT[p], "persentase": v}
                            for p, v in r.persentase.items()],
             "koefisien": [{"jenjang": j, "nama": NAMA_JENJANG[j], "koefisien": v}
                           for j, v in r.koefisien.items()]} for r in _pilih(tanggal)]


def referensi_kebutuhan(uow, principal: Principal, *, tanggal: date | None = None) -> list:
    """The kebutuhan tables and nilai dasar; the unsettled figures with the caller's
    instansi's values where it set them (``diatur_instansi``)."""
    p = muat.pengaturan_instansi(uow.session, principal.instansi_id) \
        if principal.instansi_id else None
    out = []
    for r in _pilih(tanggal):
        def baris(kunci, bawaan, diatur):
            return {"nilai": diatur if diatur is not None else bawaan, "bawaan": bawaan,
                    "tidak_tetap": kunci in r.tidak_tetap, "diatur_instansi": diatur is not None}
        out.append({
            "kode": r.kode, "berlaku_mulai": r.berlaku_mulai, "sumber": r.sumber,
            "pangkat": [{"kategori": k, "golongan": g, "pangkat": gol.pangkat(g),
                         "golongan_berikutnya": gol.berikutnya(g),
                         # overrides (and unsettled figures) are keterampilan only
                         **baris(f"pangkat.{g}" if k == "KETERAMPILAN" else "", v,
                                 (p.kebutuhan_pangkat.get(g)
                                 if p and k == "KETERAMPILAN" else None))}
                        for k, tabel in r.kebutuhan_pangkat.items() for g, v in tabel.items()],
            "jenjang": [{"jenjang": j, "jenjang_berikutnya": r.jenjang_berikutnya.get(j),
                         **baris(f"jenjang.{j}", v, p.kebutuhan_jenjang.get(j) if p else None)}
                        for j, v in r.kebutuhan_jenjang.items()],
            "nilai_dasar": [{"jenjang": j, **baris(f"nilai_dasar.{j}", r.nilai_dasar.get(j),
                                                  p.nilai_dasar.get(j) if p else None)}
                            for j in NAMA_JENJANG if j in r.nilai_dasar or (p and j in p.nilai_dasar)
                            or f"nilai_dasar.{j}" in r.tidak_tetap],
            "rentang_golongan": [{"jenjang": j, "terendah": a, "tertinggi": b}
                                 for j, (a, b) in r.rentang_golongan.items()]})
    return out


