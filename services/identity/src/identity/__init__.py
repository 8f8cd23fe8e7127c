"""Kinerja identity service: accounts and login, instansi, unit organisasi (unor), pegawai, PLT/PLH, periode penilaian, and the relasi penilai."""
