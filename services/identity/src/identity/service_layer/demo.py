"""Demo data (KINERJA_DEMO=1), loaded once: one Badan with a realistic unor tree, ~50 pegawai
who can log in with the shared demo password, a PLT in a vacant bidang, and this year's
monthly periods. Local and demo use only."""
from __future__ import annotations

import logging
import os
from datetime import date

import sqlalchemy as sa

from kinerja_shared.clock import now

from ..adapters.tables import instansi, pegawai
from ..wiring import components
from . import events
from . import instansi as instansi_svc
from . import periode as periode_svc
from . import plt_plh as plt_svc
from . import unor as unor_svc
from .common import new_id

log = logging.getLogger("kinerja.identity")

DEMO_KODE = "DEMO"
DEMO_PASSWORD = "kinerja-demo"  # shared demo password, local-only

# (key, nama, jenis, eselon, atasan key, mandiri)
UNOR = [
    ("badan", "Badan Kepegawaian dan Pengembangan SDM", "JPT Pratama", "22", None, False),
    ("sekretariat", "Sekretariat", "Administrator", "31", "badan", False),
    ("umpeg", "Subbagian Umum dan Kepegawaian", "Pengawas", "42", "sekretariat", False),
    ("renkeu", "Subbagian Perencanaan dan Keuangan", "Pengawas", "42", "sekretariat", False),
    ("mutasi", "Bidang Mutasi dan Promosi", "Administrator", "31", "badan", False),
    ("bangkom", "Bidang Pengembangan Kompetensi", "Administrator", "31", "badan", False),
    ("informasi", "Bidang Informasi Kepegawaian", "Administrator", "31", "badan", False),
    ("upt", "UPT Pendidikan dan Pelatihan", "Administrator", "31", "badan", True),
]
# unor key -> (jabatan of the head or None when vacant, staff count, staff jabatan, kategori)
ISI = {
    "badan": ("Kepala Badan", 2, "Analis Kebijakan Ahli Madya", "FUNGSIONAL"),
    "sekretariat": ("Sekretaris", 2, "Analis SDM Aparatur Ahli Muda", "FUNGSIONAL"),
    "umpeg": ("Kepala Subbagian Umum dan Kepegawaian", 6, "Pengadministrasi Perkantoran", "PELAKSANA"),
    "renkeu": ("Kepala Subbagian Perencanaan dan Keuangan", 5, "Pengelola Keuangan", "PELAKSANA"),
    "mutasi": ("Kepala Bidang Mutasi dan Promosi", 8, "Analis SDM Aparatur Ahli Pertama", "FUNGSIONAL"),
    "bangkom": ("Kepala Bidang Pengembangan Kompetensi", 7, "Widyaiswara Ahli Muda", "FUNGSIONAL"),
    "informasi": (None, 6, "Pranata Komputer Ahli Pertama", "FUNGSIONAL"),
    "upt": ("Kepala UPT Pendidikan dan Pelatihan", 5, "Pengelola Diklat", "PELAKSANA"),
}
KATEGORI_KEPALA = {"22": "JPT", "31": "ADMINISTRATOR", "42": "PENGAWAS"}
NAMA = ["Agus Santoso", "Siti Rahmawati", "Budi Hartono", "Dewi Lestari", "Eko Prasetyo",
        "Fitri Handayani", "Gunawan Wibowo", "Hana Puspitasari", "Irfan Hakim", "Joko Susilo",
        "Kartika Sari", "Lukman Hidayat", "Maya Anggraini", "Nur Aisyah", "Oki Setiawan",
        "Putri Maharani", "Rudi Kurniawan", "Sri Wahyuni", "Teguh Santoso", "Umi Kalsum",
        "Vina Oktaviani", "Wahyu Nugroho", "Yuni Astuti", "Zainal Arifin", "Ahmad Fauzi",
        "Bayu Saputra", "Citra Kirana", "Dian Permata", "Edi Suryanto", "Fajar Ramadhan",
        "Galih Pratama", "Hesti Wulandari", "Indra Gunawan", "Jihan Nabila", "Kurniawan Adi",
        "Lina Marlina", "Mulyadi", "Novi Andriani", "Oktavia Ramadhani", "Purnomo",
        "Ratna Dewi", "Slamet Riyadi", "Tri Wahyudi", "Utami Dewi", "Wawan Setiawan",
        "Yanti Susanti", "Yusuf Maulana", "Zahra Amalia", "Arif Budiman", "Bambang Sutrisno"]
GOLONGAN = ["II/c", "II/d", "III/a", "III/b", "III/c", "III/d"]
# one staff member of these unor is away, still logging in: a status kepegawaian other than
# AKTIF since July of last year (the compliance report leaves such pegawai out)
STATUS_DEMO = {"bangkom": "TUGAS_BELAJAR", "renkeu": "CUTI"}


