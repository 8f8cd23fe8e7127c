"""An instansi's angka-kredit pengaturan (BKN admin manual §2.15) and the unsettled figures it
may override, with the documented defaults.

- ``penomoran``: ``MANUAL`` (the nomor SK is entered before submission) or ``OTOMATIS`` (made
  from ``format_nomor`` at approval);
- ``hari_acuan_bulan``: a calendar month is counted for the range that holds this day of it
  (default 15: an SKP from 4 January counts January, a TMT jabatan of 20 June does not count
  June; every partition of a year counts 12 months);
- ``kebutuhan_pangkat`` / ``kebutuhan_jenjang`` / ``nilai_dasar``: the *unsettled* keterampilan
  figures of DOMAIN.md §7, over the defaults of ``aturan.py``; only keys the rule set marks as
  unsettled (``RuleSet.tidak_tetap``) are accepted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from .aturan import RuleSet, kategori
from .errors import TidakSah
from .nomor import FORMAT_BAWAAN, periksa_format

MANUAL, OTOMATIS = "MANUAL", "OTOMATIS"
PENOMORAN = (MANUAL, OTOMATIS)
HARI_ACUAN_BAWAAN = 15
BATAS_ANGKA = Decimal(10_000)


@dataclass(frozen=True)
class Pengaturan:
    penomoran: str = MANUAL
    format_nomor: str = FORMAT_BAWAAN
    hari_acuan_bulan: int = HARI_ACUAN_BAWAAN
    tempat: str | None = None  # where PAKs are usually signed (the form's default)
    kebutuhan_pangkat: dict[str, Decimal] = field(default_factory=dict)
    kebutuhan_jenjang: dict[str, Decimal] = field(default_factory=dict)
    nilai_dasar: dict[str, Decimal] = field(default_factory=dict)

    @classmethod
    def dari(cls, data: Mapping[str, Any] | None) -> "Pengaturan":
        """From stored JSON (already checked when it was saved)."""
        d = dict(data or {})
        return cls(
            penomoran=d.get("penomoran", MANUAL), format_nomor=d.get("format_nomor", FORMAT_BAWAAN),
            hari_acuan_bulan=int(d.get("hari_acuan_bulan", HARI_ACUAN_BAWAAN)),
            tempat=d.get("tempat"),
            **{k: {kk: Decimal(str(v)) for kk, v in (d.get(k) or {}).items()}
               for k in ("kebutuhan_pangkat", "kebutuhan_jenjang", "nilai_dasar")})

    def ke_json(self) -> dict[str, Any]:
        return {"penomoran": self.penomoran, "format_nomor": self.format_nomor,
                "hari_acuan_bulan": self.hari_acuan_bulan, "tempat": self.tempat,
                **{k: {kk: str(v) for kk, v in getattr(self, k).items()}
                   for k in ("kebutuhan_pangkat", "kebutuhan_jenjang", "nilai_dasar")}}

    # -- effective figures ---------------------------------------------------------------------

    def kebutuhan_pangkat_dari(self, rules: RuleSet, jenjang: str, golongan: str | None
                               ) -> Decimal | None:
        if golongan is None:
            return None
        kat = kategori(jenjang)
        if kat == "KETERAMPILAN" and golongan in self.kebutuhan_pangkat:
            return self.kebutuhan_pangkat[golongan]
        return rules.kebutuhan_pangkat[kat].get(golongan)

    def kebutuhan_jenjang_dari(self, rules: RuleSet, jenjang: str) -> Decimal | None:
        if jenjang in self.kebutuhan_jenjang:
            return self.kebutuhan_jenjang[jenjang]
        return rules.kebutuhan_jenjang.get(jenjang)

    def nilai_dasar_dari(self, rules: RuleSet, jenjang: str) -> Decimal | None:
        if jenjang in self.nilai_dasar:
            return self.nilai_dasar[jenjang]
        return rules.nilai_dasar.get(jenjang)


def periksa(data: Mapping[str, Any], rules: RuleSet) -> Pengaturan:
    """A pengaturan as an admin sends it (already typed by the schema): ``TidakSah`` per field
    for a bad format, or for overriding a figure the regulation settles."""
    errors: dict[str, list[str]] = {}
    if data.get("penomoran", MANUAL) not in PENOMORAN:
        errors["penomoran"] = ["Harus MANUAL atau OTOMATIS."]
    try:
        periksa_format(data.get("format_nomor", FORMAT_BAWAAN))
    except TidakSah as exc:
        errors.update(exc.errors)
    hari = data.get("hari_acuan_bulan", HARI_ACUAN_BAWAAN)
    if not isinstance(hari, int) or not 1 <= hari <= 28:
        errors["hari_acuan_bulan"] = ["Harus bilangan bulat 1-28."]
    for nama in ("kebutuhan_pangkat", "kebutuhan_jenjang", "nilai_dasar"):
        prefix = {"kebutuhan_pangkat": "pangkat", "kebutuhan_jenjang": "jenjang"}.get(nama, nama)
        for kunci, nilai in (data.get(nama) or {}).items():
            if f"{prefix}.{kunci}" not in rules.tidak_tetap:
                errors[f"{nama}.{kunci}"] = [
                    "Angka ini ditetapkan peraturan dan tidak dapat diubah; yang dapat diatur: "
                    + ", ".join(sorted(k.split(".", 1)[1] for k in rules.tidak_tetap
                                       if k.startswith(prefix + ".")))]
                continue
            try:
                angka = Decimal(str(nilai))
            except (InvalidOperation, ValueError):
                angka = None
            if angka is None or not angka.is_finite() or angka <= 0 or angka >= BATAS_ANGKA \
                    or angka != angka.quantize(Decimal("0.001")):
                errors[f"{nama}.{kunci}"] = ["Harus angka lebih dari 0 dan kurang dari 10.000, "
                                             "paling banyak 3 desimal."]
    if errors:
        raise TidakSah(errors)
    return Pengaturan.dari({**data, **{k: {kk: str(v) for kk, v in (data.get(k) or {}).items()}
                                       for k in ("kebutuhan_pangkat", "kebutuhan_jenjang",
                                                 "nilai_dasar")}})
