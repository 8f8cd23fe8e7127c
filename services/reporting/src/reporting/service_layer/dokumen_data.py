"""The plain data each document prints, assembled from the read models (``sumber``)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from kinerja_shared.errors import Conflict, NotFound

from ..adapters.tables import pegawai_ref, skp_rm
from ..domain import teks
from . import sumber

PERIODE_PENILAIAN = "PERIODE PENILAIAN: {} SD {}"


def _periode_teks(awal, akhir) -> str:
    return PERIODE_PENILAIAN.format(teks.tanggal(awal).upper(), teks.tanggal(akhir).upper())


def _tempat(lokasi: str | None, orang: dict | None, tanggal: date) -> str:
    return f"{lokasi or (orang or {}).get('kota') or '..........'}, {teks.tanggal(tanggal)}"


def _ttd(peran: str, orang: dict | None, jangkar: str | None) -> dict | None:
    if orang is None:
        return None
    return {"peran": peran, "nama": orang["nama"], "nip": orang["nip"], "jangkar": jangkar}


def _rhk(snapshot: dict, realisasi: dict[str, dict] | None, atasan: dict[str, str]) -> list:
    rows = []
    for r in sorted(snapshot.get("rhk", []), key=lambda r: (r.get("urutan") is None,
                                                           r.get("urutan") or 0)):
        indikator = []
        for ind in r.get("indikator", []):
            item = {"uraian": ind.get("uraian"), "aspek": teks.label(teks.ASPEK_INDIKATOR,
                                                                     ind.get("aspek")),
                    "target": ind.get("target"), "target_maks": ind.get("target_maks"),
                    "satuan": ind.get("satuan"),
                    "perspektif": teks.label(teks.PERSPEKTIF, ind.get("perspektif")),
                    "manual": ind.get("manual")}
            if realisasi is not None:
                got = realisasi.get(ind["id"], {})
                item.update(realisasi=got.get("realisasi"), umpan_balik=got.get("umpan_balik"),
                            bukti=[b.get("url") for b in got.get("bukti_dukung", [])])
            indikator.append(item)
        rows.append({"jenis": r["jenis"], "uraian": r["uraian"], "indikator": indikator,
                     "rhk_atasan": atasan.get(r.get("rhk_atasan_id"))})
    return rows


def rencana(s, skp_row: dict, *, tanggal: date, lokasi: str | None, jangkar: tuple) -> dict:
    snap = skp_row["snapshot"]
    if snap is None:
        raise Conflict("SKP belum disetujui; rencananya belum dapat dicetak.",
                       code="skp-belum-disetujui")
    pegawai = sumber.orang(s, snap["pegawai"])
    penilai = sumber.orang(s, snap.get("pejabat_penilai"))
    inst = sumber.instansi(s, skp_row["instansi_id"])
    atasan = sumber.uraian_rhk_atasan(s, (snap.get("pejabat_penilai") or {}).get("id"),
                                      skp_row["tahun"])
    perilaku = [{"aspek": teks.PERILAKU.get(x["aspek"], (x["aspek"],))[0],
                 "indikator": x.get("indikator") or teks.PERILAKU.get(x["aspek"], ("", ()))[1],
                 "ekspektasi": x.get("ekspektasi_khusus")} for x in snap.get("perilaku", [])]
    judul = f"Rencana SKP {pegawai['nama']} ({skp_row['tahun']})"
    return {"instansi": inst["nama"].upper(), "jenis": snap["jenis"],
            "pendekatan": teks.label(teks.PENDEKATAN, snap["pendekatan"]),
            "periode_teks": _periode_teks(snap["periode_awal"], snap["periode_akhir"]),
            "pegawai": pegawai, "penilai": penilai, "rhk": _rhk(snap, None, atasan),
            "perilaku": perilaku, "tempat_tanggal": _tempat(lokasi, penilai or pegawai, tanggal),
            "ttd": [_ttd("Pegawai yang Dinilai", pegawai, jangkar[0]),
                    _ttd("Pejabat Penilai Kinerja", penilai, jangkar[1])],
            "judul": judul, "subjek": "Rencana Sasaran Kinerja Pegawai"}


def evaluasi(s, pen: dict, *, tanggal: date, lokasi: str | None, jangkar: tuple) -> dict:
    snap = pen["snapshot"]
    skp_row = sumber.skp(s, pen["skp_id"])
    skp_snap = skp_row["snapshot"] or {}
    per = sumber.periode(s, pen["periode_id"]) or snap.get("periode") or {}
    pegawai = sumber.orang(s, snap.get("pegawai"), pegawai_id=pen["pegawai_id"])
    penilai = sumber.orang(s, snap.get("pejabat_penilai"))
    atasan_orang = sumber.orang(s, snap.get("atasan_pejabat_penilai"))
    realisasi = {r["indikator_id"]: r for r in snap.get("realisasi", [])}
    atasan = sumber.uraian_rhk_atasan(s, pen.get("pejabat_penilai_id"), pen["tahun"])
    feedback = {x["aspek"]: x for x in snap.get("perilaku", [])}
    perilaku = []
    for x in skp_snap.get("perilaku", []):
        f = feedback.get(x["aspek"], {})
        oleh = teks.label(teks.PENILAI, f.get("penilai") or x.get("penilai"))
        if f.get("penilai_nama"):
            oleh = f"{oleh} ({f['penilai_nama']})"
        perilaku.append({"aspek": teks.PERILAKU.get(x["aspek"], (x["aspek"],))[0],
                         "indikator": x.get("indikator") or teks.PERILAKU[x["aspek"]][1],
                         "ekspektasi": x.get("ekspektasi_khusus"), "penilai": oleh,
                         "umpan_balik": f.get("umpan_balik")})
    induk = pen.get("unor_induk_id")
    dist = sumber.distribusi(s, induk, pen["periode_id"])
    awal = max(date.fromisoformat(str(per["awal"])), skp_row["periode_awal"])
    akhir = min(date.fromisoformat(str(per["akhir"])), skp_row["periode_akhir"])
    final = bool(per.get("final"))
    return {
        "instansi": sumber.instansi(s, pen["instansi_id"])["nama"].upper(),
        "periode_label": "Tahunan" if final else per.get("nama", "-"),
        "periode_teks": _periode_teks(awal, akhir), "jenis": skp_snap.get("jenis", "JF_JA"),
        "pegawai": pegawai, "penilai": penilai, "atasan": atasan_orang,
        "capaian_organisasi": teks.label(teks.CAPAIAN,
                                         sumber.capaian(s, induk, pen["periode_id"], pen["tahun"]),
                                         "Belum ditetapkan"),
        "unor_induk": (sumber.unor(s, induk) or {}).get("nama", "-"),
        "distribusi": [(teks.PREDIKAT[k], dist.get(k, 0)) for k in teks.PREDIKAT],
        "distribusi_total": sum(dist.values()),
        "rhk": _rhk(skp_snap, realisasi, atasan),
        "rating_hasil_kerja": teks.label(teks.RATING, pen["rating_hasil_kerja"]).upper(),
        "perilaku": perilaku,
        "rating_perilaku": teks.label(teks.RATING, pen["rating_perilaku"]).upper(),
        "predikat": teks.label(teks.PREDIKAT, pen["predikat"]).upper(),
        "tempat_tanggal": _tempat(lokasi, penilai or pegawai, tanggal),
        "ttd": [_ttd("Pegawai yang Dinilai", pegawai, jangkar[0]),
                _ttd("Pejabat Penilai Kinerja", penilai, jangkar[1])],
        "judul": f"Dokumen Evaluasi Kinerja {pegawai['nama']} - "
                 f"{'Tahunan' if final else per.get('nama', '')} {pen['tahun']}",
        "subjek": "Dokumen Evaluasi Kinerja Pegawai", "final": final,
    }


def _n(value: Any) -> str:
    return "-" if value in (None, "") else f"{float(value):.2f}"


JUDUL_KEBERATAN = (
    ("5", "KEBERATAN DARI PEGAWAI NEGERI SIPIL YANG DINILAI (APABILA ADA)"),
    ("6", "KEBERATAN DARI ATASAN PEJABAT PENILAI (SANGGAHAN)"),
    ("7", "KEBERATAN DARI PEJABAT PENILAI (SANGGAHAN)"),
    ("8", "KEPUTUSAN ATASAN PEJABAT PENILAI ATAS KEBERATAN"))


def _waktu_langkah(k: dict, aksi: str, zona: str) -> str | None:
    for langkah in reversed(k.get("riwayat") or []):
        if langkah.get("aksi") == aksi and langkah.get("waktu"):
            return _tgl_lokal(langkah["waktu"], zona)
    return None


def _tgl_lokal(value: str | None, zona: str) -> str | None:
    if not value:
        return None
    return teks.tanggal(datetime.fromisoformat(value).astimezone(ZoneInfo(zona)).date())


def _isi_keberatan(k: dict | None, zona: str) -> list[str | None]:
    """Fields 5-8 of the DKI form from the keberatan's snapshot: the pegawai's keberatan, the
    atasan pejabat penilai's and the pejabat penilai's sanggahan (the penjelasan under the
    PermenPAN chain) and the decision with the nilai perilaku decided; each with its date."""
    if k is None:
        return [None] * 4

    def bertanggal(text: str | None, waktu: str | None) -> str | None:
        return f"{text}\n(Tanggal: {waktu})" if text and waktu else text

    status = k.get("status")
    lima = bertanggal(k.get("alasan"), _tgl_lokal(k.get("diajukan_at"), zona))
    if status == "TERLAMBAT":
        lima += "\nDiajukan setelah batas waktu keberatan; tidak diproses."
    if status == "DITARIK":
        lima += "\nKeberatan ditarik oleh pegawai" + (
            f": {k['alasan_tarik']}" if k.get("alasan_tarik") else ".")
    enam = bertanggal(k.get("sanggahan_atasan"), _waktu_langkah(k, "SANGGAHAN_ATASAN", zona))
    tujuh = bertanggal(k.get("sanggahan_penilai") or k.get("penjelasan"),
                       _waktu_langkah(k, "SANGGAHAN_PENILAI", zona)
                       or _waktu_langkah(k, "PENJELASAN", zona))
    if k.get("keputusan"):
        bagian = [f"Keberatan {teks.label(teks.KEPUTUSAN_KEBERATAN, k['keputusan']).lower()}."]
        if k.get("uraian"):
            bagian.append(k["uraian"])
        if k.get("rekomendasi"):
            bagian.append(f"Rekomendasi: {k['rekomendasi']}")
        nilai = (k.get("sesudah") or {}).get("nilai_perilaku_pp30") or {}
        if nilai and k["keputusan"] == "DISETUJUI":
            bagian.append("Nilai perilaku kerja: " + "; ".join(
                f"{teks.label(teks.PERILAKU_PP30, a)} {teks.angka(v)}" for a, v in nilai.items()))
        pemutus = (k.get("pemutus") or {}).get("nama")
        if pemutus:
            bagian.append(f"Diputuskan oleh: {pemutus}")
        delapan = bertanggal("\n".join(bagian), _tgl_lokal(k.get("diputuskan_at"), zona))
    elif status in ("TERLAMBAT", "DITARIK"):
        delapan = None
    else:
        delapan = f"Belum diputuskan (status: {teks.label(teks.STATUS_KEBERATAN, status)})."
    return [lima, enam, tujuh, delapan]


def form_pp30(s, pen: dict, *, tanggal: date, lokasi: str | None, jangkar: tuple,
              zona: str = "Asia/Jakarta") -> dict:
    d = evaluasi(s, pen, tanggal=tanggal, lokasi=lokasi, jangkar=jangkar)
    snap = pen["snapshot"]
    pp30 = snap.get("pp30") or {}
    skp_snap = sumber.skp(s, pen["skp_id"])["snapshot"] or {}
    bobot_skp = float(pp30.get("bobot_skp") or 0.7)
    bobot_perilaku = float(pp30.get("bobot_perilaku") or 0.3)
    nilai_skp, nilai_perilaku = snap.get("nilai_skp"), snap.get("nilai_perilaku")
    nilai = pp30.get("perilaku", {})
    d["unsur"] = {
        "nilai_skp": _n(nilai_skp), "bobot_skp": f"{bobot_skp:.0%}",
        "skp_tertimbang": _n(float(nilai_skp) * bobot_skp) if nilai_skp else "-",
        "perilaku": [(label, _n(nilai.get(key))) for key, label in teks.PERILAKU_PP30.items()
                     if key in nilai or key != "KEPEMIMPINAN"],
        "nilai_perilaku": _n(nilai_perilaku), "bobot_perilaku": f"{bobot_perilaku:.0%}",
        "perilaku_tertimbang": (_n(float(nilai_perilaku) * bobot_perilaku)
                                if nilai_perilaku else "-"),
        "nilai_kinerja": _n(snap.get("nilai_kinerja"))}
    d["predikat"] = teks.label(teks.PREDIKAT, pen["predikat"]).upper()
    isi = _isi_keberatan(sumber.keberatan(s, pen["id"]), zona)
    d["keberatan"] = [(nomor, judul, teks_isi)
                      for (nomor, judul), teks_isi in zip(JUDUL_KEBERATAN, isi)]
    kegiatan = {k["rhk_id"]: k for k in pp30.get("kegiatan", [])}
    d["kegiatan"] = []
    for r in skp_snap.get("rhk", []):
        k = kegiatan.get(r["id"], {})
        revisi = k.get("target_revisi") or {}
        d["kegiatan"].append({
            "uraian": r["uraian"],
            "t_kuantitas": f"{revisi.get('kuantitas', r.get('target_kuantitas')) or '-'} "
                           f"{r.get('satuan') or ''}".strip(),
            "t_kualitas": str(revisi.get("kualitas", r.get("target_kualitas")) or "-"),
            "t_waktu": f"{revisi.get('waktu', r.get('target_waktu')) or '-'} bln",
            "r_kuantitas": str(k.get("kuantitas") or "-"), "r_kualitas": str(k.get("kualitas") or "-"),
            "r_waktu": str(k.get("waktu") or "-"), "nilai": _n(k.get("nilai_capaian"))})
    d["tambahan"] = [("Tugas tambahan", _n(pp30.get("nilai_tugas_tambahan"))),
                     ("Kreativitas", _n(pp30.get("nilai_kreativitas")))]
    d["judul"] = d["judul"].replace("Dokumen Evaluasi Kinerja", "Penilaian Prestasi Kerja")
    d["subjek"] = "Penilaian Prestasi Kerja PNS (PP 30/2019)"
    return d


def mph(s, unor_row: dict, tahun: int, *, tanggal: date, lokasi: str | None) -> dict:
    """Every Matriks Peran Hasil in the approved SKPs of the year of the unit's pimpinan."""
    pimpinan = sumber.pimpinan_unor(s, unor_row["id"])
    names = {}
    matriks = []
    for kepala in pimpinan:
        for snap in s.execute(select(skp_rm.c.snapshot).where(
                skp_rm.c.pegawai_id == kepala["id"], skp_rm.c.tahun == tahun,
                skp_rm.c.status == "DISETUJUI")).scalars():
            for r in snap.get("rhk", []):
                if not r.get("matriks_peran"):
                    continue
                ids = [b["pegawai_id"] for b in r["matriks_peran"]]
                missing = [i for i in ids if i not in names]
                for row in s.execute(select(pegawai_ref.c.id, pegawai_ref.c.nama,
                                            pegawai_ref.c.jabatan).where(
                        pegawai_ref.c.id.in_(missing))):
                    names[row.id] = (row.nama, row.jabatan)
                matriks.append({"pemilik": teks.nama_lengkap(kepala["nama"]), "rhk": r["uraian"],
                                "kolom": r.get("matriks_peran_kolom") or [],
                                "baris": [{"nama": names.get(b["pegawai_id"], (b["pegawai_id"],))[0],
                                           "jabatan": (names.get(b["pegawai_id"], ("", "-"))[1]
                                                       or "-"),
                                           "jabatan_tim": teks.label({}, b.get("jabatan_tim")),
                                           "peran": b.get("peran")}
                                          for b in r["matriks_peran"]]})
    kepala = sumber.orang(s, None, pegawai_id=pimpinan[0]["id"]) if pimpinan else None
    return {"instansi": sumber.instansi(s, unor_row["instansi_id"])["nama"].upper(),
            "unor": unor_row["nama"], "periode_teks": f"TAHUN {tahun}", "matriks": matriks,
            "tempat_tanggal": _tempat(lokasi or unor_row.get("kota"), kepala, tanggal),
            "ttd": _ttd(f"Pimpinan {unor_row['nama']}", kepala, None),
            "judul": f"Matriks Peran Hasil {unor_row['nama']} {tahun}",
            "subjek": "Matriks Peran Hasil", "pemimpin_ids": [k["id"] for k in pimpinan]}


def cek_ada(value, message: str = ""):
    if value is None:
        raise NotFound(message or None)
    return value
