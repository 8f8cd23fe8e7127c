"""Per-runtime components of identity (built once, kept on the runtime)."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from .adapters.keystore import KeyStore
from .adapters.passwords import Passwords
from .config import MINIMUM_PUBLISH_DELAY, IdentitySettings, identity_settings

log = logging.getLogger("kinerja.identity")


@dataclass
class Components:
    settings: IdentitySettings
    passwords: Passwords
    keys: KeyStore


def components(runtime) -> Components:
    found = getattr(runtime, "_identity_components", None)
    if found is None:
        settings = identity_settings(runtime)
        if settings.key_publish_delay < MINIMUM_PUBLISH_DELAY:
            log.warning("KINERJA_IDENTITY_KEY_PUBLISH_DELAY=%s is shorter than %s s: other "
                        "services may refuse (401) the first tokens of a rotated key",
                        settings.key_publish_delay, MINIMUM_PUBLISH_DELAY)
        found = Components(settings, Passwords(settings), KeyStore(runtime.session_factory))
        runtime._identity_components = found
    return found
