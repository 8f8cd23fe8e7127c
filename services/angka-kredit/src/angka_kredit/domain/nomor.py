"""Nomor SK of a PAK (BKN admin manual §2.15): entered by hand (MANUAL) or made from the
instansi's format (OTOMATIS), e.g. ``{urut}/PAK/{kode_unor}/{tahun}`` -> ``17/PAK/BKD/2026``.

Placeholders: ``{urut}`` (the sequence number of the instansi and year, required; ``{urut:4}``
pads it to 4 digits), ``{tahun}``, ``{bulan}`` (01-12), ``{bulan_romawi}`` (I-XII) of the
tanggal SK, ``{kode_unor}``, ``{kode_unor_induk}``, ``{kode_instansi}``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import tidak_sah

FORMAT_BAWAAN = "{urut}/PAK/{kode_unor}/{tahun}"
FORMAT_MAKS = 100
NOMOR_MAKS = 50  # "Maksimal 50 karakter" (the manual's form)
NOMOR_OTOMATIS_MAKS = 200
TEMPAT = re.compile(r"\{([a-z_]+)(?::(\d{1,2}))?\}")
NAMA = ("urut", "tahun", "bulan", "bulan_romawi", "kode_unor", "kode_unor_induk", "kode_instansi")
ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@dataclass(frozen=True)
class KodeNomor:
    """What a format may name besides the number and the date."""

    kode_unor: str | None = None
    kode_unor_induk: str | None = None
    kode_instansi: str | None = None


def periksa_format(fmt: str) -> None:
    """``TidakSah`` on ``format_nomor`` unless it is a usable format."""
    if not isinstance(fmt, str) or not fmt.strip() or len(fmt) > FORMAT_MAKS:
        raise tidak_sah("format_nomor", f"Format wajib diisi, paling panjang {FORMAT_MAKS} "
                                        "karakter.")
    names = [m.group(1) for m in TEMPAT.finditer(fmt)]
    asing = sorted({n for n in names if n not in NAMA})
    if asing:
        raise tidak_sah("format_nomor", f"Isian tidak dikenal: {', '.join(asing)}. Yang dapat "
                                        f"dipakai: {', '.join('{' + n + '}' for n in NAMA)}.")
    sisa = TEMPAT.sub("", fmt)
    if "{" in sisa or "}" in sisa:
        raise tidak_sah("format_nomor", "Kurung kurawal hanya untuk isian seperti {urut}.")
    if names.count("urut") != 1:
        raise tidak_sah("format_nomor", "Format harus memuat {urut} tepat satu kali.")
    if any(m.group(2) and m.group(1) != "urut" for m in TEMPAT.finditer(fmt)):
        raise tidak_sah("format_nomor", "Lebar digit (:N) hanya untuk {urut}.")
    if any(m.group(2) and not 1 <= int(m.group(2)) <= 10 for m in TEMPAT.finditer(fmt)):
        raise tidak_sah("format_nomor", "Lebar digit {urut:N} harus 1-10.")


def susun(fmt: str, urut: int, tanggal: date, kode: KodeNomor) -> str:
    """The nomor SK for sequence number ``urut`` (a missing kode prints as ``-``)."""
    def isi(m: re.Match) -> str:
        nama, lebar = m.group(1), m.group(2)
        if nama == "urut":
            return str(urut).zfill(int(lebar)) if lebar else str(urut)
        return {"tahun": str(tanggal.year), "bulan": f"{tanggal.month:02d}",
                "bulan_romawi": ROMAWI[tanggal.month - 1],
                "kode_unor": kode.kode_unor or "-", "kode_unor_induk": kode.kode_unor_induk or "-",
                "kode_instansi": kode.kode_instansi or "-"}[nama]
    return TEMPAT.sub(isi, fmt)[:NOMOR_OTOMATIS_MAKS]


def periksa_nomor_manual(nomor: str | None) -> str:
    """A nomor SK entered by hand: required, at most 50 characters, printable."""
    nomor = (nomor or "").strip()
    if not nomor:
        raise tidak_sah("nomor_sk", "Nomor SK wajib diisi sebelum pengajuan (penomoran manual).")
    if len(nomor) > NOMOR_MAKS:
        raise tidak_sah("nomor_sk", f"Nomor SK paling panjang {NOMOR_MAKS} karakter.")
    if not nomor.isprintable():
        raise tidak_sah("nomor_sk", "Nomor SK memuat karakter yang tidak dapat dicetak.")
    return nomor
