"""Who assesses whom, resolved from a snapshot of one instansi's structure.

This is the one piece of domain logic in the platform package, on purpose: identity owns the
data (unor tree, pegawai, PLT/PLH, manual overrides), but skp, penilaian and reporting must
answer "who is the pejabat penilai of X on date D" from their own read models, without a
synchronous call to identity. One algorithm, imported by all, cannot drift apart.

Who assesses whom (DOMAIN.md §1; BKN manual 2.4 PLT/PLH and "Ubah Profile").

Pure functions over a snapshot of one instansi (``Struktur``):

- the pimpinan of a unor on a date is an active PLT/PLH of that unor (PLT before PLH) or else
  its definitive head (``jenis_jabatan`` PIMPINAN);
- the atasan langsung (= pejabat penilai) of a pegawai is the pimpinan of the pegawai's unor,
  or, for that pimpinan himself, the pimpinan of the unor atasan (also while a PLT/PLH acts
  for him in his own unor: the PLT/PLH never assesses the head he stands in for); a unor with
  nobody at its head passes the role up the tree;
- atasan II / III are the atasan langsung of the atasan langsung, and so on; the atasan pejabat
  penilai is the atasan II;
- manual overrides (the profile form) replace what the tree gives.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class UnorNode:
    id: str
    unor_atasan_id: str | None = None


@dataclass(frozen=True)
class Orang:
    id: str
    unor_id: str | None
    pimpinan: bool = False


@dataclass(frozen=True)
class Penugasan:
    """A PLT/PLH assignment."""

    pegawai_id: str
    unor_id: str
    jenis: str  # PLT | PLH
    mulai: date
    selesai: date | None
    aktif: bool = True

    def berlaku(self, tanggal: date) -> bool:
        return self.aktif and self.mulai <= tanggal and (self.selesai is None or tanggal <= self.selesai)


@dataclass(frozen=True)
class RelasiManual:
    atasan_langsung_id: str | None = None
    atasan_ii_id: str | None = None
    atasan_iii_id: str | None = None
    rekan_kerja_ids: tuple[str, ...] = ()
    bawahan_ids: tuple[str, ...] = ()


@dataclass
class Struktur:
    unor: dict[str, UnorNode]
    orang: dict[str, Orang]
    penugasan: list[Penugasan] = field(default_factory=list)
    manual: dict[str, RelasiManual] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._anak: dict[str, list[str]] = {}
        for u in self.unor.values():
            if u.unor_atasan_id:
                self._anak.setdefault(u.unor_atasan_id, []).append(u.id)
        self._kepala: dict[str, list[str]] = {}
        self._staf: dict[str, list[str]] = {}
        for o in sorted(self.orang.values(), key=lambda o: o.id):
            if o.unor_id:
                (self._kepala if o.pimpinan else self._staf).setdefault(o.unor_id, []).append(o.id)

    def anak(self, unor_id: str) -> list[str]:
        return self._anak.get(unor_id, [])

    def staf(self, unor_id: str) -> list[str]:
        return self._staf.get(unor_id, [])


@dataclass(frozen=True)
class Relasi:
    atasan_langsung: str | None
    atasan_ii: str | None
    atasan_iii: str | None
    pejabat_penilai: str | None
    atasan_pejabat_penilai: str | None
    bawahan: list[str]
    rekan_kerja: list[str]


def pimpinan_unor(s: Struktur, unor_id: str, tanggal: date) -> str | None:
    """Who heads ``unor_id`` on ``tanggal``: an active PLT, then PLH, then the definitive head."""
    for jenis in ("PLT", "PLH"):
        for p in s.penugasan:
            if p.unor_id == unor_id and p.jenis == jenis and p.berlaku(tanggal) and p.pegawai_id in s.orang:
                return p.pegawai_id
    kepala = s._kepala.get(unor_id)
    return kepala[0] if kepala else None


def unor_dipimpin(s: Struktur, pegawai_id: str, tanggal: date) -> list[str]:
    """The unor ``pegawai_id`` heads on ``tanggal`` (own unor as PIMPINAN, PLT/PLH units)."""
    kandidat = {p.unor_id for p in s.penugasan if p.pegawai_id == pegawai_id and p.berlaku(tanggal)}
    o = s.orang.get(pegawai_id)
    if o and o.pimpinan and o.unor_id:
        kandidat.add(o.unor_id)
    return sorted(u for u in kandidat if u in s.unor and pimpinan_unor(s, u, tanggal) == pegawai_id)


def atasan_menurut_struktur(s: Struktur, pegawai_id: str, tanggal: date) -> str | None:
    """The atasan langsung the tree gives: the head of the own unor (of the unor above for the
    head himself), passing vacant unor up to the next head."""
    o = s.orang.get(pegawai_id)
    if o is None or o.unor_id is None or o.unor_id not in s.unor:
        return None
    unor_id: str | None = o.unor_id
    if o.pimpinan:  # the definitive head is assessed from above, even while a PLT/PLH acts
        unor_id = s.unor[o.unor_id].unor_atasan_id
    seen: set[str] = set()
    while unor_id is not None and unor_id in s.unor and unor_id not in seen:
        seen.add(unor_id)
        kepala = pimpinan_unor(s, unor_id, tanggal)
        if kepala is not None and kepala != pegawai_id:
            return kepala
        unor_id = s.unor[unor_id].unor_atasan_id
    return None


def atasan_langsung(s: Struktur, pegawai_id: str, tanggal: date) -> str | None:
    manual = s.manual.get(pegawai_id)
    if manual and manual.atasan_langsung_id and manual.atasan_langsung_id != pegawai_id:
        return manual.atasan_langsung_id
    return atasan_menurut_struktur(s, pegawai_id, tanggal)


def bawahan(s: Struktur, pegawai_id: str, tanggal: date) -> list[str]:
    """Staff of the unor he heads, heads of their child unor, and, through child unor without
    a head, their staff and heads in turn; adjusted by everyone's manual atasan override."""
    found: list[str] = []

    def turun(unor_id: str) -> None:
        found.extend(x for x in s.staf(unor_id) if x != pegawai_id)
        for anak in s.anak(unor_id):
            kepala = pimpinan_unor(s, anak, tanggal)
            if kepala is None:
                turun(anak)
            elif kepala != pegawai_id:
                found.append(kepala)

    for unor_id in unor_dipimpin(s, pegawai_id, tanggal):
        turun(unor_id)
    hasil = [x for x in dict.fromkeys(found) if atasan_langsung(s, x, tanggal) == pegawai_id]
    hasil += [pid for pid, m in s.manual.items()
              if m.atasan_langsung_id == pegawai_id and pid not in hasil and pid != pegawai_id]
    return hasil


