"""Events this service publishes: the declared list (``PUBLISHES``, given to
``ServiceDefinition.publishes``; a unit of work refuses any other type) and the functions that
build each one from this service's rows (docs/ARCHITECTURE.md, "Events"). What it consumes is
in ``handlers.py``.

- ``PredikatDitetapkan``: every penetapan of a predikat (and each revision after an approved
  keberatan), from the penilaian row and its period;
- ``PredikatFinal``: the same for the final period (the annual predikat);
- ``PenilaianDiperbarui``: the whole penilaian (its parts and scores, not its riwayat) after a
  change by a user or a keberatan decision, from the penilaian row and the rows of its parts
  (``BagianPenilaian``); staged by ``publikasi.diperbarui``, once per transaction;
- ``CapaianOrganisasiFinal``: a capaian organisasi made final, or un-made (``final: false``).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping, Sequence

from kinerja_shared.db.times import as_utc
from kinerja_shared.events.contracts.common import PegawaiRingkas, PeriodeRingkas
from kinerja_shared.events.contracts.penilaian import (
    CapaianOrganisasiFinal, PenilaianDiperbarui, PredikatDitetapkan, PredikatFinal,
)

from ..domain import pp30
from ..domain.pp30 import ParameterPp30

PUBLISHES = (PredikatDitetapkan, PredikatFinal, PenilaianDiperbarui, CapaianOrganisasiFinal)

PP30 = "PP_30_2019"
TUGAS_TAMBAHAN, KREATIVITAS = "TUGAS_TAMBAHAN", "KREATIVITAS"

Row = Mapping[str, Any]


def _ringkas(data: Mapping[str, Any] | None) -> PegawaiRingkas | None:
    return PegawaiRingkas.model_validate(data) if data else None


def _periode(periode: Row | None) -> PeriodeRingkas | None:
    if periode is None:
        return None
    return PeriodeRingkas(id=periode["id"], tahun=periode["tahun"], nama=periode["nama"],
                          awal=periode["awal"], akhir=periode["akhir"], final=periode["final"])


def _skp(pen: Row) -> dict[str, Any]:
    """What every penilaian event says of its SKP (the approved snapshot the row holds)."""
    snap = pen["snapshot"]
    return dict(model=pen["model"], jenis_skp=snap.get("jenis"), unor_id=pen["unor_id"],
                skp_periode_awal=snap.get("periode_awal"),
                skp_periode_akhir=snap.get("periode_akhir"))


def _predikat(pen: Row, periode: Row) -> dict[str, Any]:
    snap = pen["snapshot"]
    return dict(
        penilaian_id=pen["id"], skp_id=pen["skp_id"], pegawai=_ringkas(snap["pegawai"]),
        periode=_periode(periode), tahun=periode["tahun"],
        rating_hasil_kerja=pen["rating_hasil_kerja"], rating_perilaku=pen["rating_perilaku"],
        predikat=pen["predikat"], pejabat_penilai=_ringkas(snap.get("pejabat_penilai")),
        atasan_pejabat_penilai=_ringkas(snap.get("atasan_pejabat_penilai")),
        nilai_skp=pen["nilai_skp"], nilai_perilaku=pen["nilai_perilaku"],
        nilai_kinerja=pen["nilai_kinerja"], revisi=pen["revisi"],
        ditetapkan_at=as_utc(pen["ditetapkan_at"]), **_skp(pen),
        nilai_perilaku_pp30=(pen["pp30_perilaku"] or {}) if pen["model"] == PP30 else None)


def predikat_ditetapkan(pen: Row, periode: Row) -> PredikatDitetapkan:
    """From a ``penilaian`` row (as committed: predikat, revisi, ditetapkan_at) and its
    ``periode_ref`` row."""
    return PredikatDitetapkan(**_predikat(pen, periode))


def predikat_final(pen: Row, periode: Row) -> PredikatFinal:
    return PredikatFinal(**_predikat(pen, periode))


@dataclass(frozen=True)
class BagianPenilaian:
    """The rows of the parts of one penilaian, as its snapshot needs them (each in print
    order: catatan by date, PP 30 entries oldest first)."""

    realisasi: Sequence[Row] = ()
    umpan_balik_perilaku: Sequence[Row] = ()
    catatan_perilaku: Sequence[Row] = ()
    pp30_realisasi: Sequence[Row] = ()
    pp30_tambahan: Sequence[Row] = ()


def _bukti(item: Any) -> dict[str, Any]:
    return {"url": item} if isinstance(item, str) else item


def _realisasi(pen: Row, rows: Sequence[Row]) -> list[dict[str, Any]]:
    """Every indikator of the SKP, in its order, with what was filled in (as GET shows it)."""
    by_id = {r["indikator_id"]: r for r in rows}
    out = []
    for rhk in pen["snapshot"].get("rhk", []):
        for ind in rhk.get("indikator", []):
            row = by_id.get(ind["id"]) or {}
            out.append(dict(
                indikator_id=ind["id"], rhk_id=rhk["id"], realisasi=row.get("realisasi"),
                bukti_dukung=[_bukti(b) for b in row.get("bukti_dukung") or []],
                keterangan=row.get("keterangan"), umpan_balik=row.get("umpan_balik"),
                umpan_balik_oleh=row.get("umpan_balik_oleh"),
                diubah_at=as_utc(row.get("diubah_at"))))
    return out


def _perilaku(pen: Row, rows: Sequence[Row]) -> list[dict[str, Any]]:
    """Every perilaku aspect of the SKP with its penilai and feedback (names included: the
    instansi's ``tampilkan_nama_penilai_perilaku`` is for what the pegawai is shown)."""
    by_aspek = {r["aspek"]: r for r in rows}
    out = []
    for item in pen["snapshot"].get("perilaku", []):
        row = by_aspek.get(item["aspek"]) or {}
        penilai = item.get("penilai") or "ATASAN"
        out.append(dict(
            aspek=item["aspek"], penilai=penilai,
            penilai_pegawai_id=item.get("penilai_pegawai_id") or (
                pen["pejabat_penilai_id"] if penilai == "ATASAN" else None),
            penilai_nama=row.get("penilai_nama"), umpan_balik=row.get("umpan_balik"),
            diubah_at=as_utc(row.get("diubah_at"))))
    return out


def _capaian(k: pp30.Kegiatan | None) -> tuple[dict[str, Decimal], Decimal | None]:
    """The capaian per aspect and their mean, two places as printed; nothing for a figure
    past what Decimal computes (the realisasi columns allow ratios no form shows), so a write
    is never refused for its snapshot."""
    if k is None:
        return {}, None
    try:
        nilai = k.nilai()
        return ({a: pp30.bulat(v) for a, v in k.capaian().items()},
                pp30.bulat(nilai) if nilai is not None else None)
    except InvalidOperation:
        return {}, None


_ENTRI = ("id", "uraian", "jumlah", "oleh_pegawai_id")


def _entri(row: Row) -> dict[str, Any]:
    return {**{k: row[k] for k in _ENTRI}, "created_at": as_utc(row["created_at"])}


def _pp30(pen: Row, bagian: BagianPenilaian, p: ParameterPp30) -> dict[str, Any]:
    """The PP 30 form: every kegiatan of the SKP with its realisasi and capaian (two places, as
    printed; nilai SKP is computed from the unrounded values), the entries and what they add,
    the nilai perilaku and the weights."""
    rows = {r["rhk_id"]: r for r in bagian.pp30_realisasi}
    try:
        diukur = dict(pp30.kegiatan_skp(pen["snapshot"].get("rhk", []), rows))
    except InvalidOperation:  # a target that is not a number: nothing can be scored
        diukur = {}
    kegiatan = []
    for rhk in pen["snapshot"].get("rhk", []):
        row = rows.get(rhk["id"]) or {}
        capaian, nilai = _capaian(diukur.get(rhk["id"]))
        kegiatan.append(dict(
            rhk_id=rhk["id"], **{a: row.get(a) for a in pp30.ASPEK_KEGIATAN},
            target_revisi=row.get("target_revisi"), capaian=capaian, nilai_capaian=nilai,
            diubah_oleh=row.get("diubah_oleh"), diubah_at=as_utc(row.get("diubah_at"))))
    tugas = [r for r in bagian.pp30_tambahan if r["jenis"] == TUGAS_TAMBAHAN]
    kreativitas = [r for r in bagian.pp30_tambahan if r["jenis"] == KREATIVITAS]
    return dict(
        kegiatan=kegiatan, tugas_tambahan=[_entri(r) for r in tugas],
        kreativitas=[_entri(r) for r in kreativitas],
        nilai_tugas_tambahan=pp30.tambahan_tugas(sum(r["jumlah"] for r in tugas), p),
        nilai_kreativitas=pp30.tambahan_kreativitas(
            max((r["jumlah"] for r in kreativitas), default=0), p),
        perilaku=pen["pp30_perilaku"] or {}, bobot_skp=p.bobot_skp,
        bobot_perilaku=p.bobot_perilaku)


_CATATAN = ("id", "tanggal", "uraian", "oleh_pegawai_id")
_DARI_BARIS = ("skp_id", "pegawai_id", "periode_id", "tahun", "status", "rating_hasil_kerja",
               "rating_perilaku", "predikat", "justifikasi_distribusi", "nilai_skp",
               "nilai_perilaku", "nilai_kinerja", "revisi", "versi")
_WAKTU = ("dikirim_at", "ditetapkan_at", "created_at", "updated_at")  # UTC (SQLite: naive)


def penilaian_diperbarui(pen: Row, periode: Row | None, bagian: BagianPenilaian, *,
                         unor_induk_id: str | None,
                         parameter_pp30: ParameterPp30 | None = None) -> PenilaianDiperbarui:
    """From a ``penilaian`` row (as it will be committed, ``versi`` included), its
    ``periode_ref`` row, the rows of its parts, the unor induk of its unor and, under PP 30,
    the parameters of its period and instansi. (Validated once, as a whole: a bulk rating
    builds thousands.)"""
    snap = pen["snapshot"]
    return PenilaianDiperbarui.model_validate(dict(
        {k: pen[k] for k in _DARI_BARIS}, **{k: as_utc(pen[k]) for k in _WAKTU},
        penilaian_id=pen["id"],
        skp_revisi=snap.get("revisi"), pegawai=snap.get("pegawai"), unor_induk_id=unor_induk_id,
        periode=_periode(periode), pendekatan=snap.get("pendekatan"),
        pejabat_penilai=snap.get("pejabat_penilai"),
        atasan_pejabat_penilai=snap.get("atasan_pejabat_penilai"),
        realisasi=_realisasi(pen, bagian.realisasi),
        perilaku=_perilaku(pen, bagian.umpan_balik_perilaku),
        catatan_perilaku=[{**{k: r[k] for k in _CATATAN}, "created_at": as_utc(r["created_at"])}
                          for r in bagian.catatan_perilaku],
        pp30=(_pp30(pen, bagian, parameter_pp30 or ParameterPp30())
              if pen["model"] == PP30 else None),
        **_skp(pen)))


def capaian_organisasi_final(row: Row) -> CapaianOrganisasiFinal:
    """From a ``capaian_organisasi`` row (its ``final`` says made or un-made final)."""
    return CapaianOrganisasiFinal(
        id=row["id"], unor_induk_id=row["unor_induk_id"], tahun=row["tahun"],
        periode_id=row["periode_id"], capaian=row["capaian"], final=row["final"])
