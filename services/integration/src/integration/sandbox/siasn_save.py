"""The three SIASN save endpoints as the sandbox checks them: field names exactly as SIASN
takes them (``…Penailan`` sic), which fields are required, and how the history reads show a
saved record (two fields capitalised, NATIONAL.md)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Callable


def _int_in(lo: int, hi: int) -> Callable[[Any], bool]:
    def check(v: Any) -> bool:
        try:
            return lo <= int(v) <= hi and str(int(v)) == str(v).strip()
        except (TypeError, ValueError):
            return False
    return check


def _text(v: Any) -> bool:
    return isinstance(v, str) and 0 < len(v) <= 500


def _number(v: Any) -> bool:
    try:
        return Decimal(str(v)).is_finite()
    except (InvalidOperation, ValueError):
        return False


def _flag(v: Any) -> bool:
    return str(v) in ("0", "1") or isinstance(v, bool)


def _date(v: Any) -> bool:
    try:
        datetime.strptime(str(v), "%d-%m-%Y")
        return True
    except ValueError:
        return False


NILAI = {"hasilKinerjaNilai": _int_in(1, 3), "perilakuKerjaNilai": _int_in(1, 3),
         "kuadranKinerjaNilai": _int_in(1, 5)}
PENILAI = ("penilaiNama", "penilaiNipNrp", "penilaiGolongan", "penilaiUnorNama")
TAHUN = _int_in(2000, 2100)
BULAN = _int_in(1, 12)

# endpoint -> (the field naming the PNS, required fields with their checks, optional fields,
# the mapData key of the answer, the fields that identify a record's period)
SPECS: dict[str, dict[str, Any]] = {
    "skp22": {
        "pns": "pnsDinilaiOrang",
        "required": {**NILAI, "statusPenilai": lambda v: v in ("ASN", "NON ASN"),
                     "tahun": TAHUN, "penilaiNama": _text},
        "optional": (*PENILAI, "penilaiJabatan", "path"),
        "map": "rwSkp22Id",
        "periode": ("tahun",),
    },
    "kinerjaperiodik": {
        "pns": "pnsDinilaiId",
        "required": {**NILAI, "bulanMulaiPenilaian": BULAN, "bulanSelesaiPenilaian": BULAN,
                     "tahunMulaiPenilaian": TAHUN, "tahunSelesaiPenilaian": TAHUN,
                     "tahun": TAHUN, "periodikId": _int_in(1, 2),
                     "statusPenilai": lambda v: v in ("ASN", "NON ASN")},
        "optional": (*PENILAI, "penilaiJabatanNama", "koefisienId", "path"),
        "map": "rwKinerjaPeriodikId",
        "periode": ("tahunMulaiPenilaian", "bulanMulaiPenilaian", "tahunSelesaiPenilaian",
                    "bulanSelesaiPenilaian"),
    },
    "angkakredit": {
        "pns": "pnsId",
        "required": {"bulanMulaiPenailan": BULAN, "bulanSelesaiPenailan": BULAN,
                     "tahunMulaiPenailan": TAHUN, "tahunSelesaiPenailan": TAHUN,
                     "isAngkaKreditPertama": _flag, "isIntegrasi": _flag, "isKonversi": _flag,
                     "kreditUtamaBaru": _number, "kreditPenunjangBaru": _number,
                     "kreditBaruTotal": _number, "nomorSk": _text, "tanggalSk": _date},
        "optional": ("rwJabatanId", "path"),
        "map": "rwAngkaKreditId",
        "periode": ("tahunMulaiPenailan", "bulanMulaiPenailan", "tahunSelesaiPenailan",
                    "bulanSelesaiPenailan"),
    },
}
# the history reads capitalise these two (NATIONAL.md)
CAPITALISED = {"perilakuKerjaNilai": "PerilakuKerjaNilai",
               "kuadranKinerjaNilai": "KuadranKinerjaNilai"}


def check(jenis: str, body: dict[str, Any]) -> str | None:
    """SIASN's message for a body it refuses, or None."""
    spec = SPECS[jenis]
    if not isinstance(body.get(spec["pns"]), str) or not body[spec["pns"]]:
        return f"{spec['pns']} wajib diisi"
    for name, ok in spec["required"].items():
        if body.get(name) in (None, ""):
            return f"{name} wajib diisi"
        if not ok(body[name]):
            return f"{name} tidak valid"
    known = {spec["pns"], "id", *spec["required"], *spec["optional"]}
    unknown = sorted(set(body) - known)
    if unknown:
        return f"field tidak dikenal: {', '.join(unknown)}"
    return None


def stored(jenis: str, body: dict[str, Any]) -> dict[str, Any]:
    """The record as the sandbox keeps it (the id is kept apart)."""
    return {k: v for k, v in body.items() if k != "id"}


def as_history(jenis: str, record_id: str, body: dict[str, Any]) -> dict[str, Any]:
    shown = {CAPITALISED.get(k, k): v for k, v in body.items()}
    return {"id": record_id, **shown}
