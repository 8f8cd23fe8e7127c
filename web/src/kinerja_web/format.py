"""How the pages write dates and the suite's enumerations, in Indonesian."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]
WIB = timezone(timedelta(hours=7))

LABEL = {
    # status SKP (the BKN and DKI manuals' words)
    "DRAFT": "Draf",
    "DIAJUKAN": "Menunggu persetujuan atasan",
    "DIKEMBALIKAN": "Dikembalikan untuk perbaikan",
    "DISETUJUI": "Disetujui",
    # status penilaian
    "DIKIRIM": "Dikirim ke pejabat penilai",
    "DITETAPKAN": "Ditetapkan",
    "DITUTUP": "Ditutup",
    # rating and predikat
    "DI_ATAS_EKSPEKTASI": "Di Atas Ekspektasi",
    "SESUAI_EKSPEKTASI": "Sesuai Ekspektasi",
    "DI_BAWAH_EKSPEKTASI": "Di Bawah Ekspektasi",
    "SANGAT_BAIK": "Sangat Baik",
    "BAIK": "Baik",
    "BUTUH_PERBAIKAN": "Butuh Perbaikan",
    "KURANG": "Kurang",
    "SANGAT_KURANG": "Sangat Kurang",
    "ISTIMEWA": "Istimewa",
    # perilaku
    "BERORIENTASI_PELAYANAN": "Berorientasi Pelayanan",
    "AKUNTABEL": "Akuntabel",
    "KOMPETEN": "Kompeten",
    "HARMONIS": "Harmonis",
    "LOYAL": "Loyal",
    "ADAPTIF": "Adaptif",
    "KOLABORATIF": "Kolaboratif",
    "ATASAN": "Atasan",
    "REKAN": "Rekan kerja",
    "BAWAHAN": "Bawahan",
    # RHK and indikator
    "UTAMA": "Utama",
    "TAMBAHAN": "Tambahan",
    "KUANTITATIF": "Kuantitatif",
    "KUALITATIF": "Kualitatif",
    "KUANTITAS": "Kuantitas",
    "KUALITAS": "Kualitas",
    "WAKTU": "Waktu",
    "BIAYA": "Biaya",
    "PERKIN": "Perjanjian Kinerja",
    "KSD": "Kinerja Satuan/Dinas",
    "TUSI": "Tugas dan fungsi",
    "TANPA_REFERENSI": "Tanpa referensi",
    "PENERIMA_LAYANAN": "Penerima Layanan",
    "PROSES_BISNIS": "Proses Bisnis",
    "PENGUATAN_INTERNAL": "Penguatan Internal",
    "ANGGARAN": "Anggaran",
    "JPT": "JPT",
    "JF_JA": "JF/JA",
    "PIMPINAN": "Pimpinan",
    "PEGAWAI": "Pegawai",
    "PLT": "Plt.",
    "PLH": "Plh.",
    "BULANAN": "Bulanan",
    "TRIWULAN": "Triwulan",
    "TAHUNAN": "Tahunan",
    "KETUA": "Ketua",
    "ANGGOTA": "Anggota",
    "PERMENPAN_6_2022": "PermenPAN-RB 6/2022",
    "PP_30_2019": "PP 30/2019",
    # PP 30/2019 perilaku aspects (DKI form)
    "ORIENTASI_PELAYANAN": "Orientasi Pelayanan",
    "KOMITMEN": "Komitmen",
    "INISIATIF_KERJA": "Inisiatif Kerja",
    "KERJA_SAMA": "Kerja Sama",
    "KEPEMIMPINAN": "Kepemimpinan",
    # instansi pengaturan
    "PERINGATAN": "Peringatan",
    "BLOKIR": "Blokir",
    "DKI": "DKI Jakarta (sanggahan berjenjang)",
}

RATING = ["DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"]
PREDIKAT = ["SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"]
ASPEK = ["BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF",
         "KOLABORATIF"]


def label(value) -> str:
    if value is None or value == "":
        return "—"
    return LABEL.get(str(value), str(value).replace("_", " ").title())


def _parse(value):
    if isinstance(value, (date, datetime)):
        return value
    text = str(value)
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def tanggal(value) -> str:
    """``2026-03-05`` → ``5 Maret 2026``."""
    if not value:
        return "—"
    d = _parse(value)
    if d is None:
        return str(value)
    if isinstance(d, datetime):
        d = (d if d.tzinfo else d.replace(tzinfo=timezone.utc)).astimezone(WIB)
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def waktu(value) -> str:
    """An instant in WIB: ``5 Maret 2026 pukul 14.05 WIB``."""
    if not value:
        return "—"
    d = _parse(value)
    if not isinstance(d, datetime):
        return tanggal(value)
    d = (d if d.tzinfo else d.replace(tzinfo=timezone.utc)).astimezone(WIB)  # naive: UTC
    return f"{d.day} {BULAN[d.month - 1]} {d.year} pukul {d.hour:02d}.{d.minute:02d} WIB"


def angka(value) -> str:
    """Indonesian number: ``65.000``, ``12,5``."""
    if value is None or value == "":
        return "—"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number == int(number):
        return f"{int(number):,}".replace(",", ".")
    whole, _, frac = f"{number:,.2f}".partition(".")
    return f"{whole.replace(',', '.')},{frac.rstrip('0')}"


def opsi(items, key: str = "id", text: str = "nama") -> list[tuple[str, str]]:
    """``<select>`` options from API objects."""
    return [(i.get(key), i.get(text) or i.get(key)) for i in items or []]


def pilihan(values) -> list[tuple[str, str]]:
    """``<select>`` options of an enumeration, labelled in Indonesian."""
    return [(v, label(v)) for v in values]


def tahun_ini() -> int:
    return datetime.now(WIB).year


def hari_ini() -> date:
    return datetime.now(WIB).date()
