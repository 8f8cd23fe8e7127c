"""Single documents (GET /cetak/...): check the caller may read the source, assemble the data,
render, and issue: a ``dokumen`` row with the verification code the PDF prints and the SHA-256
of the exact bytes returned. Each call issues a new document with its own code.

Who may print: what the caller may read at the source. Rencana SKP, evaluasi and the PP 30
form: the pegawai himself, his pejabat penilai and atasan pejabat penilai, admins of the
instansi; anyone else 404. The MPH of a unit: admins and the unit's pimpinan. The konversi,
akumulasi and PAK of an angka kredit row: as angka-kredit shows the row (the pegawai, the
pejabat penilai and atasan pejabat penilai of its predikat, admins of the instansi).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Callable
from zoneinfo import ZoneInfo

from kinerja_shared import clock
from kinerja_shared.auth.access import ensure_visible
from kinerja_shared.errors import Conflict, NotFound

from ..adapters.pdf import dokumen as pdf
from ..adapters.pdf.dasar import Verifikasi
from ..adapters.tables import dokumen
from ..domain import kode as kode_mod
from ..adapters.pdf import angka_kredit as pdf_ak
from . import cakupan, dokumen_ak, dokumen_data, sumber

RENCANA_SKP, EVALUASI, FORM_PP30, MPH = "RENCANA_SKP", "EVALUASI", "FORM_PP30", "MPH"
AK_KONVERSI, AK_AKUMULASI, PAK = dokumen_ak.KONVERSI, dokumen_ak.AKUMULASI, dokumen_ak.PAK
JUDUL = {RENCANA_SKP: "Rencana SKP", EVALUASI: "Dokumen Evaluasi Kinerja",
         FORM_PP30: "Penilaian Prestasi Kerja (PP 30/2019)", MPH: "Matriks Peran Hasil",
         AK_KONVERSI: "Konversi Predikat Kinerja ke Angka Kredit",
         AK_AKUMULASI: "Akumulasi Angka Kredit", PAK: "Penetapan Angka Kredit"}
ANCHOR_PEGAWAI, ANCHOR_PENILAI = "#ttd_pegawai#", "#ttd_penilai#"


@dataclass(frozen=True)
class Opsi:
    tanggal: date | None = None
    lokasi: str | None = None
    anchor_pegawai: str | None = None
    anchor_penilai: str | None = None

    def jangkar(self) -> tuple[str, str]:
        return (self.anchor_pegawai or ANCHOR_PEGAWAI, self.anchor_penilai or ANCHOR_PENILAI)


@dataclass(frozen=True)
class Terbit:
    kode: str
    nama: str  # file name
    pdf: bytes
    sha256: str


def hari_ini(settings) -> date:
    return clock.now().astimezone(ZoneInfo(settings.zona_waktu)).date()


def terbitkan(s, settings, *, jenis: str, sumber_id: str, instansi_id: str | None, data: dict,
              render: Callable, oleh: str | None, pegawai: dict | None, job_id: str | None = None,
              nama: str) -> Terbit:
    """Render ``data`` with a new verification code and record the issue (not committed)."""
    kode = kode_mod.baru()
    url = f"{settings.public_url}/verifikasi/{kode}"
    body = render(data, Verifikasi(kode, url, JUDUL[jenis]))
    digest = hashlib.sha256(body).hexdigest()
    signers = [t for t in (data.get("ttd") if isinstance(data.get("ttd"), list)
                           else [data.get("ttd")]) if t]
    s.execute(dokumen.insert().values(
        kode=kode, instansi_id=instansi_id, jenis=jenis, judul=data["judul"][:300],
        sumber_id=sumber_id, pegawai_id=(pegawai or {}).get("id"),
        pegawai_nip=(pegawai or {}).get("nip"), pegawai_nama=(pegawai or {}).get("nama"),
        penandatangan=[{"peran": t["peran"], "nama": t["nama"], "nip": t["nip"]} for t in signers],
        sha256=digest, ukuran=len(body), diterbitkan_at=clock.now(), diterbitkan_oleh=oleh,
        job_id=job_id))
    return Terbit(kode, nama, body, digest)


def nama_berkas(*parts: object) -> str:
    text = "_".join(str(p) for p in parts if p not in (None, ""))
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:150] + ".pdf"


def _lihat_penilaian(s, principal, penilaian_id: str) -> dict:
    pen = sumber.penilaian(s, penilaian_id)
    ensure_visible(principal, instansi_id=pen["instansi_id"], owner_pegawai_id=pen["pegawai_id"],
                   related_pegawai_ids=(pen["pejabat_penilai_id"],
                                        pen["atasan_pejabat_penilai_id"]))
    return pen


def rencana_skp(uow, principal, comp, skp_id: str, opsi: Opsi) -> Terbit:
    s = uow.session
    row = sumber.skp(s, skp_id)
    ensure_visible(principal, instansi_id=row["instansi_id"], owner_pegawai_id=row["pegawai_id"],
                   related_pegawai_ids=(row["pejabat_penilai_id"], row["atasan_pejabat_penilai_id"]))
    return terbitkan_rencana(s, comp.settings, row, opsi, oleh=principal.pegawai_id)


def terbitkan_rencana(s, settings, row: dict, opsi: Opsi, *, oleh, job_id=None) -> Terbit:
    data = dokumen_data.rencana(s, row, tanggal=opsi.tanggal or hari_ini(settings),
                                lokasi=opsi.lokasi, jangkar=opsi.jangkar())
    return terbitkan(s, settings, jenis=RENCANA_SKP, sumber_id=row["id"],
                     instansi_id=row["instansi_id"], data=data, render=pdf.rencana_skp,
                     oleh=oleh, pegawai=data["pegawai"], job_id=job_id,
                     nama=nama_berkas("rencana-skp", data["pegawai"]["nip"], row["tahun"]))


def evaluasi(uow, principal, comp, penilaian_id: str, opsi: Opsi) -> Terbit:
    pen = _lihat_penilaian(uow.session, principal, penilaian_id)
    return terbitkan_evaluasi(uow.session, comp.settings, pen, opsi, oleh=principal.pegawai_id)


def terbitkan_evaluasi(s, settings, pen: dict, opsi: Opsi, *, oleh, job_id=None) -> Terbit:
    data = dokumen_data.evaluasi(s, pen, tanggal=opsi.tanggal or hari_ini(settings),
                                 lokasi=opsi.lokasi, jangkar=opsi.jangkar())
    return terbitkan(s, settings, jenis=EVALUASI, sumber_id=pen["id"],
                     instansi_id=pen["instansi_id"], data=data, render=pdf.evaluasi, oleh=oleh,
                     pegawai=data["pegawai"], job_id=job_id,
                     nama=nama_berkas("evaluasi", data["pegawai"]["nip"], data["periode_label"],
                                      pen["tahun"]))


def form_pp30(uow, principal, comp, penilaian_id: str, opsi: Opsi) -> Terbit:
    s = uow.session
    pen = _lihat_penilaian(s, principal, penilaian_id)
    if pen["model"] != "PP_30_2019":
        raise Conflict("Formulir PP 30/2019 hanya untuk penilaian model PP 30/2019; cetak "
                       "Dokumen Evaluasi Kinerja untuk penilaian ini.", code="bukan-pp30")
    data = dokumen_data.form_pp30(s, pen, tanggal=opsi.tanggal or hari_ini(comp.settings),
                                  lokasi=opsi.lokasi, jangkar=opsi.jangkar(),
                                  zona=comp.settings.zona_waktu)
    return terbitkan(s, comp.settings, jenis=FORM_PP30, sumber_id=pen["id"],
                     instansi_id=pen["instansi_id"], data=data, render=pdf.form_pp30,
                     oleh=principal.pegawai_id, pegawai=data["pegawai"],
                     nama=nama_berkas("penilaian-pp30", data["pegawai"]["nip"], pen["tahun"]))


def mph(uow, principal, comp, unor_id: str, tahun: int, opsi: Opsi) -> Terbit:
    s = uow.session
    unor = sumber.unor(s, unor_id)
    if unor is None or unor["dihapus"] or not principal.sees_instansi(unor["instansi_id"]):
        raise NotFound()
    if not principal.can_admin_instansi(unor["instansi_id"]) \
            and unor_id not in cakupan.unor_dipimpin(s, principal.pegawai_id):
        raise NotFound()
    data = dokumen_data.mph(s, unor, tahun, tanggal=opsi.tanggal or hari_ini(comp.settings),
                            lokasi=opsi.lokasi)
    return terbitkan(s, comp.settings, jenis=MPH, sumber_id=unor_id,
                     instansi_id=unor["instansi_id"], data=data, render=pdf.mph,
                     oleh=principal.pegawai_id, pegawai=None,
                     nama=nama_berkas("mph", unor["nama"], tahun))


_RENDER_AK = {AK_KONVERSI: pdf_ak.konversi, AK_AKUMULASI: pdf_ak.akumulasi, PAK: pdf_ak.pak}
_NAMA_AK = {AK_KONVERSI: "konversi-ak", AK_AKUMULASI: "akumulasi-ak", PAK: "pak"}


def angka_kredit(uow, principal, comp, angka_kredit_id: str, jenis: str, opsi: Opsi) -> Terbit:
    """The konversi, akumulasi or PAK of an AK row. 409: a cancelled row; the konversi of an
    integrasi (it converts no predikat); a PAK before it was approved."""
    s = uow.session
    row = sumber.angka_kredit(s, angka_kredit_id)
    snap = row["snapshot"]
    ensure_visible(principal, instansi_id=row["instansi_id"], owner_pegawai_id=row["pegawai_id"],
                   related_pegawai_ids=((snap.get("pejabat_penilai") or {}).get("id"),
                                        (snap.get("atasan_pejabat_penilai") or {}).get("id")))
    if row["status"] == "DIBATALKAN":
        raise Conflict("Angka kredit ini dibatalkan; dokumennya tidak dapat dicetak.",
                       code="angka-kredit-dibatalkan")
    if jenis == AK_KONVERSI and row["sumber"] != "KONVERSI":
        raise Conflict("Angka kredit integrasi tidak berasal dari konversi predikat; cetak "
                       "akumulasi atau PAK-nya.", code="bukan-konversi")
    if jenis == PAK and row["status"] not in ("DISETUJUI", "DITANDATANGANI"):
        raise Conflict("PAK dapat dicetak setelah angka kredit disetujui.",
                       code="pak-belum-disetujui")
    data = dokumen_ak.dokumen(s, row, jenis, tanggal=opsi.tanggal or hari_ini(comp.settings),
                              lokasi=opsi.lokasi)
    return terbitkan(s, comp.settings, jenis=jenis, sumber_id=angka_kredit_id,
                     instansi_id=row["instansi_id"], data=data, render=_RENDER_AK[jenis],
                     oleh=principal.pegawai_id, pegawai=data["pegawai"],
                     nama=nama_berkas(_NAMA_AK[jenis], data["pegawai"]["nip"], row["tahun"]))
