"""What e-Kinerja sends to SIASN and how (NATIONAL.md, DOMAIN.md §8, BKN admin manual §2.13).

Field names are SIASN's, misspellings included. Values:
- ``hasilKinerjaNilai`` / ``perilakuKerjaNilai``: 1 above expectation, 2 as expected, 3 below;
- ``kuadranKinerjaNilai``: 1 Sangat Baik ... 5 Sangat Kurang;
- ``periodikId``: 1 monthly, 2 quarterly (a periodic predikat of another length is not sent);
- ``statusPenilai``: ``ASN`` for a penilai with an 18-digit NIP, else ``NON ASN``.

A record is sent when it was never sent or its content changed since the last successful send
(manual §2.13: "perubahan Predikat atau Pejabat Penilai Kinerja"): ``hash_isi`` covers what
SIASN stores of it, not the ids that only address it (``id``, the PNS id, ``path``).
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any, Mapping

SKP22, PERIODIK, ANGKA_KREDIT = "skp22", "kinerjaperiodik", "angkakredit"
JENIS = (SKP22, PERIODIK, ANGKA_KREDIT)

NILAI_RATING = {"DI_ATAS_EKSPEKTASI": 1, "SESUAI_EKSPEKTASI": 2, "DI_BAWAH_EKSPEKTASI": 3}
KUADRAN = {"SANGAT_BAIK": 1, "BAIK": 2, "BUTUH_PERBAIKAN": 3, "KURANG": 4, "SANGAT_KURANG": 5}
# A PP 30/2019 predikat has no ratings: the pair PermenPAN-RB 6/2022's matrix maps to it
# (penilaian's MATRIKS_PERMENPAN_6_2022 read backwards; decision, DOMAIN.md §5 has no rule)
RATING_DARI_PREDIKAT = {
    "SANGAT_BAIK": ("DI_ATAS_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"),
    "BAIK": ("SESUAI_EKSPEKTASI", "SESUAI_EKSPEKTASI"),
    "BUTUH_PERBAIKAN": ("DI_BAWAH_EKSPEKTASI", "SESUAI_EKSPEKTASI"),
    "KURANG": ("SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"),
    "SANGAT_KURANG": ("DI_BAWAH_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"),
}
PERIODIK_ID = {1: 1, 3: 2}  # months in the period -> periodikId
# the field of each save that names the PNS, and the fields that only address a record
PNS_FIELD = {SKP22: "pnsDinilaiOrang", PERIODIK: "pnsDinilaiId", ANGKA_KREDIT: "pnsId"}
BUKAN_ISI = ("id", "path", "pnsDinilaiOrang", "pnsDinilaiId", "pnsId")
# the fields that identify a record's period in SIASN's history (to find a record whose
# answer was lost)
KUNCI_RIWAYAT = {
    SKP22: ("tahun",),
    PERIODIK: ("tahunMulaiPenilaian", "bulanMulaiPenilaian", "tahunSelesaiPenilaian",
               "bulanSelesaiPenilaian"),
    ANGKA_KREDIT: ("tahunMulaiPenailan", "bulanMulaiPenailan", "tahunSelesaiPenailan",
                   "bulanSelesaiPenailan", "nomorSk"),
}
# history reads capitalise two fields (NATIONAL.md)
DARI_RIWAYAT = {"PerilakuKerjaNilai": "perilakuKerjaNilai",
                "KuadranKinerjaNilai": "kuadranKinerjaNilai"}


class TidakDapatDikirim(ValueError):
    """A record SIASN cannot take; the message (Indonesian) is the per-record reason."""


class BelumSiap(TidakDapatDikirim):
    """A record that is not to be sent (yet): not final. Left out of a push, not failed."""


def hash_isi(body: Mapping[str, Any]) -> str:
    isi = {k: v for k, v in body.items() if k not in BUKAN_ISI}
    return hashlib.sha256(json.dumps(isi, sort_keys=True, default=str).encode()).hexdigest()


def nama_lengkap(p: Mapping[str, Any]) -> str:
    parts = [p.get("gelar_depan"), p.get("nama"), p.get("gelar_belakang")]
    nama = " ".join(x for x in parts[:2] if x)
    return f"{nama}, {parts[2]}" if parts[2] else nama


def status_penilai(nip: str | None) -> str:
    return "ASN" if nip and len(nip) == 18 and nip.isdigit() else "NON ASN"


def _nilai(rekaman: Mapping[str, Any]) -> dict[str, int]:
    predikat = rekaman.get("predikat")
    if predikat not in KUADRAN:
        raise TidakDapatDikirim("Predikat belum ditetapkan.")
    hasil, perilaku = rekaman.get("rating_hasil_kerja"), rekaman.get("rating_perilaku")
    if hasil is None or perilaku is None:
        hasil, perilaku = RATING_DARI_PREDIKAT[predikat]
    return {"hasilKinerjaNilai": NILAI_RATING[hasil], "perilakuKerjaNilai": NILAI_RATING[perilaku],
            "kuadranKinerjaNilai": KUADRAN[predikat]}


def _penilai(rekaman: Mapping[str, Any], jabatan_field: str) -> dict[str, Any]:
    p = rekaman.get("pejabat_penilai")
    if not p:
        raise TidakDapatDikirim("Pejabat penilai tidak tercatat pada predikat.")
    return {"penilaiNama": nama_lengkap(p), "penilaiNipNrp": p.get("nip"),
            "penilaiGolongan": p.get("golongan"), jabatan_field: p.get("jabatan"),
            "penilaiUnorNama": p.get("unor_nama"), "statusPenilai": status_penilai(p.get("nip"))}


def badan_skp22(rekaman: Mapping[str, Any], pns_id: str) -> dict[str, Any]:
    """``skp22/save`` of an annual predikat (PredikatFinal)."""
    return {**_nilai(rekaman), **_penilai(rekaman, "penilaiJabatan"), "pnsDinilaiOrang": pns_id,
            "tahun": int(rekaman["tahun"])}


def badan_periodik(rekaman: Mapping[str, Any], pns_id: str,
                   koefisien_id: str | None = None) -> dict[str, Any]:
    """``kinerjaperiodik/save`` of a monthly or quarterly predikat (PredikatDitetapkan of a
    period that is not final)."""
    awal, akhir = _tanggal(rekaman["periode_awal"]), _tanggal(rekaman["periode_akhir"])
    bulan = (akhir.year - awal.year) * 12 + akhir.month - awal.month + 1
    if bulan not in PERIODIK_ID:
        raise TidakDapatDikirim("Periode bukan bulanan atau triwulanan; SIASN hanya menerima "
                                "predikat periodik bulanan (1) atau triwulanan (2).")
    body = {"bulanMulaiPenilaian": awal.month, "bulanSelesaiPenilaian": akhir.month,
            "tahunMulaiPenilaian": awal.year, "tahunSelesaiPenilaian": akhir.year,
            "tahun": int(rekaman["tahun"]), "periodikId": PERIODIK_ID[bulan],
            **_nilai(rekaman), **_penilai(rekaman, "penilaiJabatanNama"), "pnsDinilaiId": pns_id}
    if koefisien_id:
        body["koefisienId"] = koefisien_id
    return body


def cocok_riwayat(jenis: str, body: Mapping[str, Any], riwayat: list[Mapping[str, Any]]
                  ) -> Mapping[str, Any] | None:
    """The record of SIASN's history that ``body`` is (same period; among several, the one
    holding the same content), or None."""
    kunci = KUNCI_RIWAYAT[jenis]
    want = tuple(str(body.get(k)) for k in kunci)
    same = [r for r in (normal_riwayat(x) for x in riwayat)
            if tuple(str(r.get(k)) for k in kunci) == want]
    for r in same:
        if isi_sama(body, r):
            return r
    return same[0] if same else None


def normal_riwayat(record: Mapping[str, Any]) -> dict[str, Any]:
    return {DARI_RIWAYAT.get(k, k): v for k, v in record.items()}


def isi_sama(body: Mapping[str, Any], stored: Mapping[str, Any]) -> bool:
    return all(str(stored.get(k)) == str(v) for k, v in body.items() if k not in BUKAN_ISI)


def _tanggal(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def badan_angka_kredit(rekaman: Mapping[str, Any], pns_id: str) -> dict[str, Any]:
    """``angkakredit/save`` of an angka kredit row (AngkaKreditDitetapkan; the angka-kredit
    contract maps each field): the months assessed (``periode_awal``/``periode_akhir``, else
    the year), the new credit (unsur utama; no unsur penunjang under PermenPAN-RB 1/2023), the
    cumulative total and the decree. Only what is final is sent: a signed (``DITANDATANGANI``),
    ``aktif`` row; a row without ``status`` (an older producer) counts as final once it has a
    decree."""
    status = rekaman.get("status")
    if status is not None and status != "DITANDATANGANI":
        raise BelumSiap("PAK belum ditandatangani.")
    if rekaman.get("aktif") is False:
        raise BelumSiap("PAK sudah digantikan oleh koreksinya.")
    if not rekaman.get("nomor_sk") or not rekaman.get("tanggal_sk"):
        raise TidakDapatDikirim("PAK belum memiliki nomor dan tanggal SK.")
    tahun = int(rekaman["tahun"])
    awal = _tanggal(rekaman.get("periode_awal") or date(tahun, 1, 1))
    akhir = _tanggal(rekaman.get("periode_akhir") or date(tahun, 12, 31))
    sumber = rekaman.get("sumber") or "KONVERSI"
    total = rekaman.get("ak_baru") if rekaman.get("ak_baru") is not None \
        else rekaman.get("angka_kredit")
    pertama = rekaman.get("pertama")
    if pertama is None:
        pertama = sumber == "INTEGRASI"
    body = {"bulanMulaiPenailan": awal.month, "bulanSelesaiPenailan": akhir.month,
            "tahunMulaiPenailan": awal.year, "tahunSelesaiPenailan": akhir.year,
            "isAngkaKreditPertama": "1" if pertama else "0",
            "isIntegrasi": "1" if sumber == "INTEGRASI" else "0",
            "isKonversi": "1" if sumber == "KONVERSI" else "0",
            "kreditUtamaBaru": str(rekaman["angka_kredit"]), "kreditPenunjangBaru": "0",
            "kreditBaruTotal": str(total), "nomorSk": rekaman["nomor_sk"],
            "tanggalSk": _tanggal(rekaman["tanggal_sk"]).strftime("%d-%m-%Y"), "pnsId": pns_id}
    if rekaman.get("rw_jabatan_id"):
        body["rwJabatanId"] = rekaman["rw_jabatan_id"]
    return body
