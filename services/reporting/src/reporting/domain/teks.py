"""How values are printed in documents and reports: Indonesian dates and the labels of the
suite's enumerations (API.md), as the BKN toolkit and e-Kinerja print them."""
from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")

RATING = {"DI_ATAS_EKSPEKTASI": "Di Atas Ekspektasi", "SESUAI_EKSPEKTASI": "Sesuai Ekspektasi",
          "DI_BAWAH_EKSPEKTASI": "Di Bawah Ekspektasi"}
PREDIKAT = {"SANGAT_BAIK": "Sangat Baik", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan",
            "KURANG": "Kurang/Misconduct", "SANGAT_KURANG": "Sangat Kurang"}
CAPAIAN = {"ISTIMEWA": "Istimewa", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan",
           "KURANG": "Kurang", "SANGAT_KURANG": "Sangat Kurang"}
ASPEK_INDIKATOR = {"KUANTITAS": "Kuantitas", "KUALITAS": "Kualitas", "WAKTU": "Waktu",
                   "BIAYA": "Biaya"}
PERSPEKTIF = {"PENERIMA_LAYANAN": "Penerima Layanan", "PROSES_BISNIS": "Proses Bisnis",
              "PENGUATAN_INTERNAL": "Penguatan Internal", "ANGGARAN": "Anggaran"}
PENILAI = {"ATASAN": "Atasan", "REKAN": "Rekan Kerja", "BAWAHAN": "Bawahan"}
STATUS_SKP = {"DRAFT": "Draft", "DIAJUKAN": "Menunggu Persetujuan", "DIKEMBALIKAN": "Dikembalikan",
              "DISETUJUI": "Disetujui"}
STATUS_PENILAIAN = {"DRAFT": "Pengisian", "DIKIRIM": "Dikirim", "DITETAPKAN": "Ditetapkan",
                    "DITUTUP": "Ditutup"}
MODEL = {"PERMENPAN_6_2022": "PermenPAN-RB 6/2022", "PP_30_2019": "PP 30/2019"}
JENIS_SKP = {"JPT": "JPT", "JF_JA": "JF/JA"}
PENDEKATAN = {"KUANTITATIF": "Kuantitatif", "KUALITATIF": "Kualitatif"}

