"""Enumerations of the identity domain (API.md, "Conventions"; DOMAIN.md §1)."""
from __future__ import annotations

JENIS_JABATAN = ("PIMPINAN", "PEGAWAI")
KATEGORI_JABATAN = ("JPT", "ADMINISTRATOR", "PENGAWAS", "PELAKSANA", "FUNGSIONAL")
JENJANG = ("PEMULA", "TERAMPIL", "MAHIR", "PENYELIA", "AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA",
           "AHLI_UTAMA")
JENIS_PLT_PLH = ("PLT", "PLH")
ROLES = ("pegawai", "admin_instansi", "admin_pusat")
# Eselon as SIASN codes them (DOMAIN.md §1).
ESELON = {
    "10": "I.a", "11": "I.a", "12": "I.b", "21": "II.a", "22": "II.b", "31": "III.a",
    "32": "III.b", "41": "IV.a", "42": "IV.b", "51": "V.a", "52": "V.b", "99": "Non-eselon",
}

# Instansi settings and their defaults. Unsettled items are configuration (DOMAIN.md preamble).
MODEL_SKP = ("PERMENPAN_6_2022", "PP_30_2019")
SKEMA_PERIODE = ("BULANAN", "TRIWULAN", "TAHUNAN")
PENEGAKAN_DISTRIBUSI = ("PERINGATAN", "BLOKIR")
PENGATURAN_BAWAAN = {
    "model_skp": "PERMENPAN_6_2022",
    "skema_periode": "TAHUNAN",
    "jendela_keberatan_hari": 14,
    "penegakan_distribusi": "PERINGATAN",
}
