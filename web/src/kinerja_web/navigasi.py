"""The menu, per role: each service's screens have their entries here (one line each). An
entry's endpoint must exist, so nothing is shown before its screens are."""
from __future__ import annotations

from flask import current_app, request

MENU = [
    ("Kinerja saya", None, [
        ("Beranda", "beranda.index"),
        ("Perjanjian kinerja", "perjanjian.daftar"),
        ("SKP saya", "skp.daftar"),
        ("Realisasi dan penilaian", "penilaian.daftar"),
        ("Umpan balik perilaku", "penilaian.tugas_perilaku"),
        ("Riwayat predikat", "penilaian.riwayat_saya"),
        ("Keberatan saya", "keberatan.daftar"),
        ("Angka kredit", "angka_kredit.daftar"),
    ]),
    ("Pejabat penilai", None, [
        ("SKP bawahan", "penilai.skp_bawahan"),
        ("Penilaian bawahan", "penilai.penilaian_bawahan"),
        ("Rating massal", "penilai.rating_massal"),
        ("Keberatan bawahan", "keberatan.bawahan"),
    ]),
    ("Administrasi", "admin", [
        ("Unit organisasi", "admin.unor"),
        ("Pegawai", "admin.pegawai"),
        ("Impor data", "admin.impor"),
        ("Periode penilaian", "admin.periode"),
        ("Capaian organisasi", "admin.capaian"),
        ("Perpanjangan pengisian", "admin.perpanjangan"),
        ("Pengaturan instansi", "admin.pengaturan"),
        ("Progres instansi", "admin.progres"),
        ("Monitoring keberatan", "keberatan.monitoring"),
        ("Manajemen angka kredit", "angka_kredit.kelola"),
        ("Laporan dan cetak", "laporan.daftar"),
        ("Sinkron SIASN dan PMM", "integrasi.siasn"),
        ("Pengguna PMM", "pmm.pengguna"),
        ("Kinerja guru", "pmm.kinerja_guru"),
        ("Akun layanan dan webhook", "pipeline.klien"),
    ]),
]


def menu(pengguna) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    if pengguna is None:
        return []
    endpoints = current_app.view_functions
    out = []
    for judul, perlu, entri in MENU:
        if perlu == "admin" and not pengguna.admin:
            continue
        items = [(nama, ep, request.endpoint == ep) for nama, ep in entri if ep in endpoints]
        if items:
            out.append((judul, items))
    return out