def rekan_kerja(s: Struktur, pegawai_id: str, tanggal: date) -> list[str]:
    """Others with the same atasan langsung."""
    atasan = atasan_langsung(s, pegawai_id, tanggal)
    if atasan is None:
        return []
    return [x for x in bawahan(s, atasan, tanggal) if x != pegawai_id]


def resolve(s: Struktur, pegawai_id: str, tanggal: date) -> Relasi:
    manual = s.manual.get(pegawai_id, RelasiManual())
    a1 = atasan_langsung(s, pegawai_id, tanggal)
    a2 = manual.atasan_ii_id or (atasan_langsung(s, a1, tanggal) if a1 else None)
    a3 = manual.atasan_iii_id or (atasan_langsung(s, a2, tanggal) if a2 else None)
    return Relasi(
        atasan_langsung=a1,
        atasan_ii=a2,
        atasan_iii=a3,
        pejabat_penilai=a1,
        atasan_pejabat_penilai=a2,
        bawahan=list(manual.bawahan_ids) or bawahan(s, pegawai_id, tanggal),
        rekan_kerja=list(manual.rekan_kerja_ids) or rekan_kerja(s, pegawai_id, tanggal),
    )


def membentuk_siklus(unor: dict[str, UnorNode], unor_id: str, atasan_baru: str | None) -> bool:
    """Whether making ``atasan_baru`` the unor atasan of ``unor_id`` closes a cycle."""
    seen: set[str] = set()
    cur = atasan_baru
    while cur is not None and cur not in seen:
        if cur == unor_id:
            return True
        seen.add(cur)
        node = unor.get(cur)
        cur = node.unor_atasan_id if node else None
    return False
