"""Perilaku kerja: the seven BerAKHLAK core values and their indicators, as SE MenPAN-RB
20/2021 and PermenPAN-RB 6/2022 (lampiran) word them (DOMAIN.md §3). Every SKP carries all
seven, in this order."""
from __future__ import annotations

ASPEK_PERILAKU: dict[str, tuple[str, str, str]] = {
    "BERORIENTASI_PELAYANAN": (
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif dan dapat diandalkan",
        "Melakukan perbaikan tiada henti",
    ),
    "AKUNTABEL": (
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
        "Menggunakan kekayaan dan BMN secara bertanggung jawab, efektif dan efisien",
        "Tidak menyalahgunakan kewenangan jabatan",
    ),
    "KOMPETEN": (
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik",
    ),
    "HARMONIS": (
        "Menghargai setiap orang apapun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif",
    ),
    "LOYAL": (
        "Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, pimpinan, instansi dan negara",
        "Menjaga rahasia jabatan dan negara",
    ),
    "ADAPTIF": (
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif",
    ),
    "KOLABORATIF": (
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
    ),
}

PENILAI_PERILAKU = ("ATASAN", "REKAN", "BAWAHAN")
