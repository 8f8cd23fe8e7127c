"""Kinerja Keberatan service: Objections (keberatan) to a predikat: filing, the pejabat penilai's explanation, the DKI sanggahan chain, the decision."""
