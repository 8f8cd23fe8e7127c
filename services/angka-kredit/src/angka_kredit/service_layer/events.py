"""Events this service publishes: the declared list (``PUBLISHES``, given to
``ServiceDefinition.publishes``; a unit of work refuses any other type) and the functions that
build each one from this service's rows (docs/ARCHITECTURE.md, "Events"). What it consumes is
in ``handlers.py``.

- ``AngkaKreditDitetapkan``: an AK row after every change of its figures or status (staged by
  ``publikasi.terbitkan``), from the ``angka_kredit`` row and the rows its akumulasi counts;
- ``PakDitandatangani``: the same, once, when the PAK is signed, with the template in force.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from kinerja_shared.db.times import as_utc
from kinerja_shared.events import EventPayload
from kinerja_shared.events.contracts.angka_kredit import (
    AngkaKreditDitetapkan, BarisPak, Integrasi, JabatanAk, Kebutuhan, KonversiRingkas,
    PakDitandatangani, PegawaiAk, TemplatePak,
)
from kinerja_shared.events.contracts.common import PegawaiRingkas

from ..domain import golongan as gol
from ..domain.angka import tampil
from ..domain.aturan import NAMA_JENJANG

PUBLISHES: tuple[type[EventPayload], ...] = (AngkaKreditDitetapkan, PakDitandatangani)

Row = Mapping[str, Any]


def _tanggal(d: date | None) -> date | None:
    """A masa that started before any known TMT begins at date(1, 1, 1): no TMT to print."""
    return d if d is not None and d.year > 1 else None


def _ringkas(data: Mapping[str, Any] | None) -> PegawaiRingkas | None:
    return PegawaiRingkas.model_validate(data) if data else None


def _ringkasan(r: Row) -> KonversiRingkas:
    return KonversiRingkas(
        angka_kredit_id=r["id"], sumber=r["sumber"], periode_awal=r["awal"],
        periode_akhir=r["akhir"], predikat=r["predikat"], persentase=r["persentase"],
        koefisien=r["koefisien"], bulan=r["bulan"], angka_kredit=r["angka_kredit"],
        status=r["status"])


def _isi(row: Row, dihitung: Mapping[str, Row]) -> dict[str, Any]:
    snap = row["snapshot"]
    jabatan = JabatanAk(
        kategori_jabatan=row["kategori_jabatan"], jabatan=row["jabatan"], jenjang=row["jenjang"],
        tmt_jabatan=row["tmt_jabatan"], golongan=row["golongan"], pangkat=snap.get("pangkat"),
        tmt_golongan=_tanggal(row["golongan_mulai"]), unor_id=row["unor_id"],
        unor_nama=snap.get("unor_nama"), unor_induk_id=snap.get("unor_induk_id"),
        unor_induk_nama=snap.get("unor_induk_nama"), instansi_id=row["instansi_id"],
        instansi_nama=snap.get("instansi_nama"))
    pangkat = Kebutuhan(
        akumulasi=row["ak_pangkat"], kebutuhan=row["kebutuhan_pangkat"],
        selisih=row["selisih_pangkat"], cukup=row["cukup_pangkat"],
        berikutnya=row["pangkat_berikutnya"], berikutnya_nama=gol.pangkat(row["pangkat_berikutnya"]))
    jenjang = Kebutuhan(
        akumulasi=row["ak_baru"], kebutuhan=row["kebutuhan_jenjang"],
        selisih=row["selisih_jenjang"], cukup=row["cukup_jenjang"],
        berikutnya=row["jenjang_berikutnya"],
        berikutnya_nama=NAMA_JENJANG.get(row["jenjang_berikutnya"]))
    integrasi = None
    if row["sumber"] == "INTEGRASI":
        integrasi = Integrasi(ak_konvensional=row["ak_konvensional"],
                              nilai_dasar=row["nilai_dasar"], tanggal=row["tanggal_integrasi"])
    return dict(
        angka_kredit_id=row["id"], revisi=row["revisi"], status=row["status"],
        aktif=row["aktif"], instansi_id=row["instansi_id"],
        pegawai=PegawaiAk.model_validate(snap["pegawai"]), jenjang=row["jenjang"],
        tahun=row["tahun"], periode_id=row["periode_id"], periode_nama=row["periode_nama"],
        periode_awal=row["awal"], periode_akhir=row["akhir"],
        jenis_predikat=row["jenis_predikat"], penilaian_id=row["penilaian_id"],
        predikat_revisi=row["predikat_revisi"], skp_id=snap.get("skp_id"),
        skp_periode_awal=snap.get("skp_periode_awal"),
        skp_periode_akhir=snap.get("skp_periode_akhir"), model=snap.get("model"),
        predikat=row["predikat"], persentase=row["persentase"], koefisien=row["koefisien"],
        bulan=row["bulan"], angka_kredit=row["angka_kredit"],
        angka_kredit_tampil=tampil(row["angka_kredit"]), ak_lama=row["ak_lama"],
        ak_baru=row["ak_baru"], sumber=row["sumber"], jabatan=jabatan,
        pejabat_penilai=_ringkas(snap.get("pejabat_penilai")),
        atasan_pejabat_penilai=_ringkas(snap.get("atasan_pejabat_penilai")),
        pangkat=pangkat, jenjang_jabatan=jenjang, kebutuhan_pangkat=row["kebutuhan_pangkat"],
        kebutuhan_jenjang=row["kebutuhan_jenjang"], selisih_pangkat=row["selisih_pangkat"],
        selisih_jenjang=row["selisih_jenjang"], kesimpulan=row["kesimpulan"],
        penetapan=[BarisPak.model_validate(b) for b in row["penetapan"]],
        akumulasi=[_ringkasan(dihitung[i]) for i in row["dihitung"] if i in dihitung],
        integrasi=integrasi, pertama=row["pertama"], nomor_sk=row["nomor_sk"],
        tanggal_sk=row["tanggal_sk"], tempat=row["tempat"],
        metode_tanda_tangan=row["metode"], penandatangan=_ringkas(row["penandatangan"]),
        diajukan_at=as_utc(row["diajukan_at"]), disetujui_at=as_utc(row["disetujui_at"]),
        ditandatangani_at=as_utc(row["ditandatangani_at"]),
        alasan_kembali=row["alasan_kembali"], mengoreksi_id=row["mengoreksi_id"],
        digantikan_oleh_id=row["digantikan_oleh_id"], aturan=row["aturan"],
        diubah_at=as_utc(row["updated_at"]))


def angka_kredit_ditetapkan(row: Row, dihitung: Mapping[str, Row]) -> AngkaKreditDitetapkan:
    """From an ``angka_kredit`` row (as it will be committed) and the rows its ``dihitung``
    names (by id)."""
    return AngkaKreditDitetapkan(**_isi(row, dihitung))


def pak_ditandatangani(row: Row, dihitung: Mapping[str, Row], template: Row | None
                       ) -> PakDitandatangani:
    tpl = None
    if template is not None:
        tpl = TemplatePak(metode=template["metode"], versi=template["versi"],
                          judul=template["judul"], kop=template["kop"],
                          tembusan=template["tembusan"], catatan=template["catatan"],
                          berkas_nama=template["berkas_nama"],
                          berkas_sha256=template["berkas_sha256"])
    return PakDitandatangani(**_isi(row, dihitung), template=tpl)
