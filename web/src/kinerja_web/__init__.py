"""The Kinerja web UI (docs/services/web.md)."""
