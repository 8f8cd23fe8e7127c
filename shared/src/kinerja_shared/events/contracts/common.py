"""Small snapshots reused by several payloads."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class PegawaiRingkas(BaseModel):
    """A person as other services print them (penilai snapshots, owners)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    nip: str | None = None
    nama: str
    gelar_depan: str | None = None
    gelar_belakang: str | None = None
    jabatan: str | None = None
    golongan: str | None = None
    unor_id: str | None = None
    unor_nama: str | None = None


class PeriodeRingkas(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    tahun: int
    nama: str
    awal: date
    akhir: date
    final: bool = False
