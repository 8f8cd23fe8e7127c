"""Kinerja Penilaian service: Realisasi, umpan balik, perilaku 360, rating, predikat, capaian organisasi dan pola distribusi, model numerik PP 30/2019."""
