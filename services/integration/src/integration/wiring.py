"""integration's own long-lived objects: built once per runtime by ``build_components`` (the
``ServiceDefinition.components`` factory) and read as ``runtime.components``: the settings and
the remote clients (one HTTP connection pool each, shared by a process's threads)."""
from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

from .config import IntegrationSettings


class Components:
    def __init__(self, settings: IntegrationSettings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._siasn: Any = None
        self._pmm: Any = None

    def siasn(self):
        """The SIASN client, or None when SIASN is not configured."""
        from .adapters.siasn import SiasnClient

        with self._lock:
            if self._siasn is None and self.settings.siasn.configured:
                self._siasn = SiasnClient(self.settings.siasn)
            return self._siasn

    def pmm(self):
        from .adapters.pmm import PmmClient

        with self._lock:
            if self._pmm is None and self.settings.pmm.configured:
                self._pmm = PmmClient(self.settings.pmm)
            return self._pmm

    def configure(self, **changes: Any) -> None:
        """Replace settings (the embedded mode points at its sandboxes); clients are rebuilt."""
        with self._lock:
            self.settings = replace(self.settings, **changes)
            for client in (self._siasn, self._pmm):
                if client is not None:
                    client.close()
            self._siasn = self._pmm = None

    def close(self) -> None:
        self.configure()


def build_components(runtime) -> Components:
    return Components(IntegrationSettings.from_env(runtime.settings.extra))


def components(runtime) -> Components:
    """``runtime.components`` (typed)."""
    return runtime.components
