"""Instansi settings that change how penilaian behaves, with the documented defaults.

The *unsettled* items of DOMAIN.md live here as settings, never hard-coded: they come from the
instansi's ``pengaturan`` (identity's InstansiDiperbarui) over the defaults below.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from .pp30 import ParameterPp30

PERINGATAN = "PERINGATAN"  # breaking the pola distribusi needs a written justification
BLOKIR = "BLOKIR"  # breaking it is refused

ASPEK_PP30 = ("ORIENTASI_PELAYANAN", "KOMITMEN", "INISIATIF_KERJA", "KERJA_SAMA", "KEPEMIMPINAN")


@dataclass(frozen=True)
class Pengaturan:
    penegakan_distribusi: str = PERINGATAN
    # rekan/bawahan feedback shown to the pegawai with the writer's name
    tampilkan_nama_penilai_perilaku: bool = False
    # the annual predikat is the predikat of the final period (DOMAIN.md §2, unsettled)
    predikat_tahunan_dari_periode_final: bool = True
    # PP 30: 60/40 weights where 360° feedback is used (DOMAIN.md §5, unsettled)
    pp30_penilaian_360: bool = False
    pp30_kepemimpinan_hanya_pimpinan: bool = True
    pp30_band: tuple | None = None

    @classmethod
    def dari(cls, pengaturan: Mapping[str, Any] | None) -> "Pengaturan":
        p = dict(pengaturan or {})
        out = cls()
        if str(p.get("penegakan_distribusi", "")).upper() in (PERINGATAN, BLOKIR):
            out = replace(out, penegakan_distribusi=str(p["penegakan_distribusi"]).upper())
        for name in ("tampilkan_nama_penilai_perilaku", "predikat_tahunan_dari_periode_final",
                     "pp30_penilaian_360", "pp30_kepemimpinan_hanya_pimpinan"):
            if isinstance(p.get(name), bool):
                out = replace(out, **{name: p[name]})
        band = p.get("pp30_band")  # e.g. {"SANGAT_BAIK": "110", "BAIK": "90", ...}
        if isinstance(band, dict):
            try:
                out = replace(out, pp30_band=tuple(sorted(
                    ((Decimal(str(v)), k) for k, v in band.items()), reverse=True)))
            except (InvalidOperation, TypeError):
                pass
        return out

    def parameter_pp30(self, dasar: ParameterPp30) -> ParameterPp30:
        p = dasar
        if self.pp30_penilaian_360:
            p = replace(p, bobot_skp=Decimal("0.60"), bobot_perilaku=Decimal("0.40"))
        if self.pp30_band:
            p = replace(p, band=self.pp30_band)
        return p

    def aspek_pp30(self, pimpinan: bool) -> tuple[str, ...]:
        if pimpinan or not self.pp30_kepemimpinan_hanya_pimpinan:
            return ASPEK_PP30
        return ASPEK_PP30[:-1]
