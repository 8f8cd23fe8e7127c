"""Realistic made-up data for the SIASN sandbox: an instansi's unor tree (each unit with its
head) and its pegawai as ``pns/data-utama`` returns them (SIASN's field names, dates
``dd-mm-yyyy``). Deterministic for a given seed."""
from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from typing import Any

DEPAN = ["Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gita", "Hadi", "Indah", "Joko",
         "Kartika", "Lestari", "Made", "Nur", "Putri", "Rahmat", "Siti", "Taufik", "Wahyu",
         "Yudi", "Ayu", "Bambang", "Dian", "Hendra", "Ika", "Rina", "Sri", "Teguh"]
BELAKANG = ["Santoso", "Wijaya", "Saputra", "Lestari", "Pratama", "Hidayat", "Kusuma",
            "Nugroho", "Rahayu", "Setiawan", "Siregar", "Harahap", "Simanjuntak", "Wibowo",
            "Purnomo", "Susanti", "Handayani", "Gunawan", "Permana", "Utami"]
GELAR_BELAKANG = [None, None, "S.Kom.", "S.E.", "S.H.", "M.Si.", "S.T.", "S.Pd."]
BIDANG = ["Perencanaan", "Keuangan", "Umum dan Kepegawaian", "Pelayanan", "Pengawasan",
          "Informasi", "Pengembangan", "Evaluasi", "Data", "Kerja Sama", "Hukum", "Aset"]
GOLONGAN = [("21", "II/a", "Pengatur Muda"), ("22", "II/b", "Pengatur Muda Tingkat I"),
            ("31", "III/a", "Penata Muda"), ("32", "III/b", "Penata Muda Tingkat I"),
            ("33", "III/c", "Penata"), ("34", "III/d", "Penata Tingkat I"),
            ("41", "IV/a", "Pembina"), ("42", "IV/b", "Pembina Tingkat I")]
JF = [("Analis Kebijakan", ["Ahli Pertama", "Ahli Muda", "Ahli Madya"]),
      ("Pranata Komputer", ["Terampil", "Mahir", "Ahli Pertama", "Ahli Muda"]),
      ("Arsiparis", ["Terampil", "Ahli Pertama", "Ahli Muda"]),
      ("Auditor", ["Ahli Pertama", "Ahli Muda", "Ahli Madya"])]
PELAKSANA = ["Pengelola Data", "Pengadministrasi Umum", "Penata Laporan Keuangan",
             "Pengolah Data dan Informasi"]
ESELON_LEVEL = ["22", "31", "41", "41"]  # eselon of the root, then of each level below


def tanggal(d: date | None) -> str | None:
    """SIASN's date format."""
    return None if d is None else d.strftime("%d-%m-%Y")


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128)))


def unor_tree(instansi_id: str, jumlah: int, rng: random.Random) -> list[dict[str, Any]]:
    """``jumlah`` units: a root, then children breadth-first (up to 12 per unit)."""
    root = _id(rng)
    units = [{"Id": root, "InstansiId": instansi_id, "DiatasanId": None, "EselonId": "22",
              "NamaUnor": "Badan Kepegawaian dan Pengembangan SDM", "NamaJabatan":
              "Kepala Badan Kepegawaian dan Pengembangan SDM", "IndukUnorId": None,
              "PemimpinPnsId": None, "JenisUnorId": "1", "_level": 0}]
    i = 0
    while len(units) < jumlah:
        parent = units[i]
        for _ in range(min(12, jumlah - len(units))):
            level = parent["_level"] + 1
            nama = f"{['Bidang', 'Subbidang', 'Seksi', 'Unit'][min(level, 4) - 1]} " \
                   f"{rng.choice(BIDANG)} {len(units)}"
            units.append({"Id": _id(rng), "InstansiId": instansi_id, "DiatasanId": parent["Id"],
                          "EselonId": ESELON_LEVEL[min(level, 3)], "NamaUnor": nama,
                          "NamaJabatan": f"Kepala {nama}", "IndukUnorId": root,
                          "PemimpinPnsId": None, "JenisUnorId": "1", "_level": level})
        i += 1
    return units


def pegawai(instansi_id: str, units: list[dict], jumlah: int, rng: random.Random,
            nips: set[str] | None = None) -> list[dict[str, Any]]:
    """``jumlah`` pegawai spread over ``units``; the first pegawai of each unit heads it
    (``PemimpinPnsId`` is set on the unit)."""
    nips = set() if nips is None else nips
    found = []
    for n in range(jumlah):
        unit = units[n % len(units)]
        kepala = n < len(units)
        found.append(_pegawai(instansi_id, unit, kepala, rng, nips))
        if kepala:
            unit["PemimpinPnsId"] = found[-1]["id"]
    return found


def nip_baru(rng: random.Random, nips: set[str], lahir: date, tmt: date, pria: bool) -> str:
    seq = rng.randint(1, 900)
    while True:
        nip = f"{lahir:%Y%m%d}{tmt:%Y%m}{1 if pria else 2}{seq:03d}"
        if nip not in nips:
            nips.add(nip)
            return nip
        seq = seq % 999 + 1


def _pegawai(instansi_id: str, unit: dict, kepala: bool, rng: random.Random,
             nips: set[str]) -> dict[str, Any]:
    lahir = date(1965, 1, 1) + timedelta(days=rng.randint(0, 33 * 365))
    tmt_cpns = date(lahir.year + rng.randint(22, 30), rng.choice([1, 3, 4]), 1)
    pria = rng.random() < 0.5
    gol_id, gol, pangkat = rng.choice(GOLONGAN[3:] if kepala else GOLONGAN)
    jenjang, jf_id = None, None
    if kepala:
        jenis, jabatan, eselon = "1", unit["NamaJabatan"], unit["EselonId"]
    elif rng.random() < 0.5:
        nama_jf, jenjangs = rng.choice(JF)
        jenjang = rng.choice(jenjangs)
        jenis, jabatan, eselon, jf_id = "2", f"{nama_jf} {jenjang}", None, _id(rng)[:8]
    else:
        jenis, jabatan, eselon = "4", rng.choice(PELAKSANA), None
    return {
        "id": _id(rng), "nipBaru": nip_baru(rng, nips, lahir, tmt_cpns, pria),
        "nipLama": str(rng.randint(100000000, 999999999)),
        "nama": f"{rng.choice(DEPAN)} {rng.choice(BELAKANG)}", "gelarDepan": None,
        "gelarBelakang": rng.choice(GELAR_BELAKANG), "jenisKelamin": "M" if pria else "F",
        "tglLahir": tanggal(lahir), "tmtCpns": tanggal(tmt_cpns),
        "tmtPns": tanggal(tmt_cpns + timedelta(days=365)), "instansiIndukId": instansi_id,
        "unorId": unit["Id"], "unorIndukId": unit["IndukUnorId"] or unit["Id"],
        "jenisJabatanId": jenis, "jabatanNama": jabatan, "jabatanFungsionalId": jf_id,
        "tmtJabatan": tanggal(date(rng.randint(2015, 2024), rng.randint(1, 12), 1)),
        "golRuangAkhirId": gol_id, "golRuangAkhir": gol,
        "tmtGolAkhir": tanggal(date(rng.randint(2016, 2024), rng.choice([4, 10]), 1)),
        "eselonId": eselon, "pangkatAkhir": pangkat, "jenjang": jenjang,
        "kedudukanPnsId": "01", "kedudukanPnsNama": "Aktif",
    }
