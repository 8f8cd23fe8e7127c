"""An instansi's keberatan settings, read from identity's ``pengaturan`` (docs/services/
identity.md, "Instansi pengaturan"); a missing or unusable key takes its documented default."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from .aturan import ALUR_KEBERATAN, PERMENPAN_6_2022
from .jendela import ZONA_BAWAAN

JENDELA_BAWAAN = 14


@dataclass(frozen=True)
class Pengaturan:
    jendela_hari: int = JENDELA_BAWAAN
    alur: str = PERMENPAN_6_2022
    pemutus_pegawai_id: str | None = None
    zona_waktu: str = ZONA_BAWAAN

    @classmethod
    def dari(cls, data: Mapping[str, Any] | None) -> "Pengaturan":
        data = data or {}
        hari = data.get("jendela_keberatan_hari")
        if isinstance(hari, bool) or not isinstance(hari, int) or not 1 <= hari <= 365:
            hari = JENDELA_BAWAAN
        alur = data.get("alur_keberatan")
        pemutus = data.get("pemutus_keberatan_pegawai_id")
        zona = data.get("zona_waktu")
        return cls(jendela_hari=hari,
                   alur=alur if alur in ALUR_KEBERATAN else PERMENPAN_6_2022,
                   pemutus_pegawai_id=pemutus if isinstance(pemutus, str) and pemutus else None,
                   zona_waktu=zona if isinstance(zona, str) and zona else ZONA_BAWAAN)
