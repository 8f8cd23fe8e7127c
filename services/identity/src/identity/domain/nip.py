"""NIP and NIK of a pegawai (DOMAIN.md §1).

NIP (PP 11/2017 numbering, 18 digits): birth date ``YYYYMMDD`` + TMT CPNS ``YYYYMM`` + sex digit
(1 male, 2 female) + a 3-digit sequence. Only length, digits and a real birth date are checked:
the TMT month (positions 13-14) may hold codes outside 01-12 (special recruitment, PPPK).
NIK (Dukcapil, 16 digits) identifies a JPT non-ASN.
"""
from __future__ import annotations

from datetime import date


class NipTidakValid(ValueError):
    """The message is shown to the user (Indonesian)."""


def periksa_nip(nip: str) -> str:
    """The NIP, stripped, or ``NipTidakValid``."""
    nip = (nip or "").strip()
    if len(nip) != 18 or not nip.isdigit():
        raise NipTidakValid("NIP harus 18 digit angka.")
    try:
        lahir = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipTidakValid("Delapan digit pertama NIP bukan tanggal lahir yang valid.") from None
    if lahir.year < 1900:
        raise NipTidakValid("Delapan digit pertama NIP bukan tanggal lahir yang valid.")
    if nip[14] not in "12":
        raise NipTidakValid("Digit ke-15 NIP (jenis kelamin) harus 1 atau 2.")
    return nip


def tanggal_lahir(nip: str) -> date:
    return date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))


def periksa_nik(nik: str) -> str:
    nik = (nik or "").strip()
    if len(nik) != 16 or not nik.isdigit():
        raise NipTidakValid("NIK harus 16 digit angka.")
    return nik
