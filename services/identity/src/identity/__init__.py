"""Kinerja Identitas service: Akun dan login, instansi, unit organisasi (unor), pegawai, PLT/PLH, periode penilaian, dan relasi penilai."""
