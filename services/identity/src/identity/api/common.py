"""Small helpers the resources share."""
from __future__ import annotations

from marshmallow import validate

from kinerja_shared.runtime import current_runtime

from ..wiring import Components

MMDD = validate.Regexp(r"^\d{2}-\d{2}$", error="Tanggal harus berformat MM-DD.")


def comp() -> Components:
    """identity's own objects (settings, password hasher, key store) for a service function
    that needs them: ``run_command(akun.login, comp(), ...)``."""
    return current_runtime().components
