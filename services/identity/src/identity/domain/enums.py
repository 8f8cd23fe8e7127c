"""Enumerations of the identity domain (API.md, "Conventions"; DOMAIN.md §1)."""
from __future__ import annotations

JENIS_JABATAN = ("PIMPINAN", "PEGAWAI")
KATEGORI_JABATAN = ("JPT", "ADMINISTRATOR", "PENGAWAS", "PELAKSANA", "FUNGSIONAL")
JENJANG = ("PEMULA", "TERAMPIL", "MAHIR", "PENYELIA", "AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA",
           "AHLI_UTAMA")
JENIS_PLT_PLH = ("PLT", "PLH")
ROLES = ("pegawai", "admin_instansi", "admin_pusat")
# what the pegawai is now (domain/kepegawaian.py has what each one means for the account)
STATUS_KEPEGAWAIAN = ("AKTIF", "CUTI", "TUGAS_BELAJAR", "PENSIUN", "PINDAH", "BERHENTI",
                      "MENINGGAL")
# Eselon as SIASN codes them (DOMAIN.md §1).
ESELON = {
    "10": "I.a", "11": "I.a", "12": "I.b", "21": "II.a", "22": "II.b", "31": "III.a",
    "32": "III.b", "41": "IV.a", "42": "IV.b", "51": "V.a", "52": "V.b", "99": "Non-eselon",
}

# Instansi settings and their defaults. Unsettled items are configuration (DOMAIN.md preamble).
MODEL_SKP = ("PERMENPAN_6_2022", "PP_30_2019")
SKEMA_PERIODE = ("BULANAN", "TRIWULAN", "TAHUNAN")
PENEGAKAN_DISTRIBUSI = ("PERINGATAN", "BLOKIR")
# Who handles a keberatan (DOMAIN.md §6): PERMENPAN_6_2022 = the pejabat penilai explains, the
# atasan pejabat penilai decides; DKI = the sanggahan chain (atasan pejabat penilai, pejabat
# penilai, then the atasan's decision).
ALUR_KEBERATAN = ("PERMENPAN_6_2022", "DKI")
ZONA_WAKTU = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")  # WIB, WITA, WIT

PENGATURAN_BAWAAN = {
    "model_skp": "PERMENPAN_6_2022",
    "skema_periode": "TAHUNAN",
    "jendela_keberatan_hari": 14,
    "penegakan_distribusi": "PERINGATAN",
    "alur_keberatan": "PERMENPAN_6_2022",
    # a pegawai of the instansi who decides a keberatan when the pegawai has no atasan pejabat
    # penilai (the head of a mandiri unor, the top of the tree); None: not set
    "pemutus_keberatan_pegawai_id": None,
    # angka-kredit also converts the periodic predikat (PredikatDitetapkan), not only the final
    "angka_kredit_periodik": False,
    "zona_waktu": "Asia/Jakarta",
}
