"""Kinerja SKP service: Perjanjian Kinerja dan Sasaran Kinerja Pegawai (PermenPAN-RB 6/2022 dan PP 30/2019): RHK, indikator, perilaku, Matriks Peran Hasil, alur persetujuan."""
