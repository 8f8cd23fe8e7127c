"""Teachers' SKP and scores from PMM (NATIONAL.md; DOMAIN.md §8; BKN admin manual §2.8-2.10).

- A record is one teacher's semester: ``periode`` ``YYYY-S1`` (January-June) or ``YYYY-S2``
  (July-December).
- PMM's words for ratings and predikat become API.md's enumerations.
- The teacher's unit: the PLT mapping of PMM's school (a teacher acting as PLT kepala sekolah)
  when there is one, else the teacher's own unit, whose name must be PMM's school name
  (compared without case, punctuation and the usual abbreviations).
- Failures are logged per teacher with the reason the manual shows (§2.10).
"""
from __future__ import annotations

import re
from datetime import date

RATING = {"di atas ekspektasi": "DI_ATAS_EKSPEKTASI", "sesuai ekspektasi": "SESUAI_EKSPEKTASI",
          "di bawah ekspektasi": "DI_BAWAH_EKSPEKTASI"}
PREDIKAT = {"sangat baik": "SANGAT_BAIK", "baik": "BAIK", "butuh perbaikan": "BUTUH_PERBAIKAN",
            "kurang": "KURANG", "sangat kurang": "SANGAT_KURANG"}
TIPE_SKP = {"guru": "GURU", "kepala_sekolah": "KEPALA_SEKOLAH", "kepala sekolah": "KEPALA_SEKOLAH"}

# (kode, keterangan) of the PMM sync log, as the manual shows them (§2.10)
NIP_TIDAK_DIKENAL = ("NIP_TIDAK_DIKENAL", "NIP tidak terdaftar di e-Kinerja")
UNOR_TIDAK_ADA = ("UNOR_TIDAK_ADA",
                  "Data Unit Kerja Pegawai tidak terdaftar di Referensi Unit Kerja")
SKP_ATASAN_BELUM = ("SKP_ATASAN_BELUM", "Data SKP Organisasi belum dibuat oleh atasan")
PENILAI_TIDAK_DIKENAL = ("PENILAI_TIDAK_DIKENAL", "Penilai dari PMM tidak terdaftar di e-Kinerja")
DATA_TIDAK_VALID = ("DATA_TIDAK_VALID", "Data PMM tidak lengkap atau tidak valid")

_SINGKATAN = [(r"\bNEGERI\b", "N"), (r"\bSWASTA\b", "S"), (r"\bSEKOLAH DASAR\b", "SD"),
              (r"\bSDN\b", "SD N"), (r"\bSMPN\b", "SMP N"), (r"\bSMAN\b", "SMA N")]


class TidakValid(ValueError):
    pass


def periode(value: str) -> tuple[int, date, date]:
    """(tahun, awal, akhir) of ``YYYY-S1`` / ``YYYY-S2``."""
    m = re.fullmatch(r"(\d{4})-S([12])", str(value or ""))
    if not m:
        raise TidakValid(f"periode {value!r} bukan YYYY-S1 atau YYYY-S2")
    tahun, semester = int(m.group(1)), int(m.group(2))
    if semester == 1:
        return tahun, date(tahun, 1, 1), date(tahun, 6, 30)
    return tahun, date(tahun, 7, 1), date(tahun, 12, 31)


def rating(value: str | None) -> str | None:
    return _pilih(RATING, value)


def predikat(value: str | None) -> str | None:
    return _pilih(PREDIKAT, value)


def tipe_skp(value: str | None) -> str:
    return TIPE_SKP.get(str(value or "guru").strip().lower(), "GURU")


def _pilih(table: dict[str, str], value: str | None) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    if text in table.values():
        return text
    found = table.get(text.lower())
    if found is None:
        raise TidakValid(f"nilai {value!r} tidak dikenal")
    return found


def nama_sekolah(value: str | None) -> str:
    """A school or unit name made comparable."""
    text = re.sub(r"[^A-Z0-9 ]", " ", str(value or "").upper())
    for pattern, repl in _SINGKATAN:
        text = re.sub(pattern, repl, text)
    return re.sub(r"\s+", " ", text).strip()


def sekolah_sama(pmm: str | None, unor: str | None) -> bool:
    return bool(pmm) and nama_sekolah(pmm) == nama_sekolah(unor)


def catatan_sekolah(nama_pmm: str | None) -> str:
    return (f"Nama Sekolah atau Nama Unor tidak sama dengan data PMM, data PMM "
            f"'{nama_pmm or '-'}'")
