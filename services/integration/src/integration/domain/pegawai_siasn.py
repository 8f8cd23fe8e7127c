"""A SIASN record (``pns/data-utama``, ``ref-unor``) in our field names (NATIONAL.md; DOMAIN.md
§1). SIASN writes dates ``dd-mm-yyyy``; codes become API.md's enumerations:

- kategori jabatan from ``jenisJabatanId`` (1 struktural, 2 fungsional tertentu, 4 fungsional
  umum / pelaksana) and, for a structural post, its eselon (I-II JPT, III administrator, IV-V
  pengawas);
- jenjang of a functional post from ``jenjang`` (or the end of ``jabatanNama``);
- status kepegawaian from ``kedudukanPnsId``: only the codes we are sure of (01 aktif, 02 CLTN
  = CUTI, 03 tugas belajar); any other leaves identity's value alone (*unsettled*: BKN's list of
  kedudukan codes is not public);
- eselon codes as identity shows them (DOMAIN.md §1).
"""
from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any, Mapping

ESELON = {"10": "I.a", "11": "I.a", "12": "I.b", "21": "II.a", "22": "II.b", "31": "III.a",
          "32": "III.b", "41": "IV.a", "42": "IV.b", "51": "V.a", "52": "V.b",
          "99": "Non-eselon"}
JENJANG = {"pemula": "PEMULA", "terampil": "TERAMPIL", "mahir": "MAHIR", "penyelia": "PENYELIA",
           "ahli pertama": "AHLI_PERTAMA", "ahli muda": "AHLI_MUDA", "ahli madya": "AHLI_MADYA",
           "ahli utama": "AHLI_UTAMA"}
KEDUDUKAN = {"01": "AKTIF", "02": "CUTI", "03": "TUGAS_BELAJAR"}
GOLONGAN = {f"{g}/{r}" for g in ("I", "II", "III") for r in "abcd"} | \
    {f"IV/{r}" for r in "abcde"}


class RekamanTidakValid(ValueError):
    """The record cannot be taken; the message (Indonesian) is its reason in the job."""


def hash_rekaman(data: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def tanggal(value: Any) -> date | None:
    if value in (None, ""):
        return None
    text = str(value)[:10]
    for fmt in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def periksa_nip(nip: Any) -> str:
    nip = str(nip or "").strip()
    if len(nip) != 18 or not nip.isdigit():
        raise RekamanTidakValid("NIP harus 18 digit angka.")
    try:
        date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise RekamanTidakValid("Delapan digit pertama NIP bukan tanggal lahir yang valid.") \
            from None
    return nip


def kategori(data: Mapping[str, Any]) -> str | None:
    jenis = str(data.get("jenisJabatanId") or "")
    if jenis == "1":
        eselon = str(data.get("eselonId") or "")[:1]
        return {"1": "JPT", "2": "JPT", "3": "ADMINISTRATOR", "4": "PENGAWAS",
                "5": "PENGAWAS"}.get(eselon)
    return {"2": "FUNGSIONAL", "4": "PELAKSANA"}.get(jenis)


def jenjang(data: Mapping[str, Any]) -> str | None:
    if kategori(data) != "FUNGSIONAL":
        return None
    for text in (data.get("jenjang"), data.get("jabatanNama")):
        low = str(text or "").lower()
        for name, code in JENJANG.items():
            if low == name or low.endswith(" " + name):
                return code
    return None


def pegawai(data: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of PegawaiSiasnDiterima from a data-utama record."""
    nip = periksa_nip(data.get("nipBaru"))
    nama = str(data.get("nama") or "").strip()
    if not nama:
        raise RekamanTidakValid("Nama kosong.")
    golongan = data.get("golRuangAkhir")
    return {"nip": nip, "nama": nama[:300], "siasn_id": _str(data.get("id")),
            "gelar_depan": _str(data.get("gelarDepan")),
            "gelar_belakang": _str(data.get("gelarBelakang")),
            "unor_siasn_id": _str(data.get("unorId")), "jabatan": _str(data.get("jabatanNama")),
            "kategori_jabatan": kategori(data), "jenjang": jenjang(data),
            "golongan": golongan if golongan in GOLONGAN else None,
            "tmt_jabatan": tanggal(data.get("tmtJabatan")),
            "tmt_golongan": tanggal(data.get("tmtGolAkhir")),
            "status_kepegawaian": KEDUDUKAN.get(str(data.get("kedudukanPnsId") or ""))}


def unor(data: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of UnorSiasnDiterima from a ref-unor record."""
    unor_id, nama = _str(data.get("Id")), str(data.get("NamaUnor") or "").strip()
    if not unor_id or not nama:
        raise RekamanTidakValid("Id atau NamaUnor kosong.")
    return {"unor_siasn_id": unor_id, "nama": nama[:500],
            "eselon": ESELON.get(str(data.get("EselonId") or "")),
            "unor_atasan_siasn_id": _str(data.get("DiatasanId")),
            "unor_induk_siasn_id": _str(data.get("IndukUnorId")),
            "kepala_siasn_id": _str(data.get("PemimpinPnsId")),
            "nama_jabatan": _str(data.get("NamaJabatan"))}


def _str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)