def _nip(i: int, lahir_tahun: int) -> str:
    return f"{lahir_tahun}{1 + i % 12:02d}{1 + i % 28:02d}{2005 + i % 15}{1 + i % 12:02d}{1 + i % 2}{i:03d}"


def muat_demo(runtime) -> bool:
    """Loads the demo once (skipped when the DEMO instansi exists), in one transaction, as the
    system; True when loaded. The pegawai are inserted directly (one hash of the shared demo
    password for all of them; argon2 per pegawai would take seconds)."""
    comp = components(runtime)
    password = os.environ.get("KINERJA_DEMO_PASSWORD") or DEMO_PASSWORD
    hashed = comp.passwords.hash(password)  # one hash for the shared demo password
    with runtime.uow() as uow:
        if uow.session.execute(sa.select(instansi.c.id).where(instansi.c.kode == DEMO_KODE)).first():
            return False
        inst = instansi_svc.buat(uow, None, {"nama": "Pemerintah Kabupaten Contoh (Demo)",
                                             "kode": DEMO_KODE,
                                             "pengaturan": {"skema_periode": "BULANAN"}})
        ids: dict[str, str] = {}
        for key, nama, jenis, eselon, atasan, mandiri in UNOR:
            ids[key] = unor_svc.buat(uow, None, {
                "instansi_id": inst["id"], "kode": key.upper(), "nama": nama, "jenis": jenis,
                "eselon": eselon, "unor_atasan_id": ids.get(atasan), "mandiri": mandiri,
                "unor_induk_id": ids.get("badan") if not mandiri else None, "kota": "Contoh"})["id"]
        orang: list[dict] = []
        eselon = {k: e for k, _, _, e, _, _ in UNOR}
        for key, (kepala, jumlah, jabatan, kategori) in ISI.items():
            if kepala:
                orang.append(dict(unor=key, jabatan=kepala, pimpinan=True,
                                  kategori=KATEGORI_KEPALA[eselon[key]]))
            orang += [dict(unor=key, jabatan=jabatan, pimpinan=False, kategori=kategori)] * jumlah
        tahun = date.today().year
        status = {max(i for i, o in enumerate(orang) if o["unor"] == key and not o["pimpinan"]): st
                  for key, st in STATUS_DEMO.items()}
        made = []
        for i, o in enumerate(orang):
            t = now()
            tahun_cpns = 2005 + i % 15  # as in the NIP
            row = {"id": new_id(), "instansi_id": inst["id"], "nip": _nip(i, 1970 + i % 25),
                   "nik": None, "nama": NAMA[i % len(NAMA)], "gelar_depan": None,
                   "gelar_belakang": None, "unor_id": ids[o["unor"]],
                   "jenis_jabatan": "PIMPINAN" if o["pimpinan"] else "PEGAWAI",
                   "jabatan": o["jabatan"], "kategori_jabatan": o["kategori"],
                   "jenjang": _jenjang(o["jabatan"]) if o["kategori"] == "FUNGSIONAL" else None,
                   "golongan": "IV/b" if o["pimpinan"] else GOLONGAN[i % len(GOLONGAN)],
                   # kenaikan pangkat takes effect on 1 April or 1 October
                   "tmt_golongan": date(tahun_cpns + 4, 4 if i % 2 else 10, 1),
                   "status_kepegawaian": status.get(i, "AKTIF"),
                   "tmt_status": date(tahun - 1, 7, 1) if i in status else None,
                   "tmt_jabatan": date(2020, 1, 1), "email": None,
                   "roles": ["admin_instansi", "pegawai"] if i == 1 else ["pegawai"],
                   "non_asn": False, "aktif": True, "password_hash": hashed,
                   "password_changed_at": t, "revisi": 1, "created_at": t, "updated_at": t}
            uow.session.execute(pegawai.insert().values(**row))
            uow.add_event(events.pegawai_diperbarui(row), aggregate_id=row["id"],
                          instansi_id=inst["id"])
            made.append(row)
        plt = next(r for r in made if r["unor_id"] == ids["mutasi"] and r["jenis_jabatan"] == "PIMPINAN")
        plt_svc.buat(uow, None, {"pegawai_id": plt["id"], "unor_id": ids["informasi"], "jenis": "PLT",
                                 "jabatan": "Plt. Kepala Bidang Informasi Kepegawaian",
                                 "mulai": date(tahun, 1, 1), "selesai": date(tahun, 12, 31)})
        periode_svc.generate(uow, None, instansi_id=inst["id"], tahun=tahun, skema="BULANAN")
        uow.commit()
    log.warning("identity: demo data loaded (%d pegawai, shared demo password)", len(made))
    return True


def _jenjang(jabatan: str) -> str | None:
    for kata, jenjang in (("Ahli Pertama", "AHLI_PERTAMA"), ("Ahli Muda", "AHLI_MUDA"),
                          ("Ahli Madya", "AHLI_MADYA"), ("Ahli Utama", "AHLI_UTAMA")):
        if kata in jabatan:
            return jenjang
    return None
