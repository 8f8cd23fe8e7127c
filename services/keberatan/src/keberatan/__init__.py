"""Kinerja Keberatan service: Keberatan atas predikat kinerja: pengajuan, penjelasan, sanggahan, keputusan."""
