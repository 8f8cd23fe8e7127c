"""The distribution of predikat in one organisation unit and period, against the pola of its
capaian kinerja organisasi (SE MenPAN-RB 3/2023); what-ifs replace some predikat first."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from sqlalchemy import select

from ..adapters.tables import capaian_organisasi, penilaian
from ..domain.aturan import rules_for
from ..domain.distribusi import Aturan, periksa
from ..domain.status import DITUTUP
from .muat import di_antara, periode_row, unor_dalam_induk


@dataclass
class Distribusi:
    unor_induk_id: str
    periode_id: str
    capaian: str | None
    total: int
    jumlah: dict[str, int]
    aturan: tuple[Aturan, ...] = ()
    dilanggar: list[Aturan] = field(default_factory=list)

    @property
    def dinilai(self) -> int:
        return sum(self.jumlah.values())

    def to_dict(self) -> dict:
        return {
            "unor_induk_id": self.unor_induk_id, "periode_id": self.periode_id,
            "capaian": self.capaian, "total": self.total, "dinilai": self.dinilai,
            "jumlah": self.jumlah,
            "aturan": [{**a.to_dict(self.total), "aktual": a.jumlah(self.jumlah),
                        "dilanggar": a in self.dilanggar} for a in self.aturan],
            "sesuai": not self.dilanggar,
        }


def capaian_of(s, unor_induk_id: str, periode_id: str):
    return s.execute(select(capaian_organisasi).where(
        capaian_organisasi.c.unor_induk_id == unor_induk_id,
        capaian_organisasi.c.periode_id == periode_id)).mappings().first()


def distribusi(s, unor_induk_id: str, periode_id: str,
               pengganti: Mapping[str, str | None] | None = None) -> Distribusi:
    pengganti = pengganti or {}
    # the unit's unor as a list first: with the subquery in the WHERE the planner read every
    # row of the period (an instansi's whole year-end) instead of the unit's by index
    unor = sorted({*s.execute(unor_dalam_induk(s, unor_induk_id)).scalars(), unor_induk_id})
    rows = s.execute(select(penilaian.c.id, penilaian.c.predikat).where(
        penilaian.c.periode_id == periode_id, penilaian.c.status != DITUTUP,
        di_antara(s, penilaian.c.unor_id, unor))).all()
    jumlah: dict[str, int] = {}
    for pid, predikat in rows:
        predikat = pengganti.get(pid, predikat)
        if predikat is not None:
            jumlah[predikat] = jumlah.get(predikat, 0) + 1
    capaian = capaian_of(s, unor_induk_id, periode_id)
    periode = periode_row(s, periode_id)
    hasil = Distribusi(unor_induk_id, periode_id, capaian["capaian"] if capaian else None,
                       len(rows), jumlah)
    if capaian is not None and periode is not None:
        hasil.aturan = rules_for(periode["akhir"]).pola_distribusi.get(capaian["capaian"], ())
        hasil.dilanggar = periksa(hasil.aturan, jumlah, hasil.total)
    return hasil
