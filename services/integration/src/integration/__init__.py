"""Kinerja Integration service: Synchronisation with SIASN and PMM (with sandboxes of both), and feeds for national pipelines."""
