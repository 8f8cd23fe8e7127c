"""Events this service publishes: the declared list (``PUBLISHES``, given to
``ServiceDefinition.publishes``; a unit of work refuses any other type) and the functions that
build each one from this service's rows (docs/ARCHITECTURE.md, "Events"). What it consumes is
in ``handlers.py``.

- ``PredikatDitetapkan``: every penetapan of a predikat (and each revision after an approved
  keberatan), from the penilaian row and its period;
- ``PredikatFinal``: the same for the final period (the annual predikat);
- ``CapaianOrganisasiFinal``: a capaian organisasi made final, or un-made (``final: false``).
"""
from __future__ import annotations

from typing import Any, Mapping

from kinerja_shared.events.contracts.common import PegawaiRingkas, PeriodeRingkas
from kinerja_shared.events.contracts.penilaian import (
    CapaianOrganisasiFinal, PredikatDitetapkan, PredikatFinal,
)

PUBLISHES = (PredikatDitetapkan, PredikatFinal, CapaianOrganisasiFinal)

Row = Mapping[str, Any]


def _ringkas(data: Mapping[str, Any] | None) -> PegawaiRingkas | None:
    return PegawaiRingkas.model_validate(data) if data else None


def _predikat(pen: Row, periode: Row) -> dict[str, Any]:
    snap = pen["snapshot"]
    return dict(
        penilaian_id=pen["id"], skp_id=pen["skp_id"], pegawai=_ringkas(snap["pegawai"]),
        periode=PeriodeRingkas(id=periode["id"], tahun=periode["tahun"], nama=periode["nama"],
                               awal=periode["awal"], akhir=periode["akhir"],
                               final=periode["final"]),
        tahun=periode["tahun"], rating_hasil_kerja=pen["rating_hasil_kerja"],
        rating_perilaku=pen["rating_perilaku"], predikat=pen["predikat"],
        pejabat_penilai=_ringkas(snap.get("pejabat_penilai")),
        atasan_pejabat_penilai=_ringkas(snap.get("atasan_pejabat_penilai")),
        nilai_skp=pen["nilai_skp"], nilai_perilaku=pen["nilai_perilaku"],
        nilai_kinerja=pen["nilai_kinerja"], revisi=pen["revisi"],
        ditetapkan_at=pen["ditetapkan_at"])


def predikat_ditetapkan(pen: Row, periode: Row) -> PredikatDitetapkan:
    """From a ``penilaian`` row (as committed: predikat, revisi, ditetapkan_at) and its
    ``periode_ref`` row."""
    return PredikatDitetapkan(**_predikat(pen, periode))


def predikat_final(pen: Row, periode: Row) -> PredikatFinal:
    return PredikatFinal(**_predikat(pen, periode))


def capaian_organisasi_final(row: Row) -> CapaianOrganisasiFinal:
    """From a ``capaian_organisasi`` row (its ``final`` says made or un-made final)."""
    return CapaianOrganisasiFinal(
        id=row["id"], unor_induk_id=row["unor_induk_id"], tahun=row["tahun"],
        periode_id=row["periode_id"], capaian=row["capaian"], final=row["final"])
