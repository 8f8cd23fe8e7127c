"""PredikatDitetapkan for every penetapan, PredikatFinal for the final period — each revision
once, through the outbox in the same transaction as the change."""
from __future__ import annotations

from kinerja_shared.events.contracts.common import PegawaiRingkas, PeriodeRingkas
from kinerja_shared.events.contracts.penilaian import PredikatDitetapkan, PredikatFinal

from . import muat


def _ringkas(data: dict | None) -> PegawaiRingkas | None:
    return PegawaiRingkas.model_validate(data) if data else None


def terbitkan(uow, penilaian_id: str) -> None:
    s = uow.session
    pen = muat.penilaian_row(s, penilaian_id)
    periode = muat.periode_row(s, pen["periode_id"])
    snap = pen["snapshot"]
    fields = dict(
        penilaian_id=pen["id"], skp_id=pen["skp_id"], pegawai=_ringkas(snap["pegawai"]),
        periode=PeriodeRingkas(id=periode["id"], tahun=periode["tahun"], nama=periode["nama"],
                               awal=periode["awal"], akhir=periode["akhir"],
                               final=periode["final"]),
        tahun=periode["tahun"], rating_hasil_kerja=pen["rating_hasil_kerja"],
        rating_perilaku=pen["rating_perilaku"], predikat=pen["predikat"],
        pejabat_penilai=_ringkas(snap.get("pejabat_penilai")),
        atasan_pejabat_penilai=_ringkas(snap.get("atasan_pejabat_penilai")),
        nilai_skp=pen["nilai_skp"], nilai_perilaku=pen["nilai_perilaku"],
        nilai_kinerja=pen["nilai_kinerja"], revisi=pen["revisi"], ditetapkan_at=pen["ditetapkan_at"])
    uow.add_event(PredikatDitetapkan(**fields), aggregate_id=pen["id"],
                  instansi_id=pen["instansi_id"])
    if periode["final"] and muat.pengaturan(s, pen["instansi_id"]).predikat_tahunan_dari_periode_final:
        uow.add_event(PredikatFinal(**fields), aggregate_id=pen["id"],
                      instansi_id=pen["instansi_id"])
