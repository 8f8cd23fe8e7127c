"""Kinerja Pelaporan service: Laporan Excel, dokumen PDF, cetak massal dan kepatuhan."""
