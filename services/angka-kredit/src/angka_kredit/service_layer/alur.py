"""The PAK workflow (``domain.pak.ALUR``): ajukan, setujui, tandatangani, kembalikan. Each
takes the open unit of work and the caller, locks the row, checks access and the step, writes
the status with its riwayat and publishes the row (and PakDitandatangani when signed).

Numbering (BKN admin manual §2.15): under MANUAL the nomor SK is entered at ajukan (unique per
instansi and year of the tanggal SK); under OTOMATIS it is made at setujui from the instansi's
format and the next number of the year (``penomoran``). A number once given stays with the
PAK, through a return to draft and a new approval."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select, update

from kinerja_shared import clock
from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Conflict, DomainError, Invalid, invalid

from ..adapters.tables import angka_kredit
from ..domain.nomor import KodeNomor, periksa_nomor_manual, susun
from ..domain.pak import DITANDATANGANI, langkah
from ..domain.pengaturan import MANUAL
from . import akses, muat, penomoran, publikasi, riwayat
from .refusals import domain_refusals

DUPLIKAT_NOMOR = "Nomor SK sudah dipakai PAK lain di instansi ini pada tahun yang sama."


def _buka(uow, principal: Principal, angka_kredit_id: str, aksi: str):
    row = akses.muat_terlihat(uow, principal, angka_kredit_id, for_update=True)
    akses.pastikan_boleh(principal, row, aksi)
    with domain_refusals():
        status = langkah(aksi, row["status"], aktif=row["aktif"])
    return row, status


def _tulis(uow, principal: Principal, row, nilai: dict[str, Any], aksi: str,
           alasan: str | None = None) -> None:
    nilai = {**nilai, "revisi": row["revisi"] + 1, "updated_at": clock.now()}
    uow.session.execute(update(angka_kredit).where(angka_kredit.c.id == row["id"]).values(**nilai))
    riwayat.catat(uow.session, row, nilai, aksi, principal.pegawai_id, alasan)
    if nilai.get("status") == DITANDATANGANI:
        publikasi.ditandatangani(uow, row["id"])
    else:
        publikasi.terbitkan(uow, [row["id"]])


def _nomor_terpakai(session, row, nomor: str, tahun: int) -> bool:
    return session.execute(select(angka_kredit.c.id).where(
        angka_kredit.c.instansi_id == row["instansi_id"], angka_kredit.c.tahun_sk == tahun,
        angka_kredit.c.nomor_sk == nomor, angka_kredit.c.id != row["id"])).first() is not None


def ajukan(uow, principal: Principal, angka_kredit_id: str, *, tempat: str, tanggal_sk: date,
           nomor_sk: str | None = None) -> None:
    row, status = _buka(uow, principal, angka_kredit_id, "ajukan")
    pengaturan = muat.pengaturan_instansi(uow.session, row["instansi_id"])
    nilai: dict[str, Any] = {"status": status, "tempat": tempat, "tanggal_sk": tanggal_sk,
                             "diajukan_at": clock.now()}
    if pengaturan.penomoran == MANUAL:
        with domain_refusals():
            nomor = periksa_nomor_manual(nomor_sk)
        if _nomor_terpakai(uow.session, row, nomor, tanggal_sk.year):
            raise Conflict(DUPLIKAT_NOMOR, code="duplicate")
        nilai.update(nomor_sk=nomor, tahun_sk=tanggal_sk.year)
    elif nomor_sk:
        raise invalid("nomor_sk", "Penomoran otomatis: nomor SK dibuat saat persetujuan, "
                                  "jangan diisi.")
    elif row["nomor_sk"] and row["tahun_sk"] != tanggal_sk.year:
        raise invalid("tanggal_sk", f"PAK ini sudah bernomor {row['nomor_sk']} tahun "
                                    f"{row['tahun_sk']}; tanggal SK harus di tahun itu.")
    _tulis(uow, principal, row, nilai, "AJUKAN")


def setujui(uow, principal: Principal, angka_kredit_id: str) -> None:
    row, status = _buka(uow, principal, angka_kredit_id, "setujui")
    nilai: dict[str, Any] = {"status": status, "disetujui_at": clock.now()}
    if not row["nomor_sk"]:
        s = uow.session
        pengaturan = muat.pengaturan_instansi(s, row["instansi_id"])
        tanggal = row["tanggal_sk"]
        urut = penomoran.berikutnya(s, row["instansi_id"], tanggal.year)
        snap = row["snapshot"]
        nomor = susun(pengaturan.format_nomor, urut, tanggal, KodeNomor(
            kode_unor=snap.get("unor_kode"), kode_unor_induk=snap.get("unor_induk_kode"),
            kode_instansi=snap.get("instansi_kode")))
        if _nomor_terpakai(s, row, nomor, tanggal.year):
            raise Conflict(f"Nomor otomatis {nomor} sudah dipakai PAK bernomor manual; ubah "
                           "format nomor di pengaturan.", code="duplicate")
        nilai.update(nomor_sk=nomor, tahun_sk=tanggal.year)
    _tulis(uow, principal, row, nilai, "SETUJUI")


def tandatangani(uow, principal: Principal, angka_kredit_id: str, *, metode: str,
                 penandatangan: dict[str, Any] | None = None) -> None:
    row, status = _buka(uow, principal, angka_kredit_id, "tandatangani")
    oleh = penandatangan or {"id": principal.pegawai_id, "nip": principal.nip,
                             "nama": principal.nama or ""}
    _tulis(uow, principal, row, {"status": status, "metode": metode, "penandatangan": oleh,
                                 "ditandatangani_at": clock.now()}, "TANDATANGANI")


def kembalikan(uow, principal: Principal, angka_kredit_id: str, *, alasan: str) -> None:
    row, status = _buka(uow, principal, angka_kredit_id, "kembalikan")
    _tulis(uow, principal, row, {"status": status, "alasan_kembali": alasan}, "KEMBALIKAN",
           alasan)


# ---- many rows at once ("Ajukan/Setujui/Tandatangani terpilih") ------------------------------

def _massal(uow, ids: list[str], langkah_satu, field: str = "angka_kredit_ids") -> dict:
    """Run ``langkah_satu(id, i)`` for each row in the order given, in this one transaction:
    all or nothing. The rows are locked first in id order (two bulk calls never wait on each
    other crosswise); a refusal names the row (its pegawai in the detail, its id as
    ``angka_kredit_id``, its fields under ``<field>.<i>``)."""
    s = uow.session
    stmt = select(angka_kredit.c.id, angka_kredit.c.nama, angka_kredit.c.nip).where(
        angka_kredit.c.id.in_(sorted(set(ids)))).order_by(angka_kredit.c.id)
    if s.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    nama = {i: f"PAK {n} (NIP {nip})" if nip else f"PAK {n}" for i, n, nip in s.execute(stmt)}
    selesai = []
    for i, aid in enumerate(ids):
        try:
            langkah_satu(aid, i)
        except Invalid as exc:
            # the detail says what is wrong (the first field's message), not "check the form"
            pesan = " ".join(next(iter(exc.errors.values()))) if exc.errors else exc.detail
            exc.errors = {f"{field}.{i}.{k}": v for k, v in exc.errors.items()} or {
                f"{field}.{i}": [exc.detail]}
            exc.detail = f"{nama.get(aid, 'PAK ' + aid)}: {pesan}"
            exc.extra = {**exc.extra, "angka_kredit_id": aid}
            raise
        except DomainError as exc:
            exc.detail = f"{nama.get(aid, 'PAK ' + aid)}: {exc.detail}"
            exc.extra = {**exc.extra, "angka_kredit_id": aid}
            raise
        selesai.append(aid)
    rows = muat.ak_banyak(s, selesai)
    return {"jumlah": len(selesai), "hasil": [
        {"id": aid, "status": rows[aid]["status"], "nomor_sk": rows[aid]["nomor_sk"]}
        for aid in selesai]}


def ajukan_massal(uow, principal: Principal, items: list[dict], *, tempat: str,
                  tanggal_sk: date) -> dict:
    """``ajukan`` of many rows, one place and date of the SK for all; under MANUAL numbering
    each item brings its own ``nomor_sk``."""
    nomor = {it["angka_kredit_id"]: it.get("nomor_sk") for it in items}
    return _massal(uow, list(nomor), lambda aid, _i: ajukan(
        uow, principal, aid, tempat=tempat, tanggal_sk=tanggal_sk, nomor_sk=nomor[aid]),
        field="items")


def setujui_massal(uow, principal: Principal, angka_kredit_ids: list[str]) -> dict:
    return _massal(uow, list(dict.fromkeys(angka_kredit_ids)),
                   lambda aid, _i: setujui(uow, principal, aid))


def tandatangani_massal(uow, principal: Principal, angka_kredit_ids: list[str], *, metode: str,
                        penandatangan: dict[str, Any] | None = None) -> dict:
    return _massal(uow, list(dict.fromkeys(angka_kredit_ids)), lambda aid, _i: tandatangani(
        uow, principal, aid, metode=metode, penandatangan=penandatangan))
