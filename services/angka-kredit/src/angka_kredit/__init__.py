"""Kinerja Angka Kredit service: Angka kredit of functional positions (PermenPAN-RB 1/2023): conversion of predikat, accumulation, integration of earlier credit, the PAK lifecycle."""
