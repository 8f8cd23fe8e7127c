"""Dated rule tables of angka kredit (DOMAIN.md §7): persentase predikat, koefisien tahunan,
kebutuhan for kenaikan pangkat and jenjang, the pangkat range of each jenjang and the nilai
dasar of integrasi. Every figure that comes from a regulation sits here, with the regulation
named. A new regulation adds a ``RuleSet`` with its ``berlaku_mulai``; a konversi is computed
with the rules in force at the end of its months (``rules_for``).

The keterampilan kebutuhan figures are *unsettled* (DOMAIN.md §7): the tables hold the
defaults, and an instansi overrides them in its angka-kredit pengaturan (``pengaturan.py``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal as D

SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN = "SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN"
KURANG, SANGAT_KURANG = "KURANG", "SANGAT_KURANG"
PEMULA, TERAMPIL, MAHIR, PENYELIA = "PEMULA", "TERAMPIL", "MAHIR", "PENYELIA"
AHLI_PERTAMA, AHLI_MUDA, AHLI_MADYA, AHLI_UTAMA = (
    "AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA", "AHLI_UTAMA")
KETERAMPILAN = (PEMULA, TERAMPIL, MAHIR, PENYELIA)
KEAHLIAN = (AHLI_PERTAMA, AHLI_MUDA, AHLI_MADYA, AHLI_UTAMA)
JENJANG = KETERAMPILAN + KEAHLIAN
PREDIKAT = (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)

NAMA_JENJANG = {PEMULA: "Pemula", TERAMPIL: "Terampil", MAHIR: "Mahir", PENYELIA: "Penyelia",
                AHLI_PERTAMA: "Ahli Pertama", AHLI_MUDA: "Ahli Muda", AHLI_MADYA: "Ahli Madya",
                AHLI_UTAMA: "Ahli Utama"}
NAMA_PREDIKAT = {SANGAT_BAIK: "Sangat Baik", BAIK: "Baik", BUTUH_PERBAIKAN: "Butuh Perbaikan",
                 KURANG: "Kurang", SANGAT_KURANG: "Sangat Kurang"}


def kategori(jenjang: str) -> str:
    """KETERAMPILAN or KEAHLIAN."""
    return "KETERAMPILAN" if jenjang in KETERAMPILAN else "KEAHLIAN"


@dataclass(frozen=True)
class RuleSet:
    kode: str
    berlaku_mulai: date
    sumber: str
    persentase: dict[str, D]  # predikat -> fraction (1.50 for 150 %)
    koefisien: dict[str, D]  # jenjang -> koefisien angka kredit tahunan
    # golongan -> AK needed for the next pangkat, per kategori
    kebutuhan_pangkat: dict[str, dict[str, D]]
    kebutuhan_jenjang: dict[str, D]  # jenjang -> AK needed for the next jenjang
    jenjang_berikutnya: dict[str, str]
    rentang_golongan: dict[str, tuple[str, str]]  # jenjang -> (lowest, highest) golongan
    nilai_dasar: dict[str, D]  # jenjang -> nilai dasar of integrasi
    tidak_tetap: frozenset[str]  # the unsettled figures an instansi may override


# PermenPAN-RB 1/2023 Pasal 37 (konversi predikat kinerja): persentase per predikat.
PERSENTASE_PERMENPAN_1_2023 = {SANGAT_BAIK: D("1.50"), BAIK: D("1.00"),
                               BUTUH_PERBAIKAN: D("0.75"), KURANG: D("0.50"),
                               SANGAT_KURANG: D("0.25")}

# PermenPAN-RB 1/2023 Lampiran / Peraturan BKN 3/2023: koefisien angka kredit tahunan.
KOEFISIEN_PERMENPAN_1_2023 = {PEMULA: D("3.75"), TERAMPIL: D("5"), MAHIR: D("12.5"),
                              PENYELIA: D("25"), AHLI_PERTAMA: D("12.5"), AHLI_MUDA: D("25"),
                              AHLI_MADYA: D("37.5"), AHLI_UTAMA: D("50")}

# Peraturan BKN 3/2023 Lampiran: AK kumulatif for kenaikan pangkat, by the golongan held.
# Keahlian from the regulation; keterampilan *unsettled* (defaults, overridable).
KEBUTUHAN_PANGKAT_BKN_3_2023 = {
    "KEAHLIAN": {"III/a": D(50), "III/b": D(50), "III/c": D(100), "III/d": D(100),
                 "IV/a": D(150), "IV/b": D(150), "IV/c": D(150), "IV/d": D(200)},
    "KETERAMPILAN": {"II/a": D(15), "II/b": D(20), "II/c": D(20), "II/d": D(20),
                     "III/a": D(50), "III/b": D(50), "III/c": D(100)},
}

# Peraturan BKN 3/2023 Lampiran: AK kumulatif for kenaikan jenjang (keterampilan *unsettled*).
KEBUTUHAN_JENJANG_BKN_3_2023 = {AHLI_PERTAMA: D(100), AHLI_MUDA: D(200), AHLI_MADYA: D(450),
                                PEMULA: D(15), TERAMPIL: D(60), MAHIR: D(100)}

JENJANG_BERIKUTNYA = {PEMULA: TERAMPIL, TERAMPIL: MAHIR, MAHIR: PENYELIA,
                      AHLI_PERTAMA: AHLI_MUDA, AHLI_MUDA: AHLI_MADYA, AHLI_MADYA: AHLI_UTAMA}

# PermenPAN-RB 1/2023 Lampiran: the pangkat (golongan ruang) of each jenjang; a kenaikan
# pangkat past the highest one is a kenaikan jenjang.
RENTANG_GOLONGAN_PERMENPAN_1_2023 = {
    PEMULA: ("II/a", "II/a"), TERAMPIL: ("II/b", "II/d"), MAHIR: ("III/a", "III/b"),
    PENYELIA: ("III/c", "III/d"), AHLI_PERTAMA: ("III/a", "III/b"),
    AHLI_MUDA: ("III/c", "III/d"), AHLI_MADYA: ("IV/a", "IV/c"), AHLI_UTAMA: ("IV/d", "IV/e"),
}

# Peraturan BKN 3/2023 (penyesuaian AK konvensional ke integrasi): AK integrasi = AK
# kumulatif konvensional − nilai dasar of the jenjang. Keterampilan: not in DOMAIN.md §7, so an
# instansi must set them (pengaturan ``nilai_dasar``) before integrating a keterampilan JF.
NILAI_DASAR_BKN_3_2023 = {AHLI_PERTAMA: D(100), AHLI_MUDA: D(200), AHLI_MADYA: D(400),
                          AHLI_UTAMA: D(850)}

TIDAK_TETAP = frozenset(
    {f"pangkat.{g}" for g in KEBUTUHAN_PANGKAT_BKN_3_2023["KETERAMPILAN"]}
    | {f"jenjang.{j}" for j in (PEMULA, TERAMPIL, MAHIR)}
    | {f"nilai_dasar.{j}" for j in KETERAMPILAN})

RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(
        kode="PERMENPAN_RB_1_2023",
        berlaku_mulai=date(2023, 1, 1),
        sumber="PermenPAN-RB 1/2023 tentang Jabatan Fungsional; Peraturan BKN 3/2023 tentang "
               "Angka Kredit, Kenaikan Pangkat, dan Jenjang Jabatan Fungsional",
        persentase=PERSENTASE_PERMENPAN_1_2023,
        koefisien=KOEFISIEN_PERMENPAN_1_2023,
        kebutuhan_pangkat=KEBUTUHAN_PANGKAT_BKN_3_2023,
        kebutuhan_jenjang=KEBUTUHAN_JENJANG_BKN_3_2023,
        jenjang_berikutnya=JENJANG_BERIKUTNYA,
        rentang_golongan=RENTANG_GOLONGAN_PERMENPAN_1_2023,
        nilai_dasar=NILAI_DASAR_BKN_3_2023,
        tidak_tetap=TIDAK_TETAP,
    ),
)


def rules_for(tanggal: date, rule_sets: tuple[RuleSet, ...] = RULE_SETS) -> RuleSet:
    """The rule set in force on ``tanggal`` (the latest whose berlaku_mulai is not after it);
    dates before the first rule set fall back to the first."""
    berlaku = [r for r in rule_sets if r.berlaku_mulai <= tanggal]
    return max(berlaku, key=lambda r: r.berlaku_mulai) if berlaku else min(
        rule_sets, key=lambda r: r.berlaku_mulai)
