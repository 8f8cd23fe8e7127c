"""Events this service publishes: the declared list (``PUBLISHES``, given to
``ServiceDefinition.publishes``; a unit of work refuses any other type) and the functions that
build each one from this service's rows (docs/ARCHITECTURE.md, "Events"). What it consumes is
in ``handlers.py``.

- ``KeberatanDiajukan``: a keberatan filed (``TERLAMBAT`` included);
- ``KeberatanDiputuskan``: the decision (penilaian applies an approval, revisi + 1);
- ``KeberatanDitarik``: withdrawn by its pegawai;
- ``KeberatanDiperbarui``: the whole keberatan with its history after every change, staged by
  ``publikasi.diperbarui`` once per transaction.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from kinerja_shared.db.times import as_utc
from kinerja_shared.events.contracts.keberatan import (
    KeberatanDiajukan, KeberatanDiperbarui, KeberatanDiputuskan, KeberatanDitarik,
)

PUBLISHES = (KeberatanDiajukan, KeberatanDiputuskan, KeberatanDitarik, KeberatanDiperbarui)

Row = Mapping[str, Any]


def keberatan_diajukan(row: Row) -> KeberatanDiajukan:
    diminta = row["diminta"] or {}
    return KeberatanDiajukan(
        keberatan_id=row["id"], penilaian_id=row["penilaian_id"], pegawai_id=row["pegawai_id"],
        alasan=row["alasan"], rating_hasil_kerja_diminta=diminta.get("rating_hasil_kerja"),
        rating_perilaku_diminta=diminta.get("rating_perilaku"), terlambat=row["terlambat"],
        diajukan_at=as_utc(row["diajukan_at"]), revisi=row["revisi"], status=row["status"],
        alur=row["alur"], model=row["model"],
        nilai_perilaku_pp30_diminta=diminta.get("nilai_perilaku_pp30"),
        bukti_dukung=row["bukti_dukung"] or [],
        batas_pengajuan_at=as_utc(row["batas_pengajuan_at"]),
        pejabat_penilai=row["pejabat_penilai"], pemutus=row["pemutus"])


def keberatan_diputuskan(row: Row) -> KeberatanDiputuskan:
    """The decision; on an approval the values decided (those given, not the merged ones: a
    rating or aspect left out keeps its value at penilaian)."""
    diputuskan = (row["sesudah"] or {}).get("diputuskan") or {}
    return KeberatanDiputuskan(
        keberatan_id=row["id"], penilaian_id=row["penilaian_id"], pegawai_id=row["pegawai_id"],
        keputusan=row["keputusan"], uraian=row["uraian"], rekomendasi=row["rekomendasi"],
        rating_hasil_kerja=diputuskan.get("rating_hasil_kerja"),
        rating_perilaku=diputuskan.get("rating_perilaku"),
        nilai_perilaku_pp30=diputuskan.get("nilai_perilaku_pp30"),
        predikat_sebelum=(row["sebelum"] or {}).get("predikat"), pemutus=row["pemutus"],
        diputuskan_at=as_utc(row["diputuskan_at"]), revisi=row["revisi"])


def keberatan_ditarik(row: Row) -> KeberatanDitarik:
    return KeberatanDitarik(
        keberatan_id=row["id"], penilaian_id=row["penilaian_id"], pegawai_id=row["pegawai_id"],
        revisi=row["revisi"], alasan=row["alasan_tarik"], ditarik_at=as_utc(row["ditarik_at"]))


def nilai(data: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A row of the before/asked/after table as the contract and the API show it."""
    if data is None:
        return None
    return {k: data.get(k) for k in ("rating_hasil_kerja", "rating_perilaku", "predikat",
                                     "nilai_perilaku_pp30", "nilai_kinerja")}


def langkah(r: Row) -> dict[str, Any]:
    return {"aksi": r["aksi"], "waktu": as_utc(r["waktu"]), "oleh": r["oleh"],
            "peran": r["peran"], "status_sebelum": r["status_sebelum"],
            "status_sesudah": r["status_sesudah"], "isi": r["isi"]}


WAKTU = ("batas_pengajuan_at", "diajukan_at", "dibuka_atasan_at", "direspon_at",
         "diputuskan_at", "ditarik_at")
TEKS = ("alasan", "penjelasan", "sanggahan_atasan", "sanggahan_penilai", "keputusan", "uraian",
        "rekomendasi", "alasan_tarik")


def keberatan_diperbarui(row: Row, riwayat: Sequence[Row]) -> KeberatanDiperbarui:
    return KeberatanDiperbarui(
        keberatan_id=row["id"], versi=row["versi"], penilaian_id=row["penilaian_id"],
        revisi=row["revisi"], pegawai=row["pegawai"], unor_id=row["unor_id"],
        periode=row["periode"], tahun=row["tahun"], model=row["model"], alur=row["alur"],
        status=row["status"], terlambat=row["terlambat"], bukti_dukung=row["bukti_dukung"] or [],
        pejabat_penilai=row["pejabat_penilai"], pemutus=row["pemutus"],
        pemutus_sumber=row["pemutus_sumber"], sebelum=nilai(row["sebelum"]),
        diminta=nilai(row["diminta"]), sesudah=nilai(row["sesudah"]),
        riwayat=[langkah(r) for r in riwayat],
        **{k: row[k] for k in TEKS}, **{k: as_utc(row[k]) for k in WAKTU})
