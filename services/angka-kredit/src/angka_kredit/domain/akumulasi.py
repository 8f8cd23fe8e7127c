"""Akumulasi, kebutuhan and selisih (DOMAIN.md §7; Peraturan BKN 3/2023).

AK accumulates within a masa jenjang (a kenaikan jenjang starts again from zero): the integrasi
of that jenjang and every konversi, oldest first. For kenaikan pangkat only what was gathered
in the current masa golongan counts (the AK that earned the last pangkat stays with it): the
jenjang figures of the tables are multiples of the pangkat ones (Ahli Pertama 2 × 50 = 100,
Ahli Madya 3 × 150 = 450). Selisih is akumulasi − kebutuhan: excess when positive, shortfall
when negative. Past the highest golongan of the jenjang, the next pangkat needs the next
jenjang too, so it is "cukup" only when both are.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from . import golongan as gol
from .angka import DUA_BELAS, dari_ak12, tampil
from .aturan import NAMA_JENJANG, RuleSet
from .pengaturan import Pengaturan

KONVERSI, INTEGRASI = "KONVERSI", "INTEGRASI"


@dataclass(frozen=True)
class Butir:
    """An AK row in the chain: a konversi segmen or the integrasi."""

    id: str
    sumber: str
    tanggal: date  # the first day it covers (integrasi: its date)
    jenjang: str
    jenjang_mulai: date
    golongan: str | None
    golongan_mulai: date | None
    ak12: Decimal  # twelve times its AK (exact)


@dataclass(frozen=True)
class Sisi:
    akumulasi: Decimal
    kebutuhan: Decimal | None
    selisih: Decimal | None
    cukup: bool
    berikutnya: str | None
    berikutnya_nama: str | None


@dataclass(frozen=True)
class Hasil:
    ak_lama: Decimal
    ak_baru: Decimal
    pangkat: Sisi
    jenjang: Sisi
    kesimpulan: str
    # (unsur, uraian, lama, baru, jumlah): the PAK's table II
    penetapan: list[tuple[str, str, Decimal, Decimal, Decimal]] = field(default_factory=list)
    dihitung: list[str] = field(default_factory=list)  # ids counted in ak_baru, oldest first


def _urut(b: Butir):
    return (b.tanggal, b.sumber != INTEGRASI, b.id)


def _sisi(ak12: Decimal, kebutuhan: Decimal | None, berikutnya: str | None,
          nama: str | None, boleh: bool = True) -> Sisi:
    if kebutuhan is None:
        return Sisi(dari_ak12(ak12), None, None, False, berikutnya, nama)
    cukup = ak12 >= kebutuhan * DUA_BELAS
    return Sisi(dari_ak12(ak12), kebutuhan, dari_ak12(ak12 - kebutuhan * DUA_BELAS),
                cukup and boleh, berikutnya, nama)


def hitung(butir: list[Butir], rules: RuleSet, pengaturan: Pengaturan) -> dict[str, Hasil]:
    """The figures of every row (one pegawai), by id."""
    out: dict[str, Hasil] = {}
    kelompok: dict[tuple, list[Butir]] = {}
    for b in sorted(butir, key=_urut):
        kelompok.setdefault((b.jenjang, b.jenjang_mulai), []).append(b)
    for (jenjang, _), rantai in kelompok.items():
        for i, b in enumerate(rantai):
            sebelum = rantai[:i]
            lama12 = sum((x.ak12 for x in sebelum), Decimal(0))
            pangkat12 = sum((x.ak12 for x in rantai[:i + 1]
                             if (x.golongan, x.golongan_mulai) == (b.golongan, b.golongan_mulai)
                             ), Decimal(0))
            out[b.id] = _hasil(b, rantai[:i + 1], lama12, pangkat12, rules, pengaturan)
    return out


def _hasil(b: Butir, rantai: list[Butir], lama12: Decimal, pangkat12: Decimal,
           rules: RuleSet, pengaturan: Pengaturan) -> Hasil:
    baru12 = lama12 + b.ak12
    j_berikut = rules.jenjang_berikutnya.get(b.jenjang)
    jenjang = _sisi(baru12, pengaturan.kebutuhan_jenjang_dari(rules, b.jenjang), j_berikut,
                    NAMA_JENJANG.get(j_berikut))
    g_berikut = gol.berikutnya(b.golongan)
    atas = rules.rentang_golongan[b.jenjang][1]
    lewat_jenjang = b.golongan is not None and gol.URUTAN.get(b.golongan, -1) >= gol.URUTAN[atas]
    pangkat = _sisi(pangkat12, pengaturan.kebutuhan_pangkat_dari(rules, b.jenjang, b.golongan),
                    g_berikut, gol.pangkat(g_berikut),
                    boleh=not lewat_jenjang or jenjang.cukup)
    integrasi12 = [x.ak12 for x in rantai if x.sumber == INTEGRASI]
    konversi12 = [x.ak12 for x in rantai[:-1] if x.sumber == KONVERSI]
    baris = []
    for unsur, uraian, lama, baru in (
            ("AK_INTEGRASI", "AK Integrasi", sum(integrasi12, Decimal(0)) - (
                b.ak12 if b.sumber == INTEGRASI else 0), b.ak12 if b.sumber == INTEGRASI else 0),
            ("AK_KONVERSI", "AK Konversi", sum(konversi12, Decimal(0)),
             b.ak12 if b.sumber == KONVERSI else 0)):
        baris.append((unsur, uraian, dari_ak12(lama), dari_ak12(Decimal(baru)),
                      dari_ak12(lama + baru)))
    return Hasil(dari_ak12(lama12), dari_ak12(baru12), pangkat, jenjang,
                 kesimpulan(pangkat, jenjang, lewat_jenjang), baris, [x.id for x in rantai])


def kesimpulan(pangkat: Sisi, jenjang: Sisi, lewat_jenjang: bool) -> str:
    """The PAK's conclusion, as the regulation's example words it."""
    bagian = []
    if jenjang.cukup:
        bagian.append(f"jenjang jabatan setingkat lebih tinggi menjadi {jenjang.berikutnya_nama}")
    if pangkat.cukup:
        bagian.append(f"pangkat setingkat lebih tinggi menjadi {pangkat.berikutnya_nama}, "
                      f"golongan ruang {pangkat.berikutnya}")
    if bagian:
        return "Dapat dipertimbangkan untuk kenaikan " + " dan kenaikan ".join(bagian) + "."
    kurang = []
    for nama, sisi in (("pangkat", pangkat), ("jenjang jabatan", jenjang)):
        if sisi.selisih is not None and sisi.selisih < 0:
            kurang.append(f"{tampil(-sisi.selisih)} untuk kenaikan {nama}")
    teks = "Tidak dapat dipertimbangkan untuk kenaikan pangkat/jenjang jabatan setingkat " \
           "lebih tinggi"
    if kurang:
        teks += "; kekurangan angka kredit " + " dan ".join(kurang)
    if lewat_jenjang and pangkat.selisih is not None and pangkat.selisih >= 0:
        teks += "; kenaikan pangkat berikutnya memerlukan kenaikan jenjang jabatan"
    if pangkat.kebutuhan is None and jenjang.kebutuhan is None:
        teks += "; pangkat dan jenjang jabatan tertinggi telah dicapai"
    return teks + "."