# The seven BerAKHLAK aspects with their three indicators (DOMAIN.md §3; SE MenPAN-RB 20/2021).
PERILAKU = {
    "BERORIENTASI_PELAYANAN": ("Berorientasi Pelayanan", (
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif dan dapat diandalkan",
        "Melakukan perbaikan tiada henti")),
    "AKUNTABEL": ("Akuntabel", (
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas "
        "tinggi",
        "Menggunakan kekayaan dan BMN secara bertanggung jawab, efektif dan efisien",
        "Tidak menyalahgunakan kewenangan jabatan")),
    "KOMPETEN": ("Kompeten", (
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik")),
    "HARMONIS": ("Harmonis", (
        "Menghargai setiap orang apapun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif")),
    "LOYAL": ("Loyal", (
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun "
        "1945, setia kepada NKRI serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, pimpinan, instansi dan negara",
        "Menjaga rahasia jabatan dan negara")),
    "ADAPTIF": ("Adaptif", (
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif")),
    "KOLABORATIF": ("Kolaboratif", (
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama")),
}

# PP 30/2019 perilaku aspects as the DKI form prints them (field 4b)
PERILAKU_PP30 = {"ORIENTASI_PELAYANAN": "Orientasi Pelayanan", "KOMITMEN": "Komitmen",
                 "INISIATIF_KERJA": "Inisiatif Kerja", "KERJA_SAMA": "Kerja Sama",
                 "KEPEMIMPINAN": "Kepemimpinan"}


def label(table: dict[str, str], value: str | None, default: str = "-") -> str:
    """The printed label of an enumeration value; an unknown value is printed as it came."""
    if value is None or value == "":
        return default
    return table.get(value, value.replace("_", " ").title())


def tanggal(value: date | datetime | str | None, default: str = "-") -> str:
    """``2025-03-31`` -> ``31 Maret 2025``."""
    if value in (None, ""):
        return default
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def waktu(value: datetime, zona: str = "WIB") -> str:
    """``6 Desember 2026 12.20 WIB`` (the time already in the zone named)."""
    return f"{tanggal(value)} {value.hour:02d}.{value.minute:02d} {zona}"


def nama_lengkap(nama: str | None, gelar_depan: str | None = None,
                 gelar_belakang: str | None = None) -> str:
    """``Dr. SITI AMINAH, S.Pd., M.Si.`` as a signature block prints it."""
    if not nama:
        return "-"
    text = f"{gelar_depan.strip()} {nama}" if gelar_depan else nama
    return f"{text}, {gelar_belakang.strip()}" if gelar_belakang else text


def pangkat_golongan(pangkat: str | None, golongan: str | None) -> str:
    if pangkat and golongan:
        return f"{pangkat} ({golongan})"
    return pangkat or golongan or "-"


def ya_tidak(value: bool) -> str:
    return "Ya" if value else "Tidak"


JENJANG = {"PEMULA": "Pemula", "TERAMPIL": "Terampil", "MAHIR": "Mahir", "PENYELIA": "Penyelia",
           "AHLI_PERTAMA": "Ahli Pertama", "AHLI_MUDA": "Ahli Muda", "AHLI_MADYA": "Ahli Madya",
           "AHLI_UTAMA": "Ahli Utama"}
STATUS_AK = {"DRAFT": "Draft", "DIAJUKAN": "Diajukan", "DISETUJUI": "Disetujui",
             "DITANDATANGANI": "Ditandatangani", "DIBATALKAN": "Dibatalkan"}
SUMBER_AK = {"KONVERSI": "Konversi", "INTEGRASI": "Integrasi"}
METODE_TTD = {"TTE": "TTE", "TTD_BASAH": "TTD Basah"}
JENIS_KELAMIN = {"L": "Laki-laki", "P": "Perempuan"}
STATUS_KEBERATAN = {"DIAJUKAN": "Diajukan", "DIJELASKAN": "Dijelaskan",
                    "DISANGGAH_ATASAN": "Disanggah Atasan", "DISANGGAH_PENILAI": "Disanggah Penilai",
                    "DISETUJUI": "Disetujui", "DITOLAK": "Ditolak", "DITARIK": "Ditarik",
                    "TERLAMBAT": "Terlambat"}
KEPUTUSAN_KEBERATAN = {"DISETUJUI": "Disetujui", "DITOLAK": "Ditolak"}
TIPE_SKP_PMM = {"GURU": "Guru", "KEPALA_SEKOLAH": "Kepala Sekolah"}
STATUS_SINKRON = {"BERHASIL": "Berhasil", "GAGAL": "Gagal"}

TIGA = Decimal("0.001")


def desimal(value) -> Decimal | None:
    """A Decimal from a snapshot's string (None for None or text that is no number)."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def ak(value, default: str = "-") -> str:
    """Angka kredit as BKN shows it: three decimals, ROUND_HALF_UP (10.9375 -> ``10.938``)."""
    d = desimal(value)
    return default if d is None else str(d.quantize(TIGA, rounding=ROUND_HALF_UP))


def persen(value, default: str = "-") -> str:
    """``1.50`` -> ``150%``."""
    d = desimal(value)
    if d is None:
        return default
    return f"{(d * 100).normalize():f}%"


def angka(value, default: str = "-") -> str:
    """A decimal without trailing zeros (``12.50`` -> ``12.5``, ``7`` -> ``7``)."""
    d = desimal(value)
    if d is None:
        return default
    return f"{d.normalize():f}"


def rentang_bulan(awal, akhir) -> str:
    """``Juni - Desember`` (same year) or ``Desember 2024 - Februari 2025``."""
    if awal in (None, "") or akhir in (None, ""):
        return "-"
    a = date.fromisoformat(str(awal)[:10])
    b = date.fromisoformat(str(akhir)[:10])
    if a.year == b.year:
        if a.month == b.month:
            return BULAN[a.month - 1]
        return f"{BULAN[a.month - 1]} - {BULAN[b.month - 1]}"
    return f"{BULAN[a.month - 1]} {a.year} - {BULAN[b.month - 1]} {b.year}"
