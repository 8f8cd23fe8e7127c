"""Kinerja Angka Kredit service: Konversi predikat ke angka kredit jabatan fungsional dan siklus PAK (PermenPAN-RB 1/2023)."""
