"""Who may ask integration for what (API.md: sync requests are the admin_instansi's, for the
caller's own instansi)."""
from __future__ import annotations

from kinerja_shared.errors import Forbidden


def admin_instansi(principal) -> str:
    """The caller's instansi, when the caller administers it (403 otherwise)."""
    if principal is None or not principal.is_admin_instansi or not principal.instansi_id:
        raise Forbidden("Hanya admin instansi yang dapat melakukan tindakan ini.")
    return principal.instansi_id
