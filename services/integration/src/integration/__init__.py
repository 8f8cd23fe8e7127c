"""Kinerja Integrasi service: Sinkronisasi dengan SIASN dan PMM, beserta sandbox keduanya."""
