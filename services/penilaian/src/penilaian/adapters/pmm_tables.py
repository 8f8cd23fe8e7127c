"""A teacher's scores from PMM (PmmNilaiDiimpor), held until the penilaian they belong to exist
(migration 0005): the scores usually arrive before skp's SkpDisetujui of the same import has
opened the penilaian."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Table

from .tables import ID, metadata

pmm_nilai = Table(
    "pmm_nilai", metadata,
    Column("skp_id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False),
    Column("nip", String(32), nullable=False),
    Column("periode", String(10), nullable=False),
    Column("revisi", Integer, nullable=False),
    Column("rating_hasil_kerja", String(24)),
    Column("rating_perilaku", String(24)),
    Column("predikat", String(20), nullable=False),
    Column("diterima_at", DateTime(timezone=True), nullable=False),
)
