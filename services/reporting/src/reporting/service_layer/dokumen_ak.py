"""The plain data the angka kredit documents print (konversi, akumulasi, PAK), assembled from
the AK row's snapshot as angka-kredit published it (the figures and the jabatan of those
months, never recomputed here) and, for the PAK, the instansi's template in force when it was
signed. Laid out after Peraturan BKN 3/2023 (the konversi, akumulasi and PAK formats) and the
BKN e-Kinerja admin manual §2.6, §2.14."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..domain import teks
from . import sumber

KONVERSI, AKUMULASI, PAK = "AK_KONVERSI", "AK_AKUMULASI", "PAK"
TEMBUSAN_BAWAAN = ("Pejabat Fungsional yang bersangkutan;", "Pimpinan Unit Kerja;",
                   "Pejabat Penilai Kinerja;", "Pejabat lain yang dianggap perlu.")
ANCHOR_PENANDATANGAN = "#ttd_penandatangan#"


def _orang(p: dict | None) -> dict | None:
    if not p:
        return None
    return {"id": p.get("id"), "nama": teks.nama_lengkap(p.get("nama"), p.get("gelar_depan"),
                                                         p.get("gelar_belakang")),
            "nip": p.get("nip"), "jabatan": p.get("jabatan")}


def _dengan_tmt(text: str | None, tmt) -> str:
    if not text:
        return "-"
    return f"{text} / TMT {teks.tanggal(tmt)}" if tmt else text


def keterangan_perorangan(snap: dict, instansi_nama: str) -> list[tuple[str, str]]:
    """I. KETERANGAN PERORANGAN, the rows of every AK document."""
    peg, jab = snap.get("pegawai") or {}, snap.get("jabatan") or {}
    return [
        ("Nama", teks.nama_lengkap(peg.get("nama"), peg.get("gelar_depan"),
                                   peg.get("gelar_belakang"))),
        ("NIP", peg.get("nip") or "-"),
        ("Nomor Seri KARPEG", "-"),
        ("Tanggal Lahir", teks.tanggal(peg.get("tanggal_lahir"))),
        ("Jenis Kelamin", teks.label(teks.JENIS_KELAMIN, peg.get("jenis_kelamin"))),
        ("Pangkat/Golongan Ruang/TMT",
         _dengan_tmt(teks.pangkat_golongan(jab.get("pangkat"), jab.get("golongan"))
                     if jab.get("pangkat") or jab.get("golongan") else None,
                     jab.get("tmt_golongan"))),
        ("Jabatan/TMT", _dengan_tmt(jab.get("jabatan") or teks.label(teks.JENJANG,
                                                                      snap.get("jenjang")),
                                    jab.get("tmt_jabatan"))),
        ("Unit Kerja", jab.get("unor_nama") or peg.get("unor_nama") or "-"),
        ("Instansi", jab.get("instansi_nama") or instansi_nama),
    ]


def _periode(snap: dict) -> str:
    awal, akhir = snap.get("periode_awal"), snap.get("periode_akhir")
    if awal and akhir:
        return f"{teks.tanggal(awal)} s.d. {teks.tanggal(akhir)}"
    if snap.get("integrasi"):
        return f"Integrasi {teks.tanggal(snap['integrasi'].get('tanggal'))}"
    return str(snap.get("tahun", "-"))


def _baris_konversi(k: dict) -> dict:
    """One row of the konversi / akumulasi tables (a konversi, or the integrasi)."""
    if k.get("sumber") == "INTEGRASI":
        return {"tahun": "-", "bulan": "AK Integrasi", "predikat": "-", "persentase": "-",
                "koefisien": "-", "angka_kredit": teks.ak(k.get("angka_kredit")),
                "rumus": None}
    awal = k.get("periode_awal")
    bulan = teks.angka(k.get("bulan"))
    rumus = None
    if k.get("bulan") and k.get("persentase") and k.get("koefisien"):
        rumus = (f"({bulan} / 12) x {teks.persen(k['persentase'])} x "
                 f"{teks.angka(k['koefisien'])} = {teks.ak(k.get('angka_kredit'))}")
    return {"tahun": str(date.fromisoformat(str(awal)[:10]).year) if awal else "-",
            "bulan": f"{teks.rentang_bulan(awal, k.get('periode_akhir'))} ({bulan} bulan)",
            "predikat": teks.label(teks.PREDIKAT, k.get("predikat")),
            "persentase": teks.persen(k.get("persentase")),
            "koefisien": teks.angka(k.get("koefisien")),
            "angka_kredit": teks.ak(k.get("angka_kredit")), "rumus": rumus}


def _kebutuhan(snap: dict) -> list[dict]:
    rows = []
    for key, label in (("pangkat", "Pangkat"), ("jenjang_jabatan", "Jenjang Jabatan")):
        k = snap.get(key) or {}
        selisih = teks.desimal(k.get("selisih"))
        rows.append({
            "label": label, "akumulasi": teks.ak(k.get("akumulasi")),
            "kebutuhan": teks.ak(k.get("kebutuhan"), "Tertinggi"),
            "selisih": "-" if selisih is None else (
                f"{teks.ak(selisih)} (kelebihan)" if selisih >= 0
                else f"{teks.ak(-selisih)} (kekurangan)"),
            "berikutnya": k.get("berikutnya_nama") or k.get("berikutnya") or "-"})
    return rows


def _penandatangan(snap: dict, template: dict | None) -> dict:
    """Who signs: the signer recorded at signing, else the pejabat penilai (who sets the AK);
    TTE prints the anchor a signing service signs over, a wet signature leaves the space."""
    orang = _orang(snap.get("penandatangan")) or _orang(snap.get("pejabat_penilai"))
    metode = snap.get("metode_tanda_tangan") or (template or {}).get("metode")
    return {"peran": (orang or {}).get("jabatan") or "Pejabat Penilai Kinerja",
            "nama": (orang or {}).get("nama") or "-", "nip": (orang or {}).get("nip"),
            "metode": metode, "jangkar": ANCHOR_PENANDATANGAN if metode == "TTE" else None}


def dokumen(s, row: dict, jenis: str, *, tanggal: date, lokasi: str | None) -> dict:
    snap, template = row["snapshot"], row.get("template")
    instansi_nama = sumber.instansi(s, row["instansi_id"])["nama"]
    peg = snap.get("pegawai") or {}
    ttd = _penandatangan(snap, template)
    tanggal_sk = snap.get("tanggal_sk")
    tempat = lokasi or snap.get("tempat") or "..........."
    ditetapkan = teks.tanggal(tanggal_sk) if tanggal_sk else teks.tanggal(tanggal)
    akumulasi = [_baris_konversi(k) for k in snap.get("akumulasi") or []]
    judul = {KONVERSI: "KONVERSI PREDIKAT KINERJA KE ANGKA KREDIT",
             AKUMULASI: "AKUMULASI ANGKA KREDIT",
             PAK: ((template or {}).get("judul") or "PENETAPAN ANGKA KREDIT").upper()}[jenis]
    catatan = []
    if snap.get("status") != "DITANDATANGANI":
        catatan.append(f"Status: {teks.label(teks.STATUS_AK, snap.get('status'))} "
                       "(belum ditandatangani).")
    if not snap.get("aktif", True):
        catatan.append("Angka kredit ini telah digantikan oleh koreksinya"
                       + (f" ({snap['digantikan_oleh_id']})." if snap.get("digantikan_oleh_id")
                          else "."))
    if jenis == PAK and (template or {}).get("catatan"):
        catatan.append(template["catatan"])
    data = {
        "jenis": jenis, "judul_dokumen": judul, "nomor": snap.get("nomor_sk") or "-",
        "periode": _periode(snap), "instansi": instansi_nama.upper(),
        "kop": list((template or {}).get("kop") or []) if jenis == PAK else [],
        "perorangan": keterangan_perorangan(snap, instansi_nama),
        "konversi": _baris_konversi({**snap, "angka_kredit": snap.get("angka_kredit")}),
        "akumulasi": akumulasi, "jumlah": teks.ak(snap.get("angka_kredit")),
        "ak_lama": teks.ak(snap.get("ak_lama"), "0.000"),
        "ak_baru": teks.ak(snap.get("ak_baru")),
        "penetapan": [{"uraian": b.get("uraian"), "lama": teks.ak(b.get("lama")),
                       "baru": teks.ak(b.get("baru")), "jumlah": teks.ak(b.get("jumlah"))}
                      for b in snap.get("penetapan") or []],
        "penetapan_total": {k: teks.ak(sum((teks.desimal(b.get(k)) or Decimal(0))
                                           for b in snap.get("penetapan") or []))
                            for k in ("lama", "baru", "jumlah")},
        "kebutuhan": _kebutuhan(snap), "kesimpulan": snap.get("kesimpulan") or "-",
        "tempat_tanggal": (tempat, ditetapkan), "penandatangan": ttd,
        "tembusan": list((template or {}).get("tembusan") or TEMBUSAN_BAWAAN),
        "catatan": catatan,
        "ttd": [{"peran": ttd["peran"], "nama": ttd["nama"], "nip": ttd["nip"]}],
        "pegawai": {"id": peg.get("id"), "nip": peg.get("nip"),
                    "nama": teks.nama_lengkap(peg.get("nama"), peg.get("gelar_depan"),
                                              peg.get("gelar_belakang"))},
        "judul": f"{judul.title()} {peg.get('nama', '')} {snap.get('tahun', '')}".strip(),
        "subjek": judul.title(),
    }
    return data
