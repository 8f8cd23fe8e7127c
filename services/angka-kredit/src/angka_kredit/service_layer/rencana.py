"""What one pegawai's AK rows should be, from the read models (no writes): a konversi row per
segmen of every predikat (``domain.segmen``), the integrasi, and the akumulasi of each
(``domain.akumulasi``). ``hitung.py`` compares the plan with the stored rows and writes."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping

from ..domain import golongan as gol
from ..domain import nip as nip_
from ..domain.akumulasi import INTEGRASI, KONVERSI, Butir, hitung
from ..domain.angka import DUA_BELAS
from ..domain.aturan import rules_for
from ..domain.konversi import konversi
from ..domain.pengaturan import Pengaturan
from ..domain.riwayat_jabatan import RevisiPegawai, RiwayatJabatan
from ..domain.segmen import FINAL, PERIODIK, SumberPredikat, susun

Row = Mapping[str, Any]


@dataclass
class Rencana:
    """The rows one pegawai should have: ``kunci`` -> column values. A konversi row is keyed
    ``(penilaian_id, segmen)``, an integrasi by its stored id."""

    baris: dict[tuple, dict[str, Any]] = field(default_factory=dict)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _sumber(predikat: list[Row]) -> tuple[list[SumberPredikat], dict[str, Row]]:
    sumber, asal = [], {}
    for r in predikat:
        if r["jenis_event"] == "FINAL":
            jenis = FINAL
        elif r["periodik"] and not r["periode_final"]:
            jenis = PERIODIK
        else:
            continue
        awal = max(r["periode_awal"], r["skp_periode_awal"] or r["periode_awal"])
        akhir = min(r["periode_akhir"], r["skp_periode_akhir"] or r["periode_akhir"])
        if awal <= akhir:
            sumber.append(SumberPredikat(r["penilaian_id"], jenis, awal, akhir, r["predikat"]))
            asal[r["penilaian_id"]] = r
    return sumber, asal


def _pegawai(p: Row, jabatan: RevisiPegawai | None, golongan: str | None,
             unor: Mapping[str, Row]) -> dict[str, Any]:
    unor_id = (jabatan.unor_id if jabatan else None) or p["unor_id"]
    return {"id": p["id"], "nip": p["nip"], "nama": p["nama"], "gelar_depan": p["gelar_depan"],
            "gelar_belakang": p["gelar_belakang"],
            "jabatan": (jabatan.jabatan if jabatan else None) or p["jabatan"],
            "golongan": golongan, "unor_id": unor_id,
            "unor_nama": unor[unor_id]["nama"] if unor_id in unor else None,
            "tanggal_lahir": _iso(nip_.tanggal_lahir(p["nip"])),
            "jenis_kelamin": nip_.jenis_kelamin(p["nip"]),
            "status_kepegawaian": p["status_kepegawaian"]}


def _snapshot(p: Row, jabatan, golongan, unor_id, instansi: Row | None, unor, pr: Row | None
              ) -> dict[str, Any]:
    u = unor.get(unor_id)
    induk = unor.get(u["unor_induk_id"]) if u and u["unor_induk_id"] else None
    snap = pr["snapshot"] if pr is not None else {}
    return {"pegawai": _pegawai(p, jabatan, golongan, unor), "pangkat": gol.pangkat(golongan),
            "unor_nama": u["nama"] if u else None, "unor_kode": u["kode"] if u else None,
            "unor_induk_id": induk["id"] if induk else None,
            "unor_induk_nama": induk["nama"] if induk else None,
            "unor_induk_kode": induk["kode"] if induk else None,
            "instansi_nama": instansi["nama"] if instansi else None,
            "instansi_kode": instansi["kode"] if instansi else None,
            "pejabat_penilai": snap.get("pejabat_penilai"),
            "atasan_pejabat_penilai": snap.get("atasan_pejabat_penilai"),
            "skp_id": pr["skp_id"] if pr is not None else None,
            "skp_periode_awal": _iso(pr["skp_periode_awal"]) if pr is not None else None,
            "skp_periode_akhir": _iso(pr["skp_periode_akhir"]) if pr is not None else None,
            "model": pr["model"] if pr is not None else None}


def _umum(p: Row) -> dict[str, Any]:
    return {"instansi_id": p["instansi_id"], "pegawai_id": p["id"], "nip": p["nip"],
            "nama": p["nama"]}


def susun_rencana(p: Row, revisi: list[RevisiPegawai], predikat: list[Row], integrasi: list[Row],
                  instansi: Row | None, pengaturan: Pengaturan, unor: Mapping[str, Row]
                  ) -> Rencana:
    riwayat = RiwayatJabatan.dari(revisi)
    sumber, asal = _sumber(predikat)
    rencana, butir, urutan = Rencana(), [], Counter()
    for seg in susun(sumber, riwayat, pengaturan.hari_acuan_bulan):
        pr = asal[seg.penilaian_id]
        rules = rules_for(seg.akhir)
        k = konversi(rules, pr["predikat"], seg.jenjang, seg.bulan)
        unor_id = pr["unor_id"] or seg.jabatan.unor_id or p["unor_id"]
        # a segmen is known by its jenjang and golongan (and their ordinal within the
        # predikat), not its dates: a corrected TMT moves the months of the same row
        nama = f"{seg.jenjang}|{seg.golongan or '-'}"
        segmen = f"{nama}|{urutan[(seg.penilaian_id, nama)]}"
        urutan[(seg.penilaian_id, nama)] += 1
        kunci = (KONVERSI, seg.penilaian_id, segmen)
        rencana.baris[kunci] = {
            **_umum(p), "sumber": KONVERSI, "tahun": pr["tahun"], "awal": seg.awal,
            "akhir": seg.akhir, "penilaian_id": pr["penilaian_id"], "segmen": segmen,
            "jenis_predikat": PERIODIK if pr["jenis_event"] != "FINAL" else FINAL,
            "predikat_revisi": pr["revisi"], "periode_id": pr["periode_id"],
            "periode_nama": pr["periode_nama"], "predikat": k.predikat,
            "persentase": k.persentase, "koefisien": k.koefisien, "bulan": k.bulan,
            "pejabat_penilai_id": pr["pejabat_penilai_id"],
            "atasan_pejabat_penilai_id": pr["atasan_pejabat_penilai_id"],
            "kategori_jabatan": seg.jabatan.kategori_jabatan, "jabatan": seg.jabatan.jabatan,
            "jenjang": seg.jenjang, "jenjang_mulai": seg.jenjang_mulai,
            "tmt_jabatan": seg.jabatan.tmt_jabatan, "golongan": seg.golongan,
            "golongan_mulai": seg.golongan_mulai, "unor_id": unor_id, "ak12": k.ak12,
            "angka_kredit": k.angka_kredit, "aturan": rules.kode,
            "snapshot": _snapshot(p, seg.jabatan, seg.golongan, unor_id, instansi, unor, pr)}
        butir.append(Butir(repr(kunci), KONVERSI, seg.awal, seg.jenjang, seg.jenjang_mulai,
                           seg.golongan, seg.golongan_mulai, k.ak12))
    for r in integrasi:
        jenjang = riwayat.jenjang_pada(r["tanggal_integrasi"])
        golongan = riwayat.golongan_pada(r["tanggal_integrasi"])
        mulai = jenjang.mulai if jenjang and jenjang.nilai[1] == r["jenjang"] else r["jenjang_mulai"]
        g_mulai = golongan.mulai if golongan and golongan.nilai == r["golongan"] \
            else r["golongan_mulai"]
        kunci = (INTEGRASI, r["id"])
        jabatan = riwayat.jabatan_pada(r["tanggal_integrasi"])
        rencana.baris[kunci] = {
            **_umum(p), "jenjang_mulai": mulai, "golongan_mulai": g_mulai,
            "snapshot": _snapshot(p, jabatan.nilai if jabatan else None, r["golongan"],
                                  r["unor_id"], instansi, unor, None)}
        butir.append(Butir(repr(kunci), INTEGRASI, r["tanggal_integrasi"], r["jenjang"], mulai,
                           r["golongan"], g_mulai, r["ak12"]))
    if not butir:
        return rencana
    rules = rules_for(max(b.tanggal for b in butir))
    hasil = hitung(butir, rules, pengaturan)
    pertama = min(butir, key=lambda b: (b.tanggal, b.sumber != INTEGRASI, b.id)).id
    for kunci, nilai in rencana.baris.items():
        h = hasil[repr(kunci)]
        nilai.update(
            ak_lama=h.ak_lama, ak_baru=h.ak_baru, ak_pangkat=h.pangkat.akumulasi,
            kebutuhan_pangkat=h.pangkat.kebutuhan, selisih_pangkat=h.pangkat.selisih,
            cukup_pangkat=h.pangkat.cukup, pangkat_berikutnya=h.pangkat.berikutnya,
            kebutuhan_jenjang=h.jenjang.kebutuhan, selisih_jenjang=h.jenjang.selisih,
            cukup_jenjang=h.jenjang.cukup, jenjang_berikutnya=h.jenjang.berikutnya,
            kesimpulan=h.kesimpulan, pertama=repr(kunci) == pertama,
            penetapan=[{"unsur": u, "uraian": t, "lama": str(a), "baru": str(b),
                        "jumlah": str(c)} for u, t, a, b, c in h.penetapan],
            dihitung=list(h.dihitung))  # keys for now; hitung.py turns them into ids
    return rencana


def ak12_integrasi(angka_kredit) -> Any:
    return angka_kredit * DUA_BELAS
