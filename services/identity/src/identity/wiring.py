"""Per-runtime components of identity (built once, kept on the runtime)."""
from __future__ import annotations

from dataclasses import dataclass

from .adapters.keystore import KeyStore
from .adapters.passwords import Passwords
from .config import IdentitySettings, identity_settings


@dataclass
class Components:
    settings: IdentitySettings
    passwords: Passwords
    keys: KeyStore


def components(runtime) -> Components:
    found = getattr(runtime, "_identity_components", None)
    if found is None:
        settings = identity_settings(runtime)
        found = Components(settings, Passwords(settings), KeyStore(runtime.session_factory))
        runtime._identity_components = found
    return found
