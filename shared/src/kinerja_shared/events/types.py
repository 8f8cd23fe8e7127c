"""Enumerations that appear on the wire (API.md, "Conventions"). Values only; no rules."""
from __future__ import annotations

from typing import Literal

Rating = Literal["DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"]
Predikat = Literal["SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"]
CapaianOrganisasi = Literal["ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"]
AspekPerilaku = Literal[
    "BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF", "KOLABORATIF"
]
KategoriJabatan = Literal["JPT", "ADMINISTRATOR", "PENGAWAS", "PELAKSANA", "FUNGSIONAL"]
Jenjang = Literal[
    "PEMULA", "TERAMPIL", "MAHIR", "PENYELIA", "AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA", "AHLI_UTAMA"
]
JenisJabatan = Literal["PIMPINAN", "PEGAWAI"]
Pendekatan = Literal["KUANTITATIF", "KUALITATIF"]
ModelSkp = Literal["PERMENPAN_6_2022", "PP_30_2019"]
JenisSkp = Literal["JPT", "JF_JA"]
AspekIndikator = Literal["KUANTITAS", "KUALITAS", "WAKTU", "BIAYA"]
Perspektif = Literal["PENERIMA_LAYANAN", "PROSES_BISNIS", "PENGUATAN_INTERNAL", "ANGGARAN"]
PenilaiPerilaku = Literal["ATASAN", "REKAN", "BAWAHAN"]
JenisRhk = Literal["UTAMA", "TAMBAHAN"]
ReferensiRhk = Literal["PERKIN", "KSD", "TUSI", "TANPA_REFERENSI"]
JenisPltPlh = Literal["PLT", "PLH"]
KeputusanKeberatan = Literal["DISETUJUI", "DITOLAK"]
