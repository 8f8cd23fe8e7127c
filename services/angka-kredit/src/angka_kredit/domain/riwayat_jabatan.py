"""A pegawai's jabatan and golongan over time, from identity's snapshots (one per ``revisi``).

Each snapshot says what holds from its TMT on. Taken in ``revisi`` order, a snapshot whose TMT
is later than the stretches known so far starts a new stretch (a promotion, a mutasi, a new
golongan); one with the same or an earlier TMT is a correction and replaces every stretch from
that TMT on. A snapshot without a TMT changes the stretch it falls in. Consecutive stretches of
the same jenjang form one **masa jenjang** (AK accumulates within it); of the same golongan one
**masa golongan** (AK for the next pangkat accumulates within it).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Callable, Iterable, Sequence

AWAL_WAKTU = date(1, 1, 1)
FUNGSIONAL = "FUNGSIONAL"


@dataclass(frozen=True)
class RevisiPegawai:
    """One PegawaiDiperbarui snapshot, the fields angka kredit reads."""

    revisi: int
    kategori_jabatan: str | None = None
    jenjang: str | None = None
    jabatan: str | None = None
    tmt_jabatan: date | None = None
    golongan: str | None = None
    tmt_golongan: date | None = None
    unor_id: str | None = None


@dataclass(frozen=True)
class Masa:
    """What holds from ``mulai`` to ``akhir`` (inclusive; None: still holds)."""

    mulai: date
    akhir: date | None
    nilai: Any

    def memuat(self, tanggal: date) -> bool:
        return self.mulai <= tanggal and (self.akhir is None or tanggal <= self.akhir)


def _garis(revisi: Iterable[RevisiPegawai], tmt: Callable[[RevisiPegawai], date | None],
           nilai: Callable[[RevisiPegawai], Any]) -> list[Masa]:
    tumpukan: list[tuple[date, Any]] = []
    for r in sorted(revisi, key=lambda r: r.revisi):
        mulai = tmt(r)
        if mulai is None:
            mulai = tumpukan[-1][0] if tumpukan else AWAL_WAKTU
        while tumpukan and tumpukan[-1][0] >= mulai:
            tumpukan.pop()
        tumpukan.append((mulai, nilai(r)))
    return [Masa(m, (tumpukan[i + 1][0] - timedelta(days=1)) if i + 1 < len(tumpukan) else None,
                 v) for i, (m, v) in enumerate(tumpukan)]


def _gabung(garis: Sequence[Masa], kunci: Callable[[Any], Any]) -> list[Masa]:
    """Consecutive stretches with the same ``kunci`` as one (keeping the first's start)."""
    out: list[Masa] = []
    for m in garis:
        if out and kunci(out[-1].nilai) == kunci(m.nilai):
            out[-1] = Masa(out[-1].mulai, m.akhir, out[-1].nilai)
        else:
            out.append(m)
    return out


def _pada(garis: Sequence[Masa], tanggal: date) -> Masa | None:
    for m in garis:
        if m.memuat(tanggal):
            return m
    return None


@dataclass(frozen=True)
class RiwayatJabatan:
    jabatan: tuple[Masa, ...]  # nilai: the RevisiPegawai that opened the stretch
    jenjang: tuple[Masa, ...]  # nilai: (kategori_jabatan, jenjang)
    golongan: tuple[Masa, ...]  # nilai: golongan

    @classmethod
    def dari(cls, revisi: Iterable[RevisiPegawai]) -> "RiwayatJabatan":
        revisi = list(revisi)
        jabatan = _garis(revisi, lambda r: r.tmt_jabatan, lambda r: r)
        jenjang = _gabung(jabatan, lambda r: (r.kategori_jabatan, r.jenjang))
        golongan = _gabung(_garis(revisi, lambda r: r.tmt_golongan, lambda r: r.golongan),
                           lambda g: g)
        return cls(tuple(jabatan), tuple(
            Masa(m.mulai, m.akhir, (m.nilai.kategori_jabatan, m.nilai.jenjang)) for m in jenjang),
            tuple(golongan))

    def jabatan_pada(self, tanggal: date) -> Masa | None:
        return _pada(self.jabatan, tanggal)

    def jenjang_pada(self, tanggal: date) -> Masa | None:
        """The masa jenjang holding ``tanggal`` when the pegawai was a JF with a jenjang then."""
        m = _pada(self.jenjang, tanggal)
        return m if m is not None and m.nilai[0] == FUNGSIONAL and m.nilai[1] else None

    def golongan_pada(self, tanggal: date) -> Masa | None:
        return _pada(self.golongan, tanggal)
