"""An instansi's angka-kredit pengaturan (numbering, the month rule, the unsettled keterampilan
figures; ``domain.pengaturan``) and its PAK templates, TTE and TTD_BASAH (BKN admin manual
§2.14, §2.15). Admins of the instansi only (admin_pusat names the instansi).

A change of a figure (kebutuhan, nilai dasar, hari acuan) recomputes the unsigned AK rows of the
instansi's pegawai; signed PAKs keep the figures they were signed with."""
from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from sqlalchemy import select

from kinerja_shared import clock
from kinerja_shared.auth.access import ensure_admin_of
from kinerja_shared.auth.principal import Principal
from kinerja_shared.db.readmodel import upsert_snapshot
from kinerja_shared.errors import NotFound, invalid

from ..adapters.tables import angka_kredit, instansi_ref, pengaturan, template_pak
from ..domain import pengaturan as aturan_instansi
from ..domain.aturan import rules_for
from ..domain.nomor import KodeNomor, susun
from . import muat
from .hitung import hitung_ulang
from .refusals import domain_refusals

BERKAS_MAKS = 2 * 1024 * 1024
ANGKA = ("kebutuhan_pangkat", "kebutuhan_jenjang", "nilai_dasar", "hari_acuan_bulan")


def instansi_tujuan(principal: Principal, instansi_id: str | None) -> str:
    """The instansi an admin works on: his own, or the one an admin_pusat names."""
    tujuan = instansi_id or principal.instansi_id
    if tujuan is None:
        raise invalid("instansi_id", "Wajib diisi untuk admin pusat.")
    ensure_admin_of(principal, tujuan)
    return tujuan


def _isi(session, instansi_id: str) -> dict[str, Any]:
    row = session.execute(select(pengaturan).where(pengaturan.c.instansi_id == instansi_id)
                          ).mappings().first()
    p = aturan_instansi.Pengaturan.dari(row["data"] if row else None)
    inst = session.execute(select(instansi_ref).where(instansi_ref.c.id == instansi_id)
                           ).mappings().first()
    contoh = susun(p.format_nomor, 1, clock.now().date(), KodeNomor(
        kode_unor="KODEUNOR", kode_unor_induk="KODEINDUK",
        kode_instansi=(inst["kode"] if inst else None) or "KODEINSTANSI"))
    return {"instansi_id": instansi_id, **p.ke_json(), "contoh_nomor": contoh,
            "angka_kredit_periodik": bool(inst and (inst["pengaturan"] or {}).get(
                "angka_kredit_periodik") is True),
            "revisi": row["revisi"] if row else 0,
            "diubah_oleh": row["diubah_oleh"] if row else None,
            "diubah_at": row["diubah_at"] if row else None}


def baca(uow, principal: Principal, *, instansi_id: str | None = None) -> dict[str, Any]:
    return _isi(uow.session, instansi_tujuan(principal, instansi_id))


def simpan(uow, principal: Principal, *, instansi_id: str | None = None, **data) -> dict:
    tujuan = instansi_tujuan(principal, instansi_id)
    s = uow.session
    lama = muat.pengaturan_instansi(s, tujuan)
    with domain_refusals():
        baru = aturan_instansi.periksa({**lama.ke_json(), **data}, rules_for(clock.now().date()))
    row = s.execute(select(pengaturan).where(pengaturan.c.instansi_id == tujuan)
                    ).mappings().first()
    upsert_snapshot(s, pengaturan, {"instansi_id": tujuan, "data": baru.ke_json(),
                                    "revisi": (row["revisi"] if row else 0) + 1,
                                    "diubah_oleh": principal.pegawai_id,
                                    "diubah_at": clock.now()}, key="instansi_id")
    if any(getattr(lama, k) != getattr(baru, k) for k in ANGKA):
        pegawai = s.execute(select(angka_kredit.c.pegawai_id).where(
            angka_kredit.c.instansi_id == tujuan, angka_kredit.c.aktif.is_(True)).distinct()
                            ).scalars().all()
        hitung_ulang(uow, pegawai, oleh=principal.pegawai_id, ubah_ditandatangani=False,
                     alasan="Pengaturan angka kredit instansi diubah")
    return _isi(s, tujuan)


# -- templates ----------------------------------------------------------------------------

def _template(session, instansi_id: str, metode: str):
    return session.execute(select(template_pak).where(
        template_pak.c.instansi_id == instansi_id, template_pak.c.metode == metode)
    ).mappings().first()


def _template_isi(row, instansi_id: str, metode: str) -> dict[str, Any]:
    if row is None:
        return {"instansi_id": instansi_id, "metode": metode, "versi": 0, "judul": None,
                "kop": [], "tembusan": [], "catatan": None, "berkas_nama": None,
                "berkas_sha256": None, "diubah_oleh": None, "diubah_at": None}
    return {k: row[k] for k in ("instansi_id", "metode", "versi", "judul", "kop", "tembusan",
                                "catatan", "berkas_nama", "berkas_sha256", "diubah_oleh",
                                "diubah_at")}


def template(uow, principal: Principal, metode: str, *, instansi_id: str | None = None) -> dict:
    tujuan = instansi_tujuan(principal, instansi_id)
    return _template_isi(_template(uow.session, tujuan, metode), tujuan, metode)


def simpan_template(uow, principal: Principal, metode: str, *, instansi_id: str | None = None,
                    judul=None, kop=(), tembusan=(), catatan=None, berkas_nama=None,
                    berkas_base64=None) -> dict:
    """A new version of the template; an uploaded .docx (base64) replaces the stored one,
    none keeps it."""
    tujuan = instansi_tujuan(principal, instansi_id)
    s = uow.session
    lama = _template(s, tujuan, metode)
    berkas = lama["berkas"] if lama else None
    nama = lama["berkas_nama"] if lama else None
    if berkas_base64 is not None:
        try:
            berkas = base64.b64decode(berkas_base64, validate=True)
        except (binascii.Error, ValueError):
            raise invalid("berkas_base64", "Bukan base64 yang sah.") from None
        if len(berkas) > BERKAS_MAKS or berkas[:2] != b"PK":
            raise invalid("berkas_base64", "Harus berkas .docx paling besar 2 MB.")
        nama = berkas_nama or "template.docx"
    values = {"instansi_id": tujuan, "metode": metode, "versi": (lama["versi"] if lama else 0) + 1,
              "judul": judul, "kop": list(kop), "tembusan": list(tembusan), "catatan": catatan,
              "berkas_nama": nama, "berkas": berkas,
              "berkas_sha256": hashlib.sha256(berkas).hexdigest() if berkas else None,
              "diubah_oleh": principal.pegawai_id, "diubah_at": clock.now()}
    if lama is None:
        s.execute(template_pak.insert().values(**values))
    else:
        s.execute(template_pak.update().where(
            template_pak.c.instansi_id == tujuan, template_pak.c.metode == metode).values(**values))
    return _template_isi(values, tujuan, metode)


def berkas_template(uow, principal: Principal, metode: str, *, instansi_id: str | None = None
                    ) -> tuple[str, bytes]:
    row = _template(uow.session, instansi_tujuan(principal, instansi_id), metode)
    if row is None or row["berkas"] is None:
        raise NotFound("Template belum mempunyai berkas.")
    return row["berkas_nama"], bytes(row["berkas"])
