"""identity's own long-lived objects: built once per runtime by ``build_components`` (the
``ServiceDefinition.components`` factory) and read as ``runtime.components``."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from .adapters.keystore import KeyStore
from .adapters.passwords import Passwords
from .config import MINIMUM_PUBLISH_DELAY, IdentitySettings

log = logging.getLogger("kinerja.identity")


@dataclass
class Components:
    settings: IdentitySettings
    passwords: Passwords
    keys: KeyStore
    issuer: str  # of the tokens identity signs (KINERJA_JWT_ISSUER)
    audience: str  # KINERJA_JWT_AUDIENCE


def build_components(runtime) -> Components:
    """The service's settings (``KINERJA_IDENTITY_*``, read once), password hasher and key
    store."""
    settings = IdentitySettings.from_env(runtime.settings.extra)
    if settings.key_publish_delay < MINIMUM_PUBLISH_DELAY:
        log.warning("KINERJA_IDENTITY_KEY_PUBLISH_DELAY=%s is shorter than %s s: other "
                    "services may refuse (401) the first tokens of a rotated key",
                    settings.key_publish_delay, MINIMUM_PUBLISH_DELAY)
    return Components(settings, Passwords(settings), KeyStore(runtime.session_factory),
                      issuer=runtime.settings.jwt_issuer, audience=runtime.settings.jwt_audience)


def components(runtime) -> Components:
    """``runtime.components`` (typed)."""
    return runtime.components
